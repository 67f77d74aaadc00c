import { readFileSync } from 'node:fs';
import {
  trendCounts,
  trendDates,
  plansForLookedAfter16And17,
  careLeaversByCategory,
} from '../../src/domain/oversight/index.ts';
const { policy, facts } = JSON.parse(readFileSync('/tmp/rt/facts10k.json', 'utf8'));
const cpu = (f: () => void) => {
  const s = process.cpuUsage();
  f();
  const d = process.cpuUsage(s);
  return (d.user + d.system) / 1000;
};
const dates = trendDates('2026-11-23');
let lean = 1e9,
  full = 1e9;
for (let i = 0; i < 3; i++) {
  lean = Math.min(
    lean,
    cpu(() => trendCounts(facts, dates, policy)),
  );
  full = Math.min(
    full,
    cpu(() => {
      for (const on of dates) {
        plansForLookedAfter16And17(facts, on, policy);
        careLeaversByCategory(facts, on, policy).total;
      }
    }),
  );
}
console.log(
  `12 dates, 10k young people: trendCounts ${lean.toFixed(0)} ms CPU; the tables on each date ${full.toFixed(0)} ms`,
);
