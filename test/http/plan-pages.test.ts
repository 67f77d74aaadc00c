// Issue 8, item 5 (pages): what staff see of a plan. A first plan has no "progress" against itself;
// plans to approve are in the order they were sent; staff read names, not "Me"; the needs assessment
// shows as completed; the approved plan page carries the needs assessment, the Schedule 2 answers and
// how the young person took part, and a Print button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reviews } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addApprovedPlans, addReview, addYoungPerson } from '../support/factories.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
let pa: Agent;
let tm: Agent;
const cells = (html: string) => [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => words(c[1]).trim());

/** A young person with a first plan approved through the review machine (as the seed makes them). */
async function withApprovedFirstPlan(familyName: string) {
  const adviser = staffByLocal(rows, 'pa');
  const yp = await addYoungPerson(t.db, rows, {
    personalAdviserId: adviser.id,
    teamId: adviser.teamId!,
    dateOfBirth: '2009-02-01',
    familyName,
    episodes: [{ start: '2021-01-01' }],
  });
  const { id } = await addReview(t.db, rows, {
    youngPersonId: yp.id,
    adviserId: adviser.id,
    managerId: staffByLocal(rows, 'tm').id,
    stage: 'approved',
    on: '2026-11-20',
  });
  return { ...yp, reviewId: id };
}

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  pa = new Agent(t.app, '10.49.0.1');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  tm = new Agent(t.app, '10.49.0.2');
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
});
afterAll(() => t.close());

describe('the plan overview', () => {
  it('an approved first plan has no progress compared with itself, and its needs assessment is completed', async () => {
    const yp = await withApprovedFirstPlan('Firstplan');
    const page = words((await pa.get(`/reviews/${yp.reviewId}`)).body);
    expect(page).toContain('First pathway plan');
    expect(page).not.toContain('Progress since the last plan');
    expect(page).toMatch(/Needs assessment: what was considered Completed/);
  });

  it('a review after an approved plan shows progress since that plan', async () => {
    const adviser = staffByLocal(rows, 'pa');
    const yp = rows.youngPeople.find(
      (y) => y.personalAdviserId === adviser.id && !y.restricted && !rows.reviews.some((r) => r.youngPersonId === y.id),
    )!;
    await addApprovedPlans(t.db, rows, yp.id, 1);
    await pa.get(`/young-people/${yp.id}`);
    const started = await pa.post(`/young-people/${yp.id}/reviews`, {});
    expect(words((await pa.get(String(started.headers.location))).body)).toContain('Progress since the last plan');
  });
});

describe('plans to approve', () => {
  it('are listed oldest first by the date they were sent, whatever was saved last', async () => {
    const adviser = staffByLocal(rows, 'pa');
    const manager = staffByLocal(rows, 'tm');
    // Sent on 18, 10 and 14 November; saved in that order, so the last saved is not the newest.
    for (const [name, on] of [
      ['Eighteenth', '2026-11-18'],
      ['Tenth', '2026-11-10'],
      ['Fourteenth', '2026-11-14'],
    ]) {
      const yp = await addYoungPerson(t.db, rows, {
        personalAdviserId: adviser.id,
        teamId: adviser.teamId!,
        dateOfBirth: '2009-05-01',
        familyName: name,
        episodes: [{ start: '2021-01-01' }],
      });
      const { id } = await addReview(t.db, rows, {
        youngPersonId: yp.id,
        adviserId: adviser.id,
        managerId: manager.id,
        stage: 'awaiting_approval',
        on,
      });
      await t.db.system((tx) => tx.update(reviews).set({ updatedAt: new Date() }).where(eq(reviews.id, id)));
    }
    const page = (await tm.get('/approvals')).body;
    const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(page)![1];
    const sent = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => new Date(cells(r[1])[3]).getTime());
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    const order = ['Tenth', 'Fourteenth', 'Eighteenth'].map((n) => page.indexOf(n));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('the approved plan page, as staff see it', () => {
  let html = '';
  let name = '';
  beforeAll(async () => {
    const yp = await withApprovedFirstPlan('Approvedplan');
    name = `${yp.givenName} ${yp.familyName}`;
    html = (await pa.get(`/young-people/${yp.id}/plans/1`)).body;
  });

  it("names who does each action: the young person's and the adviser's names, not 'Me' or 'My personal adviser'", () => {
    const who = [...html.matchAll(/<tbody[^>]*>([\s\S]*?)<\/tbody>/g)].flatMap((b) =>
      [...b[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => cells(r[1])[1]),
    );
    expect(who.length).toBeGreaterThan(0);
    expect(who).not.toContain('Me');
    expect(words(html)).not.toMatch(/My personal adviser/);
    expect(who).toContain(name);
    expect(who).toContain(staffByLocal(rows, 'pa').displayName);
  });

  it('shows how they took part, the needs assessment and the Schedule 2 suitability answers', () => {
    const text = words(html);
    expect(words(/data-participation>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').trim()).toBe('In person');
    expect(text).toContain('Needs assessment: what was considered');
    expect(words(/data-needs-assessment>([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '')).toContain(
      'Talked through with them and their carer.',
    );
    expect(text).toContain('Is the accommodation suitable? (Schedule 2)');
    expect(text).toContain('Is it safe for the young person? Yes');
  });

  it('has a Print button that appears with JavaScript, and its script is served', async () => {
    expect(html).toContain(
      '<button type="button" class="govuk-button govuk-button--secondary app-no-print govuk-!-display-none" data-module="app-print">Print this plan</button>',
    );
    const script = await pa.get('/public/print.js');
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('window.print()');
  });
});
