// Every route the app has, read from the app itself (Fastify's printRoutes tree), so a test that
// walks "all routes" cannot miss one added later.
import type { FastifyInstance } from 'fastify';

export type Route = { method: string; url: string };

/** Static files are served under these prefixes; printRoutes shows them as one `*`. */
const STATIC_FILES = ['/public/app.js', '/govuk/govuk-frontend.min.js', '/assets/images/favicon.ico'];

/**
 * The routes as method + pattern, e.g. `POST /reviews/:reviewId/areas/:area`. printRoutes draws a
 * tree: each level is indented by four characters and adds its segment to its parent's path.
 */
export function routesOf(app: FastifyInstance): Route[] {
  const parents: string[] = [];
  const routes: Route[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.+) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    const segment = match[2];
    const parent = depth === 0 ? '' : parents[depth - 1];
    const url = depth === 0 ? segment : `${parent.replace(/\/$/, '')}${segment.startsWith('/') ? '' : '/'}${segment}`;
    parents[depth] = url;
    for (const method of match[3].split(', ').filter((m) => m !== 'HEAD')) {
      if (segment === '*') routes.push(...STATIC_FILES.map((file) => ({ method, url: file })));
      else routes.push({ method, url });
    }
  }
  if (routes.length === 0) throw new Error('printRoutes gave no routes: has its format changed?');
  return routes;
}
