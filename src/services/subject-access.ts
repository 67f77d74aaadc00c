// Subject access (issue 11 §6): a service manager exports everything held about one young person. One
// transaction reads it all and writes the audit row with the number of files; a refusal is audited too.
// The plan PDFs are drawn and the ZIP packed by the HTTP layer (http/subject-access-zip.ts) from what this returns.
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { authorize, canExportRecord } from '../domain/permissions.ts';
import type { PlanVersion } from '../domain/plan/index.ts';
import { subjectAccessFiles } from '../domain/subject-access.ts';
import { auditTrailFor, insertAudit } from '../data/repositories/audit.ts';
import * as people from '../data/repositories/people.ts';
import * as held from '../data/repositories/subject-access.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { RecordsService } from './records.ts';

/** More audit rows than one record gathers in 75 years of keeping (CPPCR 2010 reg 50). */
const WHOLE_TRAIL = 10_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id-shaped string in these rows: the staff among them are named in the export. */
function idsIn(values: readonly unknown[]): Set<string> {
  const ids = new Set<string>();
  for (const v of values) if (typeof v === 'string' && UUID.test(v)) ids.add(v);
  return ids;
}

/** Everything held about one young person, as one transaction sees it, with the list of the ZIP's files. */
async function readAll(tx: Tx, youngPersonId: string, today: string, madeBy: string) {
  const person = (await people.youngPersonHeader(tx, youngPersonId))!;
  const record = await held.youngPersonRow(tx, youngPersonId);
  const tables = await held.heldRows(tx, youngPersonId);
  const messages = await held.messagesOf(tx, youngPersonId);
  const trail = await auditTrailFor(tx, youngPersonId, WHOLE_TRAIL, 0);
  const versions = await held.allPlanVersions(tx, youngPersonId);
  const values = [
    ...record.map(([, v]) => v),
    ...[...Object.values(tables), messages].flatMap((t) => t.rows.flatMap((r) => Object.values(r))),
    ...trail.rows.map((r) => r.actorId),
    ...versions.map((v) => v.approvedBy),
  ];
  const staff = await held.staffNamed(tx, [...idsIn(values)]);
  const names = Object.fromEntries(staff.map((s) => [s.id, s.name]));
  const plans = versions.map((v) => ({ version: v.version, plan: v.review as PlanVersion, names }));
  const files = subjectAccessFiles(plans.map((p) => p.version));
  return {
    person,
    record,
    tables,
    messages,
    trail: trail.rows,
    auditRows: trail.total,
    staff,
    plans,
    files,
    today,
    madeBy,
  };
}
export type SubjectAccessData = Awaited<ReturnType<typeof readAll>>;

export function subjectAccessService(db: Database, clock: Clock, records: RecordsService) {
  /** A look for a young person this council does not hold: refused as not found, and on record. */
  async function notHeld(tx: Tx, ctx: RequestContext, youngPersonId: string, action: string) {
    const entity = { entityType: 'young_person', entityId: youngPersonId };
    await insertAudit(tx, {
      ...auditActor(ctx),
      action,
      outcome: 'denied',
      ...entity,
      details: { reason: 'not found' },
    });
    return { found: false as const };
  }

  return {
    /** Who the confirm page is about; looking at it is audited as a read of the record. */
    async confirm(ctx: RequestContext, youngPersonId: string) {
      authorize(ctx.principal, 'record.export');
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const action = 'subject-access.confirm';
        if (!(await people.recordFacts(tx, youngPersonId, ukDate(clock.now()))))
          return notHeld(tx, ctx, youngPersonId, action);
        const open = await records.openRecord(tx, ctx, youngPersonId, action, {
          rule: canExportRecord,
        });
        if (open.denied) return { found: true as const, denied: true as const };
        return {
          found: true as const,
          denied: false as const,
          person: (await people.youngPersonHeader(tx, youngPersonId))!,
        };
      });
      if (!result.found) throw errors.notFound();
      if (result.denied) throw errors.forbiddenAudited('You do not have permission to export this record');
      return result.person;
    },

    /**
     * Everything held about the young person, read in one transaction and handed to `pack` (which draws
     * the plan PDFs and makes the ZIP) inside it; then the audit row (action `subject-access.export`,
     * counting the files and plan versions) and the commit. What is read, what is packed and what the
     * audit row says are one consistent view; if packing fails, nothing is recorded as exported.
     */
    async gather<T>(
      ctx: RequestContext,
      youngPersonId: string,
      pack: (data: SubjectAccessData) => Promise<T>,
    ): Promise<T> {
      authorize(ctx.principal, 'record.export');
      const today = ukDate(clock.now());
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        // Another council's young person (row-level security hides them) or none at all: nothing to say.
        const action = 'subject-access.export';
        if (!(await people.recordFacts(tx, youngPersonId, today))) return notHeld(tx, ctx, youngPersonId, action);
        const open = await records.openRecord(tx, ctx, youngPersonId, action, {
          rule: canExportRecord,
          auditAllowed: false,
        });
        if (open.denied) return { found: true as const, denied: true as const };
        const data = await readAll(tx, youngPersonId, today, ctx.principal.name);
        // Drawn and packed before the audit row is written and the transaction commits: the row counts
        // what the ZIP holds, and a ZIP that could not be made leaves no row saying it was exported.
        const packed = await pack(data);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action,
          youngPersonId,
          entityType: 'young_person',
          entityId: youngPersonId,
          details: { files: data.files.length, planVersions: data.plans.length, auditRows: data.auditRows },
        });
        return { found: true as const, denied: false as const, value: packed };
      });
      if (!result.found) throw errors.notFound();
      if (result.denied) throw errors.forbiddenAudited('You do not have permission to export this record');
      return result.value;
    },
  };
}
export type SubjectAccessService = ReturnType<typeof subjectAccessService>;
