// Row-level security on EVERY council table, read from the database itself: each table in schema public with
// a council_id column. With rows for two councils, inside council A's transaction the app role sees none of
// B's rows, cannot insert a row for B, and cannot update or delete B's rows. A table added later is covered
// the day it is created (and this test says so if it cannot find rows of it for both councils).
import { councilRecordViewPolicy, staffProfiles } from '../../src/data/profiles-schema.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { contactPreferences, reminderMessages } from '../../src/data/reminders-schema.ts';
import { lookedAfterReviews, missingEpisodes } from '../../src/data/schema.ts';
import { supporters } from '../../src/data/supporters-schema.ts';
import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../src/data/db.ts';
import {
  auditEvents,
  circumstanceChanges,
  contacts,
  councilPolicies,
  dateOfBirthHistory,
  invitations,
  restrictedRecordAccess,
  reviewConflicts,
  reviewTriggers,
  sessions,
  youngPersonAccounts,
  passwordLinks,
  performanceTargets,
  planVersions,
  teamHistory,
  apiIdempotencyKeys,
  apiTokens,
  caseClosures,
  ssda903Uploads,
} from '../../src/data/schema.ts';
import { auditAnswers } from '../../src/data/audit-schema.ts';
import {
  checkIns,
  councilContactSettings,
  messages,
  messageThreads,
  staffTasks,
} from '../../src/data/companion-schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { buildCouncil, staffByLocal, testDatabase } from '../support/app.ts';
import { addAuditFollowUp, addQualityAction, addReview, addYoungPerson, supporterRow } from '../support/factories.ts';

let db: Database;
let a: CouncilRows;
let b: CouncilRows;

/**
 * One row in every council table, made here: the generated council leaves some empty (sessions, conflicts and
 * invitations come from use) and fills others only by chance (a small council may have no review trigger).
 */
