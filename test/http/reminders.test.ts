// Reminders by GOV.UK Notify through the job queue (issue 12 §3): the young person chooses how to be
// contacted or not at all; events queue their reminder in their own transaction (a rolled-back one
// queues nothing); the nightly and weekly schedules queue each reminder once; each job is sent at most
// once, also by two workers on one PostgreSQL database; every message is audited without its words;
// administrators see the outbox. No test reaches the network: Notify's own client is pointed at a fake
// on 127.0.0.1.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../src/data/db.ts';
import { QUEUES } from '../../src/data/queue.ts';
import { contactPreferences, reminderMessages } from '../../src/data/reminders-schema.ts';
import { auditEvents, youngPeople } from '../../src/data/schema.ts';
import { addDays } from '../../src/domain/statutory/dates.ts';
import { buildServices, type Services } from '../../src/services/index.ts';
import { statutoryViews } from '../../src/services/statutory.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import {
  buildCouncil,
  buildTestApp,
  PASSWORD,
  signInFor,
  staffByLocal,
  TODAY,
  testClock,
  testDatabase,
  testDriver,
  type TestApp,
} from '../support/app.ts';
import { addReview, addYoungPerson, addYoungPersonAccount } from '../support/factories.ts';
import { pageWords as words } from '../support/text.ts';

const SERVICE_ID = '11111111-2222-4333-8444-555555555555';
const API_KEY = `pathway_test-${SERVICE_ID}-66666666-7777-4888-8999-000000000000`;
const TEMPLATES = Object.fromEntries(
  ['plan_ready', 'review_soon', 'help_seen', 'weekly_digest'].flatMap((kind, k) =>
    ['email', 'sms'].map((channel, c) => [`${kind}/${channel}`, `0000000${k}-0000-4000-8000-00000000000${c}`]),
  ),
);

