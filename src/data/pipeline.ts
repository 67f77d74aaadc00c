// Several statements with parameters sent to PostgreSQL in one round trip (the extended query
// protocol's pipelining: each statement's Parse, Bind and Execute, then one Sync). node-postgres
// waits for each query's answer before sending the next; this is a query object of its own kind
// (pg's "submittable") that it sends in its turn like any other.
//
// Used to begin a transaction and enter the council in one round trip (see db.ts): a simple-protocol
// query could also carry two statements, but not parameters, so the council's key would be written
// into the SQL text, where pg_stat_activity shows it to any session of the same login.
import type pg from 'pg';

type Statement = { text: string; values?: (string | null)[] };

/** The parts of pg's connection a submittable writes to; pg passes it to `submit`. */
type Connection = {
  stream: { cork?: () => void; uncork?: () => void };
  parse(message: { text: string; name?: string; types?: number[] }): void;
  bind(message: { portal?: string; statement?: string; values?: (string | null)[] }): void;
  execute(message: { portal?: string; rows?: number }): void;
  sync(): void;
};

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
        connection.stream.cork?.();
        try {
          for (const s of statements) {
            connection.parse({ text: s.text });
            connection.bind({ values: s.values ?? [] });
            connection.execute({});
          }
          connection.sync();
        } finally {
          connection.stream.uncork?.();
        }
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
