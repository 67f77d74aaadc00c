import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../data/db.ts';
import {
  allocations,
  careEpisodes,
  circumstanceChanges,
  contacts,
  councils,
  dateOfBirthHistory,
  restrictedRecordAccess,
  reviewTriggers,
  reviews,
  planVersions,
  staff,
  statutoryRecords,
  teams,
  youngPeople,
  youngPersonAccounts,
} from '../data/schema.ts';
import { hashPassword } from '../services/secrets.ts';
import { DEMO_PASSWORD } from '../domain/passwords.ts';
import { generateCouncil, type CouncilRows, type GenerateOptions } from './generator.ts';

// Demo accounts get the published password directly: the password rules refuse it for anyone else.
export { DEMO_PASSWORD };

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Each review and plan version holds a whole plan as JSON (about 9 kB), which PostgreSQL compresses
 * as it stores it. Its default compressor (pglz) was most of a seed's time: the reviews of a council
 * of 1,000 with three years of history took 2 to 3 times as long to insert as with lz4, which also
 * reads back faster. The setting lasts for the seed's transaction only; the rows are the same either
 * way. A server built without lz4 (or older than PostgreSQL 14) lists no such value, and keeps its own.
 */
const LZ4_FOR_THIS_TRANSACTION = sql`SELECT set_config('default_toast_compression', 'lz4', true)
  FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)`;

/** Writes one generated council in one transaction. */
export async function insertCouncil(db: Database, rows: CouncilRows): Promise<void> {
  await db.system(async (tx: Tx) => {
    await tx.execute(LZ4_FOR_THIS_TRANSACTION);
    await tx.insert(councils).values(rows.council);
    await tx.insert(teams).values(rows.teams);
    await insertChunked(rows.staff, 500, (c) => tx.insert(staff).values(c));
    await insertChunked(rows.youngPeople, 500, (c) => tx.insert(youngPeople).values(c));
    await insertChunked(rows.episodes, 1000, (c) => tx.insert(careEpisodes).values(c));
    await insertChunked(rows.allocations, 1000, (c) => tx.insert(allocations).values(c));
    await insertChunked(rows.dobHistory, 1000, (c) => tx.insert(dateOfBirthHistory).values(c));
    if (rows.restricted.length) await tx.insert(restrictedRecordAccess).values(rows.restricted);
    if (rows.accounts.length) await tx.insert(youngPersonAccounts).values(rows.accounts);
    await insertChunked(rows.statutoryRecords, 1000, (c) => tx.insert(statutoryRecords).values(c));
    await insertChunked(rows.reviewTriggers, 1000, (c) => tx.insert(reviewTriggers).values(c));
    await insertChunked(rows.reviews, 200, (c) => tx.insert(reviews).values(c));
    await insertChunked(rows.planVersions, 200, (c) => tx.insert(planVersions).values(c));
    await insertChunked(rows.contacts, 1000, (c) => tx.insert(contacts).values(c));
    await insertChunked(rows.circumstanceChanges, 1000, (c) => tx.insert(circumstanceChanges).values(c));
  });
}

export type SeedOptions = {
  councils: number;
  youngPeople: number;
  today: string;
  demoPasswords: boolean;
  seed?: number;
  slugPrefix?: string;
  /** Years of approved plan versions each young person has (see GenerateOptions); 0 by default. */
  planHistoryYears?: number;
  /**
   * How many councils are written at once, each in its own transaction on its own connection. While
   * PostgreSQL stores one council, JavaScript generates the next. 2 by default on PostgreSQL (the
   * owner's pool has two connections); always 1 on the embedded database, which has one connection.
   */
  parallel?: number;
};

function councilOptions(options: SeedOptions, i: number, hash: string | null): GenerateOptions {
  const slug = options.slugPrefix ? `${options.slugPrefix}-${i + 1}` : i === 0 ? 'demo' : `demo-${i + 1}`;
  return {
    index: i,
    slug,
    name: i === 0 && !options.slugPrefix ? 'Demo Council' : `Demo Council ${i + 1}`,
    youngPeople: options.youngPeople,
    today: options.today,
    seed: options.seed,
    staffPasswordHash: hash,
    youngPersonPasswordHash: hash,
    emailDomain: slug === 'demo' ? 'demo.pathway.test' : `${slug}.pathway.test`,
    planHistoryYears: options.planHistoryYears,
  };
}

/** Makes N councils of M young people each. The first is "demo" unless a prefix is given. */
export async function seed(
  db: Database,
  options: SeedOptions,
): Promise<{ councils: number; youngPeople: number; staff: number }> {
  const hash = options.demoPasswords ? await hashPassword(DEMO_PASSWORD) : null;
  let youngPeopleCount = 0;
  let staffCount = 0;
  let next = 0;
  // Each worker takes the next council's index; the councils' rows depend only on their index.
  const worker = async () => {
    for (let i = next++; i < options.councils; i = next++) {
      const rows = generateCouncil(councilOptions(options, i, hash));
      await insertCouncil(db, rows);
      youngPeopleCount += rows.youngPeople.length;
      staffCount += rows.staff.length;
    }
  };
  const parallel = db.driver === 'postgres' ? Math.max(1, options.parallel ?? 2) : 1;
  await Promise.all(Array.from({ length: Math.min(parallel, options.councils) }, worker));
  // After a bulk load the planner needs fresh statistics: without them it expects one row in every
  // table and plans lists as nested loops over everything (a team list took 2.5 times as long).
  await analyze(db);
  return { councils: options.councils, youngPeople: youngPeopleCount, staff: staffCount };
}

/**
 * Gathers the planner's statistics for every table. PostgreSQL's autovacuum does this by itself as
 * tables change; the embedded database has no autovacuum, so the server also runs this at start and
 * every hour there (main.ts).
 */
export async function analyze(db: Database): Promise<void> {
  await db.system((tx) => tx.execute(sql`ANALYZE`));
}

export async function hasAnyCouncil(db: Database): Promise<boolean> {
  return db.system(async (tx) => (await tx.select({ id: councils.id }).from(councils).limit(1)).length > 0);
}
