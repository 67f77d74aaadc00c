// Reminders by email or text through GOV.UK Notify (issue 12 §3), sent by the job queue.
//
// An event (a plan sent to be signed, a help request seen) queues its reminder in its own transaction,
// so a rolled-back event sends nothing. Two schedules queue the time-based ones: each night the reviews
// due in 4 weeks, each Monday every worker's digest of what is overdue. Each job is worked once: it
// claims a row of reminder_messages (unique by the job) before Notify is called, so neither a retry
// nor a second process sends it twice; a claim left by a process that died while sending is not sent
// again (at most once: a reminder missed is better than one sent twice). The person's choice is read
// when the job runs, so a reminder never goes against what they chose last. Every message sent is
// audited (who, which template, which young person); the words are Notify's template, never kept.
import { and, desc, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { NotifyClient } from 'notifications-node-client';
import { z } from 'zod';
import type { NotifyConfig } from '../config.ts';
import type { Database, Tx } from '../data/db.ts';
import { messageThreads, staffTasks } from '../data/companion-schema.ts';
import { QUEUES, type JobQueue, type QueueLog } from '../data/queue.ts';
import { contactPreferences, reminderMessages } from '../data/reminders-schema.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { councils, staff, youngPeople, youngPersonAccounts } from '../data/schema.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { authorize } from '../domain/permissions.ts';
import {
  addressFor,
  CHANNELS,
  type Channel,
  type ContactPreference,
  type DigestCounts,
  digestTotal,
  jobIdFor,
  NO_CONTACT,
  overdueItems,
  RECIPIENT_OF,
  REMINDER_KINDS,
  type ReminderKind,
  reviewToRemind,
  weekOf,
} from '../domain/reminders.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import { buildTranslator, languageOf } from '../http/i18n.ts';
import { dateIn } from '../http/presenters/dates.ts';
import type { RecordsService } from './records.ts';
import { statutoryViews } from './statutory.ts';

/** What a reminder job carries: ids and counts only, never an address or a message. */
const jobSchema = z.object({
  councilId: z.string().uuid(),
  kind: z.enum(REMINDER_KINDS),
  personId: z.string().uuid(),
  youngPersonId: z.string().uuid().nullable(),
  on: z.string().optional(),
  counts: z.object({ helpRequests: z.number(), replies: z.number(), statutory: z.number() }).optional(),
});
export type ReminderJob = z.infer<typeof jobSchema>;

export type PreferenceInput = { channel: Channel; email: string | null; phone: string | null };

/** Sends one message: through Notify with a key, or nowhere (the demo outbox) without one. */
export type Sender = {
  readonly mode: 'notify' | 'outbox';
  templateFor(kind: ReminderKind, channel: 'email' | 'sms'): string | null;
  send(m: {
    channel: 'email' | 'sms';
    to: string;
    templateId: string;
    personalisation: Record<string, string>;
    reference: string;
  }): Promise<{ id: string | null }>;
};

/** GOV.UK Notify's own client; its base URL can point elsewhere (a local fake in tests). */
export function notifySender(config: NotifyConfig | null): Sender {
  if (!config)
    return {
      mode: 'outbox',
      templateFor: () => null,
      send: async () => ({ id: null }),
    };
  const client = config.baseUrl ? new NotifyClient(config.baseUrl, config.apiKey) : new NotifyClient(config.apiKey);
  return {
    mode: 'notify',
    templateFor: (kind, channel) => config.templates[`${kind}/${channel}`] ?? null,
    async send(m) {
      const options = { personalisation: m.personalisation, reference: m.reference };
      const response =
        m.channel === 'email'
          ? await client.sendEmail(m.templateId, m.to, options)
          : await client.sendSms(m.templateId, m.to, options);
      return { id: (response.data as { id?: string }).id ?? null };
    },
  };
}

/** Why Notify refused, without the address or anything else it may echo back. */
function failureOf(error: unknown): string {
  const e = error as { response?: { status?: number; data?: { errors?: { error?: string }[] } }; code?: string };
  if (e.response?.status)
    return `Notify answered ${e.response.status} ${e.response.data?.errors?.[0]?.error ?? ''}`.trim();
  return `Could not reach Notify${e.code ? ` (${e.code})` : ''}`;
}

/** The words of each reminder to a young person, in every language they can choose (src/locales). */
const translate = buildTranslator();

async function preferenceIn(tx: Tx, kind: 'young_person' | 'staff', id: string): Promise<ContactPreference> {
  const [row] = await tx
    .select({ channel: contactPreferences.channel, email: contactPreferences.email, phone: contactPreferences.phone })
    .from(contactPreferences)
    .where(and(eq(contactPreferences.personKind, kind), eq(contactPreferences.personId, id)));
  return row ? { channel: row.channel as Channel, email: row.email, phone: row.phone } : NO_CONTACT;
}

export function remindersService(
  db: Database,
  clock: Clock,
  records: RecordsService,
  queue: JobQueue,
  sender: Sender,
  publicUrl: string,
) {
  const today = () => ukDate(clock.now());
  const link = (path: string) => `${publicUrl}${path}`;

  /** Queues a reminder in the caller's transaction (the event's). */
  const queueIn = (tx: Tx, job: ReminderJob, id?: string) => queue.sendIn(tx, QUEUES.reminder, job, id ? { id } : {});

  /** What fills in the template, or null when the person is gone or their case is closed. */
  async function personalise(tx: Tx, job: ReminderJob): Promise<Record<string, string> | null> {
    if (RECIPIENT_OF[job.kind] === 'staff') {
      const [worker] = await tx
        .select({ name: staff.displayName, active: staff.active })
        .from(staff)
        .where(eq(staff.id, job.personId));
      if (!worker?.active || !job.counts) return null;
      return {
        name: worker.name,
        overdue: String(digestTotal(job.counts)),
        help_requests: String(job.counts.helpRequests),
        replies: String(job.counts.replies),
        statutory: String(job.counts.statutory),
        link: link('/inbox'),
      };
    }
    const [person] = await tx
      .select({
        given: youngPeople.givenName,
        preferred: youngPeople.preferredName,
        status: youngPeople.caseStatus,
        language: youngPersonAccounts.language,
      })
      .from(youngPeople)
      .leftJoin(youngPersonAccounts, eq(youngPersonAccounts.youngPersonId, youngPeople.id))
      .where(eq(youngPeople.id, job.personId));
    if (person?.status !== 'open') return null;
    // In the language they chose in Pathway (issue 12 §5): `message` is the whole text, for a Notify
    // template that is just ((message)); the parts are there too for a council's own wording.
    const lng = languageOf(person.language)?.code ?? 'en';
    const name = person.preferred || person.given;
    const parts: Record<string, string> =
      job.kind === 'plan_ready'
        ? { name, link: link('/my-plan') }
        : job.kind === 'review_soon'
          ? { name, date: dateIn(lng, 'date', job.on ?? today()), link: link('/my-plan') }
          : { name, link: link('/messages') };
    const message = translate(`reminders:messages.${job.kind}`, { lng, ...parts });
    return { ...parts, language: lng, message };
  }

  /** Claims the job's message in one transaction; null when there is nothing to send (now or ever). */
  async function claim(jobId: string, job: ReminderJob) {
    return db.withCouncil(job.councilId, async (tx) => {
      const [existing] = await tx
        .select()
        .from(reminderMessages)
        .where(eq(reminderMessages.jobId, jobId))
        .for('update');
      if (existing) {
        if (existing.status === 'failed') {
          await tx
            .update(reminderMessages)
            .set({ status: 'sending', error: null })
            .where(eq(reminderMessages.id, existing.id));
          return existing;
        }
        if (existing.status === 'sending')
          await tx
            .update(reminderMessages)
            .set({ status: 'interrupted', error: 'Stopped while sending: not tried again, so it is never sent twice' })
            .where(eq(reminderMessages.id, existing.id));
        return null;
      }
      const address = addressFor(await preferenceIn(tx, RECIPIENT_OF[job.kind], job.personId));
      if (!address) return null;
      const personalisation = await personalise(tx, job);
      if (!personalisation) return null;
      const [claimed] = await tx
        .insert(reminderMessages)
        .values({
          councilId: job.councilId,
          jobId,
          kind: job.kind,
          personKind: RECIPIENT_OF[job.kind],
          personId: job.personId,
          youngPersonId: job.youngPersonId,
          channel: address.channel,
          recipient: address.to,
          templateId: sender.templateFor(job.kind, address.channel),
          personalisation,
          status: 'sending',
        })
        .onConflictDoNothing()
        .returning();
      return claimed ?? null;
    });
  }

  /** Writes how it went, and audits it: who, which template, which young person; never the words. */
  async function settle(
    message: typeof reminderMessages.$inferSelect,
    outcome: { status: 'sent' | 'outbox'; notifyId: string | null } | { status: 'failed'; error: string },
  ) {
    await db.withCouncil(message.councilId, async (tx) => {
      await tx
        .update(reminderMessages)
        .set(
          outcome.status === 'failed'
            ? { status: 'failed', error: outcome.error }
            : { status: outcome.status, notifyId: outcome.notifyId, sentAt: clock.now() },
        )
        .where(eq(reminderMessages.id, message.id));
      await insertAudit(tx, {
        councilId: message.councilId,
        actorKind: 'system',
        actorId: null,
        action: outcome.status === 'failed' ? 'reminder.fail' : 'reminder.send',
        outcome: outcome.status === 'failed' ? 'denied' : 'allowed',
        youngPersonId: message.youngPersonId,
        entityType: 'reminder_message',
        entityId: message.id,
        details: {
          kind: message.kind,
          channel: message.channel,
          template: message.templateId ?? `${message.kind}/${message.channel}`,
          to: { kind: message.personKind, id: message.personId },
          via: sender.mode,
          ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
        },
      });
    });
  }

  return {
    sender,

    /** Event: a plan now waits for the young person to read and sign it (in the event's transaction). */
    planReady: (tx: Tx, councilId: string, youngPersonId: string) =>
      queueIn(tx, { councilId, kind: 'plan_ready', personId: youngPersonId, youngPersonId }),

    /** Event: their worker has seen and dealt with their help request (in the event's transaction). */
    helpSeen: (tx: Tx, councilId: string, youngPersonId: string, taskId: string) =>
      queueIn(
        tx,
        { councilId, kind: 'help_seen', personId: youngPersonId, youngPersonId },
        jobIdFor(`help_seen:${taskId}`),
      ),

    /** Works one reminder job (the queue's handler). Throws when Notify fails, so the queue tries again. */
    async deliver(jobId: string, data: unknown): Promise<'sent' | 'outbox' | 'nothing'> {
      const job = jobSchema.parse(data);
      const message = await claim(jobId, job);
      if (!message) return 'nothing';
      if (sender.mode === 'outbox') {
        await settle(message, { status: 'outbox', notifyId: null });
        return 'outbox';
      }
      let sent: { id: string | null };
      try {
        sent = await sender.send({
          channel: message.channel as 'email' | 'sms',
          to: message.recipient,
          templateId: message.templateId ?? '',
          personalisation: message.personalisation as Record<string, string>,
          reference: jobId,
        });
      } catch (error) {
        await settle(message, { status: 'failed', error: failureOf(error) });
        throw new Error(`The reminder was not sent: ${failureOf(error)}`);
      }
      await settle(message, { status: 'sent', notifyId: sent.id });
      return 'sent';
    },

    /** Schedule, each night: young people who chose to be contacted, whose review is due in 4 weeks. */
    queueReviewsDue: () =>
      eachCouncil('reminders.review-sweep', async (tx, councilId, day) => {
        const chosen = await tx
          .select({ id: youngPeople.id })
          .from(contactPreferences)
          .innerJoin(youngPeople, eq(youngPeople.id, contactPreferences.personId))
          .where(
            and(
              eq(contactPreferences.personKind, 'young_person'),
              ne(contactPreferences.channel, 'none'),
              eq(youngPeople.caseStatus, 'open'),
            ),
          );
        if (chosen.length === 0) return { looked: 0, queued: 0 };
        const views = await statutoryViews(
          tx,
          chosen.map((c) => c.id),
          day,
        );
        let queued = 0;
        for (const [id, view] of views) {
          const review = reviewToRemind(view.due, day);
          if (!review) continue;
          const job = { councilId, kind: 'review_soon' as const, personId: id, youngPersonId: id, on: review.on };
          if (await queueIn(tx, job, jobIdFor(`review_soon:${id}:${review.on}`))) queued += 1;
        }
        return { looked: chosen.length, queued };
      }),

    /** Schedule, each Monday: every worker who chose a digest and has something overdue. */
    queueDigests: () =>
      eachCouncil('reminders.digest-sweep', async (tx, councilId, day) => {
        const workers = await tx
          .select({ id: staff.id })
          .from(contactPreferences)
          .innerJoin(staff, eq(staff.id, contactPreferences.personId))
          .where(
            and(
              eq(contactPreferences.personKind, 'staff'),
              ne(contactPreferences.channel, 'none'),
              eq(staff.active, true),
            ),
          );
        let queued = 0;
        for (const w of workers) {
          const counts = await overdueFor(tx, w.id, day);
          if (digestTotal(counts) === 0) continue;
          const job = { councilId, kind: 'weekly_digest' as const, personId: w.id, youngPersonId: null, counts };
          if (await queueIn(tx, job, jobIdFor(`weekly_digest:${w.id}:${weekOf(day)}`))) queued += 1;
        }
        return { looked: workers.length, queued };
      }),

    /** How the person signed in wants to be contacted (a young person's is part of their record: audited). */
    async preference(ctx: RequestContext): Promise<ContactPreference> {
      const p = ctx.principal;
      if (p.kind === 'api_token' || p.kind === 'supporter') throw errors.forbidden();
      return db.withCouncil(p.councilId, async (tx) => {
        if (p.kind === 'young_person') {
          const opened = await records.openRecord(tx, ctx, p.id, 'contact-preferences.view');
          if (opened.denied) throw errors.forbidden();
        }
        return preferenceIn(tx, p.kind, p.id);
      });
    },

    /** Saves their choice (email, text or none, with the address), audited without the address itself. */
    async savePreference(ctx: RequestContext, input: PreferenceInput): Promise<void> {
      const p = ctx.principal;
      if (p.kind === 'api_token' || p.kind === 'supporter') throw errors.forbidden();
      if (!CHANNELS.includes(input.channel)) throw errors.badRequest('Choose how to be contacted');
      const denied = await db.withCouncil(p.councilId, async (tx) => {
        if (p.kind === 'young_person') {
          // Anyone may always say how, or that they do not want to be contacted, even after their case closed.
          const opened = await records.openRecord(tx, ctx, p.id, 'contact-preferences.update', {
            auditAllowed: false,
            write: true,
            whileClosed: true,
          });
          if (opened.denied) return true;
        }
        const before = await preferenceIn(tx, p.kind, p.id);
        const row = {
          councilId: p.councilId,
          personKind: p.kind,
          personId: p.id,
          channel: input.channel,
          email: input.email,
          phone: input.phone,
          updatedAt: clock.now(),
          updatedBy: p.id,
        };
        await tx
          .insert(contactPreferences)
          .values(row)
          .onConflictDoUpdate({
            target: [contactPreferences.councilId, contactPreferences.personKind, contactPreferences.personId],
            set: {
              channel: row.channel,
              email: row.email,
              phone: row.phone,
              updatedAt: row.updatedAt,
              updatedBy: p.id,
            },
          });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'contact-preferences.update',
          youngPersonId: p.kind === 'young_person' ? p.id : null,
          entityType: p.kind === 'young_person' ? 'young_person' : 'staff',
          entityId: p.id,
          details: {
            from: before.channel,
            to: input.channel,
            emailChanged: before.email !== input.email,
            phoneChanged: before.phone !== input.phone,
          },
        });
        return false;
      });
      if (denied) throw errors.forbiddenAudited('You cannot change this');
    },

    /** The outbox: what Pathway sent, or without a Notify key would have sent, newest first. Audited. */
    async outbox(ctx: RequestContext, limit = 200) {
      authorize(ctx.principal, 'reminders.outbox');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const rows = await tx
          .select({
            id: reminderMessages.id,
            kind: reminderMessages.kind,
            personKind: reminderMessages.personKind,
            channel: reminderMessages.channel,
            recipient: reminderMessages.recipient,
            templateId: reminderMessages.templateId,
            personalisation: reminderMessages.personalisation,
            status: reminderMessages.status,
            error: reminderMessages.error,
            createdAt: reminderMessages.createdAt,
            sentAt: reminderMessages.sentAt,
            youngPersonId: reminderMessages.youngPersonId,
            youngPersonName: sql<string | null>`${youngPeople.givenName} || ' ' || ${youngPeople.familyName}`,
            staffName: staff.displayName,
          })
          .from(reminderMessages)
          .leftJoin(youngPeople, eq(youngPeople.id, reminderMessages.youngPersonId))
          .leftJoin(staff, and(eq(staff.id, reminderMessages.personId), eq(reminderMessages.personKind, 'staff')))
          .orderBy(desc(reminderMessages.createdAt))
          .limit(limit);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'list.reminder-outbox',
          entityType: 'reminder_outbox',
          details: { count: rows.length },
        });
        return { rows, mode: sender.mode };
      });
    },
  };

  /**
   * A schedule's work in each council in turn, one transaction each, audited where it looked at anyone
   * (what it looked at and queued, as the system). Returns how many reminders it queued.
   */
  async function eachCouncil(
    action: string,
    work: (tx: Tx, councilId: string, day: string) => Promise<{ looked: number; queued: number }>,
  ): Promise<number> {
    const day = today();
    let queued = 0;
    for (const council of await db.system((tx) => tx.select({ id: councils.id }).from(councils))) {
      queued += await db.withCouncil(council.id, async (tx) => {
        const done = await work(tx, council.id, day);
        if (done.looked > 0)
          await insertAudit(tx, {
            councilId: council.id,
            actorKind: 'system',
            actorId: null,
            action,
            details: { day, ...done },
          });
        return done.queued;
      });
    }
    return queued;
  }

  /** A worker's overdue work: help requests and replies owed to them, and statutory items on their cases. */
  async function overdueFor(tx: Tx, staffId: string, day: string): Promise<DigestCounts> {
    const [tasks] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(staffTasks)
      .where(and(eq(staffTasks.assignedTo, staffId), isNull(staffTasks.doneAt), lt(staffTasks.dueOn, day)));
    const [threads] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(messageThreads)
      .where(and(eq(messageThreads.staffId, staffId), lt(messageThreads.replyDueOn, day)));
    const cases = await tx
      .select({ id: youngPeople.id })
      .from(youngPeople)
      .where(
        and(
          eq(youngPeople.caseStatus, 'open'),
          or(eq(youngPeople.personalAdviserId, staffId), eq(youngPeople.socialWorkerId, staffId)),
        ),
      );
    let statutory = 0;
    if (cases.length) {
      const views = await statutoryViews(
        tx,
        cases.map((c) => c.id),
        day,
      );
      for (const view of views.values()) statutory += overdueItems(view.due, day).length;
    }
    return { helpRequests: tasks?.n ?? 0, replies: threads?.n ?? 0, statutory };
  }
}
export type RemindersService = ReturnType<typeof remindersService>;

