// Case-file audits (issue 10 §4) in a browser: the rounds list, the draw form (empty and with errors),
// a round with its auditors, the audit form (empty and with errors) and the summary. Every page passes
// axe and does not scroll sideways on a 320 px phone; the draw, auditor and audit forms work with
// JavaScript off.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AUDIT_CHECKLIST } from '../../src/domain/audit/index.ts';
import { staffByLocal, TODAY } from '../support/app.ts';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  expectNoHorizontalScroll,
  heading,
  newContext,
  PHONE,
  signInAs,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';

let server: TestServer;
let browser: Browser;

/** The period the HTTP tests sample from: two years up to the test clock's today. */
const PERIOD = {
  'from-day': '23',
  'from-month': '11',
  'from-year': '2024',
  'to-day': String(Number(TODAY.slice(8))),
  'to-month': String(Number(TODAY.slice(5, 7))),
  'to-year': TODAY.slice(0, 4),
};

async function fillPeriod(page: Page): Promise<void> {
  for (const [name, value] of Object.entries(PERIOD)) await page.fill(`input[name="${name}"]`, value);
}

const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText();
const errorSummary = (page: Page) => page.locator('.govuk-error-summary').innerText();

/** Submits the form the button belongs to and waits for the page the server answers with. */
async function press(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button }).click()]);
}

/** Draws a sample, assigns its first plan to the service manager, and gives the round's and the item's paths. */
async function drawAndAssign(page: Page): Promise<{ roundPath: string; itemPath: string }> {
  await visit(page, '/audits/draw');
  await fillPeriod(page);
  await page.fill('input[name="size"]', '3');
  await press(page, 'Draw the sample');
  expect(new URL(page.url()).pathname).toMatch(/^\/audits\/rounds\/[^/]+$/);
  expect(await banner(page)).toContain('Sample drawn');
  const roundPath = new URL(page.url()).pathname;
  await page.locator('select[name^="auditor-"]').first().selectOption(staffByLocal(server.rows, 'sm').id);
  await press(page, 'Save auditors');
  expect(await banner(page)).toContain('Auditors saved');
  const link = page.locator('table a[href^="/audits/items/"]').first();
  const itemPath = (await link.getAttribute('href'))!;
  return { roundPath, itemPath };
}

/** Answers every question "Met" and grades the plan "Good". */
async function answerAll(page: Page): Promise<void> {
  for (const c of AUDIT_CHECKLIST) await page.check(`input[name="answer-${c.id}"][value="met"]`);
  await page.check('input[name="grade"][value="good"]');
}

describeBrowser('case-file audits', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 60 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('on a 320 px phone every /audits page and its errors pass axe and do not scroll sideways', async () => {
    // A plain 320 px viewport, not mobile emulation: with `isMobile` Chromium widens the layout to fit
    // wide content, so a page that scrolls sideways passes the check (seen with a 600 px element).
    const context = await newContext(browser, server, { viewport: PHONE });
    const page = await context.newPage();
    const check = async () => {
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
    };
    await signInAs(page, server.rows, 'sm');

    await visit(page, '/audits');
    expect(await heading(page)).toBe('Case-file audits');
    await check();
    await visit(page, '/audits/summary');
    await check();

    await visit(page, '/audits/draw');
    await check();
    await page.fill('input[name="size"]', '0');
    await page.fill('input[name="from-month"]', '13');
    await press(page, 'Draw the sample');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await errorSummary(page)).toContain('How many plans must be a whole number from 1 to 100');
    await check();

    const { roundPath, itemPath } = await drawAndAssign(page);
    await check();

    await visit(page, itemPath);
    expect(await heading(page)).toBe('Case-file audit');
    await check();
    await press(page, 'Record the audit');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await errorSummary(page)).toContain('Select an answer for question 1');
    await check();

    await answerAll(page);
    await press(page, 'Record the audit');
    expect(new URL(page.url()).pathname).toBe(roundPath);
    expect(await banner(page)).toContain('Audit recorded');
    await check();

    for (const path of ['/audits', '/audits/summary', itemPath]) {
      await visit(page, path);
      await check();
    }
    await context.close();
  });

  it('on a desktop the same pages pass axe', async () => {
    const context = await newContext(browser, server);
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');
    const { itemPath } = await drawAndAssign(page);
    await expectNoAxeViolations(page);
    for (const path of ['/audits', '/audits/draw', itemPath, '/audits/summary']) {
      await visit(page, path);
      await expectNoAxeViolations(page);
    }
    await visit(page, itemPath);
    await press(page, 'Record the audit');
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('without JavaScript a manager draws a sample, assigns it and records an audit', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');

    await visit(page, '/audits/draw');
    await press(page, 'Draw the sample');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await errorSummary(page)).toContain('Enter the first day of the period');
    await expectNoAxeViolationsWithoutJs(page);
    await expectNoHorizontalScroll(page);

    const { roundPath, itemPath } = await drawAndAssign(page);
    await expectNoAxeViolationsWithoutJs(page);

    await visit(page, itemPath);
    await page.check(`input[name="answer-${AUDIT_CHECKLIST[0].id}"][value="not_met"]`);
    await press(page, 'Record the audit');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await errorSummary(page)).toContain('Enter a note saying what is missing for question 1');
    // What was chosen is kept.
    expect(await page.isChecked(`input[name="answer-${AUDIT_CHECKLIST[0].id}"][value="not_met"]`)).toBe(true);
    await expectNoAxeViolationsWithoutJs(page);
    await expectNoHorizontalScroll(page);

    await answerAll(page);
    await page.fill('textarea[name="followUp1Text"]', 'Write the weekly amounts into the plan');
    await page.fill('input[name="followUp1Due-day"]', '10');
    await page.fill('input[name="followUp1Due-month"]', '12');
    await page.fill('input[name="followUp1Due-year"]', '2026');
    await press(page, 'Record the audit');
    expect(new URL(page.url()).pathname).toBe(roundPath);
    expect(await banner(page)).toContain('Audit recorded');

    await visit(page, '/audits/summary');
    const round = page.locator(`section[data-round="${roundPath.split('/').pop()}"]`);
    expect(await round.locator('caption').innerText()).toMatch(/^Sample drawn on /);
    await expectNoAxeViolationsWithoutJs(page);
    await expectNoHorizontalScroll(page);
    await context.close();
  });
});
