#!/usr/bin/env node
// `npm test`: format and lint, type-check, then every test layer (unit, HTTP, browser) on PGlite, and again on
// the PostgreSQL server named by DATABASE_URL when it is set. Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;

// One formatter and linter (Biome, biome.json): a file off the format or a lint finding fails the run.
console.log('Checking format and lint (Biome)…');
if (run('npx', ['biome', 'check', '--error-on-warnings', '.']) !== 0) {
  console.log('Fix with: npm run format (format and safe fixes), then see what npm run lint still reports.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
console.log('Type-checking…');
if (run('npx', ['tsc', '--noEmit']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (!process.env.DATABASE_URL) console.log('DATABASE_URL is not set: tests run on PGlite only.');

mkdirSync('.test-artifacts', { recursive: true });
const out = '.test-artifacts/vitest.json';
rmSync(out, { force: true });
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
]);
let summary;
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  // A file that fails to load counts as a failure even though no test in it ran.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  ).length;
  const failed = r.numFailedTests + brokenFiles + (status !== 0 && r.numFailedTests + brokenFiles === 0 ? 1 : 0);
  summary = `${r.numPassedTests} passed, ${failed} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
} catch {
  summary = `0 passed, 1 failed`;
}
console.log(summary);
process.exit(status);
