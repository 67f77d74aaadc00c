// API tokens (issue 11 §5): an administrator issues one on a page (shown once, kept hashed), sees when it
// was last used, and revokes it; a read token cannot POST (403, audited); a revoked or expired token is
// refused (401, audited); too many calls a minute are refused (429, audited); no token at all is a 401.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { apiRefusals, apiTokens, auditEvents } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { sha256 } from '../../src/services/secrets.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, type TestApp } from '../support/app.ts';
import { call, issueToken } from '../support/api.ts';

let t: TestApp;
let rows: CouncilRows;
let admin: Agent;

const rowsOfRequest = (response: { headers: Record<string, unknown> }) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, String(response.headers['x-request-id'])))
      .orderBy(auditEvents.id),
  );

beforeAll(async () => {
  t = await buildTestApp(undefined, { apiCallsPerMinute: 4 });
  rows = await buildCouncil(t.db, { youngPeople: 12 });
  admin = new Agent(t.app, '10.21.0.1');
  await admin.signIn(signInFor(rows, 'admin'), PASSWORD);
});
afterAll(() => t.close());

describe('the administrator’s pages', () => {
  it('issue a token once, keep only its hash, show when it was last used, and revoke it', async () => {
    await admin.get('/admin/api-tokens/new');
    const empty = await admin.post('/admin/api-tokens/new', { name: '', scope: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Error: Issue an API token');
    expect(empty.body).toContain('Enter the name of the system that will use the token');
    expect(empty.body).toContain('Select what the system may do');
    expect(empty.body).toContain('href="#expires-day"');

    const issued = await admin.post('/admin/api-tokens/new', {
      name: 'Mosaic',
      scope: 'read',
      'expires-day': '1',
      'expires-month': '3',
      'expires-year': String(Number(t.clock.now().toISOString().slice(0, 4)) + 1),
    });
    expect(issued.statusCode).toBe(200);
    const token = /data-api-token>([^<]+)</.exec(issued.body)?.[1] ?? '';
    expect(token).toMatch(/^pwt_[\w-]{43}$/);
    const [kept] = await t.db.system((tx) =>
      tx
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.councilId, rows.council.id), eq(apiTokens.name, 'Mosaic'))),
    );
    expect(kept.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(kept)).not.toContain(token.slice(4));
    const issuedRows = await rowsOfRequest(issued);
    expect(issuedRows.map((r) => [r.action, r.entityId])).toEqual([['api-token.issue', kept.id]]);

    const list = await admin.get('/admin/api-tokens');
    expect(list.body).toContain('Mosaic');
    expect(list.body).toContain('Never');
    expect(list.body).not.toContain(token);
    const used = await call(t.app, 'GET', '/young-people?pageSize=1', token);
    expect(used.statusCode).toBe(200);
    expect((await admin.get('/admin/api-tokens')).body).not.toContain('Never');

    const revoked = await admin.post(`/admin/api-tokens/${kept.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect((await rowsOfRequest(revoked)).map((r) => r.action)).toEqual(['api-token.revoke']);
    const refused = await call(t.app, 'GET', '/young-people', token);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect(refused.json()).toMatchObject({ status: 401, title: 'This API token was revoked' });
    expect(await rowsOfRequest(refused)).toMatchObject([
      { actorKind: 'api_token', actorId: kept.id, outcome: 'denied', details: { reason: 'token revoked' } },
    ]);
  });

  it('are for administrators only', async () => {
    const manager = new Agent(t.app, '10.21.0.2');
    await manager.signIn(signInFor(rows, 'sm'), PASSWORD);
    const page = await manager.get('/admin/api-tokens');
    expect(page.statusCode).toBe(403);
    expect(await rowsOfRequest(page)).toMatchObject([{ action: 'api.manage', outcome: 'denied' }]);
  });
});

describe('a call', () => {
  it('without a token, or with one that is not known, is a 401 problem', async () => {
    for (const token of [null, 'pwt_nothing-like-a-real-token', 'not-even-the-prefix']) {
      const r = await call(t.app, 'GET', '/young-people', token);
      expect(r.statusCode).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    // A signed-in member of staff's session opens none of the token's operations.
    const manager = new Agent(t.app, '10.21.0.3');
    await manager.signIn(signInFor(rows, 'sm'), PASSWORD);
    expect((await manager.get('/api/v1/young-people')).statusCode).toBe(401);
  });

  it('with a read token cannot POST: 403, audited against the token, nothing written', async () => {
    const { id, token } = await issueToken(t, rows, 'read', { name: 'Reader' });
    const r = await call(t.app, 'POST', '/young-people', token, {
      givenName: 'Read',
      familyName: 'Only',
      dateOfBirth: '2008-01-01',
      sex: 'male',
      teamId: rows.teams[0].id,
    });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ status: 403 });
    const audited = await rowsOfRequest(r);
    expect(audited.map((a) => [a.action, a.outcome, a.actorKind, a.actorId])).toEqual([
      ['api.call', 'allowed', 'api_token', id],
      ['page.submit', 'denied', 'api_token', id],
    ]);
    const written = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorId, id), eq(auditEvents.action, 'young-person.create'))),
    );
    expect(written).toEqual([]);
  });

  it('with an expired token is a 401, audited', async () => {
    const { id, token } = await issueToken(t, rows, 'write', { days: 1, name: 'Short' });
    expect((await call(t.app, 'GET', '/young-people?pageSize=1', token)).statusCode).toBe(200);
    t.clock.advance(2 * 86_400_000);
    try {
      const r = await call(t.app, 'GET', '/young-people?pageSize=1', token);
      expect(r.statusCode).toBe(401);
      expect(r.json().title).toBe('This API token has expired');
      expect(await rowsOfRequest(r)).toMatchObject([
        { actorId: id, outcome: 'denied', details: { reason: 'token expired' } },
      ]);
    } finally {
      t.clock.advance(-2 * 86_400_000);
    }
  });

  it('past the token’s calls a minute is a 429, audited; another token is not held back', async () => {
    const { id, token } = await issueToken(t, rows, 'read', { name: 'Busy' });
    const { token: calm } = await issueToken(t, rows, 'read', { name: 'Calm' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(t.app, 'GET', '/young-people?pageSize=1', token)).statusCode);
    // A minute may turn in the middle: then the count starts again, but never more than 4 in one minute.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(8);
    expect(statuses).toContain(429);
    const limited = await call(t.app, 'GET', '/young-people?pageSize=1', token);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ status: 429 });
    expect(await rowsOfRequest(limited)).toMatchObject([
      { action: 'api.call', actorId: id, outcome: 'denied', details: { reason: 'rate limit' } },
    ]);
    expect((await call(t.app, 'GET', '/young-people?pageSize=1', calm)).statusCode).toBe(200);
  });
});

describe('calls that name no council (no token, or one that is not known)', () => {
  const from = (address: string, token: string | null, url = '/young-people') =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1${url}`,
      remoteAddress: address,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const refusals = (address: string) =>
    t.db.system((tx) => tx.select().from(apiRefusals).where(eq(apiRefusals.address, address)).orderBy(apiRefusals.id));

  it('are recorded apart from every council, with no token kept, and nothing in any council’s trail', async () => {
    const wrong = 'pwt_this-is-not-a-token-anyone-was-given';
    const answers = [await from('10.77.0.1', wrong), await from('10.77.0.1', null), await from('10.77.0.1', 'abc')];
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401]);
    const kept = await refusals('10.77.0.1');
    expect(kept.map((r) => [r.reason, r.method, r.route, r.requestId])).toEqual(
      answers.map((a, i) => [
        ['unknown token', 'no token', 'unknown token'][i],
        'GET',
        '/api/v1/young-people',
        String(a.headers['x-request-id']),
      ]),
    );
    expect(kept[0].tokenHint).toBe(createHash('sha256').update(wrong).digest('hex').slice(0, 12));
    expect(kept[1].tokenHint).toBeNull();
    expect(JSON.stringify(kept)).not.toContain(wrong.slice(4));
    for (const a of answers) expect(await rowsOfRequest(a)).toEqual([]);
  });

  it('20 from one address in 15 minutes, then 429 (recorded); other addresses and known tokens are not held back', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await from('10.77.0.2', `pwt_guess-${i}`)).statusCode);
    expect(statuses).toEqual([...Array(20).fill(401), 429]);
    expect((await refusals('10.77.0.2')).at(-1)?.reason).toBe('rate limit');
    expect((await from('10.77.0.3', 'pwt_guess')).statusCode).toBe(401);
    const { token } = await issueToken(t, rows, 'read', { name: 'Same address' });
    expect((await from('10.77.0.2', token, '/young-people?pageSize=1')).statusCode).toBe(200);
    // Guesses at the API do not use up the address's sign-in attempts.
    const person = new Agent(t.app, '10.77.0.2');
    await person.signIn(signInFor(rows, 'sm'), PASSWORD);
    expect((await person.get('/')).statusCode).toBe(200);
  });

  it('the app’s roles can add to the record but never read it', async () => {
    const read = (run: typeof t.db.beforeCouncil) =>
      run((tx) => tx.select().from(apiRefusals)).then(
        () => 'read',
        (e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message,
      );
    expect(await read((fn) => t.db.beforeCouncil(fn))).toContain('permission denied');
    expect(await read((fn) => t.db.withCouncil(rows.council.id, fn))).toContain('permission denied');
  });
});
