// The administrator's API token pages and the API's docs page (issue 11 §5) in a browser: issuing a
// token without JavaScript (errors beside the fields, the token shown once), revoking it, and the
// docs page on a 320 px phone. Each page passes axe and scrolls no wider than the screen.
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

describeBrowser('API tokens and docs', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 30 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator issues a token on a phone without JavaScript, sees it once, and revokes it', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'admin');
    await visit(page, '/admin/api-tokens');
    await expectNoAxeViolationsWithoutJs(page);
    await page.getByRole('button', { name: 'Issue a token' }).click();
    await page.getByRole('button', { name: 'Issue token' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolationsWithoutJs(page);
    await expectNoHorizontalScroll(page);
    await page.getByLabel('Which system will use it?').fill('Mosaic case management');
    await page.getByLabel(/Read only/).check();
    const year = String(new Date().getUTCFullYear() + 1);
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill(year);
    await page.getByRole('button', { name: 'Issue token' }).click();
    const token = await page.locator('[data-api-token]').innerText();
    expect(token).toMatch(/^pwt_/);
    await expectNoAxeViolationsWithoutJs(page);
    await expectNoHorizontalScroll(page);
    await visit(page, '/admin/api-tokens');
    expect(await page.content()).not.toContain(token);
    await page.getByRole('button', { name: 'Revoke token for Mosaic case management' }).click();
    await expect.poll(() => page.getByText('Token revoked').count()).toBe(1);
    await expectNoAxeViolationsWithoutJs(page);
    await context.close();
  });

  it('the docs page lists every operation and fits a 320 px phone', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, isMobile: true });
    const page = await context.newPage();
    await visit(page, '/api/v1/docs');
    expect(await page.locator('h3[id]').count()).toBeGreaterThanOrEqual(15);
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
