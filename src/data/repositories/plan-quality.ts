// What the quality and involvement figures read (src/domain/oversight/plan-quality.ts), for the
// council entered in the transaction: every approved plan version with the rating stored at
// approval, and every return at approval with its reason. Two queries whatever the council's size.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import {
  approvedPlanQuality,
  type ApprovedPlanQuality,
  type PlanReturn,
  type StoredPlan,
} from '../../domain/oversight/index.ts';
import type { QualityRating, ReturnRecord } from '../../domain/plan/index.ts';
import { planVersions, reviews } from '../schema.ts';

export async function planQualityRows(
  tx: Tx,
): Promise<{ approvedPlans: ApprovedPlanQuality[]; returns: PlanReturn[] }> {
  const versions = await tx
    .select({
      versionId: planVersions.id,
      youngPersonId: planVersions.youngPersonId,
      approvedOn: sql<string>`${planVersions.approvedOn}::text`,
      rating: planVersions.qualityRating,
      plan: planVersions.review,
    })
    .from(planVersions);
  const returned = await tx
    .select({
      reviewId: reviews.id,
      youngPersonId: reviews.youngPersonId,
      returns: sql<ReturnRecord[] | null>`${reviews.review}->'returns'`,
    })
    .from(reviews)
    .where(sql`jsonb_array_length(coalesce(${reviews.review}->'returns', '[]'::jsonb)) > 0`);
  return {
    approvedPlans: versions.map((v) =>
      approvedPlanQuality({
        versionId: v.versionId,
        youngPersonId: v.youngPersonId,
        approvedOn: v.approvedOn,
        rating: v.rating as QualityRating,
        plan: v.plan as StoredPlan,
      }),
    ),
    returns: returned.flatMap((r) =>
      (r.returns ?? []).map((x) => ({
        reviewId: r.reviewId,
        youngPersonId: r.youngPersonId,
        on: x.on,
        reason: x.reason,
      })),
    ),
  };
}
