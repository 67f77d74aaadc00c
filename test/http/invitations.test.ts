import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { auditEvents, invitations, sessions, youngPersonAccounts } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent, runAddress } from '../support/agent.ts';
import {
  buildCouncil,
  buildTestApp,
  PASSWORD,
  signInFor,
  testDatabase,
  staffByLocal,
  testDriver,
  type TestApp,
} from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;
let worker: Agent;

beforeAll(async () => {
  // As many connections as production's default pool, so that parallel requests really overlap.
  t = await buildTestApp(await testDatabase({ poolSize: 10 }));
  rows = await buildCouncil(t.db, { youngPeople: 100 });
  worker = new Agent(t.app, '10.4.0.1');
  await worker.signIn(signInFor(rows, 'pa'), PASSWORD);
});
afterAll(() => t.close());

// Young people in the demo adviser's team (a worker can find anyone in their team) without an account.
const uninvited = (n = 0) => {
  const found = rows.youngPeople.filter(
    (y) =>
      y.teamId === staffByLocal(rows, 'pa').teamId &&
      !y.restricted &&
      !rows.accounts.some((a) => a.youngPersonId === y.id) &&
      y.caseStatus === 'open',
  );
  if (!found[n])
    throw new Error(`the generated council has only ${found.length} uninvited young people in the adviser's team`);
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
    const common = await phone.post('/invite/accept', {
      credentialKind: 'code',
      credential: code,
      username: `kid${yp.reference}`,
      password: 'password123',
      confirm: 'password123',
    });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain('This password is too easy to guess');
    expect(common.body).toContain(`value="kid${yp.reference}"`);
    const short = await phone.post('/invite/accept', {
      credentialKind: 'code',
      credential: code,
      username: `kid${yp.reference}`,
      password: 'abc',
      confirm: 'abc',
    });
    expect(short.body).toContain('Password must be 10 characters or more');
    const mismatch = await phone.post('/invite/accept', {
      credentialKind: 'code',
      credential: code,
      username: `kid${yp.reference}`,
      password: 'purple tractor harbour',
      confirm: 'purple tractor harbor',
    });
    expect(mismatch.body).toContain('The passwords do not match');

    const done = await phone.post('/invite/accept', {
      credentialKind: 'code',
      credential: code,
      username: `kid${yp.reference}`,
      password: 'purple tractor harbour',
      confirm: 'purple tractor harbour',
    });
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
    const created = await t.db.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.youngPersonId, yp.id)),
    );
    expect(created.map((r) => r.action)).toEqual(
      expect.arrayContaining(['invitation.create', 'account.create', 'sign-in']),
    );
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
    const done = await phone.post('/invite/accept', {
      credentialKind: 'link',
      credential: token,
      username: `link${yp.reference}`,
      password: 'orange kettle meadow',
      confirm: 'orange kettle meadow',
    });
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
    const id =
      new RegExp(`/admin/invitations/([0-9a-f-]{36})/revoke"[\\s\\S]*?${yp.givenName}`).exec(list.body)?.[1] ??
      /\/admin\/invitations\/([0-9a-f-]{36})\/revoke/.exec(list.body)![1];
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

const sessionsOf = (youngPersonId: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.principalKind, 'young_person'), eq(sessions.principalId, youngPersonId))),
  );
const auditOf = async (youngPersonId: string, action: string) =>
  (
    await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, youngPersonId), eq(auditEvents.action, action))),
    )
  ).length;

/** n phones, each with its own address and form token, ready to send the same code at once. */
async function phones(n: number, net: number) {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const phone = new Agent(t.app, runAddress(net, i));
      await phone.get('/invite');
      return phone;
    }),
  );
}