/** A stand-in for Notify's API on 127.0.0.1: what it was sent, and a way to make it fail. */
function fakeNotify() {
  const received: { path: string; auth: string; body: Record<string, unknown> }[] = [];
  let failNext = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status_code: 500, errors: [{ error: 'Exception', message: 'Internal' }] }));
        return;
      }
      const body = JSON.parse(text) as Record<string, unknown>;
      received.push({ path: req.url ?? '', auth: String(req.headers.authorization ?? ''), body });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: crypto.randomUUID(), reference: body.reference }));
    });
  });
  return {
    received,
    failTimes: (n: number) => {
      failNext = n;
    },
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let t: TestApp;
let rows: CouncilRows;
const as: Record<string, Agent> = {};
let ypId = '';
let quietId = '';

const messagesTo = (db: Database, personId: string) =>
  db.system((tx) => tx.select().from(reminderMessages).where(eq(reminderMessages.personId, personId)));
const reminderJobs = async (db: Database) =>
  Number((await db.queueSql(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1`, [QUEUES.reminder])).rows[0].n);
const choose = (db: Database, councilId: string, personKind: string, personId: string, email: string) =>
  db.system((tx) =>
    tx
      .insert(contactPreferences)
      .values({ councilId, personKind, personId, channel: 'email', email, updatedBy: personId })
      .onConflictDoUpdate({
        target: [contactPreferences.councilId, contactPreferences.personKind, contactPreferences.personId],
        set: { channel: 'email', email },
      }),
  );

beforeAll(async () => {
  t = await buildTestApp(undefined, { sessionIdleMinutes: 60 * 24 * 60 }, { logger: { level: 'error' } });
  rows = await buildCouncil(t.db, { youngPeople: 12 });
  const pa = staffByLocal(rows, 'pa');
  const person = { personalAdviserId: pa.id, teamId: pa.teamId!, dateOfBirth: '2006-05-10' };
  ypId = (
    await addYoungPerson(t.db, rows, {
      ...person,
      givenName: 'Amani',
      episodes: [{ start: '2020-01-01', end: '2024-05-10' }],
    })
  ).id;
  quietId = (await addYoungPerson(t.db, rows, { ...person, episodes: [{ start: '2020-01-01', end: '2024-05-10' }] }))
    .id;
  await addYoungPersonAccount(t.db, rows, ypId, `rem1.${rows.council.slug}`);
  as.yp = new Agent(t.app, '10.42.0.1');
  await as.yp.signIn(`rem1.${rows.council.slug}`, PASSWORD);
  for (const [i, who] of (['pa', 'admin'] as const).entries()) {
    as[who] = new Agent(t.app, `10.42.1.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
}, 90_000);
afterAll(() => t.close());
beforeEach(() => t.clock.set(`${TODAY}T10:00:00Z`));

describe('choosing how to be contacted', () => {
  it('a young person chooses email, text or none in plain words; a bad address is shown next to its field', async () => {
    const page = await as.yp.get('/account/contact');
    expect(page.statusCode).toBe(200);
    expect(words(page.body)).toContain('How should we contact you?');
    expect(words(page.body)).toContain('We will not send you any messages.');
    const bad = await as.yp.post('/account/contact', { channel: 'sms', phone: '12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toMatch(/id="phone-error"[\s\S]*Enter a mobile phone number/);
    const none = await as.yp.post('/account/contact', {});
    expect(none.statusCode).toBe(400);
    expect(words(none.body)).toContain('Choose how we should contact you');
    const ok = await as.yp.post('/account/contact', { channel: 'email', email: 'amani@example.com' });
    expect(ok.statusCode).toBe(303);
    expect(words((await as.yp.get('/account/contact')).body)).toContain('We will email you at amani@example.com.');
  });

  it('each change is audited, without the address itself', async () => {
    await as.yp.post('/account/contact', { channel: 'sms', phone: '07700 900 982' });
    await as.yp.post('/account/contact', { channel: 'email', email: 'amani@example.com' });
    const audits = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, ypId), eq(auditEvents.action, 'contact-preferences.update')))
        .orderBy(auditEvents.id),
    );
    expect(audits.map((a) => (a.details as { to: string }).to)).toEqual(['email', 'sms', 'email']);
    expect(JSON.stringify(audits)).not.toMatch(/amani@example\.com|07700/);
  });

  it('two saves at once (two of their devices) leave one choice, each audited', async () => {
    const emails = Array.from({ length: 8 }, (_, i) => `amani.${i}@example.com`);
    const before = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, ypId), eq(auditEvents.action, 'contact-preferences.update'))),
    );
    const token = await as.yp.csrf('/account/contact');
    const answers = await Promise.all(
      emails.map((email) => as.yp.post('/account/contact', { channel: 'email', email }, { csrf: token })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(emails.map(() => 303));
    const saved = await t.db.system((tx) =>
      tx.select().from(contactPreferences).where(eq(contactPreferences.personId, ypId)),
    );
    expect(saved).toHaveLength(1);
    expect(emails).toContain(saved[0].email);
    const after = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, ypId), eq(auditEvents.action, 'contact-preferences.update'))),
    );
    expect(after.length - before.length).toBe(8);
    await as.yp.post('/account/contact', { channel: 'email', email: 'amani@example.com' });
  });

  it('staff choose for their weekly digest on the same page', async () => {
    const page = await as.pa.get('/account/contact');
    expect(words(page.body)).toContain('Send me a weekly digest');
    expect(
      (await as.pa.post('/account/contact', { channel: 'email', email: 'pa.digest@example.com' })).statusCode,
    ).toBe(303);
  });
});

