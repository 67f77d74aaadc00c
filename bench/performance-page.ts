// The managers' performance page at council sizes (issue 10 §6): a service manager's /performance
// (the whole council, today and a year ago) for councils of 1,000, 5,000 and 10,000 young people,
// each made by the project's own generator with its plan history, in one database. Baseline,
// measured in the same run: GET /health (one database round trip) and a team manager's team list.
//   npx tsx bench/performance-page.ts [--driver pglite|postgres] [--sizes 1000,5000,10000] [--requests 30]
//                                    [--into postgres://…/db]
// --driver postgres makes a fresh database on the server in DATABASE_URL (default 127.0.0.1:5432);
// --into adds the councils to an existing database instead, e.g. one `pathway seed --councils 150` filled.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { Agent } from '../test/support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, TODAY } from '../test/support/app.ts';
import { freshPostgres } from './support/processes.ts';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'pglite' },
    sizes: { type: 'string', default: '1000,5000,10000' },
    requests: { type: 'string', default: '30' },
    into: { type: 'string' },
  },
});
const N = Number(values.requests);
const sizes = values.sizes.split(',').map(Number);
const pg = values.into
  ? { url: values.into, drop: async () => {} }
  : values.driver === 'postgres'
    ? await freshPostgres(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
    : null;
if (pg) {
  process.env.PATHWAY_TEST_DRIVER = 'postgres';
  process.env.DATABASE_URL = pg.url;
} else process.env.PATHWAY_TEST_DRIVER = 'pglite';

type Row = { label: string; median: number; p95: number };
/** `before`, untimed, runs before each request: a change to the council, so nothing kept is used. */
async function time(label: string, agent: Agent, url: string, before?: () => Promise<unknown>): Promise<Row> {
  for (let i = 0; i < 3; i++) await agent.get(url);
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    await before?.();
    const s = performance.now();
    const r = await agent.get(url);
    samples.push(performance.now() - s);
    if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode}`);
  }
  samples.sort((a, b) => a - b);
  return { label, median: samples[Math.floor(N / 2)], p95: samples[Math.floor(N * 0.95)] };
}

const t = await buildTestApp();
try {
  const lines: string[] = [];
  const yearAgo = `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`;
  let baseline: Row | undefined;
  for (const [i, size] of sizes.entries()) {
    const built = performance.now();
    const rows = await buildCouncil(t.db, { youngPeople: size, planHistoryYears: 3 });
    const buildMs = performance.now() - built;
    const sm = new Agent(t.app, `10.9.${i}.1`);
    await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
    const tm = new Agent(t.app, `10.9.${i}.2`);
    await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
    baseline ??= await time('GET /health (baseline: one database round trip)', new Agent(t.app), '/health');
    // A change the figures read (the council's name): the next page is made afresh.
    const change = () =>
      t.db.system((tx) => tx.execute(sql`UPDATE councils SET name = name WHERE id = ${rows.council.id}`));
    const results = [
      await time(`team list (team manager), ${size} young people`, tm, '/team'),
      await time(`performance page, today, ${size} young people`, sm, '/performance'),
      await time(`performance page, a year ago, ${size} young people`, sm, `/performance?asAt=${yearAgo}`),
      await time(`performance page, today, after a change, ${size} young people`, sm, '/performance', change),
      await time(
        `performance page, a year ago, after a change, ${size} young people`,
        sm,
        `/performance?asAt=${yearAgo}`,
        change,
      ),
    ];
    const versions = rows.planVersions.length;
    lines.push(
      `| (council of ${size}: ${versions} approved plan versions; built in ${Math.round(buildMs / 1000)} s) | | | |`,
    );
    for (const r of results)
      lines.push(
        `| ${r.label} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${(r.median / baseline.median).toFixed(0)} |`,
      );
  }
  const { found, made } = t.services.oversight.figures;
  console.log(`\nfigures found kept ${found} times, made ${made} times`);
  console.log(
    `driver ${t.db.driver}; ${N} requests each after 3 warm-up; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log('| request | median ms | p95 ms | median ÷ baseline |');
  console.log('| --- | ---: | ---: | ---: |');
  if (baseline) console.log(`| ${baseline.label} | ${baseline.median.toFixed(2)} | ${baseline.p95.toFixed(2)} | 1 |`);
  for (const l of lines) console.log(l);
} finally {
  await t.close();
  await pg?.drop();
}
