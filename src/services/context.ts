import type { Principal } from '../domain/permissions.ts';
import type { AuditEntry } from '../data/repositories/audit.ts';

/** Who is asking, for which request (and from which session, when signed in): passed to every command and query. */
export type RequestContext = { principal: Principal; requestId: string; sessionId?: string };

/** Fields of an audit row that come from the request context. */
export function auditActor(ctx: RequestContext): Pick<AuditEntry, 'councilId' | 'actorKind' | 'actorId' | 'requestId'> {
  return {
    councilId: ctx.principal.councilId,
    actorKind: ctx.principal.kind,
    // A token's calls are its own: the audit trail names the token, not who issued it.
    actorId: ctx.principal.kind === 'api_token' ? ctx.principal.tokenId : ctx.principal.id,
    requestId: ctx.requestId,
  };
}

/** The young person whose record an action of this person is about: their own, or the one they support. */
export function youngPersonOfPrincipal(p: Principal): string | null {
  return p.kind === 'young_person' ? p.id : p.kind === 'supporter' ? p.youngPersonId : null;
}
