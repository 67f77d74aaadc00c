// `pathway seed` on PostgreSQL writes two councils at once, each on its own connection, and stores
// the plans' JSON compressed with lz4 (src/seed/seeder.ts); the embedded database writes one council
// at a time. Whichever way, the rows must be the same: each test seeds the same councils into a
// fresh database of the driver under test and into an embedded one written the plain way (one
// council after another, `insertCouncil`), and compares every seeded table's row count and a
// checksum of its rows (less the columns the database fills itself: ids it draws and the times of
// writing).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/data/db.ts';
import { generateCouncil } from '../../src/seed/generator.ts';
import { insertCouncil, seed, type SeedOptions } from '../../src/seed/seeder.ts';
import { freshPostgres } from '../../bench/support/processes.ts';
import { testDriver, TODAY } from '../support/app.ts';

const onPostgres = testDriver() === 'postgres';
const TABLES = [
  'councils',
  'teams',
  'staff',
  'young_people',
  'care_episodes',
  'allocations',
  'date_of_birth_history',
  'restricted_record_access',
  'young_person_accounts',
  'statutory_records',
  'review_triggers',
  'reviews',
  'plan_versions',
  'contacts',
  'circumstance_changes',
];
const OPTIONS: SeedOptions = {
  councils: 3,
  youngPeople: 12,
  today: TODAY,
  demoPasswords: false,
  slugPrefix: 'paths',
  planHistoryYears: 3,
};

type Sums = Record<string, { rows: number; sum: string }>;

async function checksums(db: Database): Promise<Sums> {
  return db.system(async (tx) => {
    await tx.execute(sql`SET LOCAL TimeZone = 'UTC'`);
    const sums: Sums = {};
    for (const table of TABLES) {
      const drawn = (await tx.execute(sql`SELECT coalesce(array_agg(column_name::text), '{}') AS names
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table}
        AND (column_default LIKE 'now()%' OR column_default LIKE 'gen_random_uuid()%')`)) as unknown as {
        rows: { names: string[] }[];
      };
      const result = (await tx.execute(sql`SELECT count(*)::int AS rows,
          md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS sum
        FROM (SELECT (to_jsonb(t) - ${`{${drawn.rows[0].names.join(',')}}`}::text[])::text AS r FROM ${sql.identifier(table)} t) x`)) as unknown as {
        rows: { rows: number; sum: string }[];
      };
      sums[table] = result.rows[0];
    }
    return sums;
  });
}

/** The plain way: an embedded database, one council after another. */
async function plainSums(): Promise<Sums> {
  const db = await openDatabase({ driver: 'pglite' });
  try {
    await db.migrate();
    for (let index = 0; index < OPTIONS.councils; index++) {
      const slug = `${OPTIONS.slugPrefix}-${index + 1}`;
      await insertCouncil(
        db,
        generateCouncil({
          index,
          slug,
          name: `Demo Council ${index + 1}`,
          youngPeople: OPTIONS.youngPeople,
          today: OPTIONS.today,
          staffPasswordHash: null,
          youngPersonPasswordHash: null,
          emailDomain: `${slug}.pathway.test`,
          planHistoryYears: OPTIONS.planHistoryYears,
        }),
      );
    }
    return await checksums(db);
  } finally {
    await db.close();
  }
}

let plain: Sums;
beforeAll(async () => {
  plain = await plainSums();
}, 120_000);

describe.runIf(!onPostgres)('seeding the embedded database', () => {
  it('writes the same rows as one council after another', async () => {
    const db = await openDatabase({ driver: 'pglite' });
    try {
      await db.migrate();
      await seed(db, { ...OPTIONS, parallel: 2 });
      const sums = await checksums(db);
      expect(plain.reviews.rows).toBeGreaterThan(OPTIONS.councils * OPTIONS.youngPeople);
      expect(sums).toEqual(plain);
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe.runIf(onPostgres)('seeding PostgreSQL, two councils at once', () => {
  let fresh: Awaited<ReturnType<typeof freshPostgres>>;
  let db: Database;
  beforeAll(async () => {
    fresh = await freshPostgres(process.env.DATABASE_URL ?? '');
    db = await openDatabase({ driver: 'postgres', url: fresh.url });
    await db.migrate();
    await seed(db, { ...OPTIONS, parallel: 2 });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await fresh?.drop();
  });

  it('writes the same rows as the embedded database, one council after another', async () => {
    expect(plain.reviews.rows).toBeGreaterThan(OPTIONS.councils * OPTIONS.youngPeople);
    expect(await checksums(db)).toEqual(plain);
  });

  it('stores the reviews and plan versions compressed with lz4', async () => {
    const rows = await db.system(async (tx) => {
      const result = (await tx.execute(sql`SELECT 'reviews' AS t, pg_column_compression(review) AS c FROM reviews
        UNION ALL SELECT 'plan_versions', pg_column_compression(review) FROM plan_versions`)) as unknown as {
        rows: { t: string; c: string | null }[];
      };
      return result.rows;
    });
    // Small values are stored whole (no compression); every one PostgreSQL compressed is lz4.
    const compressed = rows.filter((r) => r.c !== null);
    expect(new Set(compressed.map((r) => r.t))).toEqual(new Set(['reviews', 'plan_versions']));
    expect(new Set(compressed.map((r) => r.c))).toEqual(new Set(['lz4']));
  });
});
