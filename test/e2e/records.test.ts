// Issue 11 §1 in a browser on a phone-sized screen with JavaScript switched off: a team manager adds a
// young person (after a form sent with mistakes), adds their care history, allocates a personal adviser,
// opens the team move, details and caseload pages. Every page passes axe and fits 320 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { allocations, careEpisodes, youngPeople } from '../../src/data/schema.ts';
import { staffByLocal } from '../support/app.ts';
import * as browsers from '../support/browser.ts';

let server: browsers.TestServer;
let browser: Browser;

beforeAll(async () => {
  ({ server, browser } = await browsers.startServerAndBrowser({ youngPeople: 30 }));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Checks the page as everyone meets it: no axe violations, nothing wider than the screen. */
async function checked(page: Page) {
  await browsers.expectNoAxeViolationsWithoutJs(page);
  await browsers.expectNoHorizontalScroll(page);
}

async function fillDate(page: Page, name: string, day: string, month: string, year: string) {
  await page.locator(`#${name}-day`).fill(day);
  await page.locator(`#${name}-month`).fill(month);
  await page.locator(`#${name}-year`).fill(year);
}

async function press(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForLoadState('load');
}

browsers.describeBrowser('a team manager adds a young person and allocates them, without JavaScript', () => {
  it('adds, records care history, allocates; every page passes axe at 320 px', async () => {
    const { rows } = server;
    const tm = staffByLocal(rows, 'tm');
    const teamName = rows.teams.find((t) => t.id === tm.teamId)!.name;
    const adviser = rows.staff.find(
      (s) => s.role === 'personal_adviser' && s.teamId === tm.teamId && s.active !== false,
    )!;
    const context = await browsers.newContext(browser, server, { viewport: browsers.PHONE, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await browsers.signInAs(page, rows, 'tm');
      await browsers.visit(page, '/team');
      await page.getByRole('link', { name: 'Add a young person' }).click();
      await page.waitForLoadState('load');
      await checked(page);

      // Sent with mistakes: the error summary, and what was typed kept.
      await page.getByLabel('Given name').fill('Rosa');
      await page.getByLabel('Unique pupil number (UPN, optional)').fill('A801200001001');
      await press(page, 'Add young person');
      expect(await page.title()).toMatch(/^Error: /);
      const summary = await page.locator('.govuk-error-summary').innerText();
      expect(summary).toContain('Enter their family name');
      expect(summary).toContain('Enter a real UPN');
      expect(await page.getByLabel('Given name').inputValue()).toBe('Rosa');
      await checked(page);

      await page.getByLabel(teamName).check();
      await page.getByLabel('Family name').fill('Mendes');
      await page.getByLabel('Female').check();
      await page.getByLabel('Unique pupil number (UPN, optional)').fill('H801200001001');
      await page
        .getByRole('group', { name: 'Are they an unaccompanied asylum-seeking child?' })
        .getByLabel('No')
        .check();
      await page.getByRole('group', { name: 'Do they need an interpreter?' }).getByLabel('No').check();
      await fillDate(page, 'dateOfBirth', '1', '3', '2010');
      await page.getByRole('group', { name: 'Does this date come from an age assessment?' }).getByLabel('No').check();
      await press(page, 'Add young person');
      expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Young person added');
      const id = new URL(page.url()).pathname.split('/').pop()!;
      await checked(page);

      await page.getByRole('link', { name: 'Every detail of their care history, and changes' }).click();
      await page.waitForLoadState('load');
      await checked(page);
      await fillDate(page, 'startDate', '6', '1', '2020');
      await page.getByLabel('Why did this period start? (RNE)').selectOption('S');
      await page.getByLabel('Legal status (LS)').selectOption('C2');
      await page.getByLabel('Category of need (CIN)').selectOption('N1');
      await page.getByLabel('Placement (PLACE)').selectOption('U4');
      await page.getByLabel('Who provides the placement (PLACE_PROVIDER)').selectOption('PR1');
      await page.getByLabel('Placement postcode (PL_POST, optional)').fill('m1 1ae');
      await press(page, 'Add period of care');
      // Eligible now, with no adviser: the record says one is due.
      expect(await page.locator('main').innerText()).toContain('Allocate a personal adviser');

      await page.getByRole('link', { name: 'Change allocation or team, and team history' }).click();
      await page.waitForLoadState('load');
      await checked(page);
      await page.getByRole('link', { name: 'Change personal adviser' }).click();
      await page.waitForLoadState('load');
      await checked(page);
      await page.getByLabel(`Personal adviser in ${teamName}`).selectOption(adviser.id);
      await fillDate(page, 'startDate', '2', '11', '2026');
      await press(page, 'Allocate');
      expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
        'Personal adviser allocated',
      );
      await checked(page);

      await browsers.visit(page, `/young-people/${id}/team`);
      await checked(page);
      await browsers.visit(page, `/young-people/${id}/details`);
      await checked(page);
      await browsers.visit(page, `/team/caseloads?team=${tm.teamId}`);
      expect(await page.locator('main').innerText()).toContain(adviser.displayName);
      await checked(page);

      // Close the case (a mistake first), see it read-only with its history, then reopen it (issue 11 §3).
      await browsers.visit(page, `/young-people/${id}/close`);
      await checked(page);
      await press(page, 'Close the case');
      expect(await page.locator('.govuk-error-summary').innerText()).toContain('Select why the case is closing');
      await checked(page);
      await page.getByLabel('Other', { exact: true }).check();
      await page.locator('#details').fill('Moved abroad with family');
      await fillDate(page, 'on', '3', '11', '2026');
      await press(page, 'Close the case');
      expect(await page.locator('main').innerText()).toContain('The record is read-only until the case is reopened');
      await checked(page);
      await page.getByRole('link', { name: 'Reopen the case' }).click();
      await page.waitForLoadState('load');
      await checked(page);
      await page.locator('#details').fill('Came back to the area');
      await fillDate(page, 'on', '4', '11', '2026');
      await press(page, 'Reopen the case');
      expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Case reopened');
      await checked(page);

      const db = server.testApp.db;
      const [person] = await db.system((tx) => tx.select().from(youngPeople).where(eq(youngPeople.id, id)));
      expect(person).toMatchObject({ givenName: 'Rosa', familyName: 'Mendes', personalAdviserId: adviser.id });
      const episodes = await db.system((tx) =>
        tx.select().from(careEpisodes).where(eq(careEpisodes.youngPersonId, id)),
      );
      expect(episodes).toMatchObject([{ categoryOfNeed: 'N1', placementPostcode: 'M1 1AE' }]);
      const held = await db.system((tx) => tx.select().from(allocations).where(eq(allocations.youngPersonId, id)));
      expect(held).toMatchObject([{ staffId: adviser.id, startDate: '2026-11-02', endDate: null }]);
    } finally {
      await context.close();
    }
  });
});
