// The young person's companion (issue 12 §1, §2): check-ins, help requests, messages with their workers
// and a staff inbox. Each use opens one transaction, checks permission (refusals audited), writes and
// writes its audit row in the same transaction.
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { answerDueOn, DEFAULT_OFFICE_HOURS, officeOpen, type CheckInTopic, type Feeling } from '../domain/companion.ts';
import { authorize, can, canUseThread, isAllocated } from '../domain/permissions.ts';
import { ENGLAND_AND_WALES } from '../domain/statutory/index.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import * as repo from '../data/repositories/companion.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { RecordsService } from './records.ts';
import type { RemindersService } from './reminders.ts';

export type CheckInInput = {
  feeling: Feeling;
  words: string;
  topics: CheckInTopic[];
  needsHelp: boolean;
  notSafe: boolean;
};
export type ContactSettingsInput = { outOfHoursPhone: string | null; officeOpens: string; officeCloses: string };

/** Check-ins shown in a trend: the last 12 (about three months of weekly check-ins). */
export const TREND_LENGTH = 12;

type Thread = NonNullable<Awaited<ReturnType<typeof repo.thread>>>;

/** How many messages in a thread the reader has not seen yet. */
export function unreadIn(
  thread: Thread | Awaited<ReturnType<typeof repo.threadsWhere>>[number],
  side: 'young_person' | 'staff',
) {
  return thread.messageCount - (side === 'young_person' ? thread.youngPersonReadSeq : thread.staffReadSeq);
}

type NewMessage = { threadId: string; youngPersonId: string; body: string; started: boolean };

/**
 * Adds a message to a thread and audits it. A young person's message is due an answer by the next
 * working day (issue 12 §2), so it waits in the worker's inbox until they reply or mark it done.
 */
export async function sendMessage(
  tx: Tx,
  ctx: RequestContext,
  today: string,
  m: NewMessage,
  details: Record<string, unknown> = {},
) {
  const p = ctx.principal;
  const authorKind = p.kind === 'young_person' ? 'young_person' : 'staff';
  const dueOn = authorKind === 'young_person' ? answerDueOn(today, ENGLAND_AND_WALES) : null;
  const message = await repo.appendMessage(
    tx,
    { councilId: p.councilId, threadId: m.threadId, authorKind, authorId: p.id, body: m.body },
    dueOn,
  );
  await insertAudit(tx, {
    ...auditActor(ctx),
    action: 'message.send',
    youngPersonId: m.youngPersonId,
    entityType: 'message',
    entityId: message.id,
    details: { threadId: m.threadId, seq: message.seq, started: m.started, ...details },
  });
  return { ...message, dueOn };
}

