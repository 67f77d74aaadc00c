import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { auditEvents, passwordLinks, sessions, staff } from '../../src/data/schema.ts';
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
let admin: Agent;

beforeAll(async () => {
  // As many connections as production's default pool, so that parallel requests really overlap.
  t = await buildTestApp(await testDatabase({ poolSize: 10 }));
  rows = await buildCouncil(t.db, { youngPeople: 30 });
  admin = new Agent(t.app, '10.5.0.1');
  await admin.signIn(signInFor(rows, 'admin'), PASSWORD);
});
afterAll(() => t.close());

/** The set-password link on the page an administrator sees once. */
const passwordLinkIn = (html: string) => /data-password-link>([^<]+)</.exec(html)![1];
const path = (link: string) => new URL(link).pathname;

describe('staff administration', () => {
  it('lists staff with roles and teams', async () => {
    const response = await admin.get('/admin/staff');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`${rows.staff.length} accounts`);
    expect(response.body).toContain(staffByLocal(rows, 'pa').displayName);
  });

  it('shows every problem with an empty form, next to its field', async () => {
    await admin.get('/admin/staff/new');
    const response = await admin.post('/admin/staff/new', {
      displayName: '',
      email: 'not-an-email',
      role: '',
      teamId: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Add a member of staff – Pathway</title>');
    for (const text of ['Enter their full name', 'Enter an email address in the correct format', 'Select a role'])
      expect(response.body).toContain(text);
    expect(response.body).toContain('value="not-an-email"');
    expect(response.body, 'an administrator never chooses a password').not.toContain('name="password"');
  });

  it('adds a member of staff, who sets their own password with a one-time link; both are audited', async () => {
    const team = rows.teams[0];
    const email = `robin@${rows.council.slug}.test`;
    await admin.get('/admin/staff/new');
    // A password sent with the form is ignored: the administrator never sets one.
    const response = await admin.post('/admin/staff/new', {
      displayName: 'Robin Example',
      email,
      role: 'personal_adviser',
      teamId: team.id,
      password: 'lantern copper giraffe',
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Give Robin Example this link');
    expect(response.body).toContain('You will not see this link again');
    const link = passwordLinkIn(response.body);
    expect(link.startsWith(`${t.config.publicUrl}/set-password/`)).toBe(true);
    const [created] = await t.db.system((tx) => tx.select().from(staff).where(eq(staff.email, email)));
    expect(created.passwordHash).toBeNull();
    // Only a hash of the link is kept.
    const token = link.split('/').pop()!;
    const [stored] = await t.db.system((tx) =>
      tx.select().from(passwordLinks).where(eq(passwordLinks.staffId, created.id)),
    );
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - t.clock.now().getTime()).toBe(7 * 86_400_000);
    // Before the link is used nobody can sign in as Robin, whatever password they try.
    expect(
      (await new Agent(t.app, '10.5.1.1').post('/sign-in', { login: email, password: 'lantern copper giraffe' }))
        .statusCode,
    ).toBe(400);

    const robin = new Agent(t.app, '10.5.1.2');
    const form = await robin.get(path(link));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Robin Example, choose your password');
    for (const [password, message] of [
      ['pathway2026', 'Password must not contain the name of this service or your council'],
      ['pathway-demo-2026', 'This password is published in Pathway’s instructions'],
      ['robin kettle harbour', 'Password must not contain your name, email address or username'],
      ['zzzzzzzzz1', 'This password is too easy to guess'],
    ]) {
      const weak = await robin.post(path(link), { password, confirm: password });
      expect(weak.statusCode, password).toBe(400);
      expect(weak.body).toContain(message);
    }
    expect(
      (await robin.post(path(link), { password: 'lantern copper giraffe', confirm: 'lantern copper giraffee' })).body,
    ).toContain('The passwords do not match');
    const set = await robin.post(path(link), { password: 'lantern copper giraffe', confirm: 'lantern copper giraffe' });
    expect(set.statusCode).toBe(303);
    expect((await robin.get('/')).body).toContain('Your work');
    // The link works once.
    expect((await new Agent(t.app, '10.5.1.3').get(path(link))).statusCode).toBe(404);
    await new Agent(t.app, '10.5.1.4').signIn(email, 'lantern copper giraffe');

    const duplicate = await admin.post('/admin/staff/new', {
      displayName: 'Robin Again',
      email: `ROBIN@${rows.council.slug}.test`,
      role: 'personal_adviser',
      teamId: '',
    });
    expect(duplicate.body).toContain('An account with this email address already exists');
    const audit = await t.db.system((tx) => tx.select().from(auditEvents).where(eq(auditEvents.entityId, created.id)));
    const create = audit.find((a) => a.action === 'staff.create')!;
    expect(create.actorId).toBe(staffByLocal(rows, 'admin').id);
    expect(create.details).toMatchObject({
      role: 'personal_adviser',
      grant: { kind: 'new', role: 'personal_adviser' },
      passwordLink: stored.id,
    });
    const setRow = audit.find((a) => a.action === 'password.set')!;
    expect(setRow.actorId).toBe(created.id);
    expect(setRow.details).toMatchObject({ purpose: 'first', passwordLink: stored.id });
  });

  it('a new link replaces the earlier one, and setting the password signs the person out everywhere', async () => {
    const pa = staffByLocal(rows, 'pa');
    const old = new Agent(t.app, '10.5.2.1');
    await old.signIn(pa.email, PASSWORD);
    await admin.get(`/admin/staff/${pa.id}`);
    expect(admin.lastHtml).toContain('Make a set-password link');
    const first = passwordLinkIn((await admin.post(`/admin/staff/${pa.id}/password-link`, {})).body);
    await admin.get(`/admin/staff/${pa.id}`);
    const second = passwordLinkIn((await admin.post(`/admin/staff/${pa.id}/password-link`, {})).body);
    expect(second).not.toBe(first);
    const phone = new Agent(t.app, '10.5.2.2');
    expect((await phone.get(path(first))).statusCode, 'the earlier link stops working').toBe(404);
    expect((await phone.get(path(second))).statusCode).toBe(200);
    // Until the link is used, the old password still works: a link alone locks nobody out.
    expect((await old.get('/')).statusCode).toBe(200);
    expect(
      (await phone.post(path(second), { password: 'harbour velvet kettle', confirm: 'harbour velvet kettle' }))
        .statusCode,
    ).toBe(303);
    expect((await old.get('/')).statusCode, 'the session from before is over').toBe(303);
    expect(
      (await new Agent(t.app, '10.5.2.3').post('/sign-in', { login: pa.email, password: PASSWORD })).statusCode,
    ).toBe(400);
    await new Agent(t.app, '10.5.2.4').signIn(pa.email, 'harbour velvet kettle');
    const links = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, pa.id), eq(auditEvents.action, 'staff.password-link'))),
    );
    expect(links).toHaveLength(2);
    expect(links.every((l) => l.actorId === staffByLocal(rows, 'admin').id)).toBe(true);
  });

  it('a link runs out after 7 days', async () => {
    const iro = staffByLocal(rows, 'iro');
    await admin.get(`/admin/staff/${iro.id}`);
    const link = passwordLinkIn((await admin.post(`/admin/staff/${iro.id}/password-link`, {})).body);
    t.clock.advance(7 * 86_400_000 + 1000);
    try {
      const phone = new Agent(t.app, '10.5.3.1');
      expect((await phone.get(path(link))).statusCode).toBe(404);
      expect(
        (
          await phone.post(
            path(link),
            { password: 'harbour velvet kettle', confirm: 'harbour velvet kettle' },
            { csrf: await phone.csrf('/sign-in') },
          )
        ).statusCode,
      ).toBe(404);
    } finally {
      t.clock.advance(-(7 * 86_400_000 + 1000));
    }
  });

  it('turning an account off ends its sessions at once: the old cookie does not work, even after it is turned back on', async () => {
    const sw = staffByLocal(rows, 'sw');
    const worker = new Agent(t.app, '10.5.0.3');
    await worker.signIn(sw.email, PASSWORD);
    const before = worker.cookie('pathway_session')!;
    await admin.get(`/admin/staff/${sw.id}`);
    const response = await admin.post(`/admin/staff/${sw.id}`, {
      displayName: sw.displayName,
      role: 'social_worker',
      teamId: sw.teamId ?? '',
      active: 'no',
    });
    expect(response.statusCode).toBe(303);
    expect((await worker.get('/')).statusCode).toBe(303);
    const again = await new Agent(t.app, '10.5.0.4').post('/sign-in', { login: sw.email, password: PASSWORD });
    expect(again.statusCode).toBe(400);
    await admin.get(`/admin/staff/${sw.id}`);
    expect(
      (
        await admin.post(`/admin/staff/${sw.id}`, {
          displayName: sw.displayName,
          role: 'social_worker',
          teamId: sw.teamId ?? '',
          active: 'yes',
        })
      ).statusCode,
    ).toBe(303);
    const stale = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `pathway_session=${before}` } });
    expect(stale.statusCode, 'the session ended with the account, not just while it was off').toBe(303);
    await new Agent(t.app, '10.5.0.5').signIn(sw.email, PASSWORD);
  });

  it('an administrator cannot remove their own access', async () => {
    const me = staffByLocal(rows, 'admin');
    await admin.get(`/admin/staff/${me.id}`);
    const response = await admin.post(`/admin/staff/${me.id}`, {
      displayName: me.displayName,
      role: 'personal_adviser',
      teamId: '',
      active: 'yes',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('You cannot remove your own administrator access');
  });

  it('other roles cannot reach administration', async () => {
    const tm = new Agent(t.app, '10.5.0.5');
    await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
    expect((await tm.get('/admin/staff')).statusCode).toBe(403);
    expect(tm.lastHtml).not.toContain('/admin/staff"');
    const token = await tm.csrf('/');
    const response = await tm.post(
      '/admin/teams',
      { name: 'Shadow team', serviceType: 'leaving_care' },
      { csrf: token },
    );
    expect(response.statusCode).toBe(403);
  });
});

