// Start-up time of `npm start`'s path: open the embedded database, migrate, seed the demo council
// (first start only), build the app. Baseline: opening an empty PGlite in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/config.ts';
import { start } from '../src/main.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'pathway-bench-'));
// Warm up: the first PGlite in a process compiles its WebAssembly, which every start pays once.
const warm = performance.now();
await (await PGlite.create()).close();
const wasmMs = performance.now() - warm;
const baseStart = performance.now();
const bare = await PGlite.create(path.join(dir, 'bare'));
await bare.query('SELECT 1');
const baseline = performance.now() - baseStart;
await bare.close();

const config = {
  ...loadConfig({ NODE_ENV: 'development', PATHWAY_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' }),
};
let s = performance.now();
let { app } = await start(config);
await app.ready();
const first = performance.now() - s;
await app.close();
s = performance.now();
({ app } = await start(config));
await app.ready();
const second = performance.now() - s;
await app.close();
rmSync(dir, { recursive: true, force: true });

console.log('| start | ms | ÷ baseline |');
console.log('| --- | ---: | ---: |');
console.log(`| (once per process: load PGlite's WebAssembly) | ${wasmMs.toFixed(0)} | – |`);
console.log(`| baseline: open an empty PGlite on disk | ${baseline.toFixed(0)} | 1.0 |`);
console.log(
  `| first start: create database, migrate, seed demo council, build app | ${first.toFixed(0)} | ${(first / baseline).toFixed(1)} |`,
);
console.log(
  `| later start: open database, check migrations, build app | ${second.toFixed(0)} | ${(second / baseline).toFixed(1)} |`,
);
