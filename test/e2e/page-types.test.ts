// Every page type the app has, as each role meets it: the home pages, records, forms and their errors,
// the review cycle, the young person's pages, help, invitations and the error pages. Each passes axe
// (WCAG 2.2 AA and best-practice rules). The axe total per page type is printed as a table at the end,
// and on each page with an error summary every link goes to a field that exists, and says its problem once.
// No page shows a date as it is stored (2026-12-29).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  newContext,
  signIn,
  signInAs,
  startServerAndBrowser,
  visit,
  youngPersonLogin,
  type StaffWho,
  type TestServer,
} from '../support/browser.ts';
import { addApprovedPlans, addOpenReview, addYoungPersonAccount } from '../support/factories.ts';
import { staffByLocal } from '../support/app.ts';
import { sampleReturn } from '../support/ssda903.ts';
import { AREAS } from '../../src/domain/plan/index.ts';
import { eq } from 'drizzle-orm';
import { planVersions, reviews } from '../../src/data/schema.ts';

type Who = StaffWho | 'young_person' | 'signed_out';
const DESKTOP = { width: 1280, height: 900 };

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Page type → axe violations and the page's title, in the order visited. */
const seen = new Map<string, { who: Who; violations: number; title: string; path: string }>();
const ids = { youngPerson: '', review: '', otherYoungPerson: '', staff: '' };
/** Free text written into the demo young person's plans: what they and their workers wrote. */
let ownWords: string[] = [];
/** Pages that show the plans' free text, in the browser's own direction for each piece (dir="auto"). */
const SHOWS_OWN_WORDS =
  /^(review: area|review: the plan|approved plan|young person: (their words|the plan|approved plan|an earlier plan))/;

/** Every string in the plan content that is someone's words: has a space, and is not a date. */
function freeText(value: unknown): string[] {
  if (typeof value === 'string')
    return /\s/.test(value.trim()) && !/^\d{4}-\d{2}-\d{2}$/.test(value) ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(freeText);
  if (value && typeof value === 'object') return Object.values(value).flatMap(freeText);
  return [];
}

/**
 * Each piece of their words on the page sits in an element that sets its own direction (dir="auto", or
 * a <bdi>) wrapped closely round it, and each form field holding their words has dir="auto": Arabic or
 * Tigrinya then reads right to left however the page around it runs. Returns how many were checked.
 */
async function expectOwnWordsDirAuto(page: Page, type: string): Promise<number> {
  const { checked, wrong } = await page.evaluate((words) => {
    const main = document.querySelector('main')!;
    const wrong: string[] = [];
    let checked = 0;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const word = words.find((w) => text.includes(w));
      if (!word || node.parentElement?.closest('textarea')) continue;
      checked++;
      const wrap = node.parentElement?.closest('[dir="auto"], bdi');
      if (!wrap || (wrap.textContent ?? '').trim().length > word.length + 80)
        wrong.push(`"${text.slice(0, 50)}" in <${node.parentElement?.tagName.toLowerCase()}>`);
    }
    for (const field of main.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('textarea, input[type="text"]')) {
      if (!words.includes(field.value.trim())) continue;
      checked++;
      if (field.getAttribute('dir') !== 'auto') wrong.push(`the field ${field.name}`);
    }
    return { checked, wrong };
  }, ownWords);
  expect.soft(wrong, `${type}: their words without dir="auto"`).toEqual([]);
  return checked;
}
const ownWordsChecked = new Map<string, number>();