describe('set-password links under pressure', () => {
  it.runIf(testDriver() === 'postgres')(
    '10 simultaneous uses of one link set one password and start one session (PostgreSQL)',
    async () => {
      await admin.get('/admin/staff/new');
      const link = passwordLinkIn(
        (
          await admin.post('/admin/staff/new', {
            displayName: 'Kit Parallel',
            email: `kit@${rows.council.slug}.test`,
            role: 'social_worker',
            teamId: '',
          })
        ).body,
      );
      const [kit] = await t.db.system((tx) =>
        tx
          .select()
          .from(staff)
          .where(eq(staff.email, `kit@${rows.council.slug}.test`)),
      );
      const browsers = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const b = new Agent(t.app, runAddress(60, i));
          await b.get(path(link));
          return b;
        }),
      );
      const responses = await Promise.all(
        browsers.map((b, i) =>
          b.post(path(link), { password: `marble otter lighthouse ${i}`, confirm: `marble otter lighthouse ${i}` }),
        ),
      );
      expect(responses.map((r) => r.statusCode).sort()).toEqual([303, ...Array(9).fill(404)]);
      const live = await t.db.system((tx) => tx.select().from(sessions).where(eq(sessions.principalId, kit.id)));
      expect(live).toHaveLength(1);
      const winner = responses.findIndex((r) => r.statusCode === 303);
      await new Agent(t.app, runAddress(60, 20)).signIn(kit.email, `marble otter lighthouse ${winner}`);
      expect(
        await t.db.system((tx) =>
          tx
            .select()
            .from(auditEvents)
            .where(and(eq(auditEvents.actorId, kit.id), eq(auditEvents.action, 'password.set'))),
        ),
      ).toHaveLength(1);
    },
  );

  it.runIf(testDriver() === 'postgres')(
    '20 links made at the same moment for one person: only one works (PostgreSQL)',
    async () => {
      const sm = staffByLocal(rows, 'sm');
      await admin.get(`/admin/staff/${sm.id}`);
      const pages = await Promise.all(
        Array.from({ length: 20 }, () => admin.post(`/admin/staff/${sm.id}/password-link`, {})),
      );
      expect(pages.every((p) => p.statusCode === 200)).toBe(true);
      const open = await t.db.system((tx) =>
        tx
          .select()
          .from(passwordLinks)
          .where(and(eq(passwordLinks.staffId, sm.id), isNull(passwordLinks.usedAt), isNull(passwordLinks.revokedAt))),
      );
      expect(open).toHaveLength(1);
      const working = [];
      for (const [i, p] of pages.entries())
        if ((await new Agent(t.app, runAddress(62, i)).get(path(passwordLinkIn(p.body)))).statusCode === 200)
          working.push(i);
      expect(working).toHaveLength(1);
    },
  );

  it.runIf(testDriver() === 'postgres')(
    '5 administrators adding the same email at the same moment: one account, four clear refusals (PostgreSQL)',
    async () => {
      await admin.get('/admin/staff/new');
      const email = `twin@${rows.council.slug}.test`;
      const responses = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          admin.post('/admin/staff/new', { displayName: `Twin ${i}`, email, role: 'personal_adviser', teamId: '' }),
        ),
      );
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 400, 400, 400, 400]);
      for (const r of responses.filter((r) => r.statusCode === 400))
        expect(r.body).toContain('An account with this email address already exists');
      expect(await t.db.system((tx) => tx.select().from(staff).where(eq(staff.email, email)))).toHaveLength(1);
    },
  );

  it.runIf(testDriver() === 'postgres')(
    'signing in while the account is being turned off leaves no session behind (PostgreSQL)',
    async () => {
      const iro = staffByLocal(rows, 'iro');
      const browser = new Agent(t.app, runAddress(63, 1));
      await browser.get('/sign-in');
      let signingIn: ReturnType<typeof browser.post> | undefined;
      // Hold the account's row while the sign-in starts, turn the account off, and let the sign-in finish.
      await t.db.system(async (tx) => {
        await tx.execute(sql`SELECT id FROM staff WHERE id = ${iro.id} FOR UPDATE`);
        signingIn = browser.post('/sign-in', { login: iro.email, password: PASSWORD });
        await new Promise((resolve) => setTimeout(resolve, 500));
        await tx.update(staff).set({ active: false }).where(eq(staff.id, iro.id));
        await tx.delete(sessions).where(eq(sessions.principalId, iro.id));
      });
      const response = await signingIn!;
      expect(response.statusCode).toBe(400);
      expect(
        await t.db.system((tx) => tx.select().from(sessions).where(eq(sessions.principalId, iro.id))),
      ).toHaveLength(0);
      await t.db.system((tx) => tx.update(staff).set({ active: true }).where(eq(staff.id, iro.id)));
      expect((await browser.get('/')).statusCode, 'turned back on, the half-made sign-in does not come back').toBe(303);
    },
  );

  it('wrong links from one address are limited like wrong codes', async () => {
    const guesser = new Agent(t.app, runAddress(61, 1));
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await guesser.get(`/set-password/${'x'.repeat(40)}${i}`)).statusCode);
    expect(statuses).toEqual([...Array(20).fill(404), 429, 429]);
    expect(guesser.lastHtml).toContain('Too many tries from this device');
  });
});

