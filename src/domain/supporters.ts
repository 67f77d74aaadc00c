// A young person's supporters (issue 12 §6): someone they name — an advocate, a carer, family or a friend —
// whom they let read their plan, or read it and help write their part. Pure: no I/O.
import { z } from 'zod';

export const SUPPORTER_RELATIONSHIPS = ['advocate', 'carer', 'family_or_friend', 'other'] as const;
export type SupporterRelationship = (typeof SUPPORTER_RELATIONSHIPS)[number];

/** read — the plan pages only; help_write — also writing the young person's own part, marked as written with help. */
export const SUPPORTER_ACCESS = ['read', 'help_write'] as const;
export type SupporterAccess = (typeof SUPPORTER_ACCESS)[number];

/** Staff read these in English; the young person reads the same in their language (locales `supporters.kind.*`). */
export const RELATIONSHIP_NAMES: Record<SupporterRelationship, string> = {
  advocate: 'Advocate',
  carer: 'Carer',
  family_or_friend: 'Family member or friend',
  other: 'Someone else',
};
export const ACCESS_NAMES: Record<SupporterAccess, string> = {
  read: 'Reads the plan',
  help_write: 'Reads the plan and helps write the young person’s part',
};

/** Days a supporter's link and code work, as a young person's own invitation (src/services/invitations.ts). */
export const SUPPORTER_INVITATION_DAYS = 7;

/** What a young person fills in to add a supporter. Messages are translation keys. */
export const supporterForm = z.object({
  name: z
    .string({ message: 'supporters.errors.name' })
    .trim()
    .min(1, 'supporters.errors.name')
    .max(100, 'supporters.errors.nameLong'),
  relationship: z.enum(SUPPORTER_RELATIONSHIPS, { message: 'supporters.errors.relationship' }),
  access: z.enum(SUPPORTER_ACCESS, { message: 'supporters.errors.access' }),
});
export type SupporterForm = z.infer<typeof supporterForm>;

/**
 * Where a supporter stands: waiting for them to use the link, able to sign in, removed by the young person, or
 * removed before they used the link, which was then cancelled (`revoked`, migration 034).
 */
export type SupporterStatus = 'invited' | 'expired' | 'active' | 'removed' | 'revoked';
export function supporterStatus(
  row: { usedAt: Date | null; expiresAt: Date; removedAt: Date | null; linkRevokedAt?: Date | null },
  now: Date,
): SupporterStatus {
  if (row.removedAt) return row.linkRevokedAt ? 'revoked' : 'removed';
  if (row.usedAt) return 'active';
  return row.expiresAt > now ? 'invited' : 'expired';
}

/** One line a supporter a day, however many pages of the plan they opened; rows come newest first. */
export function supporterLooksShown(rows: readonly { actorId: string; name: string; on: string }[]) {
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    const day = `${r.on}/${r.actorId}`;
    if (seen.has(day)) return [];
    seen.add(day);
    return [{ on: r.on, name: r.name }];
  });
}
