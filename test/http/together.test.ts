// Several reads in one statement (src/data/together.ts, issue 9): each read gives exactly what it gives when it
// runs alone (the same rows, in the same order, decoded the same: dates as Dates, counts as numbers, JSON as
// objects, a left join's missing side as null), row-level security still applies to each, and a read it cannot
// decode is refused before anything runs. Runs on PGlite and on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { numeric, pgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../src/data/db.ts';
import { staffProfiles } from '../../src/data/profiles-schema.ts';
import { auditEvents, contacts, staff, statutoryRecords } from '../../src/data/schema.ts';
import { statutoryEventReads } from '../../src/data/repositories/statutory.ts';
import { together } from '../../src/data/together.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { buildCouncil, buildTestApp, staffByLocal, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let other: CouncilRows;
let personId = '';
let strangerId = '';

/** Reads of most kinds a page makes: joins, orders, limits and offsets, counts, expressions, JSON, nulls. */
const reads = (tx: Tx, id: string) => ({
  // The record page's own reads of statutory records (a left join to who recorded each) and review triggers.
  ...statutoryEventReads(tx, id),
  page: tx
    .select({ id: contacts.id, contactOn: contacts.contactOn, seenAlone: contacts.seenAlone, by: staff.displayName })
    .from(contacts)
    .innerJoin(staff, eq(staff.id, contacts.recordedBy))
    .where(eq(contacts.youngPersonId, id))
    .orderBy(asc(contacts.contactOn))
    .limit(2)
    .offset(1),
  total: tx.select({ total: count() }).from(contacts).where(eq(contacts.youngPersonId, id)),
  days: tx
    .select({
      since: sql<number>`(${contacts.contactOn} - DATE '2026-01-01')`.mapWith(Number),
      label: sql<string>`upper(${contacts.place})`.as('label'),
      somewhere: sql<boolean>`${contacts.place} IS NOT NULL`,
    })
    .from(contacts)
    .where(eq(contacts.youngPersonId, id))
    .orderBy(desc(contacts.contactOn)),
  audits: tx
    .select({ id: auditEvents.id, details: auditEvents.details, occurredAt: auditEvents.occurredAt })
    .from(auditEvents)
    .where(and(eq(auditEvents.youngPersonId, id), eq(auditEvents.action, 'together.test')))
    .orderBy(asc(auditEvents.id)),
  none: tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.youngPersonId, randomUUID())),
  // Nested selections: a table's whole row, a group of fields, and a left join's missing side as null.
  nested: tx
    .select({
      record: statutoryRecords,
      recorder: { name: staff.displayName, email: staff.email },
      kind: statutoryRecords.kind,
    })
    .from(statutoryRecords)
    .leftJoin(staff, eq(staff.id, statutoryRecords.recordedBy))
    .where(eq(statutoryRecords.youngPersonId, id))
    .orderBy(asc(statutoryRecords.completedOn)),
  // A join without a selection: each table's row under its name.
  joined: tx
    .select()
    .from(statutoryRecords)
    .leftJoin(staff, eq(staff.id, statutoryRecords.recordedBy))
    .where(eq(statutoryRecords.youngPersonId, id))
    .orderBy(asc(statutoryRecords.completedOn)),
});

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 2 });
  other = await buildCouncil(t.db, { youngPeople: 2 });
  const adviser = staffByLocal(rows, 'pa');
  const stranger = staffByLocal(other, 'pa');
  const personIn = async (council: CouncilRows, worker: typeof adviser) =>
    (
      await addYoungPerson(t.db, council, {
        dateOfBirth: '2008-03-01',
        teamId: worker.teamId!,
        personalAdviserId: worker.id,
      })
    ).id;
  personId = await personIn(rows, adviser);
  strangerId = await personIn(other, stranger);
  await t.db.system(async (tx) => {
    const common = { councilId: rows.council.id, youngPersonId: personId };
    // Written out of the order they are read in, so an order lost shows.
    await tx.insert(statutoryRecords).values([
      { ...common, kind: 'review', completedOn: '2026-02-10', notes: 'second', recordedBy: adviser.id },
      { ...common, kind: 'pathway_plan', completedOn: '2026-01-05', notes: null, recordedBy: null },
      { ...common, kind: 'needs_assessment', completedOn: '2026-03-20', notes: 'third', recordedBy: adviser.id },
    ]);
    const contact = (contactOn: string, seenAlone: 'yes' | 'no', place: string | null) => ({
      ...common,
      contactOn,
      method: 'visit',
      seenAlone,
      place,
      discussed: 'How things are going',
      recordedBy: adviser.id,
    });
    await tx
      .insert(contacts)
      .values([
        contact('2026-04-03', 'yes', 'home'),
        contact('2026-01-15', 'no', null),
        contact('2026-05-30', 'yes', 'café'),
        contact('2026-02-28', 'no', 'college'),
      ]);
    for (const details of [{ a: 1, list: ['x', 'y'] }, {}, { nested: { on: '2026-01-01', yes: true } }])
      await tx.insert(auditEvents).values({
        councilId: rows.council.id,
        actorKind: 'staff',
        action: 'together.test',
        youngPersonId: personId,
        details,
      });
    await tx.insert(contacts).values({
      councilId: other.council.id,
      youngPersonId: strangerId,
      contactOn: '2026-04-01',
      method: 'visit',
      seenAlone: 'yes',
      discussed: 'Another council',
      recordedBy: stranger.id,
    });
  });
});
afterAll(() => t.close());

