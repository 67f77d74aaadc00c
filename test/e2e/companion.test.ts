// The young person's companion in a real browser (issue 12 §8): check in on a phone at 320 px asking for
// help, see the task in the adviser's inbox, write to the adviser and read their reply. The young
// person's side runs without JavaScript; the adviser's with it. Every page is checked with axe.
import { beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  expectNoHorizontalScroll,
  heading,
  newContext,
  PHONE,
  signIn,
  browserSetUp,
  visit,
  type TestServer,
} from '../support/browser.ts';

let server: TestServer;
let browser: Browser;
let login = '';
let adviserLogin = '';

/** A page seen without JavaScript: axe on a copy of it, and nothing wider than the phone. */
async function checkWithoutJs(page: Page) {
  await expectNoAxeViolationsWithoutJs(page);
  await expectNoHorizontalScroll(page);
}

describeBrowser("the young person's companion", () => {
  const setUp = browserSetUp(['companion']);
  beforeAll(() => {
    ({ server, browser } = setUp);
    login = setUp.youngPeople[0].login;
    adviserLogin = setUp.youngPeople[0].adviser.email;
  });

  it('check in → help task in the inbox → message → reply, at 320 px, the young person without JavaScript', async () => {
    const young = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const yp = await young.newPage();
    await signIn(yp, login);
    await checkWithoutJs(yp);

    // Sending nothing: the error is next to the scale and in the summary.
    await yp.getByRole('button', { name: 'Send' }).click();
    await yp.waitForURL('**/check-in');
    expect(await yp.title()).toMatch(/^Error: /);
    await checkWithoutJs(yp);

    await yp.getByLabel('Not good').check();
    await yp.getByLabel('Money').check();
    await yp.getByLabel('Anything you want to tell us? (optional)').fill('My rent is late');
    await yp.getByLabel('I need help').check();
    await Promise.all([yp.waitForURL('**/check-ins?**'), yp.getByRole('button', { name: 'Send' }).click()]);
    expect(await heading(yp)).toBe('How things have been');
    await expect.poll(() => yp.locator('.govuk-notification-banner').innerText()).toContain('personal adviser');
    expect(await yp.locator('svg[role="img"]').count()).toBe(1);
    await checkWithoutJs(yp);

    await visit(yp, '/not-safe');
    expect(await yp.locator('main').innerText()).toContain('116 123');
    await checkWithoutJs(yp);

    await visit(yp, '/messages/new');
    await checkWithoutJs(yp);
    await yp.getByLabel(/My personal adviser/).check();
    await yp.getByLabel('What is it about?').fill('My rent');
    await yp.getByLabel('Your message').fill('Can you help me with my rent this week?');
    await Promise.all([
      yp.waitForURL(/\/messages\/[0-9a-f-]{36}/),
      yp.getByRole('button', { name: 'Send message' }).click(),
    ]);
    const threadUrl = new URL(yp.url()).pathname;
    await checkWithoutJs(yp);

    const staff = await newContext(browser, server);
    const pa = await staff.newPage();
    await signIn(pa, adviserLogin);
    await visit(pa, '/inbox');
    const inbox = await pa.locator('[data-inbox]').innerText();
    expect(inbox).toContain('Asked for help');
    expect(inbox).toContain('Message (1 new)');
    await expectNoAxeViolations(pa);
    await pa.getByRole('link', { name: /Message \(1 new\)/ }).click();
    await pa.waitForURL(`**${threadUrl}`);
    await pa.getByLabel('Your reply').fill('Yes. I will call you at 2pm today.');
    await Promise.all([pa.waitForURL(`**${threadUrl}?**`), pa.getByRole('button', { name: 'Reply' }).click()]);
    await expectNoAxeViolations(pa);
    // The help request is marked done from the inbox.
    await visit(pa, '/inbox');
    // The button's hidden words name the item (GOV.UK's visually hidden text adds spaces around them).
    await Promise.all([
      pa.waitForURL('**/inbox?**'),
      pa.getByRole('button', { name: /Mark done\s*: Asked for help/ }).click(),
    ]);
    expect(await pa.locator('main').innerText()).not.toContain('Asked for help');

    await visit(yp, '/');
    expect(await yp.locator('[data-unread]').innerText()).toContain('1 new message');
    await visit(yp, threadUrl);
    expect(await yp.locator('[data-messages]').innerText()).toContain('I will call you at 2pm today.');
    await visit(yp, '/messages');
    expect(await yp.locator('[data-unread]').getAttribute('data-unread')).toBe('0');
    await checkWithoutJs(yp);
    await young.close();
    await staff.close();
  });

  it('the check-in works with JavaScript too, on a phone', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await signIn(page, login);
    await page.getByLabel('Really good').check();
    await Promise.all([page.waitForURL('**/check-ins?**'), page.getByRole('button', { name: 'Send' }).click()]);
    expect(await page.locator('table').innerText()).toContain('Really good');
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
