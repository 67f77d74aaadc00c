// Pathway on the young person's phone (issue 12 §7), in a real browser: installable (the manifest is
// linked and valid), the service worker registers under the real Content Security Policy and keeps
// the static files, a page opened with no connection shows the offline page (styled from the
// worker's cache, and accessible at 320 px), and a plan area saved with no connection is kept on the
// phone for its writer, sent when the connection is back, and never shown to the next person.
import { beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  heading,
  newContext,
  PHONE,
  signIn,
  browserSetUp,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { AREAS } from '../../src/domain/plan/index.ts';

let server: TestServer;
let browser: Browser;
const AREA = AREAS.find((a) => a.id === 'financial-support')!;
const AREA_PATH = `/my-plan/areas/${AREA.id}`;
const KEPT = 'What you wrote is kept on this phone';
/** Two young people with their own sign-in and a plan under way, at the stage where they write. */
const people = { a: { login: '', name: '' }, b: { login: '', name: '' } };

const setUp = browserSetUp(['offline.a', 'offline.b'], { openReview: true });
beforeAll(() => {
  ({ server, browser } = setUp);
  const [a, b] = setUp.youngPeople;
  people.a = { login: a.login, name: a.name };
  people.b = { login: b.login, name: b.name };
});

/**
 * A phone, as a browser context. `realCsp`: with the real Content Security Policy, which must allow the
 * manifest and the worker (axe cannot be added to such a page, so those tests do not run it).
 */
async function phone(realCsp = false): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, server, { viewport: PHONE, bypassCSP: !realCsp });
  return { context, page: await context.newPage() };
}

/** Signs in and waits until the service worker controls the page. */
async function signInWithWorker(page: Page, login: string) {
  await signIn(page, login);
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

/** Every address the worker's caches hold. */
const cachedPaths = (page: Page) =>
  page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys())
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    return paths.sort();
  });

/** A opens a plan area, loses the connection, writes and presses Save: told the words are kept on the phone. */
async function aSavesOffline(words: string) {
  const { context, page } = await phone();
  await signInWithWorker(page, people.a.login);
  await visit(page, AREA_PATH);
  await context.setOffline(true);
  await page.getByLabel('What is going well').fill(words);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.locator('.app-offline-notice').innerText()).toContain(KEPT);
  return { context, page };
}

const stored = (page: Page) => page.evaluate(() => JSON.stringify({ ...localStorage }));

