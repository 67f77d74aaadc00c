// Entry point: config → database → migrations → app → listen; graceful close.
import { loadConfig } from './src/config.ts';
import { start } from './src/main.ts';

const startedAt = performance.now();
const config = loadConfig();
const { app } = await start(config);
await app.listen({ port: config.port, host: config.host });
app.log.info({ ms: Math.round(performance.now() - startedAt), database: config.databaseUrl ? 'postgres' : config.dataDir }, `Pathway is ready on http://localhost:${config.port}`);

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
