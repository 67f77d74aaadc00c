// Invitations and set-password links work once. Using one is a single UPDATE that succeeds only
// while it is unused, not cancelled and in date: of many simultaneous uses, exactly one gets the
// row back (the others wait for its row lock, then find used_at set).
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import type { invitations, passwordLinks } from '../schema.ts';

export async function claimOnce(
  tx: Tx,
  table: typeof invitations | typeof passwordLinks,
  id: string,
  now: Date,
): Promise<boolean> {
  const claimed = await tx
    .update(table)
    .set({ usedAt: now })
    .where(and(eq(table.id, id), isNull(table.usedAt), isNull(table.revokedAt), gt(table.expiresAt, now)))
    .returning({ id: table.id });
  return claimed.length === 1;
}
