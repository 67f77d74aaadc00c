// Issue 8, item 4, in a browser: what the worker is told (a review request, a returned plan, a refused
// save naming its part) passes axe on every page it appears on, with JavaScript and without.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  newContext,
  signInAs,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { reviewConflicts, reviewTriggers } from '../../src/data/schema.ts';
import { staffByLocal, TODAY } from '../support/app.ts';
import { addReview, addYoungPerson } from '../support/factories.ts';

let server: TestServer;
let browser: Browser;
let reviewId = '';
const pages = ['/', '/caseload'];

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser({ youngPeople: 30 }));
  const { rows, testApp } = server;
  const adviser = staffByLocal(rows, 'pa');
  const councilId = rows.council.id;
  // One young person asked for a review today; another's plan came back from the manager.
  const asked = await addYoungPerson(testApp.db, rows, {
    personalAdviserId: adviser.id,
    teamId: adviser.teamId!,
    dateOfBirth: '2007-08-01',
    familyName: 'Asker',
    episodes: [{ start: '2020-01-01', end: '2025-08-01' }],
    work: [
      { kind: 'needs_assessment', on: '2023-09-01' },
      { kind: 'pathway_plan', on: '2023-09-20' },
      { kind: 'review', on: '2026-08-01' },
    ],
  });
  await testApp.db.system((tx) =>
    tx.insert(reviewTriggers).values({
      councilId,
      youngPersonId: asked.id,
      kind: 'young_person_request',
      occurredOn: TODAY,
      raisedOn: TODAY,
      description: 'I want to talk about college',
      raisedByKind: 'young_person',
      raisedBy: asked.id,
    }),
  );
  const returned = await addYoungPerson(testApp.db, rows, {
    personalAdviserId: adviser.id,
    teamId: adviser.teamId!,
    dateOfBirth: '2009-03-01',
    familyName: 'Returned',
    episodes: [{ start: '2021-01-01' }],
  });
  ({ id: reviewId } = await addReview(testApp.db, rows, {
    youngPersonId: returned.id,
    adviserId: adviser.id,
    managerId: staffByLocal(rows, 'tm').id,
    stage: 'returned',
  }));
  // A save of the money part was refused while someone else's was kept.
  await testApp.db.system((tx) =>
    tx.insert(reviewConflicts).values({
      councilId,
      reviewId,
      section: 'area:financial-support',
      theirContent: {},
      baseRevision: 0,
      savedByKind: 'staff',
      savedBy: adviser.id,
    }),
  );
  pages.push(`/reviews/${reviewId}`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describeBrowser('what the worker is told, in a browser', () => {
  it('with JavaScript: the review request, the returned plan and the refused save pass axe where they appear', async () => {
    const context = await newContext(browser, server);
    try {
      const page = await context.newPage();
      await signInAs(page, server.rows, 'pa');
      for (const path of pages) {
        await visit(page, path);
        await expectNoAxeViolations(page);
      }
      await visit(page, '/');
      expect(await page.getByRole('region', { name: 'Asked for a review' }).innerText()).toContain(
        'Asker asked for a review on 23 November 2026',
      );
      expect(await page.getByRole('heading', { name: 'Plans returned to you' }).count()).toBe(1);
      await visit(page, `/reviews/${reviewId}`);
      expect(await page.getByRole('link', { name: 'Financial support' }).count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('without JavaScript: the same pages pass axe', async () => {
    const context = await newContext(browser, server, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signInAs(page, server.rows, 'pa');
      for (const path of pages) {
        await visit(page, path);
        await expectNoAxeViolationsWithoutJs(page);
      }
    } finally {
      await context.close();
    }
  });
});
