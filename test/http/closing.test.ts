// Stopping Pathway while requests are still being answered (issue 9): under load, a stopped server
// used to end its database connections while requests still running went on to open their next
// transaction, which failed ("Cannot use a pool after calling end on the pool"). Closing now waits
// for the running work, and a quiet moment after it, before the connections end.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../support/app.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('closing the database', () => {
  it('lets a request that is still running finish its transactions, one after another', async () => {
    const db = await testDatabase({ own: true });
    const request = (async () => {
      const first = await db.withoutCouncil(async (tx) => {
        await tx.execute(sql`SELECT pg_sleep(0.3)`);
        return 1;
      });
      // The next step of the same request, a few ticks later (as a route after its session look-up).
      await pause(20);
      const second = await db.withoutCouncil(async (tx) => {
        const result = await tx.execute(sql`SELECT 41 AS n`);
        return Number((result as unknown as { rows: { n: number }[] }).rows[0].n);
      });
      return first + second;
    })();
    await pause(50);
    const closed = db.close();
    expect(await request).toBe(42);
    await closed;
    // Once closed, it stays closed.
    await expect(db.withoutCouncil(async (tx) => tx.execute(sql`SELECT 1`))).rejects.toThrow();
  });
});
