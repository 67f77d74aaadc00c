import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import type { Principal, StaffRole } from '../domain/permissions.ts';
import * as authRepo from '../data/repositories/auth.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { ADDRESS_WINDOW_MINUTES, type AddressAttempts } from './attempts.ts';
import type { SessionsService } from './sessions.ts';
import { youngPersonOfPrincipal } from './context.ts';
import { burnPasswordCheck, sha256, verifyPassword } from './secrets.ts';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

export type Session = { id: string; csrfToken: string; principal: Principal; expiresAt: Date };

export type SignInResult =
  | { ok: true; token: string; session: Session; language: string | null }
  | { ok: false; reason: 'wrong' | 'locked' | 'throttled'; minutes?: number };

type Account = {
  kind: authRepo.AccountKind;
  id: string;
  councilId: string;
  hash: string | null;
  active: boolean;
  /** A young person's saved language (migration 027); staff pages are in English. */
  language?: string | null;
  /** The young person whose record a sign-in is about: their own, or the one a supporter supports. */
  youngPersonId?: string;
};

async function findAccount(tx: Tx, login: string): Promise<Account | null> {
  const s = await authRepo.staffByEmail(tx, login);
  if (s) return { kind: 'staff', id: s.id, councilId: s.councilId, hash: s.passwordHash, active: s.active };
  const a = await authRepo.accountByUsername(tx, login);
  if (a)
    return {
      kind: 'young_person',
      id: a.youngPersonId,
      councilId: a.councilId,
      hash: a.passwordHash,
      active: true,
      language: a.language,
      youngPersonId: a.youngPersonId,
    };
  const h = await authRepo.supporterByUsername(tx, login);
  // A supporter a young person named (migration 032): their sign-in is about that young person's record.
  if (h) return { ...h, kind: 'supporter', hash: h.passwordHash, active: true };
  return null;
}

