// Pathway on the young person's phone (issue 12 §7): the service worker (public/sw.js, which says what
// it keeps and what it never keeps) and the page it shows when there is no connection. The offline
// page is made without anyone's session (app.ts does not read the session for these addresses), so a
// copy kept on a shared phone holds no one's name or record.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errors } from '../../errors.ts';
import { languageOf } from '../i18n.ts';
import type { RouteDeps } from '../request-context.ts';

/** Addresses answered without reading the session: nothing on them depends on who is signed in. */
export const SESSIONLESS = /^\/(sw\.js|offline(\/[\w-]+)?)(\?.*)?$/;

export function offlineRoutes(_deps: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const worker = await readFile(path.resolve('public/sw.js'));

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
