// Page response times on a demo-sized council, as ratios to a baseline measured in the same run
// (GET /health: one database round trip). Run: npm run bench [-- --requests 200]
// Uses PGlite in memory, or the server in DATABASE_URL.
import { parseArgs } from 'node:util';
import { buildCouncil, buildTestApp, PASSWORD, signInFor } from '../test/support/app.ts';
import { Agent } from '../test/support/agent.ts';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '100' }, 'young-people': { type: 'string', default: '615' } },
});
const N = Number(values.requests);

const startedAt = performance.now();
const t = await buildTestApp();
const rows = await buildCouncil(t.db, { youngPeople: Number(values['young-people']) });
const setupMs = performance.now() - startedAt;

async function time(label: string, agent: Agent, url: string) {
  for (let i = 0; i < 5; i++) await agent.get(url); // warm up
  const samples: number[] = [];
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    const r = await agent.get(url);
    samples.push(performance.now() - s);
    if (r.statusCode !== 200) throw new Error(`${label}: ${r.statusCode}`);
  }
  samples.sort((a, b) => a - b);
  return { label, median: samples[Math.floor(N / 2)], p95: samples[Math.floor(N * 0.95)] };
}

const anon = new Agent(t.app);
const pa = new Agent(t.app, '10.8.0.1');
await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
const tm = new Agent(t.app, '10.8.0.2');
await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
const sm = new Agent(t.app, '10.8.0.3');
await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
const record = rows.youngPeople.find(
  (y) => y.personalAdviserId === rows.staff.find((s) => s.email === signInFor(rows, 'pa'))!.id,
)!;
const team = rows.teams[0];
const tmTeam = rows.staff.find((s) => s.email === signInFor(rows, 'tm'))!.teamId;
const inTeam = (ypId: string) => rows.youngPeople.find((y) => y.id === ypId && y.teamId === tmTeam && !y.restricted);
const openReview = rows.reviews.find((r) => r.state !== 'approved' && inTeam(r.youngPersonId));
const approved = rows.planVersions.find((v) => inTeam(v.youngPersonId));

const baseline = await time('GET /health (baseline: one database round trip)', anon, '/health');
const results = [
  await time('GET /sign-in (signed out)', anon, '/sign-in'),
  await time('GET / (adviser home)', pa, '/'),
  await time('GET /caseload', pa, '/caseload'),
  await time('GET /young-people/:id (record, audited)', pa, `/young-people/${record.id}`),
  await time('GET /young-people?q=', pa, '/young-people?q=a'),
  await time('GET /team (50 of a team)', tm, '/team'),
  await time(`GET /team?team= (service manager)`, sm, `/team?team=${team.id}`),
  await time('GET / (service manager home)', sm, '/'),
  ...(openReview ? [await time('GET /reviews/:id (a review, task list)', tm, `/reviews/${openReview.id}`)] : []),
  ...(approved
    ? [
        await time(
          'GET /young-people/:id/plans/:v (approved plan page)',
          tm,
          `/young-people/${approved.youngPersonId}/plans/1`,
        ),
      ]
    : []),
  ...(approved
    ? [await time('GET …/plans/:v/pdf (whole plan PDF)', tm, `/young-people/${approved.youngPersonId}/plans/1/pdf`)]
    : []),
];

console.log(
  `driver ${t.db.driver}; ${rows.youngPeople.length} young people; ${N} requests each; setup ${Math.round(setupMs)} ms`,
);
console.log(`| page | median ms | p95 ms | median ÷ baseline |`);
console.log(`| --- | ---: | ---: | ---: |`);
for (const r of [baseline, ...results])
  console.log(
    `| ${r.label} | ${r.median.toFixed(2)} | ${r.p95.toFixed(2)} | ${(r.median / baseline.median).toFixed(1)} |`,
  );
await t.close();
