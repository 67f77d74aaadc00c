// The quality and involvement page (issue 10 §1d, §1e) per role. Its figures are checked against
// counts written here from the generated council's own rows (plan versions, their stored ratings,
// the returns on its reviews, the allocations on the day), so a repository reading the wrong rows or
// a page scoped to the wrong team fails, not only a wrong rule (those are in
// test/unit/oversight/plan-quality.test.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planVersions, reviews } from '../../src/data/schema.ts';
import { whileRestricted } from '../support/restricted.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import {
  type Actor,
  type InvolvementAnswer,
  type ReturnRecord,
  type ReviewEvent,
  transition,
} from '../../src/domain/plan/index.ts';
import { addMonths } from '../../src/domain/statutory/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent, runAddress } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { pageWords } from '../support/text.ts';
import { csvRows, xlsxRows } from '../support/downloads.ts';
import { QUALITY_DOWNLOADS } from '../../src/domain/oversight/index.ts';
import { TARGET_MEASURES } from '../../src/services/oversight.ts';
import { youngPeopleFreeToWrite } from '../support/factories.ts';
import { approvedOf, reviewAt, syntheticContent } from '../../src/seed/plans.ts';
import { seededRandom } from '../../src/seed/random.ts';

let t: TestApp;
let rows: CouncilRows;
let agents = 0;
const ANSWERED = ['all_or_most', 'all_or_most', 'sometimes', 'dont_know'] as const;
let answered = 0;
const answeredReviews: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 160 });
  // The generated plans were signed before the question existed: four more, signed with answers.
  for (const [i, answer] of ANSWERED.entries()) await approveWithAnswer(youngPeopleFreeToWrite(rows)[i].id, answer);
}, 60_000);

/** A plan driven through the review machine to signatures, signed with an answer, and approved today. */
async function approveWithAnswer(youngPersonId: string, involvement: InvolvementAnswer) {
  const yp = rows.youngPeople.find((y) => y.id === youngPersonId)!;
  const adviserId = String(yp.personalAdviserId);
  const managerId = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === yp.teamId)!.id;
  const id = randomUUID();
  const context = { uasc: false, firstPlan: false };
  let n = 0;
  const content = syntheticContent(seededRandom(answered + 7), context, TODAY, () => `${id.slice(0, 8)}-${++n}`);
  let review = reviewAt({
    id,
    youngPersonId,
    context,
    adviserId,
    managerId,
    content,
    stage: 'awaiting_signatures',
    on: TODAY,
  });
  for (const [event, actor] of [
    [
      { type: 'signAsYoungPerson', involvement },
      { kind: 'young_person', id: youngPersonId },
    ],
    [{ type: 'signAsWorker' }, { kind: 'staff', id: adviserId, role: 'personal_adviser' }],
    [
      { type: 'approve', rating: 'good', feedback: 'Clear.' },
      { kind: 'staff', id: managerId, role: 'team_manager' },
    ],
  ] as [ReviewEvent, Actor][]) {
    const next = transition(review, event, actor, TODAY);
    if (!next.ok) throw new Error(next.refusal.reason);
    review = next.review;
  }
  const version =
    1 + Math.max(0, ...rows.planVersions.filter((v) => v.youngPersonId === youngPersonId).map((v) => v.version));
  const reviewRow = { id, councilId: rows.council.id, youngPersonId, state: review.state, review };
  const versionRow = {
    councilId: rows.council.id,
    youngPersonId,
    reviewId: id,
    version,
    review: approvedOf(review, version),
    approvedOn: TODAY,
    approvedBy: managerId,
    qualityRating: 'outstanding',
  };
  await t.db.system(async (tx) => {
    await tx.insert(reviews).values(reviewRow);
    await tx.insert(planVersions).values(versionRow);
  });
  // The oracles below read these rows as they read the generated ones.
  rows.reviews.push(reviewRow);
  rows.planVersions.push(versionRow);
  answered += 1;
  answeredReviews.push(id);
}
afterAll(() => t.close());

async function as(who: 'pa' | 'tm' | 'iro' | 'sm') {
  const agent = new Agent(t.app, runAddress(11, ++agents));
  await agent.signIn(signInFor(rows, who), PASSWORD);
  return agent;
}

const inside = (on: string, asAt = TODAY) => on >= `${addMonths(asAt, -11).slice(0, 7)}-01` && on <= asAt;

/** The team each young person was allocated to on `asAt`, as the oversight README's interpretation 6 says. */
function teamOn(youngPersonId: string, asAt = TODAY): string | null {
  const held = rows.allocations.filter((a) => a.youngPersonId === youngPersonId);
  if (held.length === 0) return String(rows.youngPeople.find((y) => y.id === youngPersonId)!.teamId);
  const current = held
    .filter((a) => String(a.startDate) <= asAt && (!a.endDate || String(a.endDate) > asAt))
    .sort((a, b) => String(a.startDate).localeCompare(String(b.startDate)))
    .at(-1);
  return current ? String(rows.staff.find((s) => s.id === current.staffId)!.teamId) : null;
}

