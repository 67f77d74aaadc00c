// Issue 10, part 4: the worker marks a case-file audit's follow-up action done, as a quality action is
// (migration 007): once, recording when and by whom, never undone. The worker it is for or a manager may
// mark it; anyone else is refused and the refusal audited. Two people marking it at once: one marks it,
// the other is told it already was (the row is locked first). Runs on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { auditFollowUps, auditRoundItems, auditSubmissions } from '../../src/data/audit-schema.ts';
import { auditEvents } from '../../src/data/schema.ts';
import { AUDIT_ITEM_IDS } from '../../src/domain/audit/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { dbErrorOf } from '../support/db-error.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
let sm: Agent;
let tm: Agent;
let worker: Agent;
let colleague: Agent;
let itemId = '';
let youngPersonId = '';
let workerId = '';

const allMet = () => Object.fromEntries(AUDIT_ITEM_IDS.map((id) => [`answer-${id}`, 'met']));
const followUps = (n: number, label: string) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      [`followUp${i + 1}Text`, `${label} action ${i + 1}`],
      [`followUp${i + 1}Due-day`, '10'],
      [`followUp${i + 1}Due-month`, '12'],
      [`followUp${i + 1}Due-year`, '2026'],
    ]).flat(),
  );

/** The follow-up actions of the plan's latest audit, in order. */
async function latestFollowUps() {
  const subs = await t.db.system((tx) =>
    tx.select().from(auditSubmissions).where(eq(auditSubmissions.roundItemId, itemId)),
  );
  const latest = subs.sort((a, b) => +b.submittedAt - +a.submittedAt)[0];
  return t.db.system((tx) =>
    tx.select().from(auditFollowUps).where(eq(auditFollowUps.submissionId, latest.id)).orderBy(auditFollowUps.position),
  );
}
const followUpById = async (id: string) =>
  (await t.db.system((tx) => tx.select().from(auditFollowUps).where(eq(auditFollowUps.id, id))))[0];
const marksOf = (id: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'audit-follow-up.done'))),
  );

/** The team manager records an audit of the plan with n follow-up actions for the worker. */
async function audit(n: number, label: string) {
  // The test clock stands still: a second later each time, so the latest audit is the one just recorded.
  t.clock.advance(1000);
  await tm.get(`/audits/items/${itemId}`);
  const saved = await tm.post(`/audits/items/${itemId}`, {
    ...allMet(),
    grade: 'requires_improvement',
    ...followUps(n, label),
  });
  expect(saved.statusCode).toBe(303);
  return latestFollowUps();
}

const homeList = async (agent: Agent) =>
  /data-audit-follow-ups>([\s\S]*?)<\/div>/.exec((await agent.get('/')).body)?.[1] ?? '';

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
  sm = new Agent(t.app, '10.72.0.1');
  await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
  tm = new Agent(t.app, '10.72.0.2');
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);

  // A sample of the team manager's team; a plan of a young person still in the team, whose personal
  // adviser (or social worker) is active and has a colleague in the team who may read the record too.
  const teamId = staffByLocal(rows, 'tm').teamId!;
  await sm.get('/audits/draw');
  const drawn = await sm.post('/audits/draw', {
    teamId,
    category: '',
    size: '100',
    seed: '12',
    'from-day': '23',
    'from-month': '11',
    'from-year': '2024',
    'to-day': TODAY.slice(8),
    'to-month': TODAY.slice(5, 7),
    'to-year': TODAY.slice(0, 4),
  });
  expect(drawn.statusCode).toBe(303);
  const roundId = String(drawn.headers.location).split('?')[0].split('/').pop()!;
  const items = await t.db.system((tx) =>
    tx.select().from(auditRoundItems).where(eq(auditRoundItems.roundId, roundId)).orderBy(auditRoundItems.position),
  );
  const active = rows.staff.filter((s) => s.active !== false);
  const workerOf = (y: CouncilRows['youngPeople'][number]) => (y.personalAdviserId ?? y.socialWorkerId) as string;
  const item = items.find((i) => {
    const y = rows.youngPeople.find((p) => p.id === i.youngPersonId)!;
    const w = active.find((s) => s.id === workerOf(y));
    return (
      y.teamId === teamId &&
      w !== undefined &&
      active.some((s) => s.role === w.role && s.teamId === teamId && s.id !== w.id)
    );
  })!;
  expect(item).toBeDefined();
  itemId = item.id;
  youngPersonId = item.youngPersonId;
  const workerRow = active.find((s) => s.id === workerOf(rows.youngPeople.find((p) => p.id === youngPersonId)!))!;
  workerId = workerRow.id;
  const colleagueRow = active.find((s) => s.role === workerRow.role && s.teamId === teamId && s.id !== workerId)!;
  await sm.get(`/audits/rounds/${roundId}`);
  expect(
    (await sm.post(`/audits/rounds/${roundId}/auditors`, { [`auditor-${itemId}`]: staffByLocal(rows, 'tm').id }))
      .statusCode,
  ).toBe(303);
  worker = new Agent(t.app, '10.72.0.3');
  await worker.signIn(workerRow.email, PASSWORD);
  colleague = new Agent(t.app, '10.72.0.4');
  await colleague.signIn(colleagueRow.email, PASSWORD);
}, 60_000);
afterAll(() => t.close());

