// A shared phone or computer (issue 7, item 2). The copy of a draft kept on the device belongs to
// the person who wrote it: after they sign out, or when someone else signs in after their session
// ran out or they just closed the browser, the next young person is not offered their words, and
// the browser's storage holds none of them. Their own draft still comes back to them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  expectNoHorizontalScroll,
  heading,
  newContext,
  PHONE,
  signIn,
  signOut,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { addOpenReview, addYoungPersonAccount } from '../support/factories.ts';
import { PASSWORD, TODAY } from '../support/app.ts';
import { AREAS } from '../../src/domain/plan/index.ts';

let server: TestServer;
let browser: Browser;
const AREA = AREAS.find((a) => a.id === 'education-and-training')!;
const AREA_PATH = `/my-plan/areas/${AREA.id}`;
const OFFER = 'Put back what I wrote';
/** Two young people with their own sign-in and a plan under way, at the stage where they write. */
const people = { a: '', b: '' };

beforeAll(async () => {
  ({ server, browser } = await startServerAndBrowser());
  const { rows, testApp } = server;
  const writing = rows.youngPeople.filter(
    (y) =>
      y.caseStatus === 'open' &&
      !y.restricted &&
      y.personalAdviserId &&
      !rows.accounts.some((a) => a.youngPersonId === y.id) &&
      !rows.reviews.some((r) => r.youngPersonId === y.id && r.state !== 'approved') &&
      rows.staff.some((s) => s.role === 'team_manager' && s.teamId === y.teamId),
  );
  expect(writing.length, 'two young people to share a phone').toBeGreaterThanOrEqual(2);
  for (const [who, yp] of [
    ['a', writing[0]],
    ['b', writing[1]],
  ] as const) {
    people[who] = `shared.${who}.${rows.council.slug}`;
    await addYoungPersonAccount(testApp.db, rows, yp.id, people[who]);
    await addOpenReview(testApp.db, rows, yp.id, 'planning', TODAY);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** One phone, as a browser context: its cookies and its storage are shared by whoever picks it up. */
async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, server, { viewport: PHONE });
  // No connection for the autosave: what A types stays only on the phone, as on a bus with no signal.
  await context.route('**/my-plan/areas/**', (route) =>
    route.request().method() === 'POST' && route.request().headers().accept?.includes('application/json')
      ? route.abort('internetdisconnected')
      : route.continue(),
  );
  return { context, page: await context.newPage() };
}

/** Everything the page's origin keeps in localStorage, as one string. */
const stored = (page: Page) => page.evaluate(() => JSON.stringify({ ...localStorage }));

/** A picks up a phone, writes in their own words and does not save; the words are kept on the phone. */
async function aWritesOnAPhone(words: string) {
  const { context, page } = await phone();
  await signIn(page, people.a);
  await visit(page, AREA_PATH);
  expect(await heading(page)).toBe(AREA.youngPersonTitle);
  await page.getByLabel('What is going well').fill(words);
  await expect.poll(() => stored(page), { message: 'the draft is kept on the phone' }).toContain(words);
  return { context, page };
}

/** The session runs out on the server, as it does after the idle time. */
const sessionRunsOut = () => server.testApp.clock.advance((server.testApp.config.sessionIdleMinutes + 1) * 60_000);

/** B signs in on the same phone and opens the same kind of page: no offer of A's words, none stored. */
async function bFindsNothingOf(page: Page, words: string) {
  await signIn(page, people.b);
  // On any page, drafts that are not B's are gone.
  expect(await stored(page)).not.toContain(words);
  await visit(page, AREA_PATH);
  expect(await heading(page)).toBe(AREA.youngPersonTitle);
  await expectNoAxeViolations(page);
  expect(await page.getByRole('button', { name: OFFER }).count()).toBe(0);
  expect(await page.locator('main').innerText()).not.toContain(words);
  expect(await page.getByLabel('What is going well').inputValue()).not.toBe(words);
  expect(await stored(page)).not.toContain(words);
}

describeBrowser('a shared phone: one young person’s unsaved words are never offered to the next', () => {
  it('A types, does not save and signs out; B signs in on the same phone and sees none of it', async () => {
    const words = 'A wrote this: I am scared about my college fees and nobody knows';
    const { context, page } = await aWritesOnAPhone(words);
    await expectNoAxeViolations(page);
    // What the phone holds as the sign-out form is sent (a listener on window hears the submit after
    // the form's own), kept in this tab's sessionStorage to read on the page that comes back.
    await page.evaluate(() => {
      const keep = () => sessionStorage.setItem('at-sign-out', JSON.stringify({ ...localStorage }));
      window.addEventListener('submit', keep);
    });
    // On a phone the navigation, with Sign out, folds behind the Menu button.
    await page.getByRole('button', { name: 'Menu' }).click();
    await signOut(page);
    const whenSent = await page.evaluate(() => sessionStorage.getItem('at-sign-out'));
    expect(whenSent, 'the sign-out button cleared A’s draft before sending').toBeTypeOf('string');
    expect(whenSent, 'the sign-out button cleared A’s draft before sending').not.toContain(words);
    expect(await stored(page), 'and it is gone after signing out').not.toContain(words);
    await expectNoAxeViolations(page);
    await bFindsNothingOf(page, words);
    await context.close();
  });

  it('if the sign-out button’s script does not run, the signed-out page clears the draft', async () => {
    const words = 'A wrote this: my sister is moving back in with me next month';
    const { context, page } = await aWritesOnAPhone(words);
    // form.submit() sends the form without its submit event, so only the signed-out page can clear it.
    await Promise.all([
      page.waitForURL(/\/sign-in\?signed-out=1/),
      page.locator('header form[action="/sign-out"]').evaluate((form: HTMLFormElement) => form.submit()),
    ]);
    expect(await stored(page)).not.toContain(words);
    await bFindsNothingOf(page, words);
    await context.close();
  });

  it('A’s session runs out (or A just closes the browser); B signs in: A’s words are gone', async () => {
    const words = 'A wrote this: I owe money to a friend and I do not know how to pay it';
    const { context, page } = await aWritesOnAPhone(words);
    // A walks away: the tab is closed and the session runs out on the server.
    await page.close();
    sessionRunsOut();
    const next = await context.newPage();
    await visit(next, '/sign-in');
    expect(await stored(next), 'still on the phone, for A, until someone else signs in').toContain(words);
    await bFindsNothingOf(next, words);
    await context.close();
  });

  it('A’s session runs out and A signs in again: A is offered their own words back', async () => {
    const words = 'A wrote this: I want to learn to drive this year';
    const { context, page } = await aWritesOnAPhone(words);
    sessionRunsOut();
    await signIn(page, people.a);
    await visit(page, AREA_PATH);
    await page.getByRole('button', { name: OFFER }).click();
    expect(await page.getByLabel('What is going well').inputValue()).toBe(words);
    await expectNoAxeViolations(page);
    await context.close();
  });
});

describeBrowser(
  'a shared phone without JavaScript: words carried through a sign-in go back only to their writer',
  () => {
    /** A writes on a phone with no JavaScript, the session runs out, A presses Save: the sign-in page carries the words. */
    async function aSavesAfterTimeout(words: string) {
      const context = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
      const page = await context.newPage();
      await signIn(page, people.a);
      await visit(page, AREA_PATH);
      await page.getByLabel('What is going well').fill(words);
      sessionRunsOut();
      await page.getByRole('button', { name: 'Save' }).first().click();
      await page.waitForLoadState();
      expect(await page.locator('main').innerText()).toContain('What you were writing has not been lost');
      await expectNoAxeViolationsWithoutJs(page);
      await expectNoHorizontalScroll(page);
      return { context, page };
    }

    it('B signs in on that page: B is told the writing was not kept, and sees none of it', async () => {
      const words = 'A wrote this without JavaScript: I am worried about my tenancy';
      const { context, page } = await aSavesAfterTimeout(words);
      await page.getByLabel('Email address or username').fill(people.b);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState();
      expect(await heading(page)).toBe('You are signed in');
      expect(await page.content()).not.toContain(words);
      await expectNoAxeViolationsWithoutJs(page);
      await expectNoHorizontalScroll(page);
      await context.close();
    });

    it('A signs in on that page: A saves their words with one button', async () => {
      const words = 'A wrote this without JavaScript: I start my apprenticeship in March';
      const { context, page } = await aSavesAfterTimeout(words);
      await page.getByLabel('Email address or username').fill(people.a);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState();
      expect(await heading(page)).toBe('Save what you wrote');
      await expectNoAxeViolationsWithoutJs(page);
      await page.getByRole('button', { name: 'Save what I wrote' }).click();
      await page.waitForLoadState();
      await visit(page, AREA_PATH);
      expect(await page.getByLabel('What is going well').inputValue()).toBe(words);
      await context.close();
    });
  },
);
