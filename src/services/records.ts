// Reads of young people's records. Each opens one transaction, checks permission and
// writes its audit row inside that same transaction.
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { authorize, canAccessRecord, can, type Principal } from '../domain/permissions.ts';
import { auditTrailFor, insertAudit } from '../data/repositories/audit.ts';
import * as people from '../data/repositories/people.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';

type Denied = { denied: true };

export function recordsService(db: Database, clock: Clock) {
  /**
   * Opens a young person's record for the principal, or records the refused attempt.
   * Runs inside the caller's transaction; returns Denied rather than throwing so the
   * refusal's audit row commits.
   */
  async function openRecord(tx: Tx, ctx: RequestContext, youngPersonId: string, action: string): Promise<Denied | { denied: false }> {
    const facts = await people.recordFacts(tx, youngPersonId, ukDate(clock.now()));
    if (!facts || !canAccessRecord(ctx.principal, facts)) {
      await insertAudit(tx, { ...auditActor(ctx), action, outcome: 'denied', youngPersonId: facts ? youngPersonId : null, entityType: 'young_person', entityId: youngPersonId });
      return { denied: true };
    }
    await insertAudit(tx, { ...auditActor(ctx), action, youngPersonId, entityType: 'young_person', entityId: youngPersonId });
    return { denied: false };
  }

  async function audited<T>(ctx: RequestContext, youngPersonId: string, action: string, read: (tx: Tx) => Promise<T>): Promise<T> {
    const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
      const opened = await openRecord(tx, ctx, youngPersonId, action);
      if (opened.denied) return opened;
      return { denied: false as const, value: await read(tx) };
    });
    if (result.denied) throw errors.forbidden('You do not have permission to see this record');
    return result.value;
  }

  return {
    openRecord,
    audited,

    /** The record summary: details, care history, allocations. One audit row per view. */
    recordSummary(ctx: RequestContext, youngPersonId: string) {
      return audited(ctx, youngPersonId, 'record.view', async (tx) => {
        const details = await people.youngPersonDetails(tx, youngPersonId);
        if (!details) throw errors.notFound();
        return details;
      });
    },

    /** The audit trail of a record, for managers. Looking at it is itself audited. */
    async auditTrail(ctx: RequestContext, youngPersonId: string, page: number) {
      authorize(ctx.principal, 'audit.view');
      const size = 50;
      return audited(ctx, youngPersonId, 'audit.view', async (tx) => {
        const details = await people.youngPersonDetails(tx, youngPersonId);
        const trail = await auditTrailFor(tx, youngPersonId, size, (page - 1) * size);
        return { person: details!.yp, ...trail, page, pages: Math.max(1, Math.ceil(trail.total / size)) };
      });
    },

    /** A list of young people within the principal's reach; the listing is audited once. */
    async list(ctx: RequestContext, kind: 'caseload' | 'team' | 'search' | 'looked-after', filter: people.ListFilter) {
      const p = ctx.principal;
      const capability = kind === 'caseload' ? 'caseload.view' : kind === 'team' ? 'team.view' : 'record.search';
      authorize(p, capability);
      if (kind === 'team' && filter.teamId && !can(p, 'council.view') && (p.kind !== 'staff' || p.teamId !== filter.teamId)) {
        throw errors.forbidden('You can only see your own team');
      }
      return db.withCouncil(p.councilId, async (tx) => {
        const result = await people.listYoungPeople(tx, p, ukDate(clock.now()), filter);
        await insertAudit(tx, { ...auditActor(ctx), action: `list.${kind}`, entityType: 'young_person_list', details: { count: result.rows.length, total: result.total, teamId: filter.teamId ?? null, search: filter.search ? true : false } });
        return result;
      });
    },

    async teams(principal: Principal) {
      return db.withCouncil(principal.councilId, (tx) => people.listTeams(tx));
    },
  };
}
export type RecordsService = ReturnType<typeof recordsService>;
