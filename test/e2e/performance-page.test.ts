// The performance page in a browser (issue 10 §7): axe on the page with its charts, on a desktop
// and on a 320 px phone, where each chart scales to the screen and nothing scrolls sideways.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  newContext,
  PHONE,
  signInAs,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { TREND_MEASURES } from '../../src/services/oversight.ts';

let server: TestServer;
let browser: Browser;

describeBrowser('performance page', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 60 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('passes axe with its charts, each an image named by its title', async () => {
    const context = await newContext(browser, server);
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');
    await visit(page, '/performance');
    await expectNoAxeViolations(page);
    // A trend for each measure (issue 10 §1), each an image named by its title.
    for (const name of [
      /plan in date/,
      /per month/,
      /Review overdue/,
      /Needs assessment overdue/,
      /First plan overdue/,
      /No personal adviser/,
      /first plan on time/,
      /15 and a half/,
      /In touch/,
      /In education, employment or training/,
      /In suitable accommodation/,
      /Median days/,
      /waiting for approval/,
    ])
      expect(await page.getByRole('img', { name }).count(), String(name)).toBeGreaterThan(0);
    expect(await page.locator('svg.app-chart').count()).toBe(TREND_MEASURES.length);
    await context.close();
  });

  it('on a 320 px phone each chart fits the screen and the page does not scroll sideways', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');
    await visit(page, '/performance');
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    const widths = await page
      .locator('svg.app-chart')
      .evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    expect(widths).toHaveLength(TREND_MEASURES.length);
    for (const width of widths) {
      expect(width).toBeGreaterThan(200);
      expect(width).toBeLessThanOrEqual(PHONE.width);
    }
    if (process.env.PATHWAY_SCREENSHOT)
      await page
        .locator('.govuk-grid-row:has(svg.app-chart)')
        .first()
        .screenshot({ path: process.env.PATHWAY_SCREENSHOT });
    await context.close();
  });

  it('the targets form passes axe, empty and with an error, and a saved target is drawn on its chart', async () => {
    const context = await newContext(browser, server);
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');
    await visit(page, '/performance/targets');
    await expectNoAxeViolations(page);
    await page.getByLabel('Looked-after 16 and 17 year olds with a plan in date').fill('150');
    await page.getByRole('button', { name: 'Save targets' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter a whole number from 0 to 100');
    await expectNoAxeViolations(page);
    await page.getByLabel('Looked-after 16 and 17 year olds with a plan in date').fill('90');
    await page.getByRole('button', { name: 'Save targets' }).click();
    await page.waitForSelector('.govuk-notification-banner');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Targets saved');
    await visit(page, '/performance');
    await expectNoAxeViolations(page);
    expect(await page.locator('svg.app-chart .app-chart__target').count()).toBe(1);
    await context.close();
  });
});
