// Reads and writes behind the statutory clock. Status itself is never stored: it is derived.
import { and, asc, desc, eq, sql, type AnyColumn } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { careEpisodes, councilPolicies, reviewTriggers, staff, statutoryRecords, youngPeople } from '../schema.ts';

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
  triggers: { on: string; kind: string }[];
};

/** `column = ANY($1)`: one array parameter instead of one parameter per id. */
const anyOf = (column: AnyColumn, ids: string[]) => sql`${column} = ANY(${`{${ids.join(',')}}`}::uuid[])`;

/** Everything the rules need for each of these young people, in four queries. */
export async function statutoryFacts(tx: Tx, ids: string[]): Promise<Map<string, StatutoryFacts>> {
  const out = new Map<string, StatutoryFacts>();
  if (ids.length === 0) return out;
  const people = await tx
    .select({
      id: youngPeople.id,
      dateOfBirth: youngPeople.dateOfBirth,
      homeWithParentSince: youngPeople.homeWithParentSince,
      detainedOrInHospitalOn16thBirthday: youngPeople.detainedOrInHospitalOn16thBirthday,
      supportAfter21RequestedOn: youngPeople.supportAfter21RequestedOn,
      supportAfter21DeclinedOn: youngPeople.supportAfter21DeclinedOn,
      educationProgrammeEndsOn: youngPeople.educationProgrammeEndsOn,
      councilAccommodationSince: youngPeople.councilAccommodationSince,
    })
    .from(youngPeople)
    .where(anyOf(youngPeople.id, ids));
  for (const p of people) {
    out.set(p.id, { ...p, episodes: [], lastReviewOn: null, needsAssessmentOn: null, firstPlanOn: null, lastAccommodationReviewOn: null, lastAdviserVisitOn: null, triggers: [] });
  }
  const [episodes, work, triggers] = [
    await tx
      .select({ yp: careEpisodes.youngPersonId, start: careEpisodes.startDate, end: careEpisodes.endDate, legalStatus: careEpisodes.legalStatus })
      .from(careEpisodes)
      .where(anyOf(careEpisodes.youngPersonId, ids))
      .orderBy(asc(careEpisodes.startDate)),
    await tx
      .select({
        yp: statutoryRecords.youngPersonId,
        kind: statutoryRecords.kind,
        first: sql<string>`min(${statutoryRecords.completedOn})::text`,
        last: sql<string>`max(${statutoryRecords.completedOn})::text`,
      })
      .from(statutoryRecords)
      .where(anyOf(statutoryRecords.youngPersonId, ids))
      .groupBy(statutoryRecords.youngPersonId, statutoryRecords.kind),
    await tx
      .select({ yp: reviewTriggers.youngPersonId, on: reviewTriggers.raisedOn, kind: reviewTriggers.kind })
      .from(reviewTriggers)
      .where(anyOf(reviewTriggers.youngPersonId, ids)),
  ];
  for (const e of episodes) out.get(e.yp)?.episodes.push({ start: e.start, end: e.end, legalStatus: e.legalStatus });
  const later = (a: string | null, b: string) => (a === null || b > a ? b : a);
  for (const w of work) {
    const f = out.get(w.yp);
    if (!f) continue;
    if (w.kind === 'needs_assessment') f.needsAssessmentOn = w.first;
    if (w.kind === 'pathway_plan') {
      f.firstPlanOn = w.first;
      f.lastReviewOn = later(f.lastReviewOn, w.last);
    }
    if (w.kind === 'review') f.lastReviewOn = later(f.lastReviewOn, w.last);
    if (w.kind === 'accommodation_review') f.lastAccommodationReviewOn = w.last;
    if (w.kind === 'adviser_visit') f.lastAdviserVisitOn = w.last;
  }
  for (const t of triggers) out.get(t.yp)?.triggers.push({ on: t.on, kind: t.kind });
  return out;
}

export async function currentPolicy(tx: Tx) {
  const [row] = await tx.select().from(councilPolicies).orderBy(desc(councilPolicies.version)).limit(1);
  return row ?? null;
}

export async function policyHistory(tx: Tx) {
  return tx
    .select({ version: councilPolicies.version, policy: councilPolicies.policy, reason: councilPolicies.reason, changedAt: councilPolicies.changedAt, changedBy: staff.displayName })
    .from(councilPolicies)
    .leftJoin(staff, eq(staff.id, councilPolicies.changedBy))
    .orderBy(desc(councilPolicies.version));
}

/** Completed work and review triggers for one young person's timeline, oldest first. */
export async function statutoryEvents(tx: Tx, youngPersonId: string) {
  const [records, triggers] = [
    await tx
      .select({ id: statutoryRecords.id, kind: statutoryRecords.kind, completedOn: statutoryRecords.completedOn, notes: statutoryRecords.notes, by: staff.displayName })
      .from(statutoryRecords)
      .leftJoin(staff, eq(staff.id, statutoryRecords.recordedBy))
      .where(eq(statutoryRecords.youngPersonId, youngPersonId))
      .orderBy(asc(statutoryRecords.completedOn)),
    await tx
      .select({ id: reviewTriggers.id, kind: reviewTriggers.kind, occurredOn: reviewTriggers.occurredOn, raisedOn: reviewTriggers.raisedOn, description: reviewTriggers.description, raisedByKind: reviewTriggers.raisedByKind })
      .from(reviewTriggers)
      .where(and(eq(reviewTriggers.youngPersonId, youngPersonId)))
      .orderBy(asc(reviewTriggers.raisedOn)),
  ];
  return { records, triggers };
}
