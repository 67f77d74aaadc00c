// Browser tests: system Chromium (playwright-core, no downloaded browsers) driving the real app
// on a real database over a real socket. One server and one browser per test file.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type Response,
} from 'playwright-core';
import axe from 'axe-core';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, testDatabase, TODAY, type TestApp } from './app.ts';
import { addOpenReview, addYoungPersonAccount, youngPeopleFreeToWrite } from './factories.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * `describe` for browser tests. Without Chromium the tests are skipped with a visible notice,
 * except in CI, where a missing browser must fail the run rather than pass it silently.
 */
export function describeBrowser(name: string, body: () => void): void {
  if (chromiumAvailable()) {
    describe(name, body);
    return;
  }
  const inCI = Boolean(process.env.CI) && !['0', 'false'].includes(String(process.env.CI).toLowerCase());
  if (inCI)
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM_PATH}, and CI is set: install it (apt-get install chromium) rather than skip "${name}".`,
    );
  console.warn(
    `\n⚠  SKIPPED browser tests "${name}": no Chromium at ${CHROMIUM_PATH}. Install it (apt-get install chromium) to run them.\n`,
  );
  describe.skip(name, body);
}

export type TestServer = { url: string; rows: CouncilRows; testApp: TestApp; close(): Promise<void> };

/**
 * Whether a generated council gives every demo sign-in something to do. Councils are generated from a
 * random seed, and about 1 in 500 leaves the demo adviser without someone to invite (or, rarer, without
 * the demo young person's account); the journeys need both.
 */
export function councilIsUsable(rows: CouncilRows): boolean {
  const pa = rows.staff.find((s) => s.email === signInFor(rows, 'pa'));
  const toInvite = rows.youngPeople.filter(
    (y) =>
      y.personalAdviserId === pa?.id && y.caseStatus === 'open' && !rows.accounts.some((a) => a.youngPersonId === y.id),
  );
  return rows.accounts.length === 1 && toInvite.length >= 2;
}

/** The real app on a real database, listening on a free local port, with one generated council. */
export async function startServer(options: { youngPeople?: number } = {}): Promise<TestServer> {
  const db = await testDatabase();
  let testApp: TestApp | undefined;
  try {
    let rows = await buildCouncil(db, { youngPeople: options.youngPeople ?? 80 });
    // Another council in the same database is harmless: each test uses only the rows returned here.
    for (let tries = 1; !councilIsUsable(rows); tries++) {
      if (tries === 5) throw new Error('could not generate a council with a demo young person and someone to invite');
      rows = await buildCouncil(db, { youngPeople: options.youngPeople ?? 80 });
    }
    testApp = await buildTestApp(db);
    const url = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const app = testApp;
    return { url, rows, testApp: app, close: () => app.close() };
  } catch (error) {
    await (testApp ? testApp.close() : db.close());
    throw error;
  }
}

/** The file's one server and one browser, started side by side; neither is left running if the other fails. */
export async function startServerAndBrowser(
  options: { youngPeople?: number } = {},
): Promise<{ server: TestServer; browser: Browser }> {
  const [server, browser] = await Promise.allSettled([startServer(options), launchBrowser()]);
  if (server.status === 'fulfilled' && browser.status === 'fulfilled')
    return { server: server.value, browser: browser.value };
  if (server.status === 'fulfilled') await server.value.close();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
}

/** A young person given a sign-in for a browser test, and their personal adviser. */
export type BrowserYoungPerson = { id: string; login: string; name: string; adviser: CouncilRows['staff'][number] };

/**
 * A browser test file's set-up in one place: before its tests, the server and the browser start and each login
 * prefix named gives the next young person free to write a sign-in, `<prefix>.<council>` (and, when asked, a
 * review open today at the planning stage, where they write); after them, both close. The object it returns is
 * filled in by the time the tests run.
 */
export function browserSetUp(prefixes: readonly string[] = [], options: { openReview?: boolean } = {}) {
  const set = {
    server: undefined as unknown as TestServer,
    browser: undefined as unknown as Browser,
    youngPeople: [] as BrowserYoungPerson[],
  };
  beforeAll(async () => {
    ({ server: set.server, browser: set.browser } = await startServerAndBrowser());
    const { rows, testApp } = set.server;
    const free = youngPeopleFreeToWrite(rows);
    for (const [i, prefix] of prefixes.entries()) {
      const person = free[i];
      const login = `${prefix}.${rows.council.slug}`;
      await addYoungPersonAccount(testApp.db, rows, person.id, login);
      if (options.openReview) await addOpenReview(testApp.db, rows, person.id, 'planning', TODAY);
      const adviser = rows.staff.find((s) => s.id === person.personalAdviserId)!;
      set.youngPeople.push({ id: person.id, login, name: person.preferredName || person.givenName, adviser });
    }
  });
  afterAll(async () => {
    await set.browser?.close();
    await set.server?.close();
  });
  return set;
}

/** Phone-sized viewport: the narrowest width WCAG 1.4.10 (reflow) asks for. */
export const PHONE = { width: 320, height: 640 } as const;

/**
 * A fresh browser context (its own cookies). CSP is bypassed by default only so axe can be injected;
 * pass `bypassCSP: false` to run the page exactly as a browser would.
 */
export function newContext(
  browser: Browser,
  server: TestServer,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: server.url, bypassCSP: true, ...options });
}

export type StaffWho = Parameters<typeof signInFor>[1];
export const youngPersonLogin = (rows: CouncilRows) => rows.accounts[0].username;

// ── Page objects ────────────────────────────────────────────────────────────

/** Opens a path and checks the status the server sent. */
export async function visit(page: Page, path: string, status = 200): Promise<Response> {
  const response = await page.goto(path);
  expect(response, `no response for ${path}`).not.toBeNull();
  expect(response!.status(), `status of ${path}`).toBe(status);
  return response!;
}

export const heading = (page: Page) => page.locator('h1').first().innerText();

/** The sign-in page, as a person uses it: type, press the button, land on the next page. */
export async function signIn(page: Page, login: string, password: string = PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address or username').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== '/sign-in'),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

export async function signInAs(page: Page, rows: CouncilRows, who: StaffWho | 'young_person'): Promise<void> {
  await signIn(page, who === 'young_person' ? youngPersonLogin(rows) : signInFor(rows, who));
}

export async function signOut(page: Page): Promise<void> {
  await Promise.all([
    page.waitForURL(/\/sign-in/),
    page.locator('header').getByRole('button', { name: 'Sign out' }).click(),
  ]);
}

/** The service navigation's links, in order. */
export async function navigationLinks(page: Page): Promise<{ text: string; href: string }[]> {
  return page
    .locator('.govuk-service-navigation__list a')
    .evaluateAll((links) =>
      links.map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
    );
}

/** Links to young people's records in the tables on the page. */
export async function recordLinks(page: Page): Promise<{ name: string; href: string }[]> {
  return page
    .locator('table a[href^="/young-people/"]')
    .evaluateAll((links) =>
      links.map((a) => ({ name: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
    );
}

// ── Checks ──────────────────────────────────────────────────────────────────

// WCAG 2.2 AA, and axe's best-practice rules too: they catch what the WCAG tags miss, such as content
// outside the page landmarks (`region`), a page without an h1, or headings that skip a level.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
};

/**
 * Runs axe-core's WCAG 2.2 AA and best-practice rules on the page; any violation fails the test, listed
 * rule by rule. The failure is soft (the test carries on and fails at the end) so one run reports every
 * page's problems. Returns the number of violations (rules broken), for tests that tally them.
 */
export async function expectNoAxeViolations(page: Page): Promise<number> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async (tags) => {
    const w = window as unknown as {
      axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
    };
    const result = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    // GOV.UK Frontend's radios with a conditional reveal set aria-expanded on the radio: invalid under
    // ARIA 1.2, kept on purpose because screen readers announce it (alphagov/govuk-frontend#979, a known
    // issue). Only that one attribute on that one input is let through; anything else still fails.
    const govukReveal = (v: AxeViolation, n: AxeViolation['nodes'][number]) =>
      v.id === 'aria-allowed-attr' &&
      document.querySelector(String(n.target[0]))?.matches('input.govuk-radios__input[aria-controls]') === true &&
      (n.failureSummary ?? '').replace(/aria-expanded="(true|false)"/, '').indexOf('="') === -1;
    return result.violations
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes
          .filter((n) => !govukReveal(v, n))
          .map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }))
      .filter((v) => v.nodes.length > 0);
  }, AXE_TAGS);
  const report = violations
    .map(
      (v) =>
        `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    at ${n.target.map(String).join(' ')}`).join('\n')}\n    ${v.helpUrl}`,
    )
    .join('\n');
  expect
    .soft(
      violations.length,
      `axe found ${violations.length} accessibility problem(s) on ${new URL(page.url()).pathname}:\n${report}`,
    )
    .toBe(0);
  return violations.length;
}