/** The rows of the table whose caption starts with `caption`, each as its cells' words. */
function table(html: string, caption: string): string[][] {
  const start = html.indexOf(`<caption class="govuk-table__caption govuk-table__caption--s">${caption}`);
  expect(start, `a table captioned “${caption}”`).toBeGreaterThan(-1);
  const body = html.slice(html.indexOf('<tbody', start), html.indexOf('</tbody>', start));
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => pageWords(withoutHidden(cell[1])).trim()),
  );
}
/** A cell as it looks: without the words for screen readers that say what a count's link lists. */
const withoutHidden = (html: string) => html.replace(/<span class="govuk-visually-hidden">[\s\S]*?<\/span>/g, '');
const rowOf = (lines: string[][], name: string) => lines.find((line) => line[0] === name);

/** Plan versions approved in the 12 months, of young people in `teamId` on the day (any team when undefined). */
function approvedIn(teamId?: string) {
  return rows.planVersions.filter(
    (v) => inside(String(v.approvedOn)) && (teamId === undefined || teamOn(String(v.youngPersonId)) === teamId),
  );
}
function returnsIn(teamId?: string) {
  return rows.reviews.flatMap((r) =>
    ((r.review as { returns?: ReturnRecord[] }).returns ?? [])
      .filter((x) => inside(x.on) && (teamId === undefined || teamOn(String(r.youngPersonId)) === teamId))
      .map((x) => ({ ...x, restricted: rows.youngPeople.find((y) => y.id === r.youngPersonId)!.restricted })),
  );
}
const RATINGS = ['outstanding', 'good', 'requires_improvement', 'inadequate'];

describe('issue 10 §1d: approved plans by rating, for those who oversee the council', () => {
  it.each(['sm', 'iro'] as const)('%s: every team, and All teams matches a count of the plan versions', async (who) => {
    const agent = await as(who);
    const page = await agent.get('/performance/quality');
    expect(page.statusCode).toBe(200);
    const lines = table(page.body, 'Approved plans by rating and team');
    const all = rowOf(lines, 'All teams')!;
    const want = approvedIn();
    expect(want.length).toBeGreaterThan(0);
    expect(all.slice(1).map(Number)).toEqual([
      want.length,
      ...RATINGS.map((r) => want.filter((v) => v.qualityRating === r).length),
    ]);
    const teams = lines.filter((line) => line[0] !== 'All teams');
    for (const column of [1, 2, 3, 4, 5])
      expect(teams.reduce((sum, line) => sum + Number(line[column]), 0)).toBe(Number(all[column]));
    for (const team of rows.teams) {
      const line = rowOf(lines, String(team.name));
      if (line) expect(Number(line[1])).toBe(approvedIn(team.id).length);
    }
    const months = table(page.body, 'Approved plans by rating and month');
    expect(months).toHaveLength(12);
    expect(months.reduce((sum, line) => sum + Number(line[1]), 0)).toBe(want.length);
    // By team and by month: each team's 12 months add up to its plans.
    for (const team of rows.teams.filter((x) => rowOf(lines, String(x.name)))) {
      const teamMonths = table(page.body, `Approved plans by rating and month, ${team.name}`);
      expect(teamMonths).toHaveLength(12);
      expect(teamMonths.reduce((sum, line) => sum + Number(line[1]), 0)).toBe(approvedIn(team.id).length);
    }
  });

  it('on a past as-at date, counts the plans approved in the 12 months to that date', async () => {
    const sm = await as('sm');
    const asAt = addMonths(TODAY, -6);
    const page = await sm.get(`/performance/quality?asAt=${asAt}`);
    const all = rowOf(table(page.body, 'Approved plans by rating and team'), 'All teams')!;
    expect(Number(all[1])).toBe(rows.planVersions.filter((v) => inside(String(v.approvedOn), asAt)).length);
  });
});

describe('issue 10 §1d: a team manager sees their own team only', () => {
  it('shows their team, counted by the allocation on the day, and no other team', async () => {
    const tm = await as('tm');
    const own = String(staffByLocal(rows, 'tm').teamId);
    const page = await tm.get('/performance/quality');
    expect(page.statusCode).toBe(200);
    const lines = table(page.body, 'Approved plans by rating and team');
    const others = rows.teams.filter((team) => team.id !== own).map((team) => String(team.name));
    expect(lines.map((line) => line[0]).filter((name) => others.includes(name))).toEqual([]);
    expect(Number(rowOf(lines, 'All teams')![1])).toBe(approvedIn(own).length);
    expect(Number(rowOf(table(page.body, 'Plans returned by team'), 'All teams')![2])).toBe(returnsIn(own).length);
  });
});

