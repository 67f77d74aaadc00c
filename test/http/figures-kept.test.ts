// The managers' figures kept between requests (issue 10 §6): each process keeps what it read and
// computed for a council until the database says that council's records changed (migration 015).
// These check that a change is never hidden by what was kept: a change made through another
// connection (as another process would) shows on the very next request, a rolled-back one and a
// draft saved in a review do not count as changes, and another council's change leaves this one's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/data/db.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import {
  buildCouncil,
  buildTestApp,
  PASSWORD,
  signInFor,
  testDatabase,
  testDriver,
  TODAY,
  type TestApp,
} from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;
let other: CouncilRows;
beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 120 });
  other = await buildCouncil(t.db, { youngPeople: 20 });
});
afterAll(() => t.close());

async function serviceManager(app: TestApp['app'], council: CouncilRows) {
  const agent = new Agent(app);
  const r = await agent.post('/sign-in', { login: signInFor(council, 'sm'), password: PASSWORD });
  expect(r.statusCode).toBe(303);
  return agent;
}

/** The "All teams" row of Dorset's table as downloaded: [young people, with a plan, in date]. */
async function allTeams(agent: Agent): Promise<number[]> {
  const r = await agent.get(`/performance/plans-16-17.csv?asAt=${TODAY}`);
  expect(r.statusCode).toBe(200);
  const last = r.body.trim().split('\r\n').at(-1)!.split(',');
  expect(last[0]).toBe('All teams');
  return last.slice(1, 4).map(Number);
}

/** What the database said changed while `work` ran, once every change is heard. */
async function heardDuring(db: Database, work: () => Promise<unknown>): Promise<(string | null)[]> {
  const heard: (string | null)[] = [];
  const stop = db.councilChanges.subscribe((id) => heard.push(id));
  try {
    await work();
    await db.councilChanges.settled();
  } finally {
    stop();
  }
  return heard;
}

describe('the figures a process keeps', () => {
  it('are found again for the same page, and made again once the council’s records change', async () => {
    const sm = await serviceManager(t.app, rows);
    const figures = t.services.oversight.figures;
    expect((await sm.get('/performance')).statusCode).toBe(200);
    const before = await allTeams(sm);
    expect(before[0]).toBeGreaterThan(0);
    const found = figures.found;
    const made = figures.made;
    expect((await sm.get('/performance')).statusCode).toBe(200);
    expect(await allTeams(sm)).toEqual(before);
    expect(figures.found).toBeGreaterThan(found);
    expect(figures.made).toBe(made);

    // Every case closed, by the table owner's own connection (not through the app): none is open.
    await t.db.system((tx) =>
      tx.execute(
        sql`UPDATE young_people SET case_status = 'closed', closed_on = '2020-01-01' WHERE council_id = ${rows.council.id}`,
      ),
    );
    expect(await allTeams(sm)).toEqual([0, 0, 0]);
    expect((await sm.get('/performance')).statusCode).toBe(200);
    expect(figures.made).toBeGreaterThan(made);
  });

  it('hears a change only when it commits, and not a review’s draft being saved', async () => {
    const councilId = rows.council.id;
    const open = await t.db.system((tx) =>
      tx.execute(sql`SELECT count(*)::int AS n FROM reviews WHERE council_id = ${councilId} AND state <> 'approved'`),
    );
    expect((open as unknown as { rows: { n: number }[] }).rows[0].n).toBeGreaterThan(0);
    const rolledBack = await heardDuring(t.db, () =>
      t.db
        .system(async (tx) => {
          await tx.execute(sql`UPDATE young_people SET restricted = NOT restricted WHERE council_id = ${councilId}`);
          throw new Error('rolled back');
        })
        .catch((e: Error) => expect(e.message).toBe('rolled back')),
    );
    expect(rolledBack).toEqual([]);
    const draft = await heardDuring(t.db, () =>
      t.db.system((tx) =>
        tx.execute(
          sql`UPDATE reviews SET review = review || '{"note": "draft"}'::jsonb WHERE council_id = ${councilId} AND state <> 'approved'`,
        ),
      ),
    );
    expect(draft).toEqual([]);
    const approved = await heardDuring(t.db, () =>
      t.db.system((tx) =>
        tx.execute(
          sql`UPDATE reviews SET review = jsonb_set(review, '{startedOn}', '"2026-01-05"') WHERE council_id = ${councilId} AND state <> 'approved'`,
        ),
      ),
    );
    // One word per council per transaction, however many rows changed.
    expect(approved).toEqual([councilId]);
  });

  it('outlive staff signing in, which changes their row but nothing the figures read', async () => {
    const sm = await serviceManager(t.app, rows);
    await sm.get('/performance');
    const figures = t.services.oversight.figures;
    const made = figures.made;
    const found = figures.found;
    for (const who of ['pa', 'tm', 'iro'] as const) {
      const r = await new Agent(t.app).post('/sign-in', { login: signInFor(rows, who), password: PASSWORD });
      expect(r.statusCode).toBe(303);
    }
    await sm.get('/performance');
    expect(figures.found).toBeGreaterThan(found);
    expect(figures.made).toBe(made);
  });

  it('of one council outlive another council’s change', async () => {
    const sm = await serviceManager(t.app, other);
    await sm.get('/performance');
    const figures = t.services.oversight.figures;
    const made = figures.made;
    await t.db.system((tx) =>
      tx.execute(sql`UPDATE young_people SET restricted = NOT restricted WHERE council_id = ${rows.council.id}`),
    );
    await sm.get('/performance');
    expect(figures.made).toBe(made);
  });

  it('are told of a change to every table the figures read', async () => {
    // The tables named in the figures' reads (plain SQL and drizzle's `.from(table)`), and the policy's.
    const root = path.resolve(import.meta.dirname, '../../src/data/repositories');
    const source = ['oversight.ts', 'outcomes.ts'].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
    const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const read = new Set([
      'council_policies',
      ...[...source.matchAll(/\b(?:FROM|JOIN) ([a-z_]+)/g)].map((m) => m[1]),
      ...[...source.matchAll(/\.from\((\w+)\)/g)].map((m) => snake(m[1])),
    ]);
    expect(read.size).toBeGreaterThan(10);
    const triggered = await t.db.system((tx) =>
      tx.execute(sql`SELECT DISTINCT c.relname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname LIKE 'council_changed%'`),
    );
    const names = new Set((triggered as unknown as { rows: { name: string }[] }).rows.map((r) => r.name));
    expect([...read].filter((table) => !names.has(table))).toEqual([]);
  });

  it.runIf(testDriver() === 'postgres')(
    'of a second process on the same database show a change made through the first at its next request',
    async () => {
      const second = await buildTestApp(await testDatabase());
      try {
        const council = await buildCouncil(t.db, { youngPeople: 60 });
        const sm = await serviceManager(second.app, council);
        const before = await allTeams(sm);
        expect(await allTeams(sm)).toEqual(before);
        expect(second.services.oversight.figures.found).toBeGreaterThan(0);
        await t.db.system((tx) =>
          tx.execute(
            sql`UPDATE young_people SET case_status = 'closed', closed_on = '2020-01-01' WHERE council_id = ${council.council.id}`,
          ),
        );
        expect(await allTeams(sm)).toEqual([0, 0, 0]);
      } finally {
        await second.close();
      }
    },
  );
});
