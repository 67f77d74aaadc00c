// Contacts with a young person, and their recorded activity and accommodation over time (migration 013).
// Both are only ever added to.
import { and, count, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { together } from '../together.ts';
import { circumstanceChanges, contacts, staff, statutoryRecords } from '../schema.ts';

export type NewContact = typeof contacts.$inferInsert;
export type NewCircumstanceChange = typeof circumstanceChanges.$inferInsert;

export async function insertContact(tx: Tx, row: NewContact): Promise<string> {
  const [inserted] = await tx.insert(contacts).values(row).returning({ id: contacts.id });
  return inserted.id;
}

/** The statutory adviser visit a face-to-face contact counts as (002's statutory_records). */
export async function insertAdviserVisit(
  tx: Tx,
  row: { councilId: string; youngPersonId: string; completedOn: string; recordedBy: string },
): Promise<string> {
  const [inserted] = await tx
    .insert(statutoryRecords)
    .values({ ...row, kind: 'adviser_visit', notes: 'Recorded as a contact' })
    .returning({ id: statutoryRecords.id });
  return inserted.id;
}

/** The reads behind `contactsOf`, not yet run (see together.ts). */
export function contactReads(tx: Tx, youngPersonId: string, limit: number, offset = 0) {
  return {
    contactRows: tx
      .select({
        id: contacts.id,
        contactOn: contacts.contactOn,
        method: contacts.method,
        seenAlone: contacts.seenAlone,
        place: contacts.place,
        othersPresent: contacts.othersPresent,
        discussed: contacts.discussed,
        recordedBy: staff.displayName,
        recordedAt: contacts.recordedAt,
        countsAsVisit: contacts.adviserVisitId,
      })
      .from(contacts)
      .innerJoin(staff, eq(staff.id, contacts.recordedBy))
      .where(eq(contacts.youngPersonId, youngPersonId))
      .orderBy(desc(contacts.contactOn), desc(contacts.recordedAt))
      .limit(limit)
      .offset(offset),
    contactTotal: tx.select({ total: count() }).from(contacts).where(eq(contacts.youngPersonId, youngPersonId)),
  };
}

type ContactReads = Awaited<ReturnType<typeof together<ReturnType<typeof contactReads>>>>;

/** One page of a young person's contacts, newest first, with who recorded each and how many there are. */
export function contactsFrom({ contactRows, contactTotal }: ContactReads) {
  return { rows: contactRows, total: contactTotal[0].total };
}

/** One page of a young person's contacts, newest first, with who recorded each and how many there are. */
export async function contactsOf(tx: Tx, youngPersonId: string, limit: number, offset = 0) {
  return contactsFrom(await together(tx, contactReads(tx, youngPersonId, limit, offset)));
}

export async function insertCircumstanceChange(tx: Tx, row: NewCircumstanceChange): Promise<string> {
  const [inserted] = await tx.insert(circumstanceChanges).values(row).returning({ id: circumstanceChanges.id });
  return inserted.id;
}

/** A young person's activity or accommodation history, newest first. */
export async function circumstanceHistory(tx: Tx, youngPersonId: string, kind: 'activity' | 'accommodation') {
  return tx
    .select({
      id: circumstanceChanges.id,
      changedOn: circumstanceChanges.changedOn,
      code: circumstanceChanges.code,
      suitable: circumstanceChanges.suitable,
      notes: circumstanceChanges.notes,
      recordedBy: staff.displayName,
      recordedAt: circumstanceChanges.recordedAt,
    })
    .from(circumstanceChanges)
    .innerJoin(staff, eq(staff.id, circumstanceChanges.recordedBy))
    .where(and(eq(circumstanceChanges.youngPersonId, youngPersonId), eq(circumstanceChanges.kind, kind)))
    .orderBy(desc(circumstanceChanges.changedOn), desc(circumstanceChanges.recordedAt));
}
