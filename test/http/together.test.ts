// Several reads in one statement (src/data/together.ts, issue 9): each read gives exactly what it gives when it
// runs alone (the same rows, in the same order, decoded the same: dates as Dates, counts as numbers, JSON as
// objects, a left join's missing side as null), row-level security still applies to each, and a read it cannot
// decode is refused before anything runs. Runs on PGlite and on PostgreSQL.
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, like, sql } from 'drizzle-orm';
import { numeric, pgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../src/data/db.ts';
import { staffProfiles } from '../../src/data/profiles-schema.ts';
import { auditEvents, contacts, staff, statutoryRecords } from '../../src/data/schema.ts';
import { statutoryEventReads } from '../../src/data/repositories/statutory.ts';
import { together, togetherOnce } from '../../src/data/together.ts';
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

describe('togetherOnce: the statement built once, the arguments filled in', () => {
  // The same reads as above but the one with a random id in it, which no statement built once could keep.
  const kept = (tx: Tx, id: string) => {
    const { none: _, ...rest } = reads(tx, id);
    return rest;
  };

  it('gives what together gives, for each young person, with row-level security on each call', async () => {
    const once = togetherOnce(kept, { check: true });
    const [first, again, fresh] = await t.db.withCouncil(rows.council.id, async (tx) => [
      await once(tx, personId),
      await once(tx, personId),
      await together(tx, kept(tx, personId)),
    ]);
    expect(first).toEqual(fresh);
    expect(again).toEqual(fresh);
    expect(first.records.map((r) => r.completedOn)).toEqual(['2026-01-05', '2026-02-10', '2026-03-20']);
    expect(first.total).toEqual([{ total: 4 }]);
    // The kept statement with the other council's young person: their own rows there, nothing of them here.
    const theirs = await t.db.withCouncil(other.council.id, (tx) => once(tx, strangerId));
    expect(theirs.total).toEqual([{ total: 1 }]);
    expect(theirs.page).toEqual([]); // one contact, and the page starts at the second
    const notHere = await t.db.withCouncil(rows.council.id, (tx) => once(tx, strangerId));
    expect(notHere.total).toEqual([{ total: 0 }]);
  });

  it('refuses reads that put something other than their arguments in the statement', async () => {
    await t.db.withCouncil(rows.council.id, async (tx) => {
      // A random id, different on each build.
      await expect(togetherOnce(reads)(tx, personId)).rejects.toThrow(/changes between builds/);
      // An argument put inside another value before it is used: the value sent would not be the one given.
      const within = togetherOnce((tx2: Tx, words: string) => ({
        found: tx2
          .select({ id: contacts.id })
          .from(contacts)
          .where(like(contacts.discussed, `%${words}%`)),
      }));
      await expect(within(tx, 'going')).rejects.toThrow(/made from an argument/);
      // An argument changed out of recognition is a parameter that changes with the build.
      const changed = togetherOnce((tx2: Tx, id: string) => ({
        total: tx2.select({ total: count() }).from(contacts).where(eq(contacts.youngPersonId, id.toUpperCase())),
      }));
      await expect(changed(tx, personId)).rejects.toThrow(/changes between builds/);
    });
  });

  it('with check on, finds a statement that depends on more than its arguments', async () => {
    // The same on both of the first call's builds, different later: only building again each time shows it.
    let since = '2026-01-01';
    const build = (tx: Tx, id: string) => ({
      later: tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.youngPersonId, id), sql`${contacts.contactOn} >= ${since}::date`)),
    });
    const checked = togetherOnce(build, { check: true });
    const unchecked = togetherOnce(build, { check: false });
    await t.db.withCouncil(rows.council.id, async (tx) => {
      expect(await checked(tx, personId)).toEqual({ later: expect.any(Array) });
      expect((await unchecked(tx, personId)).later).toHaveLength(4);
      since = '2026-04-01';
      await expect(checked(tx, personId)).rejects.toThrow(/not the one these arguments build/);
      // Unchecked, it sends the date it first saw: what the check is there to catch.
      expect((await unchecked(tx, personId)).later).toHaveLength(4);
    });
  });
});
