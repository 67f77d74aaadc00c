// Isolation is enforced by the database itself: row-level security with the app role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/data/db.ts';
import { auditEvents, teams, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { buildCouncil, testDatabase } from '../support/app.ts';
import { dbErrorOf } from '../support/db-error.ts';

let db: Database;
let a: CouncilRows;
let b: CouncilRows;

beforeAll(async () => {
  db = await testDatabase();
  a = await buildCouncil(db, { youngPeople: 20 });
  b = await buildCouncil(db, { youngPeople: 20 });
});
afterAll(() => db.close());

describe('row-level security', () => {
  it('runs queries as the app role, not a superuser', async () => {
    const result = (await db.withCouncil(a.council.id, (tx) =>
      tx.execute(sql`SELECT current_user AS u, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS s`),
    )) as unknown as { rows: unknown[] };
    expect(result.rows[0]).toMatchObject({ u: 'pathway_app', s: false });
  });

  it('shows nothing when no council is set', async () => {
    const counts = await db.withoutCouncil(async (tx) => ({
      yp: (await tx.select().from(youngPeople)).length,
      teams: (await tx.select().from(teams)).length,
      audit: (await tx.select().from(auditEvents)).length,
    }));
    expect(counts).toEqual({ yp: 0, teams: 0, audit: 0 });
  });

  it("shows only the council's own rows", async () => {
    const seen = await db.withCouncil(a.council.id, (tx) =>
      tx.select({ councilId: youngPeople.councilId }).from(youngPeople),
    );
    expect(seen.length).toBe(a.youngPeople.length);
    expect(new Set(seen.map((r) => r.councilId))).toEqual(new Set([a.council.id]));
  });

  it("rejects a write into another council's rows", async () => {
    const other = b.youngPeople[0];
    expect(
      await dbErrorOf(
        db.withCouncil(a.council.id, (tx) =>
          tx.insert(teams).values({ councilId: b.council.id, name: 'Sneaky', serviceType: 'leaving_care' }),
        ),
      ),
    ).toMatch(/row-level security/);
    const updated = await db.withCouncil(a.council.id, (tx) =>
      tx.update(youngPeople).set({ givenName: 'Changed' }).where(eq(youngPeople.id, other.id)).returning(),
    );
    expect(updated).toHaveLength(0);
    // Moving one of our rows into the other council is refused too.
    expect(
      await dbErrorOf(
        db.withCouncil(a.council.id, (tx) =>
          tx.update(youngPeople).set({ councilId: b.council.id }).where(eq(youngPeople.id, a.youngPeople[0].id)),
        ),
      ),
    ).toMatch(/row-level security/);
    const [still] = await db.system((tx) => tx.select().from(youngPeople).where(eq(youngPeople.id, other.id)));
    expect(still.givenName).toBe(other.givenName);
  });
});

describe('audit trail', () => {
  it('the app role can insert and read audit rows but never change or delete them', async () => {
    await db.withCouncil(a.council.id, (tx) =>
      tx
        .insert(auditEvents)
        .values({ councilId: a.council.id, actorKind: 'system', actorId: null, action: 'test.probe' }),
    );
    expect(await dbErrorOf(db.withCouncil(a.council.id, (tx) => tx.delete(auditEvents)))).toMatch(/permission denied/);
    expect(
      await dbErrorOf(db.withCouncil(a.council.id, (tx) => tx.update(auditEvents).set({ action: 'rewritten' }))),
    ).toMatch(/permission denied/);
    expect(await dbErrorOf(db.withCouncil(a.council.id, (tx) => tx.execute(sql`TRUNCATE audit_events`)))).toMatch(
      /permission denied|must be owner/,
    );
    const rows = await db.withCouncil(a.council.id, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.action, 'test.probe')),
    );
    expect(rows).toHaveLength(1);
  });
});

describe('records that must never change', () => {
  it.each(['plan_versions', 'review_triggers', 'statutory_records', 'council_policies'])(
    'the app role cannot update or delete %s',
    async (table) => {
      const count = () =>
        db.system(async (tx) => {
          const result = (await tx.execute(
            sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE council_id = ${a.council.id}`,
          )) as unknown as {
            rows: { n: number }[];
          };
          return Number(result.rows[0].n);
        });
      const before = await count();
      // Deleting is refused: by the grants, or (for records that hang off a young person) by migration
      // 025's guard, which lets only an erasure granted by the database delete them. Council A's rows
      // are counted: other test files write to the same server meanwhile.
      const refused = await dbErrorOf(
        db.withCouncil(a.council.id, (tx) => tx.execute(sql.raw(`DELETE FROM ${table}`))),
      );
      // With no rows a guard that looks at each row has nothing to refuse.
      if (before > 0) expect(refused).toMatch(/permission denied|deleted only|cannot be changed/);
      expect(await count()).toBe(before);
      // And whatever rows there are: no DELETE for the app, or a guard on every row it deletes.
      const guarded = await db.system(async (tx) => {
        const result = (await tx.execute(sql`SELECT NOT has_table_privilege('pathway_app', ${table}, 'DELETE')
            OR EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
              WHERE t.tgrelid = to_regclass(${table}) AND p.proname = 'pathway_refuse_change'
                AND (t.tgtype & 1) = 1 AND (t.tgtype & 2) = 2 AND (t.tgtype & 8) = 8) AS ok`)) as unknown as {
          rows: { ok: boolean }[];
        };
        return result.rows[0].ok;
      });
      expect(guarded).toBe(true);
      expect(
        await dbErrorOf(
          db.withCouncil(a.council.id, (tx) => tx.execute(sql.raw(`UPDATE ${table} SET council_id = council_id`))),
        ),
      ).toMatch(/permission denied/);
    },
  );
});
