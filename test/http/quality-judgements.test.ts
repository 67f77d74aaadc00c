// Issue 10, part 3: quality judgements of approved plans. A team manager or IRO grades a plan on the
// Ofsted scale with what is good, what must improve and actions for the worker; the worker sees the
// actions on their home page and marks them done; every judgement is kept; refusals are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, qualityActions, qualityJudgements, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addReview, addYoungPerson } from '../support/factories.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
let other: CouncilRows;
let pa: Agent;
let tm: Agent;
let sw: Agent;
let otherTm: Agent;
let iro: Agent;
let sm: Agent;
let yp: { id: string; givenName: string; familyName: string };
let planUrl = '';
let formUrl = '';

/** A young person of the PA's (in the TM's team), or of another adviser's, with an approved first plan. */
async function withApprovedPlan(familyName: string, adviser = staffByLocal(rows, 'pa')) {
  const person = await addYoungPerson(t.db, rows, {
    personalAdviserId: adviser.id,
    teamId: adviser.teamId!,
    dateOfBirth: '2009-02-01',
    familyName,
    episodes: [{ start: '2021-01-01' }],
  });
  await addReview(t.db, rows, {
    youngPersonId: person.id,
    adviserId: adviser.id,
    managerId: staffByLocal(rows, 'tm').id,
    stage: 'approved',
    on: '2026-11-20',
  });
  return person;
}

const judgementsOf = (youngPersonId: string) =>
  t.db.system((tx) => tx.select().from(qualityJudgements).where(eq(qualityJudgements.youngPersonId, youngPersonId)));
const actionsOf = (youngPersonId: string) =>
  t.db.system((tx) => tx.select().from(qualityActions).where(eq(qualityActions.youngPersonId, youngPersonId)));
const auditRows = (actorId: string, action: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, actorId), eq(auditEvents.action, action))),
  );

const judgement = (overrides: Record<string, string> = {}) => ({
  grade: 'requires_improvement',
  whatIsGood: 'Her own words are in every area.',
  whatMustImprove: 'The contingency plan needs real actions.',
  action1Text: 'Add real contingency actions',
  action1Worker: staffByLocal(rows, 'pa').id,
  'action1Due-day': '10',
  'action1Due-month': '12',
  'action1Due-year': '2026',
  action2Text: 'Agree the money arrangements with her',
  action2Worker: staffByLocal(rows, 'pa').id,
  'action2Due-day': '20',
  'action2Due-month': '12',
  'action2Due-year': '2026',
  ...overrides,
});

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 30 });
  other = await buildCouncil(t.db, { youngPeople: 10 });
  pa = new Agent(t.app, '10.61.0.1');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  tm = new Agent(t.app, '10.61.0.2');
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
  sw = new Agent(t.app, '10.61.0.3');
  await sw.signIn(signInFor(rows, 'sw'), PASSWORD);
  otherTm = new Agent(t.app, '10.61.0.4');
  await otherTm.signIn(signInFor(other, 'tm'), PASSWORD);
  iro = new Agent(t.app, '10.61.0.5');
  await iro.signIn(signInFor(rows, 'iro'), PASSWORD);
  sm = new Agent(t.app, '10.61.0.6');
  await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
  yp = await withApprovedPlan('Judged');
  planUrl = `/young-people/${yp.id}/plans/1`;
  formUrl = `${planUrl}/quality`;
}, 60_000);
afterAll(() => t.close());

