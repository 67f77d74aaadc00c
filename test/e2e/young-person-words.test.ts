// A young person's words in a real browser (issue 8): nothing they write is lost when someone else
// saved first. Every page visited is checked with axe.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, expectNoAxeViolations, heading, newContext, PHONE, signIn, startServerAndBrowser, visit, type TestServer } from '../support/browser.ts';
import { addOpenReview, addYoungPersonAccount, youngPeopleFreeToWrite } from '../support/factories.ts';
import { TODAY } from '../support/app.ts';
import { AREAS } from '../../src/domain/plan/index.ts';

let server: TestServer;
let browser: Browser;
const AREA = AREAS.find((a) => a.id === 'education-and-training')!;
const AREA_PATH = `/my-plan/areas/${AREA.id}`;
let login = '';

describeBrowser("a young person's words", () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    const { rows, testApp } = server;
    const person = youngPeopleFreeToWrite(rows)[0];
    login = `words.${rows.council.slug}`;
    await addYoungPersonAccount(testApp.db, rows, person.id, login);
    await addOpenReview(testApp.db, rows, person.id, 'planning', TODAY);
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
    await Promise.all([second.waitForURL((u) => u.pathname === '/my-plan'), second.getByRole('button', { name: 'Save' }).click()]);

    await first.getByLabel('What I want').fill('To go to college');
    await Promise.all([first.waitForLoadState('load'), first.getByRole('button', { name: 'Save' }).click()]);
    await first.waitForURL(`**${AREA_PATH}`);
    expect(await first.title()).toMatch(/^Error: /);
    expect(await heading(first)).toBe(AREA.youngPersonTitle);
    expect(await wants(first)).toBe('[Already saved]\nTo live near my sister\n\n[What you wrote]\nTo go to college');
    // The error summary takes focus (GOV.UK Frontend), and links to the box.
    await expect.poll(() => first.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    expect(await first.locator('.govuk-error-summary').innerText()).toContain('What I want: this box has both versions');
    expect((await first.locator('main').innerText()).toLowerCase()).not.toContain('merge');
    await expectNoAxeViolations(first);

    // Save as it stands: both are kept.
    await Promise.all([first.waitForURL((u) => u.pathname === '/my-plan'), first.getByRole('button', { name: 'Save' }).click()]);
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
      const autosaved = () => page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === AREA_PATH && r.status() === 200);
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
      await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/session/keep-alive' && r.status() === 200), page.keyboard.press('Escape')]);
      await dialog.waitFor({ state: 'hidden' });
      await page.clock.runFor(5 * 60_000);
      expect(new URL(page.url()).pathname, 'Escape kept them signed in').toBe(AREA_PATH);
      expect(await dialog.isVisible()).toBe(false);
    } finally {
      serverClock.set(before);
      await context.close();
    }
  });
});
