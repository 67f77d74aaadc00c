// What an audit row says about a look at a plan or a search (issue 7, item 12): which version of
// the plan was read (and which one "latest" turned out to be), as a page or which PDF; and what
// was searched for. Each test reads the rows its own request wrote back from the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditEvents } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addApprovedPlans } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<'pa' | 'yp' | 'outsider', Agent> = {} as never;
/** A young person on the adviser's caseload with two approved versions, and the signed-in young person. */
let theirs: { id: string; versions: number[] };
let own: { id: string; versions: number[] };

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
  const pa = staffByLocal(rows, 'pa');
  const onCaseload = rows.youngPeople.find((y) => y.personalAdviserId === pa.id && !y.restricted)!;
  theirs = { id: onCaseload.id, versions: await addApprovedPlans(t.db, rows, onCaseload.id, 2) };
  const ownId = rows.accounts[0].youngPersonId;
  own = { id: ownId, versions: await addApprovedPlans(t.db, rows, ownId, 2) };
  as.pa = new Agent(t.app, '10.12.0.1');
  await as.pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  as.yp = new Agent(t.app, '10.12.0.2');
  await as.yp.signIn(rows.accounts[0].username, PASSWORD);
  // A worker in another team, who may not read this young person's plan.
  const outsider = rows.staff.find(
    (s) => s.role === 'personal_adviser' && s.teamId !== pa.teamId && s.active !== false,
  );
  if (!outsider) throw new Error('no adviser in another team');
  as.outsider = new Agent(t.app, '10.12.0.3');
  await as.outsider.signIn(outsider.email, PASSWORD);
}, 60_000);
afterAll(() => t.close());

/** The audit rows written while answering this one request. */
async function rowsOf(response: LightMyRequestResponse) {
  const requestId = String(response.headers['x-request-id']);
  const byRequest = eq(auditEvents.requestId, requestId);
  return t.db.system((tx) => tx.select().from(auditEvents).where(byRequest).orderBy(auditEvents.id));
}

async function planViewOf(response: LightMyRequestResponse) {
  const found = (await rowsOf(response)).filter((r) => r.action === 'plan.view');
  expect(found, 'one plan.view row for the request').toHaveLength(1);
  return found[0];
}

describe('a look at an approved plan is recorded with its version and format', () => {
  it.each([
    ['the page', '', 'page'],
    ['the whole-plan PDF', '/pdf', 'pdf-whole'],
    ['the planning-only PDF', '/pdf?part=planning', 'pdf-planning'],
  ] as const)('a worker opening version 1 as %s', async (_name, suffix, format) => {
    const response = await as.pa.get(`/young-people/${theirs.id}/plans/${theirs.versions[0]}${suffix}`);
    expect(response.statusCode).toBe(200);
    const row = await planViewOf(response);
    expect(row).toMatchObject({ outcome: 'allowed', youngPersonId: theirs.id, actorKind: 'staff' });
    expect(row.details).toEqual({ requested: theirs.versions[0], version: theirs.versions[0], format });
  });

  it.each([
    ['their plan page', '/my-plan/approved', 'page'],
    ['the whole-plan PDF', '/my-plan/approved/pdf', 'pdf-whole'],
    ['the planning-only PDF', '/my-plan/approved/pdf?part=planning', 'pdf-planning'],
  ] as const)(
    'a young person asking for the latest plan as %s: the row names which version',
    async (_n, url, format) => {
      const response = await as.yp.get(url);
      expect(response.statusCode).toBe(200);
      const row = await planViewOf(response);
      expect(row).toMatchObject({
        outcome: 'allowed',
        actorKind: 'young_person',
        actorId: own.id,
        youngPersonId: own.id,
      });
      expect(row.details).toEqual({ requested: 'latest', version: own.versions.at(-1), format });
    },
  );

  it('an earlier version of their own plan, and a version that does not exist', async () => {
    const earlier = await as.yp.get(`/my-plan/versions/${own.versions[0]}/pdf`);
    expect(earlier.statusCode).toBe(200);
    const first = own.versions[0];
    expect((await planViewOf(earlier)).details).toEqual({ requested: first, version: first, format: 'pdf-whole' });
    const missing = await as.yp.get('/my-plan/versions/99');
    expect(missing.statusCode).toBe(404);
    expect((await planViewOf(missing)).details).toEqual({ requested: 99, version: null, format: 'page' });
  });

  it('a refused look is recorded with what was asked for', async () => {
    const response = await as.outsider.get(`/young-people/${theirs.id}/plans/${theirs.versions[1]}/pdf?part=planning`);
    expect(response.statusCode).toBe(403);
    const row = await planViewOf(response);
    expect(row).toMatchObject({ outcome: 'denied', youngPersonId: theirs.id });
    expect(row.details).toEqual({ requested: theirs.versions[1], format: 'pdf-planning' });
  });
});

describe('a search is recorded with what was searched for', () => {
  it('the search text is on the list.search row', async () => {
    const someone = rows.youngPeople.find((y) => !y.restricted)!;
    const response = await as.pa.get(`/young-people?q=${encodeURIComponent(`  ${someone.familyName} `)}`);
    expect(response.statusCode).toBe(200);
    const [row] = (await rowsOf(response)).filter((r) => r.action === 'list.search');
    expect(row).toMatchObject({ outcome: 'allowed', actorKind: 'staff', entityType: 'young_person_list' });
    expect(row.details).toMatchObject({ search: someone.familyName });
  });

  it('other lists record no search', async () => {
    const [row] = (await rowsOf(await as.pa.get('/caseload'))).filter((r) => r.action === 'list.caseload');
    expect(row.details).toMatchObject({ search: null });
  });
});
