// What the logs hold (issue 7, item 11): requests are logged at info level with the route but not
// the search words (`/young-people?q=Smith` is logged as `?q=[redacted]`) nor an invitation token;
// a failed query is logged with its request id, type, SQLSTATE and the SQL text, but not its
// parameters nor PostgreSQL's `detail` ("Key (lower(email))=(…)"). The test reads the real pino
// output: the app's logger writes to a stream the test holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { staff } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;
let pa: Agent;
const written: string[] = [];
/** A name and an email that only ever reach the database as a failed query's parameters. */
const SECRET_NAME = 'Marigold Featherstonehaugh';
const FAILING_ROUTE = '/test/failing-query';

type LogLine = { level: number; msg: string; reqId?: string; req?: { url: string }; err?: Record<string, unknown> };

beforeAll(async () => {
  t = await buildTestApp(
    undefined,
    {},
    {
      logger: { level: 'info', stream: { write: (line: string) => void written.push(line) } },
      // A route that fails the way a query can: a unique clash, with a name and an email as parameters.
      extend: (app, services) =>
        app.get(FAILING_ROUTE, async () => {
          const existing = staffByLocal(rows, 'pa');
          await services.db.system((tx) =>
            tx.insert(staff).values({
              councilId: rows.council.id,
              displayName: SECRET_NAME,
              email: existing.email.toUpperCase(),
              role: 'personal_adviser',
            }),
          );
          return { ok: true };
        }),
    },
  );
  rows = await buildCouncil(t.db, { youngPeople: 30 });
  pa = new Agent(t.app, '10.13.0.1');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
}, 60_000);
afterAll(() => t.close());

/** Every line logged while answering this request, as written, and parsed. */
function logOf(response: LightMyRequestResponse) {
  const requestId = String(response.headers['x-request-id']);
  const raw = written.filter((line) => (JSON.parse(line) as LogLine).reqId === requestId);
  return { requestId, raw: raw.join(''), lines: raw.map((line) => JSON.parse(line) as LogLine) };
}

describe('request logs', () => {
  it('a search is logged at info level with its route, not with the name searched for', async () => {
    // A name that no log line holds by chance (not "Young", which is in the route).
    const inRoute = (name: string) => '/young-people'.includes(name.toLowerCase());
    const someone = rows.youngPeople.find((y) => y.familyName.length > 4 && !inRoute(y.familyName))!;
    const response = await pa.get(`/young-people?q=${encodeURIComponent(someone.familyName)}&page=1`);
    expect(response.statusCode).toBe(200);
    const log = logOf(response);
    const incoming = log.lines.find((l) => l.msg === 'incoming request');
    expect(incoming).toMatchObject({ level: 30, req: { url: '/young-people?q=[redacted]&page=[redacted]' } });
    expect(log.lines.some((l) => l.msg === 'request completed')).toBe(true);
    expect(log.raw).not.toContain(someone.familyName);
    expect(log.raw.toLowerCase()).not.toContain(someone.familyName.toLowerCase());
  });

  it('an invitation link is logged without its token', async () => {
    const token = 'k'.repeat(43);
    const log = logOf(await pa.get(`/invite/${token}`));
    expect(log.lines.find((l) => l.msg === 'incoming request')?.req?.url).toBe('/invite/[redacted]');
    expect(log.raw).not.toContain(token);
  });
});

describe('error logs', () => {
  it('a failed query is logged with its request id and database code, without its parameters or detail', async () => {
    const existing = staffByLocal(rows, 'pa');
    const response = await pa.get(FAILING_ROUTE, { accept: 'application/json' });
    expect(response.statusCode).toBe(500);
    const log = logOf(response);
    // The person who reports the fault quotes this reference; it finds the log line.
    expect((response.json() as { requestId: string }).requestId).toBe(log.requestId);
    const failed = log.lines.find((l) => l.msg === 'request failed');
    expect(failed, 'the error is logged').toBeDefined();
    expect(failed!.level).toBe(50);
    expect(failed!.err).toMatchObject({
      type: 'DrizzleQueryError',
      query: expect.stringContaining('insert into "staff"'),
      message: expect.stringContaining('params: [redacted]'),
      cause: { code: '23505', constraint: 'staff_email_key' },
    });
    expect(log.lines.find((l) => l.msg === 'incoming request')?.req?.url).toBe(FAILING_ROUTE);
    for (const value of [SECRET_NAME, existing.email, existing.email.toUpperCase(), rows.council.id]) {
      expect(log.raw, `"${value}" in the error log`).not.toContain(value);
    }
    expect(log.raw).not.toMatch(/"(params|detail|parameters)"/);
  });
});