async function fillEveryTable(rows: CouncilRows) {
  const pa = staffByLocal(rows, 'pa');
  const tm = staffByLocal(rows, 'tm');
  const yp = await addYoungPerson(db, rows, {
    personalAdviserId: pa.id,
    teamId: pa.teamId!,
    dateOfBirth: '2008-04-01',
    episodes: [{ start: '2020-01-01', end: '2026-04-01' }],
    work: [{ kind: 'needs_assessment', on: '2026-01-10' }],
  });
  // An approved review, with its plan version.
  await addReview(db, rows, { youngPersonId: yp.id, adviserId: pa.id, managerId: tm.id, stage: 'approved' });
  const other = await addYoungPerson(db, rows, {
    personalAdviserId: pa.id,
    teamId: pa.teamId!,
    dateOfBirth: '2008-05-01',
  });
  const open = await addReview(db, rows, {
    youngPersonId: other.id,
    adviserId: pa.id,
    managerId: tm.id,
    stage: 'drafting',
  });
  const councilId = rows.council.id;
  await db.system(async (tx) => {
    await tx.insert(reviewConflicts).values({
      councilId,
      reviewId: open.id,
      section: 'area:identity',
      theirContent: { goal: 'x' },
      baseRevision: 0,
      savedByKind: 'staff',
      savedBy: pa.id,
    });
    await tx.insert(invitations).values({
      councilId,
      youngPersonId: other.id,
      linkTokenHash: randomBytes(16).toString('hex'),
      codeHash: randomBytes(16).toString('hex'),
      createdBy: pa.id,
      expiresAt: new Date('2026-12-01T00:00:00Z'),
    });
    await tx.insert(sessions).values({
      id: randomBytes(16).toString('hex'),
      councilId,
      principalKind: 'staff',
      principalId: pa.id,
      csrfToken: randomBytes(12).toString('hex'),
      expiresAt: new Date('2026-12-01T00:00:00Z'),
    });
    await tx.insert(passwordLinks).values({
      councilId,
      staffId: pa.id,
      tokenHash: randomBytes(16).toString('hex'),
      purpose: 'reset',
      createdBy: pa.id,
      expiresAt: new Date('2026-12-01T00:00:00Z'),
    });
    await tx.insert(auditEvents).values({ councilId, actorKind: 'system', actorId: null, action: 'test.fixture' });
    await tx
      .insert(councilPolicies)
      .values({ councilId, version: 1, policy: {}, reason: 'Test fixture', changedBy: pa.id });
    await tx.insert(restrictedRecordAccess).values({ councilId, youngPersonId: other.id, staffId: pa.id });
    await tx.insert(reviewTriggers).values({
      councilId,
      youngPersonId: yp.id,
      kind: 'accommodation_move',
      occurredOn: '2026-11-01',
      raisedOn: '2026-11-02',
      description: 'Moved',
      raisedByKind: 'staff',
      raisedBy: pa.id,
    });
    await tx.insert(dateOfBirthHistory).values({
      councilId,
      youngPersonId: yp.id,
      dateOfBirth: '2008-04-01',
      ageAssessed: false,
      reason: 'Test fixture',
    });
    await tx
      .insert(teamHistory)
      .values({ councilId, youngPersonId: yp.id, teamId: pa.teamId!, startDate: '2020-01-01' });
    // A quality judgement of the approved plan, with one action for the adviser (migration 007).
    const [plan] = await tx.select().from(planVersions).where(eq(planVersions.youngPersonId, yp.id));
    await addQualityAction(tx, {
      councilId,
      youngPersonId: yp.id,
      plan,
      judgedBy: tm.id,
      workerId: pa.id,
      text: 'z',
      dueOn: '2026-12-01',
    });
    // A case-file audit round of the approved plan, audited once, with a follow-up (migration 010).
    const { submissionId } = await addAuditFollowUp(tx, {
      councilId,
      youngPersonId: yp.id,
      plan,
      auditorId: tm.id,
      text: 'z',
      dueOn: '2026-12-01',
    });
    // A contact and a change of accommodation (migration 013).
    await tx.insert(contacts).values({
      councilId,
      youngPersonId: yp.id,
      contactOn: '2026-11-01',
      method: 'phone',
      seenAlone: 'not_applicable',
      discussed: 'x',
      recordedBy: pa.id,
    });
    await tx.insert(circumstanceChanges).values({
      councilId,
      youngPersonId: yp.id,
      kind: 'accommodation',
      changedOn: '2026-11-01',
      code: 'U',
      suitable: true,
      recordedBy: pa.id,
    });
    await tx.insert(auditAnswers).values({ councilId, submissionId, item: 'money', answer: 'met' });
    // A closure of a case (migration 019).
    await tx.insert(caseClosures).values({
      councilId,
      youngPersonId: other.id,
      kind: 'close',
      onDate: '2026-11-01',
      reason: 'moved_council',
      recordedBy: tm.id,
    });
    // An API token and an idempotency key of one of its calls (migration 021).
    const [token] = await tx
      .insert(apiTokens)
      .values({
        councilId,
        name: 'RLS system',
        scope: 'write',
        tokenHash: randomBytes(16).toString('hex'),
        createdBy: tm.id,
        expiresAt: new Date('2027-01-01T00:00:00Z'),
      })
      .returning({ id: apiTokens.id });
    await tx.insert(apiIdempotencyKeys).values({ councilId, tokenId: token.id, key: 'k1', requestHash: 'h' });
    // The council's target for one measure (migration 008).
    await tx.insert(performanceTargets).values({ councilId, measure: 'plans-16-17', percent: 90, setBy: tm.id });
    // SSDA903 files kept for an import's confirm step (migration 022).
    await tx
      .insert(ssda903Uploads)
      .values({ councilId, uploadedBy: pa.id, files: { 'header.csv': 'CHILD' }, summary: {} });
    // A check-in asking for help, its task, a message thread and the contact settings (migration 023).
    const [checkIn] = await tx
      .insert(checkIns)
      .values({ councilId, youngPersonId: yp.id, feeling: 2, topics: [], needsHelp: true, notSafe: false })
      .returning();
    await tx.insert(staffTasks).values({
      councilId,
      youngPersonId: yp.id,
      teamId: pa.teamId!,
      kind: 'help_request',
      assignedTo: pa.id,
      checkInId: checkIn.id,
      dueOn: '2026-11-24',
    });
    const [thread] = await tx
      .insert(messageThreads)
      .values({ councilId, youngPersonId: yp.id, staffId: pa.id, subject: 'x', messageCount: 1 })
      .returning();
    await tx
      .insert(messages)
      .values({ councilId, threadId: thread.id, seq: 1, authorKind: 'staff', authorId: pa.id, body: 'x' });
    await tx.insert(councilContactSettings).values({ councilId, outOfHoursPhone: '0300 123 4567' });
    // A worker's profile and the council's record-view policy (migration 028).
    await tx.insert(staffProfiles).values({ staffId: pa.id, councilId, aboutMe: 'x' });
    await tx.insert(councilRecordViewPolicy).values({ councilId, showNames: true });
    // A young person's choice of contact, and a reminder in the outbox (migration 026).
    await tx
      .insert(contactPreferences)
      .values({ councilId, personKind: 'young_person', personId: yp.id, channel: 'none', updatedBy: yp.id });
    await tx.insert(reminderMessages).values({
      councilId,
      jobId: randomUUID(),
      kind: 'plan_ready',
      personKind: 'young_person',
      personId: yp.id,
      youngPersonId: yp.id,
      channel: 'email',
      recipient: 'x@example.com',
      personalisation: {},
      status: 'outbox',
    });
    // Reviews while in care and missing episodes, from the SSDA903 return (migration 025).
    await tx
      .insert(lookedAfterReviews)
      .values({ councilId, youngPersonId: yp.id, reviewedOn: '2025-06-01', participation: 'PN1' });
    await tx.insert(missingEpisodes).values({ councilId, youngPersonId: yp.id, kind: 'M', startDate: '2025-07-01' });
    // Someone the young person named to read their plan (migration 032).
    await tx.insert(supporters).values(supporterRow(councilId, yp.id));
    await tx.insert(youngPersonAccounts).values({
      councilId,
      youngPersonId: other.id,
      username: `rls.${randomBytes(6).toString('hex')}`,
      passwordHash: 'x',
    });
  });
}

