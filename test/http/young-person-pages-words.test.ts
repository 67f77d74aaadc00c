// Staff words on a young person's own pages (issue 8, item 13): their pages use their words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, TODAY, type TestApp } from '../support/app.ts';
import {
  addApprovedPlans,
  addOpenReview,
  addYoungPersonAccount,
  youngPeopleFreeToWrite,
} from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let yp: Agent;
let reviewId = '';
let youngPersonId = '';
const mainText = (html: string) =>
  html
    .slice(html.indexOf('<main'), html.indexOf('</main>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ');
const STAFF_WORDS = [
  'Assessment of need',
  'Progress since the last review',
  'Contingency',
  'Draft',
  '(young person)',
  '(worker)',
  'PDF',
  'Pronouns',
];

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  youngPersonId = youngPeopleFreeToWrite(rows)[0].id;
  await addYoungPersonAccount(t.db, rows, youngPersonId, `words13.${rows.council.slug}`);
  await addApprovedPlans(t.db, rows, youngPersonId, 2);
  reviewId = await addOpenReview(t.db, rows, youngPersonId, 'awaiting_signatures', TODAY);
  yp = new Agent(t.app, '10.8.13.1');
  await yp.signIn(`words13.${rows.council.slug}`, PASSWORD);
}, 60_000);
afterAll(() => t.close());

describe("a young person's pages use their words", () => {
  it('their approved plan: what their worker thinks they need, how things have gone, both numbers in words; no staff words', async () => {
    const page = mainText((await yp.get('/my-plan/approved')).body);
    for (const w of STAFF_WORDS) expect(page, w).not.toContain(w);
    expect(page).toContain('What your worker thinks you need');
    expect(page).toContain('How things have gone since your last plan');
    expect(page).toMatch(/How things are going, out of 10: you said \d+, your worker said \d+/);
    expect(page).toContain('Download your whole plan');
    expect(page).toContain('Download your goals and actions');
    expect(page).toMatch(/Version 2\. Agreed on/);
  });

  it('the plan to read before signing is "not agreed yet", not a draft', async () => {
    const page = mainText((await yp.get(`/reviews/${reviewId}/read`)).body);
    for (const w of STAFF_WORDS) expect(page, w).not.toContain(w);
    expect(page).toContain('Not agreed yet');
  });

  it('home, plan, details and asking to look again: no "review", "PDF" or "Pronouns"', async () => {
    for (const path of ['/', '/my-plan', '/my-record', '/my-plan/ask-for-a-review', '/account/contact']) {
      const page = mainText((await yp.get(path)).body);
      for (const w of STAFF_WORDS) expect(page, `${path}: ${w}`).not.toContain(w);
      expect(page, path).not.toMatch(/\breview\b/i);
    }
  });

  it('the accessibility statement says what does not work, how to get help or another format, and how to complain', async () => {
    const page = mainText((await yp.get('/help/accessibility')).body);
    for (const part of [
      'Accessibility statement for Pathway',
      'Pathway meets most of these rules, but not all of them',
      'What does not work well yet',
      'ask for your plan in large print, in easy read, as audio, or in another language',
      'Tell your worker',
      'Public Sector Bodies Accessibility Regulations 2018',
      'Equality Advisory and Support Service',
      'We wrote this page in',
    ])
      expect(page).toContain(part);
  });
});
