// Entry point: config → database → migrations → app → listen; graceful close.
import pino from 'pino';
import { loadConfig } from './src/config.ts';
import { start } from './src/main.ts';
import { isDatabaseUnavailable } from './src/data/db.ts';
import { DataDirLocked } from './src/data/data-dir-lock.ts';
import { redactText, serializeError } from './src/http/logging.ts';

const startedAt = performance.now();
let config: ReturnType<typeof loadConfig> | undefined;
let started: Awaited<ReturnType<typeof start>>;
try {
  config = loadConfig();
  started = await start(config);
  await started.app.listen({ port: config.port, host: config.host });
} catch (error) {
  // One clear line for the person starting Pathway, not a stack trace.
  const log = pino({ level: 'info' });
  const e = error as Error & { code?: string };
  const where = config?.databaseUrl ? safeLocation(config.databaseUrl) : config?.dataDir;
  if (isDatabaseUnavailable(error)) {
    log.fatal(
      { database: where, code: e.code },
      `Pathway cannot start: the database at ${where} cannot be reached (${redactText(e.message.split('\n')[0])})`,
    );
  } else if (error instanceof DataDirLocked) {
    log.fatal({ database: where }, `Pathway cannot start: ${e.message}`);
  } else {
    log.fatal(
      { err: serializeError(e), code: e.code },
      `Pathway cannot start: ${redactText(e.message.split('\n')[0])}`,
    );
  }
  process.exit(1);
}
const { app } = started;
app.log.info(
  {
    ms: Math.round(performance.now() - startedAt),
    database: config.databaseUrl ? safeLocation(config.databaseUrl) : config.dataDir,
  },
  `Pathway is ready on http://localhost:${config.port}`,
);

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

/** host:port/database of a connection string, never its user or password. */
function safeLocation(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the configured server';
  }
}