beforeAll(async () => {
  db = await testDatabase();
  a = await buildCouncil(db, { youngPeople: 20 });
  b = await buildCouncil(db, { youngPeople: 20 });
  await fillEveryTable(a);
  await fillEveryTable(b);
}, 60_000);
afterAll(() => db.close());

const rowsOf = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

/** Every table in schema public with a council_id column, as the database has it now. */
async function councilTables(): Promise<string[]> {
  const result = await db.system((tx) =>
    tx.execute(sql`SELECT table_name AS t FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'council_id' ORDER BY table_name`),
  );
  return rowsOf(result).map((r) => String(r.t));
}

/** A table's columns that a row may give values for: all but generated ones. */
async function writableColumns(table: string): Promise<string[]> {
  const result = await db.system((tx) =>
    tx.execute(sql`SELECT column_name AS c FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`),
  );
  return rowsOf(result).map((r) => String(r.c));
}

class Rollback {
  constructor(readonly value: unknown) {}
}

/**
 * Runs `work` as the app role inside council A's transaction, then rolls it back whatever happened, so a
 * probe that wrongly succeeds never changes B's rows for the next probe. Gives the result or the error text.
 */
async function asCouncilA(work: (tx: Tx) => Promise<unknown>): Promise<{ value?: unknown; error?: string }> {
  try {
    await db.withCouncil(a.council.id, async (tx) => {
      throw new Rollback(await work(tx));
    });
  } catch (error) {
    if (error instanceof Rollback) return { value: error.value };
    const e = error as Error & { cause?: Error };
    return { error: (e.cause?.message ?? e.message).slice(0, 200) };
  }
  return { error: 'the transaction committed' };
}

const count = async (table: string, councilId: string) =>
  Number(
    rowsOf(
      await db.system((tx) =>
        tx.execute(sql`SELECT count(*) AS n FROM ${sql.identifier(table)} WHERE council_id = ${councilId}`),
      ),
    )[0].n,
  );

