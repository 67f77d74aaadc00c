// The job queue (issue 12 §3): pg-boss on the app's own database, PostgreSQL or embedded PGlite.
//
// pg-boss takes any `db` with `executeSql(text, values)`. Its own work (making and migrating its
// schema `pgboss`, fetching jobs with SKIP LOCKED, retries, cron, maintenance) runs as the table owner
// through `Database.queueSql`: on PostgreSQL the owner's pool, on PGlite the one embedded connection,
// each call one turn of its lock (pg-boss polls; it never holds a connection open between statements).
// A job sent for an event goes into the event's own transaction (`sendIn`), as the app role, so a
// rolled-back event queues nothing. The app role may only insert jobs, never read their data.
import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';

/** What the queue needs of `Database` (db.ts, which makes the queue's store as it migrates). */
type Database = {
  queueSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
};
/** What the queue needs of a transaction's handle (db.ts `Tx`). */
type Tx = { execute(query: SQL): PromiseLike<unknown> };

export const QUEUE_SCHEMA = 'pgboss';

/** The queues Pathway uses: one message each, and the two schedules that queue them. */
export const QUEUES = {
  reminder: 'reminder',
  reviewSoon: 'reminders-review-soon',
  digest: 'reminders-weekly-digest',
} as const;

/** A message that cannot be sent is tried again 5 times, after 30 s, 1 min, 2 min… (pg-boss backoff). */
export const RETRY = { retryLimit: 5, retryDelay: 30, retryBackoff: true } as const;

type Rows = { rows: Record<string, unknown>[] };

/** pg-boss's `db` as the table owner: a script (no values) runs as one, a statement with its values. */
export const ownerExecutor = (db: Database) => ({
  executeSql: (text: string, values?: unknown[]): Promise<Rows> => db.queueSql(text, values),
});

/** pg-boss's `db` inside one of the app's transactions: its statement becomes one drizzle query. */
export function transactionExecutor(tx: Tx) {
  return {
    async executeSql(text: string, values: unknown[] = []): Promise<Rows> {
      const result = (await tx.execute(withParameters(text, values))) as unknown as Rows;
      return { rows: result.rows };
    },
  };
}

/** `$1`, `$2` … in pg-boss's text, each as a drizzle parameter (a number used twice is sent twice). */
function withParameters(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) chunks.push(sql.raw(parts[i]));
    else chunks.push(sql`${values[Number(parts[i]) - 1] ?? null}`);
  }
  return sql.join(chunks);
}

/**
 * Makes or migrates pg-boss's schema, its queues, and the app role's right to add jobs. Run by
 * `Database.migrate()` after Pathway's own migrations; safe to run from several processes at once
 * (pg-boss takes an advisory lock; queues and grants are made only when missing).
 */
export async function prepareQueueStore(db: Database): Promise<void> {
  const executor = ownerExecutor(db);
  const ready = await executor.executeSql(
    `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = '${QUEUE_SCHEMA}' AND tablename = 'version'`,
  );
  const boss = new PgBoss({ db: executor, schema: QUEUE_SCHEMA, migrate: true, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
  try {
    const queues = new Set((await boss.getQueues()).map((q) => q.name));
    for (const name of Object.values(QUEUES)) if (!queues.has(name)) await boss.createQueue(name, { name, ...RETRY });
    if (ready.rows[0]?.n === 0 || queues.size < Object.values(QUEUES).length) {
      await executor.executeSql(
        // Under a lock of their own: two processes granting at once can fail ("tuple concurrently updated").
        `BEGIN;
         SELECT pg_advisory_xact_lock(7261026);
         GRANT USAGE ON SCHEMA ${QUEUE_SCHEMA} TO pathway_app;
         GRANT SELECT (name, dead_letter, expire_seconds, retention_minutes, retry_limit, retry_delay, retry_backoff, policy)
           ON ${QUEUE_SCHEMA}.queue TO pathway_app;
         GRANT INSERT, SELECT (id) ON ${QUEUE_SCHEMA}.job TO pathway_app;
         COMMIT`,
      );
    }
  } finally {
    await boss.stop({ graceful: false, close: false, wait: true } as PgBoss.StopOptions);
  }
}

export type JobHandler = (job: { id: string; name: string; data: unknown }) => Promise<void>;

export type QueueLog = { error(obj: object, msg: string): void; info(obj: object, msg: string): void };

/** The queue for one process: sends jobs; `start` also works them and keeps the schedules. */
export function jobQueue(db: Database) {
  const boss = new PgBoss({
    db: ownerExecutor(db),
    schema: QUEUE_SCHEMA,
    migrate: false,
    supervise: false,
    schedule: false,
  });
  let working: PgBoss | undefined;
  return {
    /** Queues a job in the caller's transaction: it is there if, and only if, the transaction commits. */
    async sendIn(tx: Tx, name: string, data: object, options: { id?: string } = {}): Promise<string | null> {
      return boss.send(name, data, { ...options, db: transactionExecutor(tx) } as PgBoss.SendOptions);
    },

    /**
     * Works the queues in this process until `stop`: each job on one worker only, in any number of
     * processes (pg-boss fetches with FOR UPDATE SKIP LOCKED); a job that throws is tried again with
     * backoff. Schedules are cron lines in the council's time zone, fired once across all processes.
     */
    async start(
      handlers: Record<string, JobHandler>,
      schedules: { name: string; cron: string }[],
      log: QueueLog,
      options: { pollingIntervalSeconds?: number } = {},
    ) {
      const worker = new PgBoss({
        db: ownerExecutor(db),
        schema: QUEUE_SCHEMA,
        migrate: false,
        supervise: true,
        schedule: schedules.length > 0,
      });
      worker.on('error', (err) => log.error({ err }, 'the job queue reported an error'));
      await worker.start();
      working = worker;
      for (const [name, handle] of Object.entries(handlers)) {
        await worker.work(
          name,
          { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
          async (jobs: PgBoss.Job<unknown>[]) => {
            for (const job of jobs) await handle(job);
          },
        );
      }
      for (const s of schedules) await worker.schedule(s.name, s.cron, {}, { tz: 'Europe/London' });
    },

    async stop() {
      const worker = working;
      working = undefined;
      await worker?.stop({ graceful: true, close: false, wait: true, timeout: 5_000 } as PgBoss.StopOptions);
    },

    /**
     * Works the jobs of one queue that are due now, in this process, and returns how many: for a
     * command run by hand and for tests. A job that throws is failed, to be tried again later.
     */
    async drain(name: string, handle: JobHandler): Promise<number> {
      const jobs = await boss.fetch<unknown>(name, { batchSize: 100 });
      for (const job of jobs) {
        try {
          await handle(job);
          await boss.complete(name, job.id);
        } catch (error) {
          await boss.fail(name, job.id, { message: (error as Error).message });
        }
      }
      return jobs.length;
    },

    /** A job's state (created, retry, active, completed, failed…), for tests and the outbox page. */
    async stateOf(name: string, id: string): Promise<string | null> {
      const job = await boss.getJobById(name, id);
      return job?.state ?? null;
    },
  };
}
export type JobQueue = ReturnType<typeof jobQueue>;
