// Pathway on the young person's phone (issue 12 §7): the web app manifest and its icons, the service
// worker as served, the offline page (made without anyone's session), and the rule that no page with
// someone's details is ever kept: signed-in pages are `no-store`, and the worker's own fetch handler,
// run here against stand-ins for the browser's cache, stores static files and never a page.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, TODAY, type TestApp } from '../support/app.ts';
import { addOpenReview, addYoungPersonAccount, youngPeopleFreeToWrite } from '../support/factories.ts';
import { YOUNG_PERSON_PAGES } from '../support/young-person-pages.ts';

let t: TestApp;
let rows: CouncilRows;
let yp: Agent;
let name = '';

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 30 });
  const person = youngPeopleFreeToWrite(rows)[0];
  name = person.preferredName || person.givenName;
  await addYoungPersonAccount(t.db, rows, person.id, `offline.${rows.council.slug}`);
  await addOpenReview(t.db, rows, person.id, 'planning', TODAY);
  yp = new Agent(t.app, '10.7.12.1');
  await yp.signIn(`offline.${rows.council.slug}`, PASSWORD);
}, 60_000);
afterAll(() => t.close());

describe('installable: the web app manifest', () => {
  it('is JSON with a name, start address, standalone display, GOV.UK blue and PNG icons of the sizes it says', async () => {
    const response = await t.app.inject('/public/manifest.webmanifest');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = JSON.parse(response.body);
    expect(manifest).toMatchObject({
      name: 'Pathway',
      short_name: 'Pathway',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#1d70b8',
    });
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    expect(manifest.icons.some((i: { purpose: string }) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons as { src: string; sizes: string; type: string }[]) {
      const file = await t.app.inject(icon.src);
      expect(file.statusCode, icon.src).toBe(200);
      expect(file.headers['content-type'], icon.src).toBe(icon.type);
      const { width, height, format } = await sharp(file.rawPayload).metadata();
      expect(`${format} ${width}x${height}`, icon.src).toBe(`png ${icon.sizes}`);
    }
  });

  it('is linked from every page, in place of GOV.UK’s (councils may not use the crown), and the CSP allows it and the worker', async () => {
    for (const response of [await t.app.inject('/sign-in'), await yp.get('/')]) {
      expect(response.body).toContain('<link rel="manifest" href="/public/manifest.webmanifest">');
      expect(response.body).not.toContain('/assets/manifest.json');
      expect(response.body).not.toContain('govuk-icon');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("manifest-src 'self'");
      expect(csp).toContain("worker-src 'self'");
    }
  });
});

describe('the service worker as served', () => {
  it('is at the root (its scope is every page), as JavaScript, asked for again each time, without a session', async () => {
    const response = await yp.get('/sw.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['set-cookie']).toBeUndefined();
    // With its version made from the files it keeps, so a release that changes them installs a new worker.
    const version = /^const VERSION = '([0-9a-f]{12})';$/m.exec(response.body)?.[1];
    expect(version).toBeDefined();
    expect(response.body.replace(version!, 'development')).toBe(readFileSync('public/sw.js', 'utf8'));
  });
});

describe('the offline page', () => {
  it('holds nothing of the person signed in: no name, no form token, no sign-out, no draft key', async () => {
    const home = await yp.get('/');
    expect(home.body).toContain(name);
    const token = /name="_csrf" value="([^"]+)"/.exec(home.body)![1];
    const owner = /data-draft-owner="([^"]+)"/.exec(home.body)![1];
    const response = await yp.get('/offline/en');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('You are offline');
    for (const personal of [name, token, owner, 'action="/sign-out"', 'data-draft-owner', 'app-words'])
      expect(response.body, personal).not.toContain(personal);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('comes in each language at its own address, right to left where the language is, without changing anyone’s choice', async () => {
    const arabic = await t.app.inject('/offline/ar');
    expect(arabic.statusCode).toBe(200);
    expect(arabic.body).toContain('<html lang="ar" dir="rtl"');
    expect(arabic.body).toContain('أنت غير متصل بالإنترنت');
    expect(arabic.headers['content-language']).toBe('ar');
    expect(arabic.headers['set-cookie']).toBeUndefined();
    // No language links: they need a connection.
    expect(arabic.body).not.toContain('app-languages');
    expect((await t.app.inject('/offline/ti')).body).toContain('<html lang="ti" dir="ltr"');
    expect((await t.app.inject('/offline/xx')).statusCode).toBe(404);
    // Without a language, the visitor's own.
    expect((await t.app.inject({ url: '/offline', cookies: { pathway_lang: 'ps' } })).body).toContain('lang="ps"');
  });

  it('every page says its language, so the worker keeps the offline page in it', async () => {
    expect((await yp.get('/')).headers['content-language']).toBe('en');
  });
});

