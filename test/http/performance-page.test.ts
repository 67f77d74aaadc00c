// The performance page beyond Dorset's table (issue 10, parts 1b and 1g): care leavers by status
// and the flow of plans. Every count is checked against a count written here from the generated
// council's own rows (young people, allocations, plan versions and the reviews' own timelines), per
// role, on today and on a past as-at date; every list behind a number is one audited read.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, restrictedRecordAccess, youngPeople } from '../../src/data/schema.ts';
import { addMonths, deriveCareLeaverStatus } from '../../src/domain/statutory/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { CARE_LEAVER_PARTS, TARGET_MEASURES, TREND_MEASURES } from '../../src/services/oversight.ts';
import { Agent } from '../support/agent.ts';
import { csvRows, xlsxRows } from '../support/downloads.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;
beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 160 });
});
afterAll(() => t.close());

async function as(who: 'pa' | 'tm' | 'iro' | 'sm') {
  const agent = new Agent(t.app);
  const r = await agent.post('/sign-in', { login: signInFor(rows, who), password: PASSWORD });
  expect(r.statusCode).toBe(303);
  return agent;
}

const str = (d: unknown) => (d === null || d === undefined ? null : String(d));
const inForce = (from: unknown, to: unknown, on: string) => String(from) <= on && (str(to) === null || String(to) > on);
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/**
 * The generated council, read the way the issue defines each measure, with no code from src/domain
 * but the statutory status (the category and the date a needs assessment is due, tested on their own).
 */
function oracle(asAt: string) {
  const allocationsOf = (id: string) => rows.allocations.filter((a) => a.youngPersonId === id);
  const opened = (id: string) =>
    [
      ...rows.episodes.filter((e) => e.youngPersonId === id).map((e) => String(e.startDate)),
      ...allocationsOf(id).map((a) => String(a.startDate)),
    ].sort()[0];
  const open = rows.youngPeople.filter(
    (yp) => (!yp.closedOn || String(yp.closedOn) > asAt) && (opened(yp.id) ?? TODAY) <= asAt,
  );
  /** The team of the latest-starting allocation in force (a social worker's on a tie), or the case's team. */
  const teamOn = (id: string) => {
    const all = allocationsOf(id);
    if (all.length === 0) return rows.youngPeople.find((yp) => yp.id === id)!.teamId;
    const held = all
      .filter((a) => inForce(a.startDate, a.endDate, asAt))
      .sort(
        (a, b) =>
          String(b.startDate).localeCompare(String(a.startDate)) ||
          (a.allocationRole === 'social_worker' ? -1 : 0) - (b.allocationRole === 'social_worker' ? -1 : 0),
      );
    return held[0] ? rows.staff.find((s) => s.id === held[0].staffId)!.teamId : null;
  };
  const latestPlan = (id: string) =>
    rows.planVersions
      .filter((v) => v.youngPersonId === id && String(v.approvedOn) <= asAt)
      .map((v) => String(v.approvedOn))
      .sort()
      .at(-1);
  const hasAdviser = (id: string) =>
    allocationsOf(id).some((a) => a.allocationRole === 'personal_adviser' && inForce(a.startDate, a.endDate, asAt));

  type Timeline = {
    startedOn: string;
    state: string;
    submittedForApprovalOn: string | null;
    returns: { on: string; resentOn?: string }[];
    approval: { on: string } | null;
  };
  const reviews = rows.reviews.map((r) => ({ youngPersonId: r.youngPersonId, ...(r.review as Timeline) }));
  const firstMonth = addMonths(`${asAt.slice(0, 7)}-01`, -11);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(firstMonth, i).slice(0, 7));
  const approvedIn = (month: string) =>
    rows.planVersions.filter((v) => String(v.approvedOn).startsWith(month) && String(v.approvedOn) <= asAt);
  const approvedReviews = reviews.filter((r) => r.approval && r.approval.on >= firstMonth && r.approval.on <= asAt);
  const durations = approvedReviews.map((r) => days(r.startedOn, r.approval!.on)).sort((a, b) => a - b);
  const mid = Math.floor(durations.length / 2);
  // Waiting: sent for approval, not returned since, not approved — as of the as-at date.
  const waiting = reviews.filter((r) => {
    if (r.approval && r.approval.on <= asAt) return false;
    const sent = [
      ...(r.returns.length ? [r.returns[0].on] : r.submittedForApprovalOn ? [r.submittedForApprovalOn] : []),
      ...r.returns.flatMap((x) => (x.resentOn ? [x.resentOn] : [])),
    ].filter((d) => d <= asAt);
    return sent.length > r.returns.filter((x) => x.on <= asAt).length;
  });

  return {
    open,
    teamOn,
    careLeavers: {
      youngPeople: open.length,
      // In date until 7 months after the latest approval, counted forwards from it (28 Feb + 7 months
      // is 28 Sep, so on 30 Sep a plan of 28 Feb is not in date; counting back from 30 Sep gives 28 Feb).
      planInDate: open.filter((yp) => {
        const latest = latestPlan(yp.id);
        return latest !== undefined && addMonths(latest, 7) >= asAt;
      }).length,
      noPersonalAdviser: open.filter((yp) => !hasAdviser(yp.id)).length,
      // CPPCR 2010 reg 42(1): due before the as-at date (not under 16), none completed on or before it.
      needsAssessmentOverdue: open.filter((yp) => {
        const latest = latestPlan(yp.id) ?? null;
        const status = deriveCareLeaverStatus({
          dateOfBirth: String(yp.dateOfBirth),
          asOf: asAt,
          episodes: rows.episodes
            .filter((e) => e.youngPersonId === yp.id)
            .map((e) => ({ start: String(e.startDate), end: str(e.endDate), legalStatus: e.legalStatus })),
          lastReviewOn: latest,
          hasPathwayPlan: latest !== null,
        });
        const done = rows.statutoryRecords.some(
          (r) => r.youngPersonId === yp.id && r.kind === 'needs_assessment' && String(r.completedOn) <= asAt,
        );
        return (
          status.category !== 'LOOKED_AFTER_UNDER_16' &&
          status.needsAssessmentDue !== null &&
          status.needsAssessmentDue < asAt &&
          !done
        );
      }).length,
    },
    flow: {
      months,
      approvedPerMonth: months.map((m) => approvedIn(m).length),
      reviewsApproved: approvedReviews.length,
      median:
        durations.length === 0
          ? null
          : durations.length % 2
            ? durations[mid]
            : (durations[mid - 1] + durations[mid]) / 2,
      waiting,
      waitingPeople: new Set(waiting.map((r) => r.youngPersonId)).size,
    },
  };
}