describe('events queue their reminder in their own transaction', () => {
  it('a rolled-back event queues nothing; a committed one queues one job', async () => {
    const before = await reminderJobs(t.db);
    await expect(
      t.db.withCouncil(rows.council.id, async (tx) => {
        await t.services.reminders.planReady(tx, rows.council.id, ypId);
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    expect(await reminderJobs(t.db)).toBe(before);
    await t.db.withCouncil(rows.council.id, (tx) => t.services.reminders.planReady(tx, rows.council.id, ypId));
    expect(await reminderJobs(t.db)).toBe(before + 1);
    await t.services.jobs.sendQueued();
  });

  it('a plan sent for signatures reminds the young person; the outbox shows what would have been sent', async () => {
    const pa = staffByLocal(rows, 'pa');
    const tm = staffByLocal(rows, 'tm');
    const { id: reviewId } = await addReview(t.db, rows, {
      youngPersonId: ypId,
      adviserId: pa.id,
      managerId: tm.id,
      stage: 'drafting',
    });
    const sentBefore = (await messagesTo(t.db, ypId)).length;
    const step = await as.pa.post(`/reviews/${reviewId}/steps/submit-for-signatures`, {});
    expect(step.statusCode).toBe(303);
    expect(await t.services.jobs.sendQueued()).toBe(1);
    const sent = await messagesTo(t.db, ypId);
    expect(sent).toHaveLength(sentBefore + 1);
    const message = sent.find((m) => m.kind === 'plan_ready' && m.createdAt >= new Date(Date.now() - 60_000))!;
    expect(message).toMatchObject({ status: 'outbox', channel: 'email', recipient: 'amani@example.com' });
    expect(message.personalisation).toMatchObject({
      name: 'Amani',
      link: 'http://localhost:3000/my-plan',
      language: 'en',
      message: 'Hello Amani. Your plan is ready for you to read and sign: http://localhost:3000/my-plan',
    });
    const [audit] = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'reminder.send'), eq(auditEvents.entityId, message.id))),
    );
    expect(audit).toMatchObject({ actorKind: 'system', youngPersonId: ypId });
    expect(audit.details).toMatchObject({ kind: 'plan_ready', channel: 'email', template: 'plan_ready/email' });
    const outbox = await as.admin.get('/admin/outbox');
    expect(outbox.statusCode).toBe(200);
    expect(words(outbox.body)).toContain('amani@example.com');
    expect(words(outbox.body)).toContain('Plan ready to read and sign');
    expect(words(outbox.body)).toContain('Not sent (demo)');
    expect((await as.pa.get('/admin/outbox')).statusCode).toBe(403);
  });

  it('nothing goes to a young person who has not chosen, or who chose none', async () => {
    await t.db.withCouncil(rows.council.id, (tx) => t.services.reminders.planReady(tx, rows.council.id, quietId));
    await t.services.jobs.sendQueued();
    expect(await messagesTo(t.db, quietId)).toHaveLength(0);
    await as.yp.post('/account/contact', { channel: 'none' });
    const before = (await messagesTo(t.db, ypId)).length;
    await t.db.withCouncil(rows.council.id, (tx) => t.services.reminders.planReady(tx, rows.council.id, ypId));
    await t.services.jobs.sendQueued();
    expect(await messagesTo(t.db, ypId)).toHaveLength(before);
    // An address kept from before does not count: "none" is none.
    await t.db.system((tx) =>
      tx
        .update(contactPreferences)
        .set({ email: 'amani@example.com', phone: '07700 900 982' })
        .where(eq(contactPreferences.personId, ypId)),
    );
    await t.db.withCouncil(rows.council.id, (tx) => t.services.reminders.planReady(tx, rows.council.id, ypId));
    await t.services.jobs.sendQueued();
    expect(await messagesTo(t.db, ypId)).toHaveLength(before);
    await as.yp.post('/account/contact', { channel: 'email', email: 'amani@example.com' });
  });

  it('nothing goes to a young person whose case is closed', async () => {
    await choose(t.db, rows.council.id, 'young_person', quietId, 'quiet@example.com');
    await t.db.system((tx) =>
      tx.update(youngPeople).set({ caseStatus: 'closed', closedOn: TODAY }).where(eq(youngPeople.id, quietId)),
    );
    await t.db.withCouncil(rows.council.id, (tx) => t.services.reminders.planReady(tx, rows.council.id, quietId));
    await t.services.jobs.sendQueued();
    expect(await messagesTo(t.db, quietId)).toHaveLength(0);
  });

  it('a help request seen reminds the young person once, however often it is marked done', async () => {
    const checkIn = await as.yp.post('/check-in', { feeling: '2', needsHelp: 'yes' });
    expect(checkIn.statusCode).toBe(303);
    const inbox = await as.pa.get('/inbox');
    const taskId = /\/inbox\/tasks\/([0-9a-f-]{36})\/done/.exec(inbox.body)![1];
    expect((await as.pa.post(`/inbox/tasks/${taskId}/done`, {})).statusCode).toBe(303);
    expect((await as.pa.post(`/inbox/tasks/${taskId}/done`, {})).statusCode).toBe(303);
    await t.services.jobs.sendQueued();
    const seen = (await messagesTo(t.db, ypId)).filter((m) => m.kind === 'help_seen');
    expect(seen).toHaveLength(1);
    expect(seen[0].personalisation).toMatchObject({ link: 'http://localhost:3000/messages' });
  });
});

