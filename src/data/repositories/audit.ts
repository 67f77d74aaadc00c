import { and, desc, eq, sql } from 'drizzle-orm';
import { atCommit, type Tx } from '../db.ts';
import { apiTokens, auditEvents, staff, youngPeople } from '../schema.ts';

export type AuditEntry = {
  councilId: string;
  actorKind: 'staff' | 'young_person' | 'system' | 'api_token' | 'supporter';
  actorId: string | null;
  action: string;
  outcome?: 'allowed' | 'denied';
  youngPersonId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
};

/**
 * Records an audit row in the caller's transaction. It is written as the transaction commits (with
 * the COMMIT, in one round trip on PostgreSQL): it stands or falls with the rest of the transaction,
 * and nothing in a transaction reads the rows it audits itself.
 */
export async function insertAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await atCommit(
    tx,
    tx.insert(auditEvents).values({
      councilId: entry.councilId,
      actorKind: entry.actorKind,
      actorId: entry.actorId,
      action: entry.action,
      outcome: entry.outcome ?? 'allowed',
      youngPersonId: entry.youngPersonId ?? null,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      requestId: entry.requestId ?? null,
      details: entry.details ?? {},
    }),
  );
}

export type AuditRow = {
  id: number;
  occurredAt: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
};

/** The audit trail of one young person's record, newest first. */
export async function auditTrailFor(
  tx: Tx,
  youngPersonId: string,
  limit: number,
  offset: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  const rows = await tx
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      actorKind: auditEvents.actorKind,
      actorId: auditEvents.actorId,
      actorName: sql<
        string | null
      >`coalesce(${staff.displayName}, CASE WHEN ${auditEvents.actorKind} = 'young_person' THEN coalesce(${youngPeople.preferredName}, ${youngPeople.givenName}) END, 'Council system: ' || ${apiTokens.name})`,
      actorRole: staff.role,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      requestId: auditEvents.requestId,
    })
    .from(auditEvents)
    .leftJoin(staff, and(eq(auditEvents.actorKind, 'staff'), eq(staff.id, auditEvents.actorId)))
    .leftJoin(youngPeople, and(eq(auditEvents.actorKind, 'young_person'), eq(youngPeople.id, auditEvents.actorId)))
    // A council system's calls name its token (issue 11 §5).
    .leftJoin(apiTokens, and(eq(auditEvents.actorKind, 'api_token'), eq(apiTokens.id, auditEvents.actorId)))
    .where(eq(auditEvents.youngPersonId, youngPersonId))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit)
    .offset(offset);
  const [{ total }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(eq(auditEvents.youngPersonId, youngPersonId));
  return { rows, total };
}
