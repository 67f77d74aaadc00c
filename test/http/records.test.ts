import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { codeName, ETHNICITY_NAMES, LEGAL_STATUS_NAMES, PLACEMENT_NAMES } from '../../src/domain/codes.ts';

let t: TestApp;
let rows: CouncilRows;
let other: CouncilRows;
const agents: Record<string, Agent> = {};

const auditRowsFor = (youngPersonId: string) =>
  t.db.system((tx) =>
    tx.select().from(auditEvents).where(eq(auditEvents.youngPersonId, youngPersonId)).orderBy(auditEvents.id),
  );

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 80 });
  other = await buildCouncil(t.db, { youngPeople: 20 });
  for (const who of ['pa', 'sw', 'tm', 'iro', 'sm', 'admin'] as const) {
    agents[who] = new Agent(t.app, `10.3.0.${Object.keys(agents).length + 1}`);
    await agents[who].signIn(signInFor(rows, who), PASSWORD);
  }
  agents.yp = new Agent(t.app, '10.3.1.1');
  await agents.yp.signIn(`young.person.${rows.council.slug}`, PASSWORD);
});
afterAll(() => t.close());

const pa = () => staffByLocal(rows, 'pa');
const caseloadOfPa = () =>
  rows.youngPeople.filter((y) => (y.personalAdviserId === pa().id || y.socialWorkerId === pa().id) && !y.restricted);
// Not someone who shares a family name with the adviser, whose own name is on every page they see.
const notInPaTeam = () =>
  rows.youngPeople.find(
    (y) =>
      y.teamId !== pa().teamId &&
      y.personalAdviserId !== pa().id &&
      y.socialWorkerId !== pa().id &&
      !y.restricted &&
      !pa().displayName.includes(y.familyName),
  )!;