describe('in the language the young person chose (issue 12 §5)', () => {
  it('the words of a reminder come in the language they chose; the outbox around them stays in English', async () => {
    const chosen = await as.yp.post('/language', { lang: 'ar', back: '/' });
    expect(chosen.statusCode).toBe(303);
    try {
      await t.db.withCouncil(rows.council.id, (tx) => t.services.reminders.planReady(tx, rows.council.id, ypId));
      await t.services.jobs.sendQueued();
      const latest = (await messagesTo(t.db, ypId)).sort((a, b) => +b.createdAt - +a.createdAt)[0];
      expect(latest.personalisation).toMatchObject({
        language: 'ar',
        message: 'مرحبًا Amani. خطتك جاهزة لتقرأها وتوقّعها: http://localhost:3000/my-plan',
      });
      const outbox = await as.admin.get('/admin/outbox');
      expect(words(outbox.body)).toContain('خطتك جاهزة لتقرأها وتوقّعها');
      expect(words(outbox.body)).toContain('Plan ready to read and sign');
    } finally {
      await as.yp.post('/language', { lang: 'en', back: '/' });
    }
  });
});

describe('the schedules', () => {
  it('each night queues a reminder for a review due in exactly 4 weeks, once however often it runs', async () => {
    // Everyone in the generated council chooses email; find one whose next review is ahead.
    const open = rows.youngPeople.filter((y) => y.caseStatus === 'open');
    for (const y of open)
      await choose(t.db, rows.council.id, 'young_person', y.id, `yp.${y.id.slice(0, 8)}@example.com`);
    const views = await t.db.withCouncil(rows.council.id, (tx) =>
      statutoryViews(
        tx,
        open.map((y) => y.id),
        TODAY,
      ),
    );
    const ahead = [...views].flatMap(([id, v]) =>
      v.due.filter((d) => d.code === 'REVIEW' && d.on > addDays(TODAY, 28)).map((d) => ({ id, on: d.on })),
    );
    expect(ahead.length).toBeGreaterThan(0);
    const target = ahead[0];
    t.clock.set(`${addDays(target.on, -28)}T06:00:00Z`);
    expect(await t.services.reminders.queueReviewsDue()).toBeGreaterThanOrEqual(1);
    expect(await t.services.reminders.queueReviewsDue()).toBe(0);
    await t.services.jobs.sendQueued();
    const [reminder] = (await messagesTo(t.db, target.id)).filter((m) => m.kind === 'review_soon');
    expect(reminder.status).toBe('outbox');
    expect((reminder.personalisation as { date: string }).date).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    // A day later the same review is not 4 weeks away: nothing more.
    t.clock.set(`${addDays(target.on, -27)}T06:00:00Z`);
    await t.services.reminders.queueReviewsDue();
    await t.services.jobs.sendQueued();
    expect((await messagesTo(t.db, target.id)).filter((m) => m.kind === 'review_soon')).toHaveLength(1);
  });

  it("each Monday queues a worker's digest of what is overdue, once a week", async () => {
    const pa = staffByLocal(rows, 'pa');
    // A help request due the next working day, still open three weeks later.
    expect((await as.yp.post('/check-in', { feeling: '1', needsHelp: 'yes' })).statusCode).toBe(303);
    t.clock.set('2026-12-14T07:00:00Z');
    expect(await t.services.reminders.queueDigests()).toBeGreaterThanOrEqual(1);
    expect(await t.services.reminders.queueDigests()).toBe(0);
    await t.services.jobs.sendQueued();
    const [digest] = (await messagesTo(t.db, pa.id)).filter((m) => m.kind === 'weekly_digest');
    expect(digest).toMatchObject({ recipient: 'pa.digest@example.com', personKind: 'staff', youngPersonId: null });
    const fill = digest.personalisation as Record<string, string>;
    expect(Number(fill.overdue)).toBe(Number(fill.help_requests) + Number(fill.replies) + Number(fill.statutory));
    expect(Number(fill.help_requests)).toBeGreaterThanOrEqual(1);
  });
});

