// Start-up as users meet it (issue 9, goal 5): from spawning the server as `npm start` does
// (`node --import tsx server.ts`, PGlite in a data folder) to `/health` answering. A fresh data
// folder (create, migrate, seed the demo council) once, then later starts on the same folder,
// interleaved with the baseline: the bare page's process (Fastify, Nunjucks and the GOV.UK
// template, no database) from spawn to its first page. Loopback only; compare ratios.
//   npx tsx bench/start-process.ts [--rounds 5]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBare, startPathway } from './support/processes.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const dataDir = mkdtempSync(path.join(tmpdir(), 'pathway-start-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bare(): Promise<number> {
  const started = performance.now();
  const running = await startBare(3302);
  const ms = performance.now() - started;
  await running.stop();
  return ms;
}

try {
  const load = loadavg().map((x) => x.toFixed(1));
  const fresh = await startPathway({ port: 3301, dataDir });
  await fresh.stop();
  const later: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseline.push(await bare());
    const again = await startPathway({ port: 3301, dataDir });
    later.push(again.startMs);
    await again.stop();
  }
  const b = median(baseline);
  console.log(`\n${rounds} rounds; load average ${load.join(' ')} at the start, ${loadavg()[0].toFixed(1)} at the end`);
  console.log('| start | median ms | min ms | ÷ baseline (median) |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| baseline: the bare page's process to its first page | ${b.toFixed(0)} | ${Math.min(...baseline).toFixed(0)} | 1.0 |`,
  );
  console.log(
    `| first start: fresh data folder to the demo council served | ${fresh.startMs.toFixed(0)} | – | ${(fresh.startMs / b).toFixed(1)} |`,
  );
  console.log(
    `| later start: same folder | ${median(later).toFixed(0)} | ${Math.min(...later).toFixed(0)} | ${(median(later) / b).toFixed(1)} |`,
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
