// The performance page and its CSV (issue 10, part 1a: Dorset's table). The counts are checked
// against a count written here from the generated council's own rows, on today and on a past
// as-at date, so a repository that read the wrong rows would fail, not only a wrong rule.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, restrictedRecordAccess, youngPeople } from '../../src/data/schema.ts';
import { addMonths } from '../../src/domain/statutory/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
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

/** Records behind a number that the page counts but does not name ("And 2 restricted records"). */
const hiddenIn = (html: string) =>
  [...html.matchAll(/And (\d+) (?:restricted )?records?/g)].reduce((sum, m) => sum + Number(m[1]), 0);
const csvRows = (body: string) =>
  body
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

/** Dorset's table for the whole council on `asAt`, counted from the generated rows. */
function expected(asAt: string) {
  const age = (dob: string) => {
    const [y, m, d] = dob.split('-').map(Number);
    const [ay, am, ad] = asAt.split('-').map(Number);
    return ay - y - (am < m || (am === m && ad < d) ? 1 : 0);
  };
  const inScope = rows.youngPeople.filter((yp) => {
    const open = !yp.closedOn || yp.closedOn > asAt;
    const lookedAfter = rows.episodes.some(
      (e) =>
        e.youngPersonId === yp.id &&
        e.startDate <= asAt &&
        (!e.endDate || e.endDate > asAt) &&
        !['V3', 'V4'].includes(e.legalStatus),
    );
    return open && lookedAfter && [16, 17].includes(age(String(yp.dateOfBirth)));
  });
  const latestPlan = (id: string) =>
    rows.planVersions
      .filter((v) => v.youngPersonId === id && String(v.approvedOn) <= asAt)
      .map((v) => String(v.approvedOn))
      .sort()
      .at(-1);
  const withPlan = inScope.filter((yp) => latestPlan(yp.id));
  // In date until 7 months after the latest approval, counted forwards from it (month ends clamp).
  const inDate = withPlan.filter((yp) => addMonths(latestPlan(yp.id)!, 7) >= asAt);
  return { youngPeople: inScope.length, withPlan: withPlan.length, inDate: inDate.length };
}