/** Checks the page with axe and its error summary's links, and records it as `type`. */
async function record(page: Page, who: Who, type: string) {
  const violations = await expectNoAxeViolations(page);
  const links = await page.locator('.govuk-error-summary a').evaluateAll((as) =>
    as.map((a) => ({
      text: (a.textContent ?? '').trim(),
      href: a.getAttribute('href') ?? '',
      exists: Boolean(document.getElementById((a.getAttribute('href') ?? '').replace(/^#/, ''))),
    })),
  );
  const title = await page.title();
  expect
    .soft(
      title.startsWith('Error: '),
      `${type}: the title "${title}" starts with "Error: " when, and only when, the page lists errors`,
    )
    .toBe(links.length > 0);
  for (const link of links)
    expect
      .soft(link.exists, `${type}: the error summary's "${link.text}" links to ${link.href}, which is not on the page`)
      .toBe(true);
  const texts = links.map((l) => `${l.text} → ${l.href}`);
  expect.soft(texts, `${type}: each problem once in the error summary`).toEqual([...new Set(texts)]);
  // Dates in words everywhere ("29 December 2026"), never as stored ("2026-12-29").
  const isoDates = (await page.locator('body').innerText()).match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? [];
  expect.soft(isoDates, `${type}: dates shown as codes`).toEqual([]);
  if (SHOWS_OWN_WORDS.test(type)) ownWordsChecked.set(type, await expectOwnWordsDirAuto(page, type));
  const before = seen.get(type);
  seen.set(type, {
    who,
    violations: (before?.violations ?? 0) + violations,
    title,
    path: new URL(page.url()).pathname,
  });
}

async function open(who: Who): Promise<Page> {
  const context = await newContext(browser, server, { viewport: DESKTOP });
  contexts.push(context);
  const page = await context.newPage();
  if (who === 'young_person') await signIn(page, youngPersonLogin(server.rows));
  else if (who !== 'signed_out') await signInAs(page, server.rows, who);
  return page;
}

/** Visits each path and records it; `submit` presses a form's button with nothing filled in, to see its errors. */
async function walk(who: Who, pages: { type: string; path: string; status?: number; submit?: string }[]) {
  const page = await open(who);
  for (const { type, path, status, submit } of pages) {
    await visit(page, path, status);
    if (submit) {
      await Promise.all([
        page.waitForLoadState('load'),
        page.getByRole('button', { name: submit, exact: true }).click(),
      ]);
      await page.locator('.govuk-error-summary').waitFor();
    }
    await record(page, who, type);
  }
  return page;
}

describeBrowser('every page type passes axe, WCAG and best-practice rules', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 60 }));
    const { db } = server.testApp;
    const rows = server.rows;
    // The demo young person has an approved plan and a review of it under way, so both sets of pages exist.
    ids.youngPerson = rows.accounts[0].youngPersonId;
    await addApprovedPlans(db, rows, ids.youngPerson, 1);
    ids.review = await addOpenReview(db, rows, ids.youngPerson, 'drafting', '2026-11-20');
    const [open] = await db.system((tx) => tx.select().from(reviews).where(eq(reviews.id, ids.review)));
    const [approved] = await db.system((tx) =>
      tx.select().from(planVersions).where(eq(planVersions.youngPersonId, ids.youngPerson)),
    );
    ownWords = [
      ...new Set([
        ...freeText((open.review as { content: unknown }).content),
        ...freeText((approved.review as { content: unknown }).content),
      ]),
    ];
    // Someone else with an account and nothing under way, for the "no plan yet" page.
    const pa = staffByLocal(rows, 'pa');
    ids.otherYoungPerson = rows.youngPeople.find(
      (y) =>
        y.personalAdviserId === pa.id &&
        y.caseStatus === 'open' &&
        y.id !== ids.youngPerson &&
        !rows.accounts.some((a) => a.youngPersonId === y.id),
    )!.id;
    await addYoungPersonAccount(db, rows, ids.otherYoungPerson, `page.types.none.${rows.council.slug}`);
    ids.staff = staffByLocal(rows, 'sw').id;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    const rows = [...seen].map(
      ([type, s]) => `${type.padEnd(40)} ${s.who.padEnd(13)} ${String(s.violations).padStart(3)}   ${s.title}`,
    );
    const total = [...seen.values()].reduce((sum, s) => sum + s.violations, 0);
    console.log(
      `\nAxe violations per page type (${seen.size} page types, ${total} in all)\n${'page type'.padEnd(40)} ${'as'.padEnd(13)} axe   title\n${rows.join('\n')}\n`,
    );
  });

  it('signed out: sign-in, invitations, help and not found', async () => {
    await walk('signed_out', [
      { type: 'sign-in', path: '/sign-in' },
      { type: 'sign-in with errors', path: '/sign-in', submit: 'Sign in' },
      { type: 'invitation: enter your code', path: '/invite' },
      { type: 'invitation: code with errors', path: '/invite', submit: 'Continue' },
      { type: 'invitation: link not valid', path: `/invite/${'x'.repeat(24)}`, status: 404 },
      { type: 'set password: link not valid', path: `/set-password/${'x'.repeat(24)}`, status: 404 },
      { type: 'help: accessibility', path: '/help/accessibility' },
      { type: 'help: privacy', path: '/help/privacy' },
      { type: 'page not found', path: '/no-such-page', status: 404 },
    ]);
  });

  it('the personal adviser: home, records and the statutory forms', async () => {
    const yp = `/young-people/${ids.youngPerson}`;
    await walk('pa', [
      { type: 'home: worker', path: '/' },
      { type: 'caseload', path: '/caseload' },
      { type: 'find a young person', path: '/young-people' },
      { type: 'find a young person: results', path: '/young-people?q=a' },
      { type: 'record', path: yp },
      { type: 'significant change', path: `${yp}/significant-change` },
      { type: 'significant change with errors', path: `${yp}/significant-change`, submit: 'Record the change' },
      { type: 'statutory work', path: `${yp}/statutory-work` },
      { type: 'statutory work with errors', path: `${yp}/statutory-work`, submit: 'Record it' },
      { type: 'date of birth', path: `${yp}/date-of-birth` },
      { type: 'date of birth with errors', path: `${yp}/date-of-birth`, submit: 'Change date of birth' },
      { type: 'care history', path: `${yp}/care-history` },
      { type: 'care history with errors', path: `${yp}/care-history`, submit: 'Add period of care' },
      { type: 'circumstances', path: `${yp}/circumstances` },
      { type: 'contact', path: `${yp}/contacts/new` },
      { type: 'contact with errors', path: `${yp}/contacts/new`, submit: 'Record the contact' },
      { type: 'contacts', path: `${yp}/contacts` },
      { type: 'activity and accommodation', path: `${yp}/activity-and-accommodation` },
      {
        type: 'activity and accommodation with errors',
        path: `${yp}/activity-and-accommodation`,
        submit: 'Record the accommodation',
      },
    ]);
  });

  it('the personal adviser: the review cycle, their account and inviting someone', async () => {
    const yp = `/young-people/${ids.youngPerson}`;
    const review = `/reviews/${ids.review}`;
    const elsewhere = server.rows.youngPeople.find((y) => y.teamId !== staffByLocal(server.rows, 'pa').teamId)!;
    const page = await walk('pa', [
      { type: 'review: task list', path: review },
      { type: 'review: needs assessment', path: `${review}/needs-assessment` },
      ...AREAS.filter((a) => a.id !== 'immigration').map((a) => ({
        type: `review: area (${a.id})`,
        path: `${review}/areas/${a.id}`,
      })),
      { type: 'review: the plan to read', path: `${review}/read` },
      { type: 'approved plan', path: `${yp}/plans/1` },
      { type: 'account', path: '/account' },
      { type: 'account: change password', path: '/account/password' },
      { type: 'account: change password with errors', path: '/account/password', submit: 'Change password' },
      { type: 'not allowed', path: `/young-people/${elsewhere.id}`, status: 403 },
    ]);
    // An area with errors: a scale out of range.
    await visit(page, `${review}/areas/education-and-training`);
    await page.locator('#workerScale').fill('11');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Save and continue' }).click()]);
    await page.locator('.govuk-error-summary').waitFor();
    await record(page, 'pa', 'review: area with errors');
    // Inviting someone gives them a code.
    await visit(
      page,
      `/young-people/${server.rows.youngPeople.find((y) => y.personalAdviserId === staffByLocal(server.rows, 'pa').id && y.caseStatus === 'open' && !server.rows.accounts.some((a) => a.youngPersonId === y.id) && y.id !== ids.otherYoungPerson)!.id}`,
    );
    await Promise.all([
      page.waitForURL(/\/invitations$/),
      page.getByRole('button', { name: 'Invite them to Pathway' }).click(),
    ]);
    await record(page, 'pa', 'invitation ready');
    const link = await page.locator('a[href*="/invite/"], .app-code').first().innerText();
    const token = /\/invite\/([\w-]+)/.exec(link)?.[1] ?? /\/invite\/([\w-]+)/.exec(await page.content())?.[1];
    const phone = await open('signed_out');
    await visit(phone, `/invite/${token}`);
    await record(phone, 'signed_out', 'invitation: set up your account');
    await Promise.all([
      phone.waitForLoadState('load'),
      phone.getByRole('button', { name: 'Set up my account' }).click(),
    ]);
    await phone.locator('.govuk-error-summary').waitFor();
    await record(phone, 'signed_out', 'invitation: set up with errors');
  });

  it("managers' pages: performance (the figures, a list behind a number, a date with errors) and a quality judgement", async () => {
    await walk('sm', [
      { type: 'performance', path: '/performance' },
      { type: 'performance: a list behind a number', path: '/performance/people?part=youngPeople&team=all' },
    ]);
    await walk('tm', [
      { type: 'performance: own team', path: '/performance' },
      { type: 'performance with errors', path: '/performance?asAt-day=30&asAt-month=2&asAt-year=2026', status: 400 },
      { type: 'quality judgement', path: `/young-people/${ids.youngPerson}/plans/1/quality` },
      {
        type: 'quality judgement with errors',
        path: `/young-people/${ids.youngPerson}/plans/1/quality`,
        submit: 'Record the judgement',
      },
    ]);
  });

  it('the other staff roles: their home pages, late closures, the team and approvals', async () => {
    await walk('sw', [{ type: 'home: social worker', path: '/' }]);
    await walk('iro', [{ type: 'home: independent reviewing officer', path: '/' }]);
    await walk('sm', [
      { type: 'home: service manager', path: '/' },
      { type: 'account changes', path: '/account-changes' },
      { type: 'subject access: confirm', path: `/young-people/${ids.youngPerson}/subject-access` },
      { type: 'late closures: every team', path: '/closures/late' },
    ]);
    await walk('tm', [
      { type: 'late closures: a team', path: '/closures/late' },
      { type: 'home: team manager', path: '/' },
      { type: 'record: who has seen it', path: `/young-people/${ids.youngPerson}/audit` },
      { type: 'team', path: '/team' },
      { type: 'plans to approve', path: '/approvals' },
    ]);
  });

  it('the administrator: staff, teams, invitations, timescales, the SSDA903 import and a set-password link', async () => {
    const admin = await walk('admin', [
      { type: 'home: administrator', path: '/' },
      { type: 'staff', path: '/admin/staff' },
      { type: 'add a member of staff', path: '/admin/staff/new' },
      { type: 'add a member of staff with errors', path: '/admin/staff/new', submit: 'Add member of staff' },
      { type: 'a member of staff', path: `/admin/staff/${ids.staff}` },
      { type: 'teams', path: '/admin/teams' },
      { type: 'teams with errors', path: '/admin/teams', submit: 'Add team' },
      { type: 'invitations', path: '/admin/invitations' },
      { type: 'timescales', path: '/admin/policy' },
      { type: 'import the SSDA903 return', path: '/admin/import-903' },
      { type: 'import the SSDA903 return with errors', path: '/admin/import-903', submit: 'Check the files' },
    ]);
    await visit(admin, `/admin/staff/${ids.staff}`);
    await Promise.all([
      admin.waitForLoadState('load'),
      admin.getByRole('button', { name: 'Make a set-password link' }).click(),
    ]);
    await record(admin, 'admin', 'set-password link ready');
    const href = /\/set-password\/[\w-]+/.exec(await admin.content())![0];
    // The SSDA903 import's check page: real files chosen in the file input, as an administrator would.
    await visit(admin, '/admin/import-903');
    const sample = sampleReturn(server.rows, 'E2E');
    await admin
      .locator('#files')
      .setInputFiles(
        Object.entries(sample.files).map(([name, text]) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })),
      );
    await admin.locator('#team').selectOption(sample.team.name);
    await Promise.all([
      admin.waitForURL(/\/admin\/import-903\/[0-9a-f-]{36}$/),
      admin.getByRole('button', { name: 'Check the files' }).click(),
    ]);
    await record(admin, 'admin', 'import the SSDA903 return: check');
    const staff = await open('signed_out');
    await visit(staff, href);
    await record(staff, 'signed_out', 'set your password');
    await Promise.all([staff.waitForLoadState('load'), staff.getByRole('button', { name: 'Set my password' }).click()]);
    await staff.locator('.govuk-error-summary').waitFor();
    await record(staff, 'signed_out', 'set your password with errors');
  });

  it('the young person: their plan, their words, their record and asking for a review', async () => {
    const words = AREAS.find((a) => a.id === 'education-and-training')!;
    await walk('young_person', [
      { type: 'young person: home', path: '/' },
      { type: 'young person: plan under way', path: '/my-plan' },
      { type: 'young person: their words', path: `/my-plan/areas/${words.id}` },
      { type: 'young person: the plan to read', path: `/reviews/${ids.review}/read` },
      { type: 'young person: approved plan', path: '/my-plan/approved' },
      { type: 'young person: an earlier plan', path: '/my-plan/versions/1' },
      { type: 'young person: their record', path: '/my-record' },
      { type: 'young person: ask for a review', path: '/my-plan/ask-for-a-review' },
      {
        type: 'young person: ask with errors',
        path: '/my-plan/ask-for-a-review',
        submit: 'Ask to look at my plan again',
      },
    ]);
    const none = await open('signed_out');
    await signIn(none, `page.types.none.${server.rows.council.slug}`);
    await visit(none, '/my-plan');
    await record(none, 'young_person', 'young person: no plan yet');
  });

  it('staff pages about the young person name them and the step in the title, each page its own title', () => {
    const yp = server.rows.youngPeople.find((y) => y.id === ids.youngPerson)!;
    const about = [...seen].filter(
      ([, s]) =>
        !['young_person', 'signed_out'].includes(s.who) &&
        [ids.youngPerson, ids.review].some((id) => s.path.includes(id)),
    );
    expect(about.length).toBeGreaterThan(15);
    for (const [type, s] of about)
      expect
        .soft(s.title, type)
        .toMatch(
          new RegExp(
            `^(Error: )?(${yp.preferredName ?? yp.givenName}|${yp.givenName}) ${yp.familyName}(: | – Pathway$)`,
          ),
        );
    const titles = about.map(([, s]) => s.title);
    const twice = titles.filter((t, i) => titles.indexOf(t) !== i);
    expect(twice).toEqual([]);
  });

  it('the plan pages show everyone\'s own words with dir="auto"', () => {
    expect(ownWords.length).toBeGreaterThan(20);
    expect(ownWordsChecked.size).toBeGreaterThan(12);
    // Each plan page had their words on it to check (the failures themselves are reported where found).
    for (const [type, checked] of ownWordsChecked) expect.soft(checked, type).toBeGreaterThan(0);
  });

  it('every page type has no axe violations', () => {
    expect(seen.size).toBeGreaterThan(60);
    const failing = [...seen].filter(([, s]) => s.violations > 0).map(([type, s]) => `${type}: ${s.violations}`);
    expect(failing).toEqual([]);
  });
});
