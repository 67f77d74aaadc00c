// Drizzle definitions of the reminder tables (migration 026), beside schema.ts.
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const contactPreferences = pgTable('contact_preferences', {
  councilId: uuid('council_id').notNull(),
  personKind: text('person_kind').notNull(),
  personId: uuid('person_id').notNull(),
  channel: text('channel').notNull(),
  email: text('email'),
  phone: text('phone'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by').notNull(),
});

export const reminderMessages = pgTable('reminder_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  councilId: uuid('council_id').notNull(),
  jobId: uuid('job_id').notNull(),
  kind: text('kind').notNull(),
  personKind: text('person_kind').notNull(),
  personId: uuid('person_id').notNull(),
  youngPersonId: uuid('young_person_id'),
  channel: text('channel').notNull(),
  recipient: text('recipient').notNull(),
  templateId: text('template_id'),
  personalisation: jsonb('personalisation').notNull(),
  status: text('status').notNull(),
  notifyId: text('notify_id'),
  error: text('error'),
  createdAt: ts('created_at').notNull().defaultNow(),
  sentAt: ts('sent_at'),
});
