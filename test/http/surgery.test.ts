// Performance surgery (issue 10, part 5): per worker in a team, what is owed now and the plans
// approved per month. Counts are checked against counts written here from the generated council's
// own rows (reviews, plan versions, allocations), against the team list's own "Overdue" filter, and
// against quality actions and a review request added here; then per role, restricted records and audit.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
const openReviewOf = (ypId: string) =>
  rows.reviews.find((r) => r.youngPersonId === ypId && r.state !== 'approved')?.review as Review | undefined;

describe('the surgery page for a team manager', () => {
  it('has a row for each worker holding the team’s cases, each counting what the generated rows say', async () => {
    const tm = await as('tm');
    const page = await tm.get('/performance/surgery');
    expect(page.statusCode).toBe(200);
    const workers = workersOfTeam();
    expect(workers.length).toBeGreaterThan(0);
    // The 6 calendar months to today, today's month last.
    const months = [-5, -4, -3, -2, -1, 0].map((i) => addMonths(`${TODAY.slice(0, 7)}-01`, i).slice(0, 7));
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
      for (const m of months) {
        const n = rows.planVersions.filter(
          (v) =>
            cases.some((yp) => yp.id === v.youngPersonId) &&
            String(v.approvedOn).slice(0, 7) === m &&
            String(v.approvedOn) <= TODAY,
        ).length;
        expect(cell(page.body, w.id, `month=${m}`), `${w.displayName}: ${m}`).toBe(n);
        approvals += n;
      }
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
        .values({
          councilId: rows.council.id,
          youngPersonId: yp.id,
          planVersionId: version.id,
          planVersion: version.version,
          judgedBy: tm.id,
          judgedByRole: 'team_manager',
          grade: 'good',
          whatIsGood: 'Their words throughout.',
          whatMustImprove: 'Dates on the money actions.',
        })
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
    expect((await tm.get('/performance')).body).toContain('href="/performance/surgery"');
  });
});
