// What a route needs from the request and the app: who is signed in, the route's dependencies, and
// the rules for keeping a form's words through a sign-in. Routes import this, never app.ts (which
// imports the routes), so the modules form no circle.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Principal } from '../domain/permissions.ts';
import { errors } from '../errors.ts';
import type { Session } from '../services/authentication.ts';
import type { RequestContext } from '../services/context.ts';
import type { Services } from '../services/index.ts';

export const SESSION_COOKIE = 'pathway_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
    /** CSRF token for forms on this page: the session's, or a signed-out visitor's cookie token. */
    csrfToken: string;
  }
  interface FastifyReply {
    page(template: string, data?: Record<string, unknown>): FastifyReply;
  }
}

export type RouteDeps = {
  config: Config;
  services: Services;
  cookieOptions: { path: string; httpOnly: boolean; sameSite: 'lax'; secure: boolean };
};

/** Only a local path may be a "next" destination after sign-in (or a choice of language). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-/?=&%.]*$/.test(next) && !next.startsWith('/sign-in') ? next : '/';
}

/** Pages whose saves can wait through a sign-in: writing in a plan or their own words, never a step such as approval. */
export function isResumable(url: string): boolean {
  return /^\/(reviews\/[0-9a-f-]{36}\/(areas\/[a-z-]+|needs-assessment|steps\/disagreement)|my-plan\/(areas\/[a-z-]+|ask-for-a-review))$/.test(
    url,
  );
}

/** A form's fields as name/value pairs (repeated names kept), without its old CSRF token. */
export function keptFields(body: Record<string, unknown>): { name: string; value: string }[] {
  return Object.entries(body)
    .filter(([name]) => name !== '_csrf' && !name.startsWith('keep:'))
    .flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value])
        .filter((v): v is string => typeof v === 'string')
        .map((v) => ({ name, value: v })),
    );
}

/** The signed-in principal and request id, or a redirect to sign in. */
export function contextOf(request: FastifyRequest): RequestContext {
  if (!request.session) throw errors.unauthenticated();
  return { principal: request.session.principal, requestId: request.id, sessionId: request.session.id };
}

export function staffOf(
  request: FastifyRequest,
): RequestContext & { principal: Extract<Principal, { kind: 'staff' }> } {
  const ctx = contextOf(request);
  if (ctx.principal.kind !== 'staff') throw errors.forbidden();
  return ctx as RequestContext & { principal: Extract<Principal, { kind: 'staff' }> };
}
