// Issue 10, part 4: dip sampling and case-file audits. A service manager draws a random sample of
// approved plans (a team, a period, a category); the draw is reproducible from the recorded seed; the
// sample is assigned to auditors, who answer the checklist with Pathway's evidence beside it, grade the
// plan and set follow-up actions; a summary by round and team. Refusals are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditAnswers, auditRoundItems, auditRounds, auditSubmissions } from '../../src/data/audit-schema.ts';
import { auditEvents, teams, youngPersonAccounts } from '../../src/data/schema.ts';
import { AUDIT_ITEM_IDS } from '../../src/domain/audit/index.ts';
import { formatDate } from '../../src/domain/plan/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
let sm: Agent;
let tm: Agent;
let iro: Agent;
let pa: Agent;

const FROM = { 'from-day': '23', 'from-month': '11', 'from-year': '2024' };
const TO = { 'to-day': TODAY.slice(8), 'to-month': TODAY.slice(5, 7), 'to-year': TODAY.slice(0, 4) };
const draw = (over: Record<string, string> = {}) => ({
  teamId: '',
  category: '',
  size: '5',
  seed: '',
  ...FROM,
  ...TO,
  ...over,
});

/** The oracle: from the generated rows, the latest plan of each unrestricted young person approved in the period. */
function expectedPopulation(from: string, to: string) {
  const restricted = new Set(rows.youngPeople.filter((y) => y.restricted).map((y) => y.id));
  const latest = new Map<string, number>();
  for (const v of rows.planVersions) {
    const on = String(v.approvedOn);
    if (on < from || on > to || restricted.has(v.youngPersonId)) continue;
    latest.set(v.youngPersonId, Math.max(v.version, latest.get(v.youngPersonId) ?? 0));
  }
  return new Set([...latest].map(([id, version]) => `${id}:${version}`));
}

/** Draws a sample and gives the round's address and the plan version ids listed, in the order drawn. */
async function drawn(agent: Agent, form: Record<string, string>) {
  const response = await agent.post('/audits/draw', form);
  expect(response.statusCode).toBe(303);
  const url = String(response.headers.location).split('?')[0];
  const page = await agent.get(url);
  expect(page.statusCode).toBe(200);
  return {
    url,
    roundId: url.split('/').pop()!,
    ids: [...page.body.matchAll(/data-plan-version-id="([^"]+)"/g)].map((m) => m[1]),
    page,
  };
}

const itemsOf = (roundId: string) =>
  t.db.system((tx) =>
    tx.select().from(auditRoundItems).where(eq(auditRoundItems.roundId, roundId)).orderBy(auditRoundItems.position),
  );
const deniedRows = (requestId: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.requestId, requestId), eq(auditEvents.outcome, 'denied'))),
  );

const allMet = () => Object.fromEntries(AUDIT_ITEM_IDS.map((id) => [`answer-${id}`, 'met']));

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
  sm = new Agent(t.app, '10.71.0.1');
  await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
  tm = new Agent(t.app, '10.71.0.2');
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
  iro = new Agent(t.app, '10.71.0.3');
  await iro.signIn(signInFor(rows, 'iro'), PASSWORD);
  pa = new Agent(t.app, '10.71.0.4');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
}, 60_000);
afterAll(() => t.close());

