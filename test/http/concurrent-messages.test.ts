// Replies sent at the same moment in one thread (issue 12 §2: nothing lost). Each message numbers itself
// by locking its thread, so every reply is kept, numbered once, and counted as unread exactly once.
// PGlite runs one transaction at a time, so the race only shows on PostgreSQL; the test runs on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messages, messageThreads } from '../../src/data/companion-schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import {
  buildCouncil,
  buildTestApp,
  PASSWORD,
  signInFor,
  staffByLocal,
  testDatabase,
  type TestApp,
} from '../support/app.ts';
import { addYoungPerson, addYoungPersonAccount } from '../support/factories.ts';

const EACH = 8;
let t: TestApp;
let rows: CouncilRows;
let yp: Agent;
let pa: Agent;
let threadId = '';

beforeAll(async () => {
  t = await buildTestApp(await testDatabase({ poolSize: 10 }));
  rows = await buildCouncil(t.db, { youngPeople: 6 });
  const adviser = staffByLocal(rows, 'pa');
  const person = await addYoungPerson(t.db, rows, {
    personalAdviserId: adviser.id,
    teamId: adviser.teamId!,
    dateOfBirth: '2006-05-10',
    episodes: [{ start: '2020-01-01', end: '2024-05-10' }],
  });
  await addYoungPersonAccount(t.db, rows, person.id, `race.${rows.council.slug}`);
  yp = new Agent(t.app, '10.42.0.1');
  await yp.signIn(`race.${rows.council.slug}`, PASSWORD);
  pa = new Agent(t.app, '10.42.0.2');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  await yp.get('/messages/new');
  const started = await yp.post('/messages/new', { to: adviser.id, subject: 'Race', body: 'First' });
  threadId = /\/messages\/([0-9a-f-]{36})/.exec(String(started.headers.location))![1];
}, 60_000);
afterAll(() => t.close());

describe('replies at the same moment', () => {
  it(`${EACH} from each side at once: all kept, numbered 1 to ${2 * EACH + 1} once each`, async () => {
    const ypCsrf = await yp.csrf('/');
    const paCsrf = await pa.csrf('/');
    const sends = Array.from({ length: EACH }, (_, i) => [
      yp.post(`/messages/${threadId}`, { body: `young person ${i}` }, { csrf: ypCsrf }),
      pa.post(`/messages/${threadId}`, { body: `adviser ${i}` }, { csrf: paCsrf }),
    ]).flat();
    const responses = await Promise.all(sends);
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 303));
    const kept = await t.db.system((tx) => tx.select().from(messages).where(eq(messages.threadId, threadId)));
    expect(kept).toHaveLength(2 * EACH + 1);
    expect(kept.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 2 * EACH + 1 }, (_, i) => i + 1));
    const [thread] = await t.db.system((tx) => tx.select().from(messageThreads).where(eq(messageThreads.id, threadId)));
    expect(thread.messageCount).toBe(2 * EACH + 1);
    // The adviser has read their own replies, not the young person's: as many unread as the young person sent since.
    const lastOwn = Math.max(...kept.filter((m) => m.authorKind === 'staff').map((m) => m.seq));
    const unread = kept.filter((m) => m.authorKind === 'young_person' && m.seq > lastOwn).length;
    const page = await pa.get('/messages');
    expect(page.body).toContain(`data-unread="${thread.messageCount - thread.staffReadSeq}"`);
    expect(thread.messageCount - thread.staffReadSeq).toBe(unread);
  });
});
