// Drizzle definition of a young person's supporters (migration 032), beside schema.ts.
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SupporterAccess, SupporterRelationship } from '../domain/supporters.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const supporters = pgTable('supporters', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  name: text('name').notNull(),
  relationship: text('relationship').$type<SupporterRelationship>().notNull(),
  access: text('access').$type<SupporterAccess>().notNull(),
  linkTokenHash: text('link_token_hash').notNull(),
  codeHash: text('code_hash').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  username: text('username'),
  passwordHash: text('password_hash'),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  lastSignInAt: ts('last_sign_in_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  removedAt: ts('removed_at'),
  /** Migration 034: the unused link and code cancelled, when the young person removed them before using it. */
  linkRevokedAt: ts('link_revoked_at'),
});
