// A young person's supporters (migration 032). The look-ups by link or code run before a council is known,
// in the sign-in role; everything else in the council's own transaction.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { auditEvents, councils, youngPeople } from '../schema.ts';
import { supporters } from '../supporters-schema.ts';

export async function insertSupporter(tx: Tx, values: typeof supporters.$inferInsert): Promise<string> {
  const [row] = await tx.insert(supporters).values(values).returning({ id: supporters.id });
  return row.id;
}

const listed = {
  id: supporters.id,
  name: supporters.name,
  relationship: supporters.relationship,
  access: supporters.access,
  createdAt: supporters.createdAt,
  expiresAt: supporters.expiresAt,
  usedAt: supporters.usedAt,
  removedAt: supporters.removedAt,
  linkRevokedAt: supporters.linkRevokedAt,
};

/** Everyone the young person has named, newest first; removed ones only when asked (their worker sees them). */
export function supportersOf(tx: Tx, youngPersonId: string, withRemoved: boolean) {
  return tx
    .select(listed)
    .from(supporters)
    .where(and(eq(supporters.youngPersonId, youngPersonId), withRemoved ? undefined : isNull(supporters.removedAt)))
    .orderBy(desc(supporters.createdAt));
}

/**
 * Removes one of the young person's supporters; null when it is not theirs or already removed. A link and code
 * they never used is cancelled in the same UPDATE (migration 034): `linkRevoked` says so. The row's lock is held
 * until the transaction ends: a save by that supporter either finished before (and is kept) or waits and then
 * finds them removed (supporterLive); a use of the link either committed before (the link is used, not
 * cancelled, and the removal ends the new sign-in) or waits and then finds the link cancelled.
 */
export async function removeSupporter(tx: Tx, youngPersonId: string, id: string, now: Date) {
  const [row] = await tx
    .update(supporters)
    .set({ removedAt: now, linkRevokedAt: sql`CASE WHEN ${supporters.usedAt} IS NULL THEN ${now}::timestamptz END` })
    .where(and(eq(supporters.id, id), eq(supporters.youngPersonId, youngPersonId), isNull(supporters.removedAt)))
    .returning({ id: supporters.id, linkRevoked: sql<boolean>`${supporters.linkRevokedAt} IS NOT NULL` });
  return row ?? null;
}

/**
 * Whether a supporter still has access, checked inside the transaction that reads or writes for them. A write
 * holds a share lock on their row to the end, so their removal cannot commit in the middle of it.
 */
export async function supporterLive(tx: Tx, id: string, youngPersonId: string, forWrite: boolean): Promise<boolean> {
  const query = tx
    .select({ id: supporters.id })
    .from(supporters)
    .where(
      and(
        eq(supporters.id, id),
        eq(supporters.youngPersonId, youngPersonId),
        isNull(supporters.removedAt),
        sql`${supporters.usedAt} IS NOT NULL`,
      ),
    );
  const rows = forWrite ? await query.for('share') : await query;
  return rows.length === 1;
}

const credentialMatch = (by: { linkTokenHash: string } | { codeHash: string }) =>
  'linkTokenHash' in by ? eq(supporters.linkTokenHash, by.linkTokenHash) : eq(supporters.codeHash, by.codeHash);
/** Never used, the supporter not removed, the link not cancelled. */
const unusedLink = and(isNull(supporters.usedAt), isNull(supporters.removedAt), isNull(supporters.linkRevokedAt));

/** An invitation to be a supporter that can still be used, found by its link or code (before a council is known). */
export async function liveSupporterInvitation(tx: Tx, by: { linkTokenHash: string } | { codeHash: string }, now: Date) {
  const match = credentialMatch(by);
  const [row] = await tx
    .select({
      id: supporters.id,
      councilId: supporters.councilId,
      youngPersonId: supporters.youngPersonId,
      name: supporters.name,
      youngPersonName: sql<string>`coalesce(${youngPeople.preferredName}, ${youngPeople.givenName})`,
      councilName: councils.name,
    })
    .from(supporters)
    .innerJoin(youngPeople, eq(youngPeople.id, supporters.youngPersonId))
    .innerJoin(councils, eq(councils.id, supporters.councilId))
    .where(and(match, unusedLink, gt(supporters.expiresAt, now)));
  return row ?? null;
}

/**
 * A link or code the young person cancelled by removing that supporter before they used it: whose it was, so
 * the page can say plainly that it was cancelled (and the refused use is audited in that council).
 */
export async function revokedSupporterInvitation(tx: Tx, by: { linkTokenHash: string } | { codeHash: string }) {
  const [row] = await tx
    .select({ id: supporters.id, councilId: supporters.councilId, youngPersonId: supporters.youngPersonId })
    .from(supporters)
    .where(and(credentialMatch(by), sql`${supporters.linkRevokedAt} IS NOT NULL`));
  return row ?? null;
}

/**
 * Uses the invitation once: sets the supporter's username and password in a single UPDATE that succeeds only
 * while it is unused, not removed, not cancelled and in date (of many simultaneous uses, one gets the row).
 */
export async function claimSupporterInvitation(
  tx: Tx,
  id: string,
  account: { username: string; passwordHash: string },
  now: Date,
): Promise<boolean> {
  const claimed = await tx
    .update(supporters)
    .set({ usedAt: now, ...account })
    .where(and(eq(supporters.id, id), unusedLink, gt(supporters.expiresAt, now)))
    .returning({ id: supporters.id });
  return claimed.length === 1;
}

/** What the young person's supporters did on their record: rows of migration 032's partial index. */
const supportersDid = (youngPersonId: string) =>
  and(
    eq(auditEvents.youngPersonId, youngPersonId),
    eq(auditEvents.actorKind, 'supporter'),
    eq(auditEvents.outcome, 'allowed'),
  );

/**
 * The parts of a review a supporter helped write: every save of theirs is in the audit trail, with them as
 * the actor (issue 12 §6: what they write is marked as written with their help). One row a part and supporter.
 */
export function helpedParts(tx: Tx, youngPersonId: string, reviewId: string) {
  return tx
    .select({
      section: sql<string>`${auditEvents.details} ->> 'section'`,
      name: supporters.name,
      // The UK day of their last save, as the page prints it.
      on: sql<string>`to_char(max(${auditEvents.occurredAt}) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`,
    })
    .from(auditEvents)
    .innerJoin(supporters, eq(supporters.id, auditEvents.actorId))
    .where(
      and(
        supportersDid(youngPersonId),
        eq(auditEvents.action, 'review.save'),
        eq(auditEvents.entityType, 'review'),
        eq(auditEvents.entityId, reviewId),
      ),
    )
    .groupBy(sql`1`, supporters.name)
    .orderBy(sql`1`);
}

/** A young person's supporters' looks at their plan, newest first (migration 032's partial index holds these rows). */
export function supporterLooksAt(tx: Tx, youngPersonId: string, limit: number) {
  return tx
    .select({
      id: auditEvents.id,
      actorId: supporters.id,
      name: supporters.name,
      on: sql<string>`to_char(${auditEvents.occurredAt} AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`,
    })
    .from(auditEvents)
    .innerJoin(supporters, eq(supporters.id, auditEvents.actorId))
    .where(supportersDid(youngPersonId))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit);
}
