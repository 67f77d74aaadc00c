// A young person lets someone they trust see their plan (issue 12 §6), on a 320 px phone without JavaScript:
// they add a supporter and get a code; the supporter sets up a sign-in with it and reads the plan. Every page
// passes axe and fits the screen.
import { beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  checkWithoutJs,
  describeBrowser,
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
let youngPhone: BrowserContext;
let supporterPhone: BrowserContext;
const journey = { login: '', name: '', code: '' };
const SUPPORTER_PASSWORD = 'violet harbour lantern 92';

/** A page on a 320 px phone with JavaScript off: axe on a copy of it, and nothing wider than the phone. */
async function checkPhonePage(page: Page) {
  expect(page.viewportSize()).toEqual(PHONE);
  await checkWithoutJs(page);
}

describeBrowser('a young person lets a supporter read their plan, on phones without JavaScript', () => {
  const setUp = browserSetUp(['supported'], { openReview: true });
  beforeAll(async () => {
    ({ server, browser } = setUp);
    ({ login: journey.login, name: journey.name } = setUp.youngPeople[0]);
    const phone = { viewport: PHONE, isMobile: true, hasTouch: true, javaScriptEnabled: false };
    youngPhone = await newContext(browser, server, phone);
    supporterPhone = await newContext(browser, server, phone);
  });

  it('the young person adds a supporter from their account page and gets a code', async () => {
    const page = await youngPhone.newPage();
    await signIn(page, journey.login);
    await visit(page, '/account');
    await page.getByRole('link', { name: 'Who else can see your plan' }).click();
    expect(await heading(page)).toBe('Who else can see your plan');
    await checkPhonePage(page);
    await page.getByRole('button', { name: 'Add someone' }).click();
    expect(await heading(page)).toBe('Add someone who can see your plan');
    await checkPhonePage(page);
    // Nothing chosen: the error summary and a message by each field.
    await page.getByRole('button', { name: 'Add them' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter their name');
    await checkPhonePage(page);
    await page.getByLabel('Their name').fill('Sam Advocate');
    await page.getByLabel('Advocate', { exact: true }).check();
    await page.getByLabel('Read my plan', { exact: true }).check();
    await page.getByRole('button', { name: 'Add them' }).click();
    expect(await page.locator('h1').innerText()).toContain('Link and code ready');
    journey.code = await page.locator('#supporter-code').innerText();
    expect(journey.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await checkPhonePage(page);
    await visit(page, '/account/supporters');
    await expect(page.locator('main').innerText()).resolves.toContain('Sam Advocate');
  });

  it('the supporter types the code, chooses a sign-in and reads the plan, and nothing else', async () => {
    const page = await supporterPhone.newPage();
    await visit(page, '/supporter-invite');
    await checkPhonePage(page);
    await page.getByLabel('Enter your code').fill(journey.code);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await heading(page)).toBe(`Set up your sign-in to see ${journey.name}'s plan`);
    await checkPhonePage(page);
    await page.getByLabel('Username').fill(`sam.advocate.${Date.now().toString(36)}`);
    await page.getByLabel('Password', { exact: true }).fill(SUPPORTER_PASSWORD);
    await page.getByLabel('Type your password again').fill(SUPPORTER_PASSWORD);
    await page.getByRole('button', { name: 'Set up my account' }).click();
    expect(new URL(page.url()).pathname).toBe('/my-plan');
    expect(await heading(page)).toBe(`${journey.name}'s plan`);
    await expect(page.locator('main').innerText()).resolves.toContain('You can read this plan. You cannot change it.');
    await checkPhonePage(page);
    await page.getByRole('link', { name: 'Read the whole plan' }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/reviews\/[0-9a-f-]+\/read$/);
    await checkPhonePage(page);
    const record = await page.goto(`${server.url}/my-record`);
    expect(record?.status()).toBe(403);
  });
});
