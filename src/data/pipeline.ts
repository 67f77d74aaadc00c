// Several statements with parameters sent to PostgreSQL in one round trip (the extended query
// protocol's pipelining: each statement's Parse, Bind and Execute, then one Sync). node-postgres
// waits for each query's answer before sending the next; this is a query object of its own kind
// (pg's "submittable") that it sends in its turn like any other.
//
// Used to begin a transaction and enter the council in one round trip (see db.ts): a simple-protocol
// query could also carry two statements, but not parameters, so the council's key would be written
// into the SQL text, where pg_stat_activity shows it to any session of the same login.
import pg from 'pg';

type Statement = { text: string; values?: (string | null)[] };

/** The parts of pg's connection a submittable writes to; pg passes it to `submit`. */
type Connection = {
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name?: string; types?: number[] }): void;
  bind(message: { portal?: string; statement?: string; values?: (string | null)[] }): void;
  execute(message: { portal?: string; rows?: number }): void;
  sync(): void;
};

/** Writes each statement's Parse, Bind and Execute, then what `then` writes, to go out as one write. */
function written<T>(connection: Connection, statements: Statement[], then: () => T): T {
  connection.stream.cork?.();
  try {
    for (const s of statements) {
      connection.parse({ text: s.text });
      connection.bind({ values: s.values ?? [] });
      connection.execute({});
    }
    return then();
  } finally {
    connection.stream.uncork?.();
  }
}

/**
 * Runs the statements in order, as one round trip, and resolves when the server is ready again.
 * If one fails the server skips the rest and the promise rejects with its error; inside a block
 * that BEGIN opened, the transaction is then aborted and needs a ROLLBACK, as after any error.
 * Rows are not returned: the statements are run for what they do.
 */
export function pipelined(client: pg.PoolClient, statements: Statement[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed: Error | undefined;
    const query = {
      submit(connection: Connection) {
        written(connection, statements, () => connection.sync());
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleCommandComplete() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyInResponse() {},
      handleCopyData() {},
      // pg calls this on an error and then forgets the query: the ready message that follows is not ours.
      handleError(err: Error) {
        failed ??= err;
        reject(err);
      },
      handleReadyForQuery() {
        if (failed) reject(failed);
        else resolve();
      },
    };
    client.query(query as unknown as pg.QueryConfig);
  });
}

/** The parts of pg's query object `afterOpening` wraps; pg passes its connection to each. */
type QueryInternals = {
  callback?: (err: Error | null, result?: unknown) => void;
  submit(connection: Connection): Error | null;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: Connection): void;
};
type ConnectionState = { parsedStatements: Record<string, string> };

/**
 * Runs the statements `opening` and then the query `config` (with `values`) as one round trip, and
 * answers as node-postgres answers that query alone: its rows, or the first error. Used to send a
 * transaction's BEGIN and council with its first statement. The opening statements' rows are not
 * returned; if one fails, the server skips the rest and the query rejects with that error.
 *
 * A query that would parse a named statement is not joined: pg records a name as parsed on the
 * first ParseComplete it hears while that query is running, which here would be the opening's, and
 * would then never send its Parse again after a failure. Nor is a simple-protocol query (no
 * parameters, no name). Those wait for the opening to be answered and go in the next round trip,
 * as before. `send` is the client's own query method.
 */
export function afterOpening(
  client: pg.PoolClient,
  opening: Statement[],
  config: { text: string; name?: string; rows?: number },
  values: unknown[] | undefined,
  send: (...args: unknown[]) => unknown,
): Promise<unknown> {
  const state = (client as unknown as { connection: ConnectionState }).connection;
  const parsed = config.name ? state.parsedStatements[config.name] : undefined;
  const joinable =
    !config.rows &&
    (values === undefined || Array.isArray(values)) &&
    (config.name ? parsed === config.text : (values?.length ?? 0) > 0);
  if (!joinable) return pipelined(client, opening).then(() => send(config, values));

  const query = new (pg.Query as unknown as new (c: unknown, v?: unknown) => QueryInternals)(config, values);
  let openingLeft = opening.length;
  const submit = query.submit.bind(query);
  query.submit = (connection) => written(connection, opening, () => submit(connection));
  // The opening's answers come first: a row for its SELECT (no row description, as none was asked
  // for) and a CommandComplete for each statement. They are not the query's.
  const dataRow = query.handleDataRow.bind(query);
  query.handleDataRow = (message) => {
    if (openingLeft === 0) dataRow(message);
  };
  const complete = query.handleCommandComplete.bind(query);
  query.handleCommandComplete = (message, connection) => {
    if (openingLeft > 0) openingLeft -= 1;
    else complete(message, connection);
  };
  return new Promise((resolve, reject) => {
    query.callback = (err, result) => (err ? reject(err) : resolve(result));
    send(query);
  });
}
