// Performance surgery (issue 10, part 5): per worker in a team, what is owed now and the plans
// approved per month. Counts are checked against counts written here from the generated council's
// own rows (reviews, plan versions, allocations), against the team list's own "Overdue" filter, and
// against quality actions and a review request added here; then per role, restricted records and audit.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocations,
  auditEvents,
  planVersions,
  qualityActions,
  qualityJudgements,
  restrictedRecordAccess,
  youngPeople,
} from '../../src/data/schema.ts';
import type { Review } from '../../src/domain/plan/index.ts';
import { addMonths } from '../../src/domain/statutory/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPerson, addYoungPersonAccount } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let teamId: string;
beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 160 });
  teamId = staffByLocal(rows, 'tm').teamId!;
});
afterAll(() => t.close());

async function as(who: 'pa' | 'sw' | 'tm' | 'iro' | 'sm') {
  const agent = new Agent(t.app);
  const r = await agent.post('/sign-in', { login: signInFor(rows, who), password: PASSWORD });
  expect(r.statusCode).toBe(303);
  return agent;
}

const surgery = (team = teamId) => `/performance/surgery?team=${team}`;

/** The number in a worker's row for one part (or `month=YYYY-MM`): its link's text, or 0 when not linked. */
function cell(html: string, workerId: string, part: string): number {
  const m = new RegExp(`worker=${workerId}&amp;${part}">(\\d+)<`).exec(html);
  return m ? Number(m[1]) : 0;
}
const listUrl = (workerId: string, part: string) =>
  `/performance/surgery/people?team=${teamId}&worker=${workerId}&${part}`;
const linkedIn = (html: string) => [...html.matchAll(/href="\/young-people\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
const hiddenIn = (html: string) =>
  [...html.matchAll(/And (\d+) (?:restricted )?records?/g)].reduce((sum, m) => sum + Number(m[1]), 0);

/** The team's open cases allocated to a worker, from the generated rows. */
const casesOf = (workerId: string) =>
  rows.youngPeople.filter(
    (yp) =>
      yp.teamId === teamId &&
      yp.caseStatus === 'open' &&
      (yp.personalAdviserId === workerId || yp.socialWorkerId === workerId),
  );
const workersOfTeam = () => {
  const ids = new Set(
    rows.youngPeople
      .filter((yp) => yp.teamId === teamId && yp.caseStatus === 'open')
      .flatMap((yp) => [yp.personalAdviserId, yp.socialWorkerId])
      .filter((s): s is string => Boolean(s)),
  );
  for (const s of rows.staff)
    if (s.teamId === teamId && s.active !== false && ['personal_adviser', 'social_worker'].includes(s.role))
      ids.add(s.id);
  return rows.staff.filter((s) => ids.has(s.id));
};
/** The audit rows a response's request wrote (only the refusals, when asked). */
const auditOf = (r: { headers: Record<string, unknown> }, outcome?: 'denied') =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.requestId, String(r.headers['x-request-id'])),
          outcome ? eq(auditEvents.outcome, outcome) : undefined,
        ),
      ),
  );
/** A team manager's quality judgement of a plan version, with its actions to add. */
const judgementOf = (youngPersonId: string, version: { id: string; version: number }, judgedBy: string) => ({
  councilId: rows.council.id,
  youngPersonId,
  planVersionId: version.id,
  planVersion: version.version,
  judgedBy,
  judgedByRole: 'team_manager',
  grade: 'good',
  whatIsGood: 'Their words throughout.',
  whatMustImprove: 'Dates on the money actions.',
});
const openReviewOf = (ypId: string) =>
  rows.reviews.find((r) => r.youngPersonId === ypId && r.state !== 'approved')?.review as Review | undefined;

/**
 * A worker's plans approved per month on the page, the 6 calendar months to `on` (its month last),
 * against the plan versions of their cases; returns how many there were.
 */
