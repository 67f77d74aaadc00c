// Drizzle definitions of the workers' profiles and the record-view policy (migration 028), beside schema.ts.
import { boolean, customType, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** bytea as a Buffer on both drivers (PGlite gives a Uint8Array, node-postgres a Buffer). */
const bytes = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const staffProfiles = pgTable('staff_profiles', {
  staffId: uuid('staff_id').primaryKey(),
  councilId: uuid('council_id').notNull(),
  aboutMe: text('about_me').notNull().default(''),
  howIWork: text('how_i_work').notNull().default(''),
  whenAround: text('when_around').notNull().default(''),
  howToReach: text('how_to_reach').notNull().default(''),
  languages: text('languages').notNull().default(''),
  photo: bytes('photo'),
  photoType: text('photo_type'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const councilRecordViewPolicy = pgTable('council_record_view_policy', {
  councilId: uuid('council_id').primaryKey(),
  showNames: boolean('show_names').notNull().default(false),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
