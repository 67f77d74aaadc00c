// Issue 10 §7: "a young person who changed team (counted in the team they were in on the as-at date —
// keep allocation history)". A looked-after 17-year-old moves from one team's adviser to another's;
// Dorset's table counts them in the first team before the move and in the second after it, through
// the page's own read of the allocation history (the domain's rule has its unit table; this checks
// the records reach it).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
});
afterAll(() => t.close());

const BEFORE_MOVE = '2026-06-30';
const MOVED_ON = '2026-08-01';

/** Dorset's table as a service manager downloads it: young people counted per team name. */
async function countsOn(agent: Agent, asAt: string): Promise<Map<string, number>> {
  const r = await agent.get(`/performance/plans-16-17.csv?asAt=${asAt}`);
  expect(r.statusCode).toBe(200);
  const lines = r.body.trim().split('\r\n').slice(1);
  return new Map(lines.map((line) => [line.split(',')[0], Number(line.split(',')[1])]));
}

describe('a young person who changed team', () => {
  it('is counted in the team they were in on the as-at date, before and after the move, and in no team once unallocated', async () => {
    const advisers = rows.staff.filter((s) => s.role === 'personal_adviser' && s.active !== false);
    const from = advisers[0];
    const to = advisers.find((s) => s.teamId !== from.teamId)!;
    const teamName = (id: string) => rows.teams.find((x) => x.id === id)!.name;
    const sm = new Agent(t.app);
    expect((await sm.post('/sign-in', { login: signInFor(rows, 'sm'), password: PASSWORD })).statusCode).toBe(303);
    const before = { early: await countsOn(sm, BEFORE_MOVE), late: await countsOn(sm, TODAY) };

    // 16 before the move, 17 after it, in care throughout.
    const mover = await addYoungPerson(t.db, rows, {
      dateOfBirth: '2009-09-01',
      episodes: [{ start: '2021-03-01', legalStatus: 'C2' }],
      personalAdviserId: from.id,
      teamId: from.teamId!,
    });
    await t.db.system(async (tx) => {
      await tx
        .update(allocations)
        .set({ endDate: MOVED_ON })
        .where(and(eq(allocations.youngPersonId, mover.id), eq(allocations.staffId, from.id)));
      await tx.insert(allocations).values({
        councilId: rows.council.id,
        youngPersonId: mover.id,
        staffId: to.id,
        allocationRole: 'personal_adviser',
        startDate: MOVED_ON,
      });
      await tx
        .update(youngPeople)
        .set({ teamId: to.teamId!, personalAdviserId: to.id })
        .where(eq(youngPeople.id, mover.id));
    });

    // Another whose adviser's allocation ended with no one after: in no team from that day.
    const unallocated = await addYoungPerson(t.db, rows, {
      dateOfBirth: '2009-10-01',
      episodes: [{ start: '2021-03-01', legalStatus: 'C2' }],
      personalAdviserId: from.id,
      teamId: from.teamId!,
    });
    await t.db.system((tx) =>
      tx
        .update(allocations)
        .set({ endDate: MOVED_ON })
        .where(and(eq(allocations.youngPersonId, unallocated.id), eq(allocations.staffId, from.id))),
    );

    const after = { early: await countsOn(sm, BEFORE_MOVE), late: await countsOn(sm, TODAY) };
    const gained = (was: Map<string, number>, now: Map<string, number>, team: string) =>
      (now.get(team) ?? 0) - (was.get(team) ?? 0);
    const [a, b] = [teamName(from.teamId!), teamName(to.teamId!)];
    const gains = (was: Map<string, number>, now: Map<string, number>) => ({
      a: gained(was, now, a),
      b: gained(was, now, b),
      none: gained(was, now, 'No team'),
      all: gained(was, now, 'All teams'),
    });
    expect(gains(before.early, after.early)).toEqual({ a: 2, b: 0, none: 0, all: 2 });
    expect(gains(before.late, after.late)).toEqual({ a: 0, b: 1, none: 1, all: 2 });
  });
});
