// Young people's statutory facts kept between requests (issue 9): each process keeps the facts a list
// read, per young person, until the database says that young person's facts changed (migration 024).
// These check that what is kept never hides a change: a change made through another connection (as
// another process would make it) shows at the very next list, only the young person it touched is
// read again, a rolled-back change evicts nothing, and every table the facts are read from tells.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/permissions.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { statutoryViews } from '../../src/services/statutory.ts';
import {
  buildCouncil,
  buildTestApp,
  staffByLocal,
  testDatabase,
  testDriver,
  TODAY,
  type TestApp,
} from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;
beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
});
afterAll(() => t.close());

function managerOf(council: CouncilRows) {
  const sm = staffByLocal(council, 'sm');
  const principal: Principal = {
    kind: 'staff',
    id: sm.id,
    councilId: council.council.id,
    role: 'service_manager',
    teamId: sm.teamId ?? null,
    name: sm.displayName,
  };
  return { principal, requestId: `facts-kept-${Math.random()}` };
}

/** Every open case in the council as the list shows it: id → status category and what is next. */
async function listed(app: TestApp, council: CouncilRows) {
  const result = await app.services.records.list(managerOf(council), 'team', { pageSize: 10_000 });
  return new Map(result.rows.map((r) => [r.id, r.statutory]));
}

/** The same, derived from facts read afresh from the database. */
async function afresh(app: TestApp, council: CouncilRows, ids: string[]) {
  return app.db.withCouncil(council.council.id, (tx) => statutoryViews(tx, ids, TODAY));
}

async function expectListMatchesDatabase(app: TestApp, council: CouncilRows) {
  const shown = await listed(app, council);
  expect(shown.size).toBeGreaterThan(10);
  const fresh = await afresh(app, council, [...shown.keys()]);
  for (const [id, view] of shown) expect(view, id).toEqual(fresh.get(id));
  return shown;
}

/** A young person in the list whose next statutory step moves when a needs assessment and plan are recorded. */
async function someoneWithWorkDue(app: TestApp, council: CouncilRows) {
  const shown = await listed(app, council);
  const [id] =
    [...shown].find(
      ([, v]) => v.next !== null && ['ELIGIBLE', 'RELEVANT', 'FORMER_RELEVANT'].includes(v.status.category),
    ) ?? [];
  expect(id).toBeDefined();
  return id!;
}

describe('the facts a process keeps', () => {
  it('are found again for the next list, and give the same status as facts read afresh', async () => {
    const kept = t.services.records.factsKept.counts;
    await expectListMatchesDatabase(t, rows);
    const read = kept.read;
    const found = kept.found;
    await expectListMatchesDatabase(t, rows);
    expect(kept.read).toBe(read);
    expect(kept.found - found).toBeGreaterThan(10);
  });

  it('are read again for the one young person a change touched, at the very next list', async () => {
    const id = await someoneWithWorkDue(t, rows);
    const before = (await listed(t, rows)).get(id)!;
    const kept = t.services.records.factsKept.counts;
    const read = kept.read;
    // Recorded through the table owner's own connection, not through the app.
    await t.db.system((tx) =>
      tx.execute(sql`INSERT INTO statutory_records (council_id, young_person_id, kind, completed_on)
        VALUES (${rows.council.id}, ${id}, 'pathway_plan', ${TODAY}), (${rows.council.id}, ${id}, 'needs_assessment', ${TODAY})`),
    );
    const after = await expectListMatchesDatabase(t, rows);
    expect(after.get(id)).not.toEqual(before);
    expect(kept.read - read).toBe(1);
  });

  it('are kept when a change is rolled back', async () => {
    await listed(t, rows);
    const id = await someoneWithWorkDue(t, rows);
    const kept = t.services.records.factsKept.counts;
    const read = kept.read;
    await t.db
      .system(async (tx) => {
        await tx.execute(sql`UPDATE young_people SET date_of_birth = date_of_birth - 400 WHERE id = ${id}`);
        throw new Error('rolled back');
      })
      .catch((e: Error) => expect(e.message).toBe('rolled back'));
    await expectListMatchesDatabase(t, rows);
    expect(kept.read).toBe(read);
  });

  it('are read again after a change to each table the facts are read from', async () => {
    const source = readFileSync(path.resolve(import.meta.dirname, '../../src/data/repositories/statutory.ts'), 'utf8');
    const factsSource = source.slice(
      source.indexOf('export function factsJson'),
      source.indexOf('export const policyVersionInForce'),
    );
    const tables = new Set(['young_people', ...[...factsSource.matchAll(/\bFROM ([a-z_]+)/g)].map((m) => m[1])]);
    expect([...tables].sort()).toEqual(['care_episodes', 'review_triggers', 'statutory_records', 'young_people']);
    const triggered = await t.db.system((tx) =>
      tx.execute(sql`SELECT DISTINCT c.relname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname = 'young_person_changed'`),
    );
    const names = new Set((triggered as unknown as { rows: { name: string }[] }).rows.map((r) => r.name));
    expect([...tables].filter((table) => !names.has(table))).toEqual([]);

    // And a change to each is heard for the young person it touched.
    const id = await someoneWithWorkDue(t, rows);
    const kept = t.services.records.factsKept.counts;
    const changes = [
      sql`UPDATE young_people SET support_after_21_requested_on = ${TODAY} WHERE id = ${id}`,
      sql`UPDATE care_episodes SET legal_status = legal_status WHERE young_person_id = ${id}`,
      sql`INSERT INTO statutory_records (council_id, young_person_id, kind, completed_on)
        VALUES (${rows.council.id}, ${id}, 'adviser_visit', ${TODAY})`,
      sql`INSERT INTO review_triggers (council_id, young_person_id, kind, occurred_on, raised_on, description, raised_by_kind, raised_by)
        VALUES (${rows.council.id}, ${id}, 'other_change', ${TODAY}, ${TODAY}, 'Moved', 'staff', ${staffByLocal(rows, 'sm').id})`,
    ];
    for (const change of changes) {
      await listed(t, rows);
      const read = kept.read;
      await t.db.system((tx) => tx.execute(change));
      await expectListMatchesDatabase(t, rows);
      expect(kept.read - read).toBe(1);
    }
  });

  it.runIf(testDriver() === 'postgres')(
    'of a second process on the same database show a change made through the first at its next list',
    async () => {
      const second = await buildTestApp(await testDatabase());
      try {
        const id = await someoneWithWorkDue(second, rows);
        await expectListMatchesDatabase(second, rows);
        await t.db.system((tx) =>
          tx.execute(sql`INSERT INTO statutory_records (council_id, young_person_id, kind, completed_on)
            VALUES (${rows.council.id}, ${id}, 'review', ${TODAY})`),
        );
        await expectListMatchesDatabase(second, rows);
      } finally {
        await second.close();
      }
    },
  );
});
