// The database is the last line (issue 7, item 9): even SQL the app did not mean to send cannot
// leave its council, reach case content before sign-in, change an approved plan or rewrite the
// audit trail. Tests speak SQL directly through the same handles the services use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../src/data/db.ts';
import { auditEvents, planVersions, reviews, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { buildCouncil, testDatabase, testDriver } from '../support/app.ts';
import { dbErrorOf } from '../support/db-error.ts';

let db: Database;
let a: CouncilRows;
let b: CouncilRows;
const onPostgres = testDriver() === 'postgres';

beforeAll(async () => {
  db = await testDatabase();
  a = await buildCouncil(db, { youngPeople: 30 });
  b = await buildCouncil(db, { youngPeople: 30 });
});
afterAll(() => db.close());

const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;
const count = async (tx: Tx) => (await tx.select({ id: youngPeople.id }).from(youngPeople)).length;

describe('the app logs in as a role that is neither superuser nor owner', () => {
  // PGlite has one built-in superuser login; there the app switches role per transaction and the
  // council key below still holds. A PostgreSQL server is what production uses.
  it.runIf(onPostgres)('its login is not a superuser and owns no table', async () => {
    const [me] = rowsOf(
      await db.withCouncil(a.council.id, (tx) =>
        tx.execute(sql`SELECT session_user AS login, (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS super,
          (SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public' AND tableowner = session_user) AS owned`),
      ),
    );
    expect(me.login).toMatch(/^pathway_login_/);
    expect(me).toMatchObject({ super: false, owned: 0 });
  });

  it.runIf(onPostgres)('RESET ROLE inside an app transaction reaches nothing', async () => {
    const error = await dbErrorOf(
      db.withCouncil(a.council.id, async (tx) => {
        await tx.execute(sql`RESET ROLE`);
        return count(tx);
      }),
    );
    expect(error).toMatch(/permission denied/);
  });
});

describe('a council is entered with its key, never chosen', () => {
  it('setting the council by hand inside a transaction shows nothing', async () => {
    const seen = await db.withCouncil(a.council.id, async (tx) => {
      const own = await count(tx);
      await tx.execute(sql`SELECT set_config('app.council_id', ${b.council.id}, true)`);
      const other = await count(tx);
      return { own, other };
    });
    expect(seen).toEqual({ own: a.youngPeople.length, other: 0 });
  });

  it('a guessed key is refused', async () => {
    const error = await dbErrorOf(
      db.withoutCouncil((tx) => tx.execute(sql`SELECT pathway_enter_council(${b.council.id}::uuid, 'guess')`)),
    );
    expect(error).toMatch(/council key refused/);
  });

  // PGlite's clock counts milliseconds and it has one backend, so many of these tries begin the next
  // transaction in the same millisecond as the ticket's (migration 037): the start time alone let them in.
  it("one transaction's ticket is no good in another, even one begun the same millisecond", async () => {
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) {
      const ticket = await db.withCouncil(
        a.council.id,
        async (tx) => rowsOf(await tx.execute(sql`SELECT current_setting('app.council_ticket') AS t`))[0].t as string,
      );
      expect(ticket).toMatch(/^[0-9a-f]{64}$/);
      seen.push(
        await db.withoutCouncil(async (tx) => {
          await tx.execute(
            sql`SELECT set_config('app.council_id', ${a.council.id}, true), set_config('app.council_ticket', ${ticket}, true)`,
          );
          return count(tx);
        }),
      );
    }
    expect(seen.filter((n) => n > 0)).toEqual([]);
  });

  it('the app roles cannot read the secret or make a key', async () => {
    expect(await dbErrorOf(db.withoutCouncil((tx) => tx.execute(sql`SELECT value FROM pathway_secrets`)))).toMatch(
      /permission denied/,
    );
    expect(
      await dbErrorOf(db.withoutCouncil((tx) => tx.execute(sql`SELECT pathway_council_key(${a.council.id}::uuid)`))),
    ).toMatch(/permission denied/);
    expect(await dbErrorOf(db.beforeCouncil((tx) => tx.execute(sql`SELECT value FROM pathway_secrets`)))).toMatch(
      /permission denied/,
    );
  });
});

describe('before a council is known, only what sign-in needs', () => {
  it.each([
    ['care history', sql`SELECT * FROM care_episodes LIMIT 1`],
    ['plans', sql`SELECT * FROM reviews LIMIT 1`],
    ['approved plans', sql`SELECT * FROM plan_versions LIMIT 1`],
    ['the audit trail', sql`SELECT * FROM audit_events LIMIT 1`],
    ['dates of birth', sql`SELECT date_of_birth FROM young_people LIMIT 1`],
    ['changing a role', sql`UPDATE staff SET role = 'service_manager' WHERE false`],
  ])('the sign-in role cannot reach %s', async (_what, query) => {
    expect(await dbErrorOf(db.beforeCouncil((tx) => tx.execute(query)))).toMatch(/permission denied/);
  });

  it('the sign-in role can find an account by email, across councils', async () => {
    const found = await db.beforeCouncil((tx) =>
      tx.execute(sql`SELECT council_id FROM staff WHERE lower(email) IN (${a.staff[0].email}, ${b.staff[0].email})`),
    );
    expect(rowsOf(found)).toHaveLength(2);
  });
});

