// Each role signs in, sees its own home page, and walks every page its navigation reaches.
// Every page passes axe (WCAG 2.2 AA rules, zero violations) at desktop width, and narrowed
// to a 320 px phone nothing scrolls sideways; the folded phone menu passes axe too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  heading,
  navigationLinks,
  newContext,
  PHONE,
  recordLinks,
  signInAs,
  startServerAndBrowser,
  visit,
  type StaffWho,
  type TestServer,
} from '../support/browser.ts';
import { staffByLocal } from '../support/app.ts';

type Who = StaffWho | 'young_person';
const DESKTOP = { width: 1280, height: 900 };

let server: TestServer;
let browser: Browser;

/**
 * After each page loads: axe at desktop width, then the same page narrowed to 320 px must not
 * scroll sideways (WCAG 1.4.10 reflow). Narrowing the loaded page, rather than walking again
 * on a phone, halves the run; the invitation journey is done on a real 320 px phone context.
 */
async function check(page: Page) {
  await expectNoAxeViolations(page);
  await page.setViewportSize(PHONE);
  await expectNoHorizontalScroll(page);
  await page.setViewportSize(DESKTOP);
}

async function asRole(who: Who, walk: (page: Page) => Promise<void>) {
  const context = await newContext(browser, server, { viewport: DESKTOP });
  try {
    const page = await context.newPage();
    await signInAs(page, server.rows, who);
    expect(new URL(page.url()).pathname).toBe('/');
    await check(page);
    // On a phone the navigation folds behind a "Menu" button; opened, it passes axe and fits.
    await page.setViewportSize(PHONE);
    const firstLink = page.locator('.govuk-service-navigation__list a').first();
    await firstLink.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Menu' }).click();
    await firstLink.waitFor({ state: 'visible' });
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await page.setViewportSize(DESKTOP);
    await walk(page);
  } finally {
    await context.close();
  }
}

/** Visits every link in the service navigation, checking each page; returns the link texts. */
async function visitNavigation(page: Page, expected: string[]) {
  const links = await navigationLinks(page);
  expect(links.map((l) => l.text)).toEqual(expected);
  for (const link of links.slice(1)) {
    await visit(page, link.href);
    await check(page);
    expect(
      await page.locator('.govuk-service-navigation__item--active').evaluate((li) => (li.textContent ?? '').trim()),
      'the current page is marked in the navigation',
    ).toBe(link.text);
  }
  return links;
}

/** Opens the first record in the page's table by clicking its name, as a person would. */
async function openFirstRecord(page: Page) {
  const [first] = await recordLinks(page);
  expect(first, `no records listed on ${page.url()}`).toBeDefined();
  await Promise.all([
    page.waitForURL(`**${first.href}`),
    page.locator(`table a[href="${first.href}"]`).first().click(),
  ]);
  expect(await heading(page)).toBe(first.name);
  await check(page);
  return first;
}

/** Searches by the person's family name (the empty search page was checked from the navigation). */
async function searchFor(page: Page, person: { name: string }) {
  await visit(page, '/young-people');
  await page.getByLabel('Name or reference').fill(person.name.split(' ').at(-1)!);
  await Promise.all([page.waitForURL(/\/young-people\?q=/), page.getByRole('button', { name: 'Search' }).click()]);
  expect(await page.locator('table caption').innerText()).toMatch(/^\d+ found/);
  expect((await recordLinks(page)).map((l) => l.name)).toContain(person.name);
  await check(page);
}

async function changePasswordPage(page: Page) {
  await visit(page, '/account/password');
  expect(await heading(page)).toBe('Change your password');
  await check(page);
}

/** The set-password link the administrator's walk makes, used afterwards by the new member of staff. */
const journeyLink = { value: '' };