describe('a team manager judges a plan', () => {
  it('offers the form from the plan page, with the Ofsted grades, the adviser chosen and the automated checks beside', async () => {
    const plan = await tm.get(planUrl);
    expect(plan.statusCode).toBe(200);
    expect(words(plan.body)).toContain('This plan has not been judged yet.');
    expect(plan.body).toContain(`href="${formUrl}"`);
    const form = await tm.get(formUrl);
    expect(form.statusCode).toBe(200);
    const text = words(form.body);
    for (const grade of ['Outstanding', 'Good', 'Requires improvement to be good', 'Inadequate'])
      expect(text).toContain(grade);
    expect(form.body).toMatch(
      new RegExp(`<option value="${staffByLocal(rows, 'pa').id}" selected>${staffByLocal(rows, 'pa').displayName}`),
    );
    expect(form.body).toContain('data-evidence');
    expect(text).toContain('Automated checks');
  });

  it('records a judgement with two actions, and the plan page shows it', async () => {
    await tm.get(formUrl);
    const saved = await tm.post(formUrl, judgement());
    expect(saved.statusCode).toBe(303);
    expect(String(saved.headers.location)).toMatch(new RegExp(`^${planUrl}\\?done=`));
    const page = await tm.get(String(saved.headers.location));
    const latest = words(/data-latest-judgement>([\s\S]*?)<\/div>\s*(?:<p|<\/section)/.exec(page.body)?.[1] ?? '');
    expect(latest).toContain('Requires improvement to be good');
    expect(latest).toContain('The contingency plan needs real actions.');
    expect(latest).toContain('Add real contingency actions');
    expect(latest).toContain('10 December 2026');
    expect(words(page.body)).toContain('Quality judgement recorded');
    const [row] = await judgementsOf(yp.id);
    expect(row).toMatchObject({ grade: 'requires_improvement', planVersion: 1, judgedBy: staffByLocal(rows, 'tm').id });
    expect(await actionsOf(yp.id)).toHaveLength(2);
    const [audit] = await auditRows(staffByLocal(rows, 'tm').id, 'quality.judge');
    expect(audit).toMatchObject({ outcome: 'allowed', youngPersonId: yp.id, entityId: row.planVersionId });
    expect(audit.details).toMatchObject({ version: 1, judgementId: row.id, grade: 'requires_improvement' });
    expect((await auditRows(staffByLocal(rows, 'tm').id, 'quality.view')).length).toBeGreaterThan(0);
    // The page reads the plan and its judgements in one transaction: its two audit rows carry that
    // transaction's one start time (now()), where two transactions would give two.
    const audits = await auditRowsOf(t.db, page);
    expect(audits.map((a) => a.action).sort()).toEqual(['plan.view', 'quality.view']);
    const starts = await t.db.system((tx) =>
      tx
        .select({ n: sql<number>`count(DISTINCT ${auditEvents.occurredAt})`.mapWith(Number) })
        .from(auditEvents)
        .where(eq(auditEvents.requestId, String(page.headers['x-request-id']))),
    );
    expect(starts).toEqual([{ n: 1 }]);
    expect(audits.find((a) => a.action === 'quality.view')?.details).toMatchObject({ version: 1, judgements: 1 });
  });

  it('the worker sees both actions on their home page and marks one done', async () => {
    const home = await pa.get('/');
    const list = /data-quality-actions>([\s\S]*?)<\/div>/.exec(home.body)?.[1] ?? '';
    const listed = words(list);
    expect(listed).toContain('Add real contingency actions');
    expect(listed).toContain('Agree the money arrangements with her');
    expect(listed).toContain(yp.familyName);
    expect(listed).not.toContain('Overdue');

    const [first] = (await actionsOf(yp.id)).filter((a) => a.position === 1);
    const done = await pa.post(`/quality-actions/${first.id}/done`, {});
    expect(done.statusCode).toBe(303);
    const after = await pa.get(String(done.headers.location));
    expect(words(after.body)).toContain('Action marked done');
    const left = words(/data-quality-actions>([\s\S]*?)<\/div>/.exec(after.body)?.[1] ?? '');
    expect(left).not.toContain('Add real contingency actions');
    expect(left).toContain('Agree the money arrangements with her');

    const [row] = (await actionsOf(yp.id)).filter((a) => a.position === 1);
    expect(row.doneBy).toBe(staffByLocal(rows, 'pa').id);
    expect(row.doneAt).not.toBeNull();
    const [audit] = await auditRows(staffByLocal(rows, 'pa').id, 'quality-action.done');
    expect(audit).toMatchObject({ outcome: 'allowed', youngPersonId: yp.id, entityId: first.id });
  });

  it('a second judgement of the same plan is a new row: the page shows the latest and the earlier one in the history', async () => {
    t.clock.advance(60_000);
    await tm.get(formUrl);
    const saved = await tm.post(
      formUrl,
      judgement({
        grade: 'good',
        whatMustImprove: 'Keep the money plan up to date.',
        action1Text: '',
        'action1Due-day': '',
        'action1Due-month': '',
        'action1Due-year': '',
        action2Text: '',
        'action2Due-day': '',
        'action2Due-month': '',
        'action2Due-year': '',
      }),
    );
    expect(saved.statusCode).toBe(303);
    const rowsNow = await judgementsOf(yp.id);
    expect(rowsNow.map((r) => r.grade).sort()).toEqual(['good', 'requires_improvement']);
    const page = await tm.get(planUrl);
    const latest = words(/data-latest-judgement>([\s\S]*?)<\/div>\s*(?:<p|<\/section)/.exec(page.body)?.[1] ?? '');
    expect(latest).toContain('Good');
    expect(latest).toContain('Keep the money plan up to date.');
    const history = words(/data-judgement-history>([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '');
    expect(history).toContain('Requires improvement to be good');
    expect(history).toContain('The contingency plan needs real actions.');
    // The earlier judgement's actions are kept: the one still open stays on the worker's list.
    expect(await actionsOf(yp.id)).toHaveLength(2);
  });
});

describe('bad input', () => {
  it('gives the GOV.UK error summary, links each message to its field and keeps what was typed', async () => {
    await tm.get(formUrl);
    const before = (await judgementsOf(yp.id)).length;
    const response = await tm.post(
      formUrl,
      judgement({
        grade: '',
        whatIsGood: '',
        whatMustImprove: 'Typed words kept',
        'action1Due-day': '31',
        'action1Due-month': '2',
        'action1Due-year': '2027',
        action2Text: 'Too late already',
        'action2Due-day': '22',
        'action2Due-month': '11',
        'action2Due-year': '2026',
      }),
    );
    expect(response.statusCode).toBe(400);
    const html = response.body;
    expect(html).toMatch(/<title>\s*Error: /);
    expect(html).toContain('There is a problem');
    expect(html).toContain('href="#grade"');
    expect(html).toContain('href="#whatIsGood"');
    expect(html).toContain('href="#action1Due-day"');
    expect(html).toContain('href="#action2Due-day"');
    const text = words(html);
    expect(text).toContain('Select a grade');
    expect(text).toContain('The date action 1 is due must be a real date');
    expect(text).toContain('The date action 2 is due must be today or in the future');
    expect(html).toContain('Typed words kept');
    expect(html).toContain('Too late already');
    expect(html).toMatch(/name="action1Due-day" type="text" value="31"|value="31"/);
    expect((await judgementsOf(yp.id)).length).toBe(before);
  });

  it('a plan that is not yet good needs at least one action', async () => {
    await tm.get(formUrl);
    const blank = { action1Text: '', 'action1Due-day': '', 'action1Due-month': '', 'action1Due-year': '' };
    const response = await tm.post(
      formUrl,
      judgement({
        grade: 'inadequate',
        ...blank,
        action2Text: '',
        'action2Due-day': '',
        'action2Due-month': '',
        'action2Due-year': '',
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(words(response.body)).toContain('Enter at least one action for the worker when the plan is not yet good');
  });
});

describe('who may judge, read and mark done', () => {
  it('a personal adviser sees the judgement but cannot judge: no link, and 403 for the form and the save, audited', async () => {
    const plan = await pa.get(planUrl);
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('data-latest-judgement');
    expect(plan.body).not.toContain(`href="${formUrl}"`);
    expect((await pa.get(formUrl)).statusCode).toBe(403);
    const before = (await judgementsOf(yp.id)).length;
    const posted = await pa.post(formUrl, judgement(), { csrf: await pa.csrf('/') });
    expect(posted.statusCode).toBe(403);
    expect((await judgementsOf(yp.id)).length).toBe(before);
    const refused = (await auditRows(staffByLocal(rows, 'pa').id, 'quality.judge')).filter(
      (r) => r.outcome === 'denied',
    );
    expect(refused.length).toBe(2);
    expect(refused[0].youngPersonId).toBe(yp.id);
  });

  it('a team manager allocated to a case in another team may read it but not judge its plan (canJudgePlan), audited', async () => {
    const manager = staffByLocal(rows, 'tm');
    const adviser = rows.staff.find((s) => s.role === 'personal_adviser' && s.teamId !== manager.teamId)!;
    const elsewhere = await withApprovedPlan('Elsewhere', adviser);
    await t.db.system((tx) =>
      tx.update(youngPeople).set({ socialWorkerId: manager.id }).where(eq(youngPeople.id, elsewhere.id)),
    );
    const url = `/young-people/${elsewhere.id}/plans/1`;
    expect((await tm.get(url)).statusCode).toBe(200);
    expect((await tm.get(`${url}/quality`)).statusCode).toBe(403);
    const refused = (await auditRows(manager.id, 'quality.form')).filter(
      (r) => r.outcome === 'denied' && r.youngPersonId === elsewhere.id,
    );
    expect(refused).toHaveLength(1);
  });

  it('a manager of another council can neither read the plan and its judgements nor judge it; nothing is written', async () => {
    const before = (await judgementsOf(yp.id)).length;
    for (const response of [
      await otherTm.get(planUrl),
      await otherTm.get(formUrl),
      await otherTm.post(formUrl, judgement(), { csrf: await otherTm.csrf('/') }),
    ]) {
      expect([403, 404]).toContain(response.statusCode);
      expect(response.body).not.toContain(yp.familyName);
    }
    expect((await judgementsOf(yp.id)).length).toBe(before);
    const refused = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorId, staffByLocal(other, 'tm').id), eq(auditEvents.outcome, 'denied'))),
    );
    expect(refused.length).toBeGreaterThanOrEqual(3);
  });

  it('only the worker the action is for, or a manager, may mark it done', async () => {
    const [open] = (await actionsOf(yp.id)).filter((a) => a.doneAt === null);
    expect(open).toBeDefined();
    const bySw = await sw.post(`/quality-actions/${open.id}/done`, {}, { csrf: await sw.csrf('/') });
    expect(bySw.statusCode).toBe(403);
    const byOther = await otherTm.post(`/quality-actions/${open.id}/done`, {}, { csrf: await otherTm.csrf('/') });
    expect(byOther.statusCode).toBe(403);
    expect((await actionsOf(yp.id)).find((a) => a.id === open.id)!.doneAt).toBeNull();
    const refused = (await auditRows(staffByLocal(rows, 'sw').id, 'quality-action.done')).filter(
      (r) => r.outcome === 'denied',
    );
    expect(refused).toHaveLength(1);
    // Another adviser in the same team may read the record, but the action is not theirs.
    const adviser = staffByLocal(rows, 'pa');
    const colleague = rows.staff.find(
      (s) => s.role === 'personal_adviser' && s.teamId === adviser.teamId && s.id !== adviser.id && s.active !== false,
    )!;
    const byColleague = new Agent(t.app, '10.61.0.7');
    await byColleague.signIn(colleague.email, PASSWORD);
    expect((await byColleague.get(planUrl)).statusCode).toBe(200);
    const colleagueTry = await byColleague.post(
      `/quality-actions/${open.id}/done`,
      {},
      { csrf: await byColleague.csrf('/') },
    );
    expect(colleagueTry.statusCode).toBe(403);
    expect((await actionsOf(yp.id)).find((a) => a.id === open.id)!.doneAt).toBeNull();
    const byManager = await tm.post(`/quality-actions/${open.id}/done`, {}, { csrf: await tm.csrf(planUrl) });
    expect(byManager.statusCode).toBe(303);
    expect((await actionsOf(yp.id)).find((a) => a.id === open.id)!.doneBy).toBe(staffByLocal(rows, 'tm').id);
  });

  it('an IRO judges a looked-after young person’s plan; a service manager reads judgements but cannot judge', async () => {
    const person = await withApprovedPlan('Byiro');
    const url = `/young-people/${person.id}/plans/1`;
    expect((await iro.get(url)).body).toContain(`href="${url}/quality"`);
    await iro.get(`${url}/quality`);
    expect((await iro.post(`${url}/quality`, judgement({ grade: 'outstanding' }))).statusCode).toBe(303);
    const [row] = await judgementsOf(person.id);
    expect(row).toMatchObject({ grade: 'outstanding', judgedByRole: 'independent_reviewing_officer' });
    const page = await sm.get(url);
    expect(page.statusCode).toBe(200);
    expect(words(page.body)).toContain('Outstanding');
    expect(page.body).not.toContain(`href="${url}/quality"`);
    expect((await sm.get(`${url}/quality`)).statusCode).toBe(403);
  });

  it('the database keeps the history even against the app: a judgement cannot be changed or deleted, a done action not undone', async () => {
    const councilId = rows.council.id;
    const attempt = async (statement: ReturnType<typeof sql>) => {
      try {
        await t.db.withCouncil(councilId, (tx) => tx.execute(statement));
        return 'changed';
      } catch (error) {
        const e = error as Error & { cause?: Error };
        return (e.cause?.message ?? e.message).slice(0, 120);
      }
    };
    expect(
      await attempt(sql`UPDATE quality_judgements SET grade = 'outstanding' WHERE young_person_id = ${yp.id}`),
    ).toMatch(/permission denied|cannot be changed/);
    expect(await attempt(sql`DELETE FROM quality_judgements WHERE young_person_id = ${yp.id}`)).toMatch(
      /permission denied|cannot be changed/,
    );
    expect(await attempt(sql`UPDATE quality_actions SET text = 'other' WHERE young_person_id = ${yp.id}`)).toMatch(
      /permission denied/,
    );
    expect(
      await attempt(
        sql`UPDATE quality_actions SET done_at = NULL, done_by = NULL WHERE young_person_id = ${yp.id} AND done_at IS NOT NULL`,
      ),
    ).toMatch(/already done cannot be changed/);
    expect(await attempt(sql`DELETE FROM quality_actions WHERE young_person_id = ${yp.id}`)).toMatch(
      /permission denied|cannot be deleted/,
    );
  });

  it('the worker and the manager marking one action done at the same moment: one marks it, the other is told it already was', async () => {
    const person = await withApprovedPlan('BothAtOnce');
    const url = `/young-people/${person.id}/plans/1/quality`;
    // Three judgements of two actions each: six actions, each marked by both at once, all together.
    for (let i = 0; i < 3; i++) {
      await tm.get(url);
      expect((await tm.post(url, judgement())).statusCode).toBe(303);
    }
    const actions = await actionsOf(person.id);
    expect(actions).toHaveLength(6);
    const [paToken, tmToken] = [await pa.csrf('/'), await tm.csrf(`/young-people/${person.id}/plans/1`)];
    const answers = await Promise.all(
      actions.flatMap((action) => [
        pa.post(`/quality-actions/${action.id}/done`, {}, { csrf: paToken }),
        tm.post(`/quality-actions/${action.id}/done`, {}, { csrf: tmToken }),
      ]),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 303));
    for (const action of actions) {
      const marks = await t.db.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.entityId, action.id), eq(auditEvents.action, 'quality-action.done'))),
      );
      expect(marks.map((r) => (r.details as { already: boolean }).already).sort()).toEqual([false, true]);
      const [row] = (await actionsOf(person.id)).filter((a) => a.id === action.id);
      expect(row.doneBy).toBe(marks.find((r) => !(r.details as { already: boolean }).already)!.actorId);
    }
  });

  it('marking without the CSRF token is refused', async () => {
    const fresh = await withApprovedPlan('Nocsrf');
    await tm.get(`/young-people/${fresh.id}/plans/1/quality`);
    expect((await tm.post(`/young-people/${fresh.id}/plans/1/quality`, judgement())).statusCode).toBe(303);
    const [action] = await actionsOf(fresh.id);
    expect((await pa.post(`/quality-actions/${action.id}/done`, {}, { csrf: false })).statusCode).toBe(403);
    expect((await actionsOf(fresh.id)).find((a) => a.id === action.id)!.doneAt).toBeNull();
  });
});

describe('overdue', () => {
  it('an action past its due date is tagged overdue', async () => {
    // A day after the second action was due, in a session of that day (the worker's own one would have ended).
    t.clock.set('2026-12-21T10:00:00Z');
    try {
      const later = new Agent(t.app, '10.61.0.9');
      await later.signIn(signInFor(rows, 'pa'), PASSWORD);
      const home = await later.get('/');
      const list = words(/data-quality-actions>([\s\S]*?)<\/div>/.exec(home.body)?.[1] ?? '');
      expect(list).toMatch(/20 December 2026 Overdue/);
    } finally {
      t.clock.set('2026-11-23T10:00:00Z');
    }
  });
});
