// Two people saving different parts of one plan at the same moment: both saves are kept (issue 7,
// item 1). PGlite runs one transaction at a time, so the race only shows on PostgreSQL; the test
// runs on both and sends real concurrent requests through the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reviews, youngPeople } from '../../src/data/schema.ts';
import type { Review } from '../../src/domain/plan/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';
import { areaForm, revisionOf } from '../support/plan-forms.ts';

const ROUNDS = 10;
let t: TestApp;
let rows: CouncilRows;
let pa: Agent;
let sw: Agent;
let reviewId = '';

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  const adviser = staffByLocal(rows, 'pa');
  // A first plan, so the needs assessment page applies too.
  const person = await addYoungPerson(t.db, rows, {
    personalAdviserId: adviser.id,
    teamId: adviser.teamId!,
    dateOfBirth: '2009-03-01',
    episodes: [{ start: '2021-01-01' }],
  });
  pa = new Agent(t.app, '10.9.0.1');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  // The young person's social worker works on the same plan.
  await t.db.system((tx) =>
    tx
      .update(youngPeople)
      .set({ socialWorkerId: staffByLocal(rows, 'sw').id })
      .where(eq(youngPeople.id, person.id)),
  );
  sw = new Agent(t.app, '10.9.0.2');
  await sw.signIn(signInFor(rows, 'sw'), PASSWORD);
  await pa.get(`/young-people/${person.id}`);
  const started = await pa.post(`/young-people/${person.id}/reviews`, {});
  reviewId = String(started.headers.location).split('/').pop()!;
}, 60_000);
afterAll(() => t.close());

const saved = async () => {
  const [row] = await t.db.system((tx) => tx.select().from(reviews).where(eq(reviews.id, reviewId)));
  return (row.review as Review).content;
};

/** Opens a page (for its revision and token) as a person would, then returns a save to send later. */
async function prepare(agent: Agent, path: string, form: Record<string, string>) {
  const page = await agent.get(`/reviews/${reviewId}/${path}`);
  expect(page.statusCode).toBe(200);
  const csrf = await agent.csrf();
  const revision = revisionOf(page.body);
  return () => agent.post(`/reviews/${reviewId}/${path}`, { ...form, revision }, { csrf });
}

describe('saving different parts of one plan at once', () => {
  it(`support network and identity goal, ${ROUNDS} rounds: no acknowledged save is lost`, async () => {
    let lost = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const network = { ...areaForm('contact-and-support'), 'people-0-name': `Friend of round ${round}` };
      const identity = { ...areaForm('identity'), goal: `Identity goal of round ${round}` };
      const saves = [
        await prepare(pa, 'areas/contact-and-support', network),
        await prepare(sw, 'areas/identity', identity),
      ];
      const [a, b] = await Promise.all(saves.map((send) => send()));
      expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
      const content = await saved();
      if (content.supportNetwork[0]?.name !== `Friend of round ${round}`) lost++;
      if (content.areas.identity?.goal !== `Identity goal of round ${round}`) lost++;
    }
    expect(lost).toBe(0);
  });

  it(`needs assessment and an area page, ${ROUNDS} rounds: no acknowledged save is lost`, async () => {
    const needsPage = await pa.get(`/reviews/${reviewId}/needs-assessment`);
    const ids = [...needsPage.body.matchAll(/<textarea[^>]*name="([\w-]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    let lost = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const needs = Object.fromEntries(ids.map((id) => [id, `Considered in round ${round}`]));
      const money = { ...areaForm('financial-support'), financialArrangements: `Allowance agreed in round ${round}` };
      const contingency = { ...areaForm('contingency'), triggers: `Trigger of round ${round}` };
      const saves = [
        await prepare(pa, 'needs-assessment', needs),
        await prepare(sw, 'areas/financial-support', money),
        await prepare(pa, 'areas/contingency', contingency),
      ];
      const results = await Promise.all(saves.map((send) => send()));
      expect(results.map((r) => r.statusCode)).toEqual([303, 303, 303]);
      const content = await saved();
      if (
        content.needsAssessmentConsiderations[ids[0] as keyof typeof content.needsAssessmentConsiderations] !==
        `Considered in round ${round}`
      )
        lost++;
      if (content.financialArrangements !== `Allowance agreed in round ${round}`) lost++;
      if (content.contingency.triggers[0] !== `Trigger of round ${round}`) lost++;
    }
    expect(lost).toBe(0);
  });
});
