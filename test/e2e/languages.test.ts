// The young person's pages in Arabic (right to left) and Tigrinya (Ethiopic script) in a real browser at
// 320 px (issue 12 §5, §8): chosen from the list at the top, <html lang dir> right, axe clean, nothing
// wider than the phone, GOV.UK's radios, checkboxes, back link and error summary mirrored in Arabic, the
// Noto font for the script in use, and the check-in faces drawn (no emoji boxes).
import { beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

const PAGES = YOUNG_PERSON_PAGES;

async function checkPage(page: Page, lang: string, dir: 'ltr' | 'rtl') {
  await expectLanguage(page, lang, dir);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
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
  const setUp = browserSetUp(['languages']);
  beforeAll(() => {
    ({ server, browser } = setUp);
    login = setUp.youngPeople[0].login;
  });

  it('signed out: the sign-in page in Arabic from ?lang=, right to left and axe clean', async () => {
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
    await visit(page, '/sign-in?lang=ar');
    await checkPage(page, 'ar', 'rtl');
    // The error summary and the message next to the field, in Arabic, mirrored: its red bar on the right.
    await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary__title').innerText()).toBe('هناك مشكلة');
    const bar = await page
      .locator('.govuk-form-group--error')
      .first()
      .evaluate((el) => ({ right: getComputedStyle(el).borderRightWidth, left: getComputedStyle(el).borderLeftWidth }));
    expect(bar).toEqual({ right: '5px', left: '0px' });
    await checkPage(page, 'ar', 'rtl');
    await visit(page, '/invite');
    await checkPage(page, 'ar', 'rtl');
    await context.close();
  });

  it('Arabic: chosen from the list, every page right to left, mirrored, in Noto Sans Arabic, axe clean at 320 px', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await signIn(page, login);
    await Promise.all([page.waitForURL('**/'), page.getByRole('button', { name: 'العربية' }).click()]);
    for (const path of PAGES) {
      await visit(page, path);
      await checkPage(page, 'ar', 'rtl');
    }
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
    // A page that does not exist, in Arabic too.
    await visit(page, '/no-such-page', 404);
    await checkPage(page, 'ar', 'rtl');
    await context.close();
  });

  it('Tigrinya: every page left to right in Noto Sans Ethiopic, axe clean at 320 px', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await signIn(page, login);
    await Promise.all([page.waitForURL('**/'), page.getByRole('button', { name: 'ትግርኛ' }).click()]);
    for (const path of PAGES) {
      await visit(page, path);
      await checkPage(page, 'ti', 'ltr');
    }
    expect(await fontOf(page, 'መልእኽቲ')).toEqual({ family: 'Pathway Noto Ethiopic', loaded: true });
    // Back to English, as a person would, from the same list.
    await Promise.all([page.waitForURL(`**${PAGES.at(-1)}`), page.getByRole('button', { name: 'English' }).click()]);
    await checkPage(page, 'en', 'ltr');
    await context.close();
  });
});
