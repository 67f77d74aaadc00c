// The performance surgery on a 320 px phone, with and without JavaScript: both tables stack into
// cards with nothing to scroll sideways, the team choice works as a plain form, and axe finds nothing,
// on the page and on a list behind one of its numbers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  expectNoHorizontalScroll,
  heading,
  newContext,
  PHONE,
  signInAs,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';

let server: TestServer;
let browser: Browser;

describeBrowser('performance surgery', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 60 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a team manager reads it on a phone and follows a number to its list', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'tm');
    await visit(page, '/performance/surgery');
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await page.locator('a[href^="/performance/surgery/people"]').first().click();
    await page.waitForURL(/\/performance\/surgery\/people/);
    expect(await heading(page)).toMatch(/^Open cases: /);
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('a service manager chooses another team and a past date without JavaScript', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');
    await visit(page, '/performance/surgery');
    const shown = await heading(page);
    const choice = server.rows.teams.find((t) => t.name !== shown)!;
    await page.selectOption('#team', choice.id);
    await page.fill('#asAt-day', '15');
    await page.fill('#asAt-month', '3');
    await page.fill('#asAt-year', '2026');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.waitForURL(new RegExp(`team=${choice.id}`));
    expect(await heading(page)).toBe(choice.name);
    expect(await page.locator('caption').first().textContent()).toContain('15 March 2026');
    await expectNoAxeViolationsWithoutJs(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
