// Where one page's time goes under load: runs Pathway as `npm start` does with V8's CPU profiler
// on, loads one page with autocannon (loopback, bounded in time), then prints the self time by
// package or source file and the busiest functions. The .cpuprofile is kept for Chrome DevTools.
//   npx tsx bench/profile-page.ts [--driver pglite|postgres] [--page caseload|team|record|performance] [--seconds 10]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { freshPostgres, signIn, startPathway } from './support/processes.ts';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    page: { type: 'string', default: 'caseload' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
  },
});

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

/** Which part of the program a frame belongs to: a package, a source file of ours, or V8 itself. */
function partOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/(src\/.*|server\.ts)$/.exec(url);
  if (own) return own[1];
  return url.startsWith('node:') ? 'node' : url;
}

const profileDir = mkdtempSync(path.join(tmpdir(), 'pathway-profile-'));
const pg = values.driver === 'postgres' ? await freshPostgres('postgres://postgres@127.0.0.1:5432/postgres') : null;
const dataDir = mkdtempSync(path.join(tmpdir(), 'pathway-profile-data-'));
// The first start seeds the demo council; the profiled second start finds it there.
await (await startPathway({ port: 3111, databaseUrl: pg?.url, dataDir })).stop();
const app = await startPathway({
  port: 3111,
  databaseUrl: pg?.url,
  dataDir,
  // One process, the one profiled (on PostgreSQL the default is one per core, under a primary).
  env: { PATHWAY_WORKERS: '1' },
  nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
});
let result: autocannon.Result;
let warm: autocannon.Result;
try {
  const role = values.page === 'caseload' ? 'pa' : values.page === 'performance' ? 'sm' : 'tm';
  const cookie = await signIn(app.url, `${role}@demo.pathway.test`, 'pathway-demo-2026');
  let target = { team: '/team', performance: '/performance' }[values.page] ?? '/caseload';
  if (values.page === 'record') {
    const team = await (await fetch(`${app.url}/team`, { headers: { cookie } })).text();
    target = /\/young-people\/[0-9a-f-]{36}(?=")/.exec(team)?.[0] ?? '/team';
  }
  const opts = { url: app.url + target, connections: Number(values.connections), headers: { cookie } };
  warm = await autocannon({ ...opts, duration: 3 });
  result = await autocannon({ ...opts, duration: Number(values.seconds) });
} finally {
  await app.stop();
  await pg?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

// The main thread's profile (tsx's module loader thread writes one of its own, numbered after it).
const file = readdirSync(profileDir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .sort()[0];
if (!file) throw new Error(`no profile was written in ${profileDir}`);
const profile = JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
for (const id of idle) self.delete(id);
const total = [...self.values()].reduce((a, b) => a + b, 0);
const parts = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of self) {
  const f = byId.get(id)!.callFrame;
  const part = partOf(f.url, f.functionName);
  parts.set(part, (parts.get(part) ?? 0) + us);
  const key = `${f.functionName || '(anonymous)'} ${part}:${f.lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
}
// The profile covers start-up and the warm-up too: shares are of all of it, milliseconds per request of every request.
const requests = result.requests.total + warm.requests.total;
const table = (rows: Map<string, number>, n: number) =>
  [...rows]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(
      ([k, us]) =>
        `| ${k} | ${((100 * us) / total).toFixed(1)} % | ${(us / 1000 / Math.max(1, requests)).toFixed(2)} |`,
    )
    .join('\n');
console.log(
  `${values.page} on ${values.driver}: ${result.requests.average} req/s, p99 ${result.latency.p99} ms, ` +
    `${requests} requests; profile ${path.join(profileDir, file)}\n`,
);
console.log(`| part | share of samples | ms per request |\n| --- | ---: | ---: |\n${table(parts, 25)}\n`);
console.log(`| function | share of samples | ms per request |\n| --- | ---: | ---: |\n${table(functions, 30)}`);