describe('issue 10 §1d: the checks on approved plans, and plans returned', () => {
  it('counts plans signed by both and with the young person taking part, of all approved', async () => {
    const sm = await as('sm');
    const page = await sm.get('/performance/quality');
    const all = rowOf(table(page.body, 'Checks on approved plans by team'), 'All teams')!;
    const approved = approvedIn();
    // Generated plans are all signed on the young person's device and by the worker, taking part in person.
    const signed = approved.filter((v) => {
      const r = v.review as { youngPersonSignOff: { kind: string } | null; workerSignature: unknown };
      return r.workerSignature && ['signed_on_device', 'signed_on_paper'].includes(r.youngPersonSignOff?.kind ?? '');
    }).length;
    expect(all[1]).toBe(String(approved.length));
    expect(all[3]).toBe(`${signed} (${Math.round((1000 * signed) / approved.length) / 10}%)`);
    const disagreed = approved.filter(
      (v) => (v.review as { youngPersonSignOff: { kind: string } | null }).youngPersonSignOff?.kind === 'disagreement',
    ).length;
    expect(all[5]).toMatch(new RegExp(`^${disagreed} \\(`));
  });

  it('counts the returns at approval in the 12 months and shows the reasons given, hiding restricted ones', async () => {
    const sm = await as('sm');
    const page = await sm.get('/performance/quality');
    const all = rowOf(table(page.body, 'Plans returned by team'), 'All teams')!;
    const returns = returnsIn();
    expect(Number(all[2])).toBe(returns.length);
    const open = returns.find((r) => !r.restricted);
    if (open) expect(pageWords(page.body)).toContain(open.reason);
    if (returns.some((r) => r.restricted)) expect(page.body).toContain('Not shown: restricted record');
  });
});

describe('issue 10 §1e: how involved young people felt, beside the Bright Spots figures', () => {
  /** The involvement row for these plans as the page should show it: counts, shares of those who answered. */
  function involvementRow(name: string, plans: typeof rows.planVersions) {
    const answers = plans.map(
      (v) =>
        (v.review as { youngPersonSignOff: { involvement?: string | null } | null }).youngPersonSignOff?.involvement,
    );
    const answered = answers.filter((a) => a).length;
    const cell = (answer: string) => {
      const n = answers.filter((a) => a === answer).length;
      return `${n} (${answered ? `${Math.round((1000 * n) / answered) / 10}%` : '–'})`;
    };
    return [name, String(answered), ...INVOLVEMENT.map(cell), String(plans.length - answered)];
  }
  const INVOLVEMENT = ['all_or_most', 'sometimes', 'hardly_ever_or_never', 'dont_know'];

  it.each([
    ['today', TODAY],
    ['23 months ago', addMonths(TODAY, -23)],
  ])('as at %s, counts the answers given at signing by team, as shares of those who answered', async (_when, asAt) => {
    const sm = await as('sm');
    const page = await sm.get(`/performance/quality?asAt=${asAt}`);
    const lines = table(page.body, 'How involved young people felt');
    const plans = rows.planVersions.filter((v) => inside(String(v.approvedOn), asAt));
    expect(rowOf(lines, 'All teams')).toEqual(involvementRow('All teams', plans));
    for (const team of rows.teams) {
      const line = rowOf(lines, String(team.name));
      if (line)
        expect(line).toEqual(
          involvementRow(
            String(team.name),
            plans.filter((v) => teamOn(String(v.youngPersonId), asAt) === team.id),
          ),
        );
    }
  });

  it('includes the answers signed through the review machine today', async () => {
    const sm = await as('sm');
    const page = await sm.get('/performance/quality');
    const all = rowOf(table(page.body, 'How involved young people felt'), 'All teams')!;
    expect(Number(all[1])).toBeGreaterThanOrEqual(ANSWERED.length);
    expect(
      involvementRow(
        'All teams',
        approvedIn().filter((v) => answeredReviews.includes(String(v.reviewId))),
      ),
    ).toEqual(['All teams', '4', '2 (50%)', '1 (25%)', '0 (0%)', '1 (25%)', '0']);
  });

  it('shows the Bright Spots figures beside them', async () => {
    const sm = await as('sm');
    const page = await sm.get('/performance/quality');
    const words = pageWords(page.body);
    expect(words).toContain('62% of care leavers in England felt involved all or most of the time');
    expect(words).toContain('in the best council, 73%');
    const glos = rowOf(table(page.body, 'How involved young people felt'), 'Bright Spots: Gloucestershire’s survey')!;
    expect(glos.slice(2, 6)).toEqual(['56%', '31%', '7%', '6%']);
  });
});

