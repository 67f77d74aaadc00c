// Statements on the embedded database (PGlite) the way the server driver runs them: each distinct
// statement parsed and planned once, kept by name, then bound and run in one call. PGlite's own
// `query()` makes six calls into WebAssembly for every statement (parse, describe, bind, describe,
// execute, sync) and parses and plans it afresh each time: about 0.5 ms for `SELECT 1`, and for a
// list read through row-level security more time planning than running. Here a statement already
// seen is one call, several statements can share it (a transaction's first statements, its last
// ones and COMMIT), and PostgreSQL keeps a generic plan once it is as good as a fresh one.
//
// Use only while holding PGlite for yourself (`runExclusive`): these calls do not take its lock.
import { type PGlite, parse, protocol, type QueryOptions, type Results } from '@electric-sql/pglite';

export type Statement = { text: string; values?: readonly unknown[]; options?: QueryOptions };

const serialize = protocol.serialize;
/** Statements kept by name in the session before the least recently used is closed. */
const KEPT = 400;

function joined(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function pgliteSession(db: PGlite) {
  const kept = new Map<string, { name: string; types: number[] }>();
  let nextName = 1;
  /** Names to close with the next call (evicted from `kept`). */
  const closing: string[] = [];

  /** Parses (and describes) every statement not yet kept, in one call. */
  async function prepare(texts: readonly string[]): Promise<void> {
    const fresh = [...new Set(texts.filter((text) => !kept.has(text)))];
    if (fresh.length === 0) return;
    const names = fresh.map(() => `pw${nextName++}`);
    const parts: Uint8Array[] = closing.splice(0).map((name) => serialize.close({ type: 'S', name }));
    fresh.forEach((text, i) => {
      parts.push(serialize.parse({ name: names[i], text }), serialize.describe({ type: 'S', name: names[i] }));
    });
    parts.push(serialize.sync());
    const messages = await db.execProtocolStream(joined(parts), { syncToFs: false });
    const described = messages.filter((m) => m.name === 'parameterDescription') as unknown as {
      dataTypeIDs: number[];
    }[];
    fresh.forEach((text, i) => {
      kept.set(text, { name: names[i], types: described[i]?.dataTypeIDs ?? [] });
      if (kept.size > KEPT) {
        const [oldest, { name }] = kept.entries().next().value!;
        kept.delete(oldest);
        closing.push(name);
      }
    });
  }

  /**
   * Calls one after another: a transaction's handle may be asked for several statements at once
   * (`Promise.all`), and PGlite keeps one call's answer only until the next call begins.
   */
  let last: Promise<unknown> = Promise.resolve();
  function run(statements: readonly Statement[]): Promise<Results[]> {
    const next = last.then(
      () => runNow(statements),
      () => runNow(statements),
    );
    last = next.catch(() => {});
    return next;
  }

  /** The statements in order, in one call; one result each. The first error stops the rest and is thrown. */
  async function runNow(statements: readonly Statement[]): Promise<Results[]> {
    await prepare(statements.map((s) => s.text));
    const parts: Uint8Array[] = closing.splice(0).map((name) => serialize.close({ type: 'S', name }));
    for (const { text, values = [], options } of statements) {
      const statement = kept.get(text)!;
      // Most recently used last: the first in the map is the one to close when there are too many.
      kept.delete(text);
      kept.set(text, statement);
      const texts = values.map((value, i) => {
        if (value === null || value === undefined) return null;
        const type = statement.types[i];
        const serializer = options?.serializers?.[type] ?? db.serializers[type];
        return serializer ? serializer(value) : String(value);
      });
      parts.push(
        serialize.bind({ statement: statement.name, values: texts }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
      );
    }
    parts.push(serialize.sync());
    const messages = await db.execProtocolStream(joined(parts), { syncToFs: false });
    // One result a statement: each ends with its command's completion.
    const results: Results[] = [];
    let from = 0;
    for (const [i, message] of messages.entries()) {
      if (message.name !== 'commandComplete' && message.name !== 'emptyQuery') continue;
      const options = statements[results.length]?.options;
      results.push(parse.parseResults(messages.slice(from, i + 1), db.parsers, options)[0]);
      from = i + 1;
    }
    return results;
  }

  return {
    run,
    async query<T>(text: string, values?: readonly unknown[], options?: QueryOptions): Promise<Results<T>> {
      return (await run([{ text, values, options }]))[0] as Results<T>;
    },
  };
}

export type PgliteSession = ReturnType<typeof pgliteSession>;
