import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { schema } from './schema.ts';

/** A query handle: the only way code outside data/ touches the database is through one of these. */
export type Tx = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  readonly driver: 'pglite' | 'postgres';
  /**
   * Runs fn in one transaction as the app role (row-level security applies) with the
   * council set for this transaction only. Use only `tx` inside fn.
   */
  withCouncil<T>(councilId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** As the app role with no council set: sees no council's rows. For tests and probes. */
  withoutCouncil<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * As the table owner, bypassing row-level security. Only for work that happens before a
   * council is known (sign-in, session lookup, invitation codes), migrations and seeding.
   */
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

export type DatabaseOptions =
  | { driver: 'pglite'; dataDir?: string }
  | { driver: 'postgres'; url: string; poolSize?: number };

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK = 7_261_001;

async function readMigrations(): Promise<{ name: string; text: string }[]> {
  const names = (await fs.readdir(MIGRATIONS_DIR)).filter((n) => /^\d{3}_[a-z0-9_]+\.sql$/.test(n)).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await fs.readFile(path.join(MIGRATIONS_DIR, name), 'utf8') })));
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.driver === 'pglite') {
    if (options.dataDir) await fs.mkdir(options.dataDir, { recursive: true });
    const client = await PGlite.create(options.dataDir);
    const orm = drizzlePglite(client, { schema }) as unknown as Tx;
    return wrap('pglite', orm, {
      async migrate() {
        return client.transaction(async (t) => {
          await t.exec(MIGRATIONS_TABLE);
          const done = new Set((await t.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
          const applied: string[] = [];
          for (const m of await readMigrations()) {
            if (done.has(m.name)) continue;
            await t.exec(m.text);
            await t.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
            applied.push(m.name);
          }
          return applied;
        });
      },
      close: () => client.close(),
    });
  }
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  const orm = drizzlePg(pool, { schema }) as unknown as Tx;
  return wrap('postgres', orm, {
    async migrate() {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await c.query(MIGRATIONS_TABLE);
        const done = new Set((await c.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
        const applied: string[] = [];
        for (const m of await readMigrations()) {
          if (done.has(m.name)) continue;
          await c.query(m.text);
          await c.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
          applied.push(m.name);
        }
        await c.query('COMMIT');
        return applied;
      } catch (error) {
        await c.query('ROLLBACK');
        throw error;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  });
}

function wrap(
  driver: Database['driver'],
  orm: Tx,
  own: { migrate(): Promise<string[]>; close(): Promise<void> },
): Database {
  // One statement sets both: the app role (so row-level security applies) and the council,
  // each for this transaction only.
  const enter = (councilId: string) =>
    sql`SELECT set_config('role', 'pathway_app', true), set_config('app.council_id', ${councilId}, true)`;
  return {
    driver,
    withCouncil(councilId, fn) {
      return orm.transaction(async (tx) => {
        await tx.execute(enter(councilId));
        return fn(tx as unknown as Tx);
      });
    },
    withoutCouncil(fn) {
      return orm.transaction(async (tx) => {
        await tx.execute(enter(''));
        return fn(tx as unknown as Tx);
      });
    },
    system(fn) {
      return orm.transaction(async (tx) => fn(tx as unknown as Tx));
    },
    migrate: own.migrate,
    async ping() {
      await orm.execute(sql`SELECT 1`);
    },
    close: own.close,
  };
}
