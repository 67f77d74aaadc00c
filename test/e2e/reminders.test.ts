// Reminders in a real browser (issue 12 §3, §8): a young person on a phone at 320 px, without JavaScript,
// chooses to be contacted by text (a bad number is shown next to its field), their worker marks their
// help request seen, and the administrator finds the reminder in the demo outbox. axe on every page.
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
  signInAs,
  browserSetUp,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { readFileSync } from 'node:fs';

/** The Arabic words of the young person's pages, from the files the app reads. */
const arabic = (namespace: string) =>
  JSON.parse(readFileSync(new URL(`../../src/locales/ar/${namespace}.json`, import.meta.url), 'utf8'));
const ar = { companion: arabic('companion'), reminders: arabic('reminders') };

let server: TestServer;
let browser: Browser;
let login = '';
let adviserLogin = '';
let arabicLogin = '';
let arabicAdviserLogin = '';

async function checkWithoutJs(page: Page) {
  await expectNoAxeViolationsWithoutJs(page);
  await expectNoHorizontalScroll(page);
}

describeBrowser('reminders', () => {
  const setUp = browserSetUp(['reminders', 'reminders-ar']);
  beforeAll(() => {
    ({ server, browser } = setUp);
    const [first, second] = setUp.youngPeople;
    ({ login } = first);
    adviserLogin = first.adviser.email;
    arabicLogin = second.login;
    arabicAdviserLogin = second.adviser.email;
  });

  it('choose text messages at 320 px without JavaScript → help request seen → the reminder in the outbox', async () => {
    const young = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const yp = await young.newPage();
    await signIn(yp, login);
    await visit(yp, '/account');
    await Promise.all([
      yp.waitForURL('**/account/contact'),
      yp.getByRole('link', { name: 'How we contact you' }).click(),
    ]);
    expect(await heading(yp)).toBe('How we contact you');
    await checkWithoutJs(yp);

    await yp.getByLabel('By text message').check();
    await yp.getByLabel('Mobile phone number').fill('12');
    await yp.getByRole('button', { name: 'Save' }).click();
    expect(await yp.title()).toMatch(/^Error: /);
    expect(await yp.locator('#phone-error').innerText()).toContain('Enter a mobile phone number');
    await checkWithoutJs(yp);

    await yp.getByLabel('By text message').check();
    await yp.getByLabel('Mobile phone number').fill('07700 900 982');
    await Promise.all([yp.waitForURL('**/account/contact'), yp.getByRole('button', { name: 'Save' }).click()]);
    expect(await yp.locator('#contact-now').innerText()).toBe('We will send a text message to 07700 900 982.');
    await checkWithoutJs(yp);

    // They ask for help; their adviser marks it seen.
    await visit(yp, '/check-in');
    await yp.getByLabel('Not good').check();
    await yp.getByLabel('I need help').check();
    await Promise.all([yp.waitForURL('**/check-ins?**'), yp.getByRole('button', { name: 'Send' }).click()]);
    const staff = await newContext(browser, server);
    const pa = await staff.newPage();
    await signIn(pa, adviserLogin);
    await visit(pa, '/inbox');
    await Promise.all([
      pa.waitForURL('**/inbox?**'),
      pa
        .getByRole('button', { name: /Mark .*done/ })
        .first()
        .click(),
    ]);
    await server.testApp.services.jobs.sendQueued();

    const admin = await (await newContext(browser, server, { viewport: PHONE })).newPage();
    await signInAs(admin, server.rows, 'admin');
    await visit(admin, '/admin/outbox');
    const main = await admin.locator('main').innerText();
    expect(main).toContain('07700 900 982');
    expect(main).toContain('Help request seen');
    expect(main).toContain('Not sent (demo)');
    await expectNoAxeViolations(admin);
    await expectNoHorizontalScroll(admin);
  });

  it('in Arabic (issue 12 §8): check in → help task → reply → the reminder in the outbox, at 320 px without JavaScript', async () => {
    const young = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const yp = await young.newPage();
    await signIn(yp, arabicLogin);
    // The language is chosen from the list at the top of the page (a form: it works without JavaScript).
    await Promise.all([yp.waitForURL('**/'), yp.locator('form[action="/language"] button[value="ar"]').click()]);
    expect(await yp.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);

    await visit(yp, '/account/contact');
    expect(await heading(yp)).toBe(ar.reminders.title);
    await yp.getByLabel(ar.reminders.channel.sms).check();
    await yp.getByLabel(ar.reminders.phone).fill('07700 900 123');
    await Promise.all([
      yp.waitForURL('**/account/contact'),
      yp.getByRole('button', { name: ar.reminders.save, exact: true }).click(),
    ]);
    await checkWithoutJs(yp);

    await visit(yp, '/check-in');
    await yp.getByLabel(ar.companion.checkIn.feeling['2']).check();
    await yp.getByLabel(ar.companion.checkIn.needsHelp).check();
    await Promise.all([
      yp.waitForURL('**/check-ins?**'),
      yp.getByRole('button', { name: ar.companion.checkIn.submit }).click(),
    ]);
    await checkWithoutJs(yp);
    await visit(yp, '/messages/new');
    await yp.locator('input[name="to"]').first().check();
    await yp.locator('input[name="subject"]').fill('الإيجار');
    await yp.locator('textarea[name="body"]').fill('هل يمكنك مساعدتي في الإيجار هذا الأسبوع؟');
    await Promise.all([
      yp.waitForURL(/\/messages\/[0-9a-f-]{36}/),
      yp.getByRole('button', { name: ar.companion.messages.send, exact: true }).click(),
    ]);
    const threadUrl = new URL(yp.url()).pathname;
    await checkWithoutJs(yp);

    // Their adviser's pages stay in English: the help task and the message are in the inbox.
    const staff = await newContext(browser, server);
    const pa = await staff.newPage();
    await signIn(pa, arabicAdviserLogin);
    await visit(pa, threadUrl);
    await pa.getByLabel('Your reply').fill('Yes. I will call you at 2pm today.');
    await Promise.all([pa.waitForURL(`**${threadUrl}?**`), pa.getByRole('button', { name: 'Reply' }).click()]);
    await visit(pa, '/inbox');
    await Promise.all([
      pa.waitForURL('**/inbox?**'),
      pa.getByRole('button', { name: /Mark done\s*: Asked for help/ }).click(),
    ]);
    await server.testApp.services.jobs.sendQueued();

    // The young person reads the reply on their page, in Arabic around it.
    await visit(yp, threadUrl);
    expect(await yp.locator('[data-messages]').innerText()).toContain('I will call you at 2pm today.');
    await checkWithoutJs(yp);

    // The reminder that the help request was seen went to their phone in their language.
    const admin = await (await newContext(browser, server, { viewport: PHONE })).newPage();
    await signInAs(admin, server.rows, 'admin');
    await visit(admin, '/admin/outbox');
    const outbox = await admin.locator('main').innerText();
    expect(outbox).toContain('07700 900 123');
    expect(outbox).toContain(ar.reminders.messages.help_seen.split('{{name}}')[0].trim());
    await expectNoAxeViolations(admin);
    await young.close();
    await staff.close();
  });
});
