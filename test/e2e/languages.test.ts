// Every young person's page in every language in a real browser at 320 px (issue 12 §5, §8): <html lang dir>
// right, axe clean, nothing wider than the phone. Each language gets one browser context: the pages before
// signing in (sign-in, a code from their worker), then every page a signed-in young person reads, a thread of
// their messages, their worker's page, the question about who looked, a plan area and a page that does not
// exist. Arabic (right to left) and Tigrinya (Ethiopic script) are chosen from the list at the top and checked
// further: GOV.UK's radios, checkboxes, back link and error summary mirrored in Arabic, the Noto font for the
// script in use, the check-in faces drawn (no emoji boxes), and easy read in Arabic.
import { beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LANGUAGES } from '../../src/http/i18n.ts';
import { Agent, runAddress } from '../support/agent.ts';
import { PASSWORD } from '../support/app.ts';
import {
  describeBrowser,
  expectLanguage,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  newContext,
  PHONE,
  signIn,
  browserSetUp,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { YOUNG_PERSON_PAGES } from '../support/young-person-pages.ts';

let server: TestServer;
let browser: Browser;
let login = '';

const AREA = '/my-plan/areas/accommodation';
/** Every page a signed-in young person reads: the list, and the ones this file adds in `beforeAll`. */
const PAGES: string[] = [...YOUNG_PERSON_PAGES, AREA];
// Some 20 pages and axe runs a language: 10 to 15 s here, more on a loaded 2-core CI machine.
const TIMEOUT = 120_000;

async function checkPage(page: Page, lang: string, dir: 'ltr' | 'rtl') {
  await expectLanguage(page, lang, dir);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
}

/** Every page a signed-in young person reads, and a page that does not exist, in `lang`. */
async function checkEveryPage(page: Page, lang: string, dir: 'ltr' | 'rtl') {
  for (const path of PAGES) {
    await visit(page, path);
    await checkPage(page, lang, dir);
  }
  await visit(page, '/no-such-page', 404);
  await checkPage(page, lang, dir);
}

/** Before signing in: the sign-in page in `lang` from ?lang=, and the page for a code from their worker. */
async function checkSignedOut(page: Page, lang: string, dir: 'ltr' | 'rtl') {
  await visit(page, `/sign-in?lang=${lang}`);
  await checkPage(page, lang, dir);
  // GOV.UK's "Show" beside the password, pressed: now "Hide", its words still part of its name.
  await page.locator('.govuk-password-input__toggle').click();
  expect(await page.locator('#password').getAttribute('type')).toBe('text');
  await expectNoAxeViolations(page);
  await visit(page, '/invite');
  await checkPage(page, lang, dir);
}

/** The family the heading is drawn in, and whether the browser has loaded that font for the script. */
async function fontOf(page: Page, sample: string) {
  return page.evaluate(async (text) => {
    await document.fonts.ready;
    const family = getComputedStyle(document.querySelector('h1')!).fontFamily.split(',')[0].replace(/"/g, '').trim();
    await document.fonts.load(`16px "${family}"`, text);
    return { family, loaded: document.fonts.check(`16px "${family}"`, text) };
  }, sample);
}

describeBrowser("the young person's pages in their language", () => {
  const setUp = browserSetUp(['languages'], { openReview: true });
  beforeAll(async () => {
    ({ server, browser } = setUp);
    const person = setUp.youngPeople[0];
    login = person.login;
    // Their adviser looks at their record and starts a thread; they read the thread and ask why the adviser looked.
    const adviser = new Agent(server.testApp.app, runAddress(12, 8, 1));
    await adviser.signIn(person.adviser.email, PASSWORD);
    await adviser.get(`/young-people/${person.id}`);
    await adviser.get(`/young-people/${person.id}/messages/new`);
    const started = await adviser.post(`/young-people/${person.id}/messages/new`, {
      subject: 'Meeting on Friday',
      body: 'Can we meet at the library on Friday at 2?',
    });
    const thread = /\/messages\/[0-9a-f-]{36}/.exec(String(started.headers.location))?.[0];
    const young = new Agent(server.testApp.app, runAddress(12, 8, 2));
    await young.signIn(login, PASSWORD);
    const ask = /href="(\/my-record\/looks\/\d+\/ask)"/.exec((await young.get('/my-record/looks')).body)?.[1];
    expect({ thread, ask }).toEqual({ thread: expect.any(String), ask: expect.any(String) });
    PAGES.push(thread!, `/workers/${person.adviser.id}`, ask!);
  });

  it(
    'Arabic: signed out from ?lang=, then chosen from the list, every page right to left, mirrored, in Noto Sans Arabic, axe clean at 320 px',
    async () => {
      const context = await newContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      // The language list is in GOV.UK's font, not the browser's serif (it sits outside GOV.UK's text classes).
      await visit(page, '/sign-in');
      const fonts = await page.evaluate(() =>
        [document.querySelector('h1')!, document.querySelector('.app-languages [aria-current]')!].map(
          (e) => getComputedStyle(e).fontFamily,
        ),
      );
      expect(fonts[1]).toBe(fonts[0]);
      await checkSignedOut(page, 'ar', 'rtl');
      // The error summary and the message next to the field, in Arabic, mirrored: its red bar on the right.
      await visit(page, '/sign-in');
      await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
      await page.waitForSelector('.govuk-error-summary');
      expect(await page.locator('.govuk-error-summary__title').innerText()).toBe('هناك مشكلة');
      const bar = await page
        .locator('.govuk-form-group--error')
        .first()
        .evaluate((el) => ({
          right: getComputedStyle(el).borderRightWidth,
          left: getComputedStyle(el).borderLeftWidth,
        }));
      expect(bar).toEqual({ right: '5px', left: '0px' });
      await checkPage(page, 'ar', 'rtl');

      await visit(page, '/sign-in?lang=en');
      await signIn(page, login);
      await Promise.all([page.waitForURL('**/'), page.getByRole('button', { name: 'العربية' }).click()]);
      await checkEveryPage(page, 'ar', 'rtl');
      // Radios and checkboxes: the drawn circle and box sit over the input, to the right of their words.
      await visit(page, '/check-in');
      for (const item of ['.govuk-radios__item', '.govuk-checkboxes__item']) {
        const drawn = await page
          .locator(item)
          .first()
          .evaluate((el) => {
            const box = el.getBoundingClientRect();
            const input = el.querySelector('input')!.getBoundingClientRect();
            const label = el.querySelector('label')!;
            const mark = getComputedStyle(label, '::before');
            const width = Number.parseFloat(mark.width);
            const left =
              mark.left !== 'auto'
                ? box.left + Number.parseFloat(mark.left)
                : box.right - Number.parseFloat(mark.right) - width;
            return {
              left,
              right: left + width,
              inputLeft: input.left,
              inputRight: input.right,
              words: label.getBoundingClientRect().right,
            };
          });
        expect(drawn.left, item).toBeGreaterThanOrEqual(drawn.inputLeft - 1);
        expect(drawn.right, item).toBeLessThanOrEqual(drawn.inputRight + 1);
        expect(drawn.left, item).toBeGreaterThan(drawn.words - 1);
      }
      // The faces are drawn in the page, one per point, and take up room (not an empty box).
      const faces = await page
        .locator('svg.app-feeling-face')
        .evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().width));
      expect(faces).toHaveLength(5);
      for (const width of faces) expect(width).toBeGreaterThan(20);
      // The back link's arrow points right, on the right.
      await visit(page, '/messages/new');
      const arrow = await page.locator('.govuk-back-link').evaluate((a) => ({
        right: getComputedStyle(a, '::before').right,
        transform: getComputedStyle(a, '::before').transform,
      }));
      expect(arrow.right).not.toBe('auto');
      expect(arrow.transform).not.toBe('none');
      expect(await fontOf(page, 'رسالة')).toEqual({ family: 'Pathway Noto Arabic', loaded: true });
      // Easy read, in Arabic: their home and a plan area with the easy words and a picture beside each part.
      await visit(page, '/');
      await Promise.all([page.waitForEvent('load'), page.locator('.app-easy-read-choice button').click()]);
      for (const path of ['/', AREA]) {
        await visit(page, path);
        expect(await page.locator('img.app-picture').count(), path).toBeGreaterThan(0);
        await checkPage(page, 'ar', 'rtl');
      }
      await Promise.all([page.waitForEvent('load'), page.locator('.app-easy-read-choice button').click()]);
      expect(await page.locator('img.app-picture').count()).toBe(0);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    'Tigrinya: signed out from ?lang=, then chosen from the list, every page left to right in Noto Sans Ethiopic, axe clean at 320 px',
    async () => {
      const context = await newContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      await checkSignedOut(page, 'ti', 'ltr');
      await visit(page, '/sign-in?lang=en');
      await signIn(page, login);
      await Promise.all([page.waitForURL('**/'), page.getByRole('button', { name: 'ትግርኛ' }).click()]);
      await checkEveryPage(page, 'ti', 'ltr');
      expect(await fontOf(page, 'መልእኽቲ')).toEqual({ family: 'Pathway Noto Ethiopic', loaded: true });
      // Back to English, as a person would, from the same list.
      await Promise.all([page.waitForURL('**/no-such-page'), page.getByRole('button', { name: 'English' }).click()]);
      await checkPage(page, 'en', 'ltr');
      await context.close();
    },
    TIMEOUT,
  );

  // The other languages: the same pages, chosen with ?lang= (the list itself is tested above).
  const others = LANGUAGES.filter((l) => l.code !== 'ar' && l.code !== 'ti');
  it.each(others.map((l) => [l.english, l.code, l.dir] as const))(
    '%s: signed out and in, every page <html lang="%s" dir="%s">, axe clean, nothing wider than 320 px',
    async (_name, code, dir) => {
      const context = await newContext(browser, server, { viewport: PHONE });
      const page = await context.newPage();
      await checkSignedOut(page, code, dir);
      await visit(page, '/sign-in?lang=en');
      await signIn(page, login);
      await visit(page, `/?lang=${code}`);
      await checkEveryPage(page, code, dir);
      await context.close();
    },
    TIMEOUT,
  );
});
