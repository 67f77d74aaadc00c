// The API for council systems (issue 11 §5): every operation answers as its own OpenAPI document says,
// with a write token's calls recorded against the token; another council's record is a 404; bad input
// is a 400 problem naming the field; the docs page lists every operation.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, contacts } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, TODAY, type TestApp } from '../support/app.ts';
import { call, conformance, issueToken } from '../support/api.ts';

let t: TestApp;
let rows: CouncilRows;
let other: CouncilRows;
let write: string;
let read: string;
let document: Record<string, unknown>;
const failures: string[] = [];

/** Calls, checks the response against the document, and keeps what does not conform. */
async function checked(
  method: 'GET' | 'POST',
  template: string,
  url: string,
  token: string | null,
  body?: unknown,
  headers?: Record<string, string>,
) {
  const response = await call(t.app, method, url, token, body, headers);
  const problem = conformance(document, method, template, response);
  if (problem) failures.push(`${method} ${url}: ${problem}`);
  return response;
}

const openCase = () =>
  rows.youngPeople.find(
    (y) => !y.restricted && y.caseStatus !== 'closed' && rows.planVersions.some((p) => p.youngPersonId === y.id),
  )!;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  other = await buildCouncil(t.db, { youngPeople: 10 });
  write = (await issueToken(t, rows, 'write')).token;
  read = (await issueToken(t, rows, 'read')).token;
  document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('is valid against the OpenAPI 3.1 schema (checked by @seriousme/openapi-schema-validator, offline)', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect([result.valid, validator.version]).toEqual([true, '3.1']);
    // The check is not a formality: the same document, broken, is refused.
    const broken = structuredClone(document) as { info?: unknown; paths: Record<string, unknown> };
    delete broken.info;
    broken.paths['no-leading-slash'] = { get: { responses: 'none' } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('is OpenAPI 3.1 and lists every operation with its schemas', () => {
    expect(document.openapi).toBe('3.1.0');
    const paths = document.paths as Record<string, Record<string, { operationId: string }>>;
    const ids = Object.values(paths).flatMap((m) => Object.values(m).map((op) => op.operationId));
    expect(ids.sort()).toEqual(
      [
        'listYoungPeople',
        'getYoungPerson',
        'createYoungPerson',
        'listCareEpisodes',
        'addCareEpisode',
        'listAllocations',
        'allocate',
        'listContacts',
        'addContact',
        'closeCase',
        'reopenCase',
        'getStatutoryStatus',
        'getApprovedPlan',
        'getApprovedPlanPdf',
        'getPerformanceTable',
      ].sort(),
    );
    const schemas = (document.components as { schemas: Record<string, { properties?: Record<string, unknown> }> })
      .schemas;
    // The request schema is the one that validates: its codes are the DfE lists.
    expect(schemas.NewCareEpisode.properties?.legalStatus).toMatchObject({
      enum: expect.arrayContaining(['C2', 'V2']),
    });
    expect(schemas.Problem.properties).toHaveProperty('errors');
  });

  it('has a docs page that lists each operation, without a script', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('POST /young-people/{id}/contacts');
    expect(page.body).toContain('id="schema-NewContact"');
    expect(page.body).not.toMatch(/<script[^>]+src="http/);
  });
});

