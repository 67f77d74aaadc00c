// Reads and writes behind the statutory clock. Status itself is never stored: it is derived.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { councilPolicies, reviewTriggers, staff, statutoryRecords } from '../schema.ts';

export type StatutoryFacts = {
  id: string;
  dateOfBirth: string;
  homeWithParentSince: string | null;
  detainedOrInHospitalOn16thBirthday: boolean;
  supportAfter21RequestedOn: string | null;
  supportAfter21DeclinedOn: string | null;
  educationProgrammeEndsOn: string | null;
  councilAccommodationSince: string | null;
  episodes: { start: string; end: string | null; legalStatus: string }[];
  lastReviewOn: string | null;
  needsAssessmentOn: string | null;
  firstPlanOn: string | null;
  lastAccommodationReviewOn: string | null;
  lastAdviserVisitOn: string | null;
  triggers: { on: string; kind: string; afterReviewThatDay: boolean }[];
};

type FactsRow = {
  id: string;
  date_of_birth: string;
  home_with_parent_since: string | null;
  detained: boolean;
  requested: string | null;
  declined: string | null;
  education_ends: string | null;
  accommodation_since: string | null;
  /** JSON text, parsed only when the facts are needed (see `FactsRead`). */
  episodes: string;
  work: string | null;
  triggers: string;
  /** The council's policy in force, on the first row only (see `statutoryFacts`). */
  policy: { version: number; policy: unknown } | null;
};

/**
 * One young person's facts as read: `key` is the row's text, the same whenever the facts are, so a
 * caller can tell an unchanged record without parsing it; `read()` parses it.
 */
export type FactsRead = { key: string; read(): StatutoryFacts };

/**
 * Everything the rules need for each of these young people, in one query (a round trip per list, not per
 * table), with the council's policy in force. With `upTo`, the work and review triggers as they stood on
 * that day: those completed or raised after it are left out (the performance surgery on a past date).
 */
export async function statutoryFactsRead(
  tx: Tx,
  ids: string[],
  upTo?: string,
): Promise<{ facts: Map<string, FactsRead>; policy: PolicyRow | null }> {
  const out = new Map<string, FactsRead>();
  if (ids.length === 0) return { facts: out, policy: null };
  const result = (await tx.execute(sql`
    SELECT y.id, y.date_of_birth::text AS date_of_birth, y.home_with_parent_since::text AS home_with_parent_since,
      y.detained_or_in_hospital_on_16th_birthday AS detained, y.support_after_21_requested_on::text AS requested,
      y.support_after_21_declined_on::text AS declined, y.education_programme_ends_on::text AS education_ends,
      y.council_accommodation_since::text AS accommodation_since,
      coalesce((SELECT json_agg(json_build_object('start', e.start_date, 'end', e.end_date, 'legalStatus', e.legal_status) ORDER BY e.start_date)
        FROM care_episodes e WHERE e.young_person_id = y.id), '[]'::json)::text AS episodes,
      (SELECT json_object_agg(k.kind, json_build_array(k.first, k.last))
        FROM (SELECT r.kind, min(r.completed_on) AS first, max(r.completed_on) AS last FROM statutory_records r
              WHERE r.young_person_id = y.id ${upTo ? sql`AND r.completed_on <= ${upTo}::date` : sql``} GROUP BY r.kind) k)::text AS work,
      coalesce((SELECT json_agg(json_build_object('on', t.raised_on, 'kind', t.kind,
          -- Raised after a plan or review recorded that same day: that review did not answer it.
          'afterReviewThatDay', t.recorded_at > coalesce((SELECT max(r.recorded_at) FROM statutory_records r
            WHERE r.young_person_id = y.id AND r.kind IN ('pathway_plan', 'review') AND r.completed_on = t.raised_on),
            '-infinity'::timestamptz)))
        FROM review_triggers t WHERE t.young_person_id = y.id ${upTo ? sql`AND t.raised_on <= ${upTo}::date` : sql``}), '[]'::json)::text AS triggers,
      -- The policy the facts are read under, in the same round trip: once, not on every row.
      CASE WHEN row_number() OVER () = 1 THEN (SELECT json_build_object('version', p.version, 'policy', p.policy)
        FROM council_policies p ORDER BY p.version DESC LIMIT 1) END AS policy
    FROM young_people y
    WHERE y.id = ANY(${`{${ids.join(',')}}`}::uuid[])`)) as unknown as { rows: FactsRow[] };
  for (const r of result.rows) {
    // Every column but the policy (which is on one row only): a column added above is in the key too.
    const { policy: _policy, ...facts } = r;
    const key = Object.values(facts).join('|');
    out.set(r.id, { key, read: () => factsOf(r) });
  }
  return { facts: out, policy: result.rows.find((r) => r.policy)?.policy ?? null };
}