describe('drawing a sample (issue 10 §4: the draw is reproducible, the seed is recorded)', () => {
  const from = '2024-11-23';
  it('the generated council has enough approved plans in the period to sample from', () => {
    expect(expectedPopulation(from, TODAY).size).toBeGreaterThan(8);
  });

  it('draws N plans from the plans in scope, one per young person, and records the seed and the population', async () => {
    const population = expectedPopulation(from, TODAY);
    const { ids, roundId, page } = await drawn(sm, draw({ seed: '424242' }));
    expect(ids).toHaveLength(5);
    const items = await itemsOf(roundId);
    expect(items.map((i) => i.planVersionId)).toEqual(ids);
    expect(new Set(items.map((i) => i.youngPersonId)).size).toBe(5);
    for (const i of items) expect(population).toContain(`${i.youngPersonId}:${i.planVersion}`);
    const [round] = await t.db.system((tx) => tx.select().from(auditRounds).where(eq(auditRounds.id, roundId)));
    expect(round).toMatchObject({
      seed: 424242,
      size: 5,
      population: population.size,
      drawnBy: staffByLocal(rows, 'sm').id,
    });
    expect(round.filters).toEqual({ teamId: null, from, to: TODAY, category: null });
    expect(page.body).toMatch(/data-seed>424242</);
    const [audit] = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'audit-round.draw'), eq(auditEvents.entityId, roundId))),
    );
    expect(audit.details).toMatchObject({ seed: 424242, planVersionIds: ids });
  });

  it('the same seed draws the same plans in the same order; another seed draws others', async () => {
    const first = await drawn(sm, draw({ seed: '77' }));
    const again = await drawn(sm, draw({ seed: '77' }));
    expect(again.ids).toEqual(first.ids);
    expect(again.roundId).not.toBe(first.roundId);
    const other = await drawn(sm, draw({ seed: '78' }));
    expect(other.ids).not.toEqual(first.ids);
  });

  it('without a seed, picks one and records it, so the draw can be made again', async () => {
    const first = await drawn(sm, draw());
    const seed = /data-seed>(\d+)</.exec(first.page.body)![1];
    const again = await drawn(sm, draw({ seed }));
    expect(again.ids).toEqual(first.ids);
  });

  it('a team: only plans approved while the case was in that team; asking for more than there are gives them all', async () => {
    const team = rows.teams[0];
    const { roundId, page } = await drawn(sm, draw({ teamId: team.id, size: '100' }));
    expect(words(page.body)).toContain(`Team ${team.name}`);
    const items = await itemsOf(roundId);
    expect(items.every((i) => i.teamId === team.id)).toBe(true);
    const [round] = await t.db.system((tx) => tx.select().from(auditRounds).where(eq(auditRounds.id, roundId)));
    expect(items).toHaveLength(round.population);
  });

  it('bad input: the error summary, each field’s message, and what was typed kept', async () => {
    const response = await sm.post(
      '/audits/draw',
      draw({ size: '0', seed: 'abc', 'from-month': '13', category: 'RELEVANT' }),
    );
    expect(response.statusCode).toBe(400);
    const text = words(response.body);
    expect(response.body).toMatch(/<title>Error: /);
    expect(text).toContain('There is a problem');
    expect(text).toContain('How many plans must be a whole number from 1 to 100');
    expect(text).toContain('The seed must be a whole number from 0 to 4294967295, or left empty');
    expect(text).toContain('The first day of the period must be a real date');
    expect(response.body).toContain('href="#from-day"');
    expect(response.body).toMatch(/name="seed"[^>]*value="abc"/);
    expect(response.body).toMatch(/name="from-month"[^>]*value="13"/);
    expect(response.body).toMatch(/<option value="RELEVANT" selected>/);
  });
});

