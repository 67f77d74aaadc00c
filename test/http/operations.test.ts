import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import {
  buildCouncil,
  buildTestApp,
  PASSWORD,
  signInFor,
  testDatabase,
  testDriver,
  type TestApp,
} from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
});
afterAll(() => t.close());

describe('operations', () => {
  it('/health reports the database', async () => {
    const response = await t.app.inject('/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', database: { driver: testDriver(), status: 'ok' } });
  });

  it('sends security headers with a nonce-based content security policy and no inline script allowance', async () => {
    const response = await t.app.inject('/sign-in');
    const csp = String(response.headers['content-security-policy']);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.body).toContain(`nonce="${nonce}"`);
    // Every script tag on the page carries the nonce.
    const scripts = response.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('refuses a body over the size limit with 413, not a 500', async () => {
    const agent = new Agent(t.app);
    const token = await agent.csrf();
    const response = await agent.post(
      '/sign-in',
      { login: 'x'.repeat(t.config.bodyLimit + 10), password: 'y' },
      { csrf: token },
    );
    expect(response.statusCode).toBe(413);
    expect(response.body).toContain('What you sent is too large');
  });

  it('shows clear 404 pages', async () => {
    const agent = new Agent(t.app);
    await agent.signIn(signInFor(rows, 'pa'), PASSWORD);
    const response = await agent.get('/no-such-page');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Page not found');
  });

  it('serves GOV.UK Frontend assets', async () => {
    expect((await t.app.inject('/govuk/govuk-frontend.min.css')).statusCode).toBe(200);
    expect((await t.app.inject('/assets/images/favicon.ico')).statusCode).toBe(200);
    expect((await t.app.inject('/govuk/template.njk')).statusCode).toBe(404);
  });

  it('shows a clear 500 page, and /health says unavailable, when the database is gone', async () => {
    const broken = await buildTestApp(await testDatabase({ own: true }));
    const council = await buildCouncil(broken.db, { youngPeople: 5 });
    const agent = new Agent(broken.app);
    await agent.signIn(signInFor(council, 'pa'), PASSWORD);
    await broken.db.close();
    const page = await agent.get('/');
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('Sorry, there is a problem with the service');
    expect(page.body).not.toMatch(/at .*\.ts:\d+/); // no stack traces
    const health = await broken.app.inject('/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable' });
    await broken.app.close();
  });
});
