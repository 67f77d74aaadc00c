// Deleting a young person's whole record after its keeping (CPPCR 2010 reg 50; migration 025). Every
// table that holds a row about them, children before parents so no foreign key is left dangling. The
// audit trail is not here: it is never deleted (docs/operations.md, "Deleting records after keeping").
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db.ts';

/** A table and the rows in it that belong to the young person `$1`. Static text: no input reaches it. */
type Held = { table: string; rows: string };

/** Tables whose rows carry the young person's id. */
const byPerson = (...tables: string[]): Held[] => tables.map((table) => ({ table, rows: 'young_person_id = $1' }));

/**
 * In deletion order. A test (test/http/retention-erasure.test.ts) reads the database's catalogue and
 * fails when a table that refers to any of these is missing, so a new table cannot be forgotten.
 */
export const ERASED_TABLES: readonly Held[] = [
  // Their sessions, and those of the people they named to read their plan (migration 032).
  {
    table: 'sessions',
    rows: `(principal_kind = 'young_person'
        AND principal_id IN (SELECT id FROM young_person_accounts WHERE young_person_id = $1))
      OR (principal_kind = 'supporter' AND principal_id IN (SELECT id FROM supporters WHERE young_person_id = $1))`,
  },
  ...byPerson('supporters'),
  ...byPerson('invitations', 'young_person_accounts', 'restricted_record_access', 'date_of_birth_history'),
  ...byPerson('reminder_messages'),
  { table: 'contact_preferences', rows: `person_kind = 'young_person' AND person_id = $1` },
  ...byPerson('allocations', 'team_history', 'care_episodes', 'case_closures', 'staff_tasks', 'check_ins'),
  ...byPerson('looked_after_reviews', 'missing_episodes'),
  { table: 'messages', rows: 'thread_id IN (SELECT id FROM message_threads WHERE young_person_id = $1)' },
  ...byPerson('message_threads', 'contacts', 'circumstance_changes', 'review_triggers', 'statutory_records'),
  ...byPerson('audit_follow_ups'),
  { table: 'audit_answers', rows: 'submission_id IN (SELECT id FROM audit_submissions WHERE young_person_id = $1)' },
  ...byPerson('audit_submissions', 'audit_round_items', 'quality_actions', 'quality_judgements', 'plan_versions'),
  { table: 'review_conflicts', rows: 'review_id IN (SELECT id FROM reviews WHERE young_person_id = $1)' },
  ...byPerson('reviews'),
  // An upload waiting to be confirmed that names them by their 903 id would bring the record back.
  {
    table: 'ssda903_uploads',
    rows: `strpos(files::text, (SELECT ssda903_id FROM young_people WHERE id = $1)) > 0`,
  },
  // A kept API response that names them (an idempotent POST that made or changed the record).
  { table: 'api_idempotency_keys', rows: `strpos(response::text, $1::text) > 0` },
  { table: 'young_people', rows: 'id = $1' },
];

/** The person's number as SQL: `$1` in the texts above stands for it. */
const bound = (rows: string, id: string): SQL => {
  const [before, ...after] = rows.split('$1');
  return after.reduce((acc, part) => sql`${acc}${id}::uuid${sql.raw(part)}`, sql.raw(before));
};

/**
 * Asks the database for the erasure of this young person (migration 025): it locks their row and
 * refuses unless the record is in this council and past its keeping by the database's own clock.
 */
export async function beginErasure(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`SELECT pathway_begin_erasure(${id}::uuid)`);
}

/** `SELECT count(*)` or `DELETE` of the young person's rows in one table, as one statement. */
const rowsIn = ({ table, rows }: Held, id: string, verb: 'count' | 'delete'): SQL =>
  verb === 'count'
    ? sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${bound(rows, id)}`
    : sql`WITH gone AS (DELETE FROM ${sql.identifier(table)} WHERE ${bound(rows, id)} RETURNING 1)
        SELECT count(*)::int AS n FROM gone`;

async function eachTable(tx: Tx, id: string, verb: 'count' | 'delete'): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const held of ERASED_TABLES) {
    const result = (await tx.execute(rowsIn(held, id, verb))) as unknown as { rows: { n: number }[] };
    counts[held.table] = result.rows[0].n;
  }
  return counts;
}

/** How many rows each table holds about the young person. */
export const heldCounts = (tx: Tx, id: string) => eachTable(tx, id, 'count');

/** Deletes every row about the young person, table by table; returns how many rows each table lost. */
export const eraseYoungPerson = (tx: Tx, id: string) => eachTable(tx, id, 'delete');
