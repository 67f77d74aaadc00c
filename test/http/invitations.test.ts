import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;
let worker: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 100 });
  worker = new Agent(t.app, '10.4.0.1');
  await worker.signIn(signInFor(rows, 'pa'), PASSWORD);
});
afterAll(() => t.close());

// Young people in the demo adviser's team (a worker can find anyone in their team) without an account.
const uninvited = (n = 0) => {
  const found = rows.youngPeople.filter((y) => y.teamId === staffByLocal(rows, 'pa').teamId && !y.restricted && !rows.accounts.some((a) => a.youngPersonId === y.id) && y.caseStatus === 'open');
  if (!found[n]) throw new Error(`the generated council has only ${found.length} uninvited young people in the adviser's team`);
  return found[n];
};

async function invite(youngPersonId: string) {
  await worker.get(`/young-people/${youngPersonId}`);
  const response = await worker.post(`/young-people/${youngPersonId}/invitations`, {});
  expect(response.statusCode).toBe(200);
  const code = /class="app-code">([A-Z0-9-]+)</.exec(response.body)![1];
  const link = /href="https?:\/\/[^/]+(\/invite\/[\w-]+)"/.exec(response.body)![1];
  return { code, link };
}

describe('inviting a young person', () => {
  it('a code lets them choose a username and password, then they are signed in', async () => {
    const yp = uninvited(0);
    const { code } = await invite(yp.id);
    const phone = new Agent(t.app, '10.4.1.1');
    await phone.get('/invite');
    const entered = await phone.post('/invite', { code: code.toLowerCase().replace('-', ' ') });
    expect(entered.statusCode).toBe(200);
    expect(entered.body).toContain(`Hi ${yp.preferredName ?? yp.givenName}, set up your account`);

    // Passwords are checked for length and against common passwords, never for character classes.
    const common = await phone.post('/invite/accept', { credentialKind: 'code', credential: code, username: `kid${yp.reference}`, password: 'password123', confirm: 'password123' });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain('This password is too easy to guess');
    expect(common.body).toContain(`value="kid${yp.reference}"`);
    const short = await phone.post('/invite/accept', { credentialKind: 'code', credential: code, username: `kid${yp.reference}`, password: 'abc', confirm: 'abc' });
    expect(short.body).toContain('Password must be 10 characters or more');
    const mismatch = await phone.post('/invite/accept', { credentialKind: 'code', credential: code, username: `kid${yp.reference}`, password: 'purple tractor harbour', confirm: 'purple tractor harbor' });
    expect(mismatch.body).toContain('The passwords do not match');

    const done = await phone.post('/invite/accept', { credentialKind: 'code', credential: code, username: `kid${yp.reference}`, password: 'purple tractor harbour', confirm: 'purple tractor harbour' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/?welcome=1');
    const home = await phone.get('/?welcome=1');
    expect(home.body).toContain('Your account is set up');

    // The code works once only.
    const again = await new Agent(t.app, '10.4.1.2').post('/invite', { code });
    expect(again.body).toContain('This code is not right, or it has run out');

    // They can sign in with what they chose.
    const later = new Agent(t.app, '10.4.1.3');
    await later.signIn(`kid${yp.reference}`, 'purple tractor harbour');
    expect(later.lastHtml).toContain('Who is helping you');
    const created = await t.db.system((tx) => tx.select().from(auditEvents).where(eq(auditEvents.youngPersonId, yp.id)));
    expect(created.map((r) => r.action)).toEqual(expect.arrayContaining(['invitation.create', 'account.create', 'sign-in']));
  });

  it('a link works the same way, and a new invitation cancels the old one', async () => {
    const yp = uninvited(1);
    const first = await invite(yp.id);
    const second = await invite(yp.id);
    const phone = new Agent(t.app, '10.4.2.1');
    expect((await phone.get(first.link)).statusCode).toBe(404);
    const page = await phone.get(second.link);
    expect(page.statusCode).toBe(200);
    const token = second.link.split('/').pop()!;
    const done = await phone.post('/invite/accept', { credentialKind: 'link', credential: token, username: `link${yp.reference}`, password: 'orange kettle meadow', confirm: 'orange kettle meadow' });
    expect(done.statusCode).toBe(303);
  });

  it('runs out after 7 days', async () => {
    const yp = uninvited(2);
    const { code } = await invite(yp.id);
    t.clock.advance(7 * 86_400_000 + 60_000);
    const phone = new Agent(t.app, '10.4.3.1');
    const response = await phone.post('/invite', { code });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('run out');
    t.clock.advance(-(7 * 86_400_000 + 60_000));
  });

  it('a worker cannot invite a young person whose record they cannot see', async () => {
    const yp = rows.youngPeople.find((y) => y.teamId !== staffByLocal(rows, 'pa').teamId && !y.restricted)!;
    await worker.get('/caseload');
    const response = await worker.post(`/young-people/${yp.id}/invitations`, {});
    expect(response.statusCode).toBe(403);
  });

  it('an administrator sees open invitations and can cancel one', async () => {
    const yp = uninvited(3);
    const { code } = await invite(yp.id);
    const admin = new Agent(t.app, '10.4.4.1');
    await admin.signIn(signInFor(rows, 'admin'), PASSWORD);
    const list = await admin.get('/admin/invitations');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(yp.reference);
    const id = new RegExp(`/admin/invitations/([0-9a-f-]{36})/revoke"[\\s\\S]*?${yp.givenName}`).exec(list.body)?.[1] ?? /\/admin\/invitations\/([0-9a-f-]{36})\/revoke/.exec(list.body)![1];
    const revoked = await admin.post(`/admin/invitations/${id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    const phone = new Agent(t.app, '10.4.4.2');
    const stillOpen = (await admin.get('/admin/invitations')).body;
    // Whichever invitation was cancelled no longer appears.
    expect(stillOpen).not.toContain(`/admin/invitations/${id}/revoke`);
    void code;
    void phone;
  });

  it('too many wrong codes from one address are slowed down', async () => {
    const phone = new Agent(t.app, '10.4.5.1');
    for (let i = 0; i < 20; i++) await phone.post('/invite', { code: `ZZZZ-ZZ${String(i).padStart(2, '2')}` });
    const response = await phone.post('/invite', { code: 'ABCD-EFGH' });
    expect(response.statusCode).toBe(429);
  });
});
