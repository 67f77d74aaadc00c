// Easy read in a real browser at 320 px (issue 12 §6): a young person turns it on from the top of a page,
// their pages show the easy words and a picture beside each plan area and question, axe clean and nothing
// wider than the phone, with JavaScript and without it. With JavaScript, "Read this aloud" gives the words to
// the browser's speech in the page's language, and stops when pressed again. Headless Chromium has no voices,
// so speechSynthesis is replaced in the page by a stub that records what it was given. Signed out, the sign-in
// page has a link that turns easy read on or off (kept on the device), at 320 px and without JavaScript.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addYoungPersonWritingPlan } from '../support/factories.ts';
import * as browserTest from '../support/browser.ts';

const { checkWithoutJs, describeBrowser, expectLanguage, expectNoAxeViolations, expectNoHorizontalScroll } =
  browserTest;
const { newContext, PHONE, signIn, startServerAndBrowser, visit } = browserTest;

let server: browserTest.TestServer;
let browser: Browser;
let login = '';

const AREA = '/my-plan/areas/accommodation';
const PAGES = ['/', '/check-in', '/my-plan', AREA, '/account'];

type Spoken = { text: string; lang: string };
/** In the page before its scripts: speechSynthesis and SpeechSynthesisUtterance that record, not speak. */
function stubSpeech() {
  const w = window as unknown as Record<string, unknown> & { spoken: Spoken[]; cancelled: number };
  w.spoken = [];
  w.cancelled = 0;
  class Utterance extends EventTarget {
    lang = '';
    constructor(readonly text: string) {
      super();
    }
  }
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: {
      speak: (u: Utterance) => w.spoken.push({ text: u.text, lang: u.lang }),
      cancel: () => {
        w.cancelled++;
      },
    },
  });
}
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { spoken: Spoken[] }).spoken);

/** Presses a button that sends a form, and waits for the page it lands on. */
async function press(page: Page, name: string) {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).first().click()]);
}

describeBrowser('easy read for a young person', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    login = `easyread.${server.rows.council.slug}`;
    await addYoungPersonWritingPlan(server.testApp.db, server.rows, login);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('with JavaScript: turned on at 320 px, axe clean, and "Read this aloud" speaks in the page’s language', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    await context.addInitScript(stubSpeech);
    const page = await context.newPage();
    await signIn(page, login);
    await visit(page, AREA);
    expect(await page.locator('.app-read-aloud').count()).toBe(0);
    await press(page, 'Turn on easy read');
    expect(new URL(page.url()).pathname).toBe(AREA);
    expect(await page.locator('h1').innerText()).toBe('Your home');
    expect(await page.locator('img.app-picture').count()).toBe(6);
    for (const path of PAGES) {
      await visit(page, path);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
    }
    // Beside the main text and each of the 5 questions.
    await visit(page, AREA);
    const buttons = page.getByRole('button', { name: 'Read this aloud' });
    expect(await buttons.count()).toBe(6);
    await buttons.nth(1).click();
    expect(await spoken(page)).toEqual([{ text: expect.stringContaining('What is good?'), lang: 'en' }]);
    expect((await spoken(page))[0].text).toContain('Like this: I feel safe where I live.');
    // Pressed again, it stops.
    const stop = page.getByRole('button', { name: 'Stop reading' });
    expect(await stop.count()).toBe(1);
    await stop.click();
    expect(await page.evaluate(() => (window as unknown as { cancelled: number }).cancelled)).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Stop reading' }).count()).toBe(0);
    expect(await spoken(page)).toHaveLength(1);
    // In Arabic: the button's words, and the speech, in Arabic.
    await press(page, 'العربية');
    await expectLanguage(page, 'ar', 'rtl');
    expect(await page.locator('h1').innerText()).toBe('بيتك');
    await page.getByRole('button', { name: 'اقرأ هذا بصوت عالٍ' }).first().click();
    expect(await spoken(page)).toEqual([{ text: expect.stringContaining('بيتك'), lang: 'ar' }]);
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    // Back to English, and easy read off, for the next test.
    await press(page, 'English');
    await press(page, 'Turn off easy read');
    expect(await page.locator('img.app-picture').count()).toBe(0);
    await context.close();
  });

  it('with JavaScript but no speech in the browser: no "Read this aloud" button', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    await context.addInitScript(() => {
      for (const name of ['speechSynthesis', 'SpeechSynthesisUtterance']) {
        delete (window as unknown as Record<string, unknown>)[name];
        delete (Window.prototype as unknown as Record<string, unknown>)[name];
      }
    });
    const page = await context.newPage();
    await signIn(page, login);
    await visit(page, '/account');
    await press(page, 'Turn on easy read');
    expect(await page.evaluate(() => 'speechSynthesis' in window)).toBe(false);
    await visit(page, AREA);
    expect(await page.locator('img.app-picture').count()).toBe(6);
    expect(await page.locator('.app-read-aloud').count()).toBe(0);
    await press(page, 'Turn off easy read');
    await context.close();
  });

  it('without JavaScript: turned on and off with the forms, the same pages axe clean at 320 px, no speech button', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, login);
    await visit(page, '/my-plan');
    await press(page, 'Turn on easy read');
    expect(new URL(page.url()).pathname).toBe('/my-plan');
    expect(await page.locator('img.app-picture').count()).toBeGreaterThan(0);
    for (const path of PAGES) {
      await visit(page, path);
      await checkWithoutJs(page);
    }
    await visit(page, AREA);
    expect(await page.locator('h1').innerText()).toBe('Your home');
    expect(await page.locator('img.app-picture').count()).toBe(6);
    expect(await page.locator('.app-read-aloud').count()).toBe(0);
    // Off again from their account page.
    await visit(page, '/account');
    await press(page, 'Turn off easy read');
    expect(new URL(page.url()).pathname).toBe('/account');
    await visit(page, AREA);
    expect(await page.locator('h1').innerText()).toBe('Where you live');
    await context.close();
  });

  it('signed out, without JavaScript: the sign-in page’s link turns easy read on and off, axe clean at 320 px', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await visit(page, '/sign-in');
    const follow = (name: string) =>
      Promise.all([page.waitForEvent('load'), page.getByRole('link', { name, exact: true }).click()]);
    await follow('Turn on easy read');
    expect(new URL(page.url()).search).toBe('?easy=1');
    const forgotten = page.getByText('Forgot your password? Ask your worker for a new code.');
    expect(await forgotten.count()).toBe(1);
    await checkWithoutJs(page);
    // Kept on this device: the page without ?easy= is still in easy read, in Arabic too, right to left.
    await visit(page, '/sign-in?lang=ar');
    await expectLanguage(page, 'ar', 'rtl');
    expect(await page.getByText('نسيت كلمة المرور؟ اطلب رمزاً جديداً من الموظف المسؤول عنك.').count()).toBe(1);
    await checkWithoutJs(page);
    await visit(page, '/sign-in?lang=en');
    await follow('Turn off easy read');
    expect(await forgotten.count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Turn on easy read', exact: true }).count()).toBe(1);
    await context.close();
  });
});
