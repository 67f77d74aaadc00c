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

type FactsRow = {
  id: string;
  date_of_birth: string;
  home_with_parent_since: string | null;
  detained: boolean;
  requested: string | null;
  declined: string | null;
  education_ends: string | null;
  accommodation_since: string | null;
  episodes: { start: string; end: string | null; legalStatus: string }[];
  work: Record<string, [string, string]> | null;
  triggers: { on: string; kind: string; afterReviewThatDay: boolean }[];
  personal_adviser_id: string | null;
};

/**
 * Everything the rules need for each of these young people, in one query (a round trip per list, not per
 * table). With `upTo`, the work and review triggers as they stood on that day: those completed or raised
 * after it are left out (the performance surgery on a past date).
 */
export async function statutoryFacts(tx: Tx, ids: string[], upTo?: string): Promise<Map<string, StatutoryFacts>> {
  const out = new Map<string, StatutoryFacts>();
  if (ids.length === 0) return out;
  const result = (await tx.execute(sql`
    SELECT y.id, y.date_of_birth::text AS date_of_birth, y.home_with_parent_since::text AS home_with_parent_since,
      y.detained_or_in_hospital_on_16th_birthday AS detained, y.support_after_21_requested_on::text AS requested,
      y.support_after_21_declined_on::text AS declined, y.education_programme_ends_on::text AS education_ends,
      y.council_accommodation_since::text AS accommodation_since, y.personal_adviser_id,
      coalesce((SELECT json_agg(json_build_object('start', e.start_date, 'end', e.end_date, 'legalStatus', e.legal_status) ORDER BY e.start_date)
        FROM care_episodes e WHERE e.young_person_id = y.id), '[]'::json) AS episodes,
      (SELECT json_object_agg(k.kind, json_build_array(k.first, k.last))
        FROM (SELECT r.kind, min(r.completed_on) AS first, max(r.completed_on) AS last FROM statutory_records r
              WHERE r.young_person_id = y.id ${upTo ? sql`AND r.completed_on <= ${upTo}::date` : sql``} GROUP BY r.kind) k) AS work,
      coalesce((SELECT json_agg(json_build_object('on', t.raised_on, 'kind', t.kind,
          -- Raised after a plan or review recorded that same day: that review did not answer it.
          'afterReviewThatDay', t.recorded_at > coalesce((SELECT max(r.recorded_at) FROM statutory_records r
            WHERE r.young_person_id = y.id AND r.kind IN ('pathway_plan', 'review') AND r.completed_on = t.raised_on),
            '-infinity'::timestamptz)))
        FROM review_triggers t WHERE t.young_person_id = y.id ${upTo ? sql`AND t.raised_on <= ${upTo}::date` : sql``}), '[]'::json) AS triggers
    FROM young_people y
    WHERE y.id = ANY(${`{${ids.join(',')}}`}::uuid[])`)) as unknown as { rows: FactsRow[] };
  for (const r of result.rows) {
    const work = r.work ?? {};
    const [planFirst, planLast] = work.pathway_plan ?? [null, null];
    const reviewLast = work.review?.[1] ?? null;
    out.set(r.id, {
      id: r.id,
      dateOfBirth: r.date_of_birth,
      homeWithParentSince: r.home_with_parent_since,
      detainedOrInHospitalOn16thBirthday: r.detained,
      supportAfter21RequestedOn: r.requested,
      supportAfter21DeclinedOn: r.declined,
      educationProgrammeEndsOn: r.education_ends,
      councilAccommodationSince: r.accommodation_since,
      episodes: r.episodes,
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
      triggers: r.triggers,
      ...(upTo ? {} : { personalAdviserId: r.personal_adviser_id }),
    });
  }
  return out;
}

export async function currentPolicy(tx: Tx) {
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
