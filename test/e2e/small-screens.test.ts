// On small screens: tables stack into cards on a 320 px phone without a screen reader hearing each
// cell's label twice, and the sign-out warning fits a 320 × 256 screen (a phone on its side, or 400 %
// zoom) with both its buttons reachable; the SSDA903 return page fits and downloads the chosen year.
// Each page visited passes axe.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  describeBrowser,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  expectNoHorizontalScroll,
  newContext,
  PHONE,
  signInAs,
  startServerAndBrowser,
  visit,
  type TestServer,
} from '../support/browser.ts';

let server: TestServer;
let browser: Browser;

/** What a screen reader gets for each cell of the page's first table: its role and accessible text. */
async function cellsAsRead(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: {
      role?: { value: string };
      name?: { value: string };
      ignored: boolean;
      childIds?: string[];
      nodeId: string;
    }[];
  };
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const text = (id: string): string => {
    const n = byId.get(id);
    if (!n) return '';
    if (n.role?.value === 'StaticText') return n.name?.value ?? '';
    return (n.childIds ?? []).map(text).join(' ');
  };
  await cdp.detach();
  return nodes
    .filter((n) => !n.ignored && ['cell', 'gridcell', 'columnheader'].includes(n.role?.value ?? ''))
    .map((n) => ({ role: n.role!.value, text: text(n.nodeId).replace(/\s+/g, ' ').trim() }));
}

describeBrowser('small screens', () => {
  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser({ youngPeople: 40 }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('on a 320 px phone a stacked table keeps its headers, and each cell is read without its label again', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'pa');
    await visit(page, '/caseload');
    await expectNoAxeViolations(page);
    // The label is on screen, above each value.
    const shown = await page
      .locator('.app-table--responsive td[data-label]')
      .first()
      .evaluate((td) => getComputedStyle(td, '::before').content);
    expect(shown).toContain('Name');
    const cells = await cellsAsRead(page);
    const headers = cells.filter((c) => c.role === 'columnheader').map((c) => c.text);
    expect(headers.length, 'the table is still a table to a screen reader, with its column headers').toBeGreaterThan(1);
    const data = cells.filter((c) => c.role !== 'columnheader');
    expect(data.length).toBeGreaterThan(headers.length);
    const repeated = data.filter((c) => headers.some((h) => c.text.startsWith(`${h} `) || c.text === h));
    expect(repeated, 'cells whose read text starts with their column label').toEqual([]);
    await context.close();
  });

  it('on a 320 px phone a long email address breaks inside its card rather than widening the page', async () => {
    const { testApp, rows } = server;
    const email = `alexandra.montgomeryfitzwilliams.childrenleavingcare@${rows.council.slug}.example.gov.uk`;
    await testApp.db.system((tx) =>
      tx.execute(sql`INSERT INTO staff (council_id, email, display_name, role, password_hash)
        VALUES (${rows.council.id}, ${email}, 'Alexandra Montgomery-Fitzwilliams', 'personal_adviser', NULL)`),
    );
    const context = await newContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInAs(page, rows, 'admin');
    await visit(page, '/admin/staff');
    await expect(page.getByText(email).count()).resolves.toBe(1);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('the sign-out warning fits a 320 × 256 screen, and both its buttons can be reached', async () => {
    const context = await newContext(browser, server, {
      viewport: { width: 320, height: 256 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'young_person');
    // Open the warning as its timer would.
    await page.evaluate(() => (document.getElementById('timeout-warning') as HTMLDialogElement).showModal());
    const dialog = page.locator('#timeout-warning');
    const box = (await dialog.boundingBox())!;
    expect(box.y, 'top on screen').toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, 'bottom on screen').toBeLessThanOrEqual(256);
    expect(box.x + box.width, 'right edge on screen').toBeLessThanOrEqual(320);
    for (const name of ['Stay signed in', 'Sign out']) {
      const button = dialog.getByRole('button', { name });
      await button.focus();
      const b = (await button.boundingBox())!;
      expect(b.y, `${name} in view`).toBeGreaterThanOrEqual(0);
      expect(b.y + b.height, `${name} in view`).toBeLessThanOrEqual(256);
    }
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('on a 320 px phone a service manager chooses the year of the SSDA903 return and downloads its ZIP', async () => {
    const context = await newContext(browser, server, { viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signInAs(page, server.rows, 'sm');
    await visit(page, '/returns/ssda903');
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await expectNoAxeViolationsWithoutJs(page);
    await page.getByLabel('Collection year').selectOption('2025');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the return (ZIP)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ssda903-2025.zip');
    await context.close();
  });
});
