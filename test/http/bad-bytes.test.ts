// Bad bytes on every route (issue 7, item 11): a NUL (%00, \u0000) or bytes that are not UTF-8
// (%C3%28, %FF, a raw 0xFF) in a path, a query string, a form body or a JSON body get a 400 before
// any handler runs — the error page for a browser, a problem+json body for JSON — never a 500 and
// never stored as replacement or escape text. The routes are read from the app, so none is missed.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { eq, inArray } from 'drizzle-orm';
import { auditEvents, teams } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { AREAS } from '../../src/domain/plan/index.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { routesOf, type Route } from '../support/routes.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<'pa' | 'admin' | 'yp', Agent> = {} as never;
/** A real value for each path parameter, so that without the guard each request would reach its handler. */
let params: Record<string, string>;

const MESSAGE = 'What you sent has characters Pathway cannot read';
/** Form fields for POST routes that have no page of their own to read the fields from. */
const COMMON_FIELDS = ['text', 'reason', 'feedback', 'code', 'credential', 'username', 'password', 'confirm', 'rating'];

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  const logins = { pa: signInFor(rows, 'pa'), admin: signInFor(rows, 'admin'), yp: rows.accounts[0].username };
  for (const [who, login] of Object.entries(logins) as [keyof typeof as, string][]) {
    as[who] = new Agent(t.app, `10.11.0.${Object.keys(as).length + 1}`);
    await as[who].signIn(login, PASSWORD);
  }
  const pa = staffByLocal(rows, 'pa');
  // Someone on the adviser's caseload with a review under way, so the review pages would open.
  const mine = (id: string) =>
    rows.youngPeople.some((y) => y.id === id && y.personalAdviserId === pa.id && !y.restricted);
  const review = rows.reviews.find((r) => r.state !== 'approved' && mine(r.youngPersonId)) ?? rows.reviews[0];
  const yp = rows.youngPeople.find((y) => y.id === review.youngPersonId)!;
  params = {
    id: yp.id,
    reviewId: review.id!,
    area: AREAS[0].id,
    version: '1',
    step: 'complete-outcomes',
    page: 'privacy',
    token: 'a'.repeat(40),
  };
}, 60_000);
afterAll(() => t.close());

/** Who would use the route: administrators' pages, the young person's own, and staff pages for the rest. */
const agentFor = (url: string) => (url.startsWith('/admin') ? as.admin : url.startsWith('/my-') ? as.yp : as.pa);
const fill = (url: string, replace: (name: string) => string | undefined = () => undefined) =>
  url.replace(/:(\w+)/g, (_m, name: string) => replace(name) ?? params[name] ?? name);

/** The names of the fields on a route's own page (its GET), or common field names when it has none. */
async function fieldsOf(route: Route, agent: Agent): Promise<string[]> {
  const page = await agent.get(fill(route.url));
  const names = [...page.body.matchAll(/<(?:input|textarea|select)[^>]*\sname="([^"]+)"/g)].map((m) => m[1]);
  const own = [...new Set(names)].filter((n) => n !== '_csrf');
  return own.length ? own : COMMON_FIELDS;
}

type Probe = { name: string; send: () => Promise<LightMyRequestResponse>; json: boolean };

function probesFor(route: Route, agent: Agent, fields: string[], csrf: string): Probe[] {
  const url = fill(route.url);
  const headers = (json: boolean) => ({ cookie: cookieOf(agent), accept: json ? 'application/json' : 'text/html' });
  const inject = (method: string, target: string, json: boolean, body?: { type: string; payload: string | Buffer }) =>
    t.app.inject({
      method: method as 'GET',
      url: target,
      headers: { ...headers(json), ...(body ? { 'content-type': body.type, 'x-csrf-token': csrf } : {}) },
      payload: body?.payload,
    });
  const probes: Probe[] = [];
  for (const json of [false, true]) {
    const how = json ? ' (JSON)' : '';
    probes.push(
      { name: `NUL in the query${how}`, json, send: () => inject(route.method, `${url}?q=a%00b&page=1`, json) },
      { name: `%C3%28 in the query${how}`, json, send: () => inject(route.method, `${url}?q=%C3%28`, json) },
    );
    if (route.url.includes(':')) {
      const withParams = (value: string) => () =>
        inject(
          route.method,
          fill(route.url, () => value),
          json,
        );
      probes.push(
        { name: `NUL in a path parameter${how}`, json, send: withParams('a%00') },
        { name: `%FF in a path parameter${how}`, json, send: withParams('%FF') },
      );
    }
  }
  if (route.method === 'POST') {
    const form = (value: string) => ({
      type: 'application/x-www-form-urlencoded',
      payload: [`_csrf=${csrf}`, ...fields.map((f) => `${encodeURIComponent(f)}=${value}`)].join('&'),
    });
    const jsonBody = (value: string) => ({
      type: 'application/json',
      payload: `{${[`"_csrf":"${csrf}"`, ...fields.map((f) => `${JSON.stringify(f)}:"${value}"`)].join(',')}}`,
    });
    const withFF = (type: string, before: string, after: string) => ({
      type,
      payload: Buffer.concat([Buffer.from(before), Buffer.from([0xff]), Buffer.from(after)]),
    });
    const rawForm = withFF('application/x-www-form-urlencoded', form('a').payload, '');
    const rawJson = withFF('application/json', `{"_csrf":"${csrf}","text":"`, '"}');
    probes.push(
      { name: 'NUL in every form field', json: false, send: () => inject('POST', url, false, form('a%00b')) },
      { name: '%C3%28 in every form field', json: false, send: () => inject('POST', url, false, form('%C3%28')) },
      { name: '%FF in every form field', json: false, send: () => inject('POST', url, false, form('%FF')) },
      { name: 'a raw 0xFF byte in a form body', json: false, send: () => inject('POST', url, false, rawForm) },
      { name: '\\u0000 in every JSON string', json: true, send: () => inject('POST', url, true, jsonBody('\\u0000')) },
      { name: 'half a surrogate pair in JSON', json: true, send: () => inject('POST', url, true, jsonBody('\\ud800')) },
      { name: 'a raw 0xFF byte in a JSON body', json: true, send: () => inject('POST', url, true, rawJson) },
    );
  }
  return probes;
}

