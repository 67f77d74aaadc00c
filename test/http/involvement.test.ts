// Issue 10 §1e: when the young person signs, they may answer "How involved did you feel in making
// this plan?" on the Bright Spots scale. The answer is saved with the signature and shown on the
// approved plan; skipping it is allowed and recorded as not answered; a value off the scale is
// refused next to the question with nothing lost. A worker recording a paper signature may type
// the answer the young person gave on paper.
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planVersions, reviews } from '../../src/data/schema.ts';
import type { Review } from '../../src/domain/plan/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent, runAddress } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, TODAY, type TestApp } from '../support/app.ts';
import { pageWords } from '../support/text.ts';
import { addOpenReview, addYoungPersonAccount, youngPeopleFreeToWrite } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let agents = 0;
const text = (html: string) => pageWords(html.slice(html.indexOf('<main'), html.indexOf('</main>')));

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
}, 60_000);
afterAll(() => t.close());

async function signedIn(login: string) {
  const agent = new Agent(t.app, runAddress(10, 1, ++agents));
  await agent.signIn(login, PASSWORD);
  return agent;
}
const emailOf = (staffId: string) => String(rows.staff.find((s) => s.id === staffId)!.email);
const managerOf = (teamId: string) =>
  emailOf(rows.staff.find((s) => s.role === 'team_manager' && s.teamId === teamId)!.id);

let free: ReturnType<typeof youngPeopleFreeToWrite> = [];
let taken = 0;
/** A young person with a plan waiting for signatures, signed in on their own account. */
async function waitingToSign() {
  free = free.length ? free : youngPeopleFreeToWrite(rows);
  const person = free[taken++];
  const username = `involved${taken}.${rows.council.slug}`;
  await addYoungPersonAccount(t.db, rows, person.id, username);
  const reviewId = await addOpenReview(t.db, rows, person.id, 'awaiting_signatures', TODAY);
  return { person, reviewId, yp: await signedIn(username) };
}
const stored = async (reviewId: string) =>
  (await t.db.system((tx) => tx.select().from(reviews).where(eq(reviews.id, reviewId))))[0];

