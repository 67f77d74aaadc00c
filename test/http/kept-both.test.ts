// Two people write "What I want" in one part of a plan (issue 8, item 8). The second save is refused,
// and the page they get back holds both texts in the box, each under a plain heading: pressing Save as
// it stands deletes nobody's words. The page says so in plain words and is titled "Error: …".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reviews } from '../../src/data/schema.ts';
import type { Review } from '../../src/domain/plan/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, TODAY, type TestApp } from '../support/app.ts';
import { addOpenReview, addYoungPersonAccount, youngPeopleFreeToWrite } from '../support/factories.ts';
import { areaForm, revisionOf } from '../support/plan-forms.ts';

const AREA = 'education-and-training';
let t: TestApp;
let rows: CouncilRows;
let pa: Agent;
let yp: Agent;
let reviewId = '';

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  // Whoever is free to be given a plan, and their own adviser: a generated council need not give one to the demo adviser.
  const person = youngPeopleFreeToWrite(rows)[0];
  const adviser = rows.staff.find((s) => s.id === person.personalAdviserId)!;
  await addYoungPersonAccount(t.db, rows, person.id, `kept.${rows.council.slug}`);
  reviewId = await addOpenReview(t.db, rows, person.id, 'planning', TODAY);
  pa = new Agent(t.app, '10.8.8.1');
  await pa.signIn(adviser.email, PASSWORD);
  yp = new Agent(t.app, '10.8.8.2');
  await yp.signIn(`kept.${rows.council.slug}`, PASSWORD);
}, 60_000);
afterAll(() => t.close());

const unescapeHtml = (s: string) =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const box = (html: string, name: string) =>
  unescapeHtml(new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1] ?? '').trim();
const saved = async () => {
  const [row] = await t.db.system((tx) => tx.select().from(reviews).where(eq(reviews.id, reviewId)));
  return (row.review as Review).content.areas[AREA]!.youngPersonWords;
};

describe('a refused save keeps both texts in the box', () => {
  it('the young person saves second: both versions in "What I want", plainly explained; Save as shown keeps both', async () => {
    const ypPage = await yp.get(`/my-plan/areas/${AREA}`);
    const ypRevision = revisionOf(ypPage.body);
    const ypToken = await yp.csrf();
    await pa.get(`/reviews/${reviewId}/areas/${AREA}`);
    const worker = await pa.post(`/reviews/${reviewId}/areas/${AREA}`, {
      ...areaForm(AREA),
      revision: revisionOf(pa.lastHtml),
      wants: "To live near my sister (she said it's important)",
      goingWell: 'College',
    });
    expect(worker.statusCode).toBe(303);

    const late = await yp.post(
      `/my-plan/areas/${AREA}`,
      {
        revision: ypRevision,
        goingWell: 'College',
        worries: '',
        wants: 'I want to go to college & get a job',
        youngPersonScale: '7',
      },
      { csrf: ypToken },
    );
    expect(late.statusCode).toBe(409);
    expect(late.body).toMatch(/<title>Error: /);
    // The box holds both texts, each under a heading; the box where both wrote the same keeps one.
    expect(box(late.body, 'wants')).toBe(
      "[Already saved]\nTo live near my sister (she said it's important)\n\n[What you wrote]\nI want to go to college & get a job",
    );
    expect(box(late.body, 'goingWell')).toBe('College');
    // The error summary links to the box and says what is in it; no staff words.
    expect(late.body).toContain('govuk-error-summary');
    expect(late.body).toContain('href="#wants">What I want: this box has both versions');
    expect(late.body).toContain('This box has what was already saved and what you wrote');
    expect(late.body.toLowerCase()).not.toMatch(/\bmerg(e|ed|ing)\b/);

    // Pressing Save with the page as it is: nobody's words are deleted.
    const again = await yp.post(
      `/my-plan/areas/${AREA}`,
      {
        revision: revisionOf(late.body),
        goingWell: box(late.body, 'goingWell'),
        worries: box(late.body, 'worries'),
        wants: box(late.body, 'wants'),
        disagreement: box(late.body, 'disagreement'),
        youngPersonScale: '7',
      },
      { csrf: ypToken },
    );
    expect(again.statusCode).toBe(303);
    const words = await saved();
    expect(words.wants).toContain("To live near my sister (she said it's important)");
    expect(words.wants).toContain('I want to go to college & get a job');
  });

  it("the worker saves second: the young person's words and the worker's both stay in the box", async () => {
    await pa.get(`/reviews/${reviewId}/areas/${AREA}`);
    const paRevision = revisionOf(pa.lastHtml);
    const paToken = await pa.csrf();
    await yp.get(`/my-plan/areas/${AREA}`);
    const mine = await yp.post(`/my-plan/areas/${AREA}`, {
      revision: revisionOf(yp.lastHtml),
      goingWell: 'My course is going well',
      worries: '',
      wants: '',
      youngPersonScale: '7',
    });
    expect(mine.statusCode).toBe(303);
    const late = await pa.post(
      `/reviews/${reviewId}/areas/${AREA}`,
      { ...areaForm(AREA), revision: paRevision, goingWell: 'Attending every day' },
      { csrf: paToken },
    );
    expect(late.statusCode).toBe(409);
    expect(late.body).toMatch(/<title>Error: /);
    expect(box(late.body, 'goingWell')).toBe(
      '[Already saved]\nMy course is going well\n\n[What you wrote]\nAttending every day',
    );
    expect(late.body).toContain('href="#goingWell">What is going well: this box has both versions');
    expect(late.body.toLowerCase()).not.toMatch(/\bmerg(e|ed|ing)\b/);
  });

  it('the needs assessment: both texts stay in the box that both wrote in', async () => {
    const page = await pa.get(`/reviews/${reviewId}/needs-assessment`);
    const [first] = [...page.body.matchAll(/<textarea[^>]*name="([\w-]+)"/g)].map((m) => m[1]);
    const revision = revisionOf(page.body);
    const token = await pa.csrf();
    expect(
      (
        await pa.post(
          `/reviews/${reviewId}/needs-assessment`,
          { revision, [first]: 'Written in the first tab' },
          { csrf: token },
        )
      ).statusCode,
    ).toBe(303);
    const late = await pa.post(
      `/reviews/${reviewId}/needs-assessment`,
      { revision, [first]: 'Written in the second tab' },
      { csrf: token },
    );
    expect(late.statusCode).toBe(409);
    expect(late.body).toMatch(/<title>Error: /);
    expect(box(late.body, first)).toBe(
      '[Already saved]\nWritten in the first tab\n\n[What you wrote]\nWritten in the second tab',
    );
  });
});
