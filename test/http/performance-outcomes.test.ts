// Outcomes at 19 to 21 on /performance (issue 10 §1f): contacts, activity and accommodation recorded
// through the pages count around the birthday; each number lists its young people; CSV and XLSX;
// per role. Oracles from the rules: in touch = a contact from 3 months before to 1 month after the
// birthday; the period = birthdays in the 12 months ending one month before the as-at date.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/data/schema.ts';
import { addMonths } from '../../src/domain/statutory/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<string, Agent> = {};
// X: 19 on 10 Jun 2026, a contact on 1 May (inside 10 Mar–10 Jul), at college and in their own flat.
// Y: 19 on 10 Jul 2026, a contact on 1 Mar only (outside 10 Apr–10 Aug), not in EET, homeless.
let x = '';
let y = '';

const dateForm = (name: string, iso: string) => ({
  [`${name}-day`]: String(Number(iso.slice(8))),
  [`${name}-month`]: String(Number(iso.slice(5, 7))),
  [`${name}-year`]: iso.slice(0, 4),
});

async function record(who: Agent, id: string, path: string, form: Record<string, string>) {
  await who.get(`/young-people/${id}/${path}`);
  const r = await who.post(`/young-people/${id}/${path}`, form);
  expect(r.statusCode).toBe(303);
}

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
  for (const [i, who] of (['pa', 'tm', 'iro', 'sm'] as const).entries()) {
    as[who] = new Agent(t.app, `10.32.0.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
  const pa = staffByLocal(rows, 'pa');
  const careLeaver = (dateOfBirth: string, eighteenth: string, familyName: string) =>
    addYoungPerson(t.db, rows, {
      personalAdviserId: pa.id,
      teamId: pa.teamId!,
      dateOfBirth,
      familyName,
      episodes: [{ start: '2019-01-01', end: eighteenth }],
    });
  x = (await careLeaver('2007-06-10', '2025-06-10', 'Outcomex')).id;
  y = (await careLeaver('2007-07-10', '2025-07-10', 'Outcomey')).id;
  const contact = (on: string) => ({
    ...dateForm('contactOn', on),
    method: 'phone',
    seenAlone: 'not_applicable',
    discussed: 'Checking in around the birthday',
  });
  await record(as.pa, x, 'contacts/new', contact('2026-05-01'));
  await record(as.pa, y, 'contacts/new', contact('2026-03-01'));
  const change = (kind: string, on: string, code: string, suitable = '') => ({
    kind,
    ...dateForm(kind === 'activity' ? 'activityOn' : 'accommodationOn', on),
    [kind === 'activity' ? 'activityCode' : 'accommodationCode']: code,
    suitable,
  });
  await record(as.pa, x, 'activity-and-accommodation', change('activity', '2025-09-01', 'F2'));
  await record(as.pa, x, 'activity-and-accommodation', change('accommodation', '2026-06-10', 'U', 'yes'));
  await record(as.pa, y, 'activity-and-accommodation', change('activity', '2025-09-01', 'G5'));
  await record(as.pa, y, 'activity-and-accommodation', change('accommodation', '2026-01-01', 'S', 'no'));
}, 120_000);
afterAll(() => t.close());

const listUrl = (part: string, age: string, asAt = TODAY) =>
  `/performance/people?asAt=${asAt}&measure=outcomes&part=${part}&age=${age}`;
const listed = async (who: Agent, part: string, age: string, asAt = TODAY) => {
  const r = await who.get(listUrl(part, age, asAt));
  expect(r.statusCode).toBe(200);
  return {
    ids: new Set([...r.body.matchAll(/href="\/young-people\/([0-9a-f-]{36})"/g)].map((m) => m[1])),
    total: Number(/(\d+) young (?:person|people)\./.exec(r.body)?.[1]),
  };
};

describe('outcomes at 19 to 21 on the performance page', () => {
  it('shows the section with the national figures beside, saying no in-touch figure is published', async () => {
    const r = await as.sm.get(`/performance?asAt=${TODAY}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Outcomes at 19 to 21');
    expect(r.body).toMatch(/England, 19 to 21 \(2025\)[\s\S]*?Not published[\s\S]*?54%[\s\S]*?89%/);
    expect(r.body).toContain(`href="/performance/outcomes.csv?asAt=${TODAY}"`);
  });

  it.each([
    ['careLeavers', true, true],
    ['inTouch', true, false],
    ['inEet', true, false],
    ['inSuitableAccommodation', true, false],
  ])('%s at the 19th birthday: X %s, Y %s', async (part, hasX, hasY) => {
    for (const age of ['19', 'all']) {
      const { ids } = await listed(as.sm, part, age);
      expect(ids.has(x)).toBe(hasX);
      expect(ids.has(y)).toBe(hasY);
    }
    expect((await listed(as.sm, part, '20')).ids.has(x)).toBe(false);
  });

  it('the as-at date applies: on 15 Jun 2026 the period ends on 15 May, before X’s birthday', async () => {
    const asAt = '2026-06-15';
    expect(addMonths(asAt, -1)).toBe('2026-05-15');
    expect((await listed(as.sm, 'careLeavers', 'all', asAt)).ids.has(x)).toBe(false);
    // On 10 Jul 2026 the period ends on 10 Jun: X's birthday is its last day.
    expect((await listed(as.sm, 'careLeavers', 'all', '2026-07-10')).ids.has(x)).toBe(true);
    expect((await listed(as.sm, 'careLeavers', 'all', '2026-07-09')).ids.has(x)).toBe(false);
  });

  it('the CSV and XLSX give the same counts as the lists, named with the council and date, audited', async () => {
    const r = await as.sm.get(`/performance/outcomes.csv?asAt=${TODAY}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${rows.council.slug}-outcomes-${TODAY}.csv"`);
    const [header, ...lines] = r.body
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(header).toEqual([
      'age',
      'birthdays_after',
      'birthdays_to',
      'care_leavers',
      'in_touch',
      'percent_in_touch',
      'in_eet',
      'percent_in_eet',
      'in_suitable_accommodation',
      'percent_in_suitable_accommodation',
    ]);
    expect(lines.map((l) => l[0])).toEqual(['19', '20', '21', 'All']);
    const all = lines[3];
    expect(all.slice(1, 3)).toEqual([addMonths(TODAY, -13), addMonths(TODAY, -1)]);
    expect(Number(all[3])).toBe((await listed(as.sm, 'careLeavers', 'all')).total);
    expect(Number(all[4])).toBe((await listed(as.sm, 'inTouch', 'all')).total);
    expect(Number(all[6])).toBe((await listed(as.sm, 'inEet', 'all')).total);
    expect(Number(all[8])).toBe((await listed(as.sm, 'inSuitableAccommodation', 'all')).total);
    expect(Number(all[5])).toBeCloseTo((100 * Number(all[4])) / Number(all[3]), 1);
    const audit = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.requestId, String(r.headers['x-request-id'])),
            eq(auditEvents.action, 'performance.download'),
          ),
        ),
    );
    expect(audit[0].details).toMatchObject({ measure: 'outcomes', format: 'csv', asAt: TODAY });
    const xlsx = await as.sm.get(`/performance/outcomes.xlsx?asAt=${TODAY}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('the team manager sees their own team (X is in it); the IRO sees the council', async () => {
    expect(staffByLocal(rows, 'tm').teamId).toBe(staffByLocal(rows, 'pa').teamId);
    expect((await listed(as.tm, 'inTouch', 'all')).ids.has(x)).toBe(true);
    expect((await listed(as.iro, 'careLeavers', 'all')).total).toBe((await listed(as.sm, 'careLeavers', 'all')).total);
  });

  it('a personal adviser may not see the figures: refused', async () => {
    for (const url of ['/performance', listUrl('inTouch', 'all'), `/performance/outcomes.csv?asAt=${TODAY}`])
      expect((await as.pa.get(url)).statusCode).toBe(403);
  });

  it('a list that names no number on the page is not found', async () => {
    expect((await as.sm.get(listUrl('inTouch', '22'))).statusCode).toBe(404);
    expect((await as.sm.get(listUrl('nothing', 'all'))).statusCode).toBe(404);
  });
});
