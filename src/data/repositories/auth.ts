// Sign-in and sessions happen before a council is known, so these run in the
// sign-in role (see db.beforeCouncil). Nothing here reads case content.
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { invitations, sessions, signInFailures, staff, youngPersonAccounts, youngPeople } from '../schema.ts';

export async function staffByEmail(tx: Tx, email: string) {
  const [row] = await tx.select().from(staff).where(sql`lower(${staff.email}) = lower(${email})`);
  return row ?? null;
}

export async function accountByUsername(tx: Tx, username: string) {
  const [row] = await tx.select().from(youngPersonAccounts).where(sql`lower(${youngPersonAccounts.username}) = lower(${username})`);
  return row ?? null;
}

export async function usernameTaken(tx: Tx, username: string, exceptYoungPersonId: string): Promise<boolean> {
  const [a] = await tx
    .select({ id: youngPersonAccounts.id })
    .from(youngPersonAccounts)
    .where(and(sql`lower(${youngPersonAccounts.username}) = lower(${username})`, sql`${youngPersonAccounts.youngPersonId} <> ${exceptYoungPersonId}`));
  const [s] = await tx.select({ id: staff.id }).from(staff).where(sql`lower(${staff.email}) = lower(${username})`);
  return Boolean(a || s);
}

export async function recordFailure(tx: Tx, address: string): Promise<void> {
  await tx.insert(signInFailures).values({ address });
}

export async function recentFailures(tx: Tx, address: string, since: Date): Promise<number> {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(and(eq(signInFailures.address, address), gt(signInFailures.failedAt, since)));
  return n;
}

export async function pruneFailures(tx: Tx, before: Date): Promise<void> {
  await tx.delete(signInFailures).where(lt(signInFailures.failedAt, before));
}

export async function insertSession(tx: Tx, values: typeof sessions.$inferInsert): Promise<void> {
  await tx.insert(sessions).values(values);
}

/** A live session and who it belongs to. */
export async function sessionWithPrincipal(tx: Tx, id: string, now: Date) {
  const [row] = await tx
    .select({
      session: sessions,
      staffRole: staff.role,
      staffTeamId: staff.teamId,
      staffName: staff.displayName,
      staffActive: staff.active,
      ypGivenName: youngPeople.givenName,
      ypPreferredName: youngPeople.preferredName,
      ypStatus: youngPeople.caseStatus,
    })
    .from(sessions)
    .leftJoin(staff, and(eq(sessions.principalKind, 'staff'), eq(staff.id, sessions.principalId)))
    .leftJoin(youngPeople, and(eq(sessions.principalKind, 'young_person'), eq(youngPeople.id, sessions.principalId)))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)));
  return row ?? null;
}

export async function touchSession(tx: Tx, id: string, now: Date, expiresAt: Date): Promise<void> {
  await tx.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(tx: Tx, id: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteExpiredSessions(tx: Tx, now: Date): Promise<void> {
  await tx.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function liveInvitation(tx: Tx, by: { linkTokenHash: string } | { codeHash: string }, now: Date) {
  const match = 'linkTokenHash' in by ? eq(invitations.linkTokenHash, by.linkTokenHash) : eq(invitations.codeHash, by.codeHash);
  const [row] = await tx
    .select({ invitation: invitations, givenName: youngPeople.givenName, preferredName: youngPeople.preferredName, familyName: youngPeople.familyName })
    .from(invitations)
    .innerJoin(youngPeople, eq(youngPeople.id, invitations.youngPersonId))
    .where(and(match, isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
  return row ?? null;
}
