// The whole review cycle in the browser, as the demo roles: the personal adviser starts the first
// pathway plan and fills the outcomes form; the young person writes in their own words on a 320 px
// phone; both sign; the team manager returns the plan with a reason; it is fixed, signed again and
// approved; the young person reads the approved plan and downloads it as a PDF. Every page visited
// passes axe (WCAG 2.2 AA rules), and every page on the phone fits 320 px without sideways scrolling.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it as vitestIt } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoHorizontalScroll,
  heading,
  newContext,
  PHONE,
  signInAs,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';
import { AREAS, SUITABILITY_CHECKS } from '../../src/domain/plan/index.ts';

const DESKTOP = { width: 1280, height: 900 };
const PDFTOTEXT = '/usr/bin/pdftotext';

let server: TestServer;
let browser: Browser;
let adviser: Page;
let phone: Page;
let manager: Page;
const contexts: BrowserContext[] = [];

/** Shared between the steps of the cycle, which run in order. */
const cycle = { youngPersonId: '', reviewId: '', reviewPath: '' };
const RETURN_REASON = 'The contingency plan needs a second action: who they can stay with tonight';
const SECOND_CONTINGENCY = 'Aunt Jo has them to stay';
// Short enough to stay on one line in the PDF's table cells, so pdftotext gives it back whole.
const FIRST_CONTINGENCY = 'A room in supported lodgings';
/** The two areas the young person writes about on their phone. */
const THEIR_AREAS = [
  { id: 'education-and-training', goingWell: 'I like my college course and my tutor', scale: '7' },
  { id: 'accommodation', goingWell: 'My flat is warm and near the bus stop', scale: '8' },
] as const;

/**
 * The steps run in order, each carrying on from the last, so once one stops with an error the rest
 * are skipped rather than each waiting out its timeouts. (Axe findings are soft: they fail the step
 * at its end but let the journey carry on, so one run lists every page's problems.)
 */
let stoppedAt = '';
function it(name: string, body: () => Promise<void>) {
  vitestIt(name, async (context) => {
    if (stoppedAt) context.skip(`an earlier step failed: ${stoppedAt}`);
    try {
      await body();
    } catch (error) {
      stoppedAt = name;
      throw error;
    }
  });
}

const assessed = (title: string) => `Assessed need for ${title}`;
const actionFor = (title: string) => `Action for ${title}`;

const area = (id: string) => AREAS.find((a) => a.id === id)!;
const banner = (page: Page) => page.locator('.govuk-notification-banner--success').innerText();

async function checkDesktop(page: Page) {
  await expectNoAxeViolations(page);
}

async function checkPhone(page: Page) {
  expect(page.viewportSize()).toEqual(PHONE);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
}

/** Presses a button that posts a form, and waits for the page it lands on. */
async function press(page: Page, button: string, lands: string | RegExp | ((url: URL) => boolean)) {
  await Promise.all([page.waitForURL(lands), page.getByRole('button', { name: button, exact: true }).click()]);
}

async function follow(page: Page, link: string, lands: string | RegExp | ((url: URL) => boolean)) {
  await Promise.all([page.waitForURL(lands), page.getByRole('link', { name: link, exact: true }).click()]);
}

/** Signs in from the sign-in page, checking it and the home page it lands on. */
async function signInChecked(page: Page, who: Parameters<typeof signInAs>[2], check: (page: Page) => Promise<void>) {
  await visit(page, '/sign-in');
  await check(page);
  await signInAs(page, server.rows, who);
  expect(new URL(page.url()).pathname).toBe('/');
  await check(page);
}

const onReview = (url: URL) => url.pathname === cycle.reviewPath;
const onMyPlan = (url: URL) => url.pathname === '/my-plan';

