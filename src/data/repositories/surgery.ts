// What the performance surgery reads for one team on a day (src/domain/oversight/surgery.ts): its open
// cases with their workers that day, the reviews under way now, approvals since a day, quality actions
// open that day, and the workers. One query each, whatever the size of the team; row-level security keeps it to the council.
import { type AnyColumn, and, asc, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { planVersions, qualityActions, qualityJudgements, reviews, staff } from '../schema.ts';
import type { OpenPlan } from '../../domain/oversight/index.ts';

/**
 * The team's cases open on `on`, each with the workers allocated that day (a personal adviser and a
 * social worker may both be): a case is the team's when one of its workers that day is in the team.
 * A case with no allocation on record (none written yet) is its team's, with its current workers,
 * from the day it was created. Two single-table reads, joined here by id.
 */
export async function teamCasesOn(
  tx: Tx,
  teamId: string,
  on: string,
): Promise<{ id: string; restricted: boolean; workerIds: string[] }[]> {
  const held = (await tx.execute(sql`
    SELECT a.young_person_id AS id, a.staff_id, s.team_id
    FROM allocations a JOIN staff s ON s.id = a.staff_id
    WHERE a.start_date <= ${on}::date AND (a.end_date IS NULL OR a.end_date > ${on}::date)
    ORDER BY a.allocation_role, a.start_date`)) as unknown as {
    rows: { id: string; staff_id: string; team_id: string | null }[];
  };
  const open = (await tx.execute(sql`
    SELECT y.id, y.restricted, y.team_id, y.personal_adviser_id, y.social_worker_id,
      (y.created_at AT TIME ZONE 'Europe/London')::date <= ${on}::date AS created_by_then,
      EXISTS (SELECT 1 FROM allocations a WHERE a.young_person_id = y.id) AS allocated_ever
    FROM young_people y
    WHERE (y.closed_on IS NULL AND y.case_status = 'open') OR y.closed_on > ${on}::date
    ORDER BY y.id`)) as unknown as {
    rows: {
      id: string;
      restricted: boolean;
      team_id: string;
      personal_adviser_id: string | null;
      social_worker_id: string | null;
      created_by_then: boolean;
      allocated_ever: boolean;
    }[];
  };
  const workersOn = new Map<string, { staffId: string; teamId: string | null }[]>();
  for (const h of held.rows)
    workersOn.set(h.id, [...(workersOn.get(h.id) ?? []), { staffId: h.staff_id, teamId: h.team_id }]);
  return open.rows.flatMap((y) => {
    if (!y.allocated_ever)
      return y.team_id === teamId && y.created_by_then
        ? [
            {
              id: y.id,
              restricted: y.restricted,
              workerIds: [y.personal_adviser_id, y.social_worker_id].filter((s): s is string => s !== null),
            },
          ]
        : [];
    const workers = workersOn.get(y.id) ?? [];
    return workers.some((w) => w.teamId === teamId)
      ? [{ id: y.id, restricted: y.restricted, workerIds: [...new Set(workers.map((w) => w.staffId))] }]
      : [];
  });
}

/** The review under way for each young person: only the parts the surgery's rules read. */
export async function openPlans(tx: Tx, ids: readonly string[]): Promise<Map<string, OpenPlan>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({
      youngPersonId: reviews.youngPersonId,
      state: reviews.state,
      workerSignature: sql<OpenPlan['workerSignature']>`${reviews.review}->'workerSignature'`,
      returns: sql<OpenPlan['returns'] | null>`${reviews.review}->'returns'`,
    })
    .from(reviews)
    .where(and(inArray(reviews.youngPersonId, [...ids]), ne(reviews.state, 'approved')));
  return new Map(
    rows.map((r) => [
      r.youngPersonId,
      { state: r.state as OpenPlan['state'], workerSignature: r.workerSignature ?? null, returns: r.returns ?? [] },
    ]),
  );
}

/** Days plan versions were approved on or after `since`, by young person. */
export async function approvalsSince(tx: Tx, ids: readonly string[], since: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await tx
    .select({ youngPersonId: planVersions.youngPersonId, approvedOn: sql<string>`${planVersions.approvedOn}::text` })
    .from(planVersions)
    .where(and(inArray(planVersions.youngPersonId, [...ids]), gte(planVersions.approvedOn, since)));
  for (const r of rows) out.set(r.youngPersonId, [...(out.get(r.youngPersonId) ?? []), r.approvedOn]);
  return out;
}

/**
 * Quality actions about these young people not yet done; with `asItStoodOn`, those set on or before
 * that day and not done by the end of it.
 */
export async function openQualityActions(tx: Tx, ids: readonly string[], asItStoodOn?: string) {
  if (ids.length === 0) return [];
  const londonDay = (column: AnyColumn) => sql`(${column} AT TIME ZONE 'Europe/London')::date`;
  return tx
    .select({ youngPersonId: qualityActions.youngPersonId, workerId: qualityActions.workerId })
    .from(qualityActions)
    .innerJoin(qualityJudgements, eq(qualityJudgements.id, qualityActions.judgementId))
    .where(
      and(
        inArray(qualityActions.youngPersonId, [...ids]),
        asItStoodOn
          ? and(
              sql`${londonDay(qualityJudgements.judgedAt)} <= ${asItStoodOn}::date`,
              or(isNull(qualityActions.doneAt), sql`${londonDay(qualityActions.doneAt)} > ${asItStoodOn}::date`),
            )
          : isNull(qualityActions.doneAt),
      ),
    );
}

/** The team's active personal advisers and social workers, and anyone else holding its cases. */
export async function teamWorkers(tx: Tx, teamId: string, holders: readonly string[]) {
  const ofTeam = and(
    eq(staff.teamId, teamId),
    eq(staff.active, true),
    inArray(staff.role, ['personal_adviser', 'social_worker']),
  );
  return tx
    .select({ id: staff.id, name: staff.displayName, role: staff.role })
    .from(staff)
    .where(holders.length ? or(ofTeam, inArray(staff.id, [...holders])) : ofTeam)
    .orderBy(asc(staff.displayName), asc(staff.id));
}
