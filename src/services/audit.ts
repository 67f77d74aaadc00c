// Refusals the HTTP layer meets before any service opened a record (a role without the capability,
// a young person on a staff page, a CSRF failure): each is written to the audit trail, so that
// every refusal is on record, not only refused record reads.
import type { Database } from '../data/db.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { auditActor, type RequestContext } from './context.ts';

export type Refusal = {
  /** What was attempted: the capability when known, else the kind of request. */
  action: string;
  method: string;
  /** The route pattern (`/young-people/:id/audit`), not the address with its query. */
  route: string;
  reason: string;
  youngPersonId?: string | null;
};

export function auditService(db: Database) {
  return {
    async refused(ctx: RequestContext, refusal: Refusal): Promise<void> {
      await db.withCouncil(ctx.principal.councilId, (tx) =>
        insertAudit(tx, {
          ...auditActor(ctx),
          action: refusal.action,
          outcome: 'denied',
          youngPersonId: refusal.youngPersonId ?? null,
          entityType: refusal.youngPersonId ? 'young_person' : 'route',
          entityId: refusal.youngPersonId ?? refusal.route,
          details: { method: refusal.method, route: refusal.route, reason: refusal.reason },
        }),
      );
    },
  };
}
export type AuditService = ReturnType<typeof auditService>;