const ROLES: {
  who: Who;
  label: string;
  home: (s: TestServer) => string;
  nav: string[];
  walk(page: Page): Promise<void>;
}[] = [
  {
    who: 'pa',
    label: 'personal adviser',
    home: () => 'Your work',
    nav: ['Home', 'My caseload', 'Find a young person', 'Your account'],
    async walk(page) {
      expect(await page.locator('table caption').innerText()).toMatch(/caseload/i);
      await visitNavigation(page, this.nav);
      await visit(page, '/caseload');
      const first = await openFirstRecord(page);
      await searchFor(page, first);
      await changePasswordPage(page);
      // Not found, and refused: both are proper pages that pass axe.
      await visit(page, '/no-such-page', 404);
      expect(await heading(page)).toBe('Page not found');
      await check(page);
      const pa = staffByLocal(server.rows, 'pa');
      const elsewhere = server.rows.youngPeople.find(
        (y) => y.teamId !== pa.teamId && y.personalAdviserId !== pa.id && y.socialWorkerId !== pa.id,
      )!;
      await visit(page, `/young-people/${elsewhere.id}`, 403);
      expect(await heading(page)).toBe('You do not have permission to see this record');
      await check(page);
    },
  },
  {
    who: 'sw',
    label: 'social worker',
    home: () => 'Your work',
    nav: ['Home', 'My caseload', 'Find a young person', 'Your account'],
    async walk(page) {
      await visitNavigation(page, this.nav);
      await visit(page, '/caseload');
      await openFirstRecord(page);
      await changePasswordPage(page);
    },
  },
  {
    who: 'tm',
    label: 'team manager',
    home: (s) => s.rows.teams.find((t) => t.id === staffByLocal(s.rows, 'tm').teamId)!.name,
    nav: [
      'Home',
      'My caseload',
      'My team',
      'Plans to approve',
      'Find a young person',
      'Performance',
      'Case-file audits',
      'Late closures',
      'Your account',
    ],
    async walk(page) {
      await visitNavigation(page, this.nav);
      // Plans to approve: its own page (checked with axe from the navigation above).
      await visit(page, '/approvals');
      expect(await heading(page)).toBe('Plans to approve');
      await visit(page, '/team');
      expect(
        await page.locator('select#team').count(),
        'a team manager sees only their own team, with no team switcher',
      ).toBe(0);
      const first = await openFirstRecord(page);
      await Promise.all([
        page.waitForURL(/\/audit$/),
        page.getByRole('link', { name: 'Who has looked at this record' }).click(),
      ]);
      expect(await heading(page)).toBe('Who has looked at this record');
      expect(await page.locator('.govuk-caption-l').innerText()).toContain(first.name);
      await check(page);
      await searchFor(page, first);
      await changePasswordPage(page);
    },
  },
  {
    who: 'iro',
    label: 'independent reviewing officer',
    home: () => 'Looked-after young people',
    nav: ['Home', 'Find a young person', 'Performance', 'Case-file audits', 'Your account'],
    async walk(page) {
      const first = await openFirstRecord(page);
      await visitNavigation(page, this.nav);
      await searchFor(page, first);
      await changePasswordPage(page);
    },
  },
  {
    who: 'sm',
    label: 'service manager',
    home: () => 'Your service',
    nav: [
      'Home',
      'Teams',
      'Find a young person',
      'Performance',
      'Case-file audits',
      'Late closures',
      'SSDA903 return',
      'Your account',
    ],
    async walk(page) {
      expect(await page.locator('table caption').innerText()).toBe('Teams');
      await visitNavigation(page, this.nav);
      // Switch teams with the team filter.
      await visit(page, '/team');
      const before = await heading(page);
      const options = await page.locator('select#team option').allInnerTexts();
      expect([...options].sort()).toEqual(server.rows.teams.map((t) => t.name).sort());
      // The other team with the most young people, so there is a record to open.
      const openCases = (name: string) =>
        server.rows.youngPeople.filter(
          (y) => y.caseStatus === 'open' && y.teamId === server.rows.teams.find((t) => t.name === name)!.id,
        ).length;
      const other = options.filter((o) => o !== before).sort((a, b) => openCases(b) - openCases(a))[0];
      await page.getByLabel('Team').selectOption({ label: other });
      await Promise.all([page.waitForURL(/\/team\?team=/), page.getByRole('button', { name: 'Show team' }).click()]);
      expect(await heading(page)).toBe(other);
      await check(page);
      const first = await openFirstRecord(page);
      await Promise.all([
        page.waitForURL(/\/audit$/),
        page.getByRole('link', { name: 'Who has looked at this record' }).click(),
      ]);
      await check(page);
      await searchFor(page, first);
      await changePasswordPage(page);
      // Role changes: reached from the home page.
      await visit(page, '/');
      await Promise.all([
        page.waitForURL('**/account-changes'),
        page.getByRole('link', { name: 'Role changes in the last 90 days' }).click(),
      ]);
      expect(await heading(page)).toBe('Role changes in the last 90 days');
      await check(page);
    },
  },
  {
    who: 'admin',
    label: 'council administrator',
    home: () => 'Administration',
    nav: [
      'Home',
      'Staff',
      'Teams',
      'Invitations',
      'Timescales',
      'SSDA903 return',
      'API tokens',
      'Import',
      'Reminders sent',
      'Your account',
    ],
    async walk(page) {
      await visitNavigation(page, this.nav);
      // Add staff: sent empty, the GOV.UK error summary lists every problem and links to its field.
      await visit(page, '/admin/staff');
      await Promise.all([
        page.waitForURL('**/admin/staff/new'),
        page.getByRole('button', { name: 'Add a member of staff' }).click(),
      ]);
      expect(await heading(page)).toBe('Add a member of staff');
      await check(page);
      await page.getByRole('button', { name: 'Add member of staff' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.title()).toMatch(/^Error: Add a member of staff/);
      const summary = page.locator('.govuk-error-summary');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false), {
          message: 'focus moves to the error summary',
        })
        .toBe(true);
      const problems = await summary
        .locator('a')
        .evaluateAll((as) => as.map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') })));
      expect(problems).toEqual([
        { text: 'Enter their full name', href: '#displayName' },
        { text: 'Enter their email address', href: '#email' },
        { text: 'Select a role', href: '#role' },
      ]);
      expect(await page.locator('#displayName-error').innerText()).toContain('Enter their full name');
      await check(page);
      // Filled in, it gives the one-time link for the person to choose their own password.
      await page.getByLabel('Full name').fill('Morgan Example');
      await page.getByLabel('Email address').fill(`morgan@${server.rows.council.slug}.test`);
      await page.getByLabel('Social worker').check();
      await page.getByRole('button', { name: 'Add member of staff' }).click();
      await page.locator('h1', { hasText: 'Give Morgan Example this link' }).waitFor();
      journeyLink.value = (await page.locator('[data-password-link]').innerText()).trim();
      await check(page);
      // Edit a member of staff, reached from the list.
      await visit(page, '/admin/staff');
      const tm = staffByLocal(server.rows, 'tm');
      // By its address: generated names can repeat, so two members of staff may share the name.
      await Promise.all([
        page.waitForURL(`**/admin/staff/${tm.id}`),
        page.locator(`table a[href="/admin/staff/${tm.id}"]`).click(),
      ]);
      expect(await heading(page)).toBe(`Change ${tm.displayName}`);
      await check(page);
      // Invitations: one open, so the table and its cancel button are checked too.
      await visit(page, '/admin/invitations');
      expect(await page.locator('table caption').innerText()).toBe('1 open');
      await check(page);
      await changePasswordPage(page);
      // An administrator never reads case records.
      await visit(page, `/young-people/${server.rows.youngPeople[0].id}`, 403);
      await check(page);
    },
  },
  {
    who: 'young_person',
    label: 'young person',
    home: (s) => {
      const yp = s.rows.youngPeople.find((y) => y.id === s.rows.accounts[0].youngPersonId)!;
      return `Hi ${yp.preferredName || yp.givenName}`;
    },
    nav: ['Home', 'My plan', 'My details', 'Your account'],
    async walk(page) {
      await visitNavigation(page, this.nav);
      expect(await heading(page)).toBe('Your account');
      expect(await page.locator('main').innerText()).toContain('Where you are signed in');
      // My plan (checked with axe from the navigation) before any plan is started.
      await visit(page, '/my-plan');
      expect(await heading(page)).toBe('Your plan');
      // Staff pages refuse them.
      await visit(page, '/caseload', 403);
      await check(page);
    },
  },
];