function expectApprovalsByMonth(
  html: string,
  w: { id: string; displayName: string },
  cases: readonly { id: string }[],
  on: string,
): number {
  let total = 0;
  for (const i of [-5, -4, -3, -2, -1, 0]) {
    const m = addMonths(`${on.slice(0, 7)}-01`, i).slice(0, 7);
    const n = rows.planVersions.filter(
      (v) =>
        cases.some((yp) => yp.id === v.youngPersonId) &&
        String(v.approvedOn).slice(0, 7) === m &&
        String(v.approvedOn) <= on,
    ).length;
    expect(cell(html, w.id, `month=${m}`), `${w.displayName}: ${m}`).toBe(n);
    total += n;
  }
  return total;
}

/** Six months ago: a day the surgery can show as it stood then (issue 10 §5, "at any date"). */
const PAST = addMonths(TODAY, -6);
const inForceOn = (a: { startDate: unknown; endDate?: unknown }, on: string) =>
  String(a.startDate) <= on && (!a.endDate || String(a.endDate) > on);
/** The cases a worker held on a day: open that day, the worker allocated that day, a worker of the team too. */
const casesOn = (workerId: string, on: string) =>
  rows.youngPeople.filter((yp) => {
    const open = yp.closedOn ? String(yp.closedOn) > on : yp.caseStatus === 'open';
    const held = rows.allocations.filter((a) => a.youngPersonId === yp.id && inForceOn(a, on));
    return (
      open &&
      held.some((a) => a.staffId === workerId) &&
      held.some((a) => rows.staff.find((s) => s.id === a.staffId)?.teamId === teamId)
    );
  });
const surgeryOn = (on: string) => `/performance/surgery?asAt=${on}`;
const listOn = (on: string, workerId: string, part: string) =>
  `/performance/surgery/people?asAt=${on}&team=${teamId}&worker=${workerId}&${part}`;

describe('the surgery on a past date (issue 10 §5)', () => {
  it('counts the cases each worker held that day, from the allocation history, and the 6 months to that day', async () => {
    const tm = await as('tm');
    let approvals = 0;
    // A month ago too: the 6 months to it hold most of the team's plans in date, so there are always
    // approvals to count, whatever the random council (six and eighteen months ago may have none).
    for (const on of [PAST, addMonths(TODAY, -18), addMonths(TODAY, -1)]) {
      const page = await tm.get(surgeryOn(on));
      expect(page.statusCode).toBe(200);
      for (const w of workersOfTeam()) {
        const cases = casesOn(w.id, on);
        expect(cell(page.body, w.id, 'part=cases'), `${w.displayName}: cases on ${on}`).toBe(cases.length);
        approvals += expectApprovalsByMonth(page.body, w, cases, on);
      }
      expect(page.body).not.toContain(`month=${TODAY.slice(0, 7)}`);
    }
    // There were approvals to count.
    expect(approvals).toBeGreaterThan(0);
  });

  it('says which columns show today’s plans, and only on a past date', async () => {
    const tm = await as('tm');
    const past = (await tm.get(surgeryOn(PAST))).body;
    expect(past).toContain('Waiting for their signature (today)');
    expect(past).toContain('Returned (today)');
    expect(past).toContain('Pathway keeps only where each plan is now');
    const today = (await tm.get('/performance/surgery')).body;
    expect(today).not.toContain('(today)</th>');
    expect(today).not.toContain('Pathway keeps only where each plan is now');
    // The date boxes work without JavaScript, and the lists follow the date.
    const boxes = await tm.get(
      `/performance/surgery?asAt-day=${Number(PAST.slice(8))}&asAt-month=${Number(PAST.slice(5, 7))}&asAt-year=${PAST.slice(0, 4)}`,
    );
    expect(boxes.statusCode).toBe(200);
    expect(boxes.body).toContain(`/performance/surgery/people?asAt=${PAST}&amp;team=${teamId}`);
  });

  it.each([
    ['a day after today', addMonths(TODAY, 1), 'The date must be today or in the past'],
    ['more than 24 months ago', addMonths(TODAY, -25), 'The date must be on or after'],
    ['not a date', '2026-02-30', 'real date'],
    ['not a date at all', 'yesterday', 'real date'],
  ])('refuses %s with an error summary and a message by the field', async (_what, asAt, message) => {
    const tm = await as('tm');
    const r = await tm.get(`/performance/surgery?asAt=${asAt}`);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('There is a problem');
    expect(r.body).toContain('href="#asAt-day"');
    expect(r.body).toContain('govuk-error-message');
    expect(r.body).toContain(message);
    const sm = await as('sm');
    const other = rows.teams.find((x) => x.id !== teamId)!;
    // The team chosen is kept for the next try.
    expect((await sm.get(`/performance/surgery?team=${other.id}&asAt=${asAt}`)).body).toContain(`value="${other.id}"`);
    const list = await tm.get(listOn(asAt, staffByLocal(rows, 'pa').id, 'part=cases'));
    expect(list.statusCode).toBe(400);
  });
});

