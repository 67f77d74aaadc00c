// Pages under concurrent load, as users run Pathway (`npm start`: development mode, demo council),
// against a bare GOV.UK page with the same 50-row table and no database, measured in the same run,
// interleaved (machines are noisy: compare ratios). Loopback only, bounded in time.
//   npx tsx bench/load-pages.ts [--driver pglite|postgres] [--seconds 8] [--connections 20] [--rounds 2]
// --driver postgres makes a fresh database on the server in DATABASE_URL (default 127.0.0.1:5432).
import { parseArgs } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { freshPostgres, signIn, startBare, startPathway } from './support/processes.ts';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'pglite' },
    seconds: { type: 'string', default: '8' },
    connections: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '2' },
    pages: { type: 'string', default: 'caseload,team,record,review,plan' },
    env: { type: 'string', multiple: true, default: [] },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const PASSWORD = 'pathway-demo-2026';
const extraEnv = Object.fromEntries(values.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));

const pg =
  values.driver === 'postgres'
    ? await freshPostgres(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
    : null;
const app = await startPathway({ port: 3101, databaseUrl: pg?.url, env: extraEnv });
const bare = await startBare(3102);
try {
  const pa = await signIn(app.url, 'pa@demo.pathway.test', PASSWORD);
  const tm = await signIn(app.url, 'tm@demo.pathway.test', PASSWORD);
  const html = async (path: string, cookie: string) => {
    const r = await fetch(app.url + path, { headers: { cookie } });
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return r.text();
  };
  const links = (page: string, pattern: RegExp) => [...page.matchAll(pattern)].map((m) => m[0]);
  const caseload = await html('/caseload', pa);
  const records = links(await html('/team', tm), /\/young-people\/[0-9a-f-]{36}(?=")/g);
  // A review being written and an approved plan, from the first records of the manager's team that have them.
  let review: string | undefined;
  let plan: string | undefined;
  for (const record of records) {
    const page = await html(record, tm);
    review ??= links(page, /\/reviews\/[0-9a-f-]{36}(?=")/g)[0];
    plan ??= links(page, /\/young-people\/[0-9a-f-]{36}\/plans\/\d+(?=")/g)[0];
    if (review && plan) break;
  }
  const rowsOn = (page: string) => (page.match(/<tr class="govuk-table__row/g) ?? []).length - 1;
  const pages: Record<string, { path: string; cookie: string; note: string }> = {
    caseload: { path: '/caseload', cookie: pa, note: `worker's caseload, ${rowsOn(caseload)} rows` },
    team: { path: '/team', cookie: tm, note: `team list, ${rowsOn(await html('/team', tm))} rows` },
    record: { path: records[0], cookie: tm, note: 'record page (audited)' },
    ...(review ? { review: { path: review, cookie: tm, note: 'a review being written (task list)' } } : {}),
    ...(plan ? { plan: { path: plan, cookie: tm, note: 'approved plan page' } } : {}),
  };
  const wanted = values.pages.split(',').filter((p) => pages[p]);

  // CPU time the server's processes (and their workers) spent, from /proc: unlike throughput, what a
  // request costs in CPU hardly moves with what else the machine is doing.
  const TICK_MS = 10; // Linux's USER_HZ is 100
  const statOf = (pid: number) => {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
    } catch {
      return null;
    }
  };
  // PostgreSQL's own work for this run: its backends for the benchmark's database (named in their command line).
  const databaseName = pg ? new URL(pg.url).pathname.slice(1) : null;
  const databaseCpuMs = () => {
    if (!databaseName) return 0;
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(databaseName)) continue;
      } catch {
        continue;
      }
      ticks += statOf(Number(entry))?.ticks ?? 0;
    }
    return ticks * TICK_MS;
  };
  const cpuMsOf = (root: number) => {
    const stats = new Map<number, { ppid: number; ticks: number }>();
    for (const entry of readdirSync('/proc')) {
      const stat = /^\d+$/.test(entry) ? statOf(Number(entry)) : null;
      if (stat) stats.set(Number(entry), stat);
    }
    const inTree = (pid: number): boolean => pid === root || (pid > 1 && inTree(stats.get(pid)?.ppid ?? 0));
    let ticks = 0;
    for (const [pid, stat] of stats) if (inTree(pid)) ticks += stat.ticks;
    return ticks * TICK_MS;
  };
  const run = async (url: string, cookie?: string) => {
    const pid = (url.startsWith(app.url) ? app.child.pid : bare.child.pid) ?? 0;
    const before = cpuMsOf(pid);
    const databaseBefore = databaseCpuMs();
    const r = await autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {} });
    const requests = Math.max(1, r.requests.total);
    const cpuPerRequest = (cpuMsOf(pid) - before) / requests;
    const databasePerRequest = (databaseCpuMs() - databaseBefore) / requests;
    const bad = r.non2xx + r.errors + r.timeouts;
    return { rps: r.requests.average, p99: r.latency.p99, bad, cpuPerRequest, databasePerRequest };
  };
  // Warm both (JIT, caches) before measuring.
  await autocannon({ url: `${bare.url}/caseload`, connections, duration: 2 });
  for (const p of wanted)
    await autocannon({ url: app.url + pages[p].path, connections, duration: 2, headers: { cookie: pages[p].cookie } });

  const results = new Map<string, { rps: number[]; p99: number[]; cpu: number[]; db: number[]; bad: number }>();
  const add = (
    key: string,
    r: { rps: number; p99: number; bad: number; cpuPerRequest: number; databasePerRequest: number },
  ) => {
    const e = results.get(key) ?? { rps: [], p99: [], cpu: [], db: [], bad: 0 };
    e.db.push(r.databasePerRequest);
    e.rps.push(r.rps);
    e.p99.push(r.p99);
    e.cpu.push(r.cpuPerRequest);
    e.bad += r.bad;
    results.set(key, e);
  };
  for (let round = 0; round < rounds; round++) {
    for (const p of wanted) {
      add('bare', await run(`${bare.url}/caseload`));
      add(p, await run(app.url + pages[p].path, pages[p].cookie));
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const bareRps = mean(results.get('bare')!.rps);
  // The bare page's own p99 under the same load: no page with a database can do better on this machine.
  const bareP99 = Math.max(...results.get('bare')!.p99);
  const bareCpu = mean(results.get('bare')!.cpu);
  console.log(
    `\ndriver ${values.driver}; ${connections} connections; ${seconds} s × ${rounds} rounds, interleaved with the bare page; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )}; start ${Math.round(app.startMs)} ms; bare page ${bareCpu.toFixed(2)} ms of CPU a request${values.env.length ? `; env ${values.env.join(' ')}` : ''}`,
  );
  console.log(
    '| page | req/s | bare page req/s | ratio | p99 ms | bare page p99 ms | server CPU ms a request | ÷ bare page | database CPU ms a request | errors or non-2xx |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of wanted) {
    const r = results.get(p)!;
    console.log(
      `| ${pages[p].note} | ${mean(r.rps).toFixed(0)} | ${bareRps.toFixed(0)} | ${(mean(r.rps) / bareRps).toFixed(2)}× | ${Math.max(...r.p99).toFixed(0)} | ${bareP99.toFixed(0)} | ${mean(r.cpu).toFixed(2)} | ${(mean(r.cpu) / bareCpu).toFixed(1)}× | ${pg ? mean(r.db).toFixed(2) : '–'} | ${r.bad} |`,
    );
  }
} finally {
  await app.stop();
  await bare.stop();
  await pg?.drop();
}
