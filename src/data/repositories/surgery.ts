// What the performance surgery reads for one team (src/domain/oversight/surgery.ts): its open cases
// with their workers, the reviews under way, approvals since a day, open quality actions, and the
// workers. One query each, whatever the size of the team; row-level security keeps it to the council.
import { and, asc, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { planVersions, qualityActions, reviews, staff, youngPeople } from '../schema.ts';
import type { OpenPlan } from '../../domain/oversight/index.ts';

export async function teamCases(tx: Tx, teamId: string) {
  return tx
    .select({
      id: youngPeople.id,
      restricted: youngPeople.restricted,
      personalAdviserId: youngPeople.personalAdviserId,
      socialWorkerId: youngPeople.socialWorkerId,
    })
    .from(youngPeople)
    .where(and(eq(youngPeople.teamId, teamId), eq(youngPeople.caseStatus, 'open')));
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

/** Quality actions not yet done about these young people. */
export async function openQualityActions(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ youngPersonId: qualityActions.youngPersonId, workerId: qualityActions.workerId })
    .from(qualityActions)
    .where(and(inArray(qualityActions.youngPersonId, [...ids]), isNull(qualityActions.doneAt)));
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
