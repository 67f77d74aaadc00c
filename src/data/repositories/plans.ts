import { and, desc, eq, ne } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { planVersions, reviews } from '../schema.ts';

/** A young person's open review (at most one) and their approved plan versions, newest first. */
export async function planSummary(tx: Tx, youngPersonId: string) {
  const [open] = await tx
    .select({ id: reviews.id, state: reviews.state, updatedAt: reviews.updatedAt })
    .from(reviews)
    .where(and(eq(reviews.youngPersonId, youngPersonId), ne(reviews.state, 'approved')));
  const versions = await tx
    .select({
      version: planVersions.version,
      approvedOn: planVersions.approvedOn,
      qualityRating: planVersions.qualityRating,
    })
    .from(planVersions)
    .where(eq(planVersions.youngPersonId, youngPersonId))
    .orderBy(desc(planVersions.version));
  return { open: open ?? null, versions };
}