describe('every operation answers as the document says', () => {
  it('reads and writes a record end to end', async () => {
    const list = await checked('GET', '/young-people', '/young-people?page=1&pageSize=5', read);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(5);

    const yp = openCase();
    const record = await checked('GET', '/young-people/{id}', `/young-people/${yp.id}`, read);
    expect(record.statusCode).toBe(200);
    expect(record.json()).toMatchObject({ id: yp.id, reference: yp.reference });
    // The read is audited against the token, not a member of staff.
    const viewed = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.requestId, String(record.headers['x-request-id'])), eq(auditEvents.action, 'record.view')),
        ),
    );
    expect(viewed).toHaveLength(1);
    expect(viewed[0]).toMatchObject({ actorKind: 'api_token', outcome: 'allowed', youngPersonId: yp.id });

    // Managers see the council system by its token's name in who looked at the record.
    const manager = new Agent(t.app, '10.22.0.1');
    await manager.signIn(signInFor(rows, 'sm'), PASSWORD);
    expect((await manager.get(`/young-people/${yp.id}/audit`)).body).toContain('Council system: System read');

    for (const part of ['care-episodes', 'allocations', 'contacts', 'statutory-status']) {
      const r = await checked('GET', `/young-people/{id}/${part}`, `/young-people/${yp.id}/${part}`, read);
      expect(r.statusCode, part).toBe(200);
    }
    const plan = await checked(
      'GET',
      '/young-people/{id}/plans/{version}',
      `/young-people/${yp.id}/plans/latest`,
      read,
    );
    expect(plan.statusCode).toBe(200);
    expect(plan.json().version).toBeGreaterThan(0);
    const pdf = await checked(
      'GET',
      '/young-people/{id}/plans/{version}/pdf',
      `/young-people/${yp.id}/plans/${plan.json().version}/pdf?part=planning`,
      read,
    );
    expect(pdf.statusCode).toBe(200);
    const figures = await checked('GET', '/performance/{table}', `/performance/plans-16-17?asAt=${TODAY}`, read);
    expect(figures.statusCode).toBe(200);
    expect(figures.json().rows.at(-1)[0]).toBe('All teams');

    // Writes, on a young person the API adds.
    const team = rows.teams[0];
    const made = await checked('POST', '/young-people', '/young-people', write, {
      givenName: 'Ada',
      familyName: 'Api',
      dateOfBirth: '2008-05-01',
      sex: 'female',
      teamId: team.id,
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().id as string;
    const episode = await checked(
      'POST',
      '/young-people/{id}/care-episodes',
      `/young-people/${id}/care-episodes`,
      write,
      {
        startDate: '2023-02-01',
        reasonNewEpisode: 'S',
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        placementType: 'U1',
        placementProvider: 'PR1',
        homePostcode: 'bs14dj',
      },
    );
    expect(episode.statusCode).toBe(201);
    // Written as the record's page writes it, whatever spacing was sent.
    const episodes = (await call(t.app, 'GET', `/young-people/${id}/care-episodes`, read)).json();
    expect(episodes.items.map((e: { homePostcode: string | null }) => e.homePostcode)).toContain('BS1 4DJ');
    const contact = await checked('POST', '/young-people/{id}/contacts', `/young-people/${id}/contacts`, write, {
      contactOn: TODAY,
      method: 'phone',
      seenAlone: 'not_applicable',
      discussed: 'Moving to college in September',
    });
    expect(contact.statusCode).toBe(201);
    const adviser = rows.staff.find(
      (s) => s.role === 'personal_adviser' && s.teamId === team.id && s.active !== false,
    )!;
    const fresh = (await call(t.app, 'GET', `/young-people/${id}`, read)).json();
    const allocated = await checked(
      'POST',
      '/young-people/{id}/allocations',
      `/young-people/${id}/allocations`,
      write,
      {
        version: fresh.version,
        role: 'personal_adviser',
        staffId: adviser.id,
        startDate: TODAY,
      },
    );
    expect(allocated.statusCode).toBe(201);
    const closed = await checked('POST', '/young-people/{id}/closure', `/young-people/${id}/closure`, write, {
      version: allocated.json().version,
      reason: 'other',
      on: TODAY,
      details: 'Added by mistake',
    });
    expect(closed.statusCode).toBe(200);
    // A closed case is read-only: a contact is refused (409), and the refusal is audited.
    const refused = await checked('POST', '/young-people/{id}/contacts', `/young-people/${id}/contacts`, write, {
      contactOn: TODAY,
      method: 'phone',
      seenAlone: 'no',
      discussed: 'Too late',
    });
    expect(refused.statusCode).toBe(409);
    const reopened = await checked('POST', '/young-people/{id}/reopening', `/young-people/${id}/reopening`, write, {
      version: closed.json().version,
      on: TODAY,
      details: 'Closed in error',
    });
    expect(reopened.statusCode).toBe(200);
    const after = (await call(t.app, 'GET', `/young-people/${id}`, read)).json();
    expect(after).toMatchObject({ caseStatus: 'open', personalAdviser: adviser.displayName });
    expect(after.careEpisodes).toHaveLength(1);
    expect(failures).toEqual([]);
  });
});

