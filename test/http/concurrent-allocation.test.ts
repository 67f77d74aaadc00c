// Two people allocating a case, or changing a young person's details, at the same moment (issue 11 §1):
// one change is saved and the other is refused as a conflict, never both half-saved and never one lost
// without a word. PGlite runs one transaction at a time, so the race only shows on PostgreSQL; the test
// runs on both and sends real concurrent requests through the app.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, auditEvents, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';

const ROUNDS = 8;
let t: TestApp;
let rows: CouncilRows;
let tm: Agent;
let sm: Agent;
let pa: Agent;
let sw: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  [tm, sm, pa, sw] = ['tm', 'sm', 'pa', 'sw'].map((_, i) => new Agent(t.app, `10.12.0.${i + 1}`));
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
  await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  await sw.signIn(signInFor(rows, 'sw'), PASSWORD);
}, 60_000);
afterAll(() => t.close());

const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];

/** Opens a page (for its version and token) as a person would, then returns a save to send later. */
async function prepare(agent: Agent, page: string, form: Record<string, string>) {
  const opened = await agent.get(page);
  expect(opened.statusCode).toBe(200);
  const csrf = await agent.csrf();
  const version = versionOn(opened.body);
  return () => agent.post(page, { ...form, version }, { csrf });
}

const conflicts = (id: string, action: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.youngPersonId, id), eq(auditEvents.action, action))),
  );

describe('at the same moment', () => {
  it(`two managers allocate different advisers, ${ROUNDS} rounds: one is allocated, the other told`, async () => {
    const manager = staffByLocal(rows, 'tm');
    const advisers = rows.staff.filter(
      (s) => s.role === 'personal_adviser' && s.teamId === manager.teamId && s.active !== false,
    );
    for (let round = 0; round < ROUNDS; round++) {
      const person = await addYoungPerson(t.db, rows, {
        personalAdviserId: advisers[0].id,
        teamId: manager.teamId!,
        dateOfBirth: '2009-03-01',
        episodes: [{ start: '2021-01-01' }],
      });
      const page = `/young-people/${person.id}/allocation/personal-adviser`;
      const on = { 'startDate-day': String(round + 1), 'startDate-month': '11', 'startDate-year': '2026' };
      const saves = [
        await prepare(tm, page, { action: 'allocate', staffId: advisers[1].id, ...on }),
        await prepare(sm, page, { action: 'allocate', staffId: advisers[2].id, ...on }),
      ];
      const results = await Promise.all(saves.map((send) => send()));
      expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
      const winner = results[0].statusCode === 303 ? advisers[1].id : advisers[2].id;
      const open = await t.db.system((tx) =>
        tx
          .select()
          .from(allocations)
          .where(and(eq(allocations.youngPersonId, person.id), isNull(allocations.endDate))),
      );
      expect(open.map((a) => a.staffId)).toEqual([winner]);
      const [row] = await t.db.system((tx) => tx.select().from(youngPeople).where(eq(youngPeople.id, person.id)));
      expect(row).toMatchObject({ personalAdviserId: winner, version: 2 });
      expect(await conflicts(person.id, 'allocation.conflict')).toHaveLength(1);
    }
  });

  it(`two workers change the details, ${ROUNDS} rounds: the saved words are one person's, the other sees both`, async () => {
    const adviser = staffByLocal(rows, 'pa');
    const socialWorker = staffByLocal(rows, 'sw');
    const person = await addYoungPerson(t.db, rows, {
      personalAdviserId: adviser.id,
      teamId: adviser.teamId!,
      dateOfBirth: '2009-03-01',
    });
    await t.db.system((tx) =>
      tx.update(youngPeople).set({ socialWorkerId: socialWorker.id }).where(eq(youngPeople.id, person.id)),
    );
    const form = (needs: string) => ({
      givenName: person.givenName,
      familyName: person.familyName,
      preferredName: '',
      sex: 'female',
      ethnicity: '',
      upn: '',
      unaccompaniedAsylumSeeking: 'no',
      firstLanguage: '',
      interpreterNeeded: 'no',
      communicationNeeds: needs,
    });
    const page = `/young-people/${person.id}/details`;
    for (let round = 0; round < ROUNDS; round++) {
      const mine = `Adviser's note, round ${round}`;
      const theirs = `Social worker's note, round ${round}`;
      const saves = [await prepare(pa, page, form(mine)), await prepare(sw, page, form(theirs))];
      const results = await Promise.all(saves.map((send) => send()));
      expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
      const [saved, refused] = results[0].statusCode === 303 ? [mine, results[1]] : [theirs, results[0]];
      const [row] = await t.db.system((tx) => tx.select().from(youngPeople).where(eq(youngPeople.id, person.id)));
      expect(row.communicationNeeds).toBe(saved);
      // The refused person's words are still in their form, and what was saved is beside them.
      const other = saved === mine ? theirs : mine;
      expect(refused.body).toContain(`${other.replace("'", '&#39;')}</textarea>`);
      expect(refused.body).toContain(saved.replace("'", '&#39;'));
    }
    expect(await conflicts(person.id, 'young-person.update-conflict')).toHaveLength(ROUNDS);
  });

  it(`two managers add young people with the same reference, ${ROUNDS} rounds: one is added, the other told`, async () => {
    const teamId = staffByLocal(rows, 'tm').teamId!;
    for (let round = 0; round < ROUNDS; round++) {
      const reference = `RACE${round}${Date.now() % 100000}`;
      const form = {
        reference,
        teamId,
        givenName: 'Sam',
        familyName: `Round ${round}`,
        preferredName: '',
        sex: 'male',
        ethnicity: '',
        upn: '',
        unaccompaniedAsylumSeeking: 'no',
        firstLanguage: '',
        interpreterNeeded: 'no',
        communicationNeeds: '',
        ageAssessed: 'no',
        'dateOfBirth-day': '1',
        'dateOfBirth-month': '2',
        'dateOfBirth-year': '2009',
      };
      const saves = [];
      for (const agent of [tm, sm]) {
        await agent.get('/young-people/new');
        const csrf = await agent.csrf();
        saves.push(() => agent.post('/young-people/new', form, { csrf }));
      }
      const results = await Promise.all(saves.map((send) => send()));
      expect(results.map((r) => r.statusCode).sort()).toEqual([303, 400]);
      const refused = results.find((r) => r.statusCode === 400)!;
      expect(refused.body).toContain('Another young person already has this reference');
      const added = await t.db.system((tx) =>
        tx.select().from(youngPeople).where(eq(youngPeople.reference, reference)),
      );
      expect(added).toHaveLength(1);
    }
  });
});
