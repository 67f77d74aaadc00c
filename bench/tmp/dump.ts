import { readFileSync, writeFileSync } from 'node:fs';
import { testDatabase } from '../../test/support/app.ts';
import { oversightFacts } from '../../src/data/repositories/oversight.ts';
import { policyIn } from '../../src/services/statutory.ts';
const { councilId } = JSON.parse(readFileSync('/tmp/rt/big-council.json', 'utf8'));
const db = await testDatabase();
await db.withCouncil(councilId, async (tx) => {
  const { policy } = await policyIn(tx);
  const facts = await oversightFacts(tx);
  writeFileSync('/tmp/rt/facts10k.json', JSON.stringify({ policy, facts }));
});
await db.close();
