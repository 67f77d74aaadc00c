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
  /** The personal adviser allocated now; undefined for facts as they stood on a past day (not known then). */
  personalAdviserId?: string | null;
};

/**
 * The facts the statutory rules need about one young person, read in the same statement as the young
 * person's row (`alias` names it in the query: "y", or "young_people" in a list query): a JSON array's
 * text, the same whenever the facts are, so it is the key of the views derived from it (see
 * services/statutory.ts). With `upTo`, the work and review triggers as they stood on that day: those
 * completed or raised after it are left out (the performance surgery on a past date).
 */
export function factsJson(alias: string, upTo?: string) {
  const y = sql.raw(alias);
  return sql<string>`json_build_array(${y}.date_of_birth, ${y}.home_with_parent_since,
      ${y}.detained_or_in_hospital_on_16th_birthday, ${y}.support_after_21_requested_on,
      ${y}.support_after_21_declined_on, ${y}.education_programme_ends_on, ${y}.council_accommodation_since,
      coalesce((SELECT json_agg(json_build_object('start', e.start_date, 'end', e.end_date, 'legalStatus', e.legal_status) ORDER BY e.start_date)
        FROM care_episodes e WHERE e.young_person_id = ${y}.id), '[]'::json),
      (SELECT json_object_agg(k.kind, json_build_array(k.first, k.last))
        FROM (SELECT r.kind, min(r.completed_on) AS first, max(r.completed_on) AS last FROM statutory_records r
              WHERE r.young_person_id = ${y}.id ${upTo ? sql`AND r.completed_on <= ${upTo}::date` : sql``} GROUP BY r.kind) k),
      coalesce((SELECT json_agg(json_build_object('on', t.raised_on, 'kind', t.kind,
          -- Raised after a plan or review recorded that same day: that review did not answer it.
          'afterReviewThatDay', t.recorded_at > coalesce((SELECT max(r.recorded_at) FROM statutory_records r
            WHERE r.young_person_id = ${y}.id AND r.kind IN ('pathway_plan', 'review') AND r.completed_on = t.raised_on),
            '-infinity'::timestamptz)))
        FROM review_triggers t WHERE t.young_person_id = ${y}.id ${upTo ? sql`AND t.raised_on <= ${upTo}::date` : sql``}), '[]'::json),
      -- The adviser allocated now; false on a past day, when who was allocated is not known here.
      ${upTo ? sql`false` : sql`${y}.personal_adviser_id`}
    )::text`;
}

/** The version of the council's policy in force (null: none set, the defaults apply), beside the facts. */
export const policyVersionInForce = sql<number | null>`(SELECT max(p.version) FROM council_policies p)`;

/** One young person's facts as read with `factsJson`, and the policy version they are read under. */
export type FactsRead = { id: string; councilId: string; facts: string; policyVersion: number | null };

/** Parses what `factsJson` read. */
export function factsFrom(id: string, json: string): StatutoryFacts {
  const [dob, home, detained, requested, declined, educationEnds, accommodation, episodes, work, triggers, adviser] =
    JSON.parse(json) as [
      string,
      string | null,
      boolean,
      string | null,
      string | null,
      string | null,
      string | null,
      StatutoryFacts['episodes'],
      Record<string, [string, string]> | null,
      StatutoryFacts['triggers'],
      string | null | false,
    ];
  const done = work ?? {};
  const [planFirst, planLast] = done.pathway_plan ?? [null, null];
  const reviewLast = done.review?.[1] ?? null;
  return {
    id,
    dateOfBirth: dob,
    homeWithParentSince: home,
    detainedOrInHospitalOn16thBirthday: detained,
    supportAfter21RequestedOn: requested,
    supportAfter21DeclinedOn: declined,
    educationProgrammeEndsOn: educationEnds,
    councilAccommodationSince: accommodation,
    episodes,
    // A plan counts as a review of the clock: the last of the two restarts the 6 months.
    lastReviewOn:
      [planLast, reviewLast]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null,
    needsAssessmentOn: done.needs_assessment?.[0] ?? null,
    firstPlanOn: planFirst,
    lastAccommodationReviewOn: done.accommodation_review?.[1] ?? null,
    lastAdviserVisitOn: done.adviser_visit?.[1] ?? null,
    triggers,
    ...(adviser === false ? {} : { personalAdviserId: adviser }),
  };
}

/** Everything the rules need for each of these young people, in one query (a round trip per list, not per table). */
export async function statutoryFactsRead(tx: Tx, ids: string[], upTo?: string): Promise<FactsRead[]> {
  if (ids.length === 0) return [];
  const result = (await tx.execute(sql`
    SELECT y.id, y.council_id AS "councilId", ${factsJson('y', upTo)} AS facts, ${policyVersionInForce} AS "policyVersion"
    FROM young_people y
    WHERE y.id = ANY(${`{${ids.join(',')}}`}::uuid[])`)) as unknown as { rows: FactsRead[] };
  return result.rows;
}

/** The facts for each of these young people, parsed (see `statutoryFactsRead`). */
export async function statutoryFacts(tx: Tx, ids: string[], upTo?: string): Promise<Map<string, StatutoryFacts>> {
  return new Map((await statutoryFactsRead(tx, ids, upTo)).map((r) => [r.id, factsFrom(r.id, r.facts)]));
}

export type PolicyRow = { version: number; policy: unknown };

export async function currentPolicy(tx: Tx): Promise<PolicyRow | null> {
  const [row] = await tx.select().from(councilPolicies).orderBy(desc(councilPolicies.version)).limit(1);
  return row ?? null;
}

/** One version of the council's policy (versions are never changed once written). */
export async function policyVersion(tx: Tx, version: number): Promise<PolicyRow | null> {
  const [row] = await tx.select().from(councilPolicies).where(eq(councilPolicies.version, version));
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

/** A young person's statutory records, oldest first, and what has been raised for a review, not yet run. */
export function statutoryEventReads(tx: Tx, youngPersonId: string) {
  return {
    records: tx
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
    triggers: tx
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
  };
}
