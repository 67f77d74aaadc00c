// One-time links for staff to set their own password. Looking a link up happens before anyone is
// signed in (the system context); issuing and using one happen inside the council's transaction.
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Tx } from '../db.ts';
import { auditEvents, councils, passwordLinks, staff } from '../schema.ts';

/**
 * Makes a new link for a member of staff and cancels their earlier unused ones. The person's row is
 * locked first, so two links made at the same moment cannot both stay open.
 */
export async function issuePasswordLink(
  tx: Tx,
  link: Omit<typeof passwordLinks.$inferInsert, 'id'> & { createdAt: Date },
): Promise<string> {
  await tx.execute(sql`SELECT 1 FROM staff WHERE id = ${link.staffId} FOR NO KEY UPDATE`);
  await tx
    .update(passwordLinks)
    .set({ revokedAt: link.createdAt })
    .where(and(eq(passwordLinks.staffId, link.staffId), isNull(passwordLinks.usedAt), isNull(passwordLinks.revokedAt)));
  const [row] = await tx.insert(passwordLinks).values(link).returning({ id: passwordLinks.id });
  return row.id;
}

export async function revokePasswordLinks(tx: Tx, staffId: string, now: Date): Promise<void> {
  await tx
    .update(passwordLinks)
    .set({ revokedAt: now })
    .where(and(eq(passwordLinks.staffId, staffId), isNull(passwordLinks.usedAt), isNull(passwordLinks.revokedAt)));
}

/** A link that can still be used, with who it is for (an active member of staff) and their council's name. */
export async function livePasswordLink(tx: Tx, tokenHash: string, now: Date) {
  const [row] = await tx
    .select({
      id: passwordLinks.id,
      councilId: passwordLinks.councilId,
      staffId: passwordLinks.staffId,
      purpose: passwordLinks.purpose,
      displayName: staff.displayName,
      email: staff.email,
      councilName: councils.name,
    })
    .from(passwordLinks)
    .innerJoin(staff, eq(staff.id, passwordLinks.staffId))
    .innerJoin(councils, eq(councils.id, passwordLinks.councilId))
    .where(
      and(
        eq(passwordLinks.tokenHash, tokenHash),
        isNull(passwordLinks.usedAt),
        isNull(passwordLinks.revokedAt),
        gt(passwordLinks.expiresAt, now),
        eq(staff.active, true),
      ),
    );
  return row ?? null;
}

const person = alias(staff, 'person');
const grantor = alias(staff, 'grantor');

/** Every grant of a role since a date (new accounts, changed roles, accounts turned back on), newest first. */
export async function roleGrantsSince(tx: Tx, since: Date) {
  return tx
    .select({
      at: auditEvents.occurredAt,
      details: auditEvents.details,
      staffId: person.id,
      name: person.displayName,
      email: person.email,
      passwordSet: sql<boolean>`${person.passwordHash} IS NOT NULL`,
      grantedBy: grantor.displayName,
    })
    .from(auditEvents)
    .innerJoin(person, sql`${person.id}::text = ${auditEvents.entityId}`)
    .leftJoin(grantor, eq(grantor.id, auditEvents.actorId))
    .where(
      and(
        inArray(auditEvents.action, ['staff.create', 'staff.update']),
        gt(auditEvents.occurredAt, since),
        sql`${auditEvents.details} -> 'grant' IS NOT NULL`,
      ),
    )
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id));
}

/** Set-password links made since a date, with who they were for and who made them, newest first. */
export async function passwordLinksSince(tx: Tx, since: Date) {
  return tx
    .select({
      createdAt: passwordLinks.createdAt,
      purpose: passwordLinks.purpose,
      expiresAt: passwordLinks.expiresAt,
      usedAt: passwordLinks.usedAt,
      revokedAt: passwordLinks.revokedAt,
      name: person.displayName,
      staffId: person.id,
      createdBy: grantor.displayName,
    })
    .from(passwordLinks)
    .innerJoin(person, eq(person.id, passwordLinks.staffId))
    .leftJoin(grantor, eq(grantor.id, passwordLinks.createdBy))
    .where(gt(passwordLinks.createdAt, since))
    .orderBy(desc(passwordLinks.createdAt));
}