/** Fills a worker's area page from what the page asks: every part the area has, with one SMART action. */
async function fillArea(page: Page, title: string) {
  const has = async (selector: string) => (await page.locator(selector).count()) > 0;
  if (await has('#assessmentOfNeed'))
    await page.getByLabel('Assessment of need', { exact: true }).fill(assessed(title));
  if (await has('#progressSinceLastReview'))
    await page.getByLabel('Progress since the last review').fill(`Progress in ${title}`);
  if (await has('#workerScale')) {
    await page.getByLabel('Their scale, 0 to 10').fill('6');
    await page.getByLabel('Your scale, 0 to 10').fill('5');
  }
  if (await has('#goal'))
    await page.getByLabel('Goal: what they are working towards or keeping going').fill(`Goal for ${title}`);
  if (await has('#actions-0-what')) {
    await page.locator('#actions-0-what').fill(actionFor(title));
    await page.locator('#actions-0-whoKind').selectOption('young_person');
    await page.locator('#actions-0-how').fill('With help from their adviser');
    await page.locator('#actions-0-byWhen-day').fill('1');
    await page.locator('#actions-0-byWhen-month').fill('3');
    await page.locator('#actions-0-byWhen-year').fill('2027');
    await page.locator('#actions-0-howItHelps').fill('It keeps things on track');
  }
  if (await has('#people-0-name')) {
    await page.getByLabel('Name', { exact: true }).fill('Aunt Jo');
    await page.getByLabel('Who they are to them').fill('Aunt');
    await page.getByLabel('Their role in the plan').fill('Sunday dinners and a spare room in a crisis');
  }
  if (await has('#financialArrangements'))
    await page.getByLabel('Financial arrangements').fill('Setting-up-home allowance paid in two parts');
  if (await has('#triggers')) {
    await page.getByLabel('What would start the contingency plan').fill('Losing the flat\nLeaving college');
    await page.locator('#contingency-0-what').fill(FIRST_CONTINGENCY);
    await page.locator('#contingency-0-whoKind').selectOption('adviser');
    await page.locator('#contingency-0-howSoon').fill('The same day');
  }
  if (await has('input[name^="suitability-"]')) {
    const yes = page.getByRole('radio', { name: 'Yes', exact: true });
    expect(await yes.count(), 'one "Yes" for each suitability question').toBe(SUITABILITY_CHECKS.length);
    for (const radio of await yes.all()) await radio.check();
  }
  for (const textarea of await page.locator('textarea[name^="immigration-"]').all())
    await textarea.fill('Plan for this outcome');
}

