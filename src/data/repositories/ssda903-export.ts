// Reads behind exporting the SSDA903 return (issue 11 §4), for the council entered in the transaction:
// every young person's 903 details, their care episodes, the day a closure records that they died, and
// the day a significant change records that they became a parent (the header's MOTHER and MC_DOB).
// Contacts and activity and accommodation changes come from `outcomeRecords` (outcomes.ts).
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import {
  careEpisodes,
  caseClosures,
  lookedAfterReviews,
  missingEpisodes,
  reviewTriggers,
  youngPeople,
} from '../schema.ts';

export async function exportPeople(tx: Tx) {
  return tx
    .select({
      id: youngPeople.id,
      reference: youngPeople.reference,
      ssda903Id: youngPeople.ssda903Id,
      sex: youngPeople.sex,
      dateOfBirth: youngPeople.dateOfBirth,
      ethnicity: youngPeople.ethnicity,
      upn: youngPeople.upn,
      unaccompaniedAsylumSeeking: youngPeople.unaccompaniedAsylumSeeking,
      homeWithParentSince: youngPeople.homeWithParentSince,
      supportAfter21DeclinedOn: youngPeople.supportAfter21DeclinedOn,
    })
    .from(youngPeople);
}

export async function exportEpisodes(tx: Tx) {
  return tx.select().from(careEpisodes).orderBy(asc(careEpisodes.youngPersonId), asc(careEpisodes.startDate));
}

/** The latest closure for death of each young person who has one. */
export async function deaths(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx
    .select({ youngPersonId: caseClosures.youngPersonId, onDate: caseClosures.onDate })
    .from(caseClosures)
    .where(and(eq(caseClosures.kind, 'close'), eq(caseClosures.reason, 'died')))
    // Earliest first: the Map keeps the last, the latest closure (by its day, then when it was recorded).
    .orderBy(asc(caseClosures.onDate), asc(caseClosures.recordedAt));
  return new Map(rows.map((r) => [r.youngPersonId, String(r.onDate)]));
}

/** The first recorded day each young person became a parent. */
export async function becameParent(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx
    .select({ youngPersonId: reviewTriggers.youngPersonId, occurredOn: reviewTriggers.occurredOn })
    .from(reviewTriggers)
    .where(eq(reviewTriggers.kind, 'became_parent'))
    .orderBy(desc(reviewTriggers.occurredOn));
  return new Map(rows.map((r) => [r.youngPersonId, String(r.occurredOn)]));
}

/** Looked-after reviews held, by young person. */
export async function reviewsHeld(tx: Tx) {
  return tx.select().from(lookedAfterReviews).orderBy(asc(lookedAfterReviews.reviewedOn));
}

/** Missing episodes held, by young person. */
export async function missingHeld(tx: Tx) {
  return tx.select().from(missingEpisodes).orderBy(asc(missingEpisodes.startDate));
}