/** A linked count on the page, by the query that names it; 0 when the count has no link (it is 0). */
/** A number in the tables as at the date asked for: the trends' numbers, on other dates, come after `id="trends"`. */
function count(html: string, query: string) {
  const trends = html.indexOf('id="trends"');
  if (trends > 0) html = html.slice(0, trends);
  const m = new RegExp(`${query.replaceAll('&', '&amp;').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">(\\d+)<`).exec(html);
  return m ? Number(m[1]) : 0;
}
const careLeaverCell = (html: string, part: string, category = 'all') =>
  count(html, `measure=care-leavers&part=${part}&category=${category}`);
const hiddenIn = (html: string) =>
  [...html.matchAll(/And (\d+) (?:restricted )?records?/g)].reduce((sum, m) => sum + Number(m[1]), 0);
const linkedIn = (html: string) => [...html.matchAll(/href="\/young-people\/([0-9a-f-]{36})"/g)].map((m) => m[1]);

async function auditOf(requestId: unknown) {
  return t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, String(requestId))),
  );
}

async function expectRefusalAudited(requestId: unknown) {
  const [row] = await t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.requestId, String(requestId)), eq(auditEvents.outcome, 'denied'))),
  );
  expect(row).toBeDefined();
}

describe('care leavers by status (issue 10 §1b)', () => {
  it.each([
    ['today', TODAY],
    ['a year ago', addMonths(TODAY, -12)],
  ])('as at %s, a service manager and an IRO see the whole council’s counts', async (_when, asAt) => {
    const want = oracle(asAt).careLeavers;
    expect(want.youngPeople).toBeGreaterThan(0);
    for (const who of ['sm', 'iro'] as const) {
      const page = await (await as(who)).get(`/performance?asAt=${asAt}`);
      expect(page.statusCode).toBe(200);
      for (const part of ['youngPeople', 'planInDate', 'noPersonalAdviser', 'needsAssessmentOverdue'] as const)
        expect([who, part, careLeaverCell(page.body, part)]).toEqual([who, part, want[part]]);
    }
  });

  it('adds the statuses up to the total, in every column', async () => {
    const page = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    const categories = [
      ...new Set(
        [...page.body.matchAll(/measure=care-leavers&amp;part=youngPeople&amp;category=([A-Z0-9_]+)"/g)].map(
          (m) => m[1],
        ),
      ),
    ];
    expect(categories.length).toBeGreaterThan(1);
    for (const part of CARE_LEAVER_PARTS)
      expect(categories.reduce((sum, c) => sum + careLeaverCell(page.body, part, c), 0)).toBe(
        careLeaverCell(page.body, part),
      );
  });

  it('shows a team manager only the young people allocated to their team that day', async () => {
    const team = staffByLocal(rows, 'tm').teamId;
    for (const asAt of [TODAY, addMonths(TODAY, -6)]) {
      const o = oracle(asAt);
      const own = o.open.filter((yp) => o.teamOn(yp.id) === team).length;
      expect(own).toBeLessThan(o.careLeavers.youngPeople);
      const page = await (await as('tm')).get(`/performance?asAt=${asAt}`);
      expect(careLeaverCell(page.body, 'youngPeople')).toBe(own);
    }
  });

  it('lists the young people behind a count in one audited read, restricted records counted but not named', async () => {
    const sm = await as('sm');
    const page = await sm.get(`/performance?asAt=${TODAY}`);
    const total = careLeaverCell(page.body, 'planInDate');
    const url = `/performance/people?asAt=${TODAY}&measure=care-leavers&part=planInDate&category=all`;
    const before = await sm.get(url);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Plan in date: all care leavers');
    const linked = linkedIn(before.body);
    expect(linked.length + hiddenIn(before.body)).toBe(total);
    const [audit] = await auditOf(before.headers['x-request-id']);
    expect(audit).toMatchObject({ action: 'performance.list', outcome: 'allowed' });
    expect(audit.details).toMatchObject({ measure: 'care-leavers', part: 'planInDate', asAt: TODAY, total });
    expect((audit.details as { shown: string[] }).shown.sort()).toEqual([...linked].sort());

    const someone = linked[0];
    const hiddenBefore = hiddenIn(before.body);
    await t.db.system((tx) => tx.update(youngPeople).set({ restricted: true }).where(eq(youngPeople.id, someone)));
    try {
      const hidden = await sm.get(url);
      expect(hidden.body).not.toContain(`/young-people/${someone}"`);
      expect(hidden.body).toContain(`${total} young people.`);
      expect(hiddenIn(hidden.body)).toBe(hiddenBefore + 1);
      expect(hidden.body).toMatch(/And \d+ restricted records?/);
      await t.db.system((tx) =>
        tx
          .insert(restrictedRecordAccess)
          .values({ councilId: rows.council.id, youngPersonId: someone, staffId: staffByLocal(rows, 'sm').id }),
      );
      expect((await sm.get(url)).body).toContain(`/young-people/${someone}"`);
    } finally {
      await t.db.system(async (tx) => {
        await tx.delete(restrictedRecordAccess).where(eq(restrictedRecordAccess.youngPersonId, someone));
        await tx.update(youngPeople).set({ restricted: false }).where(eq(youngPeople.id, someone));
      });
    }
  });

  it('lists unaccompanied young people whose first plan was due, and an unknown part or category is not found', async () => {
    const sm = await as('sm');
    const page = await sm.get(`/performance?asAt=${TODAY}`);
    const due = count(page.body, 'measure=unaccompanied&part=due');
    const onTime = count(page.body, 'measure=unaccompanied&part=onTime');
    expect(onTime).toBeLessThanOrEqual(due);
    const list = await sm.get(`/performance/people?asAt=${TODAY}&measure=unaccompanied&part=due`);
    expect(list.statusCode).toBe(200);
    expect(linkedIn(list.body).length + hiddenIn(list.body)).toBe(due);
    for (const query of [
      'measure=care-leavers&part=everything&category=all',
      'measure=care-leavers&part=planInDate&category=NOBODY',
      'measure=unaccompanied&part=late',
      'measure=flow&part=approved&month=2026-13',
      'measure=flow&part=approved&month=1999-01',
      'measure=somewhere&part=planInDate',
    ])
      expect([query, (await sm.get(`/performance/people?asAt=${TODAY}&${query}`)).statusCode]).toEqual([query, 404]);
  });
});

describe('flow of plans (issue 10 §1g)', () => {
  it.each([
    ['today', TODAY],
    ['six months ago', addMonths(TODAY, -6)],
  ])(
    'as at %s, approvals per month, reviews approved, the median and plans waiting match the records',
    async (_when, asAt) => {
      const want = oracle(asAt).flow;
      expect(want.approvedPerMonth.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      for (const who of ['sm', 'iro'] as const) {
        const page = await (await as(who)).get(`/performance?asAt=${asAt}`);
        const section = page.body.slice(page.body.indexOf('id="flow"'));
        expect(want.months.map((m) => count(section, `measure=flow&part=approved&month=${m}`))).toEqual(
          want.approvedPerMonth,
        );
        expect(count(section, 'measure=flow&part=reviewsApproved&month=all')).toBe(want.reviewsApproved);
        expect(count(section, 'measure=flow&part=waiting&month=all')).toBe(want.waitingPeople);
        const median = /Median days from starting a review to approval\s*<\/dt>\s*<dd[^>]*>\s*([^<\s]+)/.exec(
          section,
        )?.[1];
        expect(median).toBe(want.median === null ? '–' : String(want.median));
      }
    },
  );

  it('names the oldest plan waiting with the day it was sent', async () => {
    const want = oracle(TODAY).flow;
    const page = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    if (want.waiting.length === 0) {
      expect(page.body).toContain('No plan is waiting');
      return;
    }
    const oldest = want.waiting.map((r) => r.returns.at(-1)?.resentOn ?? r.submittedForApprovalOn!).sort()[0];
    const [y, m, d] = oldest.split('-').map(Number);
    const words = `${d} ${new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${y}`;
    expect(page.body).toContain(`Since ${words} (${days(oldest, TODAY)} day`);
  });

  it('shows a team manager the flow of their own team’s young people', async () => {
    const o = oracle(TODAY);
    const team = staffByLocal(rows, 'tm').teamId;
    const own = new Set(rows.youngPeople.filter((yp) => o.teamOn(yp.id) === team).map((yp) => yp.id));
    const page = await (await as('tm')).get(`/performance?asAt=${TODAY}`);
    const waitingOwn = new Set(o.flow.waiting.filter((r) => own.has(r.youngPersonId)).map((r) => r.youngPersonId));
    expect(count(page.body, 'measure=flow&part=waiting&month=all')).toBe(waitingOwn.size);
    const month = TODAY.slice(0, 7);
    const approvedOwn = rows.planVersions.filter(
      (v) => own.has(v.youngPersonId) && String(v.approvedOn).startsWith(month) && String(v.approvedOn) <= TODAY,
    ).length;
    expect(count(page.body, `measure=flow&part=approved&month=${month}`)).toBe(approvedOwn);
  });

  it('lists the young people whose plans were approved in a month, each once, in an audited read', async () => {
    const sm = await as('sm');
    const want = oracle(TODAY).flow;
    const i = want.approvedPerMonth.findIndex((n) => n > 0);
    const month = want.months[i];
    const people = new Set(
      rows.planVersions
        .filter((v) => String(v.approvedOn).startsWith(month) && String(v.approvedOn) <= TODAY)
        .map((v) => v.youngPersonId),
    );
    const list = await sm.get(`/performance/people?asAt=${TODAY}&measure=flow&part=approved&month=${month}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Plans approved in ');
    expect(new Set([...linkedIn(list.body)]).size + hiddenIn(list.body)).toBe(people.size);
    const [audit] = await auditOf(list.headers['x-request-id']);
    expect(audit).toMatchObject({ action: 'performance.list', outcome: 'allowed' });
    expect(audit.details).toMatchObject({ measure: 'flow', part: 'approved', month, asAt: TODAY });
  });
});

describe('who may see the page', () => {
  it('refuses a personal adviser the page and every new list, and audits each refusal', async () => {
    const pa = await as('pa');
    for (const url of [
      `/performance?asAt=${TODAY}`,
      `/performance/people?asAt=${TODAY}&measure=care-leavers&part=planInDate&category=all`,
      `/performance/people?asAt=${TODAY}&measure=unaccompanied&part=due`,
      `/performance/people?asAt=${TODAY}&measure=flow&part=waiting`,
    ]) {
      const r = await pa.get(url);
      expect([url, r.statusCode]).toEqual([url, 403]);
      await expectRefusalAudited(r.headers['x-request-id']);
    }
  });

  it('audits the page view naming the measures it showed', async () => {
    const r = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    const [row] = await auditOf(r.headers['x-request-id']);
    expect(row).toMatchObject({ action: 'performance.view', outcome: 'allowed' });
    expect(row.details).toMatchObject({ asAt: TODAY, measures: expect.arrayContaining(['care-leavers', 'flow']) });
  });
});

describe('12-month trends (issue 10 §1, §2)', () => {
  /** The trend dates: the month-ends of the 11 months before today's month, then today. */
  const dates = Array.from({ length: 12 }, (_, i) => {
    if (i === 11) return TODAY;
    const [y, m] = TODAY.split('-').map(Number);
    return new Date(Date.UTC(y, m - 11 + i, 0)).toISOString().slice(0, 10);
  });
  /** Dorset's percent in date for the whole council, counted from the generated rows. */
  function dorsetPercent(asAt: string) {
    const age = (dob: string) => {
      const [y, m, d] = dob.split('-').map(Number);
      const [ay, am, ad] = asAt.split('-').map(Number);
      return ay - y - (am < m || (am === m && ad < d) ? 1 : 0);
    };
    const { open } = oracle(asAt);
    const inScope = open.filter(
      (yp) =>
        [16, 17].includes(age(String(yp.dateOfBirth))) &&
        rows.episodes.some(
          (e) =>
            e.youngPersonId === yp.id &&
            inForce(e.startDate, e.endDate, asAt) &&
            !['V3', 'V4'].includes(String(e.legalStatus)),
        ),
    );
    const inDate = inScope.filter((yp) =>
      rows.planVersions.some(
        (v) => v.youngPersonId === yp.id && String(v.approvedOn) <= asAt && addMonths(String(v.approvedOn), 7) >= asAt,
      ),
    );
    return inScope.length === 0 ? null : Math.round((inDate.length * 1000) / inScope.length) / 10;
  }
  const tableOf = (html: string, measure: string) => {
    const start = html.indexOf(`id="trend-${measure}-title"`);
    expect(start).toBeGreaterThan(0);
    const table = html
      .slice(start, html.indexOf('</table>', start))
      .replace(/<span class="govuk-visually-hidden">[^<]*<\/span>/g, '')
      .replace(/<\/?a[^>]*>/g, '');
    return [...table.matchAll(/<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/g)].map((m) => [
      m[1].trim(),
      m[2].trim(),
    ]);
  };

  it('draws each trend as an image with a title and description, and the same numbers in a table', async () => {
    const page = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    for (const measure of ['plans-16-17', 'care-leavers', 'approvals']) {
      expect(page.body).toMatch(
        new RegExp(
          `<svg [^>]*role="img" aria-labelledby="trend-${measure}-title trend-${measure}-desc"[^>]*width="100%"`,
        ),
      );
      expect(page.body).toContain(`<desc id="trend-${measure}-desc">`);
      expect(tableOf(page.body, measure)).toHaveLength(12);
    }
  });

  it('counts Dorset’s percent in date on each of the 12 dates from the records, ending on today’s figure', async () => {
    const page = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    const shown = tableOf(page.body, 'plans-16-17').map(([, value]) =>
      value.startsWith('–') ? null : parseFloat(value),
    );
    expect(shown).toEqual(dates.map(dorsetPercent));
    const desc = new RegExp(`<desc id="trend-plans-16-17-desc">[^<]*${shown[11]}% on [^<]*</desc>`);
    expect(page.body).toMatch(desc);
  });

  it('plots plans approved per month as in the flow table, and care leavers in date ending on the page’s figure', async () => {
    const page = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    const want = oracle(TODAY).flow;
    expect(tableOf(page.body, 'approvals').map(([, n]) => Number(n))).toEqual(want.approvedPerMonth);
    const last = tableOf(page.body, 'care-leavers').at(-1)![1];
    const o = oracle(TODAY).careLeavers;
    expect(last).toContain(`(${o.planInDate} of ${o.youngPeople})`);
  });
});

describe('a 12-month trend for each measure (issue 10 §1, §2)', () => {
  const dates = Array.from({ length: 12 }, (_, i) => {
    if (i === 11) return TODAY;
    const [y, m] = TODAY.split('-').map(Number);
    return new Date(Date.UTC(y, m - 11 + i, 0)).toISOString().slice(0, 10);
  });
  /** The trend's table beside its chart: [date, figure text] per row, links and hidden words taken out. */
  const tableOf = (html: string, measure: string) => {
    const start = html.indexOf(`id="trend-${measure}-title"`);
    expect(start, measure).toBeGreaterThan(0);
    const table = html
      .slice(start, html.indexOf('</table>', start))
      .replace(/<span class="govuk-visually-hidden">[^<]*<\/span>/g, '')
      .replace(/<\/?a[^>]*>/g, '');
    return [...table.matchAll(/<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[2].trim());
  };
  /** The count in a trend's row: a count alone, "p% (count of n)" or "median (reviews)". */
  const countIn = (text: string) => Number(/\((\d+)/.exec(text)?.[1] ?? text);

  it('draws every measure as an image with a title and description, its 12 numbers in a table, and its downloads', async () => {
    const page = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    expect(TREND_MEASURES.length).toBeGreaterThanOrEqual(14);
    for (const measure of TREND_MEASURES) {
      expect(page.body).toMatch(
        new RegExp(`<svg [^>]*role="img" aria-labelledby="trend-${measure}-title trend-${measure}-desc"`),
      );
      expect(page.body).toContain(`<desc id="trend-${measure}-desc">`);
      expect(tableOf(page.body, measure), measure).toHaveLength(12);
      for (const format of ['csv', 'xlsx'])
        expect(page.body).toContain(`href="/performance/trend-${measure}.${format}?asAt=${TODAY}"`);
    }
  });

  it('ends each trend on the number the page’s table shows on the as-at date', async () => {
    const page = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    const last = (measure: string) => countIn(tableOf(page.body, measure)[11]);
    expect(last('review-overdue')).toBe(count(page.body, 'measure=care-leavers&part=reviewOverdue&category=all'));
    expect(last('needs-assessment-overdue')).toBe(
      count(page.body, 'measure=care-leavers&part=needsAssessmentOverdue&category=all'),
    );
    expect(last('first-plan-overdue')).toBe(
      count(page.body, 'measure=care-leavers&part=firstPlanOverdue&category=all'),
    );
    expect(last('no-personal-adviser')).toBe(
      count(page.body, 'measure=care-leavers&part=noPersonalAdviser&category=all'),
    );
    expect(last('unaccompanied')).toBe(count(page.body, 'measure=unaccompanied&part=onTime'));
    expect(last('cohort')).toBe(count(page.body, 'measure=cohort&band=all&category=all'));
    expect(last('outcomes-in-touch')).toBe(count(page.body, 'measure=outcomes&part=inTouch&age=all'));
    expect(last('outcomes-eet')).toBe(count(page.body, 'measure=outcomes&part=inEet&age=all'));
    expect(last('outcomes-suitable')).toBe(count(page.body, 'measure=outcomes&part=inSuitableAccommodation&age=all'));
    expect(last('waiting')).toBe(count(page.body, 'measure=flow&part=waiting&month=all'));
    const o = oracle(TODAY);
    expect(tableOf(page.body, 'median-days')[11]).toBe(
      o.flow.median === null ? '– (none approved)' : `${o.flow.median} (${o.flow.reviewsApproved})`,
    );
  });

  it('agrees on earlier dates with the page’s tables as at those dates, for every trend', async () => {
    const sm = await as('sm');
    const trends = (await sm.get(`/performance?asAt=${TODAY}`)).body;
    const figures: [string, string][] = [
      ['care-leavers', 'measure=care-leavers&part=planInDate&category=all'],
      ['review-overdue', 'measure=care-leavers&part=reviewOverdue&category=all'],
      ['needs-assessment-overdue', 'measure=care-leavers&part=needsAssessmentOverdue&category=all'],
      ['first-plan-overdue', 'measure=care-leavers&part=firstPlanOverdue&category=all'],
      ['no-personal-adviser', 'measure=care-leavers&part=noPersonalAdviser&category=all'],
      ['unaccompanied', 'measure=unaccompanied&part=onTime'],
      ['cohort', 'measure=cohort&band=all&category=all'],
      ['outcomes-in-touch', 'measure=outcomes&part=inTouch&age=all'],
      ['outcomes-eet', 'measure=outcomes&part=inEet&age=all'],
      ['outcomes-suitable', 'measure=outcomes&part=inSuitableAccommodation&age=all'],
      ['waiting', 'measure=flow&part=waiting&month=all'],
    ];
    for (const i of [0, 4, 8]) {
      const then = (await sm.get(`/performance?asAt=${dates[i]}`)).body;
      for (const [measure, query] of figures)
        expect([dates[i], measure, countIn(tableOf(trends, measure)[i])]).toEqual([
          dates[i],
          measure,
          count(then, query),
        ]);
    }
  });

  it('counts each earlier date from the records as they stood then (no personal adviser, assessments, the flow)', async () => {
    const page = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    const adviser = tableOf(page.body, 'no-personal-adviser').map(Number);
    const assessment = tableOf(page.body, 'needs-assessment-overdue').map(Number);
    const waiting = tableOf(page.body, 'waiting').map(Number);
    const median = tableOf(page.body, 'median-days');
    for (const [i, on] of dates.entries()) {
      const o = oracle(on);
      expect([on, adviser[i]]).toEqual([on, o.careLeavers.noPersonalAdviser]);
      expect([on, assessment[i]]).toEqual([on, o.careLeavers.needsAssessmentOverdue]);
      expect([on, waiting[i]]).toEqual([on, o.flow.waitingPeople]);
      expect([on, median[i]]).toEqual([
        on,
        o.flow.median === null ? '– (none approved)' : `${o.flow.median} (${o.flow.reviewsApproved})`,
      ]);
    }
    // The council moves: the figures are not the same on every date.
    expect(new Set(waiting).size + new Set(adviser).size).toBeGreaterThan(2);
  });

  it('gives a team manager their team’s trend, by the allocation on each date', async () => {
    const team = staffByLocal(rows, 'tm').teamId;
    const page = await (await as('tm')).get(`/performance?asAt=${TODAY}`);
    const noAdviser = tableOf(page.body, 'no-personal-adviser').map(Number);
    for (const [i, on] of dates.entries()) {
      const o = oracle(on);
      const own = o.open.filter((yp) => o.teamOn(yp.id) === team);
      const withAdviser = new Set(
        rows.allocations
          .filter((a) => a.allocationRole === 'personal_adviser' && inForce(a.startDate, a.endDate, on))
          .map((a) => a.youngPersonId),
      );
      expect([on, noAdviser[i]]).toEqual([on, own.filter((yp) => !withAdviser.has(yp.id)).length]);
    }
  });

  it('links each number of a trend to the young people behind it on its date, in one audited read', async () => {
    const sm = await as('sm');
    const page = await sm.get(`/performance?asAt=${TODAY}`);
    const on = dates[5];
    const query = 'measure=care-leavers&amp;part=noPersonalAdviser&amp;category=all';
    const shown = oracle(on).careLeavers.noPersonalAdviser;
    expect(shown).toBeGreaterThan(0);
    expect(page.body).toContain(`href="/performance/people?asAt=${on}&amp;${query}">${shown}<`);
    const list = await sm.get(`/performance/people?asAt=${on}&${query.replaceAll('&amp;', '&')}`);
    expect(list.statusCode).toBe(200);
    expect(linkedIn(list.body).length + hiddenIn(list.body)).toBe(shown);
    const [audit] = await auditOf(list.headers['x-request-id']);
    expect(audit).toMatchObject({ action: 'performance.list', outcome: 'allowed' });
    expect(audit.details).toMatchObject({ measure: 'care-leavers', part: 'noPersonalAdviser', asAt: on, total: shown });
  });

  it('downloads a trend with the figures the page shows: overdue counts, the cohort by band, the median', async () => {
    const sm = await as('sm');
    const page = await sm.get(`/performance?asAt=${TODAY}`);
    const overdue = csvRows((await sm.get(`/performance/trend-review-overdue.csv?asAt=${TODAY}`)).body);
    expect(overdue[0]).toEqual(['date', 'young_people']);
    expect(overdue.slice(1)).toEqual(dates.map((on, i) => [on, tableOf(page.body, 'review-overdue')[i]]));
    const cohort = csvRows((await sm.get(`/performance/trend-cohort.csv?asAt=${TODAY}`)).body);
    expect(cohort[0]).toEqual(['date', 'young_people', '15½', '16', '17', '18', '19', '20', '21+']);
    for (const row of cohort.slice(1)) expect(row.slice(2).reduce((sum, n) => sum + Number(n), 0)).toBe(Number(row[1]));
    const median = csvRows((await sm.get(`/performance/trend-median-days.csv?asAt=${TODAY}`)).body);
    expect(median[0]).toEqual(['date', 'median_days', 'reviews_approved']);
    const o = oracle(TODAY);
    expect(median.at(-1)).toEqual([
      TODAY,
      o.flow.median === null ? '' : String(o.flow.median),
      String(o.flow.reviewsApproved),
    ]);
    const eet = csvRows((await sm.get(`/performance/trend-outcomes-eet.csv?asAt=${TODAY}`)).body);
    expect(eet[0]).toEqual(['date', 'percent', 'count', 'of']);
    expect(Number(eet.at(-1)![2])).toBe(count(page.body, 'measure=outcomes&part=inEet&age=all'));
  });

  it('draws the unaccompanied target on its chart', async () => {
    const sm = await as('sm');
    await sm.get('/performance/targets');
    expect(
      (await sm.post('/performance/targets', { 'plans-16-17': '', 'care-leavers': '', unaccompanied: '75' }))
        .statusCode,
    ).toBe(303);
    try {
      const page = await sm.get(`/performance?asAt=${TODAY}`);
      const start = page.body.indexOf('aria-labelledby="trend-unaccompanied-title');
      expect(page.body.slice(start, page.body.indexOf('</svg>', start))).toContain('>Target 75%</text>');
      expect(page.body).toMatch(/<desc id="trend-unaccompanied-desc">[^<]*The target is 75%\.<\/desc>/);
    } finally {
      await sm.get('/performance/targets');
      await sm.post('/performance/targets', { 'plans-16-17': '', 'care-leavers': '', unaccompanied: '' });
    }
  });
});

describe('every table downloads as CSV and XLSX, named and audited (issue 10 §2)', () => {
  const TABLES = [
    'plans-16-17',
    'cohort',
    'care-leavers',
    'unaccompanied',
    'plans-approved',
    ...TREND_MEASURES.map((m) => `trend-${m}`),
  ];

  it('links every table on the page to its CSV and XLSX', async () => {
    const page = await (await as('sm')).get(`/performance?asAt=${TODAY}`);
    for (const name of TABLES)
      for (const format of ['csv', 'xlsx'])
        expect(page.body).toContain(`href="/performance/${name}.${format}?asAt=${TODAY}"`);
  });

  it.each(TABLES)(
    '%s: CSV and XLSX hold the same rows, named with the council and date, each download audited',
    async (name) => {
      const sm = await as('sm');
      const asAt = addMonths(TODAY, -2);
      const csv = await sm.get(`/performance/${name}.csv?asAt=${asAt}`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe(
        `attachment; filename="${rows.council.slug}-${name}-${asAt}.csv"`,
      );
      const xlsx = await sm.get(`/performance/${name}.xlsx?asAt=${asAt}`);
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toBe(
        `attachment; filename="${rows.council.slug}-${name}-${asAt}.xlsx"`,
      );
      // Numbers are numbers in the workbook: "85.0" in the CSV is 85 there.
      // An empty cell (a month with no figure) has no value in the workbook and is "" in the CSV.
      const same = (cells: (string | undefined)[][]) =>
        cells.map((r) => Array.from(r, (c = '') => (/^\d+\.\d$/.test(c) ? String(Number(c)) : c)));
      expect(same(await xlsxRows(xlsx.rawPayload))).toEqual(same(csvRows(csv.body)));
      for (const [r, format] of [
        [csv, 'csv'],
        [xlsx, 'xlsx'],
      ] as const) {
        const [audit] = await auditOf(r.headers['x-request-id']);
        expect(audit).toMatchObject({ action: 'performance.download', outcome: 'allowed' });
        expect(audit.details).toMatchObject({ measure: name, format, asAt });
      }
    },
  );

  it('downloads the same figures as the records hold: care leavers, plans approved and the Dorset trend', async () => {
    const sm = await as('sm');
    const o = oracle(TODAY);
    const leavers = csvRows((await sm.get(`/performance/care-leavers.csv?asAt=${TODAY}`)).body);
    expect(leavers[0].join(',')).toBe(
      'status,open_cases,plan_in_date,review_overdue,needs_assessment_overdue,first_plan_overdue,no_personal_adviser',
    );
    const all = leavers.at(-1)!;
    expect(all[0]).toBe('All care leavers');
    expect([all[1], all[2], all[4], all[6]].map(Number)).toEqual([
      o.careLeavers.youngPeople,
      o.careLeavers.planInDate,
      o.careLeavers.needsAssessmentOverdue,
      o.careLeavers.noPersonalAdviser,
    ]);
    const approved = csvRows((await sm.get(`/performance/plans-approved.csv?asAt=${TODAY}`)).body).slice(1);
    expect(approved.map((r) => r[0])).toEqual(o.flow.months);
    expect(approved.map((r) => Number(r[3]))).toEqual(o.flow.approvedPerMonth);
  });

  it('gives a team manager their own team’s figures only', async () => {
    const o = oracle(TODAY);
    const team = staffByLocal(rows, 'tm').teamId;
    const own = o.open.filter((yp) => o.teamOn(yp.id) === team).length;
    const xlsx = await (await as('tm')).get(`/performance/care-leavers.xlsx?asAt=${TODAY}`);
    const all = (await xlsxRows(xlsx.rawPayload)).at(-1)!;
    expect(all[0]).toBe('All care leavers');
    expect(Number(all[1])).toBe(own);
  });

  it('refuses a personal adviser (audited), says an unknown table is not found and a wrong date is wrong', async () => {
    const pa = await as('pa');
    for (const url of [`/performance/cohort.xlsx?asAt=${TODAY}`, `/performance/trend-approvals.csv?asAt=${TODAY}`]) {
      const r = await pa.get(url);
      expect([url, r.statusCode]).toEqual([url, 403]);
      await expectRefusalAudited(r.headers['x-request-id']);
    }
    const sm = await as('sm');
    for (const url of ['/performance/everything.csv', '/performance/cohort.pdf', '/performance/cohort.xlsx.csv'])
      expect([url, (await sm.get(`${url}?asAt=${TODAY}`)).statusCode]).toEqual([url, 404]);
    const wrong = await sm.get(`/performance/cohort.xlsx?asAt=${addMonths(TODAY, 1)}`, { accept: 'application/json' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      status: 400,
      errors: { asAt: expect.stringContaining('today or in the past') },
    });
  });
});

describe('targets (issue 10 §1: "the council sets a target per measure")', () => {
  const svgOf = (html: string, measure: string) => {
    const start = html.indexOf(`aria-labelledby="trend-${measure}-title`);
    return html.slice(start, html.indexOf('</svg>', start));
  };

  it('a service manager sets them; the page shows each beside its figure and as a line on its chart; audited', async () => {
    const sm = await as('sm');
    expect((await sm.get('/performance/targets')).statusCode).toBe(200);
    const saved = await sm.post('/performance/targets', {
      'plans-16-17': '90',
      'care-leavers': ' 85 ',
      unaccompanied: '',
    });
    try {
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe('/performance/targets?saved=1');
      const [audit] = await auditOf(saved.headers['x-request-id']);
      expect(audit).toMatchObject({ action: 'performance.targets', outcome: 'allowed' });
      expect(audit.details).toMatchObject({
        after: { 'plans-16-17': 90, 'care-leavers': 85, unaccompanied: null },
      });
      const form = await sm.get('/performance/targets?saved=1');
      expect(form.body).toContain('Targets saved');
      expect(form.body).toMatch(/name="plans-16-17"[^>]*value="90"|value="90"[^>]*name="plans-16-17"/);

      const page = await sm.get(`/performance?asAt=${TODAY}`);
      expect(page.body).toContain('Target: 90% in date.');
      expect(page.body).toContain('Target: 85% with a plan in date.');
      expect(page.body).toContain('No target set');
      expect(svgOf(page.body, 'plans-16-17')).toContain('>Target 90%</text>');
      expect(svgOf(page.body, 'care-leavers')).toContain('>Target 85%</text>');
      expect(svgOf(page.body, 'approvals')).not.toContain('app-chart__target');
      expect(page.body).toMatch(/<desc id="trend-plans-16-17-desc">[^<]*The target is 90%\.<\/desc>/);

      // A team manager sees the council's targets on their team's page.
      expect((await (await as('tm')).get(`/performance?asAt=${TODAY}`)).body).toContain('Target: 90% in date.');
      // Another council does not.
      const other = await buildCouncil(t.db, { youngPeople: 20 });
      const elsewhere = new Agent(t.app);
      await elsewhere.post('/sign-in', { login: signInFor(other, 'sm'), password: PASSWORD });
      const theirs = await elsewhere.get(`/performance?asAt=${TODAY}`);
      expect(theirs.statusCode).toBe(200);
      expect(theirs.body).not.toContain('Target: 90%');
    } finally {
      await sm.get('/performance/targets');
      const cleared = await sm.post('/performance/targets', {
        'plans-16-17': '',
        'care-leavers': '',
        unaccompanied: '',
      });
      expect(cleared.statusCode).toBe(303);
    }
    expect((await sm.get(`/performance?asAt=${TODAY}`)).body).not.toContain('Target: 90%');
  });

  /** Every box of the form: those given, the rest blank (no target). */
  const allBoxes = (given: Record<string, string>) => ({
    ...Object.fromEntries(TARGET_MEASURES.map((m) => [m, ''])),
    ...given,
  });
  const NO_OUTCOME_TARGETS = ['Council’s target', '–', 'No target set', 'No target set', 'No target set'];
  /** The outcomes table's row for the council's targets, as its cells' text. */
  const targetRowOf = (html: string) => {
    const start = html.indexOf('id="outcomes"');
    const table = html.slice(start, html.indexOf('</table>', start));
    const row = [...table.matchAll(/<tr[\s\S]*?<\/tr>/g)].find((tr) => tr[0].includes('Council’s target'));
    return row ? [...row[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1].trim()) : null;
  };

  it('sets a target for each outcome at 19 to 21: beside its figure, on its chart and its table, cleared; audited', async () => {
    const sm = await as('sm');
    // The page's figures are kept once made: a target set after must still show on the next request.
    const before = await sm.get(`/performance?asAt=${TODAY}`);
    expect(targetRowOf(before.body)).toEqual(NO_OUTCOME_TARGETS);
    await sm.get('/performance/targets');
    const saved = await sm.post(
      '/performance/targets',
      allBoxes({ 'outcomes-in-touch': '95', 'outcomes-eet': ' 60', 'outcomes-suitable': '0' }),
    );
    try {
      expect(saved.statusCode).toBe(303);
      const [audit] = await auditOf(saved.headers['x-request-id']);
      expect(audit).toMatchObject({ action: 'performance.targets', outcome: 'allowed' });
      expect(audit.details).toMatchObject({
        before: { 'outcomes-in-touch': null, 'outcomes-eet': null, 'outcomes-suitable': null },
        after: { 'outcomes-in-touch': 95, 'outcomes-eet': 60, 'outcomes-suitable': 0, 'plans-16-17': null },
      });
      const formPage = await sm.get('/performance/targets');
      expect(formPage.body).toMatch(/name="outcomes-eet"[^>]*value="60"|value="60"[^>]*name="outcomes-eet"/);

      // The next request shows them (the figures kept are made again once a target changes).
      const page = await sm.get(`/performance?asAt=${TODAY}`);
      expect(targetRowOf(page.body)).toEqual(['Council’s target', '–', '95%', '60%', '0%']);
      for (const [measure, target] of [
        ['outcomes-in-touch', 95],
        ['outcomes-eet', 60],
        ['outcomes-suitable', 0],
      ] as const) {
        expect(svgOf(page.body, measure)).toContain(`>Target ${target}%</text>`);
        expect(page.body).toMatch(
          new RegExp(`<desc id="trend-${measure}-desc">[^<]*The target is ${target}%\\.</desc>`),
        );
        const heading = page.body.indexOf(`id="trend-${measure}"`);
        expect(page.body.slice(heading, heading + 400)).toContain(`Target: ${target}% (the dashed line).`);
        expect(page.body).toMatch(new RegExp(`visually-hidden">[^<]*, by date, target ${target}%</caption>`));
      }
      expect(svgOf(page.body, 'cohort')).not.toContain('app-chart__target');
      // A team manager sees the council's targets beside their team's figures.
      const tm = await (await as('tm')).get(`/performance?asAt=${TODAY}`);
      expect(targetRowOf(tm.body)).toEqual(['Council’s target', '–', '95%', '60%', '0%']);
      // A form from before these boxes existed (the three first targets only) leaves them as they are.
      await sm.get('/performance/targets');
      const old = await sm.post('/performance/targets', { 'plans-16-17': '', 'care-leavers': '', unaccompanied: '' });
      expect(old.statusCode).toBe(303);
      expect(targetRowOf((await sm.get(`/performance?asAt=${TODAY}`)).body)).toEqual([
        'Council’s target',
        '–',
        '95%',
        '60%',
        '0%',
      ]);
    } finally {
      await sm.get('/performance/targets');
      expect((await sm.post('/performance/targets', allBoxes({}))).statusCode).toBe(303);
    }
    const cleared = await sm.get(`/performance?asAt=${TODAY}`);
    expect(targetRowOf(cleared.body)).toEqual(NO_OUTCOME_TARGETS);
    expect(svgOf(cleared.body, 'outcomes-eet')).not.toContain('app-chart__target');
  });

  it.each([
    ['outcomes-in-touch', '101'],
    ['outcomes-eet', '-1'],
    ['outcomes-suitable', '5%'],
    ['quality-good', '99.9'],
    ['quality-involvement', 'most'],
    ['plans-16-17', '101'],
    ['plans-16-17', 'ninety'],
    ['plans-16-17', '-5'],
    ['plans-16-17', '90.5'],
  ])('refuses the target %s of %s, says so next to its box, and saves none of the form', async (measure, value) => {
    const sm = await as('sm');
    await sm.get('/performance/targets');
    const r = await sm.post('/performance/targets', allBoxes({ 'care-leavers': '81', [measure]: value }));
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('<title>Error: Targets');
    expect(r.body).toContain('govuk-error-summary');
    expect(r.body).toContain(`href="#${measure}"`);
    expect(r.body).toMatch(new RegExp(`id="${measure}-error"[^>]*>[\\s\\S]*?Enter a whole number from 0 to 100`));
    expect(r.body).toMatch(new RegExp(`name="${measure}"[^>]*value="${value}"|value="${value}"[^>]*name="${measure}"`));
    expect((await sm.get(`/performance?asAt=${TODAY}`)).body).not.toContain('Target: 81%');
  });

  it('refuses a team manager and an IRO the form and the change, and audits each refusal', async () => {
    for (const who of ['tm', 'iro'] as const) {
      const agent = await as(who);
      const page = await agent.get('/performance');
      expect(page.body).not.toContain('href="/performance/targets"');
      const form = await agent.get('/performance/targets');
      expect(form.statusCode).toBe(403);
      await expectRefusalAudited(form.headers['x-request-id']);
      for (const value of ['90', 'x']) {
        const r = await agent.post('/performance/targets', allBoxes({ 'outcomes-eet': value, 'quality-good': value }), {
          csrf: await agent.csrf('/performance'),
        });
        expect([who, value, r.statusCode]).toEqual([who, value, 403]);
        await expectRefusalAudited(r.headers['x-request-id']);
      }
    }
  });
});
