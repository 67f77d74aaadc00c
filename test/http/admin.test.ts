import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, staff } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;
let admin: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 30 });
  admin = new Agent(t.app, '10.5.0.1');
  await admin.signIn(signInFor(rows, 'admin'), PASSWORD);
});
afterAll(() => t.close());

describe('staff administration', () => {
  it('lists staff with roles and teams', async () => {
    const response = await admin.get('/admin/staff');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`${rows.staff.length} accounts`);
    expect(response.body).toContain(staffByLocal(rows, 'pa').displayName);
  });

  it('shows every problem with an empty form, next to its field', async () => {
    await admin.get('/admin/staff/new');
    const response = await admin.post('/admin/staff/new', { displayName: '', email: 'not-an-email', role: '', teamId: '', password: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Add a member of staff – Pathway</title>');
    for (const text of ['Enter their full name', 'Enter an email address in the correct format', 'Select a role', 'Enter a first password for them']) expect(response.body).toContain(text);
    expect(response.body).toContain('value="not-an-email"');
  });

  it('adds a member of staff who can then sign in, and audits it', async () => {
    const team = rows.teams[0];
    await admin.get('/admin/staff/new');
    const weak = await admin.post('/admin/staff/new', { displayName: 'Robin Example', email: `robin@${rows.council.slug}.test`, role: 'personal_adviser', teamId: team.id, password: 'qwertyuiop' });
    expect(weak.body).toContain('This password is too easy to guess');
    expect(weak.body).toContain('value="Robin Example"');
    const response = await admin.post('/admin/staff/new', { displayName: 'Robin Example', email: `robin@${rows.council.slug}.test`, role: 'personal_adviser', teamId: team.id, password: 'lantern copper giraffe' });
    expect(response.statusCode).toBe(303);
    const robin = new Agent(t.app, '10.5.0.2');
    await robin.signIn(`robin@${rows.council.slug}.test`, 'lantern copper giraffe');
    expect(robin.lastHtml).toContain('Your work');
    const duplicate = await admin.post('/admin/staff/new', { displayName: 'Robin Again', email: `ROBIN@${rows.council.slug}.test`, role: 'personal_adviser', teamId: '', password: 'lantern copper giraffe' });
    expect(duplicate.body).toContain('An account with this email address already exists');
    const [created] = await t.db.system((tx) => tx.select().from(staff).where(eq(staff.email, `robin@${rows.council.slug}.test`)));
    const audit = await t.db.system((tx) => tx.select().from(auditEvents).where(eq(auditEvents.entityId, created.id)));
    expect(audit.map((a) => a.action)).toContain('staff.create');
  });

  it('deactivating an account ends its sessions', async () => {
    const sw = staffByLocal(rows, 'sw');
    const worker = new Agent(t.app, '10.5.0.3');
    await worker.signIn(sw.email, PASSWORD);
    await admin.get(`/admin/staff/${sw.id}`);
    const response = await admin.post(`/admin/staff/${sw.id}`, { displayName: sw.displayName, role: 'social_worker', teamId: sw.teamId ?? '', active: 'no' });
    expect(response.statusCode).toBe(303);
    expect((await worker.get('/')).statusCode).toBe(303);
    const again = await new Agent(t.app, '10.5.0.4').post('/sign-in', { login: sw.email, password: PASSWORD });
    expect(again.statusCode).toBe(400);
  });

  it('an administrator cannot remove their own access', async () => {
    const me = staffByLocal(rows, 'admin');
    await admin.get(`/admin/staff/${me.id}`);
    const response = await admin.post(`/admin/staff/${me.id}`, { displayName: me.displayName, role: 'personal_adviser', teamId: '', active: 'yes' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('You cannot remove your own administrator access');
  });

  it('other roles cannot reach administration', async () => {
    const tm = new Agent(t.app, '10.5.0.5');
    await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
    expect((await tm.get('/admin/staff')).statusCode).toBe(403);
    expect(tm.lastHtml).not.toContain('/admin/staff"');
    const token = await tm.csrf('/');
    const response = await tm.post('/admin/teams', { name: 'Shadow team', serviceType: 'leaving_care' }, { csrf: token });
    expect(response.statusCode).toBe(403);
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
  it('checks the current password and the new one', async () => {
    const tm = new Agent(t.app, '10.5.0.6');
    await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
    await tm.get('/account/password');
    const wrong = await tm.post('/account/password', { current: 'nope', password: 'violet harbour pencil', confirm: 'violet harbour pencil' });
    expect(wrong.body).toContain('Your current password is not right');
    const ok = await tm.post('/account/password', { current: PASSWORD, password: 'violet harbour pencil', confirm: 'violet harbour pencil' });
    expect(ok.body).toContain('Your password has been changed');
    await new Agent(t.app, '10.5.0.7').signIn(signInFor(rows, 'tm'), 'violet harbour pencil');
  });
});