describeBrowser('Pathway on the young person’s phone', () => {
  it('is installable: every page links a valid manifest with its icons', async () => {
    const { context, page } = await phone(true);
    await visit(page, '/sign-in');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const response = await page.request.get(href!);
    expect(response.ok()).toBe(true);
    const manifest = await response.json();
    expect(manifest).toMatchObject({ name: 'Pathway', start_url: '/', display: 'standalone' });
    for (const icon of manifest.icons) expect((await page.request.get(icon.src)).ok(), icon.src).toBe(true);
    await context.close();
  });

  it('the worker registers, keeps the static files and no page, and with no connection shows the offline page, styled from its cache', async () => {
    const { context, page } = await phone(true);
    await signInWithWorker(page, people.a.login);
    const fromWorker: string[] = [];
    page.on('response', (r) => {
      if (r.fromServiceWorker()) fromWorker.push(new URL(r.url()).pathname);
    });
    await visit(page, '/my-record');
    expect(fromWorker).toContain('/public/app.js');
    expect(fromWorker).toContain('/govuk/govuk-frontend.min.css');
    const kept = await cachedPaths(page);
    for (const file of ['/govuk/govuk-frontend.min.css', '/govuk/govuk-frontend.min.js', '/public/app.js'])
      expect(kept).toContain(file);
    // Static files and the offline page only: nothing signed in.
    for (const path of kept) expect(path).toMatch(/^\/(govuk|assets|public|fonts|offline)\//);

    await context.setOffline(true);
    await page.goto('/my-plan');
    expect(await heading(page)).toBe('You are offline');
    expect(new URL(page.url()).pathname, 'at the address they asked for').toBe('/my-plan');
    expect(await page.content()).not.toContain(people.a.name);
    // GOV.UK's styles came from the worker's cache: the heading is bold, in GOV.UK's heading size.
    expect(await page.locator('h1').evaluate((h) => getComputedStyle(h).fontWeight)).toBe('700');

    // Back online, "Try again" opens the page they asked for.
    await context.setOffline(false);
    await page.getByRole('link', { name: 'Try again' }).click();
    await page.waitForLoadState();
    expect(await heading(page)).not.toBe('You are offline');
    await context.close();
  });

  it('the offline page is in the language the phone last read, right to left, accessible at 320 px', async () => {
    const { context, page } = await phone();
    await visit(page, '/sign-in?lang=ar');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await expect.poll(() => cachedPaths(page)).toContain('/offline/ar');
    await context.setOffline(true);
    await page.goto('/sign-in');
    expect(await heading(page)).toBe('أنت غير متصل بالإنترنت');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });

  it('A saves with no connection: the words are kept on the phone, sent when the connection is back, and saved', async () => {
    const words = 'A wrote this on the bus: I want to save £10 a week for a bike';
    const { context, page } = await aSavesOffline(words);
    // Beside the button they pressed, and in the status line for screen readers.
    expect(await page.locator('[role="status"]').first().innerText()).toContain(KEPT);
    expect(new URL(page.url()).pathname, 'still on the form').toBe(AREA_PATH);
    expect(await page.getByLabel('What is going well').inputValue()).toBe(words);
    expect(await stored(page)).toContain(words);
    await expectNoAxeViolations(page);

    await context.setOffline(false);
    await expect.poll(() => page.locator('.app-offline-notice').innerText()).toMatch(/^Saved at \d\d:\d\d\.$/);
    expect(await stored(page), 'sent, so no longer kept on the phone').not.toContain(words);
    await context.close();

    // Saved on the server: A, on another phone, sees the words in the form.
    const other = await phone();
    await signIn(other.page, people.a.login);
    await visit(other.page, AREA_PATH);
    expect(await other.page.getByLabel('What is going well').inputValue()).toBe(words);
    await other.context.close();
  });

  it('a check-in sent with no connection is kept, says at once what to do if not safe, and is sent when the connection is back', async () => {
    const { context, page } = await phone();
    await signInWithWorker(page, people.a.login);
    await visit(page, '/check-ins');
    const before = await page.locator('table tbody tr').count();
    await visit(page, '/check-in');
    await context.setOffline(true);
    await page.getByLabel('Really bad').check();
    await page.getByLabel('Anything you want to tell us? (optional)').fill('Someone keeps coming to my door at night');
    await page.getByLabel('I do not feel safe').check();
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.locator('.app-offline-notice').innerText())
      .toContain('Your check-in is kept on this phone');
    const notice = await page.locator('.app-offline-notice').innerText();
    expect(notice).toContain('call 999');
    expect(notice).toContain('116 123');
    expect(new URL(page.url()).pathname, 'still on the form').toBe('/check-in');
    await expectNoAxeViolations(page);

    await Promise.all([page.waitForURL('**/not-safe?**'), context.setOffline(false)]);
    expect(await page.locator('[data-told]').count(), 'the not-safe page says the check-in was received').toBe(1);
    expect(await stored(page), 'sent, so no longer kept on the phone').not.toContain('my door at night');
    await visit(page, '/check-ins');
    expect(await page.locator('table tbody tr').count()).toBe(before + 1);
    await context.close();
  });

  it('words A kept with no connection are never offered to B, who signs in next on the same phone', async () => {
    const words = 'A wrote this with no signal: I am behind with my phone bill';
    const { context, page } = await aSavesOffline(words);
    // A puts the phone down before the connection comes back, and the session runs out; B picks it up.
    await page.close();
    await context.setOffline(false);
    server.testApp.clock.advance((server.testApp.config.sessionIdleMinutes + 1) * 60_000);
    const next = await context.newPage();
    await signIn(next, people.b.login);
    expect(await stored(next)).not.toContain(words);
    await visit(next, AREA_PATH);
    expect(await next.getByRole('button', { name: 'Put back what I wrote' }).count()).toBe(0);
    expect(await next.locator('main').innerText()).not.toContain(words);
    expect(await next.getByLabel('What is going well').inputValue()).not.toBe(words);
    expect(await stored(next)).not.toContain(words);
    await context.close();
  });
});