describe('the session look-up the login runs directly (migrations 006 and 032)', () => {
  const sessionOf = async (rows: CouncilRows, expiresAt: Date) => {
    const id = `test-session-${Math.random().toString(36).slice(2)}`;
    const person = rows.staff[0];
    await db.system((tx) =>
      tx.execute(sql`INSERT INTO sessions (id, council_id, principal_kind, principal_id, csrf_token, expires_at)
        VALUES (${id}, ${rows.council.id}, 'staff', ${person.id}, 'token', ${expiresAt.toISOString()}::timestamptz)`),
    );
    return { id, person };
  };
  const lookUp = (id: string, at = new Date()) =>
    db.single<Record<string, unknown>>(sql`SELECT * FROM pathway_session(${id}, ${at.toISOString()}::timestamptz)`);

  it('finds a live session by its id, with its own council and person, and nothing more', async () => {
    const { id, person } = await sessionOf(a, new Date(Date.now() + 60_000));
    const rows = await lookUp(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ council_id: a.council.id, principal_id: person.id, staff_role: person.role });
    expect(Object.keys(rows[0]).sort()).toEqual(
      [
        'council_id',
        'principal_kind',
        'principal_id',
        'csrf_token',
        'last_seen_at',
        'expires_at',
        'staff_role',
        'staff_team_id',
        'staff_name',
        'staff_active',
        'yp_given_name',
        'yp_preferred_name',
        // Whether a young person reads in easy read (migration 033).
        'yp_easy_read',
        // A supporter's name, whose plan and what they may do (migration 032).
        'supporter_name',
        'supporter_young_person_id',
        'supporter_access',
      ].sort(),
    );
  });

  it('gives nothing for an expired session, an unknown id or a pattern', async () => {
    const { id } = await sessionOf(b, new Date(Date.now() - 1000));
    expect(await lookUp(id)).toEqual([]);
    expect(await lookUp('no-such-session')).toEqual([]);
    expect(await lookUp('%')).toEqual([]);
  });

  it.runIf(onPostgres)('is the only way in for the login with no role: the table itself is refused', async () => {
    expect(await dbErrorOf(db.single(sql`SELECT id FROM sessions LIMIT 1`))).toMatch(/permission denied/);
  });
});

describe('what must never change, whoever asks', () => {
  const approvedReview = () => a.reviews.find((r) => r.state === 'approved')! as { id: string };
  const openReview = () => a.reviews.find((r) => r.state !== 'approved')! as { id: string };

  it.each([
    ['the app role', (fn: (tx: Tx) => Promise<unknown>) => db.withCouncil(a.council.id, fn)],
    ['the table owner', (fn: (tx: Tx) => Promise<unknown>) => db.system(fn)],
  ])('%s cannot change or delete an approved review or plan version', async (_who, as) => {
    const id = approvedReview().id;
    expect(
      await dbErrorOf(as((tx) => tx.update(reviews).set({ updatedAt: new Date() }).where(eq(reviews.id, id)))),
    ).toMatch(/approved plan cannot be changed|permission denied/);
    expect(await dbErrorOf(as((tx) => tx.delete(reviews).where(eq(reviews.id, id))))).toMatch(
      /approved plan cannot be changed|permission denied/,
    );
    expect(
      await dbErrorOf(
        as((tx) =>
          tx.update(planVersions).set({ qualityRating: 'outstanding' }).where(eq(planVersions.councilId, a.council.id)),
        ),
      ),
    ).toMatch(/approved plan cannot be changed|permission denied/);
    expect(
      await dbErrorOf(as((tx) => tx.delete(planVersions).where(eq(planVersions.councilId, a.council.id)))),
    ).toMatch(/approved plan cannot be changed|permission denied/);
  });

  it('the table owner cannot change, delete or empty the audit trail', async () => {
    // Rows written here stay for good (that is the point), so each run probes its own.
    const probe = `test.owner-probe-${Date.now()}`;
    await db.withCouncil(a.council.id, (tx) =>
      tx.insert(auditEvents).values({ councilId: a.council.id, actorKind: 'system', actorId: null, action: probe }),
    );
    expect(
      await dbErrorOf(
        db.system((tx) => tx.update(auditEvents).set({ action: 'rewritten' }).where(eq(auditEvents.action, probe))),
      ),
    ).toMatch(/audit trail cannot be changed/);
    expect(await dbErrorOf(db.system((tx) => tx.delete(auditEvents).where(eq(auditEvents.action, probe))))).toMatch(
      /audit trail cannot be changed/,
    );
    expect(await dbErrorOf(db.system((tx) => tx.execute(sql`TRUNCATE audit_events`)))).toMatch(
      /audit trail cannot be changed/,
    );
    const kept = await db.system((tx) => tx.select().from(auditEvents).where(eq(auditEvents.action, probe)));
    expect(kept).toHaveLength(1);
  });

  it('a review still being written can be saved', async () => {
    const id = openReview().id;
    const updated = await db.withCouncil(a.council.id, (tx) =>
      tx.update(reviews).set({ updatedAt: new Date() }).where(eq(reviews.id, id)).returning({ id: reviews.id }),
    );
    expect(updated).toHaveLength(1);
  });
});
