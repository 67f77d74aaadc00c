// Sign-in and sessions happen before a council is known, so the look-ups here run in the sign-in
// role (see db.beforeCouncil), reading only the columns named; the writes that follow run in the
// council's own transaction. Nothing here reads case content.
import { and, eq, gt, isNull, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { councils, invitations, sessions, signInFailures, staff, youngPersonAccounts, youngPeople } from '../schema.ts';
import { supporters } from '../supporters-schema.ts';

export async function staffByEmail(tx: Tx, email: string) {
  const [row] = await tx
    .select({ id: staff.id, councilId: staff.councilId, passwordHash: staff.passwordHash, active: staff.active })
    .from(staff)
    .where(sql`lower(${staff.email}) = lower(${email})`);
  return row ?? null;
}

export async function accountByUsername(tx: Tx, username: string) {
  const [row] = await tx
    .select({
      youngPersonId: youngPersonAccounts.youngPersonId,
      councilId: youngPersonAccounts.councilId,
      passwordHash: youngPersonAccounts.passwordHash,
      language: youngPersonAccounts.language,
    })
    .from(youngPersonAccounts)
    .where(sql`lower(${youngPersonAccounts.username}) = lower(${username})`);
  return row ?? null;
}

/** A supporter who has set up their sign-in and has not been removed. */
export async function supporterByUsername(tx: Tx, username: string) {
  const [row] = await tx
    .select({
      id: supporters.id,
      councilId: supporters.councilId,
      youngPersonId: supporters.youngPersonId,
      passwordHash: supporters.passwordHash,
    })
    .from(supporters)
    .where(and(sql`lower(${supporters.username}) = lower(${username})`, isNull(supporters.removedAt)));
  return row ?? null;
}

export async function usernameTaken(tx: Tx, username: string, exceptYoungPersonId: string): Promise<boolean> {
  const [a] = await tx
    .select({ id: youngPersonAccounts.id })
    .from(youngPersonAccounts)
    .where(
      and(
        sql`lower(${youngPersonAccounts.username}) = lower(${username})`,
        sql`${youngPersonAccounts.youngPersonId} <> ${exceptYoungPersonId}`,
      ),
    );
  const [s] = await tx.select({ id: staff.id }).from(staff).where(sql`lower(${staff.email}) = lower(${username})`);
  // A supporter's username, removed or not, stays theirs: a sign-in name never points at someone else.
  const [h] = await tx
    .select({ id: supporters.id })
    .from(supporters)
    .where(sql`lower(${supporters.username}) = lower(${username})`);
  return Boolean(a || s || h);
}

/**
 * Holds a lock on one network address until the transaction ends, so that counting its attempts
 * and recording a new one cannot interleave with another request from the same address.
 */
export async function lockAddress(tx: Tx, address: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`pathway attempts ${address}`}))`);
}

// Attempts by address are timed by the database's clock: one clock for every app server.

/** Records an attempt from an address (kept if it fails); returns its id so a success can delete it. */
export async function recordFailure(tx: Tx, address: string): Promise<number> {
  const [row] = await tx.insert(signInFailures).values({ address }).returning({ id: signInFailures.id });
  return row.id;
}

export async function deleteFailure(tx: Tx, id: number): Promise<void> {
  await tx.delete(signInFailures).where(eq(signInFailures.id, id));
}

export async function recentFailures(tx: Tx, address: string, minutes: number): Promise<number> {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(
      and(
        eq(signInFailures.address, address),
        gt(signInFailures.failedAt, sql`now() - make_interval(mins => ${minutes})`),
      ),
    );
  return n;
}

export type AccountKind = 'staff' | 'young_person' | 'supporter';
const accountTable = (kind: AccountKind) =>
  kind === 'staff'
    ? { table: staff, id: staff.id }
    : kind === 'supporter'
      ? { table: supporters, id: supporters.id }
      : { table: youngPersonAccounts, id: youngPersonAccounts.youngPersonId };

/**
 * Reserves one password check for an account in a single UPDATE, before the password is checked:
 * the count goes up by one (from 1 again after a lock has run out), and the reservation that
 * reaches the limit locks the account. Returns null when the account is locked.
 */
export async function reserveSignIn(tx: Tx, kind: AccountKind, id: string, now: Date, limit: number, lockUntil: Date) {
  const { table, id: idColumn } = accountTable(kind);
  const count = sql`(CASE WHEN ${table.lockedUntil} <= ${now} THEN 1 ELSE ${table.failedSignIns} + 1 END)`;
  const [row] = await tx
    .update(table)
    .set({ failedSignIns: count, lockedUntil: sql`CASE WHEN ${count} >= ${limit} THEN ${lockUntil}::timestamptz END` })
    .where(and(eq(idColumn, id), or(isNull(table.lockedUntil), lte(table.lockedUntil, now))))
    .returning({ count: table.failedSignIns, lockedUntil: table.lockedUntil });
  return row ?? null;
}

export async function lockedUntil(tx: Tx, kind: AccountKind, id: string): Promise<Date | null> {
  const { table, id: idColumn } = accountTable(kind);
  const [row] = await tx.select({ lockedUntil: table.lockedUntil }).from(table).where(eq(idColumn, id));
  return row?.lockedUntil ?? null;
}

/**
 * A right password: the count starts again (giving back this attempt's reservation) and any lock
 * ends. False when a member of staff's account was turned off meanwhile: then no session may start.
 */
export async function signedIn(tx: Tx, kind: AccountKind, id: string, now: Date): Promise<boolean> {
  const set = { failedSignIns: 0, lockedUntil: null, lastSignInAt: now };
  const done =
    kind === 'staff'
      ? await tx
          .update(staff)
          .set(set)
          .where(and(eq(staff.id, id), eq(staff.active, true)))
          .returning({ id: staff.id })
      : kind === 'supporter'
        ? // Waits for the young person removing them at this moment, and then starts nothing.
          await tx
            .update(supporters)
            .set(set)
            .where(and(eq(supporters.id, id), isNull(supporters.removedAt)))
            .returning({ id: supporters.id })
        : await tx
            .update(youngPersonAccounts)
            .set(set)
            .where(eq(youngPersonAccounts.youngPersonId, id))
            .returning({ id: youngPersonAccounts.id });
  return done.length === 1;
}

export async function pruneFailures(tx: Tx): Promise<void> {
  await tx.delete(signInFailures).where(lt(signInFailures.failedAt, sql`now() - interval '1 day'`));
}

export async function insertSession(tx: Tx, values: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(values);
}

/** A live session and who it belongs to. */
/** A live session and who it belongs to, as the one statement every request runs (migration 006). */
export function sessionLookup(id: string, now: Date): SQL {
  return sql`SELECT * FROM pathway_session(${id}, ${now.toISOString()}::timestamptz)`;
}

export type SessionLookupRow = {
  council_id: string;
  principal_kind: AccountKind;
  principal_id: string;
  csrf_token: string;
  last_seen_at: Date | string;
  expires_at: Date | string;
  staff_role: string | null;
  staff_team_id: string | null;
  staff_name: string | null;
  staff_active: boolean | null;
  yp_given_name: string | null;
  yp_preferred_name: string | null;
  /** Whether the young person reads their pages in easy read (migration 033). */
  yp_easy_read: boolean | null;
  /** A supporter's session (migration 032): null when they were removed. */
  supporter_name: string | null;
  supporter_young_person_id: string | null;
  supporter_access: string | null;
};

export async function touchSession(tx: Tx, id: string, now: Date, expiresAt: Date): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(tx: Tx, id: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

/** A person's live sessions, most recently active first. */
export async function sessionsOf(tx: Tx, kind: AccountKind, principalId: string, now: Date) {
  return tx
    .select({
      id: sessions.id,
      handle: sessions.handle,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
      address: sessions.address,
    })
    .from(sessions)
    .where(and(eq(sessions.principalKind, kind), eq(sessions.principalId, principalId), gt(sessions.expiresAt, now)))
    .orderBy(sql`${sessions.lastSeenAt} DESC`);
}

/** Ends every session of a person, or every one but `exceptId`; returns how many ended. */
export async function endSessionsOf(
  tx: Tx,
  kind: AccountKind,
  principalId: string,
  exceptId?: string,
): Promise<number> {
  const mine = and(eq(sessions.principalKind, kind), eq(sessions.principalId, principalId));
  const ended = await tx
    .delete(sessions)
    .where(exceptId ? and(mine, ne(sessions.id, exceptId)) : mine)
    .returning({ id: sessions.id });
  return ended.length;
}

/** Ends one of a person's own sessions, named by its handle; false when it is not theirs or already ended. */
export async function endSessionByHandle(
  tx: Tx,
  kind: AccountKind,
  principalId: string,
  handle: string,
): Promise<boolean> {
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.principalKind, kind), eq(sessions.principalId, principalId), eq(sessions.handle, handle)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

export async function deleteExpiredSessions(tx: Tx, now: Date): Promise<void> {
  await tx.delete(sessions).where(lt(sessions.expiresAt, now));
}

/**
 * Makes a new invitation for a young person and cancels their open ones. The young person's row
 * is locked first, so two invitations made at the same moment cannot both stay open.
 */
export async function issueInvitation(
  tx: Tx,
  invitation: Omit<typeof invitations.$inferInsert, 'id'>,
  now: Date,
): Promise<string> {
  await tx.execute(sql`SELECT 1 FROM young_people WHERE id = ${invitation.youngPersonId} FOR NO KEY UPDATE`);
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.youngPersonId, invitation.youngPersonId),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
      ),
    );
  const [row] = await tx.insert(invitations).values(invitation).returning({ id: invitations.id });
  return row.id;
}

export async function liveInvitation(tx: Tx, by: { linkTokenHash: string } | { codeHash: string }, now: Date) {
  const match =
    'linkTokenHash' in by ? eq(invitations.linkTokenHash, by.linkTokenHash) : eq(invitations.codeHash, by.codeHash);
  const [row] = await tx
    .select({
      invitation: { id: invitations.id, councilId: invitations.councilId, youngPersonId: invitations.youngPersonId },
      givenName: youngPeople.givenName,
      preferredName: youngPeople.preferredName,
      familyName: youngPeople.familyName,
      councilName: councils.name,
    })
    .from(invitations)
    .innerJoin(youngPeople, eq(youngPeople.id, invitations.youngPersonId))
    .innerJoin(councils, eq(councils.id, invitations.councilId))
    .where(and(match, isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
  return row ?? null;
}