/**
 * axe needs JavaScript, so a page seen with JavaScript off is checked as a copy: its HTML, without
 * its scripts, served at the same origin in a context where axe can run.
 */
export async function expectNoAxeViolationsWithoutJs(page: Page): Promise<void> {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const context = await page
    .context()
    .browser()!
    .newContext({ baseURL: new URL(page.url()).origin, bypassCSP: true, viewport: page.viewportSize() });
  const copy = await context.newPage();
  await copy.route('**/__no-js-copy', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
  );
  await copy.goto('/__no-js-copy');
  await expectNoAxeViolations(copy);
  await context.close();
}

/** WCAG 1.4.10 reflow: at 320 CSS pixels wide nothing may need scrolling sideways. Soft, like the axe check. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  // Against the width the test set, not only the window's: with mobile emulation (`isMobile`)
  // Chromium widens the layout viewport to fit content that overflows, so window.innerWidth grows
  // with it and a page 600 px wide would pass.
  const set = page.viewportSize()?.width ?? Number.POSITIVE_INFINITY;
  const measured = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  const size = { ...measured, innerWidth: Math.min(measured.innerWidth, set) };
  if (size.scrollWidth > size.innerWidth) {
    const wide = await page.evaluate((limit) => {
      return [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
        .slice(0, 5)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`,
        );
    }, size.innerWidth);
    expect
      .soft(
        size.scrollWidth,
        `${new URL(page.url()).pathname} scrolls sideways at ${size.innerWidth}px: content is ${size.scrollWidth}px wide. Widest elements:\n  ${wide.join('\n  ')}`,
      )
      .toBeLessThanOrEqual(size.innerWidth);
  }
}

/** <html lang dir> as expected, and the page laid out in that direction (a young person's language, issue 12 §5). */
export async function expectLanguage(page: Page, lang: string, dir: 'ltr' | 'rtl'): Promise<void> {
  const html = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    direction: getComputedStyle(document.body).direction,
  }));
  expect(html, page.url()).toEqual({ lang, dir, direction: dir });
}

/** A page seen without JavaScript: axe on a copy of it, and nothing wider than the phone. */
export async function checkWithoutJs(page: Page): Promise<void> {
  await expectNoAxeViolationsWithoutJs(page);
  await expectNoHorizontalScroll(page);
}