describe('issue 10 §1: the same permissions, date rules and audit as /performance', () => {
  it('refuses a personal adviser, and audits the refusal', async () => {
    const pa = await as('pa');
    const r = await pa.get('/performance/quality');
    expect(r.statusCode).toBe(403);
    const audited = await auditRowsOf(t.db, r);
    expect(audited.filter((row) => row.outcome === 'denied')).toHaveLength(1);
  });

  it('audits each view with its as-at date and the figures shown', async () => {
    const iro = await as('iro');
    const asAt = addMonths(TODAY, -3);
    const r = await iro.get(`/performance/quality?asAt=${asAt}`);
    expect(r.statusCode).toBe(200);
    const [row] = await auditRowsOf(t.db, r);
    expect(row).toMatchObject({
      action: 'performance.view',
      outcome: 'allowed',
      actorId: staffByLocal(rows, 'iro').id,
    });
    expect(row.details).toMatchObject({ asAt, measures: ['plan-quality', 'involvement'] });
  });

  it.each([
    ['a day after today', `asAt=${addMonths(TODAY, 1)}`, 'The date must be today or in the past'],
    ['more than 24 months ago', `asAt=${addMonths(TODAY, -25)}`, 'The date must be on or after'],
    ['30 February in the boxes', 'asAt-day=30&asAt-month=2&asAt-year=2026', 'The date must be a real date'],
  ])('says what is wrong with %s, next to the field, with no figures', async (_what, query, message) => {
    const sm = await as('sm');
    const page = await sm.get(`/performance/quality?${query}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('govuk-error-summary');
    expect(page.body).toContain('href="#asAt-day"');
    expect(page.body).toContain(message);
    expect(page.body).not.toContain('All teams');
  });

  it('is linked from the performance page with the same as-at date', async () => {
    const sm = await as('sm');
    const asAt = addMonths(TODAY, -2);
    const page = await sm.get(`/performance?asAt=${asAt}`);
    expect(page.body).toContain(`href="/performance/quality?asAt=${asAt}"`);
  });
});

describe('issue 10 §2: every table of the quality page downloads as CSV and XLSX, audited', () => {
  it.each(['sm', 'iro', 'tm'] as const)(
    '%s: each table linked on the page, named <council>-<table>-<as-at>, the same rows in both files',
    async (who) => {
      const agent = await as(who);
      const asAt = addMonths(TODAY, -1);
      const page = await agent.get(`/performance/quality?asAt=${asAt}`);
      for (const name of QUALITY_DOWNLOADS)
        for (const format of ['csv', 'xlsx']) {
          const url = `/performance/quality/${name}.${format}?asAt=${asAt}`;
          // One team has no per-team months on the page (its months are the month table); the file is there.
          if (who !== 'tm' || name !== 'quality-ratings-by-team-and-month')
            expect(page.body).toContain(`href="${url}"`);
          const r = await agent.get(url);
          expect([url, r.statusCode]).toEqual([url, 200]);
          expect(r.headers['content-disposition']).toBe(
            `attachment; filename="${rows.council.slug}-${name}-${asAt}.${format}"`,
          );
          const [audit] = await auditRowsOf(t.db, r);
          expect(audit).toMatchObject({ action: 'performance.download', outcome: 'allowed' });
          expect(audit.details).toMatchObject({ measure: name, format, asAt });
        }
      const csv = await agent.get(`/performance/quality/quality-checks.csv?asAt=${asAt}`);
      const xlsx = await agent.get(`/performance/quality/quality-checks.xlsx?asAt=${asAt}`);
      // Numbers are numbers in the workbook: "85.0" in the CSV is 85 there.
      const same = (cells: string[][]) => cells.map((r) => r.map((c) => (/^\d+\.\d$/.test(c) ? String(Number(c)) : c)));
      expect(same(await xlsxRows(xlsx.rawPayload))).toEqual(same(csvRows(csv.body)));
    },
  );

  it('gives the same counts as the plan versions: every team for a service manager, their own for a team manager', async () => {
    const lines = csvRows((await (await as('sm')).get(`/performance/quality/quality-ratings.csv?asAt=${TODAY}`)).body);
    expect(lines[0]).toEqual(['team', 'approved', ...RATINGS]);
    const want = approvedIn();
    expect(lines.at(-1)).toEqual([
      'All teams',
      String(want.length),
      ...RATINGS.map((r) => String(want.filter((v) => v.qualityRating === r).length)),
    ]);
    const own = String(staffByLocal(rows, 'tm').teamId);
    const mine = csvRows((await (await as('tm')).get(`/performance/quality/quality-ratings.csv?asAt=${TODAY}`)).body);
    const others = rows.teams.filter((team) => team.id !== own).map((team) => String(team.name));
    expect(mine.map((line) => line[0]).filter((name) => others.includes(name))).toEqual([]);
    expect(mine.at(-1)![1]).toBe(String(approvedIn(own).length));
    const returns = csvRows(
      (await (await as('tm')).get(`/performance/quality/quality-returns.csv?asAt=${TODAY}`)).body,
    );
    expect(returns.at(-1)![2]).toBe(String(returnsIn(own).length));
  });

  it('refuses a personal adviser (audited), says an unknown table is not found and a wrong date is wrong', async () => {
    const pa = await as('pa');
    const refused = await pa.get(`/performance/quality/quality-ratings.csv?asAt=${TODAY}`);
    expect(refused.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, refused)).filter((row) => row.outcome === 'denied')).toHaveLength(1);
    const sm = await as('sm');
    for (const url of ['/performance/quality/everything.csv', '/performance/quality/quality-ratings.pdf'])
      expect([url, (await sm.get(`${url}?asAt=${TODAY}`)).statusCode]).toEqual([url, 404]);
    const wrong = await sm.get(`/performance/quality/quality-ratings.csv?asAt=${addMonths(TODAY, 1)}`, {
      accept: 'application/json',
    });
    expect(wrong.statusCode).toBe(400);
  });
});

describe('issue 10 §2: the rating trend as a chart with its numbers beside it', () => {
  it('draws the share rated good or outstanding each month, as the plan versions say', async () => {
    const page = (await (await as('sm')).get(`/performance/quality?asAt=${TODAY}`)).body;
    expect(page).toContain('aria-labelledby="trend-quality-good-title');
    const start = page.indexOf('<caption class="govuk-table__caption govuk-visually-hidden">Rated good or outstanding');
    expect(start).toBeGreaterThan(-1);
    const body = page.slice(page.indexOf('<tbody', start), page.indexOf('</tbody>', start));
    const cells = [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
        pageWords(withoutHidden(c[1]).replace(/<\/?a[^>]*>/g, '')).trim(),
      ),
    );
    expect(cells).toHaveLength(12);
    for (const [i, line] of cells.entries()) {
      const month = addMonths(`${TODAY.slice(0, 7)}-01`, i - 11).slice(0, 7);
      const approved = rows.planVersions.filter(
        (v) => String(v.approvedOn).startsWith(month) && String(v.approvedOn) <= TODAY,
      );
      const good = approved.filter((v) => ['good', 'outstanding'].includes(String(v.qualityRating))).length;
      const percent = approved.length ? `${Math.round((good * 1000) / approved.length) / 10}%` : '–';
      expect([month, line[1]]).toEqual([
        month,
        approved.length ? `${percent} (${good} of ${approved.length})` : '– (none approved)',
      ]);
      // The month's count of good or outstanding plans links to them.
      if (good > 0)
        expect(page).toContain(
          `href="/performance/quality/people?asAt=${TODAY}&amp;table=ratings&amp;team=all&amp;month=${month}&amp;rating=goodOrBetter">${good}<`,
        );
    }
  });
});

describe('issue 10 §1e, §2: the involvement trend as a chart with its numbers beside it', () => {
  /** Each of the 12 months as the plan versions say: [month, shown text, all or most, answered]. */
  const expected = () =>
    Array.from({ length: 12 }, (_, i) => {
      const month = addMonths(`${TODAY.slice(0, 7)}-01`, i - 11).slice(0, 7);
      const answers = rows.planVersions
        .filter((v) => String(v.approvedOn).startsWith(month) && String(v.approvedOn) <= TODAY)
        .map(
          (v) =>
            (v.review as { youngPersonSignOff: { involvement?: string | null } | null }).youngPersonSignOff
              ?.involvement,
        )
        .filter((a) => a);
      const most = answers.filter((a) => a === 'all_or_most').length;
      const shown = answers.length
        ? `${Math.round((most * 1000) / answers.length) / 10}% (${most} of ${answers.length})`
        : '– (none answered)';
      return { month, shown, most, answered: answers.length };
    });

  it('draws the share involved all or most of the time each month, as the answers at signing say, each linked', async () => {
    const sm = await as('sm');
    const page = (await sm.get(`/performance/quality?asAt=${TODAY}`)).body;
    expect(page).toMatch(
      /<svg [^>]*role="img" aria-labelledby="trend-quality-involvement-title trend-quality-involvement-desc"/,
    );
    const start = page.indexOf('<caption class="govuk-table__caption govuk-visually-hidden">Involved all or most');
    expect(start).toBeGreaterThan(-1);
    const body = page.slice(page.indexOf('<tbody', start), page.indexOf('</tbody>', start));
    const cells = [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
        pageWords(withoutHidden(c[1]).replace(/<\/?a[^>]*>/g, '')).trim(),
      ),
    );
    const want = expected();
    expect(cells.map((line) => line[1])).toEqual(want.map((m) => m.shown));
    // The plans signed with answers today: 2 of 4 all or most of the time, at least.
    expect(want[11].answered).toBeGreaterThanOrEqual(ANSWERED.length);
    const query = `table=involvement&team=all&month=${TODAY.slice(0, 7)}&answer=all_or_most`;
    expect(page).toContain(
      `href="/performance/quality/people?asAt=${TODAY}&amp;${query.replaceAll('&', '&amp;')}">${want[11].most}<`,
    );
    const list = await sm.get(`/performance/quality/people?asAt=${TODAY}&${query}`);
    expect(list.statusCode).toBe(200);
    const monthWords = new Date(`${TODAY}T00:00:00Z`).toLocaleString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(pageWords(list.body)).toContain(`all or most of the time: all teams, ${monthWords} (${want[11].most} plan`);
    // The month's plans only: as many as the number linked (a whole year's would be more).
    expect(pageWords(list.body)).toContain(`(${want[11].most} plans) ${want[11].most} young people.`);
    const audited = await auditRowsOf(t.db, list);
    expect(audited[0]).toMatchObject({ action: 'performance.list', outcome: 'allowed' });
  });

  it('downloads the months as CSV and XLSX, the same numbers, audited', async () => {
    const sm = await as('sm');
    const csv = await sm.get(`/performance/quality/quality-involvement-by-month.csv?asAt=${TODAY}`);
    expect(csv.statusCode).toBe(200);
    const lines = csvRows(csv.body);
    expect(lines[0]).toEqual(['month', 'approved', 'answered', 'all_or_most', 'percent_all_or_most']);
    expect(lines.slice(1).map((r) => [r[0], Number(r[3]), Number(r[2])])).toEqual(
      expected().map((m) => [m.month, m.most, m.answered]),
    );
    const xlsx = await sm.get(`/performance/quality/quality-involvement-by-month.xlsx?asAt=${TODAY}`);
    expect((await xlsxRows(xlsx.rawPayload)).slice(1).map((r) => r[0])).toEqual(expected().map((m) => m.month));
    for (const r of [csv, xlsx])
      expect((await auditRowsOf(t.db, r))[0]).toMatchObject({
        action: 'performance.download',
        details: { measure: 'quality-involvement-by-month' },
      });
  });
});

describe('issue 10 §1: every number on the quality page links to the young people behind it', () => {
  /** Every list link on the page: its query and the number it shows. */
  const linksIn = (html: string) =>
    [...html.matchAll(/href="\/performance\/quality\/people\?([^"]+)">(\d+)</g)].map((m) => ({
      query: m[1].replace(/&amp;/g, '&'),
      n: Number(m[2]),
    }));
  const named = (html: string) => [...html.matchAll(/href="\/young-people\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
  const hiddenIn = (html: string) =>
    [...html.matchAll(/And (\d+) (?:restricted )?records?/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  const isRestricted = (id: string) => rows.youngPeople.find((y) => y.id === id)!.restricted;
  const ratingOf = (rating: string) => (v: (typeof rows.planVersions)[number]) =>
    rating === 'all' || v.qualityRating === rating;

  it('service manager: each All teams count lists its plans’ young people, each once, in one audited read', async () => {
    const sm = await as('sm');
    const page = await sm.get(`/performance/quality?asAt=${TODAY}`);
    // The plans approved are linked from the ratings and the checks tables alike: each number once.
    const all = linksIn(page.body).filter((l) => l.query.includes('table=ratings&team=all&rating='));
    const links = [...new Map(all.map((l) => [l.query, l])).values()];
    expect(links.map((l) => new URLSearchParams(l.query).get('rating')).sort()).toEqual(['all', ...RATINGS].sort());
    for (const link of links) {
      const rating = String(new URLSearchParams(link.query).get('rating'));
      const plans = approvedIn().filter(ratingOf(rating));
      expect([rating, link.n]).toEqual([rating, plans.length]);
      const list = await sm.get(`/performance/quality/people?${link.query}`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain(`(${plans.length} ${plans.length === 1 ? 'plan' : 'plans'})`);
      expect(list.body).toContain('href="/performance/quality?asAt=');
      const people = new Set(plans.map((v) => String(v.youngPersonId)));
      const shown = named(list.body);
      // Each young person once, however many plans; a restricted one counted, not named.
      expect(new Set(shown).size).toBe(shown.length);
      expect(shown.every((id) => people.has(id) && !isRestricted(id))).toBe(true);
      expect(shown.length + hiddenIn(list.body)).toBe(people.size);
      const [audit] = await auditRowsOf(t.db, list);
      expect(audit).toMatchObject({ action: 'performance.list', outcome: 'allowed', entityType: 'young_person_list' });
      expect(audit.details).toMatchObject({ measure: 'quality', table: 'ratings', team: 'all', rating, asAt: TODAY });
      expect(audit.details).toMatchObject({ total: plans.length });
      expect([...(audit.details as { shown: string[] }).shown].sort()).toEqual([...shown].sort());
    }
  });

  it('links every count of every table, and each list holds as many plans as its number says', async () => {
    const sm = await as('sm');
    const page = await sm.get(`/performance/quality?asAt=${TODAY}`);
    const links = linksIn(page.body);
    expect(page.body).not.toContain('&amp;amp;'); // each link's query escaped once
    for (const table of ['ratings', 'checks', 'returns', 'involvement'])
      expect([table, links.some((l) => l.query.includes(`table=${table}&`))]).toEqual([table, true]);
    // One of each kind of number: a team's month, a check, the returns and an answer.
    const month = `${TODAY.slice(0, 7)}`;
    const samples = [
      links.find((l) => l.query.includes(`month=${month}&rating=all`) && !l.query.includes('team=all')),
      links.find((l) => l.query.includes('table=checks&team=all&check=signedByBoth')),
      links.find((l) => l.query.includes('table=returns&team=all&part=returned')),
      links.find((l) => l.query.includes('table=returns&team=all&part=plans')),
      links.find((l) => l.query.includes('table=involvement&team=all&answer=answered')),
    ].filter((l) => l !== undefined);
    expect(samples.length).toBeGreaterThanOrEqual(4);
    for (const link of samples) {
      const list = await sm.get(`/performance/quality/people?${link.query}`);
      expect([link.query, list.statusCode]).toEqual([link.query, 200]);
      expect(list.body).toMatch(new RegExp(`\\(${link.n} (plans?|times?)\\)`));
      const [audit] = await auditRowsOf(t.db, list);
      expect(audit.details).toMatchObject({ measure: 'quality', total: link.n });
    }
    const returned = samples.find((l) => l.query.includes('part=returned'));
    if (returned) expect(returned.n).toBe(returnsIn().length);
  });

  it('team manager: links and lists only their own team’s young people; another team’s list is not found', async () => {
    const tm = await as('tm');
    const own = String(staffByLocal(rows, 'tm').teamId);
    const page = await tm.get(`/performance/quality?asAt=${TODAY}`);
    const teamsLinked = new Set(linksIn(page.body).map((l) => new URLSearchParams(l.query).get('team')));
    expect([...teamsLinked].filter((team) => team !== 'all' && team !== own)).toEqual([]);
    const list = await tm.get(`/performance/quality/people?asAt=${TODAY}&table=ratings&team=all&rating=all`);
    expect(list.statusCode).toBe(200);
    const people = new Set(approvedIn(own).map((v) => String(v.youngPersonId)));
    const shown = named(list.body);
    expect(shown.filter((id) => !people.has(id))).toEqual([]);
    expect(shown.length + hiddenIn(list.body)).toBe(people.size);
    const other = rows.teams.find((team) => team.id !== own)!;
    const refused = await tm.get(`/performance/quality/people?asAt=${TODAY}&table=ratings&team=${other.id}&rating=all`);
    expect(refused.statusCode).toBe(404);
  });

  it('counts a restricted record but names it only to the staff named on it', async () => {
    const sm = await as('sm');
    const url = `/performance/quality/people?asAt=${TODAY}&table=checks&team=all&check=signedByBoth`;
    const before = await sm.get(url);
    const someone = named(before.body)[0];
    expect(someone).toBeDefined();
    const hiddenBefore = hiddenIn(before.body);
    const totalBefore = before.body.match(/(\d+) young (?:person|people)\./)![1];
    await whileRestricted(t.db, { councilId: rows.council.id, youngPersonId: someone }, async (nameOnIt) => {
      const hidden = await sm.get(url);
      expect(hidden.body).not.toContain(`/young-people/${someone}"`);
      expect(hidden.body).toContain(`${totalBefore} young `);
      expect(hiddenIn(hidden.body)).toBe(hiddenBefore + 1);
      expect(hidden.body).toMatch(/And \d+ restricted records?/);
      const [audit] = await auditRowsOf(t.db, hidden);
      expect((audit.details as { shown: string[] }).shown).not.toContain(someone);
      await nameOnIt(staffByLocal(rows, 'sm').id);
      expect((await sm.get(url)).body).toContain(`/young-people/${someone}"`);
    });
  });

  it('refuses a personal adviser every list, and audits each refusal', async () => {
    const pa = await as('pa');
    for (const query of ['table=ratings&team=all&rating=all', 'table=involvement&team=all&answer=answered']) {
      const r = await pa.get(`/performance/quality/people?asAt=${TODAY}&${query}`);
      expect([query, r.statusCode]).toEqual([query, 403]);
      expect((await auditRowsOf(t.db, r)).filter((row) => row.outcome === 'denied')).toHaveLength(1);
    }
  });

  it('says a number the page has not got is not found, and a wrong date is wrong, never a server error', async () => {
    const sm = await as('sm');
    for (const query of [
      'table=everything&team=all',
      'table=ratings&team=all&rating=superb',
      'table=ratings&team=all&rating=good&month=2026-13',
      'table=ratings&team=all&rating=good&month=1999-01',
      'table=ratings&team=somewhere&rating=good',
      `table=ratings&team=${randomUUID()}&rating=good`,
      'table=checks&team=all&check=spelling',
      'table=returns&team=all&part=reasons',
      'table=involvement&team=all&answer=maybe',
      'table=involvement&answer=answered',
    ])
      expect([query, (await sm.get(`/performance/quality/people?asAt=${TODAY}&${query}`)).statusCode]).toEqual([
        query,
        404,
      ]);
    const wrong = await sm.get(
      `/performance/quality/people?asAt=${addMonths(TODAY, 1)}&table=ratings&team=all&rating=all`,
    );
    expect(wrong.statusCode).toBe(400);
  });
});

