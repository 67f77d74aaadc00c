import { testDatabase } from '../../test/support/app.ts';
const s = performance.now();
const db = await testDatabase();
console.log('migrated in', (performance.now() - s).toFixed(0), 'ms');
await db.close();