describe('role changes, shown to service managers', () => {
  it('every grant of a role and every set-password link is listed with who made it; only service managers see it', async () => {
    const adminName = staffByLocal(rows, 'admin').displayName;
    // A new service manager (the way an administrator could try to reach case content), a role
    // change, and an account turned off and on again.
    await admin.get('/admin/staff/new');
    const created = await admin.post('/admin/staff/new', {
      displayName: 'Sasha Newrole',
      email: `sasha@${rows.council.slug}.test`,
      role: 'service_manager',
      teamId: '',
    });
    const link = passwordLinkIn(created.body);
    const iro = staffByLocal(rows, 'iro');
    await admin.get(`/admin/staff/${iro.id}`);
    await admin.post(`/admin/staff/${iro.id}`, {
      displayName: iro.displayName,
      role: 'team_manager',
      teamId: iro.teamId ?? '',
      active: 'yes',
    });
    // Changing only a name gives no role.
    await admin.post(`/admin/staff/${iro.id}`, {
      displayName: `${iro.displayName} Renamed`,
      role: 'team_manager',
      teamId: iro.teamId ?? '',
      active: 'yes',
    });

    const sm = new Agent(t.app, '10.5.4.1');
    await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
    expect(sm.lastHtml).toContain('href="/account-changes"');
    const page = await sm.get('/account-changes');
    expect(page.statusCode).toBe(200);
    const row = (name: string) =>
      new RegExp(`<tr[^>]*>(?:(?!</tr>)[\\s\\S])*${name}(?:(?!</tr>)[\\s\\S])*</tr>`).exec(page.body)?.[0] ?? '';
    const sasha = row('Sasha Newrole');
    for (const text of ['Service manager', 'New account', adminName, 'Not yet']) expect(sasha, text).toContain(text);
    const changed = row(iro.displayName);
    for (const text of ['Team manager', 'Role changed (was Independent reviewing officer)', adminName])
      expect(changed, text).toContain(text);
    const grantsTable = page.body.split('Set-password links')[0];
    expect(grantsTable.split(iro.displayName).length - 1, 'renaming someone gives no role').toBe(1);
    expect(page.body).toContain('Set-password links');
    expect(page.body).toMatch(
      /Sasha Newrole<\/td>\s*<td[^>]*>First password<\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>Not used yet/,
    );

    // Once Sasha has set a password, the page says so.
    const phone = new Agent(t.app, '10.5.4.2');
    await phone.get(path(link));
    await phone.post(path(link), { password: 'marble otter lighthouse', confirm: 'marble otter lighthouse' });
    const after = await sm.get('/account-changes');
    expect(after.body).toMatch(/Sasha Newrole<\/td>[\s\S]*?Yes<\/td>/);
    expect(after.body).toMatch(/Sasha Newrole<\/td>\s*<td[^>]*>First password<\/td>[\s\S]*?Used /);

    for (const who of ['tm', 'admin', 'sw'] as const) {
      const other = new Agent(t.app, '10.5.4.3');
      await other.signIn(signInFor(rows, who), PASSWORD);
      expect((await other.get('/account-changes')).statusCode, who).toBe(403);
    }
  });

  it('turning an account back on is a grant of its role', async () => {
    const tm = staffByLocal(rows, 'tm');
    await admin.get(`/admin/staff/${tm.id}`);
    await admin.post(`/admin/staff/${tm.id}`, {
      displayName: tm.displayName,
      role: 'team_manager',
      teamId: tm.teamId ?? '',
      active: 'no',
    });
    await admin.post(`/admin/staff/${tm.id}`, {
      displayName: tm.displayName,
      role: 'team_manager',
      teamId: tm.teamId ?? '',
      active: 'yes',
    });
    const updates = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, tm.id), eq(auditEvents.action, 'staff.update')))
        .orderBy(asc(auditEvents.id)),
    );
    expect(updates.map((u) => (u.details as { grant?: { kind: string } }).grant?.kind ?? null)).toEqual([
      null,
      'reactivate',
    ]);
    const sm = new Agent(t.app, '10.5.5.1');
    await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
    expect((await sm.get('/account-changes')).body).toMatch(
      new RegExp(`${tm.displayName}</td>\\s*<td[^>]*>Team manager</td>\\s*<td[^>]*>Account turned back on`),
    );
  });
});

