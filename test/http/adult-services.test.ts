// Issue 12 §6: communication needs and the move to adult services (Care Act assessment date, adult social
// care worker) in the plan: written by the worker on the health area's page, kept in the plan's content,
// shown on the plan the young person and staff read. Optional; a bad date is an error by the field with
// what was typed kept; plans saved before it (no such part in their content) still read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reviews } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, type TestApp } from '../support/app.ts';
import { addOpenReview, addYoungPersonAccount, youngPeopleFreeToWrite } from '../support/factories.ts';
import { areaForm, revisionOf } from '../support/plan-forms.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
let pa: Agent;
let yp: Agent;
let reviewId = '';
const AREA = '/areas/health-and-wellbeing';

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 30 });
  const person = youngPeopleFreeToWrite(rows)[0];
  reviewId = await addOpenReview(t.db, rows, person.id, 'drafting', '2026-11-20');
  const adviser = rows.staff.find((s) => s.id === person.personalAdviserId)!;
  pa = new Agent(t.app, '10.45.0.1');
  await pa.signIn(adviser.email, PASSWORD);
  await addYoungPersonAccount(t.db, rows, person.id, `adult.${rows.council.slug}`);
  yp = new Agent(t.app, '10.45.0.2');
  await yp.signIn(`adult.${rows.council.slug}`, PASSWORD);
}, 60_000);
afterAll(() => t.close());

const adult = {
  communicationNeeds: 'Easy read, and more time to answer',
  'careActAssessmentOn-day': '14',
  'careActAssessmentOn-month': '6',
  'careActAssessmentOn-year': '2027',
  adultSocialCareWorker: 'Robin Lee, Adult Transitions Team, 0300 123 4567',
};

describe('communication and moving to adult services', () => {
  it('a bad date is an error by the field, with what was typed kept', async () => {
    const page = await pa.get(`/reviews/${reviewId}${AREA}`);
    expect(words(page.body)).toContain('Care Act assessment date (optional)');
    const res = await pa.post(`/reviews/${reviewId}${AREA}`, {
      ...areaForm('health-and-wellbeing'),
      ...adult,
      'careActAssessmentOn-day': '31',
      'careActAssessmentOn-month': '2',
      revision: revisionOf(page.body),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#careActAssessmentOn"');
    expect(words(res.body)).toContain('The Care Act assessment date must be a real date');
    expect(res.body).toContain('value="31"');
    expect(res.body).toContain('Easy read, and more time to answer');
  });

  it('is saved with the health area and shown on the plan, to staff and to the young person', async () => {
    const page = await pa.get(`/reviews/${reviewId}${AREA}`);
    const res = await pa.post(`/reviews/${reviewId}${AREA}`, {
      ...areaForm('health-and-wellbeing'),
      ...adult,
      revision: revisionOf(page.body),
    });
    expect(res.statusCode).toBe(303);
    const [row] = await t.db.system((tx) => tx.select().from(reviews).where(eq(reviews.id, reviewId)));
    expect((row.review as { content: { adultServices: unknown } }).content.adultServices).toEqual({
      communicationNeeds: 'Easy read, and more time to answer',
      careActAssessmentOn: '2027-06-14',
      adultSocialCareWorker: 'Robin Lee, Adult Transitions Team, 0300 123 4567',
    });
    const staffPlan = words((await pa.get(`/reviews/${reviewId}/read`)).body);
    for (const w of [
      'Communication and moving to adult services',
      'Care Act assessment date',
      '14 June 2027',
      'Robin Lee',
    ])
      expect(staffPlan).toContain(w);
    const own = await yp.get(`/reviews/${reviewId}/read`);
    expect(own.statusCode).toBe(200);
    expect(words(own.body)).toContain('When adult social care will look at what help you need');
    expect(words(own.body)).toContain('14 June 2027');
  });

  it('a plan saved before this part existed still reads, without it', async () => {
    await t.db.system(async (tx) => {
      const [row] = await tx.select().from(reviews).where(eq(reviews.id, reviewId));
      const review = row.review as { content: Record<string, unknown> };
      const { adultServices: _, ...older } = review.content;
      await tx
        .update(reviews)
        .set({ review: { ...review, content: older } })
        .where(eq(reviews.id, reviewId));
    });
    const plan = await pa.get(`/reviews/${reviewId}/read`);
    expect(plan.statusCode).toBe(200);
    expect(words(plan.body)).not.toContain('Care Act assessment date');
    expect((await pa.get(`/reviews/${reviewId}${AREA}`)).statusCode).toBe(200);
  });
});
