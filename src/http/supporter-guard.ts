// A supporter (issue 12 §6) reaches one young person's plan pages and nothing else. The services refuse them
// everywhere else too (permissions.ts gives them no record); this list is the second lock, at the door: any
// other page is refused with 403, and the error handler writes the refusal to the audit trail.
import type { FastifyRequest } from 'fastify';
import { errors } from '../errors.ts';

/** The routes a supporter may use, as Fastify names them (method and pattern). */
export const SUPPORTER_ROUTES: ReadonlySet<string> = new Set([
  'GET /',
  'GET /my-plan',
  'GET /my-plan/areas/:area',
  'POST /my-plan/areas/:area',
  'GET /my-plan/approved',
  'GET /my-plan/approved/pdf',
  'GET /my-plan/versions/:version',
  'GET /my-plan/versions/:version/pdf',
  'GET /reviews/:reviewId/read',
  'GET /help/:page',
  'POST /language',
  'POST /sign-out',
  'POST /session/keep-alive',
]);

/** Refuses a supporter's request for any page not on the list (a page that does not exist stays a 404). */
export function guardSupporter(request: FastifyRequest): void {
  if (request.session?.principal.kind !== 'supporter') return;
  const route = request.routeOptions.url;
  if (route === undefined) return;
  if (!SUPPORTER_ROUTES.has(`${request.method === 'HEAD' ? 'GET' : request.method} ${route}`)) throw errors.forbidden();
}