describe('issue 10 §1e: the young person answers how involved they felt when they sign', () => {
  it('asks the question on the signing form, as radios with the four answers, saying they need not answer', async () => {
    const { yp } = await waitingToSign();
    const page = (await yp.get('/my-plan')).body;
    const form = page.slice(page.indexOf('steps/sign-as-young-person'), page.indexOf('I agree: sign my plan'));
    expect(form).toContain('How involved did you feel in making this plan?');
    expect(form).toContain('You do not have to answer');
    for (const [value, words] of [
      ['all_or_most', 'All or most of the time'],
      ['sometimes', 'Sometimes'],
      ['hardly_ever_or_never', 'Hardly ever or never'],
      ['dont_know', 'I don’t know'],
    ])
      expect(form).toMatch(new RegExp(`type="radio" value="${value}"[\\s\\S]*?${words}`));
  });

  it('saves the answer with the signature and shows it on the approved plan, to them and to staff', async () => {
    const { person, reviewId, yp } = await waitingToSign();
    const signed = await yp.post(`/reviews/${reviewId}/steps/sign-as-young-person`, { involvement: 'sometimes' });
    expect(signed.statusCode).toBe(303);
    const review = (await stored(reviewId)).review as Review;
    expect(review.youngPersonSignOff).toMatchObject({ kind: 'signed_on_device', involvement: 'sometimes' });

    const pa = await signedIn(emailOf(String(person.personalAdviserId)));
    expect((await pa.post(`/reviews/${reviewId}/steps/sign-as-worker`, {})).statusCode).toBe(303);
    const tm = await signedIn(managerOf(String(person.teamId)));
    await tm.get(`/reviews/${reviewId}`);
    const approved = await tm.post(`/reviews/${reviewId}/steps/approve`, { rating: 'good', feedback: 'Clear.' });
    expect(approved.statusCode).toBe(303);

    expect(text((await yp.get('/my-plan/approved')).body)).toContain(
      'How involved you felt in making this plan: Sometimes',
    );
    const [version] = await t.db.system((tx) =>
      tx
        .select({ version: planVersions.version })
        .from(planVersions)
        .where(and(eq(planVersions.youngPersonId, person.id)))
        .orderBy(desc(planVersions.version))
        .limit(1),
    );
    expect(text((await pa.get(`/young-people/${person.id}/plans/${version.version}`)).body)).toContain(
      'How involved they felt in making this plan: Sometimes',
    );
  });

  it('lets them skip the question, and records it as not answered', async () => {
    const { person, reviewId, yp } = await waitingToSign();
    expect((await yp.post(`/reviews/${reviewId}/steps/sign-as-young-person`, {})).statusCode).toBe(303);
    const review = (await stored(reviewId)).review as Review;
    expect(review.youngPersonSignOff).toMatchObject({ kind: 'signed_on_device', involvement: null });
    const pa = await signedIn(emailOf(String(person.personalAdviserId)));
    expect(text((await pa.get(`/reviews/${reviewId}`)).body)).toContain(
      'How involved they felt in making this plan: not answered',
    );
  });

  it('refuses an answer off the scale, next to the question, and leaves the plan unsigned to try again', async () => {
    const { reviewId, yp } = await waitingToSign();
    const refused = await yp.post(`/reviews/${reviewId}/steps/sign-as-young-person`, { involvement: 'always' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('href="#involvement"');
    expect(refused.body).toMatch(
      /id="involvement-error"[\s\S]*?Select one of the answers, or leave the question blank/,
    );
    expect(refused.body).toMatch(/<title>Error: /);
    const still = await stored(reviewId);
    expect(still.state).toBe('awaiting_signatures');
    expect((still.review as Review).youngPersonSignOff).toBeNull();
    // Nothing lost: the form is there to answer again, and a good answer signs.
    expect(refused.body).toContain('I agree: sign my plan');
    expect(
      (await yp.post(`/reviews/${reviewId}/steps/sign-as-young-person`, { involvement: 'all_or_most' })).statusCode,
    ).toBe(303);
    expect(((await stored(reviewId)).review as Review).youngPersonSignOff).toMatchObject({
      involvement: 'all_or_most',
    });
  });
});

describe('issue 10 §1e: a paper signature may carry the answer the young person gave on paper', () => {
  it('saves the answer typed by the worker with the paper signature', async () => {
    const { person, reviewId } = await waitingToSign();
    const pa = await signedIn(emailOf(String(person.personalAdviserId)));
    const page = text((await pa.get(`/reviews/${reviewId}`)).body);
    expect(page).toContain('How involved did they feel in making this plan?');
    const [year, month, day] = TODAY.split('-');
    const saved = await pa.post(`/reviews/${reviewId}/steps/paper-signature`, {
      'signedOn-day': day,
      'signedOn-month': month,
      'signedOn-year': year,
      involvement: 'dont_know',
    });
    expect(saved.statusCode).toBe(303);
    expect(((await stored(reviewId)).review as Review).youngPersonSignOff).toMatchObject({
      kind: 'signed_on_paper',
      signedOn: TODAY,
      involvement: 'dont_know',
    });
  });

  it('refuses an answer off the scale next to the question and keeps the date typed', async () => {
    const { person, reviewId } = await waitingToSign();
    const pa = await signedIn(emailOf(String(person.personalAdviserId)));
    await pa.get(`/reviews/${reviewId}`);
    const refused = await pa.post(`/reviews/${reviewId}/steps/paper-signature`, {
      'signedOn-day': '2',
      'signedOn-month': '11',
      'signedOn-year': TODAY.slice(0, 4),
      involvement: 'mostly',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#involvement"');
    expect(refused.body).toMatch(/id="involvement-error"[\s\S]*?Select one of the answers/);
    expect(refused.body).toMatch(/name="signedOn-day"[^>]*value="2"/);
    expect(refused.body).toMatch(/name="signedOn-month"[^>]*value="11"/);
    expect(((await stored(reviewId)).review as Review).youngPersonSignOff).toBeNull();
  });
});
