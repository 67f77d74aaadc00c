// API tokens and idempotency keys (migration 021).
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { apiIdempotencyKeys, apiRefusals, apiTokens, staff } from '../schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertToken(
  tx: Tx,
  row: {
    councilId: string;
    name: string;
    scope: 'read' | 'write';
    tokenHash: string;
    createdBy: string;
    expiresAt: Date;
  },
): Promise<string> {
  const [made] = await tx.insert(apiTokens).values(row).returning({ id: apiTokens.id });
  return made!.id;
}

/** The council's tokens, newest first, with who issued each. Never the hash. */
export async function tokensOfCouncil(tx: Tx) {
  return tx
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      createdAt: apiTokens.createdAt,
      createdBy: staff.displayName,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .leftJoin(staff, eq(staff.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeToken(tx: Tx, id: string, by: string, at: Date): Promise<boolean> {
  const done = await tx
    .update(apiTokens)
    .set({ revokedAt: at, revokedBy: by })
    .where(and(eq(apiTokens.id, id), sql`${apiTokens.revokedAt} IS NULL`))
    .returning({ id: apiTokens.id });
  return done.length > 0;
}

/** A token by the hash of what was sent, as one statement before any council is known (migration 021). */
export function tokenLookup(hash: string): SQL {
  return sql`SELECT * FROM pathway_api_token(${hash})`;
}
export type TokenLookupRow = {
  id: string;
  council_id: string;
  name: string;
  scope: 'read' | 'write';
  created_by: string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
};

/**
 * Counts a call against the token's minute and marks it used, in one statement: the calls in this
 * minute so far, this one included. The row lock makes parallel calls of one token count in turn.
 */
export async function countCall(tx: Tx, id: string): Promise<number> {
  const minute = sql`date_trunc('minute', now())`;
  const [row] = await tx
    .update(apiTokens)
    .set({
      lastUsedAt: sql`now()`,
      windowCalls: sql`CASE WHEN ${apiTokens.windowStart} = ${minute} THEN ${apiTokens.windowCalls} + 1 ELSE 1 END`,
      windowStart: minute,
    })
    .where(eq(apiTokens.id, id))
    .returning({ calls: apiTokens.windowCalls });
  return row?.calls ?? 0;
}

export type IdempotencyRow = typeof apiIdempotencyKeys.$inferSelect;

/**
 * Claims an idempotency key for a call: true when this call holds it now; false when another call
 * holds or held it, which `keyOf` then tells. A key older than a day is forgotten first, and so is a
 * claim whose call never finished within 5 minutes (its process stopped): no call takes that long.
 */
export async function claimKey(
  tx: Tx,
  row: { councilId: string; tokenId: string; key: string; requestHash: string },
): Promise<boolean> {
  await tx
    .delete(apiIdempotencyKeys)
    .where(
      and(
        eq(apiIdempotencyKeys.tokenId, row.tokenId),
        eq(apiIdempotencyKeys.key, row.key),
        or(
          lt(apiIdempotencyKeys.createdAt, sql`now() - interval '1 day'`),
          and(isNull(apiIdempotencyKeys.status), lt(apiIdempotencyKeys.createdAt, sql`now() - interval '5 minutes'`)),
        ),
      ),
    );
  const made = await tx
    .insert(apiIdempotencyKeys)
    .values(row)
    .onConflictDoNothing()
    .returning({ key: apiIdempotencyKeys.key });
  return made.length > 0;
}

export async function keyOf(tx: Tx, tokenId: string, key: string): Promise<IdempotencyRow | undefined> {
  const [row] = await tx
    .select()
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key)));
  return row;
}

export async function keepResponse(tx: Tx, tokenId: string, key: string, status: number, response: unknown) {
  await tx
    .update(apiIdempotencyKeys)
    .set({ status, response })
    .where(and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key)));
}

export async function releaseKey(tx: Tx, tokenId: string, key: string) {
  await tx
    .delete(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key)));
}

/** A call refused before any council is known (migration 025): run as pathway_auth. */
export async function insertRefusal(tx: Tx, row: typeof apiRefusals.$inferInsert): Promise<void> {
  await tx.insert(apiRefusals).values(row);
}