describe('the surgery page for a team manager', () => {
  it('has a row for each worker holding the team’s cases, each counting what the generated rows say', async () => {
    const tm = await as('tm');
    const page = await tm.get('/performance/surgery');
    expect(page.statusCode).toBe(200);
    const workers = workersOfTeam();
    expect(workers.length).toBeGreaterThan(0);
    let signatures = 0;
    let approvals = 0;
    for (const w of workers) {
      expect(page.body).toContain(w.displayName);
      const cases = casesOf(w.id);
      expect(cell(page.body, w.id, 'part=cases'), `${w.displayName}: open cases`).toBe(cases.length);
      const waiting = cases.filter((yp) => {
        const r = openReviewOf(yp.id);
        return r?.state === 'awaiting_signatures' && !r.workerSignature;
      });
      expect(cell(page.body, w.id, 'part=waitingForSignature'), `${w.displayName}: signature`).toBe(waiting.length);
      const returned = cases.filter((yp) => openReviewOf(yp.id)?.state === 'returned');
      expect(cell(page.body, w.id, 'part=returned'), `${w.displayName}: returned`).toBe(returned.length);
      approvals += expectApprovalsByMonth(page.body, w, cases, TODAY);
      signatures += waiting.length;
    }
    // The generated council has plans in each state: the checks above were not all of noughts.
    expect(signatures + approvals).toBeGreaterThan(0);
    expect(page.body).not.toContain('name="team"');
  });

  it('counts overdue as the team list’s “Overdue” filter does, restricted records included', async () => {
    const tm = await as('tm');
    const page = (await tm.get('/performance/surgery')).body;
    let overdue = 0;
    for (const w of workersOfTeam()) {
      const n = cell(page, w.id, 'part=overdue');
      const team = await tm.get(`/team?team=${teamId}&worker=${w.id}&urgency=overdue`);
      const listed = Number(/(\d+) young (?:person|people) with an open case/.exec(team.body)![1]);
      const list = n > 0 ? (await tm.get(listUrl(w.id, 'part=overdue'))).body : '';
      expect(n, w.displayName).toBe(listed + hiddenIn(list));
      overdue += n;
    }
    expect(overdue).toBeGreaterThan(0);
  });

  it('counts open quality actions set for the worker, not those done or set for someone else', async () => {
    const tm = staffByLocal(rows, 'tm');
    // A worker of the team and one of their young people with an approved plan to judge.
    const withPlan = (w: { id: string }) =>
      casesOf(w.id).find((y) => rows.planVersions.some((v) => v.youngPersonId === y.id));
    const pa = workersOfTeam().find(withPlan)!;
    const yp = withPlan(pa)!;
    expect(yp).toBeDefined();
    const agent = await as('tm');
    const before = cell((await agent.get('/performance/surgery')).body, pa.id, 'part=qualityActions');
    await t.db.system(async (tx) => {
      const [version] = await tx.select().from(planVersions).where(eq(planVersions.youngPersonId, yp.id));
      const [judgement] = await tx
        .insert(qualityJudgements)
        .values(judgementOf(yp.id, version, tm.id))
        .returning();
      const action = (position: number, workerId: string) => ({
        councilId: rows.council.id,
        judgementId: judgement.id,
        youngPersonId: yp.id,
        position,
        text: `Action ${position}`,
        workerId,
        dueOn: '2026-12-31',
      });
      const [, , done] = await tx
        .insert(qualityActions)
        .values([action(1, pa.id), action(2, pa.id), action(3, pa.id), action(4, tm.id)])
        .returning();
      await tx.update(qualityActions).set({ doneAt: new Date(), doneBy: pa.id }).where(eq(qualityActions.id, done.id));
    });
    const page = (await agent.get('/performance/surgery')).body;
    expect(cell(page, pa.id, 'part=qualityActions')).toBe(before + 2);
    const list = (await agent.get(listUrl(pa.id, 'part=qualityActions'))).body;
    expect(linkedIn(list)).toContain(yp.id);
  });

  it('counts a young person’s request for a review made today, on the worker’s row', async () => {
    const adviser = staffByLocal(rows, 'pa');
    const tm = await as('tm');
    const before = cell((await tm.get('/performance/surgery')).body, adviser.id, 'part=reviewRequests');
    const yp = await addYoungPerson(t.db, rows, {
      personalAdviserId: adviser.id,
      teamId,
      dateOfBirth: '2007-08-01',
      familyName: 'Asker',
      episodes: [{ start: '2020-01-01', end: '2025-08-01' }],
      work: [
        { kind: 'needs_assessment', on: '2023-09-01' },
        { kind: 'pathway_plan', on: '2023-09-20' },
        { kind: 'review', on: TODAY },
      ],
    });
    await addYoungPersonAccount(t.db, rows, yp.id, `asker.${rows.council.slug}`);
    const young = new Agent(t.app);
    await young.signIn(`asker.${rows.council.slug}`, PASSWORD);
    await young.get('/my-plan/ask-for-a-review');
    await young.post('/my-plan/ask-for-a-review', { description: 'I want to talk about money' });
    const page = (await tm.get('/performance/surgery')).body;
    expect(cell(page, adviser.id, 'part=reviewRequests')).toBe(before + 1);
    const list = (await tm.get(listUrl(adviser.id, 'part=reviewRequests'))).body;
    expect(linkedIn(list)).toContain(yp.id);
    expect(list).toContain('Asked for a review');
  });

  it('lists the young people behind a number in one audited read, a restricted record only to staff named on it', async () => {
    const tm = await as('tm');
    const pa = staffByLocal(rows, 'pa');
    const url = listUrl(pa.id, 'part=cases');
    const before = await tm.get(url);
    expect(before.statusCode).toBe(200);
    const total = cell((await tm.get('/performance/surgery')).body, pa.id, 'part=cases');
    expect(linkedIn(before.body).length + hiddenIn(before.body)).toBe(total);
    const [audit] = await auditOf(before);
    expect(audit).toMatchObject({ action: 'performance.list', outcome: 'allowed' });
    expect((audit.details as { shown: string[] }).shown.sort()).toEqual(linkedIn(before.body).sort());

    const someone = linkedIn(before.body)[0];
    await t.db.system((tx) => tx.update(youngPeople).set({ restricted: true }).where(eq(youngPeople.id, someone)));
    try {
      const hidden = await tm.get(url);
      expect(linkedIn(hidden.body)).not.toContain(someone);
      expect(hiddenIn(hidden.body)).toBe(hiddenIn(before.body) + 1);
      expect(hidden.body).toContain(`${total} young people.`);
      expect(cell((await tm.get('/performance/surgery')).body, pa.id, 'part=cases')).toBe(total);
      await t.db.system((tx) =>
        tx
          .insert(restrictedRecordAccess)
          .values({ councilId: rows.council.id, youngPersonId: someone, staffId: staffByLocal(rows, 'tm').id }),
      );
      expect(linkedIn((await tm.get(url)).body)).toContain(someone);
    } finally {
      await t.db.system(async (tx) => {
        await tx.delete(restrictedRecordAccess).where(eq(restrictedRecordAccess.youngPersonId, someone));
        await tx.update(youngPeople).set({ restricted: false }).where(eq(youngPeople.id, someone));
      });
    }
  });

  it('audits the page view with the team', async () => {
    const tm = await as('tm');
    const r = await tm.get('/performance/surgery');
    const [row] = await auditOf(r);
    expect(row).toMatchObject({
      action: 'performance.surgery',
      outcome: 'allowed',
      actorId: staffByLocal(rows, 'tm').id,
    });
    expect(row.details).toMatchObject({ teamId });
  });

  it('refuses another team, and a number that is not on the page is not found', async () => {
    const tm = await as('tm');
    const other = rows.teams.find((team) => team.id !== teamId)!;
    expect((await tm.get(surgery(other.id))).statusCode).toBe(403);
    const pa = staffByLocal(rows, 'pa').id;
    expect((await tm.get(listUrl(pa, 'part=everything'))).statusCode).toBe(404);
    expect((await tm.get(listUrl(pa, 'month=2019-01'))).statusCode).toBe(404);
    expect((await tm.get(listUrl(pa, 'part=cases&month=2026-11'))).statusCode).toBe(404);
    const nobody = '00000000-0000-4000-8000-000000000000';
    expect((await tm.get(listUrl(nobody, 'part=cases'))).statusCode).toBe(404);
  });
});

