import { readFileSync } from 'node:fs';
import {
  plansForLookedAfter16And17,
  cohortByAgeBand,
  careLeaversByCategory,
} from '../../src/domain/oversight/index.ts';
const { policy, facts } = JSON.parse(readFileSync('/tmp/rt/facts10k.json', 'utf8'));
const cpu = (f: () => void) => {
  const s = process.cpuUsage();
  f();
  const d = process.cpuUsage(s);
  return (d.user + d.system) / 1000;
};
const best: Record<string, number> = { plans: 1e9, cohort: 1e9, leavers: 1e9 };
for (let i = 0; i < 8; i++) {
  best.plans = Math.min(
    best.plans,
    cpu(() => plansForLookedAfter16And17(facts, '2026-11-23', policy)),
  );
  best.cohort = Math.min(
    best.cohort,
    cpu(() => cohortByAgeBand(facts, '2026-11-23', policy)),
  );
  best.leavers = Math.min(
    best.leavers,
    cpu(() => careLeaversByCategory(facts, '2026-11-23', policy)),
  );
}
console.log(
  Object.entries(best)
    .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
    .join('  '),
);