describeBrowser('the review cycle, as the demo roles, checked with axe on every page', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 60 }));
    cycle.youngPersonId = server.rows.accounts[0].youngPersonId;
    // The demo young person's plan starts in Pathway (src/seed/generator.ts): nothing held for them yet.
    expect(
      server.rows.reviews.filter((r) => r.youngPersonId === cycle.youngPersonId),
      'the demo young person has no plan yet',
    ).toEqual([]);
    const open = (options: Parameters<typeof newContext>[2]) =>
      newContext(browser, server, options).then((c) => {
        contexts.push(c);
        return c.newPage();
      });
    [adviser, phone, manager] = await Promise.all([
      open({ viewport: DESKTOP }),
      open({ viewport: PHONE, isMobile: true, hasTouch: true }),
      open({ viewport: DESKTOP }),
    ]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('the personal adviser starts the first pathway plan and sees its task list', async () => {
    await signInChecked(adviser, 'pa', checkDesktop);
    await visit(adviser, `/young-people/${cycle.youngPersonId}`);
    await checkDesktop(adviser);
    await press(adviser, 'Start the first pathway plan', /\/reviews\/[0-9a-f-]{36}$/);
    cycle.reviewPath = new URL(adviser.url()).pathname;
    cycle.reviewId = cycle.reviewPath.split('/').pop()!;
    expect(await heading(adviser)).toContain('First pathway plan');
    expect(await adviser.locator('.govuk-task-list').isVisible()).toBe(true);
    const tasks = await adviser.locator('.govuk-task-list__link').allInnerTexts();
    expect(tasks[0]).toBe('Needs assessment: what was considered');
    expect(tasks).toContain(area('contingency').staffTitle);
    await checkDesktop(adviser);
  });

  it('a mistake on an area page shows the GOV.UK error summary, keeps what was typed, and passes axe', async () => {
    const education = area('education-and-training');
    await follow(adviser, education.staffTitle, `**${cycle.reviewPath}/areas/${education.id}`);
    expect(await heading(adviser)).toBe(education.staffTitle);
    await checkDesktop(adviser);
    await fillArea(adviser, education.staffTitle);
    // Two mistakes: a scale out of range, and a date that does not exist.
    await adviser.getByLabel('Your scale, 0 to 10').fill('11');
    await adviser.locator('#actions-0-byWhen-day').fill('31');
    await adviser.locator('#actions-0-byWhen-month').fill('2');
    await adviser.getByRole('button', { name: 'Save and continue' }).click();
    await adviser.locator('.govuk-error-summary').waitFor();
    expect(await adviser.title()).toMatch(/^Error: /);
    const summary = adviser.locator('.govuk-error-summary');
    await expect
      .poll(() => adviser.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false), {
        message: 'focus moves to the error summary',
      })
      .toBe(true);
    const problems = await summary
      .locator('a')
      .evaluateAll((as) => as.map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') })));
    expect(problems.map((p) => p.text)).toEqual([
      'Scale must be a number from 0 to 10',
      'The date must be a real date',
    ]);
    expect(problems[0].href).toBe('#workerScale');
    // GOV.UK date inputs: the summary links to the day box (as the paper-signature date does), not the wrapper.
    expect.soft(problems[1].href, 'the date error links to its first box').toBe('#actions-0-byWhen-day');
    expect(await adviser.locator('#workerScale-error').innerText()).toContain('Scale must be a number from 0 to 10');
    expect(await adviser.locator('#actions-0-byWhen-error').innerText()).toContain('The date must be a real date');
    // Each link in the summary takes you to its field.
    await summary.getByRole('link', { name: 'Scale must be a number from 0 to 10' }).click();
    await expect.poll(() => adviser.evaluate(() => document.activeElement?.id)).toBe('workerScale');
    await summary.getByRole('link', { name: 'The date must be a real date' }).click();
    expect
      .soft(await adviser.evaluate(() => document.activeElement?.id), 'the date link focuses the day box')
      .toBe('actions-0-byWhen-day');
    // What was typed is kept, the wrong answers too (soft, so one run reports every loss and the journey carries on).
    const kept = async (id: string) => adviser.locator(`#${id}`).inputValue();
    expect.soft(await kept('workerScale'), 'the wrong scale is shown again, as typed').toBe('11');
    expect
      .soft(
        [await kept('actions-0-byWhen-day'), await kept('actions-0-byWhen-month'), await kept('actions-0-byWhen-year')],
        'the impossible date is shown again, as typed',
      )
      .toEqual(['31', '2', '2027']);
    expect.soft(await kept('youngPersonScale')).toBe('6');
    expect.soft(await kept('assessmentOfNeed')).toBe(assessed(education.staffTitle));
    expect.soft(await kept('goal')).toBe(`Goal for ${education.staffTitle}`);
    expect.soft(await kept('actions-0-what')).toBe(actionFor(education.staffTitle));
    expect.soft(await kept('actions-0-whoKind')).toBe('young_person');
    expect.soft(await kept('actions-0-how')).toBe('With help from their adviser');
    await checkDesktop(adviser);
    // Put right and saved.
    await adviser.getByLabel('Your scale, 0 to 10').fill('5');
    await adviser.locator('#actions-0-byWhen-day').fill('1');
    await adviser.locator('#actions-0-byWhen-month').fill('3');
    await adviser.locator('#actions-0-byWhen-year').fill('2027');
    await press(adviser, 'Save and continue', onReview);
    expect(await banner(adviser)).toContain(`${education.staffTitle}: saved`);
    await checkDesktop(adviser);
  });

  it('the adviser fills the needs assessment and every area, then completes the outcomes form', async () => {
    await follow(adviser, 'Needs assessment: what was considered', `**${cycle.reviewPath}/needs-assessment`);
    await checkDesktop(adviser);
    const considerations = adviser.locator('form textarea');
    expect(await considerations.count()).toBeGreaterThanOrEqual(8);
    for (const [i, textarea] of (await considerations.all()).entries())
      await textarea.fill(`Considered with them, point ${i + 1}`);
    await press(adviser, 'Save and continue', onReview);
    expect(await banner(adviser)).toContain('Needs assessment: saved');
    await checkDesktop(adviser);

    const links = await adviser
      .locator('.govuk-task-list__link')
      .evaluateAll((as) => as.map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })));
    const areas = links.filter((l) => l.href.includes('/areas/') && !l.href.endsWith('/education-and-training'));
    expect(areas.length).toBeGreaterThanOrEqual(8);
    for (const link of areas) {
      await follow(adviser, link.text, `**${link.href}`);
      expect(await heading(adviser)).toBe(link.text);
      await checkDesktop(adviser);
      await fillArea(adviser, link.text);
      await press(adviser, 'Save and continue', onReview);
      expect(await banner(adviser), `saving ${link.text}`).toContain(`${link.text}: saved`);
      await checkDesktop(adviser);
    }
    // Every area is complete; the needs assessment has been started.
    const statuses = await adviser.locator('.govuk-task-list__item').evaluateAll((items) =>
      items.map((li) => ({
        task: (li.querySelector('.govuk-task-list__link')?.textContent ?? '').trim(),
        status: (li.querySelector('.govuk-task-list__status')?.textContent ?? '').trim(),
      })),
    );
    for (const s of statuses.slice(1))
      expect(s, `task list status of ${s.task}`).toEqual({ task: s.task, status: 'Completed' });
    await press(adviser, 'The outcomes form is complete', onReview);
    expect(await banner(adviser)).toContain('Outcomes form complete');
    expect(await adviser.locator('h1 .govuk-tag').innerText()).toBe('Planning with the young person');
    await checkDesktop(adviser);
  });

  it('on a 320 px phone, the young person writes in their own words in two areas', async () => {
    await signInChecked(phone, 'young_person', checkPhone);
    // On the phone the navigation folds behind the Menu button.
    await phone.getByRole('button', { name: 'Menu' }).click();
    await follow(phone, 'My plan', onMyPlan);
    expect(await heading(phone)).toBe('Your plan');
    await checkPhone(phone);
    for (const theirs of THEIR_AREAS) {
      const def = area(theirs.id);
      await follow(phone, def.youngPersonTitle, `**/my-plan/areas/${def.id}`);
      expect(await heading(phone)).toBe(def.youngPersonTitle);
      await checkPhone(phone);
      await phone.getByLabel('What is going well').fill(theirs.goingWell);
      await phone.getByLabel('What worries me').fill('Money, and bills');
      await phone.getByLabel('What I want').fill('To stay where I am');
      await phone.getByLabel('How are things going?').fill(theirs.scale);
      await press(phone, 'Save', onMyPlan);
      expect(await banner(phone)).toContain(`${def.youngPersonTitle}: saved`);
      const item = phone.locator('.app-plan-parts li', {
        has: phone.getByRole('link', { name: def.youngPersonTitle, exact: true }),
      });
      expect(await item.locator('.govuk-tag').innerText()).toBe('You wrote this');
      await checkPhone(phone);
    }
  });

  it('the adviser records how they took part, completes planning and sends the plan for signatures', async () => {
    await visit(adviser, cycle.reviewPath);
    await checkDesktop(adviser);
    await adviser.getByLabel('On their own phone, tablet or computer').check();
    await press(adviser, 'Save how they took part', onReview);
    expect(await banner(adviser)).toContain('How they took part: saved');
    await checkDesktop(adviser);
    await press(adviser, 'Planning with them is complete', onReview);
    expect(await banner(adviser)).toContain('Planning complete');
    await checkDesktop(adviser);
    await press(adviser, 'Send the plan for signatures', onReview);
    expect(await banner(adviser)).toContain('Sent for signatures');
    expect(await adviser.locator('h1 .govuk-tag').innerText()).toBe('Waiting for signatures');
    await checkDesktop(adviser);
  });

  it('the young person reads the whole plan on their phone and signs it; then the adviser signs', async () => {
    await youngPersonSigns();
    await adviserSigns();
  });

  it('the team manager finds the plan in Plans to approve and returns it with a reason; both see why', async () => {
    await signInChecked(manager, 'tm', checkDesktop);
    await follow(manager, 'Plans to approve', '**/approvals');
    expect(await heading(manager)).toBe('Plans to approve');
    await checkDesktop(manager);
    await Promise.all([manager.waitForURL(onReview), manager.locator(`table a[href="${cycle.reviewPath}"]`).click()]);
    expect(await manager.locator('h1 .govuk-tag').innerText()).toBe('Waiting for a manager to approve');
    await checkDesktop(manager);
    await manager.getByLabel('Or return it: what needs to change').fill(RETURN_REASON);
    await press(manager, 'Return the plan to the worker', onReview);
    expect(await banner(manager)).toContain('Plan returned to the worker');
    await checkDesktop(manager);

    await visit(adviser, cycle.reviewPath);
    expect(await adviser.locator('h1 .govuk-tag').innerText()).toBe('Returned by the manager');
    expect(await adviser.locator('.govuk-warning-text').innerText()).toContain(RETURN_REASON);
    await checkDesktop(adviser);

    await visit(phone, '/my-plan');
    expect(await phone.locator('.govuk-inset-text').innerText()).toBe(
      `The manager asked for changes: ${RETURN_REASON}`,
    );
    await checkPhone(phone);
  });

  it('the adviser adds a second contingency action; both sign again; the manager approves it as good', async () => {
    const contingency = area('contingency');
    await follow(adviser, contingency.staffTitle, `**${cycle.reviewPath}/areas/${contingency.id}`);
    await checkDesktop(adviser);
    expect(await adviser.locator('#contingency-0-what').inputValue()).toBe(FIRST_CONTINGENCY);
    await adviser.locator('#contingency-1-what').fill(SECOND_CONTINGENCY);
    await adviser.locator('#contingency-1-whoKind').selectOption('other');
    await adviser.locator('#contingency-1-whoName').fill('Aunt Jo');
    await adviser.locator('#contingency-1-howSoon').fill('Within a day');
    await press(adviser, 'Save and continue', onReview);
    expect(await banner(adviser)).toContain(`${contingency.staffTitle}: saved`);
    await checkDesktop(adviser);
    await press(adviser, 'Send the plan for signatures', onReview);
    expect(await banner(adviser)).toContain('Sent for signatures');
    await checkDesktop(adviser);

    await youngPersonSigns();
    await adviserSigns();

    await visit(manager, '/approvals');
    await checkDesktop(manager);
    await Promise.all([manager.waitForURL(onReview), manager.locator(`table a[href="${cycle.reviewPath}"]`).click()]);
    await checkDesktop(manager);
    await manager.getByRole('radio', { name: 'Good', exact: true }).check();
    await manager
      .getByLabel('Feedback for the worker')
      .fill('Clear actions with dates, and a contingency plan that will work. Well done.');
    await press(manager, 'Approve the plan', onReview);
    expect(await banner(manager)).toContain('Plan approved');
    expect(await manager.locator('h1 .govuk-tag').innerText()).toBe('Approved');
    await checkDesktop(manager);
  });

  it('the young person reads their approved plan on their phone and downloads it as a PDF', async () => {
    await visit(phone, '/my-plan');
    await checkPhone(phone);
    await follow(phone, 'See your plan', '**/my-plan/approved');
    expect(await heading(phone)).toBe('Your pathway plan');
    const page = await phone.locator('main').innerText();
    for (const theirs of THEIR_AREAS) expect(page).toContain(theirs.goingWell);
    expect(page).toContain(actionFor(area('education-and-training').staffTitle));
    expect(page).toContain(SECOND_CONTINGENCY);
    await checkPhone(phone);

    const dir = mkdtempSync(path.join(tmpdir(), 'pathway-plan-'));
    try {
      const textOf = (pdf: Buffer, name: string) => {
        expect(pdf.subarray(0, 5).toString('latin1'), `${name} is a PDF`).toBe('%PDF-');
        const file = path.join(dir, name);
        writeFileSync(file, pdf);
        return execFileSync(PDFTOTEXT, [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      };
      // The whole plan, downloaded as a person would.
      const [download] = await Promise.all([
        phone.waitForEvent('download'),
        phone.getByRole('link', { name: 'Download your whole plan' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const whole = textOf(readFileSync(await download.path()), 'whole.pdf');
      expect(whole).toContain(area('education-and-training').youngPersonTitle);
      expect(whole).toContain(actionFor(area('education-and-training').staffTitle));
      expect(whole).toContain(FIRST_CONTINGENCY);
      expect(whole).toContain(SECOND_CONTINGENCY);
      expect(whole).toContain(assessed(area('education-and-training').staffTitle));
      // Only the goals and actions: fetched with the page's own cookies.
      const href = await phone.getByRole('link', { name: 'Download your goals and actions' }).getAttribute('href');
      const response = await phone.request.get(href!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      const planning = textOf(await response.body(), 'planning.pdf');
      expect(planning).toContain(actionFor(area('education-and-training').staffTitle));
      expect(planning).toContain(SECOND_CONTINGENCY);
      expect(planning).not.toContain('Assessed need for');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The young person, on their phone: reads the whole plan from My plan, then signs it. */
async function youngPersonSigns() {
  await visit(phone, '/my-plan');
  expect(await phone.locator('.govuk-tag').first().innerText()).toBe('Ready for you to read and sign');
  await checkPhone(phone);
  await follow(phone, 'Read the whole plan', `**${cycle.reviewPath}/read`);
  const plan = await phone.locator('main').innerText();
  for (const theirs of THEIR_AREAS) expect(plan).toContain(theirs.goingWell);
  expect(plan).toContain(actionFor(area('education-and-training').staffTitle));
  await checkPhone(phone);
  await follow(phone, 'Back', onMyPlan);
  await press(phone, 'I agree: sign my plan', onMyPlan);
  expect(await banner(phone)).toContain('You have signed your plan');
  await checkPhone(phone);
}

async function adviserSigns() {
  await visit(adviser, cycle.reviewPath);
  await checkDesktop(adviser);
  await press(adviser, 'Sign the plan as their worker', onReview);
  expect(await banner(adviser)).toContain('You have signed the plan');
  expect(await adviser.locator('h1 .govuk-tag').innerText()).toBe('Waiting for a manager to approve');
  await checkDesktop(adviser);
}