describe('Dorset’s table: looked-after 16 and 17 year olds with a pathway plan', () => {
  it.each([
    ['today', TODAY],
    ['a year ago', addMonths(TODAY, -12)],
  ])(
    'as at %s, the council’s total matches a count of its records, and the teams add up to it',
    async (_when, asAt) => {
      const sm = await as('sm');
      const r = await sm.get(`/performance/plans-16-17.csv?asAt=${asAt}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/csv/);
      expect(r.headers['content-disposition']).toBe(
        `attachment; filename="${rows.council.slug}-plans-16-17-${asAt}.csv"`,
      );
      const [header, ...lines] = csvRows(r.body);
      expect(header).toEqual(['team', 'young_people_16_17', 'with_plan', 'plan_in_date', 'percent_in_date']);
      const all = lines.at(-1)!;
      expect(all[0]).toBe('All teams');
      const want = expected(asAt);
      expect(want.youngPeople).toBeGreaterThan(0);
      expect(all.slice(1, 4).map(Number)).toEqual([want.youngPeople, want.withPlan, want.inDate]);
      expect(Number(all[4])).toBeCloseTo((100 * want.inDate) / want.youngPeople, 1);
      const teams = lines.slice(0, -1);
      for (const column of [1, 2, 3])
        expect(teams.reduce((sum, line) => sum + Number(line[column]), 0)).toBe(Number(all[column]));
    },
  );

  it('shows the same figures on the page, every team for a service manager and an IRO', async () => {
    for (const who of ['sm', 'iro'] as const) {
      const agent = await as(who);
      const page = await agent.get('/performance');
      expect(page.statusCode).toBe(200);
      const csv = csvRows((await agent.get(`/performance/plans-16-17.csv?asAt=${TODAY}`)).body).slice(1);
      for (const [team, people, withPlan, inDate] of csv) {
        const row = new RegExp(
          `${team}</(?:td|strong)>[\\s\\S]*?>(?:<strong>)?${people}<[\\s\\S]*?>(?:<strong>)?${withPlan}<[\\s\\S]*?>(?:<strong>)?${inDate}<`,
        );
        expect(page.body).toMatch(row);
      }
      expect(page.body).toContain(`href="/performance/plans-16-17.csv?asAt=${TODAY}"`);
    }
  });

  it('links to the quality page and the surgery on the same as-at date', async () => {
    const asAt = addMonths(TODAY, -5);
    const page = await (await as('sm')).get(`/performance?asAt=${asAt}`);
    expect(page.body).toContain(`href="/performance/quality?asAt=${asAt}"`);
    expect(page.body).toContain(`href="/performance/surgery?asAt=${asAt}"`);
  });

  it('shows a team manager their own team only', async () => {
    const tm = await as('tm');
    const own = rows.teams.find((team) => team.id === staffByLocal(rows, 'tm').teamId)!;
    const lines = csvRows((await tm.get(`/performance/plans-16-17.csv?asAt=${TODAY}`)).body).slice(1);
    const others = rows.teams.filter((team) => team.id !== own.id).map((team) => team.name);
    expect(lines.map((line) => line[0]).filter((name) => others.includes(name))).toEqual([]);
    const [ownLine] = lines.filter((line) => line[0] === own.name);
    if (ownLine) expect(lines.at(-1)!.slice(1)).toEqual(ownLine.slice(1));
    else expect(lines.at(-1)!.slice(1, 4)).toEqual(['0', '0', '0']);
  });

  it('refuses a personal adviser, page and download, and audits both refusals', async () => {
    const pa = await as('pa');
    for (const url of ['/performance', `/performance/plans-16-17.csv?asAt=${TODAY}`]) {
      const r = await pa.get(url);
      expect(r.statusCode).toBe(403);
      const [row] = await t.db.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.requestId, String(r.headers['x-request-id'])), eq(auditEvents.outcome, 'denied'))),
      );
      expect(row).toBeDefined();
    }
  });

  it('audits each view and download with its as-at date', async () => {
    const sm = await as('sm');
    const asAt = addMonths(TODAY, -3);
    for (const [url, action] of [
      [`/performance?asAt=${asAt}`, 'performance.view'],
      [`/performance/plans-16-17.csv?asAt=${asAt}`, 'performance.download'],
    ]) {
      const r = await sm.get(url);
      expect(r.statusCode).toBe(200);
      const [row] = await t.db.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(eq(auditEvents.requestId, String(r.headers['x-request-id']))),
      );
      expect(row).toMatchObject({ action, outcome: 'allowed', actorId: staffByLocal(rows, 'sm').id });
      expect(row.details).toMatchObject({ asAt });
      expect(JSON.stringify(row.details)).toContain('plans-16-17');
    }
  });

  it.each([
    ['a day after today', `asAt=${addMonths(TODAY, 1)}`, 'The date must be today or in the past'],
    ['more than 24 months ago', `asAt=${addMonths(TODAY, -25)}`, 'The date must be on or after'],
    ['not a date', 'asAt=next-tuesday', 'The date must be a real date'],
    ['30 February in the boxes', 'asAt-day=30&asAt-month=2&asAt-year=2026', 'The date must be a real date'],
    ['a missing year in the boxes', 'asAt-day=3&asAt-month=2&asAt-year=', 'The date must include a year'],
  ])('says what is wrong with %s, next to the field, with no figures', async (_what, query, message) => {
    const sm = await as('sm');
    const page = await sm.get(`/performance?${query}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('govuk-error-summary');
    expect(page.body).toContain('href="#asAt-day"');
    expect(page.body).toContain(message);
    expect(page.body).not.toContain('All teams');
    const csv = await sm.get(`/performance/plans-16-17.csv?${query}`, { accept: 'application/json' });
    expect(csv.statusCode).toBe(400);
    expect(csv.json()).toMatchObject({ status: 400, errors: { asAt: expect.stringContaining(message) } });
  });

  it('lists the young people behind a number, as far as the viewer may see them, in one audited read', async () => {
    const sm = await as('sm');
    const csv = csvRows((await sm.get(`/performance/plans-16-17.csv?asAt=${TODAY}`)).body);
    const withPlan = Number(csv.at(-1)![2]);
    const page = await sm.get('/performance');
    const link = /href="(\/performance\/people\?asAt=[^"]+part=withPlan&amp;team=all)"/.exec(page.body)?.[1];
    expect(link).toBeDefined();
    const list = await sm.get(link!.replaceAll('&amp;', '&'));
    expect(list.statusCode).toBe(200);
    const linked = [...list.body.matchAll(/href="\/young-people\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(linked.length + hiddenIn(list.body)).toBe(withPlan);
    expect(linked.length).toBeGreaterThan(0);
    expect(list.body).toContain(`${withPlan} young people`);
    const [audit] = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.requestId, String(list.headers['x-request-id']))),
    );
    expect(audit).toMatchObject({ action: 'performance.list', outcome: 'allowed' });
    expect((audit.details as { shown: string[] }).shown.sort()).toEqual([...linked].sort());
  });

  it('counts a restricted record but names it only to the staff named on it', async () => {
    const sm = await as('sm');
    const url = `/performance/people?asAt=${TODAY}&part=youngPeople&team=all`;
    const before = await sm.get(url);
    const someone = /href="\/young-people\/([0-9a-f-]{36})"/.exec(before.body)![1];
    const total = Number(/(\d+) young (?:person|people)\./.exec(before.body)![1]);
    const hiddenBefore = hiddenIn(before.body);
    await t.db.system((tx) => tx.update(youngPeople).set({ restricted: true }).where(eq(youngPeople.id, someone)));
    try {
      const hidden = await sm.get(url);
      expect(hidden.body).not.toContain(`/young-people/${someone}"`);
      expect(hidden.body).toContain(`${total} young people.`);
      expect(hiddenIn(hidden.body)).toBe(hiddenBefore + 1);
      await t.db.system((tx) =>
        tx
          .insert(restrictedRecordAccess)
          .values({ councilId: rows.council.id, youngPersonId: someone, staffId: staffByLocal(rows, 'sm').id }),
      );
      const named = await sm.get(url);
      expect(named.body).toContain(`/young-people/${someone}"`);
      expect(hiddenIn(named.body)).toBe(hiddenBefore);
    } finally {
      await t.db.system(async (tx) => {
        await tx.delete(restrictedRecordAccess).where(eq(restrictedRecordAccess.youngPersonId, someone));
        await tx.update(youngPeople).set({ restricted: false }).where(eq(youngPeople.id, someone));
      });
    }
  });

  it('refuses a list to a personal adviser, and an unknown part or team is not found', async () => {
    const pa = await as('pa');
    expect((await pa.get(`/performance/people?asAt=${TODAY}&part=withPlan&team=all`)).statusCode).toBe(403);
    const sm = await as('sm');
    expect((await sm.get(`/performance/people?asAt=${TODAY}&part=everything&team=all`)).statusCode).toBe(404);
    expect((await sm.get(`/performance/people?asAt=${TODAY}&part=withPlan&team=somewhere`)).statusCode).toBe(404);
    const otherTeam = '00000000-0000-4000-8000-000000000000';
    expect((await sm.get(`/performance/people?asAt=${TODAY}&part=withPlan&team=${otherTeam}`)).statusCode).toBe(404);
  });

  it('counts open cases by age band, the bands adding up to the total, each number linking to its list', async () => {
    const sm = await as('sm');
    const page = await sm.get(`/performance?asAt=${TODAY}`);
    const section = page.body.slice(page.body.indexOf('Open cases by age and status'));
    const openAndOver15AndAHalf = rows.youngPeople.filter(
      (yp) => (!yp.closedOn || String(yp.closedOn) > TODAY) && addMonths(String(yp.dateOfBirth), 186) <= TODAY,
    ).length;
    const cell = (band: string, category: string) => {
      const m = new RegExp(
        `measure=cohort&amp;band=${encodeURIComponent(band)}&amp;category=${category}">(\\d+)<`,
      ).exec(section);
      return m ? Number(m[1]) : 0;
    };
    expect(openAndOver15AndAHalf).toBeGreaterThan(0);
    expect(cell('all', 'all')).toBe(openAndOver15AndAHalf);
    const bands = ['15½', '16', '17', '18', '19', '20', '21+'];
    expect(bands.reduce((sum, band) => sum + cell(band, 'all'), 0)).toBe(openAndOver15AndAHalf);
    const list = await sm.get(
      `/performance/people?asAt=${TODAY}&measure=cohort&band=${encodeURIComponent('18')}&category=all`,
    );
    expect(list.statusCode).toBe(200);
    const linked = [...list.body.matchAll(/href="\/young-people\/([0-9a-f-]{36})"/g)].length;
    expect(linked + hiddenIn(list.body)).toBe(cell('18', 'all'));
    expect(list.body).toContain('Open cases aged 18');
    expect((await sm.get(`/performance/people?asAt=${TODAY}&measure=cohort&band=14&category=all`)).statusCode).toBe(
      404,
    );
  });
});
