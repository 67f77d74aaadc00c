// Things a person does in a real browser that HTTP tests cannot show: editing the address bar to
// reach someone else's record, using the service with JavaScript off, the strict
// Content-Security-Policy in a real browser, and the session timeout warning.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  heading,
  newContext,
  PHONE,
  recordLinks,
  signInAs,
  signOut,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { staffByLocal } from '../support/app.ts';
import { LANGUAGES } from '../../src/http/i18n.ts';

let server: TestServer;
let browser: Browser;

const FORBIDDEN = 'You do not have permission to see this record';

/** Someone's record the viewer may not open, with names that cannot appear on the page by chance. */
function recordOutside(teamId: string | null, viewerNames: string[]) {
  const yp = server.rows.youngPeople.find(
    (y) => y.teamId !== teamId && !viewerNames.some((n) => n.includes(y.familyName) || n.includes(y.givenName)),
  );
  expect(yp, 'a record outside the viewer’s reach').toBeDefined();
  return yp!;
}

/** The refusal page, with not one detail of the record in what is shown or sent. */
async function expectRefusedWithNothingShown(page: Page, path: string, yp: (typeof server.rows.youngPeople)[number]) {
  await visit(page, path, 403);
  expect(await heading(page)).toBe(path.endsWith('/audit') ? 'You do not have permission to see this page' : FORBIDDEN);
  const shown = await page.locator('body').innerText();
  const sent = await page.content();
  for (const detail of [yp.reference, yp.givenName, yp.familyName, yp.preferredName, yp.dateOfBirth, yp.firstLanguage]
    // A first language that is one of the languages offered at the top of a young person's pages
    // ("English") is on every such page, whoever's record it is.
    .filter((d): d is string => Boolean(d) && !LANGUAGES.some((l) => l.name === d))) {
    expect(shown, `"${detail}" shown on the refusal page`).not.toContain(detail);
    expect(sent, `"${detail}" sent in the refusal page`).not.toContain(detail);
  }
}

