// Deleting records past their keeping (CPPCR 2010 reg 50; issue 11 §3) in a browser, on a 320 px phone
// without JavaScript: choose on the list, the confirmation page names them, a wrong phrase shows the
// error beside the field, the right one deletes. Each page passes axe and scrolls no wider than the screen.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolationsWithoutJs,
  expectNoHorizontalScroll,
  newContext,
  PHONE,
  signInAs,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { addYoungPerson } from '../support/factories.ts';
import { staffByLocal } from '../support/app.ts';

let server: TestServer;
let browser: Browser;

describeBrowser('records past keeping', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 30 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an administrator chooses two, confirms by typing how many, and they are deleted', async () => {
    const rows = server.rows;
    const tm = staffByLocal(rows, 'tm');
    const add = (givenName: string, dateOfBirth: string) =>
      addYoungPerson(server.testApp.db, rows, {
        dateOfBirth,
        givenName,
        familyName: 'Oldfield',
        personalAdviserId: staffByLocal(rows, 'pa').id,
        teamId: tm.teamId!,
      });
    await add('Agnes', '1940-01-02');
    await add('Bertram', '1945-07-08');
    const context = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, rows, 'admin');
    await visit(page, '/admin/retention');
    await expectNoAxeViolationsWithoutJs(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolationsWithoutJs(page);
    await page.getByLabel('Agnes Oldfield').check();
    await page.getByLabel('Bertram Oldfield').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Delete 2 records' }).count()).toBe(1);
    await expectNoAxeViolationsWithoutJs(page);
    await expectNoHorizontalScroll(page);
    await page.getByLabel('To confirm, type: delete 2 records').fill('delete');
    await page.getByRole('button', { name: 'Delete 2 records' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolationsWithoutJs(page);
    await page.getByLabel('To confirm, type: delete 2 records').fill('delete 2 records');
    await page.getByRole('button', { name: 'Delete 2 records' }).click();
    await expect.poll(() => page.getByText('2 records deleted.').count()).toBe(1);
    expect(await page.getByText('Oldfield').count()).toBe(0);
    await expectNoAxeViolationsWithoutJs(page);
    await context.close();
  });
});