describe('refusals and bad input', () => {
  it("another council's record, and one that does not exist, are 404", async () => {
    const foreign = other.youngPeople[0];
    for (const url of [`/young-people/${foreign.id}`, '/young-people/00000000-0000-4000-8000-000000000000']) {
      const r = await checked('GET', '/young-people/{id}', url, read);
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body).not.toContain(foreign.familyName);
    }
    const write404 = await checked(
      'POST',
      '/young-people/{id}/contacts',
      `/young-people/${foreign.id}/contacts`,
      write,
      {
        contactOn: TODAY,
        method: 'phone',
        seenAlone: 'no',
        discussed: 'Not ours',
      },
    );
    expect(write404.statusCode).toBe(404);
    const written = await t.db.system((tx) => tx.select().from(contacts).where(eq(contacts.youngPersonId, foreign.id)));
    expect(written.filter((c) => c.discussed === 'Not ours')).toEqual([]);
  });

  it('bad input is a 400 problem naming each field, never a 500', async () => {
    const bad = await checked('POST', '/young-people', '/young-people', write, {
      givenName: '',
      dateOfBirth: '2008-13-45',
      sex: 'x',
      teamId: 'nope',
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().errors)).toEqual(
      expect.arrayContaining(['givenName', 'familyName', 'dateOfBirth', 'sex', 'teamId']),
    );
    const badId = await checked('GET', '/young-people/{id}', '/young-people/not-a-uuid', read);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors).toHaveProperty('id');
    const badPage = await checked('GET', '/young-people', '/young-people?pageSize=100000', read);
    expect(badPage.statusCode).toBe(400);
    // Numbers too big for the database are refused before it: 400, not 500.
    const hugeId = openCase().id;
    const hugePlan = await checked(
      'GET',
      '/young-people/{id}/plans/{version}',
      `/young-people/${hugeId}/plans/99999999999`,
      read,
    );
    expect(hugePlan.statusCode).toBe(400);
    const hugeVersion = await checked('POST', '/young-people/{id}/closure', `/young-people/${hugeId}/closure`, write, {
      version: 99_999_999_999,
      reason: 'died',
      on: TODAY,
    });
    expect(hugeVersion.statusCode).toBe(400);
    expect(hugeVersion.json().errors).toHaveProperty('version');
    for (const body of [null, [], 'text', { version: '1', reason: 'died', on: TODAY }]) {
      const r = await call(t.app, 'POST', `/young-people/${hugeId}/closure`, write, body === null ? 'null' : body, {
        'content-type': 'application/json',
      });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    const plain = await call(t.app, 'POST', '/young-people', write, 'hello', { 'content-type': 'text/plain' });
    expect(plain.statusCode).toBeLessThan(500);
    expect(plain.headers['content-type']).toContain('application/problem+json');
    const notJson = await call(t.app, 'POST', '/young-people', write, '{"givenName":', {
      'content-type': 'application/json',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toContain('application/problem+json');
    const otherTeam = await checked('POST', '/young-people', '/young-people', write, {
      givenName: 'Bo',
      familyName: 'Elsewhere',
      dateOfBirth: '2008-05-01',
      sex: 'male',
      teamId: other.teams[0].id,
    });
    expect(otherTeam.statusCode).toBe(400);
    expect(otherTeam.json().errors).toHaveProperty('teamId');
    // A rule the service checks: a contact before they were born.
    const yp = openCase();
    const early = await checked('POST', '/young-people/{id}/contacts', `/young-people/${yp.id}/contacts`, write, {
      contactOn: '1990-01-01',
      method: 'visit',
      seenAlone: 'yes',
      discussed: 'Before birth',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors).toHaveProperty('contactOn');
    expect(failures).toEqual([]);
  });
});
