// API tokens for council systems (issue 11 §5): issued, listed and revoked by an administrator; each
// call checks its token, counts it against the token's rate limit and writes an audit row naming the
// token; POSTs may carry an idempotency key.
import { createHash } from 'node:crypto';
import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { API_ROLES, authorize, type ApiScope, type Principal } from '../domain/permissions.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import * as repo from '../data/repositories/api-tokens.ts';
import { errors } from '../errors.ts';
import { ADDRESS_WINDOW_MINUTES, type AddressAttempts } from './attempts.ts';
import { auditActor, type RequestContext } from './context.ts';
import { randomToken, sha256 } from './secrets.ts';

/** Tokens start with this, so a leaked one is easy to recognise (and to search for in code). */
export const TOKEN_PREFIX = 'pwt_';
/** The longest a token may live, in days. */
export const MAX_TOKEN_DAYS = 366;

export type ApiPrincipal = Extract<Principal, { kind: 'api_token' }>;
export type ApiCall = { method: string; route: string; requestId: string; address: string };
/** What a POST answered, kept against its idempotency key. */
export type KeptResponse = { status: number; body: unknown; replayed?: boolean };

export function apiTokensService(
  db: Database,
  clock: Clock,
  attempts: AddressAttempts,
  options: { callsPerMinute: number },
) {
  /**
   * Refuses a call that names no council (no token, or one that is not Pathway's): each is a guess,
   * counted against its address as sign-in guesses are (attempts.ts, 20 in 15 minutes, under a lock
   * on the address), then 429. Recorded in api_refusals (migration 025), not a council's audit trail.
   */
  async function refuseUnknown(call: ApiCall, bearer: string | undefined, message: string): Promise<never> {
    const attempt = await attempts.reserve(`api ${call.address}`);
    const reason = attempt === null ? 'rate limit' : bearer ? 'unknown token' : 'no token';
    await db.beforeCouncil((tx) =>
      repo.insertRefusal(tx, {
        address: call.address,
        method: call.method,
        route: call.route,
        reason,
        tokenHint: bearer ? createHash('sha256').update(bearer).digest('hex').slice(0, 12) : null,
        requestId: call.requestId,
      }),
    );
    if (attempt === null)
      throw errors.tooManyAttempts(
        `Too many calls without a known API token from this address. Wait ${ADDRESS_WINDOW_MINUTES} minutes`,
      );
    throw errors.apiUnauthorized(message);
  }

  /** Writes the audit row of a call refused for its token (revoked, expired, too many calls). */
  const refuse = (ctx: RequestContext, call: ApiCall, action: string, reason: string) =>
    db.withCouncil(ctx.principal.councilId, (tx) =>
      insertAudit(tx, {
        ...auditActor(ctx),
        action,
        outcome: 'denied',
        entityType: 'route',
        entityId: call.route,
        details: { method: call.method, route: call.route, reason },
      }),
    );

  return {
    /** Refuses (403, audited by the app) anyone who may not manage the council's API tokens. */
    mayManage(ctx: RequestContext): void {
      authorize(ctx.principal, 'api.manage');
    },

    /**
     * Issues a token, shown once. Only its SHA-256 hash is kept: the token is 32 random bytes (256
     * bits), so nobody can guess it or search for it from the hash, and a slow password hash (argon2)
     * would only slow every call without making it any safer; a fast hash also lets a call find its
     * token by one indexed look-up.
     */
    async issue(ctx: RequestContext, input: { name: string; scope: ApiScope; expiresAt: Date }) {
      authorize(ctx.principal, 'api.manage');
      const token = `${TOKEN_PREFIX}${randomToken(32)}`;
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const id = await repo.insertToken(tx, {
          councilId: ctx.principal.councilId,
          name: input.name,
          scope: input.scope,
          tokenHash: sha256(token),
          createdBy: ctx.principal.id,
          expiresAt: input.expiresAt,
        });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'api-token.issue',
          entityType: 'api_token',
          entityId: id,
          details: { name: input.name, scope: input.scope, expiresAt: input.expiresAt.toISOString() },
        });
        return { id, token };
      });
    },

    /** The council's tokens, with when each was last used. */
    async list(ctx: RequestContext) {
      authorize(ctx.principal, 'api.manage');
      return db.withCouncil(ctx.principal.councilId, (tx) => repo.tokensOfCouncil(tx));
    },

    /** Revokes a token: its next call is refused (401). Revoking it again changes nothing. */
    async revoke(ctx: RequestContext, id: string): Promise<boolean> {
      authorize(ctx.principal, 'api.manage');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const revoked = await repo.revokeToken(tx, id, ctx.principal.id, clock.now());
        if (revoked) {
          await insertAudit(tx, {
            ...auditActor(ctx),
            action: 'api-token.revoke',
            entityType: 'api_token',
            entityId: id,
          });
        }
        return revoked;
      });
    },

    /**
     * The service identity a bearer token gives, or a 401 (revoked or expired: audited in the token's
     * council) or 429 (too many calls this minute: audited). Every call it lets through is counted and
     * audited with its method and route, in one transaction.
     */
    async authenticate(
      bearer: string | undefined,
      call: ApiCall,
    ): Promise<RequestContext & { principal: ApiPrincipal }> {
      if (!bearer?.startsWith(TOKEN_PREFIX) || bearer.length > 200)
        return refuseUnknown(call, bearer, 'Send an API token: Authorization: Bearer pwt_…');
      const [row] = await db.single<repo.TokenLookupRow>(repo.tokenLookup(sha256(bearer)));
      if (!row) return refuseUnknown(call, bearer, 'This API token is not recognised');
      const principal: ApiPrincipal = {
        kind: 'api_token',
        id: row.created_by,
        tokenId: row.id,
        councilId: row.council_id,
        role: API_ROLES[row.scope],
        teamId: null,
        name: row.name,
      };
      const ctx = { principal, requestId: call.requestId };
      if (row.revoked_at) {
        await refuse(ctx, call, 'api.call', 'token revoked');
        throw errors.apiUnauthorized('This API token was revoked');
      }
      if (new Date(row.expires_at) <= clock.now()) {
        await refuse(ctx, call, 'api.call', 'token expired');
        throw errors.apiUnauthorized('This API token has expired');
      }
      const calls = await db.withCouncil(principal.councilId, async (tx) => {
        const n = await repo.countCall(tx, row.id);
        const limited = n > options.callsPerMinute;
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'api.call',
          outcome: limited ? 'denied' : 'allowed',
          entityType: 'route',
          entityId: call.route,
          details: { method: call.method, route: call.route, ...(limited ? { reason: 'rate limit' } : {}) },
        });
        return n;
      });
      if (calls > options.callsPerMinute)
        throw errors.tooManyAttempts(`Too many calls with this token: at most ${options.callsPerMinute} a minute`);
      return ctx;
    },

    /**
     * Runs a POST once per idempotency key: the same key and request give the first response again
     * without a second write; the same key with a different request is refused (422); a key whose first
     * call is still running is refused (409) so the caller retries. A call that fails frees its key.
     */
    async once(
      ctx: RequestContext & { principal: ApiPrincipal },
      key: string,
      request: unknown,
      work: () => Promise<KeptResponse>,
    ): Promise<KeptResponse> {
      const p = ctx.principal;
      const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
      const claim = { councilId: p.councilId, tokenId: p.tokenId, key, requestHash };
      const first = await db.withCouncil(p.councilId, async (tx) => {
        if (await repo.claimKey(tx, claim)) return null;
        return (await repo.keyOf(tx, p.tokenId, key)) ?? null;
      });
      if (first) {
        if (first.requestHash !== requestHash) throw errors.keyReused();
        if (first.status === null)
          throw errors.conflict('A call with this Idempotency-Key is still running. Try again');
        return { status: first.status, body: first.response, replayed: true };
      }
      try {
        const result = await work();
        await db.withCouncil(p.councilId, (tx) => repo.keepResponse(tx, p.tokenId, key, result.status, result.body));
        return result;
      } catch (error) {
        await db.withCouncil(p.councilId, (tx) => repo.releaseKey(tx, p.tokenId, key));
        throw error;
      }
    },
  };
}
export type ApiTokensService = ReturnType<typeof apiTokensService>;