describe('row-level security on every council table', () => {
  it('finds the council tables in the database, including every one the app writes', async () => {
    const tables = await councilTables();
    expect(tables).toEqual(
      expect.arrayContaining([
        'allocations',
        'audit_answers',
        'audit_events',
        'audit_follow_ups',
        'audit_round_items',
        'audit_rounds',
        'audit_submissions',
        'care_episodes',
        'council_policies',
        'date_of_birth_history',
        'invitations',
        'password_links',
        'performance_targets',
        'plan_versions',
        'quality_actions',
        'quality_judgements',
        'restricted_record_access',
        'review_conflicts',
        'review_triggers',
        'reviews',
        'sessions',
        'staff',
        'statutory_records',
        'teams',
        'young_people',
        'young_person_accounts',
      ]),
    );
  });

  it('every council table has rows for both councils to test with', async () => {
    const missing: string[] = [];
    for (const table of await councilTables()) {
      for (const [name, rows] of [
        ['A', a],
        ['B', b],
      ] as const) {
        if ((await count(table, rows.council.id)) === 0) missing.push(`${table} (council ${name})`);
      }
    }
    expect(missing, 'no rows to test isolation with: add one to fillEveryTable in this file').toEqual([]);
  });

  it("inside council A's transaction the app role sees all of A's rows and none of B's, in every table", async () => {
    const leaks: string[] = [];
    for (const table of await councilTables()) {
      const seen = await asCouncilA(
        async (tx) =>
          rowsOf(
            await tx.execute(sql`SELECT
        count(*) FILTER (WHERE council_id = ${a.council.id}) AS own,
        count(*) FILTER (WHERE council_id IS DISTINCT FROM ${a.council.id}) AS others
        FROM ${sql.identifier(table)}`),
          )[0],
      );
      const expectedOwn = await count(table, a.council.id);
      const got = seen.value as { own: unknown; others: unknown } | undefined;
      if (!got) leaks.push(`${table}: could not read (${seen.error})`);
      else if (Number(got.others) !== 0 || Number(got.own) !== expectedOwn) {
        leaks.push(`${table}: sees ${got.others} rows of other councils and ${got.own} of its own ${expectedOwn}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('the app role cannot insert a row for council B into any table', async () => {
    const accepted: string[] = [];
    for (const table of await councilTables()) {
      // One of B's real rows, copied: the database must refuse it because of whose it is, before anything else.
      const t = sql.identifier(table);
      const [row] = rowsOf(
        await db.system((tx) =>
          tx.execute(sql`SELECT row_to_json(x) AS j FROM ${t} x WHERE council_id = ${b.council.id} LIMIT 1`),
        ),
      );
      const json = JSON.stringify(row.j);
      // Every column but those the database generates (it refuses a value for them whoever's row it is).
      const columns = sql.join(
        (await writableColumns(table)).map((c) => sql.identifier(c)),
        sql`, `,
      );
      const tried = await asCouncilA((tx) =>
        tx.execute(
          sql`INSERT INTO ${t} (${columns}) SELECT ${columns} FROM json_populate_record(NULL::${t}, ${json}::json)`,
        ),
      );
      if (!/row-level security/.test(tried.error ?? '')) accepted.push(`${table}: ${tried.error ?? 'inserted'}`);
    }
    expect(accepted).toEqual([]);
  });

  it("the app role cannot update or delete council B's rows in any table", async () => {
    const changed: string[] = [];
    for (const table of await councilTables()) {
      const before = await count(table, b.council.id);
      const t = sql.identifier(table);
      const update = await asCouncilA(
        async (tx) =>
          rowsOf(
            await tx.execute(
              sql`UPDATE ${t} SET council_id = council_id WHERE council_id = ${b.council.id} RETURNING 1`,
            ),
          ).length,
      );
      const remove = await asCouncilA(
        async (tx) =>
          rowsOf(await tx.execute(sql`DELETE FROM ${t} WHERE council_id = ${b.council.id} RETURNING 1`)).length,
      );
      // Refused outright (an insert-only table) or no row of B's reached: either way nothing of B's changes.
      for (const [what, outcome] of [
        ['update', update],
        ['delete', remove],
      ] as const) {
        if (outcome.error ? !/permission denied/.test(outcome.error) : outcome.value !== 0)
          changed.push(`${table}: ${what} ${outcome.error ?? `reached ${outcome.value} rows`}`);
      }
      expect(await count(table, b.council.id)).toBe(before);
    }
    expect(changed).toEqual([]);
  });

  it("the app role cannot move one of council A's rows into council B", async () => {
    const moved: string[] = [];
    for (const table of await councilTables()) {
      const t = sql.identifier(table);
      const tried = await asCouncilA(
        async (tx) =>
          rowsOf(
            await tx.execute(
              sql`UPDATE ${t} SET council_id = ${b.council.id} WHERE council_id = ${a.council.id} RETURNING 1`,
            ),
          ).length,
      );
      // Approved plans and the audit trail refuse any change at all (migration 004's triggers).
      if (!/row-level security|permission denied|cannot be changed/.test(tried.error ?? ''))
        moved.push(`${table}: ${tried.error ?? `moved ${tried.value} rows`}`);
    }
    expect(moved).toEqual([]);
  });
});
