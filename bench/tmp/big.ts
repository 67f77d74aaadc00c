import { buildCouncil, buildTestApp } from '../../test/support/app.ts';
import { writeFileSync } from 'node:fs';
const t = await buildTestApp();
const rows = await buildCouncil(t.db, { youngPeople: 10000, planHistoryYears: 3 });
writeFileSync('/tmp/rt/big-council.json', JSON.stringify({ councilId: rows.council.id, slug: rows.council.slug }));
await t.close();
