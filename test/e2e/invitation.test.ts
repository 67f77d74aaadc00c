// The invitation journey: a personal adviser invites a young person from their record, and the
// young person sets up their account on a 320 px phone with the code. Every page on the phone
// passes axe and fits the screen without sideways scrolling.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  heading,
  navigationLinks,
  newContext,
  PHONE,
  recordLinks,
  signIn,
  signInAs,
  signOut,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';

let server: TestServer;
let browser: Browser;
let adviser: BrowserContext;
let phone: BrowserContext;

/** Shared between the steps of the journey, which run in order. */
const journey = { code: '', recordPath: '', name: '', username: `sam.e2e.${Date.now().toString(36)}` };
const GOOD_PASSWORD = 'violet kettle marching 47';

async function checkPhonePage(page: Page) {
  expect(page.viewportSize()).toEqual(PHONE);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
}

describeBrowser('inviting a young person, who sets up their account on a phone', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    adviser = await newContext(browser, server);
    phone = await newContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a personal adviser finds someone without an account in their caseload and invites them', async () => {
    const page = await adviser.newPage();
    await signInAs(page, server.rows, 'pa');
    await visit(page, '/caseload');
    // Open records from the caseload until one has not been invited yet.
    for (const link of await recordLinks(page)) {
      await visit(page, link.href);
      if (await page.getByText('has not been invited to Pathway yet').isVisible()) {
        journey.recordPath = link.href;
        break;
      }
    }
    expect(journey.recordPath, 'someone in the caseload has no account and no invitation').not.toBe('');
    await page.getByRole('button', { name: 'Invite them to Pathway' }).click();
    await page.waitForURL(`**${journey.recordPath}/invitations`);
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Invitation ready');
    journey.code = (await page.locator('.govuk-panel .app-code').innerText()).trim();
    expect(journey.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expectNoAxeViolations(page);
    // The record now says an invitation is out.
    await visit(page, journey.recordPath);
    expect(await page.getByText('An invitation was sent and runs out on').isVisible()).toBe(true);
    await page.close();
  });

  it('on a 320 px phone, the young person enters the code at /invite', async () => {
    const page = await phone.newPage();
    await visit(page, '/invite');
    expect(await heading(page)).toBe('Enter your code');
    await checkPhonePage(page);
    // A mistyped code: the error is shown with the field, and the page still passes.
    await page.getByLabel('Enter your code').fill('ZZZZ-2222');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#code-error').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#code-error').innerText()).toContain('This code is not right');
    await checkPhonePage(page);
    // The right code, typed in lower case without the dash, as people do.
    await page.getByLabel('Enter your code').fill(journey.code.replace('-', '').toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('h1', { hasText: 'set up your account' }).waitFor();
    journey.name = /^Hi (.+), set up your account$/.exec(await heading(page))?.[1] ?? '';
    expect(journey.name).not.toBe('');
    await checkPhonePage(page);
  });

  it('a common password is refused next to its field, keeping the username they typed', async () => {
    const [page] = phone.pages();
    await page.getByLabel('Username').fill(journey.username);
    await page.getByLabel('Password', { exact: true }).fill('password123');
    await page.getByLabel('Type your password again').fill('password123');
    await page.getByRole('button', { name: 'Set up my account' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toBe('Error: Set up your account – Pathway');
    // The message sits with the password field, which points to it, and the summary links to the field.
    const message = page.locator('#password-error');
    expect(await message.innerText()).toContain('This password is too easy to guess');
    expect(await page.locator('#password').getAttribute('aria-describedby')).toContain('password-error');
    expect(
      await page
        .locator('.govuk-form-group--error')
        .filter({ has: page.locator('#password') })
        .count(),
    ).toBe(1);
    expect(await page.locator('.govuk-error-summary a[href="#password"]').innerText()).toContain('too easy to guess');
    expect(await page.getByLabel('Username').inputValue()).toBe(journey.username);
    expect(await page.getByLabel('Password', { exact: true }).inputValue(), 'a refused password is not sent back').toBe(
      '',
    );
    await checkPhonePage(page);
  });

  it('a good password sets up the account and lands them, signed in, on their home page', async () => {
    const [page] = phone.pages();
    await page.getByLabel('Password', { exact: true }).fill(GOOD_PASSWORD);
    await page.getByLabel('Type your password again').fill(GOOD_PASSWORD);
    await Promise.all([
      page.waitForURL('**/?welcome=1'),
      page.getByRole('button', { name: 'Set up my account' }).click(),
    ]);
    expect(await heading(page)).toBe(`Hi ${journey.name}`);
    expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Your account is set up');
    expect((await navigationLinks(page)).map((l) => l.text)).toEqual(['Home', 'My plan', 'My details', 'Your account']);
    await checkPhonePage(page);
    // No plan has been started for them yet: My plan says so.
    await visit(page, '/my-plan');
    expect(await heading(page)).toBe('Your plan');
    await checkPhonePage(page);
    await visit(page, '/my-record');
    expect(await heading(page)).toBe('My details');
    await checkPhonePage(page);
  });

  it('they can sign in again with what they chose, and the code cannot be used twice', async () => {
    const [page] = phone.pages();
    // Signing out lives in the folded menu on a phone.
    await page.getByRole('button', { name: 'Menu' }).click();
    await signOut(page);
    await signIn(page, journey.username, GOOD_PASSWORD);
    expect(await heading(page)).toBe(`Hi ${journey.name}`);
    await checkPhonePage(page);
    const again = await newContext(browser, server, { viewport: PHONE });
    const other = await again.newPage();
    await visit(other, '/invite');
    await other.getByLabel('Enter your code').fill(journey.code);
    await other.getByRole('button', { name: 'Continue' }).click();
    await other.locator('#code-error').waitFor();
    await again.close();
    // The adviser sees the account on the record.
    const adviserPage = await adviser.newPage();
    await visit(adviserPage, journey.recordPath);
    expect(await adviserPage.locator('main').innerText()).toContain(`has an account (username ${journey.username})`);
  });

  it('a real invitation link that has run out says so, and what to do', async () => {
    // The adviser invites someone else from their caseload, as in the first step, and keeps the link.
    const page = await adviser.newPage();
    await visit(page, '/caseload');
    let invitePath = '';
    for (const link of await recordLinks(page)) {
      if (link.href === journey.recordPath) continue;
      await visit(page, link.href);
      if (!(await page.getByText('has not been invited to Pathway yet').isVisible())) continue;
      await page.getByRole('button', { name: 'Invite them to Pathway' }).click();
      await page.waitForURL(`**${link.href}/invitations`);
      invitePath = new URL((await page.locator('a[href*="/invite/"]').getAttribute('href'))!, server.url).pathname;
      break;
    }
    await page.close();
    expect(invitePath, 'someone else in the caseload has no account and no invitation').toMatch(
      /^\/invite\/[\w-]{20,}$/,
    );
    const context = await newContext(browser, server, { viewport: PHONE });
    const link = await context.newPage();
    // Before it runs out the link works: the refusal below is about time, not a bad link.
    await visit(link, invitePath);
    expect(await heading(link)).toMatch(/set up your account$/);
    // Seven days and a minute later (the server's clock), the same link is refused.
    const clock = server.testApp.clock;
    clock.advance(7 * 86_400_000 + 60_000);
    try {
      await visit(link, invitePath, 404);
      expect(await heading(link)).toBe('This link or code does not work any more');
      await checkPhonePage(link);
    } finally {
      clock.advance(-(7 * 86_400_000 + 60_000));
      await context.close();
    }
  });
});
