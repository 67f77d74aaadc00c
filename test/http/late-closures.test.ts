// Late closures (issue 11 §3): the open cases whose closure day (closure.ts closureDue: core support end
// at 21, the day they said no, or 25 when they asked) has passed, for team and service managers, counted by
// team with links; the listing audited; a worker refused.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<string, Agent> = {};
// Born 20 Jan 2004, left care at 18: 22 on the test day (23 Nov 2026), core support ended on 20 Jan 2025.
const AT_22 = { dateOfBirth: '2004-01-20', episodes: [{ start: '2018-01-01', end: '2022-01-20' }] };
const people: Record<string, { id: string; familyName: string }> = {};

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  const tm = staffByLocal(rows, 'tm');
  const pa = rows.staff.find((s) => s.role === 'personal_adviser' && s.teamId === tm.teamId)!;
  const otherTeam = rows.teams.find((team) => team.id !== tm.teamId)!;
  const otherPa = rows.staff.find((s) => s.role === 'personal_adviser' && s.teamId === otherTeam.id) ?? pa;
  const add = async (key: string, teamId: string, adviserId: string, set: Partial<typeof youngPeople.$inferInsert>) => {
    people[key] = await addYoungPerson(t.db, rows, {
      ...AT_22,
      teamId,
      personalAdviserId: adviserId,
      familyName: `Latecase${key}`,
    });
    if (Object.keys(set).length)
      await t.db.system((tx) => tx.update(youngPeople).set(set).where(eq(youngPeople.id, people[key].id)));
  };
  await add('Unasked', tm.teamId!, pa.id, {});
  await add('Declined', tm.teamId!, pa.id, { supportAfter21DeclinedOn: '2026-03-01' });
  await add('Asked', tm.teamId!, pa.id, { supportAfter21RequestedOn: '2025-01-02' });
  await add('Closed', tm.teamId!, pa.id, { caseStatus: 'closed', closedOn: '2025-02-01', closureReason: 'Other' });
  await add('Elsewhere', otherTeam.id, otherPa.id, {});
  for (const who of ['tm', 'sm', 'pa'] as const) {
    as[who] = new Agent(t.app, `10.13.0.${Object.keys(as).length + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
}, 60_000);
afterAll(() => t.close());

const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('late closures', () => {
  it('lists a team manager’s open cases past their closure day, with the day and the rule; not those who asked or are closed', async () => {
    const response = await as.tm.get('/closures/late');
    expect(response.statusCode).toBe(200);
    const page = words(response.body);
    // No request after 21: due when core support ended, on the 21st birthday (s23C(6)).
    expect(page).toMatch(/LatecaseUnasked[\s\S]*?20 January 2025 672 Core support ends/);
    expect(response.body).toContain(`href="/young-people/${people.Unasked.id}"`);
    // Said no at 22: due the day they said no.
    expect(page).toMatch(/LatecaseDeclined[\s\S]*?1 March 2026 267 They said they did not want support after 21/);
    // Asked for support to 25: not due until 20 Jan 2029. A closed case is not late.
    expect(page).not.toContain('LatecaseAsked');
    expect(page).not.toContain('LatecaseClosed');
    // Another team's case is not this team manager's.
    expect(page).not.toContain('LatecaseElsewhere');
    const audit = await auditRowsOf(t.db, response);
    expect(audit).toMatchObject([{ action: 'list.late-closures', outcome: 'allowed' }]);
  });

  it('shows a service manager every team, counted, each count linking to the team’s list', async () => {
    const response = await as.sm.get('/closures/late');
    expect(response.statusCode).toBe(200);
    const page = words(response.body);
    expect(page).toContain('LatecaseUnasked');
    expect(page).toContain('LatecaseElsewhere');
    const elsewhere = rows.teams.find((team) => team.id !== staffByLocal(rows, 'tm').teamId)!;
    expect(response.body).toContain(`href="/closures/late?team=${elsewhere.id}"`);
    const one = words((await as.sm.get(`/closures/late?team=${elsewhere.id}`)).body);
    expect(one).toContain('LatecaseElsewhere');
    expect(one).not.toContain('LatecaseUnasked');
  });

  it('a team manager cannot ask for another team; a worker cannot see the page (refused, audited)', async () => {
    const elsewhere = rows.teams.find((team) => team.id !== staffByLocal(rows, 'tm').teamId)!;
    expect((await as.tm.get(`/closures/late?team=${elsewhere.id}`)).statusCode).toBe(403);
    const refused = await as.pa.get('/closures/late');
    expect(refused.statusCode).toBe(403);
    expect(await auditRowsOf(t.db, refused)).toMatchObject([{ outcome: 'denied', action: 'record.close' }]);
  });

  it('the record page says the same: due to close, overdue, on the same day', async () => {
    const page = words((await as.tm.get(`/young-people/${people.Declined.id}`)).body);
    expect(page).toContain('Overdue Close the case 1 March 2026');
    expect(page).toContain('Overdue Due to close on 1 March 2026');
  });
});
