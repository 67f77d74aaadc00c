// Drizzle definitions of the case-file audit tables (migration 010), beside schema.ts so the two grow apart.
import { pgTable, uuid, text, integer, timestamp, date, bigint, jsonb } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const auditRounds = pgTable('audit_rounds', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  drawnBy: uuid('drawn_by').notNull(),
  drawnAt: ts('drawn_at').notNull().defaultNow(),
  seed: bigint('seed', { mode: 'number' }).notNull(),
  filters: jsonb('filters').notNull(),
  size: integer('size').notNull(),
  population: integer('population').notNull(),
});

export const auditRoundItems = pgTable('audit_round_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  roundId: uuid('round_id').notNull(),
  position: integer('position').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  planVersionId: uuid('plan_version_id').notNull(),
  planVersion: integer('plan_version').notNull(),
  teamId: uuid('team_id'),
  auditorId: uuid('auditor_id'),
});

export const auditSubmissions = pgTable('audit_submissions', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  roundItemId: uuid('round_item_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  submittedBy: uuid('submitted_by').notNull(),
  submittedAt: ts('submitted_at').notNull().defaultNow(),
  grade: text('grade').notNull(),
});

export const auditAnswers = pgTable('audit_answers', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  submissionId: uuid('submission_id').notNull(),
  item: text('item').notNull(),
  answer: text('answer').notNull(),
  note: text('note').notNull().default(''),
});

export const auditFollowUps = pgTable('audit_follow_ups', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  submissionId: uuid('submission_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  position: integer('position').notNull(),
  text: text('text').notNull(),
  workerId: uuid('worker_id'),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  // Migration 012: marked done once, when and by whom.
  doneAt: ts('done_at'),
  doneBy: uuid('done_by'),
});
