// The approval queue: a team manager sees the plans waiting in their own team, never another team's and
// never a restricted record they are not named on; a service manager sees every team's, but not restricted
// records they are not named on. Checked against what is in the database, not only against made-up rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { restrictedRecordAccess, reviews, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addReview, addYoungPerson, type ReviewStage } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
const made: Record<'ownTeam' | 'otherTeam' | 'restricted' | 'notYet', string> = {} as never;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 80 });
  const pa = staffByLocal(rows, 'pa');
  const tm = staffByLocal(rows, 'tm');
  const otherTeam = rows.teams.find((team) => team.id !== tm.teamId)!;
  const otherManager = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === otherTeam.id)!;
  const otherWorker = rows.staff.find((s) => s.role === 'personal_adviser' && s.teamId === otherTeam.id)!;
  const plan = async (teamId: string, adviserId: string, managerId: string, stage: ReviewStage, restricted = false) => {
    const yp = await addYoungPerson(t.db, rows, { personalAdviserId: adviserId, teamId, dateOfBirth: '2008-03-01' });
    if (restricted) {
      // Named: only their adviser. Not the team manager, not the service manager.
      await t.db.system(async (tx) => {
        await tx.update(youngPeople).set({ restricted: true }).where(eq(youngPeople.id, yp.id));
        await tx
          .insert(restrictedRecordAccess)
          .values({ councilId: rows.council.id, youngPersonId: yp.id, staffId: adviserId });
      });
    }
    return (await addReview(t.db, rows, { youngPersonId: yp.id, adviserId, managerId, stage })).id;
  };
  made.ownTeam = await plan(tm.teamId!, pa.id, tm.id, 'awaiting_approval');
  made.otherTeam = await plan(otherTeam.id, otherWorker.id, otherManager.id, 'awaiting_approval');
  made.restricted = await plan(tm.teamId!, pa.id, tm.id, 'awaiting_approval', true);
  made.notYet = await plan(tm.teamId!, pa.id, tm.id, 'awaiting_signatures');
}, 60_000);
afterAll(() => t.close());

/** Every plan waiting for approval in this council, with what decides who may see it. */
async function waiting() {
  const found = await t.db.system((tx) =>
    tx
      .select({
        id: reviews.id,
        youngPersonId: reviews.youngPersonId,
        teamId: youngPeople.teamId,
        restricted: youngPeople.restricted,
      })
      .from(reviews)
      .innerJoin(youngPeople, eq(youngPeople.id, reviews.youngPersonId))
      .where(and(eq(reviews.councilId, rows.council.id), eq(reviews.state, 'awaiting_approval'))),
  );
  const named = await t.db.system((tx) =>
    tx.select().from(restrictedRecordAccess).where(eq(restrictedRecordAccess.councilId, rows.council.id)),
  );
  return found.map((r) => ({
    ...r,
    namedStaff: named.filter((n) => n.youngPersonId === r.youngPersonId).map((n) => n.staffId),
  }));
}

/** The plans the queue page links to. */
async function queueOf(who: 'tm' | 'sm'): Promise<string[]> {
  const agent = new Agent(t.app, who === 'tm' ? '10.33.0.1' : '10.33.0.2');
  await agent.signIn(signInFor(rows, who), PASSWORD);
  const page = await agent.get('/approvals');
  expect(page.statusCode).toBe(200);
  return [...page.body.matchAll(/href="\/reviews\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
}

describe('the approval queue', () => {
  it("a team manager sees every plan waiting in their team, and no other team's or restricted record", async () => {
    const tm = staffByLocal(rows, 'tm');
    const shown = await queueOf('tm');
    const all = await waiting();
    const mayNotSee = all
      .filter((r) => r.teamId !== tm.teamId || (r.restricted && !r.namedStaff.includes(tm.id)))
      .map((r) => r.id);
    const mustSee = all.filter((r) => r.teamId === tm.teamId && !r.restricted).map((r) => r.id);
    expect(mustSee).toContain(made.ownTeam);
    expect(mayNotSee).toEqual(expect.arrayContaining([made.otherTeam, made.restricted]));
    expect(shown).toEqual(expect.arrayContaining(mustSee));
    expect(shown.filter((id) => mayNotSee.includes(id))).toEqual([]);
    expect(shown).not.toContain(made.notYet);
  });

  it("a service manager sees every team's plans, but not a restricted record they are not named on", async () => {
    const sm = staffByLocal(rows, 'sm');
    const shown = await queueOf('sm');
    const all = await waiting();
    const mayNotSee = all.filter((r) => r.restricted && !r.namedStaff.includes(sm.id)).map((r) => r.id);
    const mustSee = all.filter((r) => !r.restricted).map((r) => r.id);
    expect(mustSee).toEqual(expect.arrayContaining([made.ownTeam, made.otherTeam]));
    expect(new Set(all.filter((r) => !r.restricted).map((r) => r.teamId)).size).toBeGreaterThan(1);
    expect(mayNotSee).toContain(made.restricted);
    expect(shown).toEqual(expect.arrayContaining(mustSee));
    expect(shown.filter((id) => mayNotSee.includes(id))).toEqual([]);
    expect(shown).not.toContain(made.notYet);
  });
});
