import { readFileSync } from 'node:fs';
import { testDatabase } from '../../test/support/app.ts';
import { oversightFacts } from '../../src/data/repositories/oversight.ts';
import { policyIn } from '../../src/services/statutory.ts';
import { plansForLookedAfter16And17, cohortByAgeBand } from '../../src/domain/oversight/index.ts';
const { councilId } = JSON.parse(readFileSync('/tmp/rt/big-council.json', 'utf8'));
const db = await testDatabase();
for (let i = 0; i < 4; i++) {
  await db.withCouncil(councilId, async (tx) => {
    const t0 = performance.now();
    const { policy } = await policyIn(tx);
    const t1 = performance.now();
    const facts = await oversightFacts(tx);
    const t2 = performance.now();
    plansForLookedAfter16And17(facts, '2026-11-23', policy);
    const t3 = performance.now();
    cohortByAgeBand(facts, '2026-11-23', policy);
    const t4 = performance.now();
    console.log(
      `policy ${(t1 - t0).toFixed(0)} facts ${(t2 - t1).toFixed(0)} plans16-17 ${(t3 - t2).toFixed(0)} cohort ${(t4 - t3).toFixed(0)} ms; people ${facts.youngPeople.length}`,
    );
  });
}
await db.close();
