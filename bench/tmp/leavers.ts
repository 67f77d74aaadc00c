import { readFileSync } from 'node:fs';
import { careLeaversByCategory, cohortByAgeBand } from '../../src/domain/oversight/index.ts';
const { policy, facts } = JSON.parse(readFileSync('/tmp/rt/facts10k.json', 'utf8'));
for (let i = 0; i < 10; i++) {
  careLeaversByCategory(facts, '2026-11-23', policy);
  cohortByAgeBand(facts, '2026-11-23', policy);
}
