// Statements kept by name on the embedded database (src/data/pglite-session.ts): each distinct text
// is parsed once per session, values and rows come back exactly as PGlite's own query() gives them,
// a failure stops the statements after it, and the kept statements stay bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { pgliteSession } from '../../src/data/pglite-session.ts';
import { testDriver } from '../support/app.ts';

const onPostgres = testDriver() === 'postgres';
let db: PGlite;
let session: ReturnType<typeof pgliteSession>;

beforeAll(async () => {
  if (onPostgres) return;
  db = await PGlite.create();
  await db.exec(`CREATE TABLE things (id int PRIMARY KEY, name text, born date, seen timestamptz,
    details jsonb, tags text[], ok boolean, big bigint, amount numeric)`);
  session = pgliteSession(db);
});
afterAll(() => db?.close());

const kept = async () =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements')).rows[0].n;

describe.skipIf(onPostgres)('statements kept by name on PGlite', () => {
  it('writes and reads every kind of value as PGlite’s own query does', async () => {
    const insert = `INSERT INTO things VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
    const row = [
      1,
      'Ama “quoted”, with a comma',
      '2008-02-29',
      new Date('2026-11-30T12:34:56.789Z'),
      { area: 'health', words: ['one', 'two'], n: 3 },
      ['a', 'b c', 'd"e'],
      true,
      9007199254740993n,
      '12.50',
    ];
    await session.query(insert, row);
    await db.query(insert, [2, ...row.slice(1)]);
    await session.query(insert, [3, null, null, null, null, null, false, null, null]);
    const select = 'SELECT * FROM things WHERE id = $1';
    for (const id of [1, 2, 3]) {
      for (const options of [undefined, { rowMode: 'array' as const }]) {
        const ours = await session.query(select, [id], options);
        const theirs = await db.query(select, [id], options);
        expect(ours.rows).toEqual(theirs.rows);
        expect(ours.fields).toEqual(theirs.fields);
      }
    }
    // Rows 1 and 2 were written by each way with the same values: they read back the same.
    const [one, two] = (await db.query<Record<string, unknown>>('SELECT * FROM things WHERE id IN (1, 2) ORDER BY id'))
      .rows;
    expect({ ...one, id: 0 }).toEqual({ ...two, id: 0 });
  });

  it('keeps each parser the caller gives (drizzle keeps dates as text)', async () => {
    const keepText = { 1082: (value: string) => value, 1184: (value: string) => value };
    const { rows } = await session.query<{ born: unknown; seen: unknown }>(
      'SELECT born, seen FROM things WHERE id = $1',
      [1],
      { parsers: keepText },
    );
    expect(rows[0].born).toBe('2008-02-29');
    expect(typeof rows[0].seen).toBe('string');
  });

  it('parses a statement once, however often it runs', async () => {
    const before = await kept();
    for (let i = 0; i < 5; i++) await session.query('SELECT name FROM things WHERE id = $1 AND ok', [1]);
    expect(await kept()).toBe(before + 1);
  });

  it('runs several statements in one call, one result each', async () => {
    const results = await session.run([
      { text: 'SELECT $1::int + 1 AS n', values: [1] },
      { text: 'UPDATE things SET name = $1 WHERE id = $2', values: ['Renamed', 3] },
      { text: 'SELECT name FROM things WHERE id = $1', values: [3] },
    ]);
    expect(results.map((r) => r.rows)).toEqual([[{ n: 2 }], [], [{ name: 'Renamed' }]]);
    expect(results[1].affectedRows).toBe(1);
  });

  it('answers statements asked for at once (Promise.all on one handle) each with its own rows', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => session.query<{ n: number }>('SELECT $1::int * 2 AS n', [i])),
    );
    expect(answers.map((a) => a.rows[0]?.n)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it('stops at the first failure and throws it; nothing after it runs', async () => {
    await session.run([{ text: 'BEGIN' }]);
    await expect(
      session.run([
        { text: 'UPDATE things SET name = $1 WHERE id = $2', values: ['Lost', 3] },
        { text: 'SELECT 1 / $1::int', values: [0] },
        { text: 'UPDATE things SET name = $1 WHERE id = $2', values: ['Also lost', 1] },
      ]),
    ).rejects.toMatchObject({ code: '22012' });
    await session.run([{ text: 'ROLLBACK' }]);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM things WHERE id IN (1, 3) ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(['Ama “quoted”, with a comma', 'Renamed']);
  });

  it('keeps at most 400 statements, closing the least recently used', async () => {
    for (let i = 0; i < 450; i++) await session.query(`SELECT ${i} AS n`);
    // The one used last is still kept; the session holds no more than the bound (and the close is sent).
    await session.query('SELECT 449 AS n');
    expect(await kept()).toBe(400);
    expect((await session.query<{ n: number }>('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
  });
});