describeBrowser('each role: home page and every page in its navigation, checked with axe', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    // An open invitation, so the administrator's invitations table has a row to check.
    const pa = staffByLocal(server.rows, 'pa');
    const uninvited = server.rows.youngPeople.find(
      (y) =>
        y.personalAdviserId === pa.id &&
        y.caseStatus === 'open' &&
        !server.rows.accounts.some((a) => a.youngPersonId === y.id),
    )!;
    await server.testApp.services.invitations.create(
      {
        principal: {
          kind: 'staff',
          id: pa.id,
          councilId: pa.councilId,
          role: 'personal_adviser',
          teamId: pa.teamId ?? null,
          name: pa.displayName,
        },
        requestId: 'e2e-setup',
      },
      uninvited.id,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the sign-in page, empty and with errors, and the help pages pass axe', async () => {
    const context = await newContext(browser, server, { viewport: DESKTOP });
    const page = await context.newPage();
    await visit(page, '/sign-in');
    expect(await heading(page)).toBe('Sign in to Pathway');
    await check(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: Sign in/);
    expect(await page.locator('.govuk-error-summary a').allInnerTexts()).toEqual([
      'Enter your email address or username',
      'Enter your password',
    ]);
    await check(page);
    // One of each page landmark: banner, navigation is only for the signed in, main, contentinfo.
    for (const role of ['banner', 'main', 'contentinfo'] as const)
      expect(await page.getByRole(role).count(), `${role} landmarks`).toBe(1);
    // The footer's help pages are open to everyone.
    for (const link of ['Accessibility', 'How we use your information']) {
      await visit(page, '/sign-in');
      await Promise.all([
        page.waitForURL(/\/help\//),
        page.getByRole('contentinfo').getByRole('link', { name: link }).click(),
      ]);
      expect(await heading(page)).toBeTruthy();
      await check(page);
    }
    await context.close();
  });

  for (const role of ROLES) {
    it(`${role.label}: sees their home page; every page they reach passes axe and fits 320 px`, async () => {
      await asRole(role.who, async (page) => {
        expect(await heading(page)).toBe(role.home(server));
        await role.walk.call(role, page);
      });
    });
  }

  it('a new member of staff opens the link the administrator made, chooses a password and is signed in', async () => {
    expect(journeyLink.value, 'made in the administrator walk').toMatch(/\/set-password\/[\w-]+$/);
    const context = await newContext(browser, server, { viewport: DESKTOP });
    const page = await context.newPage();
    await visit(page, new URL(journeyLink.value).pathname);
    expect(await heading(page)).toBe('Morgan Example, choose your password');
    await check(page);
    await page.getByLabel('Password', { exact: true }).fill('pathway2026');
    await page.getByLabel('Type your password again').fill('pathway2026');
    await page.getByRole('button', { name: 'Set my password' }).click();
    await page.locator('#password-error').waitFor();
    expect(await page.locator('#password-error').innerText()).toContain('must not contain the name of this service');
    await check(page);
    await page.getByLabel('Password', { exact: true }).fill('quiet orchard trumpet');
    await page.getByLabel('Type your password again').fill('quiet orchard trumpet');
    await Promise.all([
      page.waitForURL((u) => u.pathname === '/'),
      page.getByRole('button', { name: 'Set my password' }).click(),
    ]);
    expect(await heading(page)).toBe('Your work');
    await visit(page, new URL(journeyLink.value).pathname, 404);
    expect(await heading(page)).toBe('This link does not work any more');
    await check(page);
    await context.close();
  });
});