/** Nightly at 07:00 (UK time): reviews due in 4 weeks. Mondays at 07:00: workers' digests. */
export const REMINDER_SCHEDULES = [
  { name: QUEUES.reviewSoon, cron: '0 7 * * *' },
  { name: QUEUES.digest, cron: '0 7 * * 1' },
];

/** The queue's work in this process: reminders sent, and the schedules that queue them. */
export function reminderJobs(queue: JobQueue, reminders: RemindersService) {
  return {
    start: (log: QueueLog, options: { pollingIntervalSeconds?: number } = {}) =>
      queue.start(
        {
          [QUEUES.reminder]: async (job) => {
            await reminders.deliver(job.id, job.data);
          },
          [QUEUES.reviewSoon]: async () => {
            log.info({ queued: await reminders.queueReviewsDue() }, 'queued the reminders of reviews in 4 weeks');
          },
          [QUEUES.digest]: async () => {
            log.info({ queued: await reminders.queueDigests() }, "queued the workers' weekly digests");
          },
        },
        REMINDER_SCHEDULES,
        log,
        options,
      ),
    stop: () => queue.stop(),
    /** Sends the reminders queued and due now, here and now (tests, and a command run by hand). */
    sendQueued: () => queue.drain(QUEUES.reminder, (job) => reminders.deliver(job.id, job.data).then(() => {})),
  };
}
