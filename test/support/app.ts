// Builds the real app on a real database for HTTP and browser tests.
// One database per test worker (PGlite in memory, or the server named by DATABASE_URL);
// each test file makes its own council(s), so files never see each other's rows.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/data/db.ts';
import { buildServices, type Services } from '../../src/services/index.ts';
import { createApp } from '../../src/http/app.ts';
import { generateCouncil, type CouncilRows } from '../../src/seed/generator.ts';
import { insertCouncil, DEMO_PASSWORD } from '../../src/seed/seeder.ts';
import { hashPassword } from '../../src/services/secrets.ts';

export const PASSWORD = DEMO_PASSWORD;
export const TODAY = '2026-11-23';

/** A clock tests can move. */
export function testClock(start = `${TODAY}T10:00:00Z`) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
}
export type TestClock = ReturnType<typeof testClock>;

export function testDriver(): 'pglite' | 'postgres' {
  return process.env.PATHWAY_TEST_DRIVER === 'postgres' ? 'postgres' : 'pglite';
}

/**
 * `poolSize`: connections to PostgreSQL; races want as many as production's default (10).
 * `own`: a test that closes the database to see what follows gets a PGlite of its own, not the
 * worker's shared one (on PostgreSQL every call has its own connections anyway).
 */
export async function testDatabase(options: { poolSize?: number; own?: boolean } = {}): Promise<Database> {
  const driver = testDriver();
  if (driver === 'postgres') {
    if (!process.env.DATABASE_URL) throw new Error('PATHWAY_TEST_DRIVER=postgres needs DATABASE_URL');
    const db = await openDatabase({
      driver: 'postgres',
      url: process.env.DATABASE_URL,
      poolSize: options.poolSize ?? 4,
    });
    await db.migrate();
    return db;
  }
  return options.own ? freshEmbedded() : sharedEmbedded();
}

async function freshEmbedded(): Promise<Database> {
  const db = await openDatabase({ driver: 'pglite' });
  await db.migrate();
  return db;
}

let embedded: Promise<Database> | undefined;
/**
 * On PGlite, one database for the whole test worker, as the PostgreSQL tests share one server
 * database: starting and migrating PGlite takes about 3 s, once per test file before. The HTTP and
 * browser layers run their files in one worker without isolation (vitest.config.ts), so this module,
 * and the database, outlive a file; each file makes its own council(s) and never sees another's rows.
 * A file's `close()` leaves the database open for the next file.
 */
function sharedEmbedded(): Promise<Database> {
  embedded ??= freshEmbedded();
  return embedded.then((db) => Object.assign(Object.create(db) as Database, { close: async () => {} }));
}

let cachedHash: Promise<string> | undefined;
export const passwordHash = () => (cachedHash ??= hashPassword(PASSWORD));

/** A small synthetic council with a unique slug (and email domain) for this test file. */
export async function buildCouncil(
  db: Database,
  options: { youngPeople?: number; today?: string; planHistoryYears?: number } = {},
): Promise<CouncilRows> {
  const slug = `t${randomBytes(4).toString('hex')}`;
  const hash = await passwordHash();
  // PATHWAY_TEST_COUNCIL_INDEX makes every council of a run the same, to replay a failure that
  // depended on the generated data (the index is the slug's first 6 hex digits).
  const index = Number(process.env.PATHWAY_TEST_COUNCIL_INDEX || Number.NaN);
  const rows = generateCouncil({
    index: Number.isInteger(index) ? index : parseInt(slug.slice(1, 7), 16),
    slug,
    name: `Test Council ${slug}`,
    youngPeople: options.youngPeople ?? 80,
    today: options.today ?? TODAY,
    staffPasswordHash: hash,
    youngPersonPasswordHash: hash,
    emailDomain: `${slug}.test`,
    planHistoryYears: options.planHistoryYears,
  });
  await insertCouncil(db, rows);
  return rows;
}

export type TestApp = {
  app: FastifyInstance;
  db: Database;
  services: Services;
  clock: TestClock;
  config: Config;
  close(): Promise<void>;
};

/** What a test may add to the app: a logger (e.g. writing to a stream it reads), and routes of its own. */
export type TestAppOptions = { logger?: object; extend?: (app: FastifyInstance, services: Services) => void };

export async function buildTestApp(
  db?: Database,
  overrides: Partial<Config> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const database = db ?? (await testDatabase());
  const clock = testClock();
  const config = { ...loadConfig({ NODE_ENV: 'test' }), demo: false, ...overrides };
  const services = buildServices(database, clock, {
    sessionIdleMinutes: config.sessionIdleMinutes,
    apiCallsPerMinute: config.apiCallsPerMinute,
    notify: config.notify,
    publicUrl: config.publicUrl,
  });
  const app = await createApp({ config, services, logger: options.logger ?? false });
  options.extend?.(app, services);
  await app.ready();
  return {
    app,
    db: database,
    services,
    clock,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Demo sign-ins in a generated council: one per role. */
export function signInFor(rows: CouncilRows, who: 'pa' | 'tm' | 'sw' | 'iro' | 'sm' | 'admin') {
  return `${who}@${rows.council.slug}.test`;
}
export function staffByLocal(rows: CouncilRows, who: 'pa' | 'tm' | 'sw' | 'iro' | 'sm' | 'admin') {
  return rows.staff.find((s) => s.email === signInFor(rows, who))!;
}
