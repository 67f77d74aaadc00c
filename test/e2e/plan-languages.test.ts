// A young person's plan in Arabic in a real browser at 320 px (issue 12 §5, §8): /my-plan, an area page,
// the form's error and the autosave's words, the plan to read before signing and the approved plan, right to left, axe clean and
// nothing wider than the phone, with JavaScript and without it (writing their words works without it).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { staffByLocal } from '../support/app.ts';
import { addReview, addYoungPerson, addYoungPersonAccount } from '../support/factories.ts';
import * as browserTest from '../support/browser.ts';

const { checkWithoutJs, describeBrowser, expectLanguage, expectNoAxeViolations, expectNoHorizontalScroll } =
  browserTest;
const { newContext, PHONE, signIn, startServerAndBrowser, visit } = browserTest;

let server: browserTest.TestServer;
let browser: Browser;
let login = '';
let openReviewId = '';

const rightToLeft = (page: Page) => expectLanguage(page, 'ar', 'rtl');
/** With JavaScript: axe on the page itself, and nothing wider than the phone. */
async function checkWithJs(page: Page) {
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
}

describeBrowser("the young person's plan in Arabic", () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    const { rows, testApp } = server;
    const adviser = staffByLocal(rows, 'pa');
    const managerId = staffByLocal(rows, 'tm').id;
    const person = await addYoungPerson(testApp.db, rows, {
      dateOfBirth: '2007-05-10',
      episodes: [{ start: '2021-01-01', end: '2025-05-10' }],
      personalAdviserId: adviser.id,
      teamId: adviser.teamId!,
    });
    login = `planlang.${rows.council.slug}`;
    await addYoungPersonAccount(testApp.db, rows, person.id, login);
    const plan = { youngPersonId: person.id, adviserId: adviser.id, managerId };
    await addReview(testApp.db, rows, { ...plan, stage: 'approved', on: '2026-06-15' });
    openReviewId = (await addReview(testApp.db, rows, { ...plan, stage: 'planning', on: '2026-11-20' })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const PAGES = () => [
    '/my-plan',
    '/my-plan/areas/accommodation',
    `/reviews/${openReviewId}/read`,
    '/my-plan/approved',
    '/my-plan/approved?part=planning',
    '/my-plan/versions/1',
  ];

  it('with JavaScript: every plan page right to left and axe clean at 320 px, the form’s error too', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await signIn(page, login);
    await Promise.all([page.waitForURL('**/'), page.getByRole('button', { name: 'العربية' }).click()]);
    for (const path of PAGES()) {
      await visit(page, path);
      await rightToLeft(page);
      await checkWithJs(page);
    }
    // Saved as they type (public/app.js): the status line in Arabic too.
    await visit(page, '/my-plan/areas/accommodation');
    await page.getByLabel('ما يقلقني').fill('الفواتير كثيرة.');
    await expect
      .poll(() => page.locator('.app-autosave-status').innerText(), { timeout: 15_000 })
      .toMatch(/^حُفظ الساعة /);
    await page.getByLabel('كيف تسير الأمور؟').fill('12');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'حفظ' }).click()]);
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary__list').innerText()).toContain('اكتب رقمًا من 0 إلى 10');
    await rightToLeft(page);
    await checkWithJs(page);
    await context.close();
  });

  it('without JavaScript: the same pages, and writing their words, work and are axe clean', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, login);
    await visit(page, '/?lang=ar');
    for (const path of PAGES()) {
      await visit(page, path);
      await rightToLeft(page);
      await checkWithoutJs(page);
    }
    await visit(page, '/my-plan/areas/accommodation');
    await page.getByLabel('ما يسير بشكل جيد').fill('أحب شقتي الجديدة.');
    await page.getByLabel('كيف تسير الأمور؟').fill('8');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/my-plan'),
      page.getByRole('button', { name: 'حفظ' }).click(),
    ]);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('المكان الذي تعيش فيه: تم الحفظ');
    await rightToLeft(page);
    await checkWithoutJs(page);
    await context.close();
  });
});
