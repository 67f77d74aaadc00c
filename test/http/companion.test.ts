// The young person's companion (issue 12 §1, §2): checking in, "I need help" as a task due the next
// working day, what to do when not safe, messages with their worker (only its two people may read a
// thread: anyone else gets 404 and the refusal is audited), unread counts, and the staff inbox per role.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { checkIns, messages, messageThreads, staffTasks } from '../../src/data/companion-schema.ts';
import { auditEvents, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPerson, addYoungPersonAccount } from '../support/factories.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
let otherRows: CouncilRows;
const as: Record<string, Agent> = {};
let ypId = '';
let otherYpId = '';

const MONDAY_10AM = `${TODAY}T10:00:00Z`;
const checkIn = (over: Record<string, string> = {}) => ({
  feeling: '2',
  words: 'Rent is late',
  topics: 'money',
  ...over,
});
const threadIdOf = (location: unknown) => /\/messages\/([0-9a-f-]{36})/.exec(String(location))![1];

beforeAll(async () => {
  // Days pass in these tests (a Friday, Christmas): sessions stay open across them.
  t = await buildTestApp(undefined, { sessionIdleMinutes: 60 * 24 * 60 }, { logger: { level: 'error' } });
  rows = await buildCouncil(t.db, { youngPeople: 12 });
  otherRows = await buildCouncil(t.db, { youngPeople: 6 });
  const pa = staffByLocal(rows, 'pa');
  const person = { personalAdviserId: pa.id, teamId: pa.teamId!, dateOfBirth: '2006-05-10' };
  ypId = (await addYoungPerson(t.db, rows, { ...person, episodes: [{ start: '2020-01-01', end: '2024-05-10' }] })).id;
  otherYpId = (await addYoungPerson(t.db, rows, { ...person, episodes: [{ start: '2020-01-01', end: '2024-05-10' }] }))
    .id;
  await addYoungPersonAccount(t.db, rows, ypId, `comp1.${rows.council.slug}`);
  await addYoungPersonAccount(t.db, rows, otherYpId, `comp2.${rows.council.slug}`);
  as.yp = new Agent(t.app, '10.41.0.1');
  await as.yp.signIn(`comp1.${rows.council.slug}`, PASSWORD);
  as.otherYp = new Agent(t.app, '10.41.0.2');
  await as.otherYp.signIn(`comp2.${rows.council.slug}`, PASSWORD);
  for (const [i, who] of (['pa', 'tm', 'sw', 'iro', 'admin'] as const).entries()) {
    as[who] = new Agent(t.app, `10.41.1.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
  as.otherPa = new Agent(t.app, '10.41.2.1');
  await as.otherPa.signIn(signInFor(otherRows, 'pa'), PASSWORD);
}, 90_000);
afterAll(() => t.close());
beforeEach(() => t.clock.set(MONDAY_10AM));

const tasksOf = (id: string) =>
  t.db.system((tx) => tx.select().from(staffTasks).where(eq(staffTasks.youngPersonId, id)));

describe('checking in', () => {
  it('is on their home, with the five points in words and pictures, topics and asking for help', async () => {
    const home = await as.yp.get('/');
    expect(home.statusCode).toBe(200);
    const page = words(home.body);
    for (const w of ['How are things?', 'Really good', 'OK', 'Really bad', 'Somewhere to live', 'I need help'])
      expect(page).toContain(w);
    // The pictures are faces drawn in the page, one per point, not emoji (boxes without an emoji font).
    for (const f of [1, 2, 3, 4, 5])
      expect(home.body).toMatch(new RegExp(`<svg class="app-feeling-face" data-feeling="${f}"`));
    expect(home.body).not.toMatch(/[\u{1F600}-\u{1F64F}]/u);
    expect(home.body).toMatch(/name="feeling"[^>]*value="5"/);
  });

  it('shows an error next to the scale when nothing is chosen, and keeps the words', async () => {
    await as.yp.get('/check-in');
    const before = await t.db.system((tx) => tx.select().from(checkIns).where(eq(checkIns.youngPersonId, ypId)));
    const res = await as.yp.post('/check-in', { words: 'kept words', topics: 'money' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#feeling"');
    expect(words(res.body)).toContain('Choose how things are');
    expect(res.body).toContain('kept words');
    expect(res.body).toContain('<title>Error:');
    const bad = await as.yp.post('/check-in', { feeling: '9', topics: 'gambling' });
    expect(bad.statusCode).toBe(400);
    expect(words(bad.body)).toContain('Choose from the list');
    const after = await t.db.system((tx) => tx.select().from(checkIns).where(eq(checkIns.youngPersonId, ypId)));
    expect(after).toHaveLength(before.length);
  });

  it('records the check-in with its audit row, and shows their trend as a picture and a table', async () => {
    await as.yp.get('/');
    const res = await as.yp.post('/check-in', checkIn({ feeling: '4', topics: 'health' }));
    expect(res.statusCode).toBe(303);
    const audit = await auditRowsOf(t.db, res);
    expect(audit.map((a) => a.action)).toEqual(['check-in.record']);
    expect(audit[0]).toMatchObject({ outcome: 'allowed', youngPersonId: ypId });
    const trend = await as.yp.get(String(res.headers.location));
    expect(trend.body).toContain('role="img"');
    expect(trend.body).toContain('<circle');
    const page = words(trend.body);
    expect(page).toContain('Thank you for checking in.');
    expect(page).toMatch(/Good 4 Health/);
    expect((await auditRowsOf(t.db, trend)).map((a) => a.action)).toEqual(['check-in.list']);
  });

  it('shows the check-ins on the record to staff who may see it, audited; not to those who may not', async () => {
    const res = await as.pa.get(`/young-people/${ypId}/check-ins`);
    expect(res.statusCode).toBe(200);
    expect(words(res.body)).toContain('Rent is late');
    expect((await auditRowsOf(t.db, res)).map((a) => a.action)).toContain('check-in.list');
    const other = await as.otherPa.get(`/young-people/${ypId}/check-ins`);
    expect(other.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, other)).some((a) => a.outcome === 'denied')).toBe(true);
  });
});

describe('"I need help"', () => {
  it.each([
    ['a Friday', '2026-11-27T15:00:00Z', '2026-11-30'],
    ['the day before Christmas (Friday) and Boxing Day moved to Monday', '2026-12-24T11:00:00Z', '2026-12-29'],
  ])('on %s makes a task for their personal adviser due the next working day', async (_, now, due) => {
    t.clock.set(now);
    const before = (await tasksOf(ypId)).length;
    await as.yp.get('/check-in');
    const res = await as.yp.post('/check-in', checkIn({ needsHelp: 'yes' }));
    expect(res.statusCode).toBe(303);
    const tasks = await tasksOf(ypId);
    expect(tasks).toHaveLength(before + 1);
    const task = tasks.find((x) => x.dueOn === due)!;
    expect(task).toMatchObject({ kind: 'help_request', assignedTo: staffByLocal(rows, 'pa').id, doneAt: null });
    const audit = await auditRowsOf(t.db, res);
    expect(audit[0].details).toMatchObject({ needsHelp: true, taskId: task.id, dueOn: due });
    const page = words((await as.yp.get(String(res.headers.location))).body);
    expect(page).toContain('We have told your personal adviser');
  });

  it("is in the adviser's inbox with its due date, and marking it done is audited", async () => {
    const inbox = await as.pa.get('/inbox');
    expect(inbox.statusCode).toBe(200);
    const page = words(inbox.body);
    expect(page).toContain('Asked for help');
    expect(page).toContain('29 December 2026');
    const task = (await tasksOf(ypId)).find((x) => x.dueOn === '2026-12-29')!;
    const done = await as.pa.post(`/inbox/tasks/${task.id}/done`, {});
    expect(done.statusCode).toBe(303);
    expect((await auditRowsOf(t.db, done)).map((a) => a.action)).toEqual(['task.done']);
    expect((await tasksOf(ypId)).find((x) => x.id === task.id)!.doneAt).not.toBeNull();
    // Another council's worker cannot touch it: not found, audited.
    const refused = await as.otherPa.post(`/inbox/tasks/${task.id}/done`, {}, { csrf: await as.otherPa.csrf('/') });
    expect(refused.statusCode).toBe(404);
    expect((await auditRowsOf(t.db, refused)).map((a) => a.outcome)).toEqual(['denied']);
  });

  it("shows the team manager their team's overdue help requests", async () => {
    t.clock.set('2026-12-02T10:00:00Z');
    const page = words((await as.tm.get('/inbox')).body);
    expect(page).toContain('Your team: overdue or not assigned');
    expect(page).toMatch(/asked for help\. Due by 30 November 2026/);
  });
});

describe('not feeling safe', () => {
  it('shows at once what to do now, with the out-of-hours number an administrator sets', async () => {
    await as.admin.get('/admin/contact-settings');
    const bad = await as.admin.post('/admin/contact-settings', {
      outOfHoursPhone: 'ring us',
      officeOpens: '17:00',
      officeCloses: '09:00',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#outOfHoursPhone"');
    expect(bad.body).toContain('href="#officeCloses"');
    const saved = await as.admin.post('/admin/contact-settings', {
      outOfHoursPhone: '0300 555 0199',
      officeOpens: '09:00',
      officeCloses: '17:00',
    });
    expect(saved.statusCode).toBe(303);
    expect((await auditRowsOf(t.db, saved)).map((a) => a.action)).toEqual(['contact-settings.update']);
    expect((await as.pa.get('/admin/contact-settings')).statusCode).toBe(403);

    await as.yp.get('/');
    const res = await as.yp.post('/check-in', checkIn({ feeling: '1', notSafe: 'yes' }));
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toMatch(/^\/not-safe\?/);
    const page = words((await as.yp.get(String(res.headers.location))).body);
    expect(page).toContain('call 999');
    expect(page).toContain('116 123');
    expect(page).toContain('0300 555 0199');
    expect(page).toContain('We have told your personal adviser');
  });
});

describe('messages', () => {
  let threadId = '';

  it('a young person writes to their adviser; the adviser sees it unread, in their inbox', async () => {
    await as.yp.get('/messages/new');
    const empty = await as.yp.post('/messages/new', { to: '', subject: '', body: '' });
    expect(empty.statusCode).toBe(400);
    expect(words(empty.body)).toContain('Write your message');
    const res = await as.yp.post('/messages/new', {
      to: staffByLocal(rows, 'pa').id,
      subject: 'Rent',
      body: 'Can we talk about my rent?',
    });
    expect(res.statusCode).toBe(303);
    threadId = threadIdOf(res.headers.location);
    expect((await auditRowsOf(t.db, res)).map((a) => a.action)).toEqual(['message.send']);
    const list = await as.pa.get('/messages');
    expect(list.body).toContain('data-unread="1"');
    expect(words(list.body)).toContain('1 new message');
    expect(words((await as.pa.get('/')).body)).toContain('(1 new message)');
    const inbox = words((await as.pa.get('/inbox')).body);
    expect(inbox).toContain('Message (1 new)');
    expect(inbox).toContain('24 November 2026');
  });

  it('reading marks it read; a reply is unread for the young person; nothing can be deleted', async () => {
    const view = await as.pa.get(`/messages/${threadId}`);
    expect(words(view.body)).toContain('Can we talk about my rent?');
    expect((await auditRowsOf(t.db, view)).map((a) => a.action)).toEqual(['message-thread.view']);
    expect((await as.pa.get('/messages')).body).toContain('data-unread="0"');
    const empty = await as.pa.post(`/messages/${threadId}`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#body"');
    const reply = await as.pa.post(`/messages/${threadId}`, { body: 'Yes, I will call you at 2pm.' });
    expect(reply.statusCode).toBe(303);
    expect((await auditRowsOf(t.db, reply)).map((a) => a.action)).toEqual(['message.send']);
    expect((await as.yp.get('/')).body).toContain('data-unread="1"');
    const thread = words((await as.yp.get(`/messages/${threadId}`)).body);
    expect(thread).toContain('Yes, I will call you at 2pm.');
    expect((await as.yp.get('/messages')).body).toContain('data-unread="0"');
    // The reply answered it: no longer waiting in the adviser's inbox.
    expect(words((await as.pa.get('/inbox')).body)).not.toContain('Rent');
    await expect(t.db.system((tx) => tx.delete(messages).where(eq(messages.threadId, threadId)))).rejects.toThrow();
  });

  it('another young person, another worker or another council gets 404, and the refusal is audited', async () => {
    for (const who of ['otherYp', 'tm', 'otherPa'] as const) {
      const res = await as[who].get(`/messages/${threadId}`);
      expect(res.statusCode, who).toBe(404);
      const audit = await auditRowsOf(t.db, res);
      expect(
        audit.map((a) => [a.action, a.outcome]),
        who,
      ).toEqual([['message-thread.view', 'denied']]);
      expect(words(res.body)).not.toContain('rent');
      const post = await as[who].post(`/messages/${threadId}`, { body: 'sneaky' }, { csrf: await as[who].csrf('/') });
      expect(post.statusCode, who).toBe(404);
      expect((await auditRowsOf(t.db, post)).map((a) => a.outcome)).toEqual(['denied']);
    }
    const count = await t.db.system((tx) => tx.select().from(messages).where(eq(messages.threadId, threadId)));
    expect(count).toHaveLength(2);
    // An IRO has no messages at all.
    expect((await as.iro.get('/messages')).statusCode).toBe(403);
  });

  it('outside office hours, the young person is told when their message will be read', async () => {
    t.clock.set('2026-11-23T19:30:00Z');
    const page = words((await as.yp.get(`/messages/${threadId}`)).body);
    expect(page).toContain('The office is closed now');
    expect(page).toContain('09:00 to 17:00');
    t.clock.set(MONDAY_10AM);
    expect(words((await as.yp.get(`/messages/${threadId}`)).body)).not.toContain('The office is closed now');
  });

  it('a worker may write only to a young person allocated to them', async () => {
    await as.pa.get(`/young-people/${ypId}/messages/new`);
    const ok = await as.pa.post(`/young-people/${ypId}/messages/new`, {
      subject: 'Hello',
      body: 'How did college go?',
    });
    expect(ok.statusCode).toBe(303);
    await as.sw.get('/');
    const refused = await as.sw.post(`/young-people/${ypId}/messages/new`, { subject: 'Hi', body: 'Hello' });
    expect(refused.statusCode).toBe(403);
    const denied = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'message-thread.start'), eq(auditEvents.outcome, 'denied'))),
    );
    expect(denied.some((a) => a.actorId === staffByLocal(rows, 'sw').id)).toBe(true);
  });

  it("shows the team manager their team's overdue replies", async () => {
    await as.yp.get('/messages/new');
    await as.yp.post('/messages/new', { to: staffByLocal(rows, 'pa').id, subject: 'Bus pass', body: 'Lost it' });
    t.clock.set('2026-11-26T10:00:00Z');
    const page = words((await as.tm.get('/inbox')).body);
    expect(page).toMatch(/is waiting for a reply from .+\. Due by 24 November 2026/);
  });
});

describe('the inbox per role', () => {
  it('is for workers and managers only', async () => {
    expect((await as.pa.get('/inbox')).statusCode).toBe(200);
    expect((await as.tm.get('/inbox')).statusCode).toBe(200);
    expect((await as.admin.get('/inbox')).statusCode).toBe(403);
    expect((await as.iro.get('/inbox')).statusCode).toBe(403);
    expect((await as.yp.get('/inbox')).statusCode).toBe(403);
  });

  it('a help request from a young person without an adviser goes to the team manager', async () => {
    await t.db.system((tx) =>
      tx.update(youngPeople).set({ personalAdviserId: null }).where(eq(youngPeople.id, otherYpId)),
    );
    await as.otherYp.get('/');
    await as.otherYp.post('/check-in', checkIn({ needsHelp: 'yes' }));
    const [task] = await tasksOf(otherYpId);
    expect(task.assignedTo).toBeNull();
    expect(words((await as.tm.get('/inbox')).body)).toContain('They have no personal adviser.');
  });
});

describe('a closed case (issue 11 §3: its record is read-only)', () => {
  it('refuses a check-in, a reply and a new message with the case-closed message, audited; reading still works', async () => {
    const close = (status: 'open' | 'closed') =>
      t.db.system((tx) =>
        tx
          .update(youngPeople)
          .set(
            status === 'closed'
              ? { caseStatus: status, closedOn: '2026-11-20', closureReason: 'moved_council' }
              : { caseStatus: status, closedOn: null, closureReason: null },
          )
          .where(eq(youngPeople.id, ypId)),
      );
    const threads = await t.db.system((tx) =>
      tx.select().from(messageThreads).where(eq(messageThreads.youngPersonId, ypId)),
    );
    await as.yp.get('/');
    await as.pa.get('/');
    await close('closed');
    try {
      const writes = [
        await as.yp.post('/check-in', checkIn()),
        await as.pa.post(`/messages/${threads[0].id}`, { body: 'After closing' }),
        await as.pa.post(`/young-people/${ypId}/messages/new`, { subject: 'x', body: 'y' }),
      ];
      for (const res of writes) {
        expect(res.statusCode).toBe(409);
        expect(words(res.body)).toContain('This case is closed. Nothing was changed');
        expect((await auditRowsOf(t.db, res)).map((a) => a.outcome)).toEqual(['denied']);
      }
      expect((await as.pa.get(`/messages/${threads[0].id}`)).statusCode).toBe(200);
    } finally {
      await close('open');
    }
  });
});