describe('through GOV.UK Notify', () => {
  const notify = fakeNotify();
  let services: Services;
  let baseUrl = '';
  beforeAll(async () => {
    baseUrl = await notify.start();
    services = buildServices(t.db, testClock(), {
      sessionIdleMinutes: 30,
      notify: { apiKey: API_KEY, baseUrl, templates: TEMPLATES },
      publicUrl: 'https://pathway.example.gov.uk',
    });
  });
  afterAll(() => notify.stop());

  it("sends with Notify's own client: the template, the address, what fills it in, the job as reference", async () => {
    notify.received.length = 0;
    await t.db.withCouncil(rows.council.id, (tx) => services.reminders.planReady(tx, rows.council.id, ypId));
    expect(await services.jobs.sendQueued()).toBe(1);
    expect(notify.received).toHaveLength(1);
    const [request] = notify.received;
    expect(request.path).toBe('/v2/notifications/email');
    expect(request.body).toMatchObject({
      template_id: TEMPLATES['plan_ready/email'],
      email_address: 'amani@example.com',
      personalisation: { name: 'Amani', link: 'https://pathway.example.gov.uk/my-plan' },
    });
    const claims = JSON.parse(Buffer.from(request.auth.replace('Bearer ', '').split('.')[1], 'base64url').toString());
    expect(claims.iss).toBe(SERVICE_ID);
    const [message] = await t.db.system((tx) =>
      tx
        .select()
        .from(reminderMessages)
        .where(eq(reminderMessages.jobId, String(request.body.reference))),
    );
    expect(message).toMatchObject({ status: 'sent', templateId: TEMPLATES['plan_ready/email'] });
    expect(message.notifyId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a failure is recorded and audited, and the retry sends it once', async () => {
    notify.received.length = 0;
    notify.failTimes(1);
    const jobId = await t.db.withCouncil(rows.council.id, (tx) =>
      services.reminders.planReady(tx, rows.council.id, ypId),
    );
    const data = { councilId: rows.council.id, kind: 'plan_ready', personId: ypId, youngPersonId: ypId };
    await expect(services.reminders.deliver(jobId!, data)).rejects.toThrow('Notify answered 500');
    const [failed] = await t.db.system((tx) =>
      tx.select().from(reminderMessages).where(eq(reminderMessages.jobId, jobId!)),
    );
    expect(failed).toMatchObject({ status: 'failed', error: 'Notify answered 500 Exception' });
    const audited = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, failed.id), eq(auditEvents.action, 'reminder.fail'))),
    );
    expect(audited).toHaveLength(1);
    // The queue tries again: sent once; a third run (a duplicate delivery) sends nothing more.
    expect(await services.reminders.deliver(jobId!, data)).toBe('sent');
    expect(await services.reminders.deliver(jobId!, data)).toBe('nothing');
    expect(notify.received).toHaveLength(1);
  });

  it('a job whose sending was cut off is not sent again (never twice)', async () => {
    notify.received.length = 0;
    const jobId = await t.db.withCouncil(rows.council.id, (tx) =>
      services.reminders.planReady(tx, rows.council.id, ypId),
    );
    const data = { councilId: rows.council.id, kind: 'plan_ready', personId: ypId, youngPersonId: ypId };
    // As if a process claimed the job and died before hearing from Notify.
    await t.db.system((tx) =>
      tx.insert(reminderMessages).values({
        councilId: rows.council.id,
        jobId: jobId!,
        kind: 'plan_ready',
        personKind: 'young_person',
        personId: ypId,
        youngPersonId: ypId,
        channel: 'email',
        recipient: 'amani@example.com',
        personalisation: {},
        status: 'sending',
      }),
    );
    expect(await services.reminders.deliver(jobId!, data)).toBe('nothing');
    // Not on the queue's next try either.
    expect(await services.reminders.deliver(jobId!, data)).toBe('nothing');
    expect(notify.received).toHaveLength(0);
    const [row] = await t.db.system((tx) =>
      tx.select().from(reminderMessages).where(eq(reminderMessages.jobId, jobId!)),
    );
    expect(row.status).toBe('interrupted');
  });

  it('the same job delivered by two workers at once is sent once (the claim, not only the queue)', async () => {
    notify.received.length = 0;
    const jobId = await t.db.withCouncil(rows.council.id, (tx) =>
      services.reminders.planReady(tx, rows.council.id, ypId),
    );
    const data = { councilId: rows.council.id, kind: 'plan_ready', personId: ypId, youngPersonId: ypId };
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => services.reminders.deliver(jobId!, data)));
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'nothing')).toHaveLength(5);
    expect(notify.received).toHaveLength(1);
  });

  it('the queue works its jobs by itself once started', async () => {
    notify.received.length = 0;
    await services.jobs.start({ error: () => {}, info: () => {} }, { pollingIntervalSeconds: 0.5 });
    try {
      await t.db.withCouncil(rows.council.id, (tx) => services.reminders.planReady(tx, rows.council.id, ypId));
      const deadline = Date.now() + 15_000;
      while (notify.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(notify.received).toHaveLength(1);
    } finally {
      await services.jobs.stop();
    }
  });

  it.runIf(testDriver() === 'postgres')(
    'two processes working one PostgreSQL database send each job exactly once',
    async () => {
      notify.received.length = 0;
      // Two more processes' worth of database connections, each with its own queue workers.
      const workers = await Promise.all([testDatabase({ poolSize: 4 }), testDatabase({ poolSize: 4 })]);
      const config = { apiKey: API_KEY, baseUrl, templates: TEMPLATES };
      const each = workers.map((db) =>
        buildServices(db, testClock(), { sessionIdleMinutes: 30, notify: config, publicUrl: 'https://p.example' }),
      );
      const jobIds: string[] = [];
      await t.db.withCouncil(rows.council.id, async (tx) => {
        for (let i = 0; i < 30; i++) jobIds.push((await services.reminders.planReady(tx, rows.council.id, ypId))!);
      });
      try {
        await Promise.all(
          each.map((s) => s.jobs.start({ error: () => {}, info: () => {} }, { pollingIntervalSeconds: 0.5 })),
        );
        const deadline = Date.now() + 30_000;
        while (notify.received.length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        await new Promise((r) => setTimeout(r, 1_500));
      } finally {
        await Promise.all(each.map((s) => s.jobs.stop()));
        await Promise.all(workers.map((db) => db.close()));
      }
      // Only this test's jobs: the shared database may hold other runs' jobs, which these workers also work.
      const references = notify.received.map((r) => String(r.body.reference)).filter((r) => jobIds.includes(r));
      expect(references).toHaveLength(30);
      expect(new Set(references)).toEqual(new Set(jobIds));
      const sent = await t.db.system((tx) =>
        tx.select().from(reminderMessages).where(inArray(reminderMessages.jobId, jobIds)),
      );
      expect(sent.filter((m) => m.status === 'sent')).toHaveLength(30);
    },
    60_000,
  );
});