describe('who may do what', () => {
  let n = 0;
  it.each<[string, 'GET' | 'POST', string]>([
    ['pa', 'GET', '/audits'],
    ['pa', 'GET', '/audits/summary'],
    ['pa', 'POST', '/audits/draw'],
    ['tm', 'GET', '/audits/draw'],
    ['iro', 'POST', '/audits/draw'],
  ])('%s %s %s is refused with 403, and the refusal audited', async (who, method, url) => {
    const agent = { pa, tm, iro }[who]!;
    const requestId = `audits-refusal-${++n}-${Date.now()}`;
    const headers = { 'x-request-id': requestId };
    const response = method === 'GET' ? await agent.get(url, headers) : await agent.post(url, draw(), { headers });
    expect(response.statusCode).toBe(403);
    const denied = await deniedRows(requestId);
    expect(denied).toHaveLength(1);
    expect(denied[0].actorId).toBe(staffByLocal(rows, who as 'pa').id);
  });

  it('a draw without the form’s CSRF token is refused and draws nothing', async () => {
    const before = await t.db.system((tx) => tx.select().from(auditRounds));
    const response = await sm.post('/audits/draw', draw({ seed: '1' }), { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(await t.db.system((tx) => tx.select().from(auditRounds))).toHaveLength(before.length);
  });

  it('the worker’s menu has no audits; the managers’ has', async () => {
    expect((await pa.get('/')).body).not.toContain('href="/audits"');
    expect((await tm.get('/')).body).toContain('href="/audits"');
  });

  it('only the assigned auditor may open or submit an item, and a refusal is audited', async () => {
    const { roundId } = await drawn(sm, draw({ seed: '5', size: '2' }));
    const [item] = await itemsOf(roundId);
    const requestId = `audits-item-${Date.now()}`;
    const refused = await tm.get(`/audits/items/${item.id}`, { 'x-request-id': requestId });
    expect(refused.statusCode).toBe(403);
    const [row] = await deniedRows(requestId);
    expect(row).toMatchObject({ action: 'audit-item.form', youngPersonId: item.youngPersonId, entityId: item.id });
    const posted = await tm.post(`/audits/items/${item.id}`, { ...allMet(), grade: 'good' });
    expect(posted.statusCode).toBe(403);
    expect(
      await t.db.system((tx) => tx.select().from(auditSubmissions).where(eq(auditSubmissions.roundItemId, item.id))),
    ).toEqual([]);
  });
});

describe('an audit submitted and shown in the summary', () => {
  let roundId = '';
  let itemId = '';
  let teamName = '';
  let worker: Agent | null = null;
  /** Signed in as the young person's personal adviser (or social worker): the follow-ups are theirs. */
  async function workerAgent() {
    if (worker) return worker;
    const [item] = (await itemsOf(roundId)).filter((i) => i.id === itemId);
    const yp = rows.youngPeople.find((y) => y.id === item.youngPersonId)!;
    const staffRow = rows.staff.find((s) => s.id === (yp.personalAdviserId ?? yp.socialWorkerId))!;
    worker = new Agent(t.app, '10.71.0.8');
    await worker.signIn(staffRow.email, PASSWORD);
    return worker;
  }
  beforeAll(async () => {
    // The team manager audits a plan of a young person now in their team (one whose record they may read).
    const teamId = staffByLocal(rows, 'tm').teamId!;
    ({ roundId } = await drawn(sm, draw({ teamId, seed: '20261123', size: '100' })));
    const items = await itemsOf(roundId);
    // …and who has an active worker to whom the follow-ups go.
    const active = new Set(rows.staff.filter((s) => s.active !== false).map((s) => s.id));
    const nowInTeam = new Set(
      rows.youngPeople
        .filter((y) => y.teamId === teamId && active.has((y.personalAdviserId ?? y.socialWorkerId) as string))
        .map((y) => y.id),
    );
    const item = items.find((i) => nowInTeam.has(i.youngPersonId))!;
    expect(item).toBeDefined();
    itemId = item.id;
    const [team] = await t.db.system((tx) => tx.select().from(teams).where(eq(teams.id, item.teamId!)));
    teamName = team.name;
    const assigned = await sm.post(`/audits/rounds/${roundId}/auditors`, {
      [`auditor-${item.id}`]: staffByLocal(rows, 'tm').id,
    });
    expect(assigned.statusCode).toBe(303);
  });

  it('offers as auditors only managers who may read the record; anyone else is refused with the error summary', async () => {
    const page = await sm.get(`/audits/rounds/${roundId}`);
    const select = new RegExp(`<select[^>]*name="auditor-${itemId}"[\\s\\S]*?</select>`).exec(page.body)![0];
    expect(select).toContain(staffByLocal(rows, 'tm').id);
    expect(select).not.toContain(staffByLocal(rows, 'pa').id);
    const refused = await sm.post(`/audits/rounds/${roundId}/auditors`, {
      [`auditor-${itemId}`]: staffByLocal(rows, 'pa').id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toMatch(/<title>Error: /);
    expect(words(refused.body)).toContain('who may read the young person’s record');
    const [item] = (await itemsOf(roundId)).filter((i) => i.id === itemId);
    expect(item.auditorId).toBe(staffByLocal(rows, 'tm').id);
  });

  it('the auditor sees the checklist with Pathway’s evidence beside each item, nothing chosen for them', async () => {
    const form = await tm.get(`/audits/items/${itemId}`);
    expect(form.statusCode).toBe(200);
    expect(form.body.match(/data-evidence/g)).toHaveLength(AUDIT_ITEM_IDS.length);
    expect(words(form.body)).toContain('Was the plan reviewed within 6 months of the one before?');
    expect(form.body).not.toMatch(/name="answer-[^"]+"[^>]*checked/);
    // The evidence is read from the young person's records: the oracle is the generated council's rows.
    const [item] = (await itemsOf(roundId)).filter((i) => i.id === itemId);
    const approvedOn = String(
      rows.planVersions.find((v) => v.youngPersonId === item.youngPersonId && v.version === item.planVersion)!
        .approvedOn,
    );
    const before = rows.statutoryRecords
      .filter((r) => r.youngPersonId === item.youngPersonId && ['pathway_plan', 'review'].includes(r.kind))
      .map((r) => String(r.completedOn))
      .filter((d) => d < approvedOn)
      .sort()
      .at(-1);
    const evidence = (n: number) => words(new RegExp(`question ${n}"[\\s\\S]*?</aside>`).exec(form.body)?.[0] ?? '');
    if (before) expect(evidence(9)).toContain(`completed on ${formatDate(before)}`);
    else expect(evidence(9)).toContain('first plan');
    const hasAccount = rows.accounts.some((a) => a.youngPersonId === item.youngPersonId);
    expect(evidence(10)).toContain(hasAccount ? 'They have a Pathway account' : 'They have no Pathway account');
    if (!hasAccount) {
      // Once they have an account of their own, they can read the plan: the evidence says so.
      await t.db.system((tx) =>
        tx.insert(youngPersonAccounts).values({
          councilId: rows.council.id,
          youngPersonId: item.youngPersonId,
          username: `audit.${item.youngPersonId.slice(0, 8)}`,
          passwordHash: 'x',
        }),
      );
      const again = await tm.get(`/audits/items/${itemId}`);
      expect(words(/question 10"[\s\S]*?<\/aside>/.exec(again.body)?.[0] ?? '')).toContain(
        'They have a Pathway account',
      );
    }
  });

  it('bad input: the error summary, and every answer, note and date typed kept', async () => {
    const response = await tm.post(`/audits/items/${itemId}`, {
      ...allMet(),
      'answer-money': 'not_met',
      'note-health': 'Kept note about health',
      'answer-contingency': '',
      grade: 'inadequate',
      'followUp1Due-day': '31',
      'followUp1Due-month': '2',
      'followUp1Due-year': '2027',
    });
    expect(response.statusCode).toBe(400);
    const text = words(response.body);
    expect(response.body).toMatch(/<title>Error: /);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Select an answer for question 3');
    expect(text).toContain('Enter a note saying what is missing for question 4');
    expect(text).toContain('Enter follow-up action 1');
    expect(text).toContain('must be a real date');
    expect(response.body).toContain('Kept note about health');
    expect(response.body).toMatch(
      /name="answer-money"[^>]*value="not_met"[^>]*checked|value="not_met"[^>]*name="answer-money"[^>]*checked/,
    );
    expect(response.body).toMatch(/value="inadequate"[^>]*checked/);
    expect(response.body).toMatch(/name="followUp1Due-day"[^>]*value="31"/);
  });

  it('records the audit and the summary counts it under its round and team', async () => {
    const saved = await tm.post(`/audits/items/${itemId}`, {
      ...allMet(),
      'answer-money': 'not_met',
      'note-money': 'No weekly amounts',
      'answer-plan-started-before-16': 'not_applicable',
      grade: 'requires_improvement',
      followUp1Text: 'Write the weekly amounts into the plan',
      'followUp1Due-day': '10',
      'followUp1Due-month': '12',
      'followUp1Due-year': '2026',
    });
    expect(saved.statusCode).toBe(303);
    const round = await sm.get(`/audits/rounds/${roundId}`);
    expect(words(round.body)).toContain('Requires improvement to be good');
    const history = words((await tm.get(`/audits/items/${itemId}`)).body.split('app-audit-history')[1] ?? '');
    expect(history).toContain('Write the weekly amounts into the plan (due 10 December 2026)');
    // The young person's worker sees the follow-up on their home page.
    const home = await (await workerAgent()).get('/');
    const list = words(/data-audit-follow-ups>([\s\S]*?)<\/div>/.exec(home.body)?.[1] ?? '');
    expect(list).toContain('Write the weekly amounts into the plan 10 December 2026');
    const summary = await sm.get('/audits/summary');
    expect(summary.statusCode).toBe(200);
    const table = summary.body.split('<section').find((c) => c.includes(`data-round="${roundId}"`))!;
    expect(table).toContain(teamName);
    const row = /<tr class="govuk-table__row">\s*<(?:th|td)[^>]*>([^<]*)<\/(?:th|td)>([\s\S]*?)<\/tr>/g;
    const cells = [...table.matchAll(row)].map((m) => [
      m[1].trim(),
      ...[...m[2].matchAll(/>(\d+)</g)].map((x) => Number(x[1])),
    ]);
    const mine = cells.find((c) => c[0] === teamName)!;
    // Team, sampled, audited, outstanding, good, requires improvement, inadequate, not met, partly met.
    expect(mine.slice(2)).toEqual([1, 0, 0, 1, 0, 1, 0]);
    const items = words(summary.body.split('app-summary-items')[1] ?? '');
    expect(items).toContain('Does the plan say what financial support there is and who is responsible for what?');
    const [audit] = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'audit-item.submit'), eq(auditEvents.entityId, itemId))),
    );
    expect(audit.details).toMatchObject({ grade: 'requires_improvement', not_met: 1, not_applicable: 1, met: 10 });
  });

  it('a second audit of the same plan is kept beside the first; the latest is the one shown', async () => {
    t.clock.advance(60_000);
    const saved = await tm.post(`/audits/items/${itemId}`, { ...allMet(), grade: 'good' });
    expect(saved.statusCode).toBe(303);
    const kept = await t.db.system((tx) =>
      tx.select().from(auditSubmissions).where(eq(auditSubmissions.roundItemId, itemId)),
    );
    expect(kept.map((k) => k.grade).sort()).toEqual(['good', 'requires_improvement']);
    // The later audit set no follow-up: the earlier one's is no longer the worker's to do.
    expect((await (await workerAgent()).get('/')).body).not.toContain('data-audit-follow-ups');
    const round = await sm.get(`/audits/rounds/${roundId}`);
    const line = round.body
      .split('data-plan-version-id')
      .find((r) => r.includes(`/audits/items/${itemId}`) || r.includes(`auditor-${itemId}`))!;
    expect(words(line)).toContain('Good');
    expect(words(line)).not.toContain('Requires improvement');
  });
});

describe('two audits of the same plan submitted at the same moment', () => {
  it('both are kept whole as history, and the round page and the summary show the same latest one', async () => {
    const teamId = staffByLocal(rows, 'tm').teamId!;
    const { roundId } = await drawn(sm, draw({ teamId, seed: '31337', size: '100' }));
    const nowInTeam = new Set(rows.youngPeople.filter((y) => y.teamId === teamId).map((y) => y.id));
    const item = (await itemsOf(roundId)).find((i) => nowInTeam.has(i.youngPersonId))!;
    expect(
      (await sm.post(`/audits/rounds/${roundId}/auditors`, { [`auditor-${item.id}`]: staffByLocal(rows, 'tm').id }))
        .statusCode,
    ).toBe(303);
    // The same auditor in two sessions (two tabs or two devices), sending different grades together.
    const second = new Agent(t.app, '10.71.0.9');
    await second.signIn(signInFor(rows, 'tm'), PASSWORD);
    const url = `/audits/items/${item.id}`;
    const [tokenA, tokenB] = [await tm.csrf(url), await second.csrf(url)];
    const answers = await Promise.all([
      tm.post(url, { ...allMet(), grade: 'outstanding' }, { csrf: tokenA }),
      second.post(
        url,
        {
          ...allMet(),
          'answer-money': 'partly',
          'note-money': 'x',
          grade: 'inadequate',
          followUp1Text: 'Do it',
          'followUp1Due-day': '1',
          'followUp1Due-month': '12',
          'followUp1Due-year': '2026',
        },
        { csrf: tokenB },
      ),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([303, 303]);
    const kept = await t.db.system((tx) =>
      tx.select().from(auditSubmissions).where(eq(auditSubmissions.roundItemId, item.id)),
    );
    expect(kept.map((k) => k.grade).sort()).toEqual(['inadequate', 'outstanding']);
    for (const k of kept) {
      const answered = await t.db.system((tx) =>
        tx.select().from(auditAnswers).where(eq(auditAnswers.submissionId, k.id)),
      );
      expect(answered).toHaveLength(AUDIT_ITEM_IDS.length);
    }
    // The latest: the later time, then the greater id (the order the pages use).
    const latest = [...kept].sort(
      (a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || (b.id > a.id ? 1 : -1),
    )[0];
    const names = { outstanding: 'Outstanding', inadequate: 'Inadequate' } as Record<string, string>;
    const page = await sm.get(`/audits/rounds/${roundId}`);
    const line = page.body.split('data-plan-version-id').find((r) => r.includes(`auditor-${item.id}`))!;
    expect(words(line)).toContain(names[latest.grade]);
    const summary = await sm.get('/audits/summary');
    const table = summary.body.split('<section').find((c) => c.includes(`data-round="${roundId}"`))!;
    const cells = [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1].matchAll(/>(\d+)</g)].map((x) => Number(x[1])),
    );
    const audited = cells.find((c) => c[1] === 1)!;
    // Sampled, audited, outstanding, good, requires improvement, inadequate.
    expect(audited.slice(1, 6)).toEqual(latest.grade === 'outstanding' ? [1, 1, 0, 0, 0] : [1, 0, 0, 0, 1]);
  });
});
