// Pathway on the young person's phone (issue 12 §7): the service worker (public/sw.js, which says what
// it keeps and what it never keeps) and the page it shows when there is no connection. The offline
// page is made without anyone's session (app.ts does not read the session for these addresses), so a
// copy kept on a shared phone holds no one's name or record.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errors } from '../../errors.ts';
import { languageOf } from '../i18n.ts';
import { govukAssetsDir } from '../render.ts';
import type { RouteDeps } from '../request-context.ts';

/** Addresses answered without reading the session: nothing on them depends on who is signed in. */
export const SESSIONLESS = /^\/(sw\.js|offline(\/[\w-]+)?)(\?.*)?$/;

/** The files the worker keeps from its first visit (its PRECACHE list): a change to any makes a new worker. */
const KEPT_FILES = [
  path.join(govukAssetsDir, 'govuk-frontend.min.css'),
  path.join(govukAssetsDir, 'govuk-frontend.min.js'),
  path.resolve('public/pathway.css'),
  path.resolve('public/app.js'),
  path.resolve('public/manifest.webmanifest'),
];

/**
 * public/sw.js with its VERSION made from the files it keeps and itself. Browsers install a worker
 * again when its bytes change, and the new one drops the old caches: so a release that changes
 * app.js or the styles reaches phones at the next visit, and no one edits a version by hand.
 */
export async function workerSource(): Promise<string> {
  const source = await readFile(path.resolve('public/sw.js'), 'utf8');
  const hash = createHash('sha256').update(source);
  for (const file of KEPT_FILES) hash.update(await readFile(file));
  return source.replace(/^const VERSION = '[^']*';$/m, `const VERSION = '${hash.digest('hex').slice(0, 12)}';`);
}

export function offlineRoutes(_deps: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const worker = await workerSource();

    // At the root, so its scope is every page. `no-cache`: the browser asks each time whether it changed.
    app.get('/sw.js', async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(worker),
    );

    const offlinePage = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').page('pages/offline.njk');

    // In the visitor's language (cookie or ?lang=), and one address per language for the worker's copies.
    app.get('/offline', async (_request, reply) => offlinePage(reply));
    app.get('/offline/:lang', async (request, reply) => {
      const language = languageOf((request.params as { lang: string }).lang);
      if (!language) throw errors.notFound();
      request.language = language;
      return offlinePage(reply);
    });
  });
}
