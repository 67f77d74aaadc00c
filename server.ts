// Entry point: config → database → migrations → app → listen; graceful close.
// With PATHWAY_WORKERS=N (PostgreSQL only) a primary process migrates and seeds once, then runs N
// worker processes that share the port; each worker is the same app, stateless apart from the database.
import cluster, { type Worker } from 'node:cluster';
import pino from 'pino';
import { type Config, loadConfig } from './src/config.ts';
import { DataDirLocked } from './src/data/data-dir-lock.ts';
import { isDatabaseUnavailable } from './src/data/db.ts';
import { redactText, serializeError } from './src/http/logging.ts';
import { prepare, start } from './src/main.ts';

const startedAt = performance.now();
let config: Config | undefined;
try {
  config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) await runPrimary(config);
  else await runServer(config, { prepared: cluster.isWorker });
} catch (error) {
  cannotStart(error, config);
}

/** One process serving requests: the only one, or one of the workers. */
async function runServer(config: Config, options: { prepared: boolean }): Promise<void> {
  const { app } = await start(config, undefined, options);
  await app.listen({ port: config.port, host: config.host });
  const ms = Math.round(performance.now() - startedAt);
  // Load the PDF code and parse its fonts now, not on a young person's first download, but after
  // listening: it takes about 1 s, which a start need not wait for.
  import('./src/http/pdf/plan-pdf.ts')
    .then(({ preparePlanPdf }) => preparePlanPdf())
    .catch((err) => app.log.error({ err }, 'could not prepare the plan PDF'));
  if (cluster.isWorker) app.log.info({ ms, worker: cluster.worker?.id }, 'worker ready');
  else app.log.info({ ms, database: where(config) }, `Pathway is ready on http://localhost:${config.port}`);
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      app.close().then(
        () => process.exit(0),
        (err) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

/** Migrate and seed once, start the workers, replace one that dies, stop them all on a signal. */
async function runPrimary(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel });
  const { seeded } = await prepare(config);
  if (seeded) log.info('seeded the demo council');
  let stopping = false;
  const recentDeaths: number[] = [];
  const fork = () => cluster.fork();
  cluster.on('exit', (worker: Worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && recentDeaths[0] < now - 60_000) recentDeaths.shift();
    if (recentDeaths.length > 5) {
      log.fatal({ code, signal }, 'workers keep stopping (more than 5 in a minute): Pathway stops');
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      process.exitCode = 1;
      return;
    }
    log.error({ worker: worker.id, code, signal }, 'a worker stopped; starting another');
    fork();
  });
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === config.workers) {
      log.info(
        { ms: Math.round(performance.now() - startedAt), workers: config.workers, database: where(config) },
        `Pathway is ready on http://localhost:${config.port} with ${config.workers} workers`,
      );
    }
  });
  for (let i = 0; i < config.workers; i++) fork();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down the workers');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      const force = setTimeout(() => process.exit(1), 12_000);
      force.unref();
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(process.exitCode ?? 0);
      });
    });
  }
}

/** One clear line for the person starting Pathway, not a stack trace. */
function cannotStart(error: unknown, config: Config | undefined): never {
  const log = pino({ level: 'info' });
  const e = error as Error & { code?: string };
  const at = config ? where(config) : undefined;
  if (isDatabaseUnavailable(error)) {
    log.fatal(
      { database: at, code: e.code },
      `Pathway cannot start: the database at ${at} cannot be reached (${redactText(e.message.split('\n')[0])})`,
    );
  } else if (error instanceof DataDirLocked) {
    log.fatal({ database: at }, `Pathway cannot start: ${e.message}`);
  } else {
    log.fatal(
      { err: serializeError(e), code: e.code },
      `Pathway cannot start: ${redactText(e.message.split('\n')[0])}`,
    );
  }
  process.exit(1);
}

/** Where the data is: host:port/database of a connection string (never its user or password), or the folder. */
function where(config: Config): string {
  if (!config.databaseUrl) return config.dataDir;
  try {
    const u = new URL(config.databaseUrl);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}