describeBrowser('access in a real browser', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a young person who edits the address to another young person’s record gets the 403 page and nothing of it', async () => {
    const context = await newContext(browser, server);
    const page = await context.newPage();
    await signInAs(page, server.rows, 'young_person');
    const me = server.rows.youngPeople.find((y) => y.id === server.rows.accounts[0].youngPersonId)!;
    const other = recordOutside(me.teamId, [me.givenName, me.familyName, me.preferredName ?? '']);
    await expectRefusedWithNothingShown(page, `/young-people/${other.id}`, other);
    await expectNoAxeViolations(page);
    await expectRefusedWithNothingShown(page, `/young-people/${other.id}/audit`, other);
    // Their own record is still theirs.
    await visit(page, '/my-record');
    expect(await page.locator('main').innerText()).toContain(me.familyName);
    await context.close();
  });

  it('a worker who edits the address to a record outside their team gets the 403 page, and the attempt is recorded', async () => {
    const pa = staffByLocal(server.rows, 'pa');
    const other = recordOutside(pa.teamId ?? null, [pa.displayName]);
    const context = await newContext(browser, server);
    const page = await context.newPage();
    await signInAs(page, server.rows, 'pa');
    // Start from a record they may open, then change the id in the address bar.
    await visit(page, '/caseload');
    const [mine] = await recordLinks(page);
    await visit(page, mine.href);
    await expectRefusedWithNothingShown(page, mine.href.replace(/[0-9a-f-]{36}$/, other.id), other);
    await context.close();

    // A service manager sees the refusal in that record's audit trail.
    const managerContext = await newContext(browser, server);
    const manager = await managerContext.newPage();
    await signInAs(manager, server.rows, 'sm');
    await visit(manager, `/young-people/${other.id}/audit`);
    const refused = manager.locator('tbody tr', { hasText: pa.displayName }).filter({ hasText: 'Refused' });
    expect(await refused.count()).toBe(1);
    await managerContext.close();
  });

  it('works without JavaScript: sign in, open the caseload and a record, sign out', async () => {
    const context = await newContext(browser, server, { javaScriptEnabled: false, viewport: PHONE });
    const page = await context.newPage();
    await visit(page, '/sign-in');
    await expectNoHorizontalScroll(page);
    await signInAs(page, server.rows, 'pa');
    expect(await heading(page)).toBe('Your work');
    expect(await page.locator('body').getAttribute('class'), 'JavaScript is really off').not.toContain('js-enabled');
    // With no script to fold it, the navigation shows in full, and still fits 320 px.
    expect(await page.locator('.govuk-service-navigation__list a', { hasText: 'My caseload' }).isVisible()).toBe(true);
    await expectNoHorizontalScroll(page);
    await page.getByRole('link', { name: 'See your whole caseload' }).click();
    await page.waitForURL('**/caseload');
    await expectNoHorizontalScroll(page);
    const [first] = await recordLinks(page);
    await page.locator(`a[href="${first.href}"]`).click();
    await page.waitForURL(`**${first.href}`);
    expect(await heading(page)).toBe(first.name);
    await expectNoHorizontalScroll(page);
    // Without JavaScript the timeout dialog stays closed and out of the way.
    expect(await page.locator('#timeout-warning').isVisible()).toBe(false);
    await signOut(page);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('You have signed out');
    await context.close();
  });

  it('runs under the strict Content-Security-Policy with no violations', async () => {
    const context = await newContext(browser, server, { bypassCSP: false, viewport: PHONE });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    const response = await visit(page, '/sign-in');
    expect(response.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(response.headers()['content-security-policy']).not.toContain('unsafe-inline');
    await signInAs(page, server.rows, 'tm');
    // The nonce'd inline script ran, and GOV.UK Frontend's module started the phone menu.
    expect(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).toBe(true);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'My team' }).click();
    await page.waitForURL('**/team');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('warns two minutes before the session times out, and "Stay signed in" keeps the session', async () => {
    const minutes = server.testApp.config.sessionIdleMinutes;
    const context = await newContext(browser, server);
    const page = await context.newPage();
    await page.clock.install(); // the page's timers, so 28 minutes pass in a moment
    await signInAs(page, server.rows, 'sw');
    expect(await page.locator('body').getAttribute('data-session-timeout-minutes')).toBe(String(minutes));
    const dialog = page.locator('dialog#timeout-warning');
    expect(await dialog.getAttribute('aria-labelledby')).toBe('timeout-heading');
    expect(await page.locator('#timeout-heading').textContent()).toBe('You are about to be signed out');
    expect(await dialog.getByRole('button', { name: 'Stay signed in', includeHidden: true }).count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Sign out', includeHidden: true }).count()).toBe(1);
    expect(await dialog.isVisible()).toBe(false);

    await page.clock.runFor((minutes - 2) * 60_000 - 1000);
    expect(await dialog.isVisible(), 'no warning before two minutes are left').toBe(false);
    await page.clock.runFor(2000);
    await dialog.waitFor({ state: 'visible' });
    await expectNoAxeViolations(page);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/session/keep-alive') && r.status() === 200),
      dialog.getByRole('button', { name: 'Stay signed in' }).click(),
    ]);
    await dialog.waitFor({ state: 'hidden' });

    // Left alone for the whole idle time, the session ends on the server and the page says so.
    const serverClock = server.testApp.clock;
    const before = serverClock.now().toISOString();
    serverClock.advance((minutes + 1) * 60_000);
    try {
      await Promise.all([page.waitForURL(/\/sign-in\?timeout=1/), page.clock.runFor(minutes * 60_000)]);
      expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
        'You were signed out because you were not active for a while',
      );
      expect(await heading(page)).toBe('Sign in to Pathway');
    } finally {
      serverClock.set(before);
    }
    await context.close();
  });
});
