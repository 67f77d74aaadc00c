// Issue 8, item 5: the approved plan page has a Print button with JavaScript; without JavaScript there
// is no dead button, and printing still gives the plan alone (the print stylesheet).
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
import { staffByLocal } from '../support/app.ts';
import { addReview, addYoungPerson } from '../support/factories.ts';

let server: TestServer;
let browser: Browser;
let planPath = '';

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser({ youngPeople: 30 }));
  const { rows, testApp } = server;
  const adviser = staffByLocal(rows, 'pa');
  const yp = await addYoungPerson(testApp.db, rows, {
    personalAdviserId: adviser.id,
    teamId: adviser.teamId!,
    dateOfBirth: '2009-02-01',
    episodes: [{ start: '2021-01-01' }],
  });
  await addReview(testApp.db, rows, {
    youngPersonId: yp.id,
    adviserId: adviser.id,
    managerId: staffByLocal(rows, 'tm').id,
    stage: 'approved',
    on: '2026-11-20',
  });
  planPath = `/young-people/${yp.id}/plans/1`;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describeBrowser('printing an approved plan', () => {
  it('with JavaScript: a Print button opens the print dialog', async () => {
    const context = await newContext(browser, server);
    try {
      const page = await context.newPage();
      // Count calls to the browser's print dialog, which a headless browser does not open.
      await page.addInitScript(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => void (window as unknown as { printed: number }).printed++;
      });
      await signInAs(page, server.rows, 'pa');
      await expectNoAxeViolations(page);
      await visit(page, planPath);
      const button = page.getByRole('button', { name: 'Print this plan' });
      await button.waitFor({ state: 'visible' });
      await expectNoAxeViolations(page);
      await button.click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('without JavaScript: no button, and the printed page is the plan without navigation', async () => {
    const context = await newContext(browser, server, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signInAs(page, server.rows, 'pa');
      await expectNoAxeViolationsWithoutJs(page);
      await visit(page, planPath);
      await expectNoAxeViolationsWithoutJs(page);
      expect(await page.getByRole('button', { name: 'Print this plan' }).count()).toBe(0);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
      expect(await page.getByRole('link', { name: 'Download the whole plan (PDF)' }).isVisible()).toBe(false);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Pathway plan');
    } finally {
      await context.close();
    }
  });
});
