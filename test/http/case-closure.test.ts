// Closing and reopening a case (issue 11 §3) through the app: a team manager or service manager closes
// a case with a reason and date and reopens it with a reason, each audited and shown in the record's
// history; others are refused (audited). A closed record is read-only: every write route is refused
// with the case-closed message, audited, and changes nothing, while the record can still be read.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, careEpisodes, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addReview, addYoungPerson } from '../support/factories.ts';
import { routesOf } from '../support/routes.ts';
import { pageWords } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<'pa' | 'tm' | 'sm' | 'admin', Agent> = {} as never;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  for (const [i, who] of (['pa', 'tm', 'sm', 'admin'] as const).entries()) {
    as[who] = new Agent(t.app, `10.41.0.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
}, 60_000);
afterAll(() => t.close());

const dateParts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};
const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
const person = async (id: string) => {
  const [row] = await t.db.system((tx) => tx.select().from(youngPeople).where(eq(youngPeople.id, id)));
  return row;
};
/** A young person in the team manager's team, with an adviser, a period of care and the given birthday. */
async function newCase(dateOfBirth = '2004-03-01') {
  const tm = staffByLocal(rows, 'tm');
  const pa = staffByLocal(rows, 'pa');
  return addYoungPerson(t.db, rows, {
    dateOfBirth,
    personalAdviserId: pa.id,
    teamId: tm.teamId!,
    episodes: [{ start: '2019-01-01', end: '2022-03-01' }],
  });
}
/** Opens the close or reopen page as `agent` and sends the form with the version it was opened at. */
async function send(agent: Agent, id: string, what: 'close' | 'reopen', form: Record<string, string>) {
  const page = await agent.get(`/young-people/${id}/${what}`);
  expect(page.statusCode).toBe(200);
  return agent.post(`/young-people/${id}/${what}`, { version: versionOn(page.body), ...form });
}

describe('closing and reopening', () => {
  it('a team manager closes a case with a reason and date; a service manager reopens it; both audited and listed', async () => {
    const yp = await newCase();
    // Aged 22 without asking for support to 25: the closure was due when core support ended at 21.
    const due = pageWords((await as.tm.get(`/young-people/${yp.id}`)).body);
    expect(due).toContain('Overdue Due to close on 1 March 2025');
    expect(due).toContain('Core support ends and they have not asked for support to 25');
    expect(due).toContain('Children Act 1989 s23C(6), s23CZB');
    const closed = await send(as.tm, yp.id, 'close', {
      reason: 'declined_after_21',
      details: '',
      ...dateParts('on', '2026-11-20'),
    });
    expect(closed.statusCode).toBe(303);
    expect(await person(yp.id)).toMatchObject({ caseStatus: 'closed', closedOn: '2026-11-20' });
    expect((await auditRowsOf(t.db, closed)).map((a) => [a.action, a.outcome, a.details])).toEqual([
      ['case.close', 'allowed', { reason: 'declined_after_21', on: '2026-11-20' }],
    ]);
    const record = pageWords((await as.tm.get(`/young-people/${yp.id}`)).body);
    expect(record).toContain('Case closed on 20 November 2026');
    expect(record).toContain('Reopen the case');
    expect(record).not.toContain('Due to close');

    const reopened = await send(as.sm, yp.id, 'reopen', {
      details: 'Asked for support again',
      ...dateParts('on', '2026-11-22'),
    });
    expect(reopened.statusCode).toBe(303);
    expect(await person(yp.id)).toMatchObject({ caseStatus: 'open', closedOn: null, closureReason: null });
    expect((await auditRowsOf(t.db, reopened)).map((a) => [a.action, a.outcome])).toEqual([['case.reopen', 'allowed']]);
    const history = pageWords((await as.tm.get(`/young-people/${yp.id}`)).body);
    expect(history).toContain('Closures and reopenings');
    expect(history).toContain('Closed: Turned 21 and did not want support to 25');
    expect(history).toContain('Reopened Asked for support again');
  });

  it('bad input gets the error summary with messages by the fields, and nothing is saved', async () => {
    const yp = await newCase('2008-05-01');
    const none = await send(as.tm, yp.id, 'close', { reason: '', details: '', ...dateParts('on', '') });
    expect(none.statusCode).toBe(400);
    expect(pageWords(none.body)).toContain('There is a problem');
    expect(pageWords(none.body)).toContain('Select why the case is closing');
    const other = await send(as.tm, yp.id, 'close', {
      reason: 'other',
      details: ' ',
      ...dateParts('on', '2026-11-20'),
    });
    expect(pageWords(other.body)).toContain('Say why the case is closing');
    const young = await send(as.tm, yp.id, 'close', {
      reason: 'reached_25',
      details: '',
      ...dateParts('on', '2026-11-20'),
    });
    expect(pageWords(young.body)).toContain('They are not 25 on that date');
    const future = await send(as.tm, yp.id, 'close', { reason: 'died', details: '', ...dateParts('on', '2027-01-01') });
    expect(pageWords(future.body)).toContain('The date the case closed must be today or in the past');
    expect((await person(yp.id)).caseStatus).toBe('open');
  });

  it('an adviser may not close a case, and the refusal is audited', async () => {
    const yp = await newCase();
    const page = await as.pa.get(`/young-people/${yp.id}/close`);
    expect(page.statusCode).toBe(403);
    const post = await as.pa.post(`/young-people/${yp.id}/close`, {
      version: '1',
      reason: 'died',
      details: '',
      ...dateParts('on', '2026-11-20'),
    });
    expect(post.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, post)).map((a) => [a.action, a.outcome])).toEqual([['record.close', 'denied']]);
    expect((await person(yp.id)).caseStatus).toBe('open');
  });

  it('a form opened before someone else changed the record is a conflict, not a closure', async () => {
    const yp = await newCase();
    const page = await as.tm.get(`/young-people/${yp.id}/close`);
    await t.db.system((tx) =>
      tx
        .update(youngPeople)
        .set({ version: sql`${youngPeople.version} + 1` })
        .where(eq(youngPeople.id, yp.id)),
    );
    const stale = await as.tm.post(`/young-people/${yp.id}/close`, {
      version: versionOn(page.body),
      reason: 'died',
      details: '',
      ...dateParts('on', '2026-11-20'),
    });
    expect(stale.statusCode).toBe(409);
    expect((await person(yp.id)).caseStatus).toBe('open');
    // The conflict, then the page shown again beside what is saved now (a read, audited too).
    expect((await auditRowsOf(t.db, stale)).map((a) => a.action)).toEqual(['case.conflict', 'record.view']);
  });
});

/** Every row about this young person outside the audit trail, as text: "nothing changed" compares it. */
async function everythingAbout(id: string): Promise<string> {
  return t.db.system(async (tx) => {
    const rowsOf = async <T>(query: ReturnType<typeof sql>) =>
      ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
    const tables = await rowsOf<{ table_name: string }>(
      sql`SELECT table_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name = 'young_person_id' AND table_name <> 'audit_events'
          ORDER BY table_name`,
    );
    const parts: string[] = [];
    for (const { table_name } of tables) {
      const found = await rowsOf<{ t: string }>(
        sql`SELECT coalesce(string_agg(x::text, '|' ORDER BY x::text), '') AS t FROM ${sql.identifier(table_name)} x
            WHERE young_person_id = ${id}`,
      );
      parts.push(`${table_name}:${found[0].t}`);
    }
    const me = await rowsOf<{ t: string }>(sql`SELECT y::text AS t FROM young_people y WHERE id = ${id}`);
    return [...parts, me[0].t].join('\n');
  });
}

describe('a closed record is read-only', () => {
  // What a write route is sent on a closed record: a form that would be saved were the case open.
  const forms: Record<string, (ids: Ids) => Record<string, string>> = {
    'POST /young-people/:id/details': () => ({
      givenName: 'Amani',
      familyName: 'Okafor',
      preferredName: '',
      sex: 'female',
      ethnicity: '',
      upn: '',
      unaccompaniedAsylumSeeking: 'no',
      firstLanguage: '',
      interpreterNeeded: 'no',
      communicationNeeds: '',
    }),
    'POST /young-people/:id/date-of-birth': () => ({
      ...dateParts('dateOfBirth', '2004-04-01'),
      ageAssessed: 'yes',
      reason: 'Age assessment',
    }),
    'POST /young-people/:id/statutory-work': () => ({
      kind: 'review',
      notes: '',
      ...dateParts('completedOn', '2026-11-20'),
    }),
    'POST /young-people/:id/significant-change': () => ({
      kind: 'accommodation_at_risk',
      description: 'Eviction notice',
      ...dateParts('occurredOn', '2026-11-20'),
    }),
    'POST /young-people/:id/circumstances': () => ({ detained: 'no' }),
    'POST /young-people/:id/contacts/new': () => ({
      ...dateParts('contactOn', '2026-11-20'),
      method: 'phone',
      seenAlone: 'not_applicable',
      place: '',
      othersPresent: '',
      discussed: 'Talked about college',
    }),
    'POST /young-people/:id/activity-and-accommodation': () => ({
      kind: 'activity',
      ...dateParts('activityOn', '2026-11-01'),
      activityCode: 'F2',
      suitable: '',
    }),
    'POST /young-people/:id/care-history': () => ({
      action: 'start',
      ...dateParts('startDate', '2023-01-06'),
      reasonNewEpisode: 'S',
      legalStatus: 'C2',
      categoryOfNeed: 'N1',
      placementType: 'U4',
      placementProvider: 'PR1',
      reasonPlaceChange: '',
      homePostcode: '',
      placementPostcode: '',
      urn: '',
    }),
    'POST /young-people/:id/care-history/:episodeId': () => ({
      ...dateParts('startDate', '2019-01-02'),
      reasonNewEpisode: 'S',
      legalStatus: 'C2',
      categoryOfNeed: 'N1',
      placementType: 'U4',
      placementProvider: 'PR1',
      reasonPlaceChange: '',
      homePostcode: '',
      placementPostcode: '',
      urn: '',
    }),
    'POST /young-people/:id/allocation/:role': (ids) => ({
      action: 'allocate',
      staffId: ids.otherAdviser,
      ...dateParts('startDate', '2026-11-20'),
    }),
    'POST /young-people/:id/team': (ids) => ({
      teamId: ids.otherTeam,
      personalAdviserId: '',
      socialWorkerId: '',
      ...dateParts('on', '2026-11-20'),
    }),
    'POST /young-people/:id/reviews': () => ({}),
    'POST /young-people/:id/invitations': () => ({}),
  };
  // Writes that are not changes to the young person's record: closing and reopening it (reopening is
  // allowed), a quality judgement of an approved plan (oversight of the work, not the record), and a
  // subject access export (a POST for its CSRF token; it reads, and a closed record is still exported).
  const notRecordWrites = new Set([
    'POST /young-people/:id/subject-access',
    'POST /young-people/:id/close',
    'POST /young-people/:id/reopen',
    'POST /young-people/:id/plans/:version/quality',
    'POST /young-people/new',
    // A message to the young person: only their own worker may start one, so the manager here is refused
    // before the case's state is looked at. A closed case refusing messages is in companion.test.ts.
    'POST /young-people/:id/messages/new',
  ]);
  type Ids = { otherAdviser: string; otherTeam: string };

  it('every write route of a young person’s record is in this test', () => {
    const writes = routesOf(t.app)
      .filter((r) => r.method === 'POST' && r.url.startsWith('/young-people/'))
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !notRecordWrites.has(r));
    expect(writes.sort()).toEqual(Object.keys(forms).sort());
  });

  it('each write is refused with the case-closed message, audited, and changes nothing; reading still works', async () => {
    const tm = staffByLocal(rows, 'tm');
    const yp = await newCase();
    const [episode] = await t.db.system((tx) =>
      tx.select().from(careEpisodes).where(eq(careEpisodes.youngPersonId, yp.id)),
    );
    const ids: Ids = {
      otherAdviser: rows.staff.find(
        (s) => s.role === 'personal_adviser' && s.teamId === tm.teamId && s.id !== staffByLocal(rows, 'pa').id,
      )!.id,
      otherTeam: rows.teams.find((x) => x.id !== tm.teamId)!.id,
    };
    // A plan under way: its steps are writes to the record too.
    const review = await addReview(t.db, rows, {
      youngPersonId: yp.id,
      adviserId: staffByLocal(rows, 'pa').id,
      managerId: tm.id,
      stage: 'outcomes',
    });
    expect(
      (await send(as.tm, yp.id, 'close', { reason: 'died', details: '', ...dateParts('on', '2026-11-20') })).statusCode,
    ).toBe(303);
    const before = await everythingAbout(yp.id);
    const step = await as.pa.post(`/reviews/${review.id}/steps/complete-outcomes`, {});
    expect(step.statusCode).toBe(409);
    expect((await auditRowsOf(t.db, step)).map((a) => [a.action, a.outcome, a.youngPersonId])).toEqual([
      ['review.completeOutcomes', 'denied', yp.id],
    ]);
    for (const [route, form] of Object.entries(forms)) {
      const url = route
        .replace('POST ', '')
        .replace(':id', yp.id)
        .replace(':episodeId', episode.id)
        .replace(':role', 'personal-adviser');
      const version = String((await person(yp.id)).version);
      const response = await as.tm.post(url, { version, ...form(ids) });
      expect([route, response.statusCode]).toEqual([route, 409]);
      expect(pageWords(response.body)).toContain('This case is closed. Nothing was changed');
      const audit = await auditRowsOf(t.db, response);
      expect([route, audit.map((a) => [a.outcome, a.youngPersonId])]).toEqual([route, [['denied', yp.id]]]);
    }
    expect(await everythingAbout(yp.id)).toBe(before);
    // Still readable, and the read is audited.
    const read = await as.tm.get(`/young-people/${yp.id}`);
    expect(read.statusCode).toBe(200);
    expect((await auditRowsOf(t.db, read)).map((a) => a.action)).toContain('record.view');
    const looked = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, yp.id), eq(auditEvents.action, 'record.view'))),
    );
    expect(looked.length).toBeGreaterThan(0);
  });
});

describe('records past keeping (CPPCR 2010 reg 50)', () => {
  it('an administrator sees those past their 75th birthday, not the day before; the listing is audited', async () => {
    const tm = staffByLocal(rows, 'tm');
    const old = (dateOfBirth: string) =>
      addYoungPerson(t.db, rows, { dateOfBirth, personalAdviserId: staffByLocal(rows, 'pa').id, teamId: tm.teamId! });
    const past = await old('1951-11-23'); // 75 today (TODAY is 23 November 2026)
    const notYet = await old('1951-11-24');
    const page = await as.admin.get('/admin/retention');
    expect(page.statusCode).toBe(200);
    const words = pageWords(page.body);
    expect(words).toContain(past.reference);
    expect(words).not.toContain(notYet.reference);
    expect(words).toContain('CPPCR 2010 reg 50');
    const [audit] = await auditRowsOf(t.db, page);
    expect(audit).toMatchObject({ action: 'retention.list', outcome: 'allowed' });
    expect((audit.details as { youngPersonIds: string[] }).youngPersonIds).toEqual([past.id]);
  });

  it('a manager may not see the list, and the refusal is audited', async () => {
    const refused = await as.tm.get('/admin/retention');
    expect(refused.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, refused)).map((a) => [a.action, a.outcome])).toEqual([
      ['records.retention', 'denied'],
    ]);
  });
});
