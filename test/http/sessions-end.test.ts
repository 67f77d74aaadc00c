// Signing out ends the session on the server, not only in the browser: a copy of the old cookie (kept by an
// attacker, a shared computer's history, or a proxy log) must not sign anyone back in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { sha256 } from '../../src/services/secrets.ts';
import { SESSION_COOKIE } from '../../src/http/request-context.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, type TestApp } from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
});
afterAll(() => t.close());

/** A request carrying exactly this cookie, as a replayed copy would. */
const replay = (url: string, cookie: string, method: 'GET' | 'POST' = 'GET', headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { cookie: `${SESSION_COOKIE}=${cookie}`, ...headers } });

const storedSession = (cookie: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(sessions)
      .where(eq(sessions.id, sha256(cookie))),
  );

describe('signing out ends the session on the server', () => {
  it.each([
    ['a member of staff', () => signInFor(rows, 'pa'), '/caseload'],
    ['a young person', () => rows.accounts[0].username, '/my-plan'],
  ])('%s: the old cookie, replayed after sign-out, is not signed in', async (_who, login, page) => {
    const agent = new Agent(t.app, '10.31.0.1');
    await agent.signIn(login(), PASSWORD);
    const cookie = agent.cookie(SESSION_COOKIE)!;
    const token = await agent.csrf('/');
    // Before: the copied cookie works on its own, so the checks below are about signing out, nothing else.
    expect((await replay(page, cookie)).statusCode).toBe(200);
    expect(await storedSession(cookie)).toHaveLength(1);

    const out = await agent.post('/sign-out', {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/sign-in?signed-out=1');

    const again = await replay(page, cookie);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/sign-in?next=${encodeURIComponent(page)}`);
    expect((await replay('/', cookie)).statusCode).toBe(303);
    const kept = await replay('/session/keep-alive', cookie, 'POST', {
      'x-csrf-token': token,
      accept: 'application/json',
    });
    expect(kept.statusCode, 'keep-alive refused (401, or 403 as the old token no longer matches anything)').toBeOneOf([
      401, 403,
    ]);
    expect(kept.body).not.toContain('"ok":true');
    expect(await storedSession(cookie)).toHaveLength(0);
  });
});
