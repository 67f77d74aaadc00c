import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents, staff } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, type TestApp } from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
});
afterAll(() => t.close());

describe('signing in shows each role its own home page', () => {
  it.each([
    ['pa', 'Your work', 'My caseload'],
    ['sw', 'Your work', 'My caseload'],
    ['tm', 'Young people in your team', 'My team'],
    ['iro', 'Looked-after young people', 'Find a young person'],
    ['sm', 'Your service', 'Teams'],
    ['admin', 'Administration', 'Staff'],
  ] as const)('%s', async (who, heading, navItem) => {
    const agent = new Agent(t.app);
    await agent.signIn(signInFor(rows, who), PASSWORD);
    expect(agent.lastHtml).toContain(heading);
    expect(agent.lastHtml).toMatch(new RegExp(`govuk-service-navigation__link"[^>]*>\\s*${navItem}\\s*<`));
  });

  it('young person', async () => {
    const agent = new Agent(t.app);
    await agent.signIn(`young.person.${rows.council.slug}`, PASSWORD);
    expect(agent.lastHtml).toContain('Who is helping you');
    expect(agent.lastHtml).not.toContain('My caseload');
  });
});

describe('sign-in form', () => {
  it('asks for both fields with GOV.UK errors and keeps what was typed', async () => {
    const agent = new Agent(t.app);
    const response = await agent.post('/sign-in', { login: 'someone@example.org', password: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<title>Error: Sign in – Pathway</title>');
    expect(response.body).toContain('govuk-error-summary');
    expect(response.body).toContain('href="#password">Enter your password');
    expect(response.body).toContain('value="someone@example.org"');
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const a = await new Agent(t.app, '10.0.0.1').post('/sign-in', {
      login: 'nobody@nowhere.test',
      password: 'whatever-it-is',
    });
    const b = await new Agent(t.app, '10.0.0.1').post('/sign-in', {
      login: signInFor(rows, 'sw'),
      password: 'not-the-password',
    });
    expect(a.statusCode).toBe(400);
    expect(b.statusCode).toBe(400);
    const message = 'Email address, username or password is not right';
    expect(a.body).toContain(message);
    expect(b.body).toContain(message);
  });

  it('refuses a form without the CSRF token', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in');
    const response = await agent.post(
      '/sign-in',
      { login: signInFor(rows, 'pa'), password: PASSWORD },
      { csrf: false },
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
    const forged = await agent.post(
      '/sign-in',
      { login: signInFor(rows, 'pa'), password: PASSWORD },
      { csrf: 'x'.repeat(32) },
    );
    expect(forged.statusCode).toBe(403);
  });

  it('only sends people on to local pages after sign-in', async () => {
    const agent = new Agent(t.app);
    await agent.get('/sign-in?next=//evil.example/x');
    expect(agent.lastHtml).toContain('name="next" value="/"');
    await agent.get('/caseload');
    const response = await agent.get('/caseload');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Fcaseload');
  });

  it('sets an HttpOnly, SameSite session cookie and signs out', async () => {
    const agent = new Agent(t.app);
    const response = await agent.signIn(signInFor(rows, 'pa'), PASSWORD);
    const cookie = (response.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[]).find(
      (c) => c.name === 'pathway_session',
    )!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const out = await agent.post('/sign-out', {});
    expect(out.headers.location).toBe('/sign-in?signed-out=1');
    expect((await agent.get('/')).statusCode).toBe(303);
  });
});

describe('lockout and rate limiting', () => {
  it('locks an account for 15 minutes after 5 wrong passwords, then lets it in', async () => {
    const login = signInFor(rows, 'iro');
    for (let i = 0; i < 5; i++)
      await new Agent(t.app, `10.1.0.${i}`).post('/sign-in', { login, password: `wrong-${i}-password` });
    const locked = await new Agent(t.app, '10.1.1.1').post('/sign-in', { login, password: PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('This account is locked for 15 minutes');
    const [row] = await t.db.system((tx) => tx.select().from(staff).where(eq(staff.email, login)));
    expect(row.lockedUntil).not.toBeNull();
    const audited = await t.db.system((tx) => tx.select().from(auditEvents).where(eq(auditEvents.actorId, row.id)));
    expect(audited.map((e) => e.action)).toContain('sign-in.locked');
    t.clock.advance(16 * 60_000);
    const ok = await new Agent(t.app, '10.1.1.2').post('/sign-in', { login, password: PASSWORD });
    expect(ok.statusCode).toBe(303);
  });

  it('slows down one address that tries many accounts', async () => {
    const agent = new Agent(t.app, '10.9.9.9');
    for (let i = 0; i < 20; i++)
      await agent.post('/sign-in', { login: `guess${i}@nowhere.test`, password: 'password-guess' });
    const response = await agent.post('/sign-in', { login: signInFor(rows, 'sm'), password: PASSWORD });
    expect(response.statusCode).toBe(429);
    expect(response.body).toContain('Too many tries from this device');
  });
});

describe('idle timeout', () => {
  it('signs out after 30 idle minutes and says so, keeping the page to return to', async () => {
    const agent = new Agent(t.app, '10.2.0.1');
    await agent.signIn(signInFor(rows, 'tm'), PASSWORD);
    t.clock.advance(29 * 60_000);
    expect((await agent.get('/')).statusCode).toBe(200);
    t.clock.advance(29 * 60_000); // activity extended the session
    expect((await agent.get('/team')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const expired = await agent.get('/team');
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toBe('/sign-in?next=%2Fteam');
  });

  it('the timeout warning can keep a session alive', async () => {
    const agent = new Agent(t.app, '10.2.0.2');
    await agent.signIn(signInFor(rows, 'pa'), PASSWORD);
    expect(agent.lastHtml).toContain('data-session-timeout-minutes="30"');
    expect(agent.lastHtml).toContain('You are about to be signed out');
    const token = await agent.csrf();
    t.clock.advance(28 * 60_000);
    const response = await t.app.inject({
      method: 'POST',
      url: '/session/keep-alive',
      headers: {
        cookie: `pathway_session=${agent.cookie('pathway_session')}`,
        'x-csrf-token': token,
        accept: 'application/json',
      },
    });
    expect(response.statusCode).toBe(200);
    t.clock.advance(20 * 60_000);
    expect((await agent.get('/')).statusCode).toBe(200);
  });
});
