// Several reads in one statement. A page that reads a record's parts one query at a time pays, for
// each, a round trip, and a statement's start and end on the server (on the record page, eight reads
// took 1.6 ms of statement time on PostgreSQL; as one statement, 0.5 ms). `together` sends them as one SELECT whose columns are the reads, each its rows as a JSON array,
// and gives back what each read would have given on its own, decoded by drizzle's own columns.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import * as drizzle from 'drizzle-orm';
import { Column, is, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Tx } from './db.ts';

/**
 * drizzle's own helpers (exported, though not in its types): the order a selection's fields are
 * selected in, with each one's place in a nested result, and how a row of them becomes that result
 * (a left join's table with no row becomes null). Reads are decoded here exactly as drizzle decodes them.
 */
type Selected = { path: string[]; field: unknown };
const { orderSelectedFields, mapResultRow } = drizzle as unknown as {
  orderSelectedFields(fields: Record<string, unknown>): Selected[];
  mapResultRow(
    columns: Selected[],
    row: unknown[],
    joinsNotNullableMap: Record<string, boolean> | undefined,
  ): Record<string, unknown>;
};

type Decoder = { mapFromDriverValue(value: unknown): unknown };

/** A drizzle SELECT not yet run: its SQL and what it selects, by name. */
export type Read = SQLWrapper & PromiseLike<unknown[]> & { _: { config: { fields: Record<string, unknown> } } };

/**
 * Column kinds whose values JSON gives in a form their own decoder reads as it reads the driver's: a
 * timestamp with time zone as a Date (ISO with a "T" or PostgreSQL's form, the same instant), a date as
 * YYYY-MM-DD, a 53-bit bigint as a number. Anything else (numeric's digits, bytea's bytes, a timestamp
 * kept as a string, a bigint beyond 2^53) would come back changed, so it is refused: read it alone.
 */
const ROUND_TRIPS = new Set([
  'PgUUID',
  'PgText',
  'PgVarchar',
  'PgBoolean',
  'PgInteger',
  'PgSmallInt',
  'PgSerial',
  'PgBigInt53',
  'PgBigSerial53',
  'PgDateString',
  'PgJson',
  'PgJsonb',
]);

/**
 * Refuses a selected field whose value would not come back through JSON as the driver gives it. A column
 * is decoded by its own mapping, an SQL expression by the decoder given with `mapWith`; an expression is
 * read as JSON gives it, so give an int8 or numeric one `mapWith(Number)` (the driver gives its digits as text).
 */
function refuseUndecodable(name: string, field: unknown): void {
  if (is(field, Column)) {
    const kind = field.columnType;
    const zoned = kind === 'PgTimestamp' && (field as unknown as { withTimezone: boolean }).withTimezone;
    if (!ROUND_TRIPS.has(kind) && !zoned) throw new Error(`together: ${name} is ${field.getSQLType()}; read it alone`);
    return;
  }
  // An SQL expression carries its decoder; an aliased one (`.as(…)`) carries it on its SQL. A subquery
  // as a field has neither, and is refused rather than read wrongly.
  const decoder = (field as { decoder?: Decoder }).decoder ?? (field as { sql?: { decoder?: Decoder } }).sql?.decoder;
  if (!decoder) throw new Error(`together: ${name} is not a column or an SQL expression`);
}

/** What a `together` statement selects, read by read: enough to decode its one row. */
type Layout = {
  names: string[];
  selections: Selected[][];
  joins: (Record<string, boolean> | undefined)[];
};

/**
 * The one statement for `reads`, and its layout. Each read's fields are checked first: a read that
 * cannot be decoded is refused before anything runs. A nested selection ({ yp: youngPeople, team: { name } })
 * and a join without one are flattened here as drizzle flattens them, and nested again by mapResultRow.
 */
function statementOf(reads: Record<string, Read>): Layout & { statement: SQL } {
  const names = Object.keys(reads);
  const selections = names.map((name) => {
    const fields = orderSelectedFields(reads[name]._.config.fields);
    for (const { path, field } of fields) refuseUndecodable(`${name}.${path.join('.')}`, field);
    return fields;
  });
  const columns = names.map(
    (name, i) =>
      // row(q.*) numbers its fields f1, f2, … in the order the read selects them.
      sql`(SELECT coalesce(json_agg(row(q.*)), '[]'::json) FROM (${reads[name].getSQL()}) q)::text AS ${sql.identifier(`r${i}`)}`,
  );
  const joins = names.map(
    (name) => (reads[name] as unknown as { joinsNotNullableMap?: Record<string, boolean> }).joinsNotNullableMap,
  );
  return { names, selections, joins, statement: sql`SELECT ${sql.join(columns, sql`, `)}` };
}

