import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import type { Principal, StaffRole } from '../domain/permissions.ts';
import * as authRepo from '../data/repositories/auth.ts';
import { staff, youngPersonAccounts } from '../data/schema.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { eq } from 'drizzle-orm';
import { burnPasswordCheck, randomToken, sha256, verifyPassword } from './secrets.ts';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;
export const ADDRESS_LIMIT = 20; // failed attempts from one address in the window
export const ADDRESS_WINDOW_MINUTES = 15;

export type Session = { id: string; csrfToken: string; principal: Principal; expiresAt: Date };

export type SignInResult =
  | { ok: true; token: string; session: Session }
  | { ok: false; reason: 'wrong' | 'locked' | 'throttled'; minutes?: number };

export function authenticationService(db: Database, clock: Clock, idleMinutes: number) {
  const idleMs = idleMinutes * 60_000;

  async function createSession(councilId: string, kind: 'staff' | 'young_person', principalId: string) {
    const token = randomToken();
    const now = clock.now();
    const csrfToken = randomToken(24);
    const expiresAt = new Date(now.getTime() + idleMs);
    await db.beforeCouncil((tx) => authRepo.insertSession(tx, { id: sha256(token), councilId, principalKind: kind, principalId, csrfToken, expiresAt, createdAt: now, lastSeenAt: now }));
    return { token, csrfToken, expiresAt };
  }

  return {
    createSession,

    /** Checks an email (staff) or username (young person) and password; locks an account after repeated failures. */
    async signIn(props: { login: string; password: string; address: string; requestId: string }): Promise<SignInResult> {
      const now = clock.now();
      const windowStart = new Date(now.getTime() - ADDRESS_WINDOW_MINUTES * 60_000);
      if ((await db.beforeCouncil((tx) => authRepo.recentFailures(tx, props.address, windowStart))) >= ADDRESS_LIMIT) {
        return { ok: false, reason: 'throttled', minutes: ADDRESS_WINDOW_MINUTES };
      }
      const found = await db.beforeCouncil(async (tx) => {
        const s = await authRepo.staffByEmail(tx, props.login);
        if (s) return { kind: 'staff' as const, id: s.id, councilId: s.councilId, hash: s.passwordHash, active: s.active, lockedUntil: s.lockedUntil, failed: s.failedSignIns };
        const a = await authRepo.accountByUsername(tx, props.login);
        if (a) return { kind: 'young_person' as const, id: a.youngPersonId, councilId: a.councilId, hash: a.passwordHash, active: true, lockedUntil: a.lockedUntil, failed: a.failedSignIns };
        return null;
      });
      if (!found || !found.hash || !found.active) {
        await burnPasswordCheck(props.password);
        await db.beforeCouncil((tx) => authRepo.recordFailure(tx, props.address));
        return { ok: false, reason: 'wrong' };
      }
      if (found.lockedUntil && found.lockedUntil > now) {
        return { ok: false, reason: 'locked', minutes: Math.ceil((found.lockedUntil.getTime() - now.getTime()) / 60_000) };
      }
      const table = found.kind === 'staff' ? staff : youngPersonAccounts;
      const idColumn = found.kind === 'staff' ? staff.id : youngPersonAccounts.youngPersonId;
      if (!(await verifyPassword(found.hash, props.password))) {
        const failed = found.failed + 1;
        const lock = failed >= LOCKOUT_THRESHOLD;
        await db.beforeCouncil(async (tx) => {
          await authRepo.recordFailure(tx, props.address);
          await tx.update(table).set({ failedSignIns: lock ? 0 : failed, lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null }).where(eq(idColumn, found.id));
          await insertAudit(tx, { councilId: found.councilId, actorKind: found.kind, actorId: found.id, action: lock ? 'sign-in.locked' : 'sign-in.failed', outcome: 'denied', youngPersonId: found.kind === 'young_person' ? found.id : null, requestId: props.requestId });
        });
        return lock ? { ok: false, reason: 'locked', minutes: LOCKOUT_MINUTES } : { ok: false, reason: 'wrong' };
      }
      await db.beforeCouncil(async (tx) => {
        await tx.update(table).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now }).where(eq(idColumn, found.id));
        await insertAudit(tx, { councilId: found.councilId, actorKind: found.kind, actorId: found.id, action: 'sign-in', youngPersonId: found.kind === 'young_person' ? found.id : null, requestId: props.requestId });
      });
      const created = await createSession(found.councilId, found.kind, found.id);
      const session = await this.resolve(created.token);
      if (!session) return { ok: false, reason: 'wrong' };
      return { ok: true, token: created.token, session };
    },

    /** The live session for a cookie, sliding its idle timeout forward. */
    async resolve(token: string | undefined): Promise<Session | null> {
      if (!token || token.length > 100) return null;
      const id = sha256(token);
      const now = clock.now();
      return db.beforeCouncil(async (tx) => {
        const row = await authRepo.sessionWithPrincipal(tx, id, now);
        if (!row) return null;
        const s = row.session;
        let principal: Principal;
        if (s.principalKind === 'staff') {
          if (!row.staffRole || !row.staffActive) return null;
          principal = { kind: 'staff', id: s.principalId, councilId: s.councilId, role: row.staffRole as StaffRole, teamId: row.staffTeamId, name: row.staffName ?? '' };
        } else {
          if (!row.ypGivenName) return null;
          principal = { kind: 'young_person', id: s.principalId, councilId: s.councilId, name: row.ypPreferredName || row.ypGivenName };
        }
        let expiresAt = s.expiresAt;
        // Refresh at most every 30 seconds: one write per burst of requests, not per request.
        if (now.getTime() - s.lastSeenAt.getTime() > 30_000) {
          expiresAt = new Date(now.getTime() + idleMs);
          await authRepo.touchSession(tx, id, now, expiresAt);
        }
        return { id, csrfToken: s.csrfToken, principal, expiresAt };
      });
    },

    async signOut(sessionId: string, principal: Principal, requestId: string): Promise<void> {
      await db.beforeCouncil(async (tx) => {
        await authRepo.deleteSession(tx, sessionId);
        await insertAudit(tx, { councilId: principal.councilId, actorKind: principal.kind, actorId: principal.id, action: 'sign-out', youngPersonId: principal.kind === 'young_person' ? principal.id : null, requestId });
      });
    },

    async housekeeping(): Promise<void> {
      const now = clock.now();
      await db.beforeCouncil(async (tx) => {
        await authRepo.deleteExpiredSessions(tx, now);
        await authRepo.pruneFailures(tx, new Date(now.getTime() - 24 * 3600_000));
      });
    },
  };
}
export type AuthenticationService = ReturnType<typeof authenticationService>;
