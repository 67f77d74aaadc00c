// Check-ins, staff tasks, message threads and the council's contact settings (migration 023).
import { and, asc, desc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { checkIns, councilContactSettings, messages, messageThreads, staffTasks } from '../companion-schema.ts';
import { reviews, staff, youngPeople } from '../schema.ts';

export type NewCheckIn = typeof checkIns.$inferInsert;
export type NewTask = typeof staffTasks.$inferInsert;

export async function insertCheckIn(tx: Tx, row: NewCheckIn): Promise<string> {
  const [inserted] = await tx.insert(checkIns).values(row).returning({ id: checkIns.id });
  return inserted.id;
}

/** A young person's check-ins, newest first. */
export function checkInsOf(tx: Tx, youngPersonId: string, limit: number) {
  return tx
    .select({
      id: checkIns.id,
      feeling: checkIns.feeling,
      words: checkIns.words,
      topics: checkIns.topics,
      needsHelp: checkIns.needsHelp,
      notSafe: checkIns.notSafe,
      checkedInAt: checkIns.checkedInAt,
    })
    .from(checkIns)
    .where(eq(checkIns.youngPersonId, youngPersonId))
    .orderBy(desc(checkIns.checkedInAt))
    .limit(limit);
}

export async function insertTask(tx: Tx, row: NewTask): Promise<string> {
  const [inserted] = await tx.insert(staffTasks).values(row).returning({ id: staffTasks.id });
  return inserted.id;
}

const personName = {
  givenName: youngPeople.givenName,
  preferredName: youngPeople.preferredName,
  familyName: youngPeople.familyName,
};

const taskColumns = {
  id: staffTasks.id,
  kind: staffTasks.kind,
  youngPersonId: staffTasks.youngPersonId,
  dueOn: staffTasks.dueOn,
  createdAt: staffTasks.createdAt,
  assignedTo: staffTasks.assignedTo,
  ...personName,
};

/** Open tasks for one member of staff, soonest due first. */
export function openTasksFor(tx: Tx, staffId: string) {
  return tx
    .select(taskColumns)
    .from(staffTasks)
    .innerJoin(youngPeople, eq(youngPeople.id, staffTasks.youngPersonId))
    .where(and(eq(staffTasks.assignedTo, staffId), isNull(staffTasks.doneAt)))
    .orderBy(asc(staffTasks.dueOn), asc(staffTasks.createdAt));
}

/** A team's open tasks: overdue ones, and those no one is assigned to (a young person without an adviser). */
export function teamTasksNeedingManager(tx: Tx, teamId: string, today: string) {
  return tx
    .select({ ...taskColumns, assignedName: staff.displayName })
    .from(staffTasks)
    .innerJoin(youngPeople, eq(youngPeople.id, staffTasks.youngPersonId))
    .leftJoin(staff, eq(staff.id, staffTasks.assignedTo))
    .where(
      and(
        eq(youngPeople.teamId, teamId),
        isNull(staffTasks.doneAt),
        or(lt(staffTasks.dueOn, today), isNull(staffTasks.assignedTo)),
      ),
    )
    .orderBy(asc(staffTasks.dueOn));
}

/** One task, locked until the transaction ends. */
export async function taskForUpdate(tx: Tx, id: string) {
  const [row] = await tx.select().from(staffTasks).where(eq(staffTasks.id, id)).for('update');
  return row ?? null;
}

export async function markTaskDone(tx: Tx, id: string, staffId: string, at: Date): Promise<void> {
  await tx.update(staffTasks).set({ doneAt: at, doneBy: staffId }).where(eq(staffTasks.id, id));
}

/** Open help requests for a young person, for their record. */
export function openTasksOf(tx: Tx, youngPersonId: string) {
  return tx
    .select({ id: staffTasks.id, dueOn: staffTasks.dueOn, assignedTo: staffTasks.assignedTo })
    .from(staffTasks)
    .where(and(eq(staffTasks.youngPersonId, youngPersonId), isNull(staffTasks.doneAt)))
    .orderBy(asc(staffTasks.dueOn));
}

export async function contactSettings(tx: Tx) {
  const [row] = await tx.select().from(councilContactSettings).limit(1);
  return row ?? null;
}

export async function saveContactSettings(
  tx: Tx,
  row: { councilId: string; outOfHoursPhone: string | null; officeOpens: string; officeCloses: string; by: string },
): Promise<void> {
  const values = {
    outOfHoursPhone: row.outOfHoursPhone,
    officeOpens: row.officeOpens,
    officeCloses: row.officeCloses,
    updatedBy: row.by,
    updatedAt: sql`now()`,
  };
  await tx
    .insert(councilContactSettings)
    .values({ councilId: row.councilId, ...values })
    .onConflictDoUpdate({ target: councilContactSettings.councilId, set: values });
}

const threadColumns = {
  id: messageThreads.id,
  youngPersonId: messageThreads.youngPersonId,
  staffId: messageThreads.staffId,
  subject: messageThreads.subject,
  messageCount: messageThreads.messageCount,
  lastMessageAt: messageThreads.lastMessageAt,
  youngPersonReadSeq: messageThreads.youngPersonReadSeq,
  staffReadSeq: messageThreads.staffReadSeq,
  replyDueOn: messageThreads.replyDueOn,
  staffName: staff.displayName,
  ...personName,
};

/** Threads with the names of their two people. */
const threadsQuery = (tx: Tx) =>
  tx
    .select(threadColumns)
    .from(messageThreads)
    .innerJoin(staff, eq(staff.id, messageThreads.staffId))
    .innerJoin(youngPeople, eq(youngPeople.id, messageThreads.youngPersonId));

/** Threads of a young person, or of a member of staff, most recent first. */
export function threadsWhere(tx: Tx, who: { youngPersonId: string } | { staffId: string }) {
  return threadsQuery(tx)
    .where(
      'youngPersonId' in who
        ? eq(messageThreads.youngPersonId, who.youngPersonId)
        : eq(messageThreads.staffId, who.staffId),
    )
    .orderBy(desc(messageThreads.lastMessageAt));
}

/** A team's threads whose reply is overdue, for its manager. */
export function teamOverdueThreads(tx: Tx, teamId: string, today: string) {
  return threadsQuery(tx)
    .where(
      and(eq(youngPeople.teamId, teamId), isNotNull(messageThreads.replyDueOn), lt(messageThreads.replyDueOn, today)),
    )
    .orderBy(asc(messageThreads.replyDueOn));
}

export async function thread(tx: Tx, id: string) {
  const [row] = await threadsQuery(tx).where(eq(messageThreads.id, id));
  return row ?? null;
}

export function messagesOf(tx: Tx, threadId: string) {
  return tx
    .select({
      id: messages.id,
      seq: messages.seq,
      authorKind: messages.authorKind,
      authorId: messages.authorId,
      body: messages.body,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(eq(messages.threadId, threadId))
    .orderBy(asc(messages.seq));
}

export async function insertThread(
  tx: Tx,
  row: { councilId: string; youngPersonId: string; staffId: string; subject: string },
): Promise<string> {
  const [inserted] = await tx.insert(messageThreads).values(row).returning({ id: messageThreads.id });
  return inserted.id;
}

/**
 * Adds a message. Numbering it updates (and so locks) the thread row first: messages in a thread are
 * numbered in the order they commit, and none is lost or numbered twice. A young person's message sets
 * when the worker's reply is due; a worker's clears it. The writer has read up to their own message.
 */
export async function appendMessage(
  tx: Tx,
  row: { councilId: string; threadId: string; authorKind: 'young_person' | 'staff'; authorId: string; body: string },
  replyDueOn: string | null,
): Promise<{ id: string; seq: number }> {
  const fromYoungPerson = row.authorKind === 'young_person';
  const [numbered] = await tx
    .update(messageThreads)
    .set({
      messageCount: sql`${messageThreads.messageCount} + 1`,
      lastMessageAt: sql`now()`,
      replyDueOn: fromYoungPerson ? sql`coalesce(${messageThreads.replyDueOn}, ${replyDueOn}::date)` : null,
      ...(fromYoungPerson
        ? { youngPersonReadSeq: sql`${messageThreads.messageCount} + 1` }
        : { staffReadSeq: sql`${messageThreads.messageCount} + 1` }),
    })
    .where(eq(messageThreads.id, row.threadId))
    .returning({ seq: messageThreads.messageCount });
  const [inserted] = await tx
    .insert(messages)
    .values({ ...row, seq: numbered.seq })
    .returning({ id: messages.id });
  return { id: inserted.id, seq: numbered.seq };
}

/** Marks a thread read up to `seq` by one side; never backwards. */
export async function markRead(tx: Tx, threadId: string, side: 'young_person' | 'staff', seq: number): Promise<void> {
  const column = side === 'young_person' ? messageThreads.youngPersonReadSeq : messageThreads.staffReadSeq;
  await tx
    .update(messageThreads)
    .set(
      side === 'young_person'
        ? { youngPersonReadSeq: sql`greatest(${column}, ${seq})` }
        : { staffReadSeq: sql`greatest(${column}, ${seq})` },
    )
    .where(eq(messageThreads.id, threadId));
}

/** A worker has dealt with a thread without a written reply (a call, a visit): nothing is owed now. */
export async function clearReplyDue(tx: Tx, threadId: string): Promise<void> {
  await tx.update(messageThreads).set({ replyDueOn: null }).where(eq(messageThreads.id, threadId));
}

/** Plans of young people allocated to this worker that wait for signatures. */
export function plansAwaitingSignatures(tx: Tx, staffId: string) {
  return tx
    .select({ id: reviews.id, youngPersonId: reviews.youngPersonId, ...personName })
    .from(reviews)
    .innerJoin(youngPeople, eq(youngPeople.id, reviews.youngPersonId))
    .where(
      and(
        eq(reviews.state, 'awaiting_signatures'),
        or(eq(youngPeople.personalAdviserId, staffId), eq(youngPeople.socialWorkerId, staffId)),
      ),
    )
    .orderBy(asc(reviews.updatedAt));
}