describe('a record view', () => {
  it('shows details, care history and allocations, and writes exactly one audit row', async () => {
    const yp = caseloadOfPa()[0];
    const before = (await auditRowsFor(yp.id)).length;
    const response = await agents.pa.get(`/young-people/${yp.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(yp.familyName);
    expect(response.body).toContain('Care history');
    expect(response.body).toContain('Allocation history');
    const after = await auditRowsFor(yp.id);
    expect(after.length).toBe(before + 1);
    const row = after.at(-1)!;
    expect(row).toMatchObject({
      action: 'record.view',
      outcome: 'allowed',
      actorKind: 'staff',
      actorId: pa().id,
      entityType: 'young_person',
      entityId: yp.id,
      requestId: response.headers['x-request-id'],
    });
  });

  it("a young person sees their own record and nobody else's", async () => {
    const own = rows.accounts[0].youngPersonId;
    expect((await agents.yp.get(`/young-people/${own}`)).statusCode).toBe(200);
    // Not someone who shares the young person's family name, which is on every page they see.
    const ownName = rows.youngPeople.find((y) => y.id === own)!.familyName;
    const someoneElse = rows.youngPeople.find((y) => y.id !== own && y.familyName !== ownName)!;
    const response = await agents.yp.get(`/young-people/${someoneElse.id}`);
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain(someoneElse.familyName);
    const denied = (await auditRowsFor(someoneElse.id)).filter((r) => r.outcome === 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actorKind: 'young_person', actorId: own, action: 'record.view' });
  });

  it('a worker who edits the URL to another team’s young person gets 403, and the attempt is audited', async () => {
    const yp = notInPaTeam();
    const response = await agents.pa.get(`/young-people/${yp.id}`);
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('You do not have permission to see this record');
    expect(response.body).not.toContain(yp.familyName);
    const rowsAfter = await auditRowsFor(yp.id);
    const requestId = response.headers['x-request-id'];
    expect(
      rowsAfter.filter((r) => r.outcome === 'denied' && r.actorId === pa().id && r.requestId === requestId),
    ).toHaveLength(1);
  });

  it('a worker can open a young person in their own team who is not on their caseload', async () => {
    const yp = rows.youngPeople.find(
      (y) => y.teamId === pa().teamId && y.personalAdviserId !== pa().id && !y.restricted,
    )!;
    expect((await agents.pa.get(`/young-people/${yp.id}`)).statusCode).toBe(200);
  });

  it("another council's record id, or one that does not exist, reveals nothing", async () => {
    // Not someone who shares a family name with the manager, whose own name is on every page they see.
    const sm = staffByLocal(rows, 'sm');
    const foreign = other.youngPeople.find((y) => !sm.displayName.includes(y.familyName))!;
    const a = await agents.sm.get(`/young-people/${foreign.id}`);
    const b = await agents.sm.get('/young-people/00000000-0000-4000-8000-000000000000');
    expect(a.statusCode).toBe(403);
    expect(b.statusCode).toBe(403);
    expect(a.body).not.toContain(foreign.familyName);
    expect((await agents.sm.get('/young-people/not-a-uuid')).statusCode).toBe(404);
    // Nothing was written to the other council's trail.
    expect((await auditRowsFor(foreign.id)).length).toBe(0);
  });

  it('a restricted record is visible only to the staff named on it', async () => {
    const yp = rows.youngPeople.find((y) => y.restricted)!;
    const named = rows.restricted.filter((r) => r.youngPersonId === yp.id).map((r) => r.staffId);
    const namedAgent = new Agent(t.app, '10.3.2.1');
    const namedStaff = rows.staff.find((s) => s.id === named[0])!;
    await namedAgent.signIn(namedStaff.email, PASSWORD);
    expect((await namedAgent.get(`/young-people/${yp.id}`)).statusCode).toBe(200);
    // The service manager sees every other record in the council, but not this one.
    expect((await agents.sm.get(`/young-people/${yp.id}`)).statusCode).toBe(403);
    expect((await agents.sm.get(`/young-people/${rows.youngPeople.find((y) => !y.restricted)!.id}`)).statusCode).toBe(
      200,
    );
  });

  it('an administrator manages accounts but cannot read case content', async () => {
    const yp = rows.youngPeople[0];
    expect((await agents.admin.get(`/young-people/${yp.id}`)).statusCode).toBe(403);
    expect((await agents.admin.get('/young-people?q=a')).statusCode).toBe(403);
    expect((await agents.admin.get('/caseload')).statusCode).toBe(403);
  });

  it('an IRO reads the records of young people looked after now, and no others', async () => {
    const lookedAfter = rows.youngPeople.find(
      (y) => !y.restricted && rows.episodes.some((e) => e.youngPersonId === y.id && e.endDate === null),
    )!;
    const left = rows.youngPeople.find(
      (y) => !y.restricted && rows.episodes.filter((e) => e.youngPersonId === y.id).every((e) => e.endDate !== null),
    )!;
    expect((await agents.iro.get(`/young-people/${lookedAfter.id}`)).statusCode).toBe(200);
    expect((await agents.iro.get(`/young-people/${left.id}`)).statusCode).toBe(403);
  });
});

describe('lists', () => {
  it("a worker's caseload lists exactly the young people allocated to them", async () => {
    const response = await agents.pa.get('/caseload');
    expect(response.statusCode).toBe(200);
    const open = rows.youngPeople.filter(
      (y) => (y.personalAdviserId === pa().id || y.socialWorkerId === pa().id) && y.caseStatus === 'open',
    );
    expect(response.body).toContain(
      `${open.length} young ${open.length === 1 ? 'person' : 'people'} with an open case`,
    );
    for (const yp of open.slice(0, 5)) expect(response.body).toContain(`/young-people/${yp.id}`);
  });

  it('a team manager cannot list another team; a service manager can', async () => {
    const otherTeam = rows.teams.find((tm) => tm.id !== staffByLocal(rows, 'tm').teamId)!;
    expect((await agents.tm.get(`/team?team=${otherTeam.id}`)).statusCode).toBe(403);
    const response = await agents.sm.get(`/team?team=${otherTeam.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(otherTeam.name);
  });

  it('search finds only records the searcher may see', async () => {
    const yp = notInPaTeam();
    const response = await agents.pa.get(`/young-people?q=${encodeURIComponent(yp.reference)}`);
    expect(response.body).toContain('No young people found');
    const sm = await agents.sm.get(`/young-people?q=${encodeURIComponent(yp.reference)}`);
    expect(sm.body).toContain(`/young-people/${yp.id}`);
  });
});

describe('codes in words', () => {
  it('the record shows ethnicity, legal status, placement and why care ended in words, not SSDA903 or DfE codes', async () => {
    const yp = caseloadOfPa().find(
      (y) => y.ethnicity && rows.episodes.some((e) => e.youngPersonId === y.id && e.reasonEnded),
    )!;
    const episodes = rows.episodes.filter((e) => e.youngPersonId === yp.id);
    const response = await agents.pa.get(`/young-people/${yp.id}`);
    expect(response.statusCode).toBe(200);
    const cells = [...response.body.matchAll(/<(?:td|dd)[^>]*>([\s\S]*?)<\/(?:td|dd)>/g)].map((m) =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const codes = new Set(
      [yp.ethnicity!, ...episodes.flatMap((e) => [e.legalStatus, e.placementType, e.reasonEnded ?? ''])].filter(
        Boolean,
      ),
    );
    expect(codes.size).toBeGreaterThan(2);
    for (const code of codes)
      expect(
        cells.filter((c) => c.split(' ').includes(code)),
        `${code} shown as a code`,
      ).toEqual([]);
    // Nor anywhere else on the page, the timeline included ("Legal status C2", "Reason E8" before).
    const words = response.body
      .replace(/<script[\s\S]*?<\/script>/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .split(/[\s.,:;()]+/);
    for (const code of codes) expect(words.includes(code), `${code} shown as a code on the page`).toBe(false);
    expect(cells).toContain(codeName(ETHNICITY_NAMES, yp.ethnicity));
    for (const e of episodes) {
      expect(cells).toContain(codeName(LEGAL_STATUS_NAMES, e.legalStatus));
      expect(cells).toContain(codeName(PLACEMENT_NAMES, e.placementType));
    }
  });
});

describe('audit trail page', () => {
  it('managers see who looked at a record; workers cannot', async () => {
    const tmTeam = staffByLocal(rows, 'tm').teamId;
    const yp = rows.youngPeople.find((y) => y.teamId === tmTeam && !y.restricted)!;
    await agents.pa.get(`/young-people/${yp.id}`);
    const response = await agents.tm.get(`/young-people/${yp.id}/audit`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(pa().displayName);
    // The action in words, not its code.
    expect(response.body).toContain('Looked at the record');
    expect(response.body).not.toContain('record.view');
    expect((await agents.pa.get(`/young-people/${yp.id}/audit`)).statusCode).toBe(403);
    const viewed = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, yp.id), eq(auditEvents.action, 'audit.view')))
        .orderBy(auditEvents.id),
    );
    // The manager's look, and the worker's refused attempt.
    expect(viewed.map((v) => [v.actorId, v.outcome])).toEqual([
      [staffByLocal(rows, 'tm').id, 'allowed'],
      [pa().id, 'denied'],
    ]);
  });
});

describe('JSON API', () => {
  it('returns the record as JSON and audits the read', async () => {
    const yp = caseloadOfPa()[0];
    const before = (await auditRowsFor(yp.id)).length;
    const response = await agents.pa.get(`/api/v1/young-people/${yp.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: yp.id, reference: yp.reference, dateOfBirth: yp.dateOfBirth });
    const after = await auditRowsFor(yp.id);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({
      action: 'record.view',
      outcome: 'allowed',
      actorKind: 'staff',
      actorId: pa().id,
      entityId: yp.id,
      requestId: response.headers['x-request-id'],
    });
  });

  it('answers refusals with a problem body', async () => {
    const yp = notInPaTeam();
    const forbidden = await agents.pa.get(`/api/v1/young-people/${yp.id}`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    expect(forbidden.json()).toMatchObject({ status: 403, title: 'You do not have permission to see this record' });
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/young-people/${yp.id}` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ status: 401 });
    const missing = await agents.pa.get('/api/v1/nothing-here');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404 });
  });
});