describe('issue 10 §1: the council’s targets for the quality and involvement percentages', () => {
  /** Every box of the targets form: those given, the rest blank (no target). */
  const allBoxes = (given: Record<string, string>) => ({
    ...Object.fromEntries(TARGET_MEASURES.map((m) => [m, ''])),
    ...given,
  });
  const svgOf = (html: string, id: string) => {
    const start = html.indexOf(`aria-labelledby="${id}-title`);
    expect(start).toBeGreaterThan(-1);
    return html.slice(start, html.indexOf('</svg>', start));
  };
  /** The target sentence: the target, and the latest month's figure and whether it meets it. */
  const said = (html: string, what: string) => {
    const m = new RegExp(
      `Target: (\\d+)% ${what} \\(the dashed line\\)\\.(?: [A-Z][a-z]+ \\d{4}: ([\\d.]+)%, (meeting|below) the target\\.)?</p>`,
    ).exec(html);
    return m && { target: Number(m[1]), latest: m[2] === undefined ? null : Number(m[2]), verdict: m[3] ?? null };
  };
  const involvementTargetRow = (html: string) => {
    const row = [...html.matchAll(/<tr[\s\S]*?<\/tr>/g)].find((tr) => tr[0].includes('Council’s target'));
    return row ? [...row[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1].trim()).slice(0, 3) : null;
  };

  it('a service manager sets them; each shows beside its figure and on its chart; the next request shows a change; audited', async () => {
    const sm = await as('sm');
    await sm.get('/performance/targets');
    const saved = await sm.post(
      '/performance/targets',
      allBoxes({ 'quality-good': '40', 'quality-involvement': '55' }),
    );
    try {
      expect(saved.statusCode).toBe(303);
      const [audit] = await auditRowsOf(t.db, saved);
      expect(audit).toMatchObject({ action: 'performance.targets', outcome: 'allowed' });
      expect(audit.details).toMatchObject({ after: { 'quality-good': 40, 'quality-involvement': 55 } });

      for (const who of ['sm', 'tm', 'iro'] as const) {
        const page = (await (await as(who)).get(`/performance/quality?asAt=${TODAY}`)).body;
        const good = said(page, 'rated good or outstanding');
        expect([who, good?.target]).toEqual([who, 40]);
        if (good?.latest !== null && good) expect(good.verdict).toBe(good.latest >= 40 ? 'meeting' : 'below');
        const involved = said(page, 'involved all or most of the time');
        expect([who, involved?.target]).toEqual([who, 55]);
        if (involved?.latest !== null && involved)
          expect(involved.verdict).toBe(involved.latest >= 55 ? 'meeting' : 'below');
        expect(svgOf(page, 'trend-quality-good')).toContain('>Target 40%</text>');
        expect(svgOf(page, 'trend-quality-involvement')).toContain('>Target 55%</text>');
        expect(page).toMatch(/<desc id="trend-quality-good-desc">[^<]*The target is 40%\.<\/desc>/);
        expect(page).toMatch(/<desc id="trend-quality-involvement-desc">[^<]*The target is 55%\.<\/desc>/);
        expect(page).toContain('visually-hidden">Rated good or outstanding, by month, target 40%</caption>');
        expect(page).toContain('visually-hidden">Involved all or most of the time, by month, target 55%</caption>');
        // Beside the council's figures and Bright Spots', in the "all or most of the time" column.
        expect(involvementTargetRow(page)).toEqual(['Council’s target', '', '55%']);
      }

      // Changed: the very next request shows the new target.
      await sm.get('/performance/targets');
      await sm.post('/performance/targets', allBoxes({ 'quality-good': '100', 'quality-involvement': '' }));
      const changed = (await sm.get(`/performance/quality?asAt=${TODAY}`)).body;
      expect(said(changed, 'rated good or outstanding')?.target).toBe(100);
      expect(said(changed, 'involved all or most of the time')).toBeNull();
      expect(svgOf(changed, 'trend-quality-involvement')).not.toContain('app-chart__target');
      expect(involvementTargetRow(changed)).toEqual(['Council’s target', '', 'No target set']);
    } finally {
      await sm.get('/performance/targets');
      expect((await sm.post('/performance/targets', allBoxes({}))).statusCode).toBe(303);
    }
    const cleared = (await sm.get(`/performance/quality?asAt=${TODAY}`)).body;
    expect(said(cleared, 'rated good or outstanding')).toBeNull();
    expect(svgOf(cleared, 'trend-quality-good')).not.toContain('app-chart__target');
    expect(cleared).toContain('visually-hidden">Rated good or outstanding, by month</caption>');
  });

  it('refuses a team manager and an IRO the change, audited, and saves nothing', async () => {
    for (const who of ['tm', 'iro'] as const) {
      const agent = await as(who);
      const r = await agent.post('/performance/targets', allBoxes({ 'quality-good': '70' }), {
        csrf: await agent.csrf('/performance'),
      });
      expect([who, r.statusCode]).toEqual([who, 403]);
      const [audit] = await auditRowsOf(t.db, r);
      expect(audit).toMatchObject({ outcome: 'denied' });
    }
    expect((await (await as('sm')).get(`/performance/quality?asAt=${TODAY}`)).body).not.toContain('Target: 70%');
  });
});
