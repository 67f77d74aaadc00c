// Reads for a subject access request (issue 11 §6): every row held about one young person, table by table.
import { asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from '../db.ts';
import {
  allocations,
  careEpisodes,
  caseClosures,
  circumstanceChanges,
  contacts,
  dateOfBirthHistory,
  invitations,
  lookedAfterReviews,
  missingEpisodes,
  planVersions,
  qualityActions,
  qualityJudgements,
  restrictedRecordAccess,
  reviewTriggers,
  reviews,
  staff,
  statutoryRecords,
  teamHistory,
  youngPeople,
  youngPersonAccounts,
} from '../schema.ts';
import { auditFollowUps, auditRoundItems, auditSubmissions } from '../audit-schema.ts';
import { checkIns, messages, messageThreads, staffTasks } from '../companion-schema.ts';
import { reminderMessages } from '../reminders-schema.ts';
import { supporters } from '../supporters-schema.ts';
import type { HeldTable } from '../../domain/subject-access.ts';

const TABLES: Record<HeldTable, PgTable> = {
  reminder_messages: reminderMessages,
  supporters,
  care_episodes: careEpisodes,
  date_of_birth_history: dateOfBirthHistory,
  allocations,
  team_history: teamHistory,
  contacts,
  circumstance_changes: circumstanceChanges,
  statutory_records: statutoryRecords,
  review_triggers: reviewTriggers,
  reviews,
  quality_judgements: qualityJudgements,
  quality_actions: qualityActions,
  audit_round_items: auditRoundItems,
  audit_submissions: auditSubmissions,
  audit_follow_ups: auditFollowUps,
  case_closures: caseClosures,
  restricted_record_access: restrictedRecordAccess,
  young_person_accounts: youngPersonAccounts,
  invitations,
  check_ins: checkIns,
  message_threads: messageThreads,
  staff_tasks: staffTasks,
  looked_after_reviews: lookedAfterReviews,
  missing_episodes: missingEpisodes,
};

/** Rows keyed by SQL column name, with the table's columns in order (a table with no rows still has headings). */
export type HeldRows = { columns: string[]; rows: Record<string, unknown>[] };

function bySqlName(row: Record<string, unknown>, columns: [string, PgColumn][]) {
  return Object.fromEntries(columns.map(([key, column]) => [column.name, row[key]]));
}

/** A table's rows about the young person, oldest first by the table's first date column. */
async function rowsOf(tx: Tx, table: PgTable, youngPersonId: string): Promise<HeldRows> {
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const owner = columns.find(([key]) => key === 'youngPersonId')![1];
  const dated = columns.find(([, c]) => /_(date|on|at)$/.test(c.name))?.[1];
  const rows = await tx
    .select()
    .from(table)
    .where(eq(owner, youngPersonId))
    .orderBy(...(dated ? [asc(dated)] : []));
  return {
    columns: columns.map(([, c]) => c.name),
    rows: rows.map((r) => bySqlName(r as Record<string, unknown>, columns)),
  };
}

/** Every held table's rows about one young person. */
export async function heldRows(tx: Tx, youngPersonId: string): Promise<Record<HeldTable, HeldRows>> {
  const out = {} as Record<HeldTable, HeldRows>;
  for (const [name, table] of Object.entries(TABLES) as [HeldTable, PgTable][])
    out[name] = await rowsOf(tx, table, youngPersonId);
  return out;
}

/** Every message in the young person's conversations, oldest first. */
export async function messagesOf(tx: Tx, youngPersonId: string): Promise<HeldRows> {
  const columns = Object.entries(getTableColumns(messages)) as [string, PgColumn][];
  const rows = await tx
    .select({ message: messages })
    .from(messages)
    .innerJoin(messageThreads, eq(messageThreads.id, messages.threadId))
    .where(eq(messageThreads.youngPersonId, youngPersonId))
    .orderBy(asc(messages.sentAt), asc(messages.seq));
  return {
    columns: columns.map(([, c]) => c.name),
    rows: rows.map((r) => bySqlName(r.message as Record<string, unknown>, columns)),
  };
}

/** The young person's own row, every column. */
export async function youngPersonRow(tx: Tx, youngPersonId: string): Promise<[string, unknown][]> {
  const columns = Object.entries(getTableColumns(youngPeople)) as [string, PgColumn][];
  const [row] = await tx.select().from(youngPeople).where(eq(youngPeople.id, youngPersonId));
  return columns.map(([key, c]) => [c.name, (row as Record<string, unknown>)[key]]);
}

/** Every approved plan version, oldest first. */
export async function allPlanVersions(tx: Tx, youngPersonId: string) {
  return tx
    .select()
    .from(planVersions)
    .where(eq(planVersions.youngPersonId, youngPersonId))
    .orderBy(asc(planVersions.version));
}

/** Staff by id, with their role: whoever the files name. */
export async function staffNamed(tx: Tx, ids: readonly string[]) {
  if (!ids.length) return [];
  return tx
    .select({ id: staff.id, name: staff.displayName, role: staff.role })
    .from(staff)
    .where(inArray(staff.id, [...ids]))
    .orderBy(asc(staff.displayName));
}

/** Tables in this database with a `young_person_id` column: what a subject access request must cover. */
export async function tablesWithYoungPeople(tx: Tx): Promise<string[]> {
  const result = (await tx.execute(sql`
    SELECT table_name FROM information_schema.columns
    WHERE column_name = 'young_person_id' AND table_schema = current_schema() ORDER BY table_name`)) as unknown as {
    rows: { table_name: string }[];
  };
  return result.rows.map((r) => r.table_name);
}