describe('together', () => {
  it('gives each read exactly what it gives alone: rows, order, and each value decoded', async () => {
    const { alone, joint } = await t.db.withCouncil(rows.council.id, async (tx) => {
      const r = reads(tx, personId);
      const each: Record<string, unknown> = {};
      for (const [name, read] of Object.entries(r)) each[name] = await read;
      return { alone: each, joint: await together(tx, reads(tx, personId)) };
    });
    expect(joint).toEqual(alone);
    // What "the same" means here, spelt out, so that the comparison above cannot pass on two equal wrongs.
    expect(joint.records.map((r) => r.completedOn)).toEqual(['2026-01-05', '2026-02-10', '2026-03-20']);
    expect(joint.records[0]).toMatchObject({ notes: null, by: null });
    expect(joint.records[1].by).toBe(staffByLocal(rows, 'pa').displayName);
    expect(joint.page.map((c) => c.contactOn)).toEqual(['2026-02-28', '2026-04-03']);
    expect(joint.page.map((c) => c.seenAlone)).toEqual(['no', 'yes']);
    expect(joint.total).toEqual([{ total: 4 }]);
    expect(joint.days).toEqual([
      { since: 149, label: 'CAFÉ', somewhere: true },
      { since: 92, label: 'HOME', somewhere: true },
      { since: 58, label: 'COLLEGE', somewhere: true },
      { since: 14, label: null, somewhere: false },
    ]);
    expect(joint.audits.map((a) => a.details)).toEqual([
      { a: 1, list: ['x', 'y'] },
      {},
      { nested: { on: '2026-01-01', yes: true } },
    ]);
    expect(typeof joint.audits[0].id).toBe('number');
    expect(joint.audits[0].occurredAt).toBeInstanceOf(Date);
    expect(joint.none).toEqual([]);
    const adviser = staffByLocal(rows, 'pa').displayName;
    expect(joint.nested.map((r) => r.recorder?.name ?? null)).toEqual([null, adviser, adviser]);
    expect(joint.nested[0].record).toMatchObject({ kind: 'pathway_plan', completedOn: '2026-01-05', recordedBy: null });
    expect(joint.nested[1].record.recordedAt).toBeInstanceOf(Date);
    expect(joint.joined.map((r) => [r.statutory_records.kind, r.staff?.displayName ?? null])).toEqual([
      ['pathway_plan', null],
      ['review', adviser],
      ['needs_assessment', adviser],
    ]);
  });

  it('row-level security still applies to each read in it', async () => {
    // In the other council's transaction this council's rows are not there, and its own are.
    const seen = await t.db.withCouncil(other.council.id, (tx) =>
      together(tx, {
        mine: tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.youngPersonId, strangerId)),
        theirs: tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.youngPersonId, personId)),
        theirTotal: tx.select({ total: count() }).from(contacts).where(eq(contacts.councilId, rows.council.id)),
      }),
    );
    expect(seen.mine).toHaveLength(1);
    expect(seen.theirs).toEqual([]);
    expect(seen.theirTotal).toEqual([{ total: 0 }]);
    const written = await t.db.system((tx) =>
      tx.select({ total: count() }).from(contacts).where(eq(contacts.councilId, rows.council.id)),
    );
    expect(written[0].total).toBeGreaterThanOrEqual(4);
  });

  it('refuses a numeric or a bytea column, nested or not, before anything runs', async () => {
    const made = pgTable('together_never_made', { amount: numeric('amount') });
    await t.db.withCouncil(rows.council.id, async (tx) => {
      await expect(together(tx, { nested: tx.select({ money: { amount: made.amount } }).from(made) })).rejects.toThrow(
        /nested\.money\.amount is numeric/,
      );
      // The table does not exist: had it run, PostgreSQL would have said so instead.
      await expect(together(tx, { money: tx.select({ amount: made.amount }).from(made) })).rejects.toThrow(
        /money\.amount is numeric/,
      );
      // A photo's bytes would come back as the text of their hex.
      await expect(
        together(tx, { photos: tx.select({ photo: staffProfiles.photo }).from(staffProfiles) }),
      ).rejects.toThrow(/photos\.photo is bytea/);
    });
  });
});
