// Records and allocation (issue 11 §1) through the app: a manager adds a young person, a worker changes
// their details and care history, a manager allocates, transfers and ends workers and moves the case
// between teams; every write and every refusal is audited; bad input gets the GOV.UK error summary; a
// stale form is a conflict that loses nothing; the performance figures count the case where it was.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocations, auditEvents, careEpisodes, teamHistory, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';
import { pageWords } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<'pa' | 'pa2' | 'tm' | 'sm' | 'iro' | 'admin', Agent> = {} as never;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  for (const [i, who] of (['pa', 'tm', 'sm', 'iro', 'admin'] as const).entries()) {
    as[who] = new Agent(t.app, `10.11.0.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
  // A second adviser of the same team, to make edits at the same time as the first.
  as.pa2 = new Agent(t.app, '10.11.0.9');
  await as.pa2.signIn(adviserOf(staffByLocal(rows, 'pa').teamId!, [staffByLocal(rows, 'pa').id]).email, PASSWORD);
}, 60_000);
afterAll(() => t.close());

const active = () => rows.staff.filter((s) => s.active !== false);
function adviserOf(teamId: string, not: string[] = []) {
  return active().find((s) => s.role === 'personal_adviser' && s.teamId === teamId && !not.includes(s.id))!;
}
const dateParts = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y };
};
const details = (over: Record<string, string> = {}) => ({
  givenName: 'Amani',
  familyName: 'Okafor',
  preferredName: '',
  sex: 'female',
  ethnicity: 'BAFR',
  upn: 'H801200001001',
  unaccompaniedAsylumSeeking: 'no',
  firstLanguage: 'English',
  interpreterNeeded: 'no',
  communicationNeeds: '',
  ...over,
});
const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
const person = async (id: string) => {
  const [row] = await t.db.system((tx) => tx.select().from(youngPeople).where(eq(youngPeople.id, id)));
  return row;
};
const audits = (id: string, action: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.youngPersonId, id), eq(auditEvents.action, action)))
      .orderBy(auditEvents.id),
  );
const openAllocations = (id: string) =>
  t.db.system((tx) =>
    tx.select().from(allocations).where(eq(allocations.youngPersonId, id)).orderBy(asc(allocations.startDate)),
  );

/** A form refused with 400 that says each of these next to its field. */
function expectProblems(response: { statusCode: number; body: string }, messages: string[]) {
  expect(response.statusCode).toBe(400);
  const words = pageWords(response.body);
  for (const message of messages) expect(words).toContain(message);
}

let lastAdded = '';
/** Adds a young person through the page as the team manager, in their team; returns the new id. */
async function addThroughPage(over: Record<string, string> = {}, dateOfBirth = '2010-03-01') {
  const tm = staffByLocal(rows, 'tm');
  await as.tm.get('/young-people/new');
  const r = await as.tm.post('/young-people/new', {
    ...details({ upn: '' }),
    reference: '',
    teamId: tm.teamId!,
    ageAssessed: 'no',
    ...dateParts('dateOfBirth', dateOfBirth),
    ...over,
  });
  expect(r.statusCode, pageWords(r.body).slice(0, 400)).toBe(303);
  lastAdded = String(r.headers.location);
  return lastAdded.split('?')[0].split('/').pop()!;
}

/** Opens the adviser page as a person would, then allocates (or transfers to) `staffId` from `startDate`. */
async function allocateAdviser(agent: Agent, id: string, staffId: string, startDate: string) {
  const form = await agent.get(`/young-people/${id}/allocation/personal-adviser`);
  expect(form.statusCode).toBe(200);
  return agent.post(`/young-people/${id}/allocation/personal-adviser`, {
    action: 'allocate',
    staffId,
    version: versionOn(form.body),
    ...dateParts('startDate', startDate),
  });
}

/** A period of care with every SSDA903 field, through the care history page. */
const episode = (over: Record<string, string> = {}) => ({
  action: 'start',
  ...dateParts('startDate', '2020-01-06'),
  reasonNewEpisode: 'S',
  legalStatus: 'C2',
  categoryOfNeed: 'N1',
  placementType: 'U4',
  placementProvider: 'PR1',
  reasonPlaceChange: '',
  homePostcode: 'sw1a 1aa',
  placementPostcode: 'M1 1AE',
  urn: 'sc123456',
  ...over,
});

describe('adding a young person', () => {
  it('a team manager adds one to their team: their details and date of birth are kept, and audited', async () => {
    const id = await addThroughPage({ upn: 'H801200001001', preferredName: 'Ami' });
    const row = await person(id);
    expect(row).toMatchObject({
      givenName: 'Amani',
      preferredName: 'Ami',
      upn: 'H801200001001',
      dateOfBirth: '2010-03-01',
      teamId: staffByLocal(rows, 'tm').teamId,
      version: 1,
      personalAdviserId: null,
    });
    expect(row.reference).toMatch(/^PW[0-9A-F]{8}$/);
    expect(await audits(id, 'young-person.create')).toHaveLength(1);
    const page = pageWords((await as.tm.get(lastAdded)).body);
    expect(page).toContain('Young person added');
    expect(page).toContain('Unique pupil number (UPN) H801200001001');
  });

  it('says what is wrong next to each field, keeps what was typed and adds no one', async () => {
    const before = await t.db.system((tx) => tx.select().from(youngPeople));
    await as.tm.get('/young-people/new');
    const empty = await as.tm.post('/young-people/new', {});
    expectProblems(empty, [
      'Enter their given name',
      'Enter their family name',
      'Select their sex',
      'Enter date of birth',
      'Select their team',
      'Select whether they are an unaccompanied asylum-seeking child',
    ]);
    expect(empty.body).toContain('<title>Error: Add a young person');
    const bad = await as.tm.post('/young-people/new', {
      ...details({ upn: 'A801200001001', givenName: 'Kept Name', ethnicity: 'XXXX' }),
      teamId: staffByLocal(rows, 'tm').teamId!,
      ageAssessed: 'no',
      reference: '',
      ...dateParts('dateOfBirth', '2027-01-01'),
    });
    expect(bad.statusCode).toBe(400);
    const badWords = pageWords(bad.body);
    expect(badWords).toContain('Enter a real UPN: the first letter does not match the numbers');
    expect(badWords).toContain('Select their ethnicity');
    expect(bad.body).toContain('value="Kept Name"');
    const future = await as.tm.post('/young-people/new', {
      ...details(),
      teamId: staffByLocal(rows, 'tm').teamId!,
      ageAssessed: 'no',
      reference: rows.youngPeople[0].reference!,
      ...dateParts('dateOfBirth', '2027-01-01'),
    });
    expect(pageWords(future.body)).toContain('Date of birth must be today or in the past');
    expect(pageWords(future.body)).toContain('Another young person already has this reference');
    expect(await t.db.system((tx) => tx.select().from(youngPeople))).toHaveLength(before.length);
  });

  it('refuses, and audits, a worker adding anyone and a team manager adding to another team', async () => {
    const refused = await as.pa.get('/young-people/new');
    expect(refused.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, refused)).map((r) => r.outcome)).toEqual(['denied']);
    const tm = staffByLocal(rows, 'tm');
    const other = rows.teams.find((x) => x.id !== tm.teamId)!;
    await as.tm.get('/young-people/new');
    const elsewhere = await as.tm.post('/young-people/new', {
      ...details(),
      reference: '',
      teamId: other.id,
      ageAssessed: 'no',
      ...dateParts('dateOfBirth', '2010-03-01'),
    });
    expect(elsewhere.statusCode).toBe(403);
    const audited = await auditRowsOf(t.db, elsewhere);
    expect(audited.map((r) => [r.action, r.outcome, r.entityId])).toEqual([
      ['young-person.create', 'denied', other.id],
    ]);
  });
});

describe('changing details and care history', () => {
  it('a worker in the team changes their details; the audit row names the fields, not their values', async () => {
    const id = await addThroughPage();
    const form = await as.pa.get(`/young-people/${id}/details`);
    expect(form.statusCode).toBe(200);
    const r = await as.pa.post(`/young-people/${id}/details`, {
      ...details({ preferredName: 'Mani', firstLanguage: 'Yoruba', interpreterNeeded: 'yes' }),
      version: versionOn(form.body),
    });
    expect(r.statusCode).toBe(303);
    expect(await person(id)).toMatchObject({
      preferredName: 'Mani',
      firstLanguage: 'Yoruba',
      interpreterNeeded: true,
      version: 2,
    });
    const [row] = await audits(id, 'young-person.update');
    expect((row.details as { fields: string[] }).fields.sort()).toEqual([
      'firstLanguage',
      'interpreterNeeded',
      'preferredName',
      'upn',
    ]);
    const bad = await as.pa.post(`/young-people/${id}/details`, {
      ...details({ givenName: '', upn: 'H80120000100' }),
      version: '2',
    });
    expect(bad.statusCode).toBe(400);
    expect(pageWords(bad.body)).toContain('Enter their given name');
    expect(pageWords(bad.body)).toContain('UPN must be 13 characters: a letter, then 12 numbers');
    expect((await person(id)).givenName).toBe('Amani');
  });

  it('a record imported without a name says so on its page until someone saves its details', async () => {
    const id = await addThroughPage();
    await t.db.system((tx) => tx.update(youngPeople).set({ needsName: true }).where(eq(youngPeople.id, id)));
    const flagged = pageWords((await as.pa.get(`/young-people/${id}`)).body);
    expect(flagged).toContain('This record came from the SSDA903 return without a name');
    const form = await as.pa.get(`/young-people/${id}/details`);
    const saved = await as.pa.post(`/young-people/${id}/details`, { ...details(), version: versionOn(form.body) });
    expect(saved.statusCode).toBe(303);
    expect((await person(id)).needsName).toBe(false);
    expect(pageWords((await as.pa.get(`/young-people/${id}`)).body)).not.toContain('without a name');
  });

  it('two people editing at once: the second save is refused, both texts are shown, nothing is lost', async () => {
    const id = await addThroughPage();
    const first = await as.pa.get(`/young-people/${id}/details`);
    const second = await as.pa2.get(`/young-people/${id}/details`);
    const csrf = [await as.pa.csrf(), await as.pa2.csrf()];
    const a = await as.pa.post(
      `/young-people/${id}/details`,
      { ...details({ communicationNeeds: 'Prefers texts' }), version: versionOn(first.body) },
      { csrf: csrf[0] },
    );
    expect(a.statusCode).toBe(303);
    const b = await as.pa2.post(
      `/young-people/${id}/details`,
      { ...details({ communicationNeeds: 'Needs a BSL interpreter' }), version: versionOn(second.body) },
      { csrf: csrf[1] },
    );
    expect(b.statusCode).toBe(409);
    const words = pageWords(b.body);
    expect(words).toContain('Someone else changed this record while you had this page open');
    expect(words).toContain('Saved now');
    expect(words).toContain('Prefers texts');
    expect(b.body).toContain('Needs a BSL interpreter</textarea>');
    expect((await person(id)).communicationNeeds).toBe('Prefers texts');
    expect(await audits(id, 'young-person.update-conflict')).toHaveLength(1);
    // Saving again from the refused page (it carries the new version) is a choice made knowing both.
    const again = await as.pa2.post(`/young-people/${id}/details`, {
      ...details({ communicationNeeds: 'Prefers texts. Needs a BSL interpreter' }),
      version: versionOn(b.body),
    });
    expect(again.statusCode).toBe(303);
    expect((await person(id)).communicationNeeds).toBe('Prefers texts. Needs a BSL interpreter');
  });

  it('a period of care keeps every SSDA903 episode field; a code not on the DfE list is refused', async () => {
    const id = await addThroughPage();
    await as.pa.get(`/young-people/${id}/care-history`);
    const bad = await as.pa.post(
      `/young-people/${id}/care-history`,
      episode({ categoryOfNeed: 'N9', placementProvider: '', homePostcode: 'nowhere', reasonNewEpisode: 'P' }),
    );
    expectProblems(bad, [
      'Select the category of need',
      'Select who provides the placement',
      'Home postcode must be a real UK postcode, like SW1A 1AA',
    ]);
    const start = await as.pa.post(`/young-people/${id}/care-history`, episode({ reasonNewEpisode: 'P' }));
    expect(start.statusCode).toBe(400);
    expect(pageWords(start.body)).toContain('Their first period of care must start with “Started to be looked after”');
    expect(pageWords(start.body)).toContain('Select why the placement changed');
    expect((await as.pa.post(`/young-people/${id}/care-history`, episode())).statusCode).toBe(303);
    const [row] = await t.db.system((tx) => tx.select().from(careEpisodes).where(eq(careEpisodes.youngPersonId, id)));
    expect(row).toMatchObject({
      startDate: '2020-01-06',
      reasonNewEpisode: 'S',
      legalStatus: 'C2',
      categoryOfNeed: 'N1',
      placementType: 'U4',
      placementProvider: 'PR1',
      reasonPlaceChange: null,
      homePostcode: 'SW1A 1AA',
      placementPostcode: 'M1 1AE',
      urn: 'SC123456',
    });
    const page = pageWords((await as.pa.get(`/young-people/${id}/care-history`)).body);
    expect(page).toContain('Category of need Abuse or neglect');
    expect(page).toContain('Provider The council’s own provision');
    // A change of placement carries on the same day, with its reason.
    await as.pa.post(`/young-people/${id}/care-history`, {
      action: 'end',
      ...dateParts('endDate', '2024-05-01'),
      reasonEnded: 'X1',
    });
    const change = await as.pa.post(
      `/young-people/${id}/care-history`,
      episode({ ...dateParts('startDate', '2024-05-01'), reasonNewEpisode: 'P', reasonPlaceChange: 'CREQO' }),
    );
    expect(change.statusCode).toBe(303);
    // A period recorded without every field is corrected; its dates stay.
    const [first] = await t.db.system((tx) =>
      tx
        .select()
        .from(careEpisodes)
        .where(and(eq(careEpisodes.youngPersonId, id), eq(careEpisodes.startDate, '2020-01-06'))),
    );
    const correctPath = `/young-people/${id}/care-history/${first.id}`;
    expect((await as.pa.get(correctPath)).statusCode).toBe(200);
    // The form sends no dates: any sent are ignored.
    const fields = episode({ ...dateParts('startDate', '2021-01-01') });
    const wrong = await as.pa.post(correctPath, { ...fields, reasonPlaceChange: 'CARPL' });
    expect(wrong.statusCode).toBe(400);
    expect(pageWords(wrong.body)).toContain('Only give a reason for a change of placement when the placement changed');
    const corrected = await as.pa.post(correctPath, { ...fields, categoryOfNeed: 'N4', urn: '' });
    expect(corrected.statusCode).toBe(303);
    const [again] = await t.db.system((tx) => tx.select().from(careEpisodes).where(eq(careEpisodes.id, first.id)));
    expect(again).toMatchObject({ categoryOfNeed: 'N4', urn: null, startDate: '2020-01-06', endDate: '2024-05-01' });
    const [correction] = await audits(id, 'care-episode.update');
    expect((correction.details as { fields: string[] }).fields.sort()).toEqual(['categoryOfNeed', 'urn']);
    expect(pageWords((await as.pa.get(String(corrected.headers.location))).body)).toContain('Period of care corrected');
    const byIro = await as.iro.post(correctPath, fields);
    expect(byIro.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, byIro)).map((r) => r.outcome)).toEqual(['denied']);

    const [audit] = await audits(id, 'care-episode.add');
    expect(audit.details).toMatchObject({ categoryOfNeed: 'N1', placementProvider: 'PR1' });
    expect(JSON.stringify(audit.details)).not.toContain('SW1A');
  });
});

describe('allocation', () => {
  /** An eligible 16-year-old in the team manager's team, in care since 2020, with no adviser. */
  async function eligibleWithoutAdviser() {
    const id = await addThroughPage({}, '2010-03-01');
    expect((await as.pa.post(`/young-people/${id}/care-history`, episode())).statusCode).toBe(303);
    return id;
  }
  const rolePage = (agent: Agent, id: string, role = 'personal-adviser') =>
    agent.get(`/young-people/${id}/allocation/${role}`);

  it('allocate, transfer and end an adviser: dated history, the due item comes and goes, each step audited', async () => {
    const id = await eligibleWithoutAdviser();
    const due = (html: string) => pageWords(html).includes('Allocate a personal adviser');
    expect(due((await as.tm.get(`/young-people/${id}`)).body)).toBe(true);
    const teamId = (await person(id)).teamId;
    const first = adviserOf(teamId);
    const second = adviserOf(teamId, [first.id]);

    let r = await allocateAdviser(as.tm, id, first.id, '2026-11-02');
    expect(r.statusCode).toBe(303);
    expect((await person(id)).personalAdviserId).toBe(first.id);
    expect(due((await as.tm.get(`/young-people/${id}`)).body)).toBe(false);

    const early = await allocateAdviser(as.tm, id, second.id, '2026-11-01');
    expect(early.statusCode).toBe(400);
    expect(pageWords(early.body)).toContain(`The date must be after ${first.displayName}’s allocation started`);
    r = await allocateAdviser(as.tm, id, second.id, '2026-11-16');
    expect(r.statusCode).toBe(303);
    expect((await openAllocations(id)).map((a) => [a.staffId, a.startDate, a.endDate])).toEqual([
      [first.id, '2026-11-02', '2026-11-16'],
      [second.id, '2026-11-16', null],
    ]);

    const form = await rolePage(as.tm, id);
    r = await as.tm.post(`/young-people/${id}/allocation/personal-adviser`, {
      action: 'end',
      version: versionOn(form.body),
      ...dateParts('endDate', '2026-11-20'),
    });
    expect(r.statusCode).toBe(303);
    expect((await person(id)).personalAdviserId).toBeNull();
    expect((await openAllocations(id)).at(-1)!.endDate).toBe('2026-11-20');
    expect(due((await as.tm.get(`/young-people/${id}`)).body)).toBe(true);
    expect(await audits(id, 'allocation.start')).toHaveLength(2);
    expect(await audits(id, 'allocation.end')).toHaveLength(1);
    const history = pageWords((await as.tm.get(`/young-people/${id}/allocation`)).body);
    expect(history).toContain(`${second.displayName} Personal adviser 16 Nov 2026 20 Nov 2026`);
  });

  it('only a worker of the case’s team can be allocated, and not a social worker as adviser', async () => {
    const id = await eligibleWithoutAdviser();
    const teamId = (await person(id)).teamId;
    const elsewhere = active().find((s) => s.role === 'personal_adviser' && s.teamId !== teamId)!;
    const sw = active().find((s) => s.role === 'social_worker' && s.teamId === teamId)!;
    for (const [staffId, message] of [
      [elsewhere.id, 'Select a personal adviser in the young person’s team'],
      [sw.id, 'Select a personal adviser'],
      ['', 'Select who to allocate'],
    ]) {
      const form = await rolePage(as.tm, id);
      const r = await as.tm.post(`/young-people/${id}/allocation/personal-adviser`, {
        action: 'allocate',
        staffId,
        version: versionOn(form.body),
        ...dateParts('startDate', '2026-11-02'),
      });
      expect(r.statusCode).toBe(400);
      expect(pageWords(r.body)).toContain(message);
    }
    expect(await openAllocations(id)).toEqual([]);
  });

  it('a stale allocation form is a conflict: refused, audited, nothing changed', async () => {
    const id = await eligibleWithoutAdviser();
    const teamId = (await person(id)).teamId;
    const stale = await rolePage(as.tm, id);
    const fresh = await rolePage(as.sm, id);
    const [a, b] = [adviserOf(teamId), adviserOf(teamId, [adviserOf(teamId).id])];
    expect(
      (
        await as.sm.post(`/young-people/${id}/allocation/personal-adviser`, {
          action: 'allocate',
          staffId: a.id,
          version: versionOn(fresh.body),
          ...dateParts('startDate', '2026-11-02'),
        })
      ).statusCode,
    ).toBe(303);
    const late = await as.tm.post(
      `/young-people/${id}/allocation/personal-adviser`,
      { action: 'allocate', staffId: b.id, version: versionOn(stale.body), ...dateParts('startDate', '2026-11-03') },
      { csrf: await as.tm.csrf() },
    );
    expect(late.statusCode).toBe(409);
    expect(pageWords(late.body)).toContain('Someone else changed this record');
    expect(pageWords(late.body)).toContain(`${a.displayName} has been their personal adviser since 2 November 2026`);
    expect((await openAllocations(id)).map((x) => x.staffId)).toEqual([a.id]);
    expect(await audits(id, 'allocation.conflict')).toHaveLength(1);
  });

  it('refuses, and audits, workers allocating and managers of other teams', async () => {
    const id = await eligibleWithoutAdviser();
    const teamId = (await person(id)).teamId;
    const form = await as.pa.get(`/young-people/${id}/allocation`);
    expect(form.statusCode).toBe(200);
    expect(pageWords(form.body)).not.toContain('Move them to another team');
    const body = {
      action: 'allocate',
      staffId: adviserOf(teamId).id,
      version: '1',
      ...dateParts('startDate', '2026-11-02'),
    };
    const byAdviser = await as.pa.post(`/young-people/${id}/allocation/personal-adviser`, body);
    expect(byAdviser.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, byAdviser)).map((r) => r.outcome)).toEqual(['denied']);
    // A manager of another team: a case from elsewhere in the council.
    const otherCase = rows.youngPeople.find(
      (y) => y.teamId !== staffByLocal(rows, 'tm').teamId && !y.restricted && y.caseStatus !== 'closed',
    )!;
    await as.tm.get('/team');
    const byOtherManager = await as.tm.post(`/young-people/${otherCase.id}/team`, {
      teamId,
      version: '1',
      ...dateParts('on', '2026-11-02'),
    });
    expect(byOtherManager.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, byOtherManager)).map((r) => [r.action, r.outcome])).toEqual([
      ['team.move', 'denied'],
    ]);
    const byIro = await as.iro.get(`/young-people/${id}/allocation/personal-adviser`);
    expect(byIro.statusCode).toBe(403);
    const byAdmin = await as.admin.get(`/young-people/${id}/allocation`);
    expect(byAdmin.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, byAdmin)).map((r) => r.outcome)).toEqual(['denied']);
  });
});

describe('moving a young person between teams', () => {
  /** Dorset's looked-after 16–17 table as a service manager downloads it: young people per team name. */
  async function countsOn(asAt: string): Promise<Map<string, number>> {
    const r = await as.sm.get(`/performance/plans-16-17.csv?asAt=${asAt}`);
    expect(r.statusCode).toBe(200);
    const lines = r.body.trim().split('\r\n').slice(1);
    return new Map(lines.map((line) => [line.split(',')[0], Number(line.split(',')[1])]));
  }

  it('hands over to the new team’s adviser that day; team history kept; reports count them where they were', async () => {
    const tm = staffByLocal(rows, 'tm');
    const id = await addThroughPage({}, '2010-03-01');
    await as.pa.get(`/young-people/${id}/care-history`);
    expect((await as.pa.post(`/young-people/${id}/care-history`, episode())).statusCode).toBe(303);
    const from = adviserOf(tm.teamId!);
    await allocateAdviser(as.tm, id, from.id, '2026-08-01');
    const target = rows.teams.find(
      (x) => x.id !== tm.teamId && active().some((s) => s.role === 'personal_adviser' && s.teamId === x.id),
    )!;
    const to = adviserOf(target.id);
    const teamName = (x: string) => rows.teams.find((team) => team.id === x)!.name;
    const before = { early: await countsOn('2026-10-15'), late: await countsOn(TODAY) };

    const form = await as.sm.get(`/young-people/${id}/team`);
    expect(form.statusCode).toBe(200);
    const wrong = await as.sm.post(`/young-people/${id}/team`, {
      teamId: tm.teamId!,
      personalAdviserId: from.id,
      socialWorkerId: '',
      version: versionOn(form.body),
      ...dateParts('on', '2026-08-01'),
    });
    expect(wrong.statusCode).toBe(400);
    expect(pageWords(wrong.body)).toContain('Select the team they are moving to');
    const moved = await as.sm.post(`/young-people/${id}/team`, {
      teamId: target.id,
      personalAdviserId: to.id,
      socialWorkerId: '',
      version: versionOn(form.body),
      ...dateParts('on', '2026-11-02'),
    });
    expect(moved.statusCode).toBe(303);
    expect(await person(id)).toMatchObject({ teamId: target.id, personalAdviserId: to.id });
    expect((await openAllocations(id)).map((a) => [a.staffId, a.startDate, a.endDate])).toEqual([
      [from.id, '2026-08-01', '2026-11-02'],
      [to.id, '2026-11-02', null],
    ]);
    const history = await t.db.system((tx) =>
      tx.select().from(teamHistory).where(eq(teamHistory.youngPersonId, id)).orderBy(asc(teamHistory.startDate)),
    );
    // Before the move: with the old team since the case opened (its first period of care).
    expect(history.map((h) => [h.teamId, h.startDate, h.endDate])).toEqual([
      [tm.teamId, '2020-01-06', '2026-11-02'],
      [target.id, '2026-11-02', null],
    ]);
    expect(await audits(id, 'team.move')).toHaveLength(1);
    const after = { early: await countsOn('2026-10-15'), late: await countsOn(TODAY) };
    const gained = (was: Map<string, number>, now: Map<string, number>, team: string) =>
      (now.get(team) ?? 0) - (was.get(team) ?? 0);
    expect([
      gained(before.early, after.early, teamName(tm.teamId!)),
      gained(before.early, after.early, target.name),
    ]).toEqual([0, 0]);
    expect([
      gained(before.late, after.late, teamName(tm.teamId!)),
      gained(before.late, after.late, target.name),
    ]).toEqual([-1, 1]);
    // The team manager of the old team no longer reaches the case.
    expect((await as.tm.get(`/young-people/${id}`)).statusCode).toBe(403);
  });

  it('with no one chosen in the new team, the old team’s adviser’s allocation ends that day', async () => {
    const id = await addThroughPage({}, '2010-03-01');
    const tm = staffByLocal(rows, 'tm');
    const from = adviserOf(tm.teamId!);
    await allocateAdviser(as.tm, id, from.id, '2026-11-01');
    const target = rows.teams.find((x) => x.id !== tm.teamId)!;
    const form = await as.tm.get(`/young-people/${id}/team`);
    const r = await as.tm.post(`/young-people/${id}/team`, {
      teamId: target.id,
      personalAdviserId: '',
      socialWorkerId: '',
      version: versionOn(form.body),
      ...dateParts('on', '2026-11-20'),
    });
    expect(r.statusCode).toBe(303);
    expect(decodeURIComponent(String(r.headers.location))).toContain(`Allocation ended: ${from.displayName}`);
    expect(await person(id)).toMatchObject({ teamId: target.id, personalAdviserId: null });
    expect((await openAllocations(id)).map((a) => a.endDate)).toEqual(['2026-11-20']);
  });
});

describe('caseload sizes', () => {
  it('a team manager sees each worker’s open cases by role; the counts match the records', async () => {
    const tm = staffByLocal(rows, 'tm');
    const pa = staffByLocal(rows, 'pa');
    await addYoungPerson(t.db, rows, { personalAdviserId: pa.id, teamId: pa.teamId!, dateOfBirth: '2008-01-01' });
    const r = await as.tm.get('/team/caseloads');
    expect(r.statusCode).toBe(200);
    const open = await t.db.system((tx) =>
      tx
        .select()
        .from(youngPeople)
        .where(and(eq(youngPeople.personalAdviserId, pa.id), eq(youngPeople.caseStatus, 'open'))),
    );
    const asSw = await t.db.system((tx) =>
      tx
        .select()
        .from(youngPeople)
        .where(and(eq(youngPeople.socialWorkerId, pa.id), eq(youngPeople.caseStatus, 'open'))),
    );
    expect(pageWords(r.body)).toContain(
      `${pa.displayName} Personal adviser ${open.length} ${asSw.length} ${open.length + asSw.length}`,
    );
    const other = rows.teams.find((x) => x.id !== tm.teamId)!;
    const refused = await as.tm.get(`/team/caseloads?team=${other.id}`);
    expect(refused.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, refused)).map((x) => x.outcome)).toEqual(['denied']);
    expect((await as.sm.get(`/team/caseloads?team=${other.id}`)).statusCode).toBe(200);
    expect((await as.pa.get('/team/caseloads')).statusCode).toBe(403);
  });
});
