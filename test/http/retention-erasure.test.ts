// Deleting records after their keeping (CPPCR 2010 reg 50: kept until the 75th birthday, then deleted;
// issue 11 §3). An administrator chooses records on the list, confirms by typing how many, and each
// record goes whole in one transaction; the audit keeps a tombstone without personal content and every
// earlier audit row. The database refuses any other deletion (migration 025). Two administrators at
// once delete a record once; the race only shows on PostgreSQL, the test runs on both.
import { and, eq } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../src/data/db.ts';
import { ERASED_TABLES, heldCounts } from '../../src/data/repositories/erasure.ts';
import { auditEvents, planVersions, reviewTriggers, youngPeople } from '../../src/data/schema.ts';
import { checkIns, messages, messageThreads, staffTasks } from '../../src/data/companion-schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { addAuditFollowUp, addQualityAction, addYoungPerson } from '../support/factories.ts';
import { pageWords } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
let admin: Agent;
let admin2: Agent;
let tm: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 12 });
  [admin, admin2, tm] = [0, 1, 2].map((i) => new Agent(t.app, `10.43.0.${i + 1}`));
  await admin.signIn(signInFor(rows, 'admin'), PASSWORD);
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
  // A second administrator of the same council.
  const second = { ...staffByLocal(rows, 'admin') };
  await t.db.system((tx) =>
    tx.execute(sql`INSERT INTO staff (council_id, email, display_name, role, password_hash)
      SELECT council_id, 'second.' || email, 'Second Admin', role, password_hash FROM staff WHERE id = ${second.id}`),
  );
  await admin2.signIn(`second.${signInFor(rows, 'admin')}`, PASSWORD);
}, 60_000);
afterAll(() => t.close());

const tm0 = () => staffByLocal(rows, 'tm');
/** A young person born on `dateOfBirth`, with a care episode, an allocation and team history. */
const person = (dateOfBirth: string) =>
  addYoungPerson(t.db, rows, {
    dateOfBirth,
    personalAdviserId: staffByLocal(rows, 'pa').id,
    teamId: tm0().teamId!,
    episodes: [{ start: '1960-01-01', end: '1962-03-01' }],
  });

/** Rows held about the young person in each table the erasure covers, read as the table owner. */
const held = (id: string) => t.db.system((tx) => heldCounts(tx, id));

