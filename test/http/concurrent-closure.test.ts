// Two managers closing or reopening a case at the same moment, and a worker writing to it while it is
// closed (issue 11 §3): one closure or reopening is saved and the other refused as a conflict; a write
// racing a closure is either saved before it or refused after it, never a 500. PGlite runs one
// transaction at a time, so the race only shows on PostgreSQL; the test runs on both.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseClosures, contacts, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';

const ROUNDS = 6;
let t: TestApp;
let rows: CouncilRows;
let tm: Agent;
let sm: Agent;
let pa: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 10 });
  [tm, sm, pa] = ['tm', 'sm', 'pa'].map((_, i) => new Agent(t.app, `10.42.0.${i + 1}`));
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
  await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
}, 60_000);
afterAll(() => t.close());

const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
const on = (day: number) => ({ 'on-day': String(day), 'on-month': '11', 'on-year': '2026' });

/** Opens a page (for its version and token) as a person would, then returns a save to send later. */
async function prepare(agent: Agent, page: string, form: Record<string, string>) {
  const opened = await agent.get(page);
  expect(opened.statusCode).toBe(200);
  const csrf = await agent.csrf();
  const version = versionOn(opened.body);
  return () => agent.post(page, { ...form, version }, { csrf });
}
const newCase = () =>
  addYoungPerson(t.db, rows, {
    dateOfBirth: '2004-03-01',
    personalAdviserId: staffByLocal(rows, 'pa').id,
    teamId: staffByLocal(rows, 'tm').teamId!,
    episodes: [{ start: '2019-01-01', end: '2022-03-01' }],
  });
const changes = (id: string) =>
  t.db.system((tx) => tx.select().from(caseClosures).where(eq(caseClosures.youngPersonId, id)));
const status = async (id: string) =>
  (await t.db.system((tx) => tx.select().from(youngPeople).where(eq(youngPeople.id, id))))[0].caseStatus;

describe('at the same moment', () => {
  it(`two managers close, then two reopen, ${ROUNDS} rounds: one of each is saved, the other told`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const yp = await newCase();
      const closes = [
        await prepare(tm, `/young-people/${yp.id}/close`, { reason: 'died', details: '', ...on(10) }),
        await prepare(sm, `/young-people/${yp.id}/close`, { reason: 'transferred', details: '', ...on(11) }),
      ];
      const closed = await Promise.all(closes.map((send) => send()));
      expect(closed.map((r) => r.statusCode).sort()).toEqual([303, 409]);
      expect((await changes(yp.id)).map((c) => c.kind)).toEqual(['close']);
      expect(await status(yp.id)).toBe('closed');

      const reopens = [
        await prepare(tm, `/young-people/${yp.id}/reopen`, { details: 'Back in touch', ...on(12) }),
        await prepare(sm, `/young-people/${yp.id}/reopen`, { details: 'Asked for help', ...on(13) }),
      ];
      const reopened = await Promise.all(reopens.map((send) => send()));
      expect(reopened.map((r) => r.statusCode).sort()).toEqual([303, 409]);
      expect((await changes(yp.id)).map((c) => c.kind).sort()).toEqual(['close', 'reopen']);
      expect(await status(yp.id)).toBe('open');
    }
  });

  it(`a manager closes while the adviser records a contact, ${ROUNDS} rounds: the contact is saved first or refused`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const yp = await newCase();
      const close = await prepare(tm, `/young-people/${yp.id}/close`, { reason: 'died', details: '', ...on(10) });
      await pa.get(`/young-people/${yp.id}/contacts/new`);
      const csrf = await pa.csrf();
      const contact = () =>
        pa.post(
          `/young-people/${yp.id}/contacts/new`,
          {
            'contactOn-day': '20',
            'contactOn-month': '11',
            'contactOn-year': '2026',
            method: 'phone',
            seenAlone: 'not_applicable',
            place: '',
            othersPresent: '',
            discussed: 'Talked about college',
          },
          { csrf },
        );
      const [closed, recorded] = await Promise.all([close(), contact()]);
      expect(closed.statusCode).toBe(303);
      expect([303, 409]).toContain(recorded.statusCode);
      const saved = await t.db.system((tx) => tx.select().from(contacts).where(eq(contacts.youngPersonId, yp.id)));
      expect(saved.length).toBe(recorded.statusCode === 303 ? 1 : 0);
      expect(await status(yp.id)).toBe('closed');
    }
  });
});
