import { and, desc, eq, ne } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { together } from '../together.ts';
import { planVersions, reviews } from '../schema.ts';

/** The reads behind `planSummary`, not yet run (see together.ts). */
export function planSummaryReads(tx: Tx, youngPersonId: string) {
  return {
    openReviews: tx
      .select({ id: reviews.id, state: reviews.state, updatedAt: reviews.updatedAt })
      .from(reviews)
      .where(and(eq(reviews.youngPersonId, youngPersonId), ne(reviews.state, 'approved'))),
    versions: tx
      .select({
        version: planVersions.version,
        approvedOn: planVersions.approvedOn,
        qualityRating: planVersions.qualityRating,
      })
      .from(planVersions)
      .where(eq(planVersions.youngPersonId, youngPersonId))
      .orderBy(desc(planVersions.version)),
  };
}

type PlanReads = Awaited<ReturnType<typeof together<ReturnType<typeof planSummaryReads>>>>;

/** A young person's open review (at most one) and their approved plan versions, newest first. */
export function planSummaryOf({ openReviews, versions }: PlanReads) {
  return { open: openReviews[0] ?? null, versions };
}

/** A young person's open review (at most one) and their approved plan versions, newest first. */
export async function planSummary(tx: Tx, youngPersonId: string) {
  return planSummaryOf(await together(tx, planSummaryReads(tx, youngPersonId)));
}