describe.runIf(testDriver() === 'postgres')('one code used at the same moment on many phones (PostgreSQL)', () => {
  it('10 simultaneous accepts of one code make exactly one account and one session', async () => {
    const yp = uninvited(4);
    const { code } = await invite(yp.id);
    const all = await phones(10, 40);
    const responses = await Promise.all(
      all.map((p, i) =>
        p.post('/invite/accept', {
          credentialKind: 'code',
          credential: code,
          username: `race${i}${yp.reference}`,
          password: 'orange kettle meadow',
          confirm: 'orange kettle meadow',
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([303, ...Array(9).fill(404)]);
    const accounts = await t.db.system((tx) =>
      tx.select().from(youngPersonAccounts).where(eq(youngPersonAccounts.youngPersonId, yp.id)),
    );
    expect(accounts).toHaveLength(1);
    expect((await sessionsOf(yp.id)).length).toBe(1);
    expect(await auditOf(yp.id, 'account.create')).toBe(1);
    expect(await auditOf(yp.id, 'account.password-reset')).toBe(0);
    // The one phone that got in chose the username the account has.
    const winner = responses.findIndex((r) => r.statusCode === 303);
    expect(accounts[0].username).toBe(`race${winner}${yp.reference}`);
  });

  it('10 simultaneous accepts of one code for a new password make one session, and the old one ends', async () => {
    const account = rows.accounts[0];
    const before = new Agent(t.app, runAddress(41, 0));
    await before.signIn(account.username, PASSWORD);
    const { code } = await invite(account.youngPersonId);
    const all = await phones(10, 42);
    const responses = await Promise.all(
      all.map((p) =>
        p.post('/invite/accept', {
          credentialKind: 'code',
          credential: code,
          username: account.username,
          password: 'walnut ferry compass',
          confirm: 'walnut ferry compass',
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([303, ...Array(9).fill(404)]);
    expect((await sessionsOf(account.youngPersonId)).length).toBe(1);
    expect(await auditOf(account.youngPersonId, 'account.password-reset')).toBe(1);
    expect((await before.get('/')).statusCode, 'signed in with the old password: signed out').toBe(303);
  });
});

describe.runIf(testDriver() === 'postgres')('inviting at the same moment (PostgreSQL)', () => {
  it('20 invitations made at once for one young person: only one is open', async () => {
    const yp = uninvited(8);
    await worker.get(`/young-people/${yp.id}`);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => worker.post(`/young-people/${yp.id}/invitations`, {})),
    );
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const open = await t.db.system((tx) =>
      tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.youngPersonId, yp.id), isNull(invitations.usedAt), isNull(invitations.revokedAt))),
    );
    expect(open).toHaveLength(1);
  });
});

describe('accepting an invitation is limited like entering a code', () => {
  it('25 wrong codes sent to /invite/accept from one address: after 20 it waits, whatever the code', async () => {
    const yp = uninvited(5);
    const { code } = await invite(yp.id);
    const phone = new Agent(t.app, runAddress(43, 1));
    await phone.get('/invite');
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await phone.post('/invite/accept', {
        credentialKind: 'code',
        credential: `ZZZZ-Z${String(i).padStart(3, '2')}`,
        username: `guess${i}x`,
        password: 'orange kettle meadow',
        confirm: 'orange kettle meadow',
      });
      statuses.push(r.statusCode);
      if (i === 24) expect(r.body).toContain('Too many tries from this device. Wait 15 minutes and try again');
    }
    expect(statuses).toEqual([...Array(20).fill(404), ...Array(5).fill(429)]);
    // Even the right code waits now, on this address…
    const right = {
      credentialKind: 'code',
      credential: code,
      username: `kid${yp.reference}`,
      password: 'orange kettle meadow',
      confirm: 'orange kettle meadow',
    };
    expect((await phone.post('/invite/accept', right)).statusCode).toBe(429);
    expect((await phone.post('/invite', { code })).statusCode, 'one limit for entering and accepting codes').toBe(429);
    // …and works from another.
    const other = new Agent(t.app, runAddress(43, 2));
    await other.get('/invite');
    expect((await other.post('/invite/accept', right)).statusCode).toBe(303);
  });

  it('a wrong code looks the same to /invite/accept whatever else is sent with it', async () => {
    const phone = new Agent(t.app, runAddress(44, 1));
    await phone.get('/invite');
    const a = await phone.post('/invite/accept', {
      credentialKind: 'code',
      credential: 'ZZZZ-2222',
      username: 'x',
      password: 'a',
      confirm: 'b',
    });
    const b = await phone.post('/invite/accept', {
      credentialKind: 'code',
      credential: 'ZZZZ-2223',
      username: 'sensible.name',
      password: 'orange kettle meadow',
      confirm: 'orange kettle meadow',
    });
    expect([a.statusCode, b.statusCode]).toEqual([404, 404]);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '');
    expect(strip(a.body)).toBe(strip(b.body));
  });

  it('a new password by invitation signs the young person out of their other sessions', async () => {
    const yp = uninvited(7);
    const username = `reset${yp.reference}`;
    const first = await invite(yp.id);
    const phone = new Agent(t.app, runAddress(45, 1));
    await phone.get(first.link);
    await phone.post('/invite/accept', {
      credentialKind: 'link',
      credential: first.link.split('/').pop()!,
      username,
      password: 'orange kettle meadow',
      confirm: 'orange kettle meadow',
    });
    const laptop = new Agent(t.app, runAddress(45, 2));
    await laptop.signIn(username, 'orange kettle meadow');
    const { link } = await invite(yp.id);
    const newPhone = new Agent(t.app, runAddress(45, 3));
    await newPhone.get(link);
    const done = await newPhone.post('/invite/accept', {
      credentialKind: 'link',
      credential: link.split('/').pop()!,
      username,
      password: 'silver puffin market',
      confirm: 'silver puffin market',
    });
    expect(done.statusCode).toBe(303);
    expect((await phone.get('/')).statusCode).toBe(303);
    expect((await laptop.get('/')).statusCode).toBe(303);
    expect((await newPhone.get('/')).statusCode).toBe(200);
    expect((await sessionsOf(yp.id)).length).toBe(1);
  });
});

describe('invitation links', () => {
  it('are built from the configured public address, never from the Host header', async () => {
    const yp = uninvited(6);
    await worker.get(`/young-people/${yp.id}`);
    const response = await worker.post(
      `/young-people/${yp.id}/invitations`,
      {},
      { headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } },
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('evil.example');
    expect(response.body).toMatch(new RegExp(`href="${t.config.publicUrl.replace(/[.]/g, '\\.')}/invite/[\\w-]{40,}"`));
    expect(response.body).toContain(`${t.config.publicUrl}/invite</strong>`);
  });
});