describe('no page with someone’s details is kept on the phone', () => {
  it('every signed-in young person’s page is sent no-store', async () => {
    for (const path of [...YOUNG_PERSON_PAGES, '/my-plan', '/my-plan/areas/accommodation']) {
      const response = await yp.get(path);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('the worker stores static files as they come, and never a page, whether it loads or fails', async () => {
    const worker = runWorker();
    await worker.event('install');
    expect(worker.stored).toContain('/public/app.js');
    expect(worker.stored).toContain('/offline/en');
    worker.stored.length = 0;

    // A page, signed in: passed through, not stored. Only the offline page in its language is fetched and kept.
    const page = await worker.fetch({ url: '/my-plan', mode: 'navigate' }, { html: `<p>${name}</p>`, lang: 'ar' });
    expect(await page!.text()).toContain(name);
    expect(worker.stored).not.toContain('/my-plan');
    expect(worker.stored).toEqual(['/offline/language-of-last-page', '/offline/ar']);

    // A static file is kept; a form post, JSON and a download are left alone.
    await worker.fetch({ url: '/public/pathway.css', mode: 'no-cors' }, { html: 'body{}' });
    expect(worker.stored).toContain('/public/pathway.css');
    for (const request of [
      { url: '/my-plan/areas/accommodation', method: 'POST', mode: 'navigate' },
      { url: '/my-plan/approved/pdf', mode: 'cors' },
      { url: '/check-ins', mode: 'cors' },
    ])
      expect(await worker.fetch(request, { html: 'x' }), request.url).toBeNull();
    expect(worker.stored).toEqual(['/offline/language-of-last-page', '/offline/ar', '/public/pathway.css']);

    // No connection: the offline page kept for the last language read, nothing stored.
    const offline = await worker.fetch({ url: '/my-record', mode: 'navigate' }, 'offline');
    expect(await offline!.text()).toBe('kept /offline/ar');
    expect(worker.stored).not.toContain('/my-record');
  });
});

describe('the words about writing kept on the phone', () => {
  it('come on the page in the young person’s language, for app.js to show, and only when someone is signed in', async () => {
    const wordsOn = (html: string) =>
      JSON.parse(
        (/id="app-words" hidden data-words="([^"]*)"/.exec(html)?.[1] ?? 'null').replace(/&quot;/g, '"'),
      ) as Record<string, string> | null;
    expect(wordsOn((await t.app.inject('/sign-in')).body)).toBeNull();
    expect(wordsOn((await yp.get('/')).body)?.offline).toBe(
      'You are offline. What you wrote is kept on this phone. It will be sent when you are back online.',
    );
    await yp.post('/language', { lang: 'ar', back: '/' }, { csrf: await yp.csrf('/') });
    const arabic = wordsOn((await yp.get('/')).body);
    await yp.post('/language', { lang: 'en', back: '/' }, { csrf: await yp.csrf('/') });
    expect(arabic?.offline).toBe('أنت غير متصل بالإنترنت. ما كتبته محفوظ على هذا الهاتف. سيُرسَل عندما تعود متصلاً.');
    expect(arabic?.savedAt).toBe('حُفظ الساعة {{time}}.');
    expect(arabic?.emergency, 'the not-safe page’s own words, for a check-in with no connection').toMatch(/999/);
  });
});

type FakeRequest = { url: string; mode: string; method?: string };

/** public/sw.js in a sandbox: its listeners, a fetch that answers as told, and a cache that records what it stores. */
function runWorker() {
  const origin = 'https://pathway.example';
  const listeners = new Map<string, (event: object) => void>();
  const cache = new Map<string, string>();
  const stored: string[] = [];
  const path = (r: string | { url: string }) => new URL(typeof r === 'string' ? r : r.url, origin).pathname;
  const put = async (r: string | { url: string }, body: string) => {
    stored.push(path(r));
    cache.set(path(r), body);
  };
  let answer: { html: string; lang?: string } | 'offline' = { html: '' };
  const fakeFetch = async (r: string | { url: string }) => {
    if (answer === 'offline') throw new TypeError('Failed to fetch');
    const headers: Record<string, string> = answer.lang ? { 'content-language': answer.lang } : {};
    // A same-origin answer, as the browser gives it (Node's Response says "default").
    return Object.defineProperty(new Response(answer.html || `fetched ${path(r)}`, { headers }), 'type', {
      value: 'basic',
    });
  };
  const caches = {
    open: async () => ({
      match: async (r: string | { url: string }) => {
        const kept = cache.get(path(r));
        return kept === undefined ? undefined : new Response(kept);
      },
      put: async (r: string | { url: string }, response: Response) => put(r, await response.text()),
      add: async (r: string) => put(r, `kept ${path(r)}`),
      addAll: async (list: string[]) => {
        for (const r of list) await put(r, `kept ${path(r)}`);
      },
    }),
    keys: async () => [],
    delete: async () => true,
  };
  const self = {
    location: { origin },
    addEventListener: (type: string, listener: (event: object) => void) => listeners.set(type, listener),
    skipWaiting: async () => {},
    clients: { claim: async () => {} },
  };
  vm.runInNewContext(readFileSync('public/sw.js', 'utf8'), { self, caches, fetch: fakeFetch, URL, Response });

  /** Runs a listener and waits for everything it asked the browser to wait for. */
  async function dispatch(type: string, extra: object = {}) {
    const waits: Promise<unknown>[] = [];
    let responded: Promise<Response> | null = null;
    listeners.get(type)!({
      ...extra,
      waitUntil: (p: Promise<unknown>) => waits.push(p),
      respondWith: (p: Promise<Response>) => {
        responded = p;
      },
    });
    const response = await (responded as Promise<Response> | null);
    // waitUntil may be called while the response is made: wait for all of them, however many come.
    for (let i = 0; i < waits.length; i++) await waits[i];
    return response;
  }
  return {
    stored,
    event: (type: string) => dispatch(type),
    fetch: (request: FakeRequest, with_: typeof answer) => {
      answer = with_;
      return dispatch('fetch', { request: { method: 'GET', ...request, url: `${origin}${request.url}` } });
    },
  };
}
