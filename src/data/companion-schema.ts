// Drizzle definitions of the young person's companion tables (migration 023), beside schema.ts.
import { boolean, date, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

export const checkIns = pgTable('check_ins', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  feeling: smallint('feeling').notNull(),
  words: text('words'),
  topics: text('topics').array().notNull(),
  needsHelp: boolean('needs_help').notNull(),
  notSafe: boolean('not_safe').notNull(),
  checkedInAt: ts('checked_in_at').notNull().defaultNow(),
});

export const staffTasks = pgTable('staff_tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  teamId: uuid('team_id').notNull(),
  kind: text('kind').notNull(),
  assignedTo: uuid('assigned_to'),
  checkInId: uuid('check_in_id'),
  dueOn: day('due_on').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  doneAt: ts('done_at'),
  doneBy: uuid('done_by'),
});

export const messageThreads = pgTable('message_threads', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  youngPersonId: uuid('young_person_id').notNull(),
  staffId: uuid('staff_id').notNull(),
  subject: text('subject').notNull(),
  startedAt: ts('started_at').notNull().defaultNow(),
  messageCount: integer('message_count').notNull().default(0),
  lastMessageAt: ts('last_message_at'),
  youngPersonReadSeq: integer('young_person_read_seq').notNull().default(0),
  staffReadSeq: integer('staff_read_seq').notNull().default(0),
  replyDueOn: day('reply_due_on'),
});

export const messages = pgTable('messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  threadId: uuid('thread_id').notNull(),
  seq: integer('seq').notNull(),
  authorKind: text('author_kind').notNull(),
  authorId: uuid('author_id').notNull(),
  body: text('body').notNull(),
  sentAt: ts('sent_at').notNull().defaultNow(),
});

export const councilContactSettings = pgTable('council_contact_settings', {
  councilId: uuid('council_id').primaryKey(),
  outOfHoursPhone: text('out_of_hours_phone'),
  officeOpens: text('office_opens').notNull().default('09:00'),
  officeCloses: text('office_closes').notNull().default('17:00'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