export function authenticationService(
  db: Database,
  clock: Clock,
  idleMinutes: number,
  attempts: AddressAttempts,
  sessions: SessionsService,
) {
  const idleMs = idleMinutes * 60_000;
  const minutesUntil = (at: Date | null, now: Date) =>
    Math.max(1, Math.ceil(((at?.getTime() ?? now.getTime()) - now.getTime()) / 60_000));

  return {
    /**
     * Checks an email (staff) or username (young person) and password. Each guess is counted before
     * its password is checked: one attempt reserved for the address, one for the account (the 5th
     * locks it for 15 minutes), so guesses sent in parallel are limited exactly as guesses in a row.
     */
    async signIn(props: {
      login: string;
      password: string;
      address: string;
      userAgent: string | undefined;
      requestId: string;
    }): Promise<SignInResult> {
      const now = clock.now();
      const attempt = await attempts.reserve(props.address);
      if (attempt === null) return { ok: false, reason: 'throttled', minutes: ADDRESS_WINDOW_MINUTES };
      const found = await db.beforeCouncil((tx) => findAccount(tx, props.login));
      if (!found?.hash || !found.active) {
        // As slow as a wrong password, so an unknown email looks the same; the attempt stays counted.
        await burnPasswordCheck(props.password);
        return { ok: false, reason: 'wrong' };
      }
      const account = { ...found, hash: found.hash };
      const audit = (
        tx: Tx,
        action: string,
        outcome: 'allowed' | 'denied' = 'allowed',
        details: Record<string, unknown> = {},
      ) =>
        insertAudit(tx, {
          councilId: account.councilId,
          actorKind: account.kind,
          actorId: account.id,
          action,
          outcome,
          youngPersonId: account.youngPersonId ?? null,
          requestId: props.requestId,
          details,
        });
      const lockUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
      const { reserved, locked } = await db.withCouncil(account.councilId, async (tx) => {
        const row = await authRepo.reserveSignIn(tx, account.kind, account.id, now, LOCKOUT_THRESHOLD, lockUntil);
        return { reserved: row, locked: row ? null : await authRepo.lockedUntil(tx, account.kind, account.id) };
      });
      if (!reserved) {
        // Nothing was checked: the address gets its attempt back.
        await attempts.giveBack(attempt);
        return { ok: false, reason: 'locked', minutes: minutesUntil(locked, now) };
      }
      if (!(await verifyPassword(account.hash, props.password))) {
        const lockedNow = reserved.lockedUntil !== null;
        await db.withCouncil(account.councilId, (tx) =>
          audit(tx, lockedNow ? 'sign-in.locked' : 'sign-in.failed', 'denied', { attempt: reserved.count }),
        );
        return lockedNow ? { ok: false, reason: 'locked', minutes: LOCKOUT_MINUTES } : { ok: false, reason: 'wrong' };
      }
      const started = await db.withCouncil(account.councilId, async (tx) => {
        // Waits for an administrator turning the account off at this moment, and then starts nothing.
        if (!(await authRepo.signedIn(tx, account.kind, account.id, now))) return null;
        await audit(tx, 'sign-in');
        return sessions.start(tx, {
          councilId: account.councilId,
          kind: account.kind,
          principalId: account.id,
          userAgent: props.userAgent,
          address: props.address,
        });
      });
      if (!started) return { ok: false, reason: 'wrong' };
      await attempts.giveBack(attempt);
      const session = await this.resolve(started.token);
      if (!session) return { ok: false, reason: 'wrong' };
      return { ok: true, token: started.token, session, language: account.language ?? null };
    },

    /**
     * The live session for a cookie, sliding its idle timeout forward. One statement (migration 006);
     * the refresh, at most every 30 seconds, is a transaction of its own.
     */
    async resolve(token: string | undefined): Promise<Session | null> {
      if (!token || token.length > 100) return null;
      const id = sha256(token);
      const now = clock.now();
      const [row] = await db.single<authRepo.SessionLookupRow>(authRepo.sessionLookup(id, now));
      if (!row) return null;
      let principal: Principal;
      if (row.principal_kind === 'staff') {
        if (!row.staff_role || !row.staff_active) return null;
        principal = {
          kind: 'staff',
          id: row.principal_id,
          councilId: row.council_id,
          role: row.staff_role as StaffRole,
          teamId: row.staff_team_id,
          name: row.staff_name ?? '',
        };
      } else if (row.principal_kind === 'supporter') {
        // Removed (or their young person's record gone): the look-up gives no supporter, so no session.
        if (!row.supporter_young_person_id || !row.supporter_name) return null;
        principal = {
          kind: 'supporter',
          id: row.principal_id,
          councilId: row.council_id,
          youngPersonId: row.supporter_young_person_id,
          access: row.supporter_access === 'help_write' ? 'help_write' : 'read',
          name: row.supporter_name,
        };
      } else {
        if (!row.yp_given_name) return null;
        principal = {
          kind: 'young_person',
          id: row.principal_id,
          councilId: row.council_id,
          name: row.yp_preferred_name || row.yp_given_name,
          easyRead: row.yp_easy_read === true,
        };
      }
      let expiresAt = new Date(row.expires_at);
      // Refresh at most every 30 seconds: one write per burst of requests, not per request.
      if (now.getTime() - new Date(row.last_seen_at).getTime() > 30_000) {
        expiresAt = new Date(now.getTime() + idleMs);
        await db.beforeCouncil((tx) => authRepo.touchSession(tx, id, now, expiresAt));
      }
      return { id, csrfToken: row.csrf_token, principal, expiresAt };
    },

    async signOut(sessionId: string, principal: Principal, requestId: string): Promise<void> {
      await db.withCouncil(principal.councilId, async (tx) => {
        await authRepo.deleteSession(tx, sessionId);
        await insertAudit(tx, {
          councilId: principal.councilId,
          actorKind: principal.kind,
          actorId: principal.id,
          action: 'sign-out',
          youngPersonId: youngPersonOfPrincipal(principal),
          requestId,
        });
      });
    },

    async housekeeping(): Promise<void> {
      const now = clock.now();
      await db.beforeCouncil(async (tx) => {
        await authRepo.deleteExpiredSessions(tx, now);
        await authRepo.pruneFailures(tx);
      });
    },
  };
}
export type AuthenticationService = ReturnType<typeof authenticationService>;
