// The SSDA903 return page (issue 11 §4) on a 320 px phone: it passes axe with and without JavaScript,
// fits without scrolling sideways, and the form downloads the chosen year's ZIP.
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

describeBrowser('the SSDA903 return page', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 30 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('on a 320 px phone a service manager chooses the year and downloads the ZIP', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');
    await visit(page, '/returns/ssda903');
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolationsWithoutJs(page);
    await page.getByLabel('Collection year').selectOption('2025');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the return (ZIP)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ssda903-2025.zip');
    await context.close();
  });
});
