// The SQL form of the record predicates (repositories/people.ts visibleTo) must agree with
// the domain rule (domain/permissions.ts canAccessRecord) for every member of staff.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/data/db.ts';
import { listYoungPeople, recordFacts } from '../../src/data/repositories/people.ts';
import { canAccessRecord, type Principal, type StaffRole } from '../../src/domain/permissions.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { buildCouncil, testDatabase, TODAY } from '../support/app.ts';

let db: Database;
let rows: CouncilRows;

beforeAll(async () => {
  db = await testDatabase();
  rows = await buildCouncil(db, { youngPeople: 120 });
});
afterAll(() => db.close());

describe('visibleTo agrees with canAccessRecord', () => {
  it('for every member of staff and every young person', async () => {
    const facts = await db.withCouncil(rows.council.id, async (tx) =>
      Promise.all(rows.youngPeople.map((y) => recordFacts(tx, y.id, TODAY))),
    );
    let checked = 0;
    for (const s of rows.staff) {
      const principal: Principal = {
        kind: 'staff',
        id: s.id,
        councilId: rows.council.id,
        role: s.role as StaffRole,
        teamId: s.teamId ?? null,
        name: s.displayName,
      };
      const sql = await db.withCouncil(rows.council.id, (tx) =>
        listYoungPeople(tx, principal, TODAY, { includeClosed: true, limit: 10_000 }),
      );
      const fromSql = new Set(sql.rows.map((r) => r.id));
      const fromDomain = new Set(facts.filter((f) => f && canAccessRecord(principal, f)).map((f) => f!.id));
      expect([s.role, [...fromSql].sort()]).toEqual([s.role, [...fromDomain].sort()]);
      checked += fromDomain.size;
    }
    expect(checked).toBeGreaterThan(rows.youngPeople.length); // the comparison was not vacuous
  });
});
