// How a request's transaction begins and ends (src/data/db.ts). On PostgreSQL it is begun and the
// council entered in one round trip (src/data/pipeline.ts), with the council's key sent as a
// parameter, never in the SQL text; whatever goes wrong, the work is undone and the connection is
// fit for the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/data/db.ts';
import { afterOpening, pipelined } from '../../src/data/pipeline.ts';
import { insertAudit } from '../../src/data/repositories/audit.ts';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { councils, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { seed } from '../../src/seed/seeder.ts';
import { buildCouncil, testDatabase, testDriver, TODAY } from '../support/app.ts';

const onPostgres = testDriver() === 'postgres';
let db: Database;
let a: CouncilRows;

beforeAll(async () => {
  db = await testDatabase({ poolSize: 2 });
  a = await buildCouncil(db, { youngPeople: 10 });
});
afterAll(() => db.close());

const nameOf = () =>
  db.withCouncil(a.council.id, async (tx) => (await tx.select({ name: councils.name }).from(councils))[0].name);
const preferredName = async () =>
  db.withCouncil(a.council.id, async (tx) => {
    const [row] = await tx
      .select({ name: youngPeople.preferredName })
      .from(youngPeople)
      .where(eq(youngPeople.id, a.youngPeople[0].id));
    return row.name;
  });

describe('a transaction that fails', () => {
  it('leaves nothing behind, and every pooled connection still works after it', async () => {
    const before = await preferredName();
    // More failures than connections in the pool: each connection fails at least once.
    for (let i = 0; i < 5; i++) {
      await expect(
        db.withCouncil(a.council.id, async (tx) => {
          await tx
            .update(youngPeople)
            .set({ preferredName: `Changed ${i}` })
            .where(eq(youngPeople.id, a.youngPeople[0].id));
          throw new Error('the service refused');
        }),
      ).rejects.toThrow('the service refused');
      // A failed statement leaves the transaction aborted: it must be rolled back, not reused.
      await expect(db.withCouncil(a.council.id, (tx) => tx.execute(sql`SELECT 1 / 0`))).rejects.toThrow();
    }
    expect(await Promise.all([preferredName(), preferredName(), preferredName()])).toEqual([before, before, before]);
  });

  it('an audit row that cannot be written undoes the transaction it was written in', async () => {
    const before = await preferredName();
    await expect(
      db.withCouncil(a.council.id, async (tx) => {
        await tx.update(youngPeople).set({ preferredName: 'Not kept' }).where(eq(youngPeople.id, a.youngPeople[0].id));
        // Another council's row: row-level security refuses it, at the end of the transaction.
        await insertAudit(tx, { councilId: randomUUID(), actorKind: 'system', actorId: null, action: 'probe' });
      }),
    ).rejects.toThrow();
    expect(await preferredName()).toBe(before);
    expect(await Promise.all([preferredName(), preferredName()])).toEqual([before, before]);
  });

  // drizzle's own would send BEGIN and COMMIT on the same connection, ending the request's transaction early.
  it.runIf(onPostgres)('cannot open a transaction inside one', async () => {
    await expect(db.withCouncil(a.council.id, (tx) => tx.transaction(async () => 1))).rejects.toThrow();
    expect(await nameOf()).toBe(a.council.name);
  });
});

// The embedded database has no autovacuum: without statistics the planner expects one row in every
// table, and a team list took 2.5 times as long. On a server, autovacuum gathers them too.
describe.runIf(!onPostgres)('after seeding, on the embedded database', () => {
  const rowsExpected = () =>
    db.system(async (tx) => {
      const result = await tx.execute(sql`SELECT reltuples FROM pg_class WHERE relname = 'young_people'`);
      return Number((result as unknown as { rows: { reltuples: number }[] }).rows[0].reltuples);
    });

  it('the planner knows how many rows each table has', async () => {
    expect(await rowsExpected()).toBeLessThan(1);
    const made = await seed(db, {
      councils: 1,
      youngPeople: 20,
      today: TODAY,
      demoPasswords: false,
      slugPrefix: 'stats',
    });
    expect(await rowsExpected()).toBeGreaterThanOrEqual(a.youngPeople.length + made.youngPeople);
  });
});

describe.runIf(onPostgres)('on PostgreSQL', () => {
  const url = process.env.DATABASE_URL ?? '';

  it('begins, enters the council and runs the first statement in one round trip, and commits with its audit rows in one more', async () => {
    const original = pg.Client.prototype.query;
    let calls = 0;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      calls += 1;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      // A transaction that runs nothing is not begun.
      await db.withCouncil(a.council.id, async () => {});
      expect(calls).toBe(0);
      // Twice: the first time on a connection, a statement is parsed in a round trip of its own.
      await nameOf();
      await nameOf();
      calls = 0;
      expect(await nameOf()).toBe(a.council.name);
      expect(calls).toBe(2);
      // Two statements at once: the first takes the opening, the second waits its turn inside the transaction.
      const [name, count] = await db.withCouncil(a.council.id, (tx) =>
        Promise.all([
          tx.select({ name: councils.name }).from(councils),
          tx.select({ id: youngPeople.id }).from(youngPeople),
        ]),
      );
      expect(name).toEqual([{ name: a.council.name }]);
      expect(count).toHaveLength(a.youngPeople.length);
      // Audit rows only: the opening goes with them and the COMMIT.
      calls = 0;
      await db.withCouncil(a.council.id, async (tx) => {
        for (const action of ['probe.one', 'probe.two'])
          await insertAudit(tx, { councilId: a.council.id, actorKind: 'system', actorId: null, action });
      });
      expect(calls).toBe(1);
      const rows = await db.system((tx) =>
        tx.execute(
          sql`SELECT action FROM audit_events WHERE council_id = ${a.council.id} AND action LIKE 'probe.%' ORDER BY id`,
        ),
      );
      expect((rows as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual([
        'probe.one',
        'probe.two',
      ]);
    } finally {
      pg.Client.prototype.query = original;
    }
  });

  it("sends the council's key as a parameter: the SQL text others can see never holds it", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const open = db.withCouncil(a.council.id, async (tx) => {
      const result = await tx.execute(sql`SELECT current_setting('app.council_ticket') AS t`);
      const row = (result as unknown as { rows: { t: string }[] }).rows[0];
      await held;
      return row;
    });
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    try {
      let texts: string[] = [];
      for (let i = 0; i < 50 && texts.length === 0; i++) {
        const { rows } = await watcher.query<{ query: string }>(
          `SELECT query FROM pg_stat_activity WHERE state = 'idle in transaction' AND usename LIKE 'pathway_login_%'`,
        );
        texts = rows.map((r) => r.query);
        if (texts.length === 0) await new Promise((r) => setTimeout(r, 20));
      }
      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) expect(text).not.toContain(a.council.id);
      release();
      const ticket = await open;
      expect(ticket).toBeDefined();
      // What a snapshot of every session shows, taken while a request was entering the council.
      const { rows } = await watcher.query<{ query: string }>('SELECT query FROM pg_stat_activity');
      for (const r of rows) expect(r.query).not.toContain(a.council.id);
    } finally {
      release();
      await watcher.end();
    }
  });

  it('prepares each statement once per connection, not on every request', async () => {
    const prepared: number[] = [];
    for (let i = 0; i < 4; i++) {
      prepared.push(
        await db.withCouncil(a.council.id, async (tx) => {
          await tx.select({ name: councils.name }).from(councils);
          const result = await tx.execute(
            sql`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE 'select "name" from "councils"%'`,
          );
          return (result as unknown as { rows: { n: number }[] }).rows[0].n;
        }),
      );
    }
    // Each of the pool's connections prepared the councils query the first time it ran it.
    expect(prepared.at(-1)).toBe(1);
  });

  describe("a transaction's first statement sent with its opening (afterOpening)", () => {
    let pool: pg.Pool;
    let client: pg.PoolClient;
    const send = (...args: unknown[]) =>
      (pg.Client.prototype.query as (...a: unknown[]) => unknown).apply(client, args);
    const opening = (value: string) => [
      { text: 'BEGIN' },
      { text: `SELECT set_config('app.probe', $1, true), 1 / $2::int`, values: [value, value === 'fail' ? '0' : '1'] },
    ];
    const probe = { text: `SELECT current_setting('app.probe', true) AS v, $1::int AS n`, name: 'probe_opening' };
    beforeAll(async () => {
      pool = new pg.Pool({ connectionString: url, max: 1 });
      client = await pool.connect();
    });
    afterAll(async () => {
      client.release();
      await pool.end();
    });

    it("answers with the first statement's rows alone, inside the transaction the opening began", async () => {
      // Not yet parsed on this connection: it waits for the opening, then goes in a round trip of its own.
      const first = (await afterOpening(client, opening('one'), probe, ['1'], send)) as pg.QueryResult;
      expect(first.rows).toEqual([{ v: 'one', n: 1 }]);
      await client.query('COMMIT');
      // Parsed now: it goes with the opening; the opening's own row is not among its rows.
      const second = (await afterOpening(client, opening('two'), probe, ['2'], send)) as pg.QueryResult;
      expect(second.rows).toEqual([{ v: 'two', n: 2 }]);
      expect(second.fields.map((f) => f.name)).toEqual(['v', 'n']);
      const inside = await client.query(`SELECT now() = statement_timestamp() AS fresh`);
      expect(inside.rows[0].fresh).toBe(false);
      await client.query('COMMIT');
      const after = await client.query(`SELECT current_setting('app.probe', true) AS v`);
      expect(after.rows[0].v ?? '').toBe('');
    });

    it('an opening that fails rejects the statement with its error, and the connection and its statements go on', async () => {
      for (const name of ['probe_opening', 'probe_opening_never_parsed']) {
        await expect(afterOpening(client, opening('fail'), { ...probe, name }, ['3'], send)).rejects.toThrow(
          /division by zero/,
        );
        await client.query('ROLLBACK');
        // Parsed or not before, the named statement still runs: pg was not told it was parsed when it was not.
        const again = await client.query({ ...probe, name }, ['4']);
        expect(again.rows.map((r) => [r.v ?? '', r.n])).toEqual([['', 4]]);
      }
    });

    it('a first statement that fails rejects with its own error, and the transaction can be rolled back', async () => {
      await client.query({ ...probe, name: 'probe_opening_bad' }, ['5']);
      await expect(
        afterOpening(client, opening('six'), { ...probe, name: 'probe_opening_bad' }, ['not a number'], send),
      ).rejects.toThrow(/invalid input syntax/);
      // The opening began the transaction, and the failure aborted it.
      await expect(client.query('SELECT 1')).rejects.toThrow(/current transaction is aborted/);
      await client.query('ROLLBACK');
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    });
  });

  it('a pipeline that fails part way answers with the error, skips the rest, and the connection goes on', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const client = await pool.connect();
    try {
      await expect(
        pipelined(client, [
          { text: 'BEGIN' },
          { text: 'SELECT 1 / $1::int', values: ['0'] },
          { text: 'CREATE TEMP TABLE never_made (x int)' },
        ]),
      ).rejects.toThrow(/division by zero/);
      await client.query('ROLLBACK');
      const made = await client.query(`SELECT to_regclass('pg_temp.never_made') IS NOT NULL AS made`);
      expect(made.rows[0].made).toBe(false);
      await pipelined(client, [
        { text: 'BEGIN' },
        { text: `SELECT set_config('app.probe', $1, true)`, values: ['yes'] },
      ]);
      const inside = await client.query(`SELECT current_setting('app.probe') AS v`);
      expect(inside.rows[0].v).toBe('yes');
      await client.query('COMMIT');
      const after = await client.query(`SELECT current_setting('app.probe', true) AS v`);
      expect(after.rows[0].v ?? '').toBe('');
    } finally {
      client.release();
      await pool.end();
    }
  });
});

describe('on the embedded database, transactions take turns with the event loop', () => {
  // PGlite runs on the app's thread and never yields while a statement runs: if one transaction handed
  // the lock straight to the next, a queue of them would keep the server from accepting or answering
  // anyone else until all had run (under 20 new connections, the last waited seconds).
  it.skipIf(onPostgres)('lets the loop run between one transaction and the next', async () => {
    const order: string[] = [];
    const first = db.withCouncil(a.council.id, async (tx) => {
      await tx.execute(sql`SELECT 1`);
      order.push('first');
      setImmediate(() => order.push('the loop'));
    });
    const second = db.withCouncil(a.council.id, async () => {
      order.push('second');
    });
    const lookUp = db.single(sql`SELECT 1`).then(() => order.push('a single statement'));
    await Promise.all([first, second, lookUp]);
    expect(order).toEqual(['first', 'the loop', 'second', 'a single statement']);
  });
});
