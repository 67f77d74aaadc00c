import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pgliteSession, type Statement } from './pglite-session.ts';
import pg from 'pg';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { schema } from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { afterOpening, pipelined } from './pipeline.ts';
import { prepareQueueStore } from './queue.ts';
import { sharedRoundTrips } from './settle.ts';

/** A query handle: the only way code outside data/ touches the database is through one of these. */
export type Tx = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  readonly driver: 'pglite' | 'postgres';
  /**
   * Runs fn in one transaction as the app role (row-level security applies) in this council only:
   * the council is entered with its key (see migration 004), for this transaction only. Use only
   * `tx` inside fn.
   */
  withCouncil<T>(councilId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** As the app role with no council entered: sees no council's rows. For tests and probes. */
  withoutCouncil<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * As the sign-in role (pathway_auth), for work that happens before a council is known: sign-in,
   * session look-up, invitation codes. It reaches only the tables and columns that work needs.
   */
  beforeCouncil<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One statement on the app's own login, with no role switched and no transaction around it: only
   * for calling a SECURITY DEFINER function granted to that login, such as the session look-up every
   * request makes (migration 006). One round trip, and on PGlite one turn of its lock.
   */
  single<T>(query: SQL): Promise<T[]>;
  /**
   * As the table owner, bypassing row-level security: migrations, seeding, commands and test
   * set-up only. Requests never use it.
   */
  system<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One statement with its values, or a script without, as the table owner outside any of the app's
   * transactions: only for the job queue's own work (src/data/queue.ts). On PGlite one turn of its lock.
   */
  queueSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Applies migrations (and the job queue's, src/data/queue.ts) and gets the app's login ready; nothing else works before it. */
  migrate(): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Which councils' records changed since: see `CouncilChanges`. Listens from `migrate()` on. */
  readonly councilChanges: CouncilChanges;
};

/**
 * The database's word, sent when a transaction commits, that a council's records changed in a way
 * the managers' figures read (migration 015). A listener hears the council's id, or null when any
 * council may have changed (this process had stopped listening for a while and is listening again).
 * While `live` is false this process is not listening, so nothing may be kept on the strength of it.
 */
export interface CouncilChanges {
  readonly live: boolean;
  /**
   * With a young person's id too: their statutory facts changed (migration 024). Such a change is
   * also heard without it when it is one the figures read (migration 015).
   */
  subscribe(listener: (councilId: string | null, youngPersonId?: string) => void): () => void;
  /**
   * Resolves once every change committed before the call has been heard, in this process or any
   * other: what a request reads after it is never older than what was committed before it began.
   */
  settled(): Promise<void>;
}

/** The channel migration 015's triggers notify on. */
const COUNCIL_CHANGE_CHANNEL = 'pathway_council_change';
/** Turns drizzle's SQL into text and parameters, as its drivers do. */
const dialect = new PgDialect();
/** The channel migration 024's triggers notify on: '<council id>/<young person id>'. */
const YOUNG_PERSON_CHANGE_CHANNEL = 'pathway_young_person_change';
/** A statement not yet run: one of drizzle's query builders. */
type Deferred = PromiseLike<unknown> & { toSQL(): { sql: string; params: unknown[] } };

/** Statements each running transaction will run just before it commits (see `atCommit`). */
const atCommitOf = new WeakMap<Tx, Deferred[]>();

/**
 * Runs `statement` as one of the last of the transaction `tx`, just before it commits; on
 * PostgreSQL they go with the COMMIT in one round trip. Only for writes nothing later in the same
 * transaction reads, such as audit rows: if one fails, the whole transaction is undone, as if it
 * had failed where it was called. Outside a transaction begun by `Database`, runs it now.
 */
export async function atCommit(tx: Tx, statement: Deferred): Promise<void> {
  const queue = atCommitOf.get(tx);
  if (queue) queue.push(statement);
  else await statement;
}

/**
 * Runs fn in a transaction begun by a driver, with a queue for `atCommit`; gives its result and the
 * statements queued, for the driver to send with its COMMIT. A failure goes to `rollBack`.
 */
async function runQueuingAtCommit<T>(
  tx: Tx,
  fn: (tx: Tx) => Promise<T>,
  rollBack: (error: unknown) => Promise<never>,
): Promise<{ result: T; last: { text: string; params: unknown[] }[] }> {
  const queue: Deferred[] = [];
  atCommitOf.set(tx, queue);
  let result: T;
  try {
    result = await fn(tx).catch(rollBack);
  } finally {
    atCommitOf.delete(tx);
  }
  const last = queue.map((statement) => {
    const { sql: text, params } = statement.toSQL();
    return { text, params };
  });
  return { result, last };
}

/**
 * Makes every statement this connection runs a named prepared statement, named by its text: PostgreSQL
 * parses and plans each distinct statement once per connection, not on every request (after five
 * runs it keeps a generic plan when that is no worse). Statements differ only in their parameters, so
 * a few hundred names cover the whole app. A connection keeps its statements as long as it lives, so
 * what would pile up is not named: a statement with more than `NAMED_PARAMETERS` parameters (a list of
 * ids, whose text changes with the list's length: one kept for each length), and any statement once
 * `NAMED_STATEMENTS` are kept. Those are parsed and planned at each run, as without names.
 */
export const NAMED_PARAMETERS = 32;
export const NAMED_STATEMENTS = 1000;
function prepareOnce(client: pg.PoolClient) {
  // The client's own method, looked up at each call (not kept): what wraps it later still sees every query.
  const query = (...args: unknown[]) =>
    (Object.getPrototypeOf(client).query as (...a: unknown[]) => unknown).apply(client, args);
  const names = new Map<string, string>();
  const named = (config: unknown, rest: unknown[]) => {
    if (
      config &&
      typeof config === 'object' &&
      'text' in config &&
      !('submit' in config) &&
      !('name' in config && config.name) &&
      // drizzle gives the values beside the config, node-postgres's own callers inside it.
      ((Array.isArray(rest[0]) ? rest[0] : (config as { values?: unknown[] }).values)?.length ?? 0) <= NAMED_PARAMETERS
    ) {
      const text = (config as { text: string }).text;
      let name = names.get(text);
      if (!name) {
        if (names.size >= NAMED_STATEMENTS) return config;
        name = `p${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
        names.set(text, name);
      }
      return { ...config, name };
    }
    return config;
  };
  (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
    const opening = openingOf.get(client);
    if (!opening) return query(named(config, rest), ...rest);
    // A transaction's first statement takes its BEGIN and council with it (see `transaction`).
    openingOf.delete(client);
    if (typeof config === 'object' && config && 'text' in config && !('submit' in config) && rest.length <= 1)
      return afterOpening(client, opening, named(config, rest) as { text: string }, rest[0] as unknown[], query);
    return pipelined(client, opening).then(() => query(named(config, rest), ...rest));
  };
}

/**
 * BEGIN and the role and council of a transaction on PostgreSQL, not yet sent: they go with its first
 * statement, in one round trip (`afterOpening`), or with its COMMIT if it has none before.
 */
const openingOf = new WeakMap<pg.PoolClient, { text: string; values?: (string | null)[] }[]>();

/** A value as PostgreSQL's text format takes it, as node-postgres would send it. */
function asParameter(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A query handle for each pooled connection, made the first time it runs a transaction. */
const ormsOfClients = new WeakMap<pg.PoolClient, Tx>();
/** How long a lost listening connection waits before it connects again. */
const RELISTEN_MS = 1_000;

/** Fans notifications out to subscribers; the driver says when it starts and stops listening. */
function councilChangeFeed(settle: () => Promise<void> = async () => {}) {
  type Listener = (councilId: string | null, youngPersonId?: string) => void;
  const listeners = new Set<Listener>();
  let live = false;
  const emit = (councilId: string | null, youngPersonId?: string) => {
    for (const listener of listeners) listener(councilId, youngPersonId);
  };
  return {
    changes: {
      get live() {
        return live;
      },
      subscribe(listener: Listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      settled: () => (live ? settle() : Promise.resolve()),
    } satisfies CouncilChanges,
    heard(channel: string, payload: string) {
      if (channel === COUNCIL_CHANGE_CHANNEL) emit(payload);
      else if (channel === YOUNG_PERSON_CHANGE_CHANNEL) {
        const [councilId, youngPersonId] = payload.split('/');
        if (councilId && youngPersonId) emit(councilId, youngPersonId);
      }
    },
    /** Listening (again): whatever happened while not listening is unknown. */
    listening() {
      live = true;
      emit(null);
    },
    deaf() {
      live = false;
      emit(null);
    },
  };
}

/** Where the database reports trouble that no request is waiting for (a dropped idle connection). */
export type DatabaseLog = { error(obj: object, msg: string): void; warn(obj: object, msg: string): void };

export type DatabaseOptions =
  | { driver: 'pglite'; dataDir?: string; log?: DatabaseLog }
  | {
      driver: 'postgres';
      /** The table owner: runs migrations. */
      url: string;
      /**
       * The app's login role (neither superuser nor owner, member of pathway_app and pathway_auth).
       * When absent, Pathway makes one for this database, which needs an owner allowed to create roles.
       */
      appUrl?: string;
      poolSize?: number;
      log?: DatabaseLog;
    };

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK = 7_261_001;
/** How long closing waits for running transactions to finish. */
const CLOSE_DRAIN_MS = 5_000;
/** How long no transaction must run before closing counts the work as done. */
const CLOSE_QUIET_MS = 200;

async function readMigrations(): Promise<{ name: string; text: string }[]> {
  const names = (await fs.readdir(MIGRATIONS_DIR)).filter((n) => /^\d{3}_[a-z0-9_]+\.sql$/.test(n)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, text: await fs.readFile(path.join(MIGRATIONS_DIR, name), 'utf8') })),
  );
}

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '55000',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not currently accepting connections/;

/** Whether an error means the database cannot be reached now (as opposed to a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

const quietLog: DatabaseLog = { error: () => {}, warn: () => {} };

/** The key that enters a council: only holders of the database's secret can make it (migration 004). */
const councilKeys = (secret: string) => {
  const keys = new Map<string, string>();
  return (councilId: string) => {
    let key = keys.get(councilId);
    if (!key) {
      key = createHash('sha256').update(`${secret}:council:${councilId.toLowerCase()}`).digest('hex');
      keys.set(councilId, key);
    }
    return key;
  };
};

const readSecret = async (query: (text: string) => Promise<{ rows: { value: string }[] }>) => {
  const { rows } = await query(`SELECT value FROM pathway_secrets WHERE name = 'council_key'`);
  if (!rows[0]) throw new Error('The database has no council key: run the migrations');
  return rows[0].value;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const log = options.log ?? quietLog;
  if (options.driver === 'pglite') {
    let release = () => {};
    if (options.dataDir) {
      await fs.mkdir(options.dataDir, { recursive: true });
      release = lockDataDir(options.dataDir);
    }
    let client: PGlite;
    try {
      client = await PGlite.create(options.dataDir);
    } catch (error) {
      release();
      throw error;
    }
    const orm = drizzlePglite(client, { schema }) as unknown as Tx;
    // Requests' transactions run their statements kept by name (pglite-session.ts), holding PGlite
    // for themselves from BEGIN to COMMIT; migrations and LISTEN use PGlite's own interface.
    const session = pgliteSession(client);
    const inTransaction = drizzlePglite(
      {
        query: (text: string, values?: unknown[], options?: Statement['options']) =>
          session.query(text, values, options),
        transaction: () => {
          throw new Error('Already in a transaction: use tx itself');
        },
      } as unknown as PGlite,
      { schema },
    ) as unknown as Tx;
    // PGlite itself has two locks: one held for a whole transaction (and by query() for its one
    // statement), one for each statement. Holding both, in that order, nothing else runs in between.
    const alone = <T>(fn: () => Promise<T>): Promise<T> =>
      client._runExclusiveTransaction(() => client.runExclusive(fn));
    const exclusive = <T>(setup: Statement[], fn: (tx: Tx) => Promise<T>): Promise<T> =>
      alone(async () => {
        const rollBack = (error: unknown) =>
          session.run([{ text: 'ROLLBACK' }]).then(
            () => Promise.reject(error),
            () => Promise.reject(error),
          );
        await session.run([{ text: 'BEGIN' }, ...setup]).catch(rollBack);
        const { result, last } = await runQueuingAtCommit(inTransaction, fn, rollBack);
        await session
          .run([...last.map(({ text, params }) => ({ text, values: params })), { text: 'COMMIT' }])
          .catch(rollBack);
        await client.syncToFs();
        return result;
      });
    const feed = councilChangeFeed();
    let unlisten: (() => Promise<void>) | undefined;
    // One connection, as the embedded superuser: every transaction switches role (see wrap).
    return wrap(
      'pglite',
      { app: () => orm, owner: orm },
      {
        changes: feed.changes,
        async migrate() {
          const applied = await client.transaction(async (t) => {
            await t.exec(MIGRATIONS_TABLE);
            const done = new Set(
              (await t.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
            );
            const applied: string[] = [];
            for (const m of await readMigrations()) {
              if (done.has(m.name)) continue;
              await t.exec(m.text);
              await t.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
              applied.push(m.name);
            }
            return applied;
          });
          // PGlite hands a notification on while the committing query is answered, before the
          // commit's caller resumes: a page read after a write never finds figures from before it.
          if (!unlisten) {
            const stops = await Promise.all(
              [COUNCIL_CHANGE_CHANNEL, YOUNG_PERSON_CHANGE_CHANNEL].map((channel) =>
                client.listen(channel, (payload) => feed.heard(channel, payload)),
              ),
            );
            unlisten = async () => {
              for (const stop of stops) await stop();
            };
          }
          if (!feed.changes.live) feed.listening();
          return { applied, secret: await readSecret((text) => client.query<{ value: string }>(text)) };
        },
        oneAtATime: true,
        transaction: (setup, fn) => exclusive([setup], fn),
        system: (fn) => exclusive([], fn),
        single: <T>(query: SQL) =>
          alone(async () => {
            const { sql: text, params } = dialect.sqlToQuery(query);
            const { rows } = await session.query<T>(text, params);
            await client.syncToFs();
            return rows;
          }),
        async queueSql(text, values) {
          if (values?.length) return client.query<Record<string, unknown>>(text, values);
          const results = await client.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
        },
        async close() {
          feed.deaf();
          await unlisten?.();
          await client.close();
          release();
        },
      },
    );
  }
  const ownerPool = new pg.Pool({
    connectionString: options.url,
    max: 2,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 10_000,
  });
  ownerPool.on('error', (err) =>
    log.error(
      { err: { message: err.message, code: (err as { code?: string }).code } },
      'a database connection was lost (owner)',
    ),
  );
  let appPool: pg.Pool | undefined;
  let app: Tx | undefined;
  let listener: ReturnType<typeof listenForChanges> | undefined;
  const feed = councilChangeFeed(() => listener?.settled() ?? Promise.resolve());
  const owner = drizzlePg(ownerPool, { schema }) as unknown as Tx;
  const appOrm = () => {
    if (!app) throw new Error('The database is not ready: call migrate() first');
    return app;
  };
  return wrap(
    'postgres',
    { app: appOrm, owner },
    {
      changes: feed.changes,
      async migrate() {
        const c = await ownerPool.connect();
        let secret: string;
        let login: { user: string; password: string } | null = null;
        const applied: string[] = [];
        try {
          await c.query('BEGIN');
          await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
          await c.query(MIGRATIONS_TABLE);
          const done = new Set(
            (await c.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
          );
          for (const m of await readMigrations()) {
            if (done.has(m.name)) continue;
            await c.query(m.text);
            await c.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name]);
            applied.push(m.name);
          }
          secret = await readSecret((text) => c.query<{ value: string }>(text));
          if (!options.appUrl) login = await ensureLoginRole(c, secret);
          await c.query('COMMIT');
        } catch (error) {
          await c.query('ROLLBACK').catch(() => {});
          throw error;
        } finally {
          c.release();
        }
        const appUrl = options.appUrl ?? withUser(options.url, login!);
        appPool ??= new pg.Pool({
          connectionString: appUrl,
          max: options.poolSize ?? 10,
          connectionTimeoutMillis: 10_000,
        });
        appPool.on('error', (err) =>
          log.error(
            { err: { message: err.message, code: (err as { code?: string }).code } },
            'a database connection was lost',
          ),
        );
        app ??= drizzlePg(appPool, { schema }) as unknown as Tx;
        await checkAppRole(appPool, log);
        listener ??= listenForChanges(appUrl, feed, log);
        await listener.started;
        return { applied, secret };
      },
      async transaction(setup, fn) {
        if (!appPool) throw new Error('The database is not ready: call migrate() first');
        const client = await appPool.connect();
        // A connection that could not even roll back is closed, not given to the next request.
        let broken: Error | undefined;
        const rollBack = (error: unknown) =>
          client.query('ROLLBACK').then(
            () => Promise.reject(error),
            (lost: Error) => {
              broken = lost;
              return Promise.reject(error);
            },
          );
        try {
          let tx = ormsOfClients.get(client);
          if (!tx) {
            prepareOnce(client);
            tx = drizzlePg(client, { schema }) as unknown as Tx;
            // It is already in one: drizzle's own would send BEGIN and COMMIT on this connection.
            tx.transaction = () => {
              throw new Error('Already in a transaction: use tx itself');
            };
            ormsOfClients.set(client, tx);
          }
          // Not sent yet: the first statement takes them (see prepareOnce), saving a round trip.
          const opening = [{ text: 'BEGIN' }, setup];
          openingOf.set(client, opening);
          const { result, last } = await runQueuingAtCommit(tx, fn, (error) =>
            // Nothing was sent if the opening is still here: there is nothing to roll back.
            openingOf.get(client) === opening ? Promise.reject(error) : rollBack(error),
          );
          const unopened = openingOf.get(client) === opening;
          openingOf.delete(client);
          // A transaction that ran nothing is not begun at all.
          if (unopened && last.length === 0) return result;
          if (last.length === 0) await client.query('COMMIT');
          else
            await pipelined(client, [
              ...(unopened ? opening : []),
              ...last.map(({ text, params }) => ({ text, values: params.map(asParameter) })),
              { text: 'COMMIT' },
            ]).catch(rollBack);
          return result;
        } finally {
          openingOf.delete(client);
          client.release(broken);
        }
      },
      async queueSql(text, values) {
        const result = values?.length ? await ownerPool.query(text, values) : await ownerPool.query(text);
        // A script answers with one result per statement: the last is the one asked for.
        const last = (Array.isArray(result) ? result.at(-1) : result) as pg.QueryResult | undefined;
        return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
      },
      async close() {
        await listener?.stop();
        await Promise.all([ownerPool.end(), appPool?.end()]);
      },
    },
  );
}

/**
 * One connection of the app's login kept for LISTEN (a pooled one would be handed to requests).
 * When it is lost the feed goes deaf at once, and it connects again after RELISTEN_MS until it
 * is stopped; being heard again tells every subscriber that anything may have changed.
 */
function listenForChanges(url: string, feed: ReturnType<typeof councilChangeFeed>, log: DatabaseLog) {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const lost = (c: pg.Client, err?: Error) => {
    if (client !== c) return;
    client = undefined;
    feed.deaf();
    c.end().catch(() => {});
    if (stopped) return;
    if (err) log.warn({ err: { message: err.message } }, 'stopped hearing of council changes; listening again');
    timer = setTimeout(() => void connect(), RELISTEN_MS);
    timer.unref();
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    client = c;
    c.on('error', (err) => lost(c, err));
    c.on('end', () => lost(c));
    c.on('notification', (n) => {
      if (n.payload) feed.heard(n.channel, n.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${COUNCIL_CHANGE_CHANNEL}; LISTEN ${YOUNG_PERSON_CHANGE_CHANNEL}`);
      if (client === c && !stopped) feed.listening();
    } catch (err) {
      lost(c, err as Error);
    }
  };
  return {
    started: connect(),
    /**
     * A round trip on the listening connection. PostgreSQL signals listeners as a transaction
     * commits, before the committer hears it did, and a listener hands on what it was signalled
     * before it answers its next query: so every change committed before this call has been heard
     * when it resolves. Lost connection: resolves anyway (the feed is deaf, nothing is kept). Callers
     * that ask while one is on the wire share the next (settle.ts), rather than queue one each.
     */
    settled: sharedRoundTrips(async () => {
      await client?.query('SELECT 1');
    }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      feed.deaf();
      await c?.end().catch(() => {});
    },
  };
}

/**
 * The login role Pathway makes for itself when no DATABASE_APP_URL is given: one per database,
 * no privileges of its own (NOINHERIT), its password derived from the database's secret so every
 * process of this database agrees on it.
 */
async function ensureLoginRole(c: pg.PoolClient, secret: string) {
  const { rows } = await c.query<{ db: string; can: boolean }>(
    `SELECT current_database() AS db, (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) AS can`,
  );
  const user = `pathway_login_${createHash('md5').update(rows[0].db).digest('hex').slice(0, 12)}`;
  const password = createHash('sha256').update(`${secret}:login`).digest('hex');
  if (!rows[0].can) {
    throw new Error(
      'The database owner cannot create roles, so Pathway cannot make its own login. Set DATABASE_APP_URL to a login role ' +
        'that is a member of pathway_app and pathway_auth (see docs/operations.md).',
    );
  }
  const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user])).rowCount;
  const role = c.escapeIdentifier(user);
  await c.query(
    `${exists ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${c.escapeLiteral(password)}`,
  );
  await c.query(`GRANT pathway_app, pathway_auth TO ${role}`);
  return { user, password };
}

