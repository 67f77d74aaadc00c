// A young person's words in a real browser (issue 8): nothing they write is lost when someone else
// saved first. Every page visited is checked with axe.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  heading,
  newContext,
  PHONE,
  signIn,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';
import {
  addApprovedPlans,
  addOpenReview,
  addYoungPersonAccount,
  youngPeopleFreeToWrite,
} from '../support/factories.ts';
import { TODAY } from '../support/app.ts';
import { AREAS } from '../../src/domain/plan/index.ts';

let server: TestServer;
let browser: Browser;
const AREA = AREAS.find((a) => a.id === 'education-and-training')!;
const AREA_PATH = `/my-plan/areas/${AREA.id}`;
let login = '';
let reviewId = '';
let readerLogin = '';
let adviserLogin = '';
const OFFER = 'Put back what I wrote';

describeBrowser("a young person's words", () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    const { rows, testApp } = server;
    // Whoever is free to be given a plan, and their own adviser: a generated council need not give one to the demo adviser.
    const person = youngPeopleFreeToWrite(rows)[0];
    adviserLogin = rows.staff.find((s) => s.id === person.personalAdviserId)!.email;
    login = `words.${rows.council.slug}`;
    await addYoungPersonAccount(testApp.db, rows, person.id, login);
    reviewId = await addOpenReview(testApp.db, rows, person.id, 'planning', TODAY);
    // Someone else with two agreed plans, to read on a phone.
    const reader = youngPeopleFreeToWrite(rows).find((y) => y.id !== person.id)!;
    readerLogin = `reader.${rows.council.slug}`;
    await addYoungPersonAccount(testApp.db, rows, reader.id, readerLogin);
    await addApprovedPlans(testApp.db, rows, reader.id, 2);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** What a page's "What I want" box holds. */
  const wants = (page: Page) => page.getByLabel('What I want').inputValue();

  it('saved second from another tab: both texts stay in "What I want", the message has focus, the title says Error', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    const first = await context.newPage();
    await signIn(first, login);
    await visit(first, AREA_PATH);
    const second = await context.newPage();
    await visit(second, AREA_PATH);
    await expectNoAxeViolations(second);
    await second.getByLabel('What I want').fill('To live near my sister');
    await Promise.all([
      second.waitForURL((u) => u.pathname === '/my-plan'),
      second.getByRole('button', { name: 'Save' }).click(),
    ]);

    await first.getByLabel('What I want').fill('To go to college');
    await Promise.all([first.waitForLoadState('load'), first.getByRole('button', { name: 'Save' }).click()]);
    await first.waitForURL(`**${AREA_PATH}`);
    expect(await first.title()).toMatch(/^Error: /);
    expect(await heading(first)).toBe(AREA.youngPersonTitle);
    expect(await wants(first)).toBe('[Already saved]\nTo live near my sister\n\n[What you wrote]\nTo go to college');
    // The error summary takes focus (GOV.UK Frontend), and links to the box.
    await expect
      .poll(() => first.evaluate(() => document.activeElement?.className ?? ''))
      .toContain('govuk-error-summary');
    expect(await first.locator('.govuk-error-summary').innerText()).toContain(
      'What I want: this box has both versions',
    );
    expect((await first.locator('main').innerText()).toLowerCase()).not.toContain('merge');
    await expectNoAxeViolations(first);

    // Save as it stands: both are kept.
    await Promise.all([
      first.waitForURL((u) => u.pathname === '/my-plan'),
      first.getByRole('button', { name: 'Save' }).click(),
    ]);
    await visit(first, AREA_PATH);
    expect(await wants(first)).toContain('To live near my sister');
    expect(await wants(first)).toContain('To go to college');
    await expectNoAxeViolations(first);
    await context.close();
  });

  it('typing keeps the session: 31 minutes of autosaves, no warning and no sign-out; Escape on the warning stays signed in', async () => {
    const minutes = server.testApp.config.sessionIdleMinutes;
    const serverClock = server.testApp.clock;
    const before = serverClock.now().toISOString();
    const context = await newContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await page.clock.install();
    try {
      await signIn(page, login);
      await visit(page, AREA_PATH);
      const dialog = page.locator('dialog#timeout-warning');
      const autosaved = () =>
        page.waitForResponse(
          (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === AREA_PATH && r.status() === 200,
        );
      for (let minute = 1; minute <= minutes + 1; minute++) {
        await page.clock.runFor(57_000);
        serverClock.advance(60_000);
        await page.getByLabel('What is going well').fill(`Minute ${minute} of writing`);
        await Promise.all([autosaved(), page.clock.runFor(3000)]);
        expect(await dialog.isVisible(), `no warning after ${minute} minutes of typing`).toBe(false);
      }
      expect(new URL(page.url()).pathname, 'still on the page, not signed out').toBe(AREA_PATH);
      await expectNoAxeViolations(page);

      // Then they stop: the warning comes two minutes before the end, and Escape means "stay signed in".
      await page.clock.runFor((minutes - 2) * 60_000 + 1000);
      await dialog.waitFor({ state: 'visible' });
      await expectNoAxeViolations(page);
      await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/session/keep-alive' && r.status() === 200),
        page.keyboard.press('Escape'),
      ]);
      await dialog.waitFor({ state: 'hidden' });
      await page.clock.runFor(5 * 60_000);
      expect(new URL(page.url()).pathname, 'Escape kept them signed in').toBe(AREA_PATH);
      expect(await dialog.isVisible()).toBe(false);
    } finally {
      serverClock.set(before);
      await context.close();
    }
  });

  it('"Put back what I wrote" moves focus to the box put back and says so', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    // No connection for the autosave, so the words stay only on the phone.
    await context.route(`**${AREA_PATH}`, (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
    );
    const page = await context.newPage();
    await signIn(page, login);
    await visit(page, AREA_PATH);
    await page.getByLabel('What I want').fill('To learn to drive');
    await expect.poll(() => page.evaluate(() => JSON.stringify({ ...localStorage }))).toContain('To learn to drive');
    await visit(page, AREA_PATH);
    await page.getByRole('button', { name: OFFER }).click();
    expect(await wants(page)).toBe('To learn to drive');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('wants');
    expect(await page.getByRole('status').innerText()).toContain('What you wrote is back in the form');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it("after an error on the worker's area page, nothing is offered back: the blank row the server adds is not writing", async () => {
    const context = await newContext(browser, server);
    const page = await context.newPage();
    await signIn(page, adviserLogin);
    const path = `/reviews/${reviewId}/areas/${AREA.id}`;
    await visit(page, path);
    const blank = page.locator('fieldset', { hasText: 'Add an action' });
    await blank.getByLabel('What will be done').fill('Visit the college open day');
    await page.getByLabel('Their scale, 0 to 10').fill('11');
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.status() === 400),
      page.getByRole('button', { name: 'Save and continue' }).click(),
    ]);
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Error: /);
    expect(
      await page.locator('textarea').evaluateAll((all) => all.map((t) => (t as HTMLTextAreaElement).value)),
    ).toContain('Visit the college open day');
    expect(await page.getByRole('button', { name: OFFER }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('on a phone, their plan starts with their goals and next steps', async () => {
    const context = await newContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    await signIn(page, readerLogin);
    await visit(page, '/my-plan/approved');
    const layout = await page.evaluate(() => {
      const top = (el: Element) => el.getBoundingClientRect().top + window.scrollY;
      const main = document.querySelector('main')!;
      const find = (text: string) =>
        [...main.querySelectorAll('h2, h3, h4, dt')].filter((el) => el.textContent?.trim() === text).map(top);
      return {
        height: document.documentElement.scrollHeight,
        goals: find('Working towards'),
        words: find('What is going well'),
        h2: [...main.querySelectorAll('h2')].map((h) => h.textContent?.trim()),
      };
    });
    const screens = (px: number) => Math.round((px / PHONE.height) * 10) / 10;
    console.log(
      `plan at ${PHONE.width}px: ${screens(layout.height)} screens; first goal at screen ${screens(layout.goals[0])}, last goal at ${screens(Math.max(...layout.goals))}`,
    );
    expect(layout.h2[0]).toBe('Your goals and next steps');
    expect(layout.goals.length).toBeGreaterThan(0);
    expect(layout.words.length).toBeGreaterThan(0);
    expect(Math.max(...layout.goals), 'every goal comes before what was said').toBeLessThan(Math.min(...layout.words));
    await expectNoAxeViolations(page);
    await context.close();
  });
});
