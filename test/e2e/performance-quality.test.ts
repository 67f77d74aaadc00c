// The quality and involvement page (issue 10 §1d, §1e) in a browser: as a service manager and a team
// manager, on a desktop and on a 320 px phone, with JavaScript and without, and with a date in error.
// Each passes axe, and nothing on the phone needs scrolling sideways (WCAG 1.4.10).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  expectNoHorizontalScroll,
  newContext,
  PHONE,
  signInAs,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';

let server: TestServer;
let browser: Browser;

describeBrowser('the quality and involvement page', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 60 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['a service manager on a desktop', 'sm', { width: 1280, height: 900 }],
    ['a team manager on a 320 px phone', 'tm', PHONE],
  ] as const)('%s: passes axe, with JavaScript and without, and fits the screen', async (_who, who, viewport) => {
    const context = await newContext(browser, server, { viewport });
    const page = await context.newPage();
    await signInAs(page, server.rows, who);
    await visit(page, '/performance');
    await page.getByRole('link', { name: /^Quality and involvement/ }).click();
    await page.waitForURL(/\/performance\/quality/);
    expect(await page.locator('h1').innerText()).toBe('Quality and involvement');
    expect(await page.locator('caption').count()).toBeGreaterThanOrEqual(5); // and one per team with reasons
    await expectNoAxeViolations(page);
    await expectNoAxeViolationsWithoutJs(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('a count links to its young people: the list passes axe on a phone and leads back to the quality page', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');
    await visit(page, '/performance/quality');
    const link = page
      .locator('a[href*="/performance/quality/people?"][href*="table=ratings"][href*="team=all"]')
      .first();
    const n = (await link.evaluate((a) => a.firstChild?.textContent ?? '')).trim();
    await link.click();
    await page.waitForURL(/\/performance\/quality\/people/);
    expect(await page.locator('h1').innerText()).toContain(`(${n} ${n === '1' ? 'plan' : 'plans'})`);
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('link', { name: 'Back to quality and involvement' }).click();
    await page.waitForURL(/\/performance\/quality\?asAt=/);
    await context.close();
  });

  it('a date in error: the error summary links to the date, and the page passes axe on a phone', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');
    await visit(page, '/performance/quality?asAt-day=30&asAt-month=2&asAt-year=2026', 400);
    await page.locator('.govuk-error-summary a[href="#asAt-day"]').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('asAt-day');
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