describe('a service manager', () => {
  it('chooses the team with a form that works without JavaScript, and sees any team', async () => {
    const sm = await as('sm');
    const first = await sm.get('/performance/surgery');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<form method="get" action="/performance/surgery"');
    expect(first.body).toContain('name="team"');
    for (const team of rows.teams) {
      const page = await sm.get(surgery(team.id));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<h1 class="govuk-heading-l">${team.name}</h1>`);
    }
    expect((await sm.get('/performance/surgery?team=not-a-team')).statusCode).toBe(400);
    expect((await sm.get(surgery('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });
});

describe('workers and young people', () => {
  it.each(['pa', 'sw'] as const)('refuses a %s the page and a list, and audits both refusals', async (who) => {
    const agent = await as(who);
    for (const url of ['/performance/surgery', listUrl(staffByLocal(rows, 'pa').id, 'part=cases')]) {
      const r = await agent.get(url);
      expect(r.statusCode).toBe(403);
      const [row] = await auditOf(r, 'denied');
      expect(row).toBeDefined();
    }
  });

  it('refuses a young person, audited', async () => {
    const yp = rows.youngPeople.find((y) => y.caseStatus === 'open' && !y.restricted)!;
    await addYoungPersonAccount(t.db, rows, yp.id, `surgery.${rows.council.slug}`);
    const young = new Agent(t.app);
    await young.signIn(`surgery.${rows.council.slug}`, PASSWORD);
    const r = await young.get('/performance/surgery');
    expect(r.statusCode).toBe(403);
    const [row] = await auditOf(r, 'denied');
    expect(row).toBeDefined();
  });
});

describe('the performance page', () => {
  it('links to the surgery', async () => {
    const tm = await as('tm');
    expect((await tm.get('/performance')).body).toContain(`href="/performance/surgery?asAt=${TODAY}"`);
  });
});

describe('the surgery on a past date: work and actions as they stood (issue 10 §5)', () => {
  it('counts a case for the worker allocated that day, not for one allocated since', async () => {
    const [before, after] = workersOfTeam().filter((w) => w.role === 'personal_adviser');
    const yp = await addYoungPerson(t.db, rows, {
      dateOfBirth: addMonths(TODAY, -17 * 12),
      personalAdviserId: before.id,
      teamId,
    });
    const moveOn = addMonths(PAST, 1);
    await t.db.system(async (tx) => {
      await tx.update(allocations).set({ endDate: moveOn }).where(eq(allocations.youngPersonId, yp.id));
      await tx.insert(allocations).values({
        councilId: rows.council.id,
        youngPersonId: yp.id,
        staffId: after.id,
        allocationRole: 'personal_adviser',
        startDate: moveOn,
      });
      await tx.update(youngPeople).set({ personalAdviserId: after.id }).where(eq(youngPeople.id, yp.id));
    });
    const tm = await as('tm');
    const holds = async (on: string, w: { id: string }) =>
      linkedIn((await tm.get(listOn(on, w.id, 'part=cases'))).body).includes(yp.id);
    expect([await holds(PAST, before), await holds(PAST, after)]).toEqual([true, false]);
    expect([await holds(moveOn, before), await holds(moveOn, after)]).toEqual([false, true]);
    expect([await holds(TODAY, before), await holds(TODAY, after)]).toEqual([false, true]);
  });

  it('counts as overdue what was overdue that day, from the work recorded by then', async () => {
    const pa = workersOfTeam().find((w) => w.role === 'personal_adviser')!;
    // 16 on 23 Dec 2025, in care since 13: the needs assessment and first plan were due on 23 Mar 2026
    // (CPPCR 2010 regs 42(1), 43) and done on 1 Jun 2026, after the past date and before today.
    const yp = await addYoungPerson(t.db, rows, {
      dateOfBirth: addMonths(PAST, -(16 * 12 + 5)),
      episodes: [{ start: addMonths(PAST, -36) }],
      work: [
        { kind: 'needs_assessment', on: addMonths(PAST, 1) },
        { kind: 'pathway_plan', on: addMonths(PAST, 1) },
      ],
      personalAdviserId: pa.id,
      teamId,
    });
    const tm = await as('tm');
    expect(linkedIn((await tm.get(listOn(PAST, pa.id, 'part=overdue'))).body)).toContain(yp.id);
    expect(linkedIn((await tm.get(listOn(TODAY, pa.id, 'part=overdue'))).body)).not.toContain(yp.id);
    // The day before the work it was still overdue; on the day it was done, not.
    const dayBefore = addMonths(PAST, 1).replace(/\d{2}$/, (d) => String(Number(d) - 1).padStart(2, '0'));
    expect(linkedIn((await tm.get(listOn(dayBefore, pa.id, 'part=overdue'))).body)).toContain(yp.id);
    expect(linkedIn((await tm.get(listOn(addMonths(PAST, 1), pa.id, 'part=overdue'))).body)).not.toContain(yp.id);
  });

  it('counts the quality actions open that day: set by then, not done by then', async () => {
    const tm = staffByLocal(rows, 'tm');
    const pa = workersOfTeam().find((w) =>
      casesOn(w.id, PAST).some(
        (y) => casesOf(w.id).includes(y) && rows.planVersions.some((v) => v.youngPersonId === y.id),
      ),
    )!;
    const yp = casesOn(pa.id, PAST).find(
      (y) => casesOf(pa.id).includes(y) && rows.planVersions.some((v) => v.youngPersonId === y.id),
    )!;
    const agent = await as('tm');
    const count = async (on: string) => cell((await agent.get(surgeryOn(on))).body, pa.id, 'part=qualityActions');
    const [pastBefore, todayBefore] = [await count(PAST), await count(TODAY)];
    const at = (on: string) => new Date(`${on}T12:00:00Z`);
    await t.db.system(async (tx) => {
      const [version] = await tx.select().from(planVersions).where(eq(planVersions.youngPersonId, yp.id));
      const judgement = async (on: string) =>
        (
          await tx
            .insert(qualityJudgements)
            .values({ ...judgementOf(yp.id, version, tm.id), judgedAt: at(on) })
            .returning()
        )[0];
      const before = await judgement(addMonths(PAST, -1));
      const after = await judgement(addMonths(PAST, 1));
      const action = (judgementId: string, position: number, doneOn: string | null) => ({
        councilId: rows.council.id,
        judgementId,
        youngPersonId: yp.id,
        position,
        text: `Action ${position}`,
        workerId: pa.id,
        dueOn: TODAY,
        doneAt: doneOn ? at(doneOn) : null,
        doneBy: doneOn ? pa.id : null,
      });
      await tx.insert(qualityActions).values([
        action(before.id, 1, null), // open then and now
        action(before.id, 2, addMonths(PAST, 2)), // open then, done since
        action(before.id, 3, PAST), // done on the day itself: not open at its end
        action(after.id, 1, null), // set after the day
      ]);
    });
    expect(await count(PAST)).toBe(pastBefore + 2);
    expect(await count(TODAY)).toBe(todayBefore + 2);
  });
});