describe('marking a follow-up action done (issue 10 §4)', () => {
  it('the worker marks one done from the home page: when and by whom recorded, audited, gone from the list', async () => {
    const [first, second] = await audit(2, 'Home');
    expect(first.workerId).toBe(workerId);
    const before = await homeList(worker);
    expect(before).toContain(`action="/audit-follow-ups/${first.id}/done"`);
    expect(words(before)).toContain('Mark done : Home action 1');

    const response = await worker.post(`/audit-follow-ups/${first.id}/done`, {}, { csrf: await worker.csrf('/') });
    expect(response.statusCode).toBe(303);
    expect(words((await worker.get(String(response.headers.location))).body)).toContain('Follow-up action marked done');
    const row = await followUpById(first.id);
    expect(row.doneBy).toBe(workerId);
    expect(row.doneAt?.toISOString()).toBe(t.clock.now().toISOString());
    const marks = await marksOf(first.id);
    expect(marks).toHaveLength(1);
    expect(marks[0]).toMatchObject({ actorId: workerId, youngPersonId, outcome: 'allowed' });
    expect(marks[0].details).toMatchObject({ already: false });

    const after = await homeList(worker);
    expect(after).not.toContain(first.id);
    expect(after).toContain(second.id);
  });

  it('marking it again changes nothing and says it already was', async () => {
    const [action] = await audit(1, 'Again');
    const token = await worker.csrf('/');
    await worker.post(`/audit-follow-ups/${action.id}/done`, {}, { csrf: token });
    const first = await followUpById(action.id);
    t.clock.advance(60_000);
    const again = await worker.post(`/audit-follow-ups/${action.id}/done`, {}, { csrf: token });
    expect(again.statusCode).toBe(303);
    expect(words((await worker.get(String(again.headers.location))).body)).toContain(
      'That follow-up action was already marked done',
    );
    expect(await followUpById(action.id)).toEqual(first);
  });

  it('a colleague who may read the record is refused, and the refusal audited; the team manager may mark it', async () => {
    const [action] = await audit(1, 'Colleague');
    const requestId = `follow-up-refusal-${Date.now()}`;
    const refused = await colleague.post(
      `/audit-follow-ups/${action.id}/done`,
      {},
      { csrf: await colleague.csrf('/'), headers: { 'x-request-id': requestId } },
    );
    expect(refused.statusCode).toBe(403);
    expect((await followUpById(action.id)).doneAt).toBeNull();
    const denied = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.outcome, 'denied'))),
    );
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ action: 'audit-follow-up.done', entityId: action.id, youngPersonId });

    const byManager = await tm.post(`/audit-follow-ups/${action.id}/done`, {}, { csrf: await tm.csrf('/') });
    expect(byManager.statusCode).toBe(303);
    expect((await followUpById(action.id)).doneBy).toBe(staffByLocal(rows, 'tm').id);
  });

  it('an unknown action is refused with 403, not a 500', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (await worker.post(`/audit-follow-ups/${unknown}/done`, {}, { csrf: await worker.csrf('/') })).statusCode,
    ).toBe(403);
  });

  it('without the CSRF token it is refused and nothing is marked', async () => {
    const [action] = await audit(1, 'Nocsrf');
    expect((await worker.post(`/audit-follow-ups/${action.id}/done`, {}, { csrf: false })).statusCode).toBe(403);
    expect((await followUpById(action.id)).doneAt).toBeNull();
  });

  it('the worker and the manager marking the same actions at the same moment: one marks each, the other is told it already was', async () => {
    // Two audits of three actions each: six actions, each marked by both at once, all together.
    await audit(3, 'Race A');
    const actions = await audit(3, 'Race B');
    const all = [...actions];
    const subs = await t.db.system((tx) =>
      tx.select().from(auditSubmissions).where(eq(auditSubmissions.roundItemId, itemId)),
    );
    const earlier = await t.db.system((tx) =>
      tx
        .select()
        .from(auditFollowUps)
        .where(
          and(
            inArray(
              auditFollowUps.submissionId,
              subs.map((s) => s.id),
            ),
            sql`${auditFollowUps.text} like 'Race A%'`,
          ),
        ),
    );
    all.push(...earlier);
    expect(all).toHaveLength(6);
    const [workerToken, tmToken] = [await worker.csrf('/'), await tm.csrf('/')];
    const answers = await Promise.all(
      all.flatMap((a) => [
        worker.post(`/audit-follow-ups/${a.id}/done`, {}, { csrf: workerToken }),
        tm.post(`/audit-follow-ups/${a.id}/done`, {}, { csrf: tmToken }),
      ]),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(answers.map(() => 303));
    for (const a of all) {
      const marks = await marksOf(a.id);
      expect(marks.map((r) => (r.details as { already: boolean }).already).sort()).toEqual([false, true]);
      const row = await followUpById(a.id);
      expect(row.doneBy).toBe(marks.find((r) => !(r.details as { already: boolean }).already)!.actorId);
    }
  });

  it('the database keeps it: a done action cannot be undone or changed, an action cannot be deleted or reworded', async () => {
    const attempt = (statement: ReturnType<typeof sql>) =>
      dbErrorOf(t.db.withCouncil(rows.council.id, (tx) => tx.execute(statement)));
    expect(
      await attempt(
        sql`UPDATE audit_follow_ups SET done_at = NULL, done_by = NULL WHERE young_person_id = ${youngPersonId} AND done_at IS NOT NULL`,
      ),
    ).toMatch(/already done cannot be changed/);
    expect(
      await attempt(sql`UPDATE audit_follow_ups SET text = 'other' WHERE young_person_id = ${youngPersonId}`),
    ).toMatch(/permission denied/);
    expect(await attempt(sql`DELETE FROM audit_follow_ups WHERE young_person_id = ${youngPersonId}`)).toMatch(
      /permission denied|cannot be changed/,
    );
  });
});
