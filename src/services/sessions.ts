// Sessions: started when someone signs in (or uses an invitation or a set-password link), and
// listed and ended by the person they belong to. Only a hash of the cookie is stored.
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { describeDevice } from '../domain/devices.ts';
import * as authRepo from '../data/repositories/auth.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext, youngPersonOfPrincipal } from './context.ts';
import { randomToken, sha256 } from './secrets.ts';

export type SessionStart = {
  councilId: string;
  kind: authRepo.AccountKind;
  principalId: string;
  userAgent: string | undefined;
  address: string;
};
export type StartedSession = { token: string; csrfToken: string; expiresAt: Date };

export function sessionsService(db: Database, clock: Clock, idleMinutes: number) {
  const idleMs = idleMinutes * 60_000;
  const youngPersonOf = (ctx: RequestContext) => youngPersonOfPrincipal(ctx.principal);
  /** The signed-in person whose sessions these are (a council system's token has none). */
  const holderOf = (ctx: RequestContext) => {
    if (ctx.principal.kind === 'api_token') throw errors.forbidden();
    return ctx.principal;
  };

  return {
    /** Starts a session inside the caller's transaction, so it exists only if the caller's work commits. */
    async start(tx: Tx, props: SessionStart): Promise<StartedSession> {
      const token = randomToken();
      const csrfToken = randomToken(24);
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + idleMs);
      await authRepo.insertSession(tx, {
        id: sha256(token),
        councilId: props.councilId,
        principalKind: props.kind,
        principalId: props.principalId,
        csrfToken,
        expiresAt,
        createdAt: now,
        lastSeenAt: now,
        userAgent: props.userAgent?.slice(0, 500) ?? null,
        address: props.address,
      });
      return { token, csrfToken, expiresAt };
    },

    /** Where the signed-in person is signed in: this device first, then the rest by last use. */
    async list(ctx: RequestContext) {
      const p = holderOf(ctx);
      const rows = await db.withCouncil(p.councilId, (tx) => authRepo.sessionsOf(tx, p.kind, p.id, clock.now()));
      return rows
        .map(({ id, ...row }) => ({ ...row, device: describeDevice(row.userAgent), current: id === ctx.sessionId }))
        .sort((a, b) => Number(b.current) - Number(a.current));
    },

    /** Ends one of the person's other sessions, named by its handle. */
    async end(ctx: RequestContext, handle: string): Promise<void> {
      const p = holderOf(ctx);
      await db.withCouncil(p.councilId, async (tx) => {
        const ended = await authRepo.endSessionByHandle(tx, p.kind, p.id, handle);
        if (!ended) throw errors.notFound('You are no longer signed in there');
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'session.end',
          youngPersonId: youngPersonOf(ctx),
          entityType: 'session',
          entityId: handle,
        });
      });
    },

    /** Ends every session of the person except the one they are using. */
    async endOthers(ctx: RequestContext): Promise<number> {
      const p = holderOf(ctx);
      if (!ctx.sessionId) throw errors.forbidden();
      const sessionId = ctx.sessionId;
      return db.withCouncil(p.councilId, async (tx) => {
        const ended = await authRepo.endSessionsOf(tx, p.kind, p.id, sessionId);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'session.end-others',
          youngPersonId: youngPersonOf(ctx),
          details: { ended },
        });
        return ended;
      });
    },
  };
}
export type SessionsService = ReturnType<typeof sessionsService>;
