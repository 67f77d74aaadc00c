import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type Database, type DatabaseLog } from './data/db.ts';
import { systemClock, ukDate, type Clock } from './domain/clock.ts';
import { buildServices } from './services/index.ts';
import { createApp } from './http/app.ts';
import { analyze, hasAnyCouncil, seed } from './seed/seeder.ts';

export async function openConfiguredDatabase(config: Config, log?: DatabaseLog): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({
        driver: 'postgres',
        url: config.databaseUrl,
        appUrl: config.databaseAppUrl,
        poolSize: config.databasePoolSize,
        log,
      })
    : openDatabase({ driver: 'pglite', dataDir: config.dataDir, log });
}

/**
 * What must happen once before any process serves: migrations, and the demo council on a first
 * start. With several workers the primary process does this, then starts them.
 */
export async function prepare(config: Config, clock: Clock = systemClock): Promise<{ seeded: boolean }> {
  const db = await openConfiguredDatabase(config);
  try {
    await db.migrate();
    if (config.demo && !(await hasAnyCouncil(db))) {
      await seed(db, { councils: 1, youngPeople: 615, today: ukDate(clock.now()), demoPasswords: true });
      return { seeded: true };
    }
    return { seeded: false };
  } finally {
    await db.close();
  }
}

/**
 * config → database → migrations → demo data → app. The caller listens and closes. `prepared`: the
 * primary process has already migrated and seeded (several workers), so this process only serves.
 */
export async function start(
  config: Config,
  clock: Clock = systemClock,
  options: { prepared?: boolean } = {},
): Promise<{ app: FastifyInstance; db: Database }> {
  // Lost connections are reported to the app's log once there is one.
  let log: DatabaseLog | undefined;
  const db = await openConfiguredDatabase(config, {
    error: (obj, msg) => log?.error(obj, msg),
    warn: (obj, msg) => log?.warn(obj, msg),
  });
  let app: FastifyInstance;
  let services: ReturnType<typeof buildServices>;
  try {
    await db.migrate();
    services = buildServices(db, clock, {
      sessionIdleMinutes: config.sessionIdleMinutes,
      apiCallsPerMinute: config.apiCallsPerMinute,
      notify: config.notify,
      publicUrl: config.publicUrl,
    });
    app = await createApp({ config, services });
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  log = app.log;
  let seeded = false;
  if (!options.prepared && config.demo && !(await hasAnyCouncil(db))) {
    seeded = true;
    const started = performance.now();
    const result = await seed(db, { councils: 1, youngPeople: 615, today: ukDate(clock.now()), demoPasswords: true });
    app.log.info({ ...result, ms: Math.round(performance.now() - started) }, 'seeded the demo council');
  }
  const housekeeping = setInterval(
    () => void services.auth.housekeeping().catch((err) => app.log.error({ err }, 'housekeeping failed')),
    10 * 60_000,
  );
  housekeeping.unref();
  // The embedded database has no autovacuum: keep the planner's statistics fresh by hand (see `analyze`).
  let statistics: NodeJS.Timeout | undefined;
  if (db.driver === 'pglite') {
    if (!seeded) {
      const started = performance.now();
      await analyze(db);
      app.log.info({ ms: Math.round(performance.now() - started) }, 'gathered the planner statistics');
    }
    statistics = setInterval(
      () => void analyze(db).catch((err) => app.log.error({ err }, 'gathering the planner statistics failed')),
      60 * 60_000,
    );
    statistics.unref();
  }
  // Reminders (issue 12 §3): every process works the job queue; pg-boss gives each job to one of them.
  if (config.jobs) {
    await services.jobs.start(app.log);
    app.log.info({ notify: config.notify ? 'GOV.UK Notify' : 'demo outbox only' }, 'working the reminder queue');
  }
  app.addHook('onClose', async () => {
    clearInterval(housekeeping);
    clearInterval(statistics);
    await services.jobs.stop();
    await db.close();
  });
  return { app, db };
}