/** The facts for each of these young people, parsed (see `statutoryFactsRead`). */
export async function statutoryFacts(
  tx: Tx,
  ids: string[],
  upTo?: string,
): Promise<{ facts: Map<string, StatutoryFacts>; policy: PolicyRow | null }> {
  const { facts, policy } = await statutoryFactsRead(tx, ids, upTo);
  return { facts: new Map([...facts].map(([id, f]) => [id, f.read()])), policy };
}

function factsOf(r: FactsRow): StatutoryFacts {
  const work = (r.work ? JSON.parse(r.work) : {}) as Record<string, [string, string]>;
  const [planFirst, planLast] = work.pathway_plan ?? [null, null];
  const reviewLast = work.review?.[1] ?? null;
  return {
    id: r.id,
    dateOfBirth: r.date_of_birth,
    homeWithParentSince: r.home_with_parent_since,
    detainedOrInHospitalOn16thBirthday: r.detained,
    supportAfter21RequestedOn: r.requested,
    supportAfter21DeclinedOn: r.declined,
    educationProgrammeEndsOn: r.education_ends,
    councilAccommodationSince: r.accommodation_since,
    episodes: JSON.parse(r.episodes),
    // A plan counts as a review of the clock: the last of the two restarts the 6 months.
    lastReviewOn:
      [planLast, reviewLast]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null,
    needsAssessmentOn: work.needs_assessment?.[0] ?? null,
    firstPlanOn: planFirst,
    lastAccommodationReviewOn: work.accommodation_review?.[1] ?? null,
    lastAdviserVisitOn: work.adviser_visit?.[1] ?? null,
    triggers: JSON.parse(r.triggers),
  };
}

export type PolicyRow = { version: number; policy: unknown };

export async function currentPolicy(tx: Tx): Promise<PolicyRow | null> {
  const [row] = await tx.select().from(councilPolicies).orderBy(desc(councilPolicies.version)).limit(1);
  return row ?? null;
}

export async function policyHistory(tx: Tx) {
  return tx
    .select({
      version: councilPolicies.version,
      policy: councilPolicies.policy,
      reason: councilPolicies.reason,
      changedAt: councilPolicies.changedAt,
      changedBy: staff.displayName,
    })
    .from(councilPolicies)
    .leftJoin(staff, eq(staff.id, councilPolicies.changedBy))
    .orderBy(desc(councilPolicies.version));
}

/** Completed work and review triggers for one young person's timeline, oldest first. */
export async function statutoryEvents(tx: Tx, youngPersonId: string) {
  const [records, triggers] = [
    await tx
      .select({
        id: statutoryRecords.id,
        kind: statutoryRecords.kind,
        completedOn: statutoryRecords.completedOn,
        notes: statutoryRecords.notes,
        by: staff.displayName,
      })
      .from(statutoryRecords)
      .leftJoin(staff, eq(staff.id, statutoryRecords.recordedBy))
      .where(eq(statutoryRecords.youngPersonId, youngPersonId))
      .orderBy(asc(statutoryRecords.completedOn)),
    await tx
      .select({
        id: reviewTriggers.id,
        kind: reviewTriggers.kind,
        occurredOn: reviewTriggers.occurredOn,
        raisedOn: reviewTriggers.raisedOn,
        description: reviewTriggers.description,
        raisedByKind: reviewTriggers.raisedByKind,
      })
      .from(reviewTriggers)
      .where(and(eq(reviewTriggers.youngPersonId, youngPersonId)))
      .orderBy(asc(reviewTriggers.raisedOn)),
  ];
  return { records, triggers };
}