/** Each read's rows from the statement's one row, decoded by drizzle's own columns. */
function decoded(layout: Layout, row: Record<string, string>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  layout.names.forEach((name, i) => {
    const fields = layout.selections[i];
    out[name] = (JSON.parse(row[`r${i}`]) as Record<string, unknown>[]).map((values) => {
      // One JSON field a selected field: anything else means the SQL and the selection disagree.
      if (Object.keys(values).length !== fields.length)
        throw new Error(`together: ${name} gave ${Object.keys(values).length} columns for ${fields.length} fields`);
      return mapResultRow(
        fields,
        fields.map((_, j) => values[`f${j + 1}`]),
        layout.joins[i],
      );
    });
  });
  return out;
}

type Rows = { rows: Record<string, string>[] };
type Together<R extends Record<string, Read>> = { [K in keyof R]: Awaited<R[K]> };

/**
 * Runs `reads` as one statement and gives each one's rows, as if each had been awaited alone. Each
 * keeps its own ORDER BY and LIMIT; their rows come back in that
 * order, as the aggregate reads its subquery in the order the subquery gives them.
 */
export async function together<R extends Record<string, Read>>(tx: Tx, reads: R): Promise<Together<R>> {
  if (Object.keys(reads).length === 0) return {} as Together<R>;
  const { statement, ...layout } = statementOf(reads);
  const result = (await tx.execute(statement)) as unknown as Rows;
  return decoded(layout, result.rows[0]) as Together<R>;
}

/** drizzle's parts a statement built once is sent through: the dialect writes SQL, the session sends it. */
type Query = { sql: string; params: unknown[] };
type Internals = {
  dialect: { sqlToQuery(statement: SQL): Query };
  session: { prepareQuery(query: Query, fields: undefined, name: undefined, arrayMode: false): { execute(): unknown } };
};
const internals = (tx: Tx) => tx as unknown as Internals;

/** Whether each call builds its statement again, to check the one kept (PATHWAY_CHECK_STATEMENTS=1: the tests). */
const CHECKING = process.env.PATHWAY_CHECK_STATEMENTS === '1';

/**
 * `together` for reads that differ from call to call only in their arguments (such as a record's id),
 * with the statement built once. Building a statement of ten reads (drizzle's query builders, then its
 * SQL written out) cost about 1 ms of a record page on PGlite, the same on every request; here each
 * call fills the arguments into the statement kept and sends it.
 *
 * The first call builds the reads twice, each time with stand-ins for the arguments, and keeps where
 * each stand-in landed among the parameters. Everything else must come out the same both times: a read
 * that puts anything else in its statement (a random id, the time) is refused, and so is one that
 * changes an argument before using it (a stand-in not found whole). The stand-ins are text: an argument
 * that is a number or a list changes the statement's shape; pass it to `together` instead. A value that
 * is the same on both builds but not for ever (today's date) cannot be seen there: with `check` (on in
 * the tests) every call builds the reads with its own arguments again and throws if they differ from
 * what is sent.
 */
export function togetherOnce<A extends string[], R extends Record<string, Read>>(
  build: (tx: Tx, ...args: A) => R,
  { check = CHECKING }: { check?: boolean } = {},
): (tx: Tx, ...args: A) => Promise<Together<R>> {
  let kept: (Layout & Query & { slots: (number | undefined)[] }) | undefined;
  const written = (tx: Tx, args: A) => {
    const { statement, ...layout } = statementOf(build(tx, ...args));
    return { ...layout, ...internals(tx).dialect.sqlToQuery(statement) };
  };
  const learn = (tx: Tx, arity: number) => {
    const standIns = () => Array.from({ length: arity }, (_, i) => `together-argument-${i}-${randomUUID()}`) as A;
    const [aArgs, bArgs] = [standIns(), standIns()];
    const [a, b] = [written(tx, aArgs), written(tx, bArgs)];
    const mentions = (value: unknown, args: A) =>
      args.some((arg) => (typeof value === 'string' ? value.includes(arg) : JSON.stringify(value)?.includes(arg)));
    const slots = a.params.map((value, i) => {
      const slot = aArgs.indexOf(value as string);
      if (slot >= 0 && b.params[i] === bArgs[slot]) return slot;
      if (mentions(value, aArgs) || mentions(b.params[i], bArgs))
        throw new Error(`together: parameter ${i + 1} is made from an argument, not the argument itself`);
      if (!isDeepStrictEqual(value, b.params[i]))
        throw new Error(`together: parameter ${i + 1} changes between builds with the same shape`);
      return undefined;
    });
    if (a.sql !== b.sql || a.params.length !== b.params.length)
      throw new Error('together: the statement changes between builds with the same shape');
    return { ...a, slots };
  };
  return async (tx, ...args) => {
    kept ??= learn(tx, args.length);
    const { slots } = kept;
    const params = kept.params.map((value, i) => (slots[i] === undefined ? value : args[slots[i]]));
    if (check) {
      const fresh = written(tx, args);
      if (fresh.sql !== kept.sql || !isDeepStrictEqual(fresh.params, params))
        throw new Error('together: the statement kept is not the one these arguments build');
    }
    const query = internals(tx).session.prepareQuery({ sql: kept.sql, params }, undefined, undefined, false);
    const result = (await query.execute()) as Rows;
    return decoded(kept, result.rows[0]) as Together<R>;
  };
}
