// Every refusal is audited (issue 7, item 8), not only refused record reads: a role without the
// capability, a young person on a staff page, a worker outside the team, a missing CSRF token.
// Each refused request leaves exactly one 'denied' row carrying its request id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<string, Agent> = {};
let mine = '';
let otherTeams = '';
let othersReview = '';
let ownYoungPerson = '';

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
  for (const [i, who] of (['pa', 'tm', 'iro', 'sm', 'admin'] as const).entries()) {
    as[who] = new Agent(t.app, `10.8.0.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
  as.yp = new Agent(t.app, '10.8.1.1');
  await as.yp.signIn(rows.accounts[0].username, PASSWORD);
  ownYoungPerson = rows.accounts[0].youngPersonId;
  const pa = staffByLocal(rows, 'pa');
  mine = rows.youngPeople.find((y) => y.personalAdviserId === pa.id && !y.restricted)!.id!;
  otherTeams = rows.youngPeople.find(
    (y) => y.teamId !== pa.teamId && y.personalAdviserId !== pa.id && y.socialWorkerId !== pa.id && !y.restricted,
  )!.id!;
  othersReview = rows.reviews.find((r) => r.youngPersonId !== ownYoungPerson)!.id!;
}, 60_000);
afterAll(() => t.close());

let n = 0;
async function refusedRows(requestId: string) {
  return t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.outcome, 'denied'))),
  );
}

// Addresses name people by role: :mine (the adviser's own case), :otherTeams, :own (the signed-in
// young person), :othersReview, :otherTeam.
type Case = [who: string, method: 'GET' | 'POST', path: string, csrf?: false];
const cases: Case[] = [
  ['pa', 'GET', '/young-people/:mine/audit'],
  ['pa', 'GET', '/young-people/:otherTeams'],
  ['pa', 'POST', '/young-people/:otherTeams/reviews'],
  ['pa', 'GET', '/admin/staff'],
  ['pa', 'POST', '/young-people/:mine/reviews', false],
  ['tm', 'GET', '/team?team=:otherTeam'],
  ['iro', 'POST', '/young-people/:mine/reviews'],
  ['iro', 'POST', '/young-people/:mine/invitations'],
  ['sm', 'POST', '/young-people/:mine/invitations'],
  ['sm', 'GET', '/admin/policy'],
  ['admin', 'GET', '/young-people/:mine'],
  ['admin', 'GET', '/caseload'],
  ['yp', 'GET', '/young-people'],
  ['yp', 'GET', '/caseload'],
  ['yp', 'GET', '/approvals'],
  ['yp', 'GET', '/young-people/:own/audit'],
  ['yp', 'GET', '/reviews/:othersReview'],
  ['yp', 'POST', '/young-people/:own/reviews'],
];
const resolve = (path: string) =>
  path
    .replace(':mine', mine)
    .replace(':otherTeams', otherTeams)
    .replace(':own', ownYoungPerson)
    .replace(':othersReview', othersReview)
    .replace(':otherTeam', rows.teams.find((x) => x.id !== staffByLocal(rows, 'tm').teamId)!.id!);

describe('every refusal leaves one denied row in the audit trail', () => {
  it.each(cases)('%s %s %s', async (who, method, path, csrf) => {
    const requestId = `refusal-test-${++n}-${Date.now()}`;
    const agent = as[who];
    const headers = { 'x-request-id': requestId };
    const url = resolve(path);
    const response =
      method === 'GET'
        ? await agent.get(url, headers)
        : await agent.post(url, {}, { headers, ...(csrf === false ? { csrf: false } : {}) });
    expect(response.statusCode).toBe(403);
    const found = await refusedRows(requestId);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ councilId: rows.council.id, actorKind: who === 'yp' ? 'young_person' : 'staff' });
    expect(found[0].action).not.toBe('');
  });

  it('names what was refused: the capability, and the young person when the address names one', async () => {
    const requestId = `refusal-detail-${Date.now()}`;
    await as.pa.get(`/young-people/${mine}/audit`, { 'x-request-id': requestId });
    const [row] = await refusedRows(requestId);
    expect(row).toMatchObject({ action: 'audit.view', youngPersonId: mine, actorId: staffByLocal(rows, 'pa').id });
    expect(row.details).toMatchObject({ method: 'GET', route: '/young-people/:id/audit' });
  });
});
