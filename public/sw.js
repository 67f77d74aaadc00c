// Pathway's service worker (issue 12 §7), served at /sw.js by src/http/routes/offline.ts.
//
// What it keeps on the phone, and what it never keeps:
// - Static files (GOV.UK's CSS, JavaScript, fonts and images, pathway.css, app.js, the icons) are
//   answered from its cache at once and refreshed from the network behind, so pages open fast on a
//   poor connection.
// - Pages (HTML) are never cached: they may hold someone's personal data. A page is always fetched
//   from the server; when there is no connection the offline page is shown instead. The offline page
//   is the only page kept, one per language, and it is made without anyone's session (no name, no
//   personal data).
// - Nothing else (form posts, JSON, downloads) is touched.
// Replaced as served (src/http/routes/offline.ts) by a hash of this file and the files it keeps.
const VERSION = 'development';
const STATIC_CACHE = `pathway-static-${VERSION}`;
const OFFLINE_CACHE = `pathway-offline-${VERSION}`;
/** Where the language of the last page seen is kept (a language code, nothing more). */
const LANGUAGE_KEY = '/offline/language-of-last-page';
const STATIC_PATHS = ['/govuk/', '/assets/', '/public/', '/fonts/', '/pictures/'];
const PRECACHE = [
  '/govuk/govuk-frontend.min.css',
  '/govuk/govuk-frontend.min.js',
  '/public/pathway.css',
  '/public/app.js',
  '/public/manifest.webmanifest',
  '/public/icons/icon-192.png',
];
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z]{2})?$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      await (await caches.open(STATIC_CACHE)).addAll(PRECACHE);
      await (await caches.open(OFFLINE_CACHE)).add('/offline/en');
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const ours = [STATIC_CACHE, OFFLINE_CACHE];
      for (const name of await caches.keys()) if (!ours.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') event.respondWith(page(event));
  else if (STATIC_PATHS.some((p) => url.pathname.startsWith(p))) event.respondWith(staticFile(event));
});

/** A page: always from the server, never stored; the offline page when the server cannot be reached. */
async function page(event) {
  try {
    const response = await fetch(event.request);
    const lang = response.headers.get('content-language');
    if (lang && LANGUAGE.test(lang)) event.waitUntil(rememberLanguage(lang));
    return response;
  } catch {
    return offlinePage();
  }
}

/** The language of the pages this phone reads, so the offline page is in it (and its copy is kept). */
async function rememberLanguage(lang) {
  const cache = await caches.open(OFFLINE_CACHE);
  await cache.put(LANGUAGE_KEY, new Response(lang));
  if (!(await cache.match(`/offline/${lang}`))) await cache.add(`/offline/${lang}`).catch(() => {});
}

async function offlinePage() {
  const cache = await caches.open(OFFLINE_CACHE);
  const remembered = await cache.match(LANGUAGE_KEY);
  const lang = remembered ? await remembered.text() : 'en';
  const kept = (await cache.match(`/offline/${lang}`)) ?? (await cache.match('/offline/en'));
  return kept ?? new Response('You are offline.', { status: 503, headers: { 'content-type': 'text/plain' } });
}

/** A static file: from the cache at once if it is there, refreshed from the network for next time. */
async function staticFile(event) {
  const cache = await caches.open(STATIC_CACHE);
  const cached = await cache.match(event.request);
  const fresh = fetch(event.request).then(async (response) => {
    if (response.ok && response.type === 'basic') await cache.put(event.request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => {}));
    return cached;
  }
  return fresh;
}