describe('team administration', () => {
  it('adds a team and refuses a duplicate name', async () => {
    await admin.get('/admin/teams');
    const empty = await admin.post('/admin/teams', { name: '', serviceType: '' });
    expect(empty.body).toContain('Enter the team name');
    expect(empty.body).toContain('Select the type of service');
    const created = await admin.post('/admin/teams', { name: 'Leaving Care East', serviceType: 'leaving_care' });
    expect(created.statusCode).toBe(303);
    expect((await admin.get('/admin/teams')).body).toContain('Leaving Care East');
    const dupe = await admin.post('/admin/teams', { name: 'leaving care east', serviceType: 'leaving_care' });
    expect(dupe.body).toContain('A team with this name already exists');
  });
});

describe('changing your own password', () => {
  it('checks the current password and the new one, and signs out everywhere else', async () => {
    const tm = new Agent(t.app, '10.5.0.6');
    await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
    const elsewhere = new Agent(t.app, '10.5.0.8');
    await elsewhere.signIn(signInFor(rows, 'tm'), PASSWORD);
    await tm.get('/account/password');
    const wrong = await tm.post('/account/password', {
      current: 'nope',
      password: 'violet harbour pencil',
      confirm: 'violet harbour pencil',
    });
    expect(wrong.body).toContain('Your current password is not right');
    const published = await tm.post('/account/password', { current: PASSWORD, password: PASSWORD, confirm: PASSWORD });
    expect(published.body).toContain('This password is published in Pathway’s instructions');
    expect((await elsewhere.get('/')).statusCode, 'a refused change signs no one out').toBe(200);
    const ok = await tm.post('/account/password', {
      current: PASSWORD,
      password: 'violet harbour pencil',
      confirm: 'violet harbour pencil',
    });
    expect(ok.body).toContain('Your password has been changed. You are signed out everywhere else (1 place).');
    expect((await tm.get('/')).statusCode, 'this session carries on').toBe(200);
    expect((await elsewhere.get('/')).statusCode, 'the other session is over').toBe(303);
    await new Agent(t.app, '10.5.0.7').signIn(signInFor(rows, 'tm'), 'violet harbour pencil');
    const [row] = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorId, staffByLocal(rows, 'tm').id), eq(auditEvents.action, 'password.change'))),
    );
    expect(row.details).toEqual({ sessionsEnded: 1 });
  });
});
