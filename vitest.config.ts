import { defineConfig } from 'vitest/config';

// Three layers (STYLE.md): unit = pure domain tables; http = real app + real
// database; e2e = system Chromium driving the real app. The http and e2e layers
// run on PGlite, and again on a PostgreSQL server when DATABASE_URL is set.
const withServer = Boolean(process.env.DATABASE_URL);

const dbProjects = (driver: 'pglite' | 'postgres') => [
  {
    test: {
      name: `http-${driver}`,
      include: ['test/http/**/*.test.ts'],
      env: { PATHWAY_TEST_DRIVER: driver },
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  },
  {
    test: {
      name: `e2e-${driver}`,
      include: ['test/e2e/**/*.test.ts'],
      env: { PATHWAY_TEST_DRIVER: driver },
      // A walk through twenty pages with axe on each took just over 60 s on a slow 2-core machine.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  },
];

export default defineConfig({
  test: {
    projects: [
      // Generous time-outs: a loaded 2-core CI machine runs the generator tests 3 to 5 times slower.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      ...dbProjects('pglite'),
      ...(withServer ? dbProjects('postgres') : []),
    ],
  },
});