const used = new Set<string>();
/** A seeded young person made 76, with a row in every kind of table the record has. */
async function oldWithEverything() {
  const yp = rows.youngPeople.find((y) => !used.has(y.id) && rows.planVersions.some((p) => p.youngPersonId === y.id))!;
  used.add(yp.id);
  const childId = `C-ERASE-${used.size}`;
  const unique = `${rows.council.slug}-${used.size}`;
  const councilId = rows.council.id;
  const worker = staffByLocal(rows, 'pa').id;
  await t.db.system(async (tx) => {
    await tx
      .update(youngPeople)
      .set({ dateOfBirth: '1950-06-01', ssda903Id: childId })
      .where(eq(youngPeople.id, yp.id));
    const [planRef] = await tx
      .select({ id: planVersions.id, version: planVersions.version })
      .from(planVersions)
      .where(eq(planVersions.youngPersonId, yp.id))
      .limit(1);
    await addQualityAction(tx, {
      councilId,
      youngPersonId: yp.id,
      plan: planRef,
      judgedBy: tm0().id,
      workerId: worker,
      text: 'Add their words on health',
      dueOn: '2026-12-01',
    });
    const { submissionId } = await addAuditFollowUp(tx, {
      councilId,
      youngPersonId: yp.id,
      plan: planRef,
      auditorId: tm0().id,
      text: 'Check the contingency',
      dueOn: '2026-12-01',
    });
    await tx.execute(sql`INSERT INTO audit_answers (council_id, submission_id, item, answer)
      VALUES (${councilId}, ${submissionId}, 'voice', 'met')`);
    const [checkIn] = await tx
      .insert(checkIns)
      .values({ councilId, youngPersonId: yp.id, feeling: 2, needsHelp: true, notSafe: false, topics: [] })
      .returning();
    await tx.insert(staffTasks).values({
      councilId,
      youngPersonId: yp.id,
      teamId: yp.teamId,
      kind: 'help_request',
      checkInId: checkIn.id,
      dueOn: '2026-11-24',
    });
    const [thread] = await tx
      .insert(messageThreads)
      .values({ councilId, youngPersonId: yp.id, staffId: worker, subject: 'Flat', messageCount: 1 })
      .returning();
    await tx
      .insert(messages)
      .values({ councilId, threadId: thread.id, seq: 1, authorKind: 'staff', authorId: worker, body: 'Hello' });
    await tx.insert(reviewTriggers).values({
      councilId,
      youngPersonId: yp.id,
      kind: 'other_change',
      occurredOn: '2026-11-01',
      raisedOn: '2026-11-02',
      description: 'Moved',
      raisedByKind: 'staff',
      raisedBy: worker,
    });
    await tx.execute(sql`INSERT INTO case_closures (council_id, young_person_id, kind, on_date, reason, recorded_by)
      VALUES (${councilId}, ${yp.id}, 'close', '2026-11-01', 'died', ${worker})`);
    const admin = staffByLocal(rows, 'admin').id;
    const [account] = (
      (await tx.execute(sql`INSERT INTO young_person_accounts (council_id, young_person_id, username, password_hash)
        VALUES (${councilId}, ${yp.id}, ${`erase-${unique}`}, 'x') RETURNING id`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    await tx.execute(sql`INSERT INTO sessions (id, council_id, principal_kind, principal_id, csrf_token, expires_at)
      VALUES (${`erase-session-${unique}`}, ${councilId}, 'young_person', ${account.id}, 'x', now() + interval '1 hour')`);
    // Someone they named to read their plan (migration 032).
    await tx.execute(sql`INSERT INTO supporters (council_id, young_person_id, name, relationship, access, link_token_hash,
        code_hash, expires_at) VALUES (${councilId}, ${yp.id}, 'Sam', 'carer', 'read', ${`s-link-${unique}`},
        ${`s-code-${unique}`}, now())`);
    await tx.execute(sql`INSERT INTO invitations (council_id, young_person_id, link_token_hash, code_hash, created_by, expires_at)
      VALUES (${councilId}, ${yp.id}, ${`link-${unique}`}, ${`code-${unique}`}, ${admin}, now())`);
    await tx.execute(sql`INSERT INTO restricted_record_access (council_id, young_person_id, staff_id)
      VALUES (${councilId}, ${yp.id}, ${worker})`);
    await tx.execute(sql`INSERT INTO team_history (council_id, young_person_id, team_id, start_date, end_date)
      VALUES (${councilId}, ${yp.id}, ${yp.teamId}, '1960-01-01', '1961-01-01')`);
    await tx.execute(sql`INSERT INTO review_conflicts (council_id, review_id, section, their_content, base_revision, saved_by_kind, saved_by)
      SELECT council_id, id, 'health', '{}'::jsonb, 1, 'staff', ${worker} FROM reviews WHERE young_person_id = ${yp.id} LIMIT 1`);
    const [token] = (
      (await tx.execute(sql`INSERT INTO api_tokens (council_id, name, scope, token_hash, created_by, expires_at)
        VALUES (${councilId}, 'Mosaic', 'write', ${`hash-${unique}`}, ${admin}, now() + interval '1 day') RETURNING id`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    await tx.execute(sql`INSERT INTO api_idempotency_keys (council_id, token_id, key, request_hash, status, response)
      VALUES (${councilId}, ${token.id}, 'k1', 'h', 201, ${JSON.stringify({ id: yp.id })}::jsonb)`);
    // A visit, a change of accommodation and a statutory record, whatever the generator made for them.
    const [visit] = (
      (await tx.execute(sql`INSERT INTO statutory_records (council_id, young_person_id, kind, completed_on, recorded_by)
        VALUES (${councilId}, ${yp.id}, 'adviser_visit', '1968-01-01', ${worker}) RETURNING id`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    await tx.execute(sql`INSERT INTO contacts (council_id, young_person_id, contact_on, method, seen_alone, discussed,
        recorded_by, adviser_visit_id)
      VALUES (${councilId}, ${yp.id}, '1968-01-01', 'visit', 'yes', 'Their flat', ${worker}, ${visit.id})`);
    await tx.execute(sql`INSERT INTO circumstance_changes (council_id, young_person_id, kind, changed_on, code, suitable,
        recorded_by)
      VALUES (${councilId}, ${yp.id}, 'accommodation', '1968-01-01', 'B', true, ${worker})`);
    await tx.execute(sql`INSERT INTO looked_after_reviews (council_id, young_person_id, reviewed_on, participation)
      VALUES (${councilId}, ${yp.id}, '1965-01-01', 'PN1')`);
    await tx.execute(sql`INSERT INTO missing_episodes (council_id, young_person_id, kind, start_date)
      VALUES (${councilId}, ${yp.id}, 'M', '1965-01-01')`);
    // Their choice of contact and a reminder sent to them (migrations 026, 029).
    await tx.execute(sql`INSERT INTO contact_preferences (council_id, person_kind, person_id, channel, phone, updated_by)
      VALUES (${councilId}, 'young_person', ${yp.id}, 'sms', '07700 900 982', ${yp.id})`);
    await tx.execute(sql`INSERT INTO reminder_messages (council_id, job_id, kind, person_kind, person_id, young_person_id,
        channel, recipient, personalisation, status)
      VALUES (${councilId}, gen_random_uuid(), 'plan_ready', 'young_person', ${yp.id}, ${yp.id}, 'sms', '07700 900 982',
        '{}'::jsonb, 'outbox')`);
    await tx.execute(sql`INSERT INTO ssda903_uploads (council_id, uploaded_by, files, summary)
      VALUES (${councilId}, ${admin}, ${JSON.stringify({ 'header.csv': `CHILD\n${childId}\n` })}::jsonb, '{}'::jsonb)`);
  });
  return yp;
}

describe('deleting records past keeping', () => {
  it('an administrator chooses, confirms by typing how many, and the whole record goes; the audit keeps a tombstone', async () => {
    const yp = await oldWithEverything();
    // Someone read the record earlier: that audit row must stay.
    const read = await admin.get(`/young-people/${yp.id}`);
    const earlier = await t.db.system((tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.youngPersonId, yp.id)),
    );
    expect(earlier.length).toBeGreaterThan(0);
    const before = await held(yp.id);
    const empty = Object.entries(before)
      .filter(([, n]) => n === 0)
      .map(([table]) => table);
    // Every table has a row about them.
    expect(empty).toEqual([]);

    const list = await admin.get('/admin/retention');
    expect(pageWords(list.body)).toContain(`${yp.givenName} ${yp.familyName}`);
    const confirm = await admin.get(`/admin/retention/delete?ids=${yp.id}`);
    expect(confirm.statusCode).toBe(200);
    expect(pageWords(confirm.body)).toContain('To confirm, type: delete 1 record');
    expect(pageWords(confirm.body)).toContain(`${yp.givenName} ${yp.familyName}`);
    const csrf = await admin.csrf();

    const wrong = await admin.post('/admin/retention/delete', { ids: yp.id, confirmation: 'delete' }, { csrf });
    expect(wrong.statusCode).toBe(400);
    expect(pageWords(wrong.body)).toContain('Type ‘delete 1 record’ to confirm');
    expect(await held(yp.id)).toEqual(before);

    const done = await admin.post('/admin/retention/delete', { ids: yp.id, confirmation: 'Delete 1 record' }, { csrf });
    expect(done.statusCode).toBe(303);
    const after = await held(yp.id);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    const landed = await admin.get(String(done.headers.location));
    expect(pageWords(landed.body)).toContain('1 record deleted.');

    const [tombstone] = await auditRowsOf(t.db, done);
    expect(tombstone).toMatchObject({
      action: 'record.erase',
      outcome: 'allowed',
      youngPersonId: yp.id,
      actorId: staffByLocal(rows, 'admin').id,
    });
    const details = tombstone.details as { ssda903Id: string; bornIn: number; rows: Record<string, number> };
    expect(details.ssda903Id).toBe('C-ERASE-1');
    expect(details.bornIn).toBe(1950);
    for (const [table, n] of Object.entries(before)) expect([table, details.rows[table]]).toEqual([table, n]);
    // No personal content: no name, reference or date of birth.
    const kept = JSON.stringify(tombstone);
    for (const word of [yp.givenName, yp.familyName, yp.reference, '1950-06-01']) expect(kept).not.toContain(word);
    // Every earlier audit row about them is still there.
    const still = await t.db.system((tx) => tx.select().from(auditEvents).where(eq(auditEvents.youngPersonId, yp.id)));
    expect(still.map((a) => a.id)).toEqual(expect.arrayContaining(earlier.map((a) => a.id)));
    expect((await auditRowsOf(t.db, read)).length).toBeGreaterThan(0);
  });

  it('a record not yet past its keeping is not deleted, even when sent; the refusal is audited', async () => {
    const young = await person('1951-11-24'); // 75 tomorrow (TODAY is 23 November 2026)
    const csrf = await admin.csrf();
    const sent = await admin.post(
      '/admin/retention/delete',
      { ids: young.id, confirmation: 'delete 1 record' },
      { csrf },
    );
    expect(sent.statusCode).toBe(303);
    expect(decodeURIComponent(String(sent.headers.location))).toContain('0 records deleted. 1 record not deleted');
    expect((await held(young.id)).young_people).toBe(1);
    const [refusal] = await auditRowsOf(t.db, sent);
    expect(refusal).toMatchObject({ action: 'record.erase', outcome: 'denied', youngPersonId: young.id });
    // Not offered either.
    const confirm = await admin.get(`/admin/retention/delete?ids=${young.id}`);
    expect(confirm.statusCode).toBe(400);
    expect(pageWords(confirm.body)).toContain('Select the records to delete');
  });

  it('several at once: the number typed must be how many were chosen', async () => {
    const [a, b] = [await person('1940-01-01'), await person('1941-02-02')];
    const confirm = await admin.get(`/admin/retention/delete?ids=${a.id}&ids=${b.id}`);
    expect(pageWords(confirm.body)).toContain('To confirm, type: delete 2 records');
    const csrf = await admin.csrf();
    const one = await admin.post(
      '/admin/retention/delete',
      { ids: [a.id, b.id], confirmation: 'delete 1 record' },
      { csrf },
    );
    expect(one.statusCode).toBe(400);
    const two = await admin.post(
      '/admin/retention/delete',
      { ids: [a.id, b.id], confirmation: 'delete 2 records' },
      { csrf },
    );
    expect(two.statusCode).toBe(303);
    expect((await held(a.id)).young_people + (await held(b.id)).young_people).toBe(0);
  });

  it('a team manager may not see the confirmation or delete; both refusals are audited', async () => {
    const old = await person('1942-03-03');
    const page = await tm.get(`/admin/retention/delete?ids=${old.id}`);
    expect(page.statusCode).toBe(403);
    const csrf = await tm.csrf();
    const sent = await tm.post('/admin/retention/delete', { ids: old.id, confirmation: 'delete 1 record' }, { csrf });
    expect(sent.statusCode).toBe(403);
    for (const r of [page, sent])
      expect((await auditRowsOf(t.db, r)).map((a) => [a.action, a.outcome])).toEqual([['records.retention', 'denied']]);
    expect((await held(old.id)).young_people).toBe(1);
  });
});

describe('the database deletes only an erasure it granted (migration 025)', () => {
  const asApp = (fn: (tx: Tx) => Promise<unknown>) => t.db.withCouncil(rows.council.id, fn);
  const refusedWith = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e as { cause?: { message?: string }; message: string },
    );
    return error ? (error.cause?.message ?? error.message) : 'not refused';
  };

  it('refuses deleting a kept row outside an erasure, even of a record past its keeping', async () => {
    const old = await oldWithEverything();
    expect(
      await refusedWith(asApp((tx) => tx.execute(sql`DELETE FROM contacts WHERE young_person_id = ${old.id}`))),
    ).toContain('a contact record cannot be changed');
    expect(await refusedWith(asApp((tx) => tx.execute(sql`DELETE FROM young_people WHERE id = ${old.id}`)))).toContain(
      'deleted only whole, after its keeping',
    );
    // A setting typed by hand is not a ticket.
    expect(
      await refusedWith(
        asApp(async (tx) => {
          await tx.execute(
            sql`SELECT set_config('app.erasing', ${old.id}, true), set_config('app.erasing_ticket', 'x', true)`,
          );
          await tx.execute(sql`DELETE FROM statutory_records WHERE young_person_id = ${old.id}`);
        }),
      ),
    ).toContain('deleted only whole');
  });

  // PGlite's clock counts milliseconds (migration 037): many of these tries begin in the same millisecond
  // as the erasure the ticket was copied from, which the start time alone let through.
  it("an erasure's ticket copied into another transaction deletes nothing, even one begun the same millisecond", async () => {
    const old = await oldWithEverything();
    const before = await held(old.id);
    expect(before.statutory_records).toBeGreaterThan(0);
    const outcomes: string[] = [];
    for (let i = 0; i < 40; i++) {
      let ticket = '';
      await asApp(async (tx) => {
        await tx.execute(sql`SELECT pathway_begin_erasure(${old.id}::uuid)`);
        const result = await tx.execute(sql`SELECT current_setting('app.erasing_ticket') AS t`);
        ticket = (result as unknown as { rows: { t: string }[] }).rows[0].t;
        throw new Error('rolled back: only the ticket was wanted');
      }).catch(() => undefined);
      expect(ticket).toMatch(/^[0-9a-f]{64}$/);
      outcomes.push(
        await refusedWith(
          asApp(async (tx) => {
            await tx.execute(
              sql`SELECT set_config('app.erasing', ${old.id}, true), set_config('app.erasing_ticket', ${ticket}, true)`,
            );
            await tx.execute(sql`DELETE FROM statutory_records WHERE young_person_id = ${old.id}`);
          }),
        ),
      );
    }
    expect(outcomes.filter((o) => !o.includes('deleted only whole'))).toEqual([]);
    expect(await held(old.id)).toEqual(before);
  });

  it('refuses an erasure of a record not past its keeping by its own clock, and never deletes the audit trail', async () => {
    const young = await person('2004-03-01');
    expect(
      await refusedWith(asApp((tx) => tx.execute(sql`SELECT pathway_begin_erasure(${young.id}::uuid)`))),
    ).toContain('kept until the 75th birthday');
    const old = await person('1939-05-05');
    expect(
      await refusedWith(
        asApp(async (tx) => {
          await tx.execute(sql`SELECT pathway_begin_erasure(${old.id}::uuid)`);
          await tx.execute(sql`DELETE FROM audit_events WHERE young_person_id = ${old.id}`);
        }),
      ),
    ).toMatch(/audit trail cannot be changed|permission denied/);
    // An erasure of one person does not open another's rows.
    expect(
      await refusedWith(
        asApp(async (tx) => {
          await tx.execute(sql`SELECT pathway_begin_erasure(${old.id}::uuid)`);
          await tx.execute(sql`DELETE FROM care_episodes WHERE young_person_id = ${old.id}`);
          await tx.execute(sql`DELETE FROM young_people WHERE id = ${young.id}`);
        }),
      ),
    ).toContain('deleted only whole');
  });

  it('every table that refers to a young person, or to a table the erasure empties, is in the erasure', async () => {
    const result = (await t.db.system((tx) =>
      tx.execute(sql`SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
        FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`),
    )) as unknown as { rows: { child: string; parent: string }[] };
    const erased = new Set(ERASED_TABLES.map((h) => h.table));
    const missing = result.rows.filter((r) => erased.has(r.parent) && !erased.has(r.child)).map((r) => r.child);
    expect(missing).toEqual([]);
    // Children are emptied before their parents.
    const order = ERASED_TABLES.map((h) => h.table);
    const late = result.rows.filter(
      (r) =>
        erased.has(r.child) &&
        erased.has(r.parent) &&
        r.child !== r.parent &&
        order.indexOf(r.child) > order.indexOf(r.parent),
    );
    expect(late).toEqual([]);
  });
});

describe('two administrators at once', () => {
  it('delete the same record once; the second is told it was already deleted', async () => {
    for (let round = 0; round < 6; round++) {
      const old = await person('1944-04-04');
      const send = async (agent: Agent) => {
        await agent.get(`/admin/retention/delete?ids=${old.id}`);
        const csrf = await agent.csrf();
        return () => agent.post('/admin/retention/delete', { ids: old.id, confirmation: 'delete 1 record' }, { csrf });
      };
      const sends = [await send(admin), await send(admin2)];
      const answers = await Promise.all(sends.map((s) => s()));
      expect(answers.map((a) => a.statusCode)).toEqual([303, 303]);
      const told = answers.map((a) => decodeURIComponent(String(a.headers.location))).sort();
      expect(told.map((m) => /done=([^&]*)/.exec(m)![1])).toEqual([
        '0 records deleted. 1 record had already been deleted by someone else.',
        '1 record deleted.',
      ]);
      const audit = await t.db.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.youngPersonId, old.id), eq(auditEvents.action, 'record.erase'))),
      );
      expect(audit.map((a) => a.outcome).sort()).toEqual(['allowed', 'denied']);
    }
  });
});
