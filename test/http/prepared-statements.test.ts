// Statements kept by name on PostgreSQL (src/data/db.ts, prepareOnce): each pooled connection keeps a
// statement's plan by its text for as long as it lives, so what would pile up is not kept: a statement
// with a long list of parameters (its text changes with the list's length), and any once a connection
// keeps NAMED_STATEMENTS. Those still run and answer as any other. PGlite keeps its own, fewer
// (pglite-session.ts), and is tested there.
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED_PARAMETERS, NAMED_STATEMENTS, type Tx } from '../../src/data/db.ts';
import { youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { buildCouncil, buildTestApp, testDriver, type TestApp } from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;

const keptOn = async (tx: Tx) =>
  (
    (await tx.execute(sql`SELECT statement FROM pg_prepared_statements`)) as unknown as {
      rows: { statement: string }[];
    }
  ).rows.map((r) => r.statement);

describe.runIf(testDriver() === 'postgres')('statements kept by name (PostgreSQL)', () => {
  beforeAll(async () => {
    t = await buildTestApp();
    rows = await buildCouncil(t.db, { youngPeople: 3 });
  });
  afterAll(() => t?.close());

  it('keeps a short list’s statement, not a long one’s, and both answer', async () => {
    const ids = rows.youngPeople.map((p) => p.id);
    // As many ids as a statement may have parameters, then one more.
    const upTo = [...ids, ...Array.from({ length: NAMED_PARAMETERS - ids.length }, () => crypto.randomUUID())];
    const over = [...upTo, crypto.randomUUID()];
    const { short, long, kept } = await t.db.withCouncil(rows.council.id, async (tx) => {
      const read = (list: string[]) =>
        tx.select({ id: youngPeople.id }).from(youngPeople).where(inArray(youngPeople.id, list));
      return { short: await read(upTo), long: await read(over), kept: await keptOn(tx) };
    });
    expect(short.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(long.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(kept.filter((s) => s.includes(`$${NAMED_PARAMETERS})`) && s.includes('"young_people"'))).toHaveLength(1);
    expect(kept.filter((s) => s.includes(`$${NAMED_PARAMETERS + 1})`)).map((s) => s.slice(0, 300))).toEqual([]);
  });

  it(`keeps at most ${NAMED_STATEMENTS} statements a connection, and runs the rest unkept`, async () => {
    const { answers, kept } = await t.db.withCouncil(rows.council.id, async (tx) => {
      const answers: number[] = [];
      for (let i = 0; i < NAMED_STATEMENTS + 20; i++) {
        const result = (await tx.execute(sql.raw(`SELECT ${i} AS n /* kept ${i} */`))) as unknown as {
          rows: { n: number }[];
        };
        answers.push(result.rows[0].n);
      }
      return { answers, kept: await keptOn(tx) };
    });
    expect(answers).toEqual(Array.from({ length: NAMED_STATEMENTS + 20 }, (_, i) => i));
    expect(kept.length).toBe(NAMED_STATEMENTS);
    expect(kept.some((s) => s.includes(`kept ${NAMED_STATEMENTS + 19} `))).toBe(false);
  });
});
