// Reminders in a real browser (issue 12 §3, §8): a young person on a phone at 320 px, without JavaScript,
// chooses to be contacted by text (a bad number is shown next to its field), their worker marks their
// help request seen, and the administrator finds the reminder in the demo outbox. axe on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
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
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { addYoungPersonAccount, youngPeopleFreeToWrite } from '../support/factories.ts';

let server: TestServer;
let browser: Browser;
let login = '';
let adviserLogin = '';

async function checkWithoutJs(page: Page) {
  await expectNoAxeViolationsWithoutJs(page);
  await expectNoHorizontalScroll(page);
}

describeBrowser('reminders', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    const { rows, testApp } = server;
    const person = youngPeopleFreeToWrite(rows)[0];
    adviserLogin = rows.staff.find((s) => s.id === person.personalAdviserId)!.email;
    login = `reminders.${rows.council.slug}`;
    await addYoungPersonAccount(testApp.db, rows, person.id, login);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
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
});