function cookieOf(agent: Agent) {
  return ['pathway_session', 'pathway_form'].map((n) => `${n}=${agent.cookie(n) ?? ''}`).join('; ');
}

/** What is wrong with a response to bad bytes, or null when it is the 400 it should be. */
function problemWith(response: LightMyRequestResponse, json: boolean): string | null {
  if (response.statusCode !== 400) return `status ${response.statusCode}`;
  const type = String(response.headers['content-type']);
  if (json) {
    if (!type.startsWith('application/problem+json')) return `content-type ${type}`;
    const body = response.json() as { status: number; type: string; title: string };
    const right = body.status === 400 && body.type.endsWith('/bad-characters') && body.title.startsWith(MESSAGE);
    return right ? null : response.body;
  }
  if (!type.startsWith('text/html')) return `content-type ${type}`;
  return response.body.includes(MESSAGE) && response.body.includes('Reference:') ? null : 'not the error page';
}

describe('bad bytes get a 400 on every route', () => {
  it('the route table read from the app holds every journey', () => {
    const urls = routesOf(t.app).map((r) => `${r.method} ${r.url}`);
    const known = [
      'POST /sign-in',
      'GET /young-people/:id',
      'POST /reviews/:reviewId/areas/:area',
      'POST /my-plan/areas/:area',
      'GET /api/v1/young-people/:id',
      'POST /admin/staff/:id',
      'GET /public/app.js',
    ];
    for (const route of known) expect(urls).toContain(route);
  });

  it('NUL and non-UTF-8 in paths, queries, forms, JSON: 400 with the error page or a problem, never 500', async () => {
    // Signing out last: were the guard missing, a bad sign-out would end the session the rest use.
    const routes = routesOf(t.app).sort((a, b) => Number(a.url === '/sign-out') - Number(b.url === '/sign-out'));
    const failures: string[] = [];
    const requestIds: string[] = [];
    for (const route of routes) {
      const agent = agentFor(route.url);
      const fields = route.method === 'POST' ? await fieldsOf(route, agent) : [];
      const csrf = await agent.csrf('/');
      for (const probe of probesFor(route, agent, fields, csrf)) {
        const response = await probe.send();
        requestIds.push(String(response.headers['x-request-id']));
        // The API answers in JSON whatever was sent.
        const problem = problemWith(response, probe.json || route.url.startsWith('/api/'));
        if (problem) failures.push(`${route.method} ${route.url}, ${probe.name}: ${problem.slice(0, 200)}`);
      }
    }
    const sent = requestIds.length;
    expect(failures, `${failures.length} of ${sent} requests were not refused with a 400`).toEqual([]);
    // Refused before any handler: not one of them read or wrote a record (reads and writes are audited).
    const byProbes = inArray(auditEvents.requestId, requestIds);
    const audited = await t.db.system((tx) => tx.select().from(auditEvents).where(byProbes));
    expect(audited).toEqual([]);
    console.log(`bad bytes: ${sent} requests over ${routes.length} routes, all refused with 400`);
    expect(sent).toBeGreaterThan(routes.length * 6);
  });

  it('a real socket: a raw 0xFF byte in the address and a NUL in a form body get a 400', async () => {
    const url = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }));
    const raw = (request: Buffer) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname);
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
        socket.end(request);
      });
    const head = 'HTTP/1.1\r\nHost: x\r\nConnection: close\r\n';
    const target = Buffer.concat([Buffer.from('/sign-in?next=/'), Buffer.from([0xff])]);
    const address = await raw(Buffer.concat([Buffer.from('GET '), target, Buffer.from(` ${head}\r\n`)]));
    expect(address.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    const body = 'login=a%00&password=b';
    const type = 'Content-Type: application/x-www-form-urlencoded';
    const length = `Content-Length: ${body.length}`;
    const form = await raw(Buffer.from(`POST /sign-in ${head}${type}\r\n${length}\r\n\r\n${body}`));
    expect(form.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(form).toContain(MESSAGE);
  });
});

describe('good text is untouched', () => {
  it('accents, other scripts, emoji and a lone % pass through and are stored exactly', async () => {
    const name = `Équipe Zoë – 北区 😀 100% ${Date.now()}`;
    const search = await as.pa.get(`/young-people?q=${encodeURIComponent('Zoë Ó’Brien')}`);
    expect(search.statusCode).toBe(200);
    expect((await as.pa.get('/young-people?q=100%')).statusCode).toBe(200);
    await as.admin.get('/admin/teams');
    const created = await as.admin.post('/admin/teams', { name, serviceType: 'leaving_care' });
    expect(created.statusCode).toBe(303);
    const [team] = await t.db.system((tx) => tx.select().from(teams).where(eq(teams.name, name)));
    expect(team?.name).toBe(name);
  });
});
