// Test data factories: a young person with exactly the history a test needs, added to a generated council.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/data/db.ts';
import {
  allocations, careEpisodes, planVersions, reviews, statutoryRecords, youngPeople,
} from '../../src/data/schema.ts';
import { approvedOf, reviewAt, syntheticContent, type PlanStage } from '../../src/seed/plans.ts';
import { seededRandom } from '../../src/seed/random.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';

export type YoungPersonSpec = {
  dateOfBirth: string;
  episodes?: { start: string; end?: string | null; legalStatus?: string; reasonEnded?: string }[];
  work?: { kind: 'needs_assessment' | 'pathway_plan' | 'review' | 'accommodation_review' | 'adviser_visit'; on: string }[];
  personalAdviserId: string;
  teamId: string;
  givenName?: string;
  familyName?: string;
};

let counter = 0;

export async function addYoungPerson(db: Database, rows: CouncilRows, spec: YoungPersonSpec): Promise<{ id: string; reference: string; givenName: string; familyName: string }> {
  const id = randomUUID();
  counter++;
  const person = { id, reference: `F${Date.now() % 100000}${counter}`, givenName: spec.givenName ?? `Test${counter}`, familyName: spec.familyName ?? 'Factory' };
  await db.system(async (tx) => {
    await tx.insert(youngPeople).values({ ...person, councilId: rows.council.id, dateOfBirth: spec.dateOfBirth, sex: 'female', teamId: spec.teamId, personalAdviserId: spec.personalAdviserId });
    await tx.insert(allocations).values({ councilId: rows.council.id, youngPersonId: id, staffId: spec.personalAdviserId, allocationRole: 'personal_adviser', startDate: spec.dateOfBirth });
    for (const e of spec.episodes ?? []) {
      await tx.insert(careEpisodes).values({ councilId: rows.council.id, youngPersonId: id, startDate: e.start, endDate: e.end ?? null, legalStatus: e.legalStatus ?? 'C2', placementType: 'U4', reasonNewEpisode: 'S', reasonEnded: e.end ? (e.reasonEnded ?? 'E8') : null });
    }
    for (const w of spec.work ?? []) {
      await tx.insert(statutoryRecords).values({ councilId: rows.council.id, youngPersonId: id, kind: w.kind, completedOn: w.on, recordedBy: spec.personalAdviserId });
    }
  });
  return person;
}

export type ReviewStage = PlanStage;

/**
 * A review for a young person, driven through the real review machine to `stage` (as the demo seed does),
 * with synthetic plan content; an approved one also becomes plan version 1. For tests that need a plan
 * in a given state without walking every step over HTTP.
 */
export async function addReview(
  db: Database,
  rows: CouncilRows,
  spec: { youngPersonId: string; adviserId: string; managerId: string; stage: ReviewStage; on?: string },
): Promise<{ id: string }> {
  const id = randomUUID();
  const { youngPersonId, adviserId, managerId, stage } = spec;
  const on = spec.on ?? '2026-11-20';
  const context = { uasc: false, firstPlan: true };
  let n = 0;
  const content = syntheticContent(seededRandom(++counter), context, on, () => `${id.slice(0, 8)}-${++n}`);
  const review = reviewAt({ id, youngPersonId, context, adviserId, managerId, content, stage, on });
  const councilId = rows.council.id;
  await db.system(async (tx) => {
    await tx.insert(reviews).values({ id, councilId, youngPersonId, state: review.state, review });
    if (stage === 'approved') {
      const version = approvedOf(review, 1);
      await tx.insert(planVersions).values({
        councilId, youngPersonId, reviewId: id, version: 1, review: version,
        approvedOn: on, approvedBy: managerId, qualityRating: 'good',
      });
    }
  });
  return { id };
}
