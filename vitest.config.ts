import { defineConfig } from 'vitest/config';

// Three layers (STYLE.md): unit = pure domain tables; http = real app + real
// database; e2e = system Chromium driving the real app. The http layer runs on
// PGlite, and again on a PostgreSQL server when DATABASE_URL is set; the e2e
// layer on the server when it is set, else on PGlite.
const withServer = Boolean(process.env.DATABASE_URL);
type Driver = 'pglite' | 'postgres';

const http = (driver: Driver) => ({
  test: {
    name: `http-${driver}`,
    include: ['test/http/**/*.test.ts'],
    env: { PATHWAY_TEST_DRIVER: driver, PATHWAY_CHECK_STATEMENTS: '1' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files share the worker's modules and its one PGlite (test/support/app.ts): about 4 s a file
    // less than a fresh import and a fresh database each. Files share no state but the database,
    // where each makes its own council.
    isolate: false,
  },
});
const e2e = (driver: Driver) => ({
  test: {
    name: `e2e-${driver}`,
    include: ['test/e2e/**/*.test.ts'],
    env: { PATHWAY_TEST_DRIVER: driver, PATHWAY_CHECK_STATEMENTS: '1' },
    // A walk through twenty pages with axe on each took just over 60 s on a slow 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    isolate: false,
  },
});

export default defineConfig({
  test: {
    projects: [
      // Generous time-outs: a loaded 2-core CI machine runs the generator tests 3 to 5 times slower.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      http('pglite'),
      ...(withServer ? [http('postgres')] : []),
      // The browser layer runs on one database: the server when DATABASE_URL is set, as production
      // does, else PGlite. What differs between the two is below the pages, in the HTTP layer, which
      // runs on both. PATHWAY_E2E_BOTH=1 runs the browser layer on both too.
      ...(withServer && process.env.PATHWAY_E2E_BOTH !== '1' ? [] : [e2e('pglite')]),
      ...(withServer ? [e2e('postgres')] : []),
    ],
  },
});
