// Issue 10 §3 and §4 in a browser with JavaScript switched off: a worker marks a case-file-audit
// follow-up action and a quality action done from their home page. Each page passes axe; the action
// leaves the home page and is recorded as done by them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { auditFollowUps } from '../../src/data/audit-schema.ts';
import { planVersions, qualityActions } from '../../src/data/schema.ts';
import { addAuditFollowUp, addQualityAction } from '../support/factories.ts';
import { staffByLocal, TODAY } from '../support/app.ts';
import * as browsers from '../support/browser.ts';

let server: browsers.TestServer;
let browser: Browser;
const AUDIT_ACTION = 'Write the weekly amounts into the plan';
const QUALITY_ACTION = 'Put their own words in the health section';
let followUpId = '';
let actionId = '';

beforeAll(async () => {
  ({ server, browser } = await browsers.startServerAndBrowser({ youngPeople: 30 }));
  const { rows, testApp } = server;
  const pa = staffByLocal(rows, 'pa');
  const tm = staffByLocal(rows, 'tm');
  const sm = staffByLocal(rows, 'sm');
  const councilId = rows.council.id;
  // One of the adviser's young people with an approved plan: an auditor and a manager have judged it.
  const yp = rows.youngPeople.find(
    (y) => y.personalAdviserId === pa.id && rows.planVersions.some((v) => v.youngPersonId === y.id),
  )!;
  await testApp.db.system(async (tx) => {
    const [plan] = await tx.select().from(planVersions).where(eq(planVersions.youngPersonId, yp.id));
    const on = { councilId, youngPersonId: yp.id, plan, dueOn: TODAY };
    ({ followUpId } = await addAuditFollowUp(tx, {
      ...on,
      auditorId: sm.id,
      teamId: pa.teamId,
      workerId: pa.id,
      text: AUDIT_ACTION,
    }));
    actionId = await addQualityAction(tx, {
      ...on,
      judgedBy: tm.id,
      workerId: pa.id,
      text: QUALITY_ACTION,
      grade: 'requires_improvement',
    });
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Presses the "Mark done" button of an action (its hidden text names it); the server answers with the home page. */
async function markDone(page: Page, action: string): Promise<void> {
  await page.getByRole('button', { name: action }).click();
  await page.waitForLoadState('load');
}

browsers.describeBrowser('a worker marks their actions done from their home page, without JavaScript', () => {
  it('marks the case-file audit follow-up and the quality action done; each page passes axe at 320 px', async () => {
    const context = await browsers.newContext(browser, server, { viewport: browsers.PHONE, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await browsers.signInAs(page, server.rows, 'pa');
      await browsers.visit(page, '/');
      expect(await page.locator('[data-audit-follow-ups]').innerText()).toContain(AUDIT_ACTION);
      expect(await page.locator('[data-quality-actions]').innerText()).toContain(QUALITY_ACTION);
      await browsers.expectNoAxeViolationsWithoutJs(page);
      await browsers.expectNoHorizontalScroll(page);

      await markDone(page, AUDIT_ACTION);
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain(
        'Follow-up action marked done',
      );
      expect(await page.getByText(AUDIT_ACTION).count()).toBe(0);
      await browsers.expectNoAxeViolationsWithoutJs(page);

      await markDone(page, QUALITY_ACTION);
      expect(await page.locator('.govuk-notification-banner--success').innerText()).toContain('Action marked done');
      expect(await page.getByText(QUALITY_ACTION).count()).toBe(0);
      await browsers.expectNoAxeViolationsWithoutJs(page);
      await browsers.expectNoHorizontalScroll(page);
    } finally {
      await context.close();
    }
    const pa = staffByLocal(server.rows, 'pa').id;
    const [followUp, action] = await server.testApp.db.system(async (tx) => [
      (await tx.select().from(auditFollowUps).where(eq(auditFollowUps.id, followUpId)))[0],
      (await tx.select().from(qualityActions).where(eq(qualityActions.id, actionId)))[0],
    ]);
    expect(followUp).toMatchObject({ doneBy: pa });
    expect(followUp.doneAt).not.toBeNull();
    expect(action).toMatchObject({ doneBy: pa });
    expect(action.doneAt).not.toBeNull();
  });
});