function withUser(url: string, login: { user: string; password: string }): string {
  const parsed = new URL(url);
  parsed.username = login.user;
  parsed.password = login.password;
  return parsed.toString();
}

/** The app must never log in as a superuser or as the owner of the tables. */
async function checkAppRole(pool: pg.Pool, log: DatabaseLog) {
  const { rows } = await pool.query<{
    user: string;
    super: boolean;
    inherit: boolean;
    owner: boolean;
    app: boolean;
    auth: boolean;
  }>(`
    SELECT current_user AS user, r.rolsuper AS super, r.rolinherit AS inherit,
      EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owner,
      pg_has_role(current_user, 'pathway_app', 'MEMBER') AS app, pg_has_role(current_user, 'pathway_auth', 'MEMBER') AS auth
    FROM pg_roles r WHERE r.rolname = current_user`);
  const me = rows[0];
  if (me.super || me.owner) {
    throw new Error(
      `The app's database login (${me.user}) is a superuser or owns Pathway's tables. Use a login role that is neither (see docs/operations.md).`,
    );
  }
  if (!me.app || !me.auth)
    throw new Error(`The app's database login (${me.user}) must be a member of pathway_app and pathway_auth.`);
  if (me.inherit)
    log.warn(
      { user: me.user },
      "the app's database login inherits its roles' privileges; NOINHERIT is safer (docs/operations.md)",
    );
}

