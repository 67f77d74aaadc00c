// Issue 8, item 4: what a worker is told. A young person's request for a review brings the review
// forward on the caseload and the record and is named on the worker's home page; a manager's reason
// for returning a plan stays until the plan is sent again; a refused save says which part, to its writer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addReview, addYoungPerson, addYoungPersonAccount } from '../support/factories.ts';
import { areaForm, revisionOf } from '../support/plan-forms.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
let pa: Agent;
let tm: Agent;
/** The caseload table's row for one young person, as words. */
const rowOf = (html: string, familyName: string) => {
  const row = [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].find((r) => r[1].includes(familyName));
  return row ? words(row[1]).trim() : '';
};

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  pa = new Agent(t.app, '10.48.0.1');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  tm = new Agent(t.app, '10.48.0.2');
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
});
afterAll(() => t.close());

describe("a young person's request for a review, made on the day their plan was reviewed", () => {
  it('brings the review forward on the caseload, the home page and the record, and the worker is told', async () => {
    const adviser = staffByLocal(rows, 'pa');
    // Former relevant (left care at 18); the plan was reviewed this morning (Monday 23 November 2026).
    const yp = await addYoungPerson(t.db, rows, {
      personalAdviserId: adviser.id,
      teamId: adviser.teamId!,
      dateOfBirth: '2007-08-01',
      familyName: 'Requester',
      episodes: [{ start: '2020-01-01', end: '2025-08-01' }],
      work: [
        { kind: 'needs_assessment', on: '2023-09-01' },
        { kind: 'pathway_plan', on: '2023-09-20' },
        { kind: 'review', on: TODAY },
      ],
    });
    expect(rowOf((await pa.get('/caseload')).body, 'Requester')).toContain('23 May 2027 On track Pathway plan review');

    await addYoungPersonAccount(t.db, rows, yp.id, `requester.${rows.council.slug}`);
    const young = new Agent(t.app, '10.48.0.3');
    await young.signIn(`requester.${rows.council.slug}`, PASSWORD);
    await young.get('/my-plan/ask-for-a-review');
    const sent = await young.post('/my-plan/ask-for-a-review', { description: 'I want to talk about college' });
    // 20 working days from Monday 23 November 2026.
    expect(words(sent.body)).toContain('by 21 December 2026');

    const caseload = (await pa.get('/caseload')).body;
    expect(rowOf(caseload, 'Requester')).toContain('21 Dec 2026 Due soon Review after a change or request');
    const told = `${yp.givenName} Requester asked for a review on 23 November 2026. Review their plan with them by 21 December 2026.`;
    expect(words(caseload)).toContain(told);
    const home = (await pa.get('/')).body;
    // The generated council may hold other requests to this adviser: the banner lists them all.
    const banner = /id="review-requests-title"[\s\S]*?<\/ul>/.exec(home)?.[0] ?? '';
    expect(words(banner)).toContain('Asked for a review');
    expect(words(banner)).toContain(told);
    // The home page shows the 10 most urgent cases: a request ranks after anything overdue only.
    const overdueFirst = (home.match(/govuk-tag--red">\s*Overdue/g) ?? []).length;
    if (overdueFirst < 10)
      expect(rowOf(home, 'Requester')).toContain('21 Dec 2026 Due soon Review after a change or request');
    const record = words((await pa.get(`/young-people/${yp.id}`)).body);
    expect(record).toContain('Review after a change or request 21 December 2026');
    expect(record).not.toContain('Pathway plan review 23 May 2027');
  });
});

describe('a plan the manager returned', () => {
  let reviewId = '';
  let familyName = '';
  beforeAll(async () => {
    const adviser = staffByLocal(rows, 'pa');
    const yp = await addYoungPerson(t.db, rows, {
      personalAdviserId: adviser.id,
      teamId: adviser.teamId!,
      dateOfBirth: '2009-03-01',
      familyName: 'Returnee',
      episodes: [{ start: '2021-01-01' }],
    });
    familyName = yp.familyName;
    ({ id: reviewId } = await addReview(t.db, rows, {
      youngPersonId: yp.id,
      adviserId: adviser.id,
      managerId: staffByLocal(rows, 'tm').id,
      stage: 'awaiting_approval',
      on: '2026-11-20',
    }));
    await addYoungPersonAccount(t.db, rows, yp.id, `returnee.${rows.council.slug}`);
    await tm.get(`/reviews/${reviewId}`);
    const returned = await tm.post(`/reviews/${reviewId}/steps/return`, { reason: 'The money actions need dates.' });
    expect(returned.statusCode).toBe(303);
  });

  it("is on the worker's home page with the manager's reason", async () => {
    const home = (await pa.get('/')).body;
    expect(words(home)).toContain('Plans returned to you');
    const listed = /data-returned-plans>([\s\S]*?)<\/ul>/.exec(home)![1];
    expect(listed).toContain(`href="/reviews/${reviewId}"`);
    expect(words(listed).replaceAll(' :', ':')).toContain(
      `${familyName}: returned on 23 November 2026. The manager said: “The money actions need dates.”`,
    );
  });

  it("keeps the manager's reason on the plan, the home page and the young person's page after the worker's first save", async () => {
    const page = await pa.get(`/reviews/${reviewId}/areas/identity`);
    const saved = await pa.post(`/reviews/${reviewId}/areas/identity`, {
      ...areaForm('identity'),
      goal: 'A changed goal',
      revision: revisionOf(page.body),
    });
    expect(saved.statusCode).toBe(303);
    const overview = words((await pa.get(`/reviews/${reviewId}`)).body);
    expect(overview).toContain('Returned by the manager on 23 November 2026: The money actions need dates.');
    expect(words((await pa.get('/')).body)).toContain('The manager said: “The money actions need dates.”');
    const young = new Agent(t.app, '10.48.0.5');
    await young.signIn(`returnee.${rows.council.slug}`, PASSWORD);
    const youngPage = (await young.get('/my-plan')).body;
    expect(words(youngPage)).toContain('The manager asked for changes: The money actions need dates.');
    // The manager's words set their own direction wherever they are shown (any script).
    for (const html of [(await pa.get(`/reviews/${reviewId}`)).body, (await pa.get('/')).body, youngPage]) {
      expect(html).toContain('<bdi>The money actions need dates.</bdi>');
    }
  });
});

describe('a save refused because two people changed the same part', () => {
  it('names the part to its writer only, and is gone once the texts are saved together', async () => {
    const adviser = staffByLocal(rows, 'pa');
    const yp = await addYoungPerson(t.db, rows, {
      personalAdviserId: adviser.id,
      teamId: adviser.teamId!,
      dateOfBirth: '2009-04-01',
      episodes: [{ start: '2021-01-01' }],
    });
    await pa.get(`/young-people/${yp.id}`);
    const started = await pa.post(`/young-people/${yp.id}/reviews`, {});
    const reviewId = String(started.headers.location).split('/').pop()!;
    // The same adviser in two tabs: both open the money page, the first tab saves, then the second.
    const otherTab = new Agent(t.app, '10.48.0.4');
    await otherTab.signIn(signInFor(rows, 'pa'), PASSWORD);
    const first = await pa.get(`/reviews/${reviewId}/areas/financial-support`);
    const firstCsrf = await pa.csrf();
    const second = await otherTab.get(`/reviews/${reviewId}/areas/financial-support`);
    const form = areaForm('financial-support');
    expect(
      (
        await pa.post(
          `/reviews/${reviewId}/areas/financial-support`,
          { ...form, financialArrangements: 'Weekly allowance', revision: revisionOf(first.body) },
          { csrf: firstCsrf },
        )
      ).statusCode,
    ).toBe(303);
    const refused = await otherTab.post(`/reviews/${reviewId}/areas/financial-support`, {
      ...form,
      financialArrangements: 'Bus pass',
      revision: revisionOf(second.body),
    });
    expect(refused.statusCode).toBe(409);

    const overview = await pa.get(`/reviews/${reviewId}`);
    const message = /data-conflicts>([\s\S]*?)<\/ul>/.exec(overview.body);
    expect(words(overview.body)).toContain('1 save was refused because two people changed the same part.');
    expect(words(message?.[1] ?? '').trim()).toBe('Financial support');
    expect(message?.[1]).toContain(`href="/reviews/${reviewId}/areas/financial-support"`);
    expect(
      words((await tm.get(`/reviews/${reviewId}`)).body),
      'the manager cannot merge, so is not asked to',
    ).not.toContain('save was refused');

    // The refused writer puts both texts together and saves from the refusal page.
    const merged = await otherTab.post(`/reviews/${reviewId}/areas/financial-support`, {
      ...form,
      financialArrangements: 'Weekly allowance and a bus pass',
      revision: revisionOf(refused.body),
    });
    expect(merged.statusCode).toBe(303);
    expect(words((await pa.get(`/reviews/${reviewId}`)).body)).not.toContain('save was refused');
  });
});
