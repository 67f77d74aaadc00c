// Idempotency keys on API POSTs (issue 11 §5): the same key and body give the same response without a
// second write; the same key with another body is a 422 problem; a call that fails frees its key; and,
// on PostgreSQL, two calls at once with one key write once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { contacts, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { buildCouncil, buildTestApp, testDatabase, testDriver, TODAY, type TestApp } from '../support/app.ts';
import { call, conformance, issueToken } from '../support/api.ts';

let t: TestApp;
let rows: CouncilRows;
let write: string;
let document: Record<string, unknown>;

beforeAll(async () => {
  // Races want as many connections as production's default.
  t = await buildTestApp(testDriver() === 'postgres' ? await testDatabase({ poolSize: 10 }) : undefined);
  rows = await buildCouncil(t.db, { youngPeople: 12 });
  write = (await issueToken(t, rows, 'write')).token;
  document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
});
afterAll(() => t.close());

const newPerson = (familyName: string) => ({
  givenName: 'Idem',
  familyName,
  dateOfBirth: '2008-03-03',
  sex: 'other',
  teamId: rows.teams[0].id,
});
/** This council's young people of a family name (a PostgreSQL test database keeps earlier runs' councils). */
const peopleNamed = (familyName: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(youngPeople)
      .where(and(eq(youngPeople.councilId, rows.council.id), eq(youngPeople.familyName, familyName))),
  );

describe('an Idempotency-Key', () => {
  it('gives the first response again for the same body, and writes once', async () => {
    const key = { 'idempotency-key': `create-${rows.council.slug}` };
    const first = await call(t.app, 'POST', '/young-people', write, newPerson('Once'), key);
    expect(first.statusCode).toBe(201);
    const again = await call(t.app, 'POST', '/young-people', write, newPerson('Once'), key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(conformance(document, 'POST', '/young-people', again)).toBeNull();
    expect(await peopleNamed('Once')).toHaveLength(1);
    // Without a key, the same body is a second young person.
    expect((await call(t.app, 'POST', '/young-people', write, newPerson('Once'))).statusCode).toBe(201);
    expect(await peopleNamed('Once')).toHaveLength(2);
  });

  it('with a different body is a 422 problem, and nothing is written', async () => {
    const key = { 'idempotency-key': `reuse-${rows.council.slug}` };
    expect((await call(t.app, 'POST', '/young-people', write, newPerson('First'), key)).statusCode).toBe(201);
    const other = await call(t.app, 'POST', '/young-people', write, newPerson('Second'), key);
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(other.json()).toMatchObject({ status: 422, type: expect.stringContaining('idempotency-key-reused') });
    expect(conformance(document, 'POST', '/young-people', other)).toBeNull();
    expect(await peopleNamed('Second')).toHaveLength(0);
  });

  it('of a call that failed is free again, so a corrected call can use it', async () => {
    const yp = rows.youngPeople.find((y) => !y.restricted && y.caseStatus !== 'closed')!;
    const key = { 'idempotency-key': `contact-${rows.council.slug}` };
    const body = { contactOn: '1990-01-01', method: 'visit', seenAlone: 'yes', discussed: 'Retry with the key' };
    expect((await call(t.app, 'POST', `/young-people/${yp.id}/contacts`, write, body, key)).statusCode).toBe(400);
    const fixed = await call(
      t.app,
      'POST',
      `/young-people/${yp.id}/contacts`,
      write,
      { ...body, contactOn: TODAY },
      key,
    );
    expect(fixed.statusCode).toBe(201);
    const written = await t.db.system((tx) => tx.select().from(contacts).where(eq(contacts.youngPersonId, yp.id)));
    expect(written.filter((c) => c.discussed === 'Retry with the key')).toHaveLength(1);
  });

  it('that is not visible text is a 400 problem', async () => {
    const r = await call(t.app, 'POST', '/young-people', write, newPerson('Badkey'), { 'idempotency-key': 'a b' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toHaveProperty('Idempotency-Key');
  });

  it.runIf(testDriver() === 'postgres')('sent by two calls at once writes once', async () => {
    const key = { 'idempotency-key': `race-${rows.council.slug}` };
    const [a, b] = await Promise.all([
      call(t.app, 'POST', '/young-people', write, newPerson('Race'), key),
      call(t.app, 'POST', '/young-people', write, newPerson('Race'), key),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    // The second either waited and got the first's answer (201), or was told the first is still running (409).
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(await peopleNamed('Race')).toHaveLength(1);
    for (const r of [a, b]) expect(conformance(document, 'POST', '/young-people', r), String(r.statusCode)).toBeNull();
  });
});