/**
 * Turns for a database that runs on the app's own thread, one transaction at a time (PGlite). Its
 * statements never give the event loop back while they run, so without turns a transaction that
 * finishes hands the lock straight to the next, and the next, all in one turn of the loop: new
 * connections wait to be accepted, and requests already read wait to be answered, until every
 * transaction queued has run (under 20 new connections at once the last waited 2–4 s). Here each
 * transaction starts in a turn of the loop of its own, first come first served, so the server goes
 * on accepting and answering between them.
 */
function turnTaking() {
  const waiting: (() => void)[] = [];
  let busy = false;
  const next = () => {
    const go = waiting.shift();
    if (go) go();
    else busy = false;
  };
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy) await new Promise<void>((resolve) => waiting.push(resolve));
    busy = true;
    try {
      return await work();
    } finally {
      setImmediate(next);
    }
  };
}

function wrap(
  driver: Database['driver'],
  orm: { app: () => Tx; owner: Tx },
  own: {
    changes: CouncilChanges;
    migrate(): Promise<{ applied: string[]; secret: string }>;
    queueSql: Database['queueSql'];
    close(): Promise<void>;
    /**
     * The driver's own way to run fn in a transaction whose first statement is `setup`, begun and
     * set up in one round trip, with the statements queued by `atCommit` sent with its COMMIT.
     */
    transaction<T>(setup: { text: string; values: (string | null)[] }, fn: (tx: Tx) => Promise<T>): Promise<T>;
    /** The database runs one transaction at a time on this thread: take turns (see `turnTaking`). */
    oneAtATime?: boolean;
    /** The driver's own way to run fn as the tables' owner, and to run one statement (see `Database`). */
    system?<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
    single?<T>(query: SQL): Promise<T[]>;
  },
): Database {
  let keyOf: ((councilId: string) => string) | undefined;
  const ready = () => {
    if (!keyOf) throw new Error('The database is not ready: call migrate() first');
    return keyOf;
  };
  // Each transaction first switches role for itself only; ENTER also enters the council, both in one statement.
  const AS_APP = `SELECT set_config('role', 'pathway_app', true)`;
  const AS_AUTH = `SELECT set_config('role', 'pathway_auth', true)`;
  const ENTER = `SELECT set_config('role', 'pathway_app', true), pathway_enter_council($1::uuid, $2)`;
  // Closing waits for the transactions already running, and for a quiet moment after them (a request
  // still being answered when the server stops may open its next transaction a few ticks later),
  // for up to CLOSE_DRAIN_MS in all, before the connections end.
  let running = 0;
  let lastEnded = 0;
  let idle: (() => void) | undefined;
  let closed: Promise<void> | undefined;
  const takeTurn = own.oneAtATime ? turnTaking() : undefined;
  const tracked = async <T>(work: () => Promise<T>): Promise<T> => {
    running += 1;
    try {
      return await (takeTurn ? takeTurn(work) : work());
    } finally {
      running -= 1;
      lastEnded = Date.now();
      if (running === 0) idle?.();
    }
  };
  const drain = async () => {
    const deadline = Date.now() + CLOSE_DRAIN_MS;
    const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    while (Date.now() < deadline) {
      if (running > 0) {
        await Promise.race([new Promise<void>((resolve) => (idle = resolve)), wait(deadline - Date.now())]);
        continue;
      }
      const quietFor = Date.now() - lastEnded;
      if (quietFor >= CLOSE_QUIET_MS) return;
      await wait(CLOSE_QUIET_MS - quietFor);
    }
  };
  return {
    driver,
    withCouncil(councilId, fn) {
      const setup = { text: ENTER, values: [councilId, ready()(councilId)] };
      return tracked(() => own.transaction(setup, fn));
    },
    withoutCouncil(fn) {
      return tracked(() => own.transaction({ text: AS_APP, values: [] }, fn));
    },
    beforeCouncil(fn) {
      return tracked(() => own.transaction({ text: AS_AUTH, values: [] }, fn));
    },
    single<T>(query: SQL) {
      if (own.single) return tracked(() => own.single!<T>(query));
      return tracked(async () => ((await orm.app().execute(query)) as unknown as { rows: T[] }).rows);
    },
    system(fn) {
      if (own.system) return tracked(() => own.system!(fn));
      return tracked(() => orm.owner.transaction(async (tx) => fn(tx as unknown as Tx)));
    },
    queueSql(text, values) {
      return tracked(() => own.queueSql(text, values));
    },
    async migrate() {
      const { applied, secret } = await own.migrate();
      keyOf = councilKeys(secret);
      await prepareQueueStore(this);
      return applied;
    },
    async ping() {
      await tracked(() => orm.app().execute(sql`SELECT 1`));
    },
    councilChanges: own.changes,
    close() {
      closed ??= drain().then(own.close);
      return closed;
    },
  };
}