export function companionService(
  db: Database,
  clock: Clock,
  records: RecordsService,
  reminders?: Pick<RemindersService, 'helpSeen'>,
) {
  const today = () => ukDate(clock.now());

  /** The council's contact settings, or the defaults until an administrator sets them. */
  async function settingsIn(tx: Tx) {
    const row = await repo.contactSettings(tx);
    return {
      outOfHoursPhone: row?.outOfHoursPhone ?? null,
      officeOpens: row?.officeOpens ?? DEFAULT_OFFICE_HOURS.opens,
      officeCloses: row?.officeCloses ?? DEFAULT_OFFICE_HOURS.closes,
    };
  }

  /**
   * Opens a thread for one of its two people. Anyone else — another young person, a worker not in it,
   * another council (whose threads the database does not show) — is refused as not found, audited.
   */
  async function openThread(tx: Tx, ctx: RequestContext, threadId: string, action: string) {
    const found = await repo.thread(tx, threadId);
    if (!found || !canUseThread(ctx.principal, found)) {
      await insertAudit(tx, {
        ...auditActor(ctx),
        action,
        outcome: 'denied',
        entityType: 'message_thread',
        entityId: threadId,
        youngPersonId: found?.youngPersonId ?? null,
      });
      return null;
    }
    return found;
  }
  const send = (tx: Tx, ctx: RequestContext, m: NewMessage) => sendMessage(tx, ctx, today(), m);

  const side = (ctx: RequestContext): 'young_person' | 'staff' =>
    ctx.principal.kind === 'young_person' ? 'young_person' : 'staff';

  return {
    settings: (ctx: RequestContext) => db.withCouncil(ctx.principal.councilId, settingsIn),

    /** Is the office open now, by the council's hours (messages outside them get a notice)? */
    async officeOpenNow(ctx: RequestContext) {
      const s = await this.settings(ctx);
      return officeOpen(clock.now(), { opens: s.officeOpens, closes: s.officeCloses }, ENGLAND_AND_WALES);
    },

    async saveSettings(ctx: RequestContext, input: ContactSettingsInput) {
      authorize(ctx.principal, 'policy.manage');
      await db.withCouncil(ctx.principal.councilId, async (tx) => {
        await repo.saveContactSettings(tx, { councilId: ctx.principal.councilId, ...input, by: ctx.principal.id });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'contact-settings.update',
          entityType: 'council',
          entityId: ctx.principal.councilId,
          details: { ...input },
        });
      });
    },

    /**
     * A young person's check-in. "I need help" makes a task for their personal adviser (the team's,
     * when they have none), due the next working day.
     */
    async checkIn(ctx: RequestContext, input: CheckInInput) {
      const p = ctx.principal;
      if (p.kind !== 'young_person') throw errors.forbidden();
      authorize(p, 'check-in.record');
      const result = await db.withCouncil(p.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, p.id, 'check-in.record', { auditAllowed: false, write: true });
        if (opened.denied) return null;
        const id = await repo.insertCheckIn(tx, {
          councilId: p.councilId,
          youngPersonId: p.id,
          feeling: input.feeling,
          words: input.words || null,
          topics: input.topics,
          needsHelp: input.needsHelp,
          notSafe: input.notSafe,
        });
        const dueOn = input.needsHelp || input.notSafe ? answerDueOn(today(), ENGLAND_AND_WALES) : null;
        const taskId = dueOn
          ? await repo.insertTask(tx, {
              councilId: p.councilId,
              youngPersonId: p.id,
              teamId: opened.facts.teamId,
              kind: 'help_request',
              assignedTo: opened.facts.personalAdviserId,
              checkInId: id,
              dueOn,
            })
          : null;
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'check-in.record',
          youngPersonId: p.id,
          entityType: 'check_in',
          entityId: id,
          details: {
            feeling: input.feeling,
            topics: input.topics,
            needsHelp: input.needsHelp,
            notSafe: input.notSafe,
            taskId,
            dueOn,
          },
        });
        return { id, taskId, dueOn, settings: await settingsIn(tx) };
      });
      if (!result) throw errors.forbiddenAudited('You do not have permission to change this record');
      return result;
    },

    /** Check-ins of a young person, newest first: their own, or staff who may see their record. Audited. */
    checkIns(ctx: RequestContext, youngPersonId: string, limit = TREND_LENGTH) {
      return records.audited(ctx, youngPersonId, 'check-in.list', (tx) => repo.checkInsOf(tx, youngPersonId, limit), {
        asked: { limit },
      });
    },

    /** Marks a task done: the member of staff it is for, or anyone who may see the record (a colleague covering). */
    async markTaskDone(ctx: RequestContext, taskId: string) {
      authorize(ctx.principal, 'caseload.view');
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const task = await repo.taskForUpdate(tx, taskId);
        const row = { ...auditActor(ctx), action: 'task.done', entityType: 'staff_task', entityId: taskId };
        const opened = task
          ? await records.openRecord(tx, ctx, task.youngPersonId, 'task.done', { auditAllowed: false })
          : null;
        if (!task || !opened || opened.denied) {
          if (!task) await insertAudit(tx, { ...row, outcome: 'denied' });
          return null;
        }
        const already = task.doneAt !== null;
        if (!already) {
          await repo.markTaskDone(tx, taskId, ctx.principal.id, clock.now());
          // Their help request was seen: a reminder, queued with the change (issue 12 §3).
          if (task.kind === 'help_request')
            await reminders?.helpSeen(tx, ctx.principal.councilId, task.youngPersonId, taskId);
        }
        await insertAudit(tx, { ...row, youngPersonId: task.youngPersonId, details: { kind: task.kind, already } });
        return { already };
      });
      if (!result) throw errors.notFoundAudited();
      return result;
    },

    /** The young person's threads, or the worker's, with unread counts. The listing is audited once. */
    async threads(ctx: RequestContext) {
      authorize(ctx.principal, 'messages.use');
      const p = ctx.principal;
      return db.withCouncil(p.councilId, async (tx) => {
        const rows = await repo.threadsWhere(
          tx,
          p.kind === 'young_person' ? { youngPersonId: p.id } : { staffId: p.id },
        );
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'list.message-threads',
          entityType: 'message_thread_list',
          youngPersonId: p.kind === 'young_person' ? p.id : null,
          details: { count: rows.length },
        });
        const withUnread = rows.map((r) => ({ ...r, unread: unreadIn(r, side(ctx)) }));
        return { rows: withUnread, unread: withUnread.reduce((n, r) => n + r.unread, 0) };
      });
    },

    /** Unread messages in all their threads, for a link on their home (not a look at any record). */
    async unreadCount(ctx: RequestContext) {
      if (!can(ctx.principal, 'messages.use')) return 0;
      const p = ctx.principal;
      return db.withCouncil(p.councilId, async (tx) => {
        const rows = await repo.threadsWhere(
          tx,
          p.kind === 'young_person' ? { youngPersonId: p.id } : { staffId: p.id },
        );
        return rows.reduce((n, r) => n + unreadIn(r, side(ctx)), 0);
      });
    },

    /** Who a young person may write to: their allocated personal adviser and social worker. */
    async workersOf(ctx: RequestContext) {
      const p = ctx.principal;
      if (p.kind !== 'young_person') throw errors.forbidden();
      return db.withCouncil(p.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, p.id, 'message-thread.start', { auditAllowed: false });
        if (opened.denied) return [];
        return [
          opened.facts.personalAdviserId ? { role: 'personal_adviser', id: opened.facts.personalAdviserId } : null,
          opened.facts.socialWorkerId ? { role: 'social_worker', id: opened.facts.socialWorkerId } : null,
        ].filter((w) => w !== null);
      });
    },

    /**
     * Starts a thread with its first message. A young person writes to one of their allocated workers; a
     * worker to a young person allocated to them.
     */
    async startThread(
      ctx: RequestContext,
      input: { youngPersonId: string; staffId: string; subject: string; body: string },
    ) {
      authorize(ctx.principal, 'messages.use');
      const p = ctx.principal;
      const result = await db.withCouncil(p.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, input.youngPersonId, 'message-thread.start', {
          auditAllowed: false,
          write: true,
          rule: (principal, facts) =>
            principal.kind === 'young_person'
              ? principal.id === facts.id && [facts.personalAdviserId, facts.socialWorkerId].includes(input.staffId)
              : principal.id === input.staffId && isAllocated(principal, facts),
        });
        if (opened.denied) return null;
        const threadId = await repo.insertThread(tx, {
          councilId: p.councilId,
          youngPersonId: input.youngPersonId,
          staffId: input.staffId,
          subject: input.subject,
        });
        await send(tx, ctx, { threadId, youngPersonId: input.youngPersonId, body: input.body, started: true });
        return threadId;
      });
      if (!result) throw errors.forbiddenAudited('You cannot send a message to this person');
      return result;
    },

    /** A thread and its messages; reading it marks it read. Audited; anyone not in it gets 404. */
    async thread(ctx: RequestContext, threadId: string) {
      authorize(ctx.principal, 'messages.use');
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const found = await openThread(tx, ctx, threadId, 'message-thread.view');
        if (!found) return null;
        const list = await repo.messagesOf(tx, threadId);
        const lastSeq = list.at(-1)?.seq ?? 0;
        const unread = unreadIn(found, side(ctx));
        if (unread > 0) await repo.markRead(tx, threadId, side(ctx), lastSeq);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'message-thread.view',
          youngPersonId: found.youngPersonId,
          entityType: 'message_thread',
          entityId: threadId,
          details: { messages: list.length, unread },
        });
        const settings = await settingsIn(tx);
        return { thread: found, messages: list, unread, settings };
      });
      if (!result) throw errors.notFoundAudited();
      return result;
    },

    /** A reply in a thread. Nothing is ever changed or deleted; each message is audited. */
    async reply(ctx: RequestContext, threadId: string, body: string) {
      authorize(ctx.principal, 'messages.use');
      const p = ctx.principal;
      const result = await db.withCouncil(p.councilId, async (tx) => {
        const found = await openThread(tx, ctx, threadId, 'message.send');
        if (!found) return null;
        // A closed case's record is read-only (issue 11 §3): refused like any other write to it.
        const opened = await records.openRecord(tx, ctx, found.youngPersonId, 'message.send', {
          auditAllowed: false,
          write: true,
          rule: () => true,
        });
        if (opened.denied) return null;
        return send(tx, ctx, { threadId, youngPersonId: found.youngPersonId, body, started: false });
      });
      if (!result) throw errors.notFoundAudited();
      return result;
    },

    /** A worker marks a thread dealt with (answered another way): no reply is owed. */
    async markThreadDone(ctx: RequestContext, threadId: string) {
      authorize(ctx.principal, 'caseload.view');
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const found = await openThread(tx, ctx, threadId, 'message-thread.done');
        if (!found) return null;
        await repo.clearReplyDue(tx, threadId);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'message-thread.done',
          youngPersonId: found.youngPersonId,
          entityType: 'message_thread',
          entityId: threadId,
          details: { replyDueOn: found.replyDueOn },
        });
        return true;
      });
      if (!result) throw errors.notFoundAudited();
    },

    /** Plans of the worker's young people waiting for signatures (the worker's, the young person's or both). */
    plansToSign(ctx: RequestContext) {
      authorize(ctx.principal, 'caseload.view');
      return db.withCouncil(ctx.principal.councilId, (tx) => repo.plansAwaitingSignatures(tx, ctx.principal.id));
    },

    /**
     * What needs this member of staff from the companion: their open help requests and threads waiting for
     * their reply; a team manager also sees their team's overdue ones. The listing is audited once.
     */
    async inbox(ctx: RequestContext) {
      authorize(ctx.principal, 'caseload.view');
      const p = ctx.principal;
      if (p.kind !== 'staff') throw errors.forbidden();
      return db.withCouncil(p.councilId, async (tx) => {
        const tasks = await repo.openTasksFor(tx, p.id);
        const threads = (await repo.threadsWhere(tx, { staffId: p.id })).filter(
          (t) => t.replyDueOn !== null || unreadIn(t, 'staff') > 0,
        );
        const team =
          p.role === 'team_manager' && p.teamId
            ? {
                tasks: (await repo.teamTasksNeedingManager(tx, p.teamId, today())).filter((t) => t.assignedTo !== p.id),
                threads: (await repo.teamOverdueThreads(tx, p.teamId, today())).filter((t) => t.staffId !== p.id),
              }
            : null;
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'list.inbox',
          entityType: 'inbox',
          details: { tasks: tasks.length, threads: threads.length, teamTasks: team?.tasks.length ?? null },
        });
        return {
          tasks,
          threads: threads.map((t) => ({ ...t, unread: unreadIn(t, 'staff') })),
          team,
          today: today(),
        };
      });
    },
  };
}
export type CompanionService = ReturnType<typeof companionService>;
