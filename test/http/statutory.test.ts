// The law built in: statuses and due dates on the pages, and what moves the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { auditEvents, dateOfBirthHistory, staff, youngPeople } from '../../src/data/schema.ts';
import { generateCouncil, type CouncilRows } from '../../src/seed/generator.ts';
import { insertCouncil } from '../../src/seed/seeder.ts';
import { Agent } from '../support/agent.ts';
import { buildTestApp, passwordHash, PASSWORD, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let demo: CouncilRows;
const as: Record<string, Agent> = {};
const login = (who: string) => `${who}@${demo.council.slug}.test`;
const staffOf = (who: string) => demo.staff.find((s) => s.email === login(who))!;

beforeAll(async () => {
  t = await buildTestApp();
  const slug = `s${randomBytes(3).toString('hex')}`;
  // The demo council's own generator and seed (index 0), as of the fixed test day.
  demo = generateCouncil({
    index: 0,
    slug,
    name: 'Spot check council',
    youngPeople: 615,
    today: TODAY,
    staffPasswordHash: await passwordHash(),
    youngPersonPasswordHash: await passwordHash(),
    emailDomain: `${slug}.test`,
  });
  await insertCouncil(t.db, demo);
  for (const who of ['pa', 'tm', 'sm', 'admin']) {
    as[who] = new Agent(t.app, `10.6.0.${Object.keys(as).length + 1}`);
    await as[who].signIn(login(who), PASSWORD);
  }
}, 120_000);
afterAll(() => t.close());

/** Text of a page without tags, so assertions read like what a person sees. */

/** The young people in a list page's table: record id, status and what is due, as shown. */
function listRows(html: string): { id: string; status: string; due: string }[] {
  const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map(([row]) => {
    const cell = (label: string) =>
      words(new RegExp(`data-label="${label}"[^>]*>([\\s\\S]*?)</t[dh]>`).exec(row)?.[1] ?? '').trim();
    const id = /href="\/young-people\/([0-9a-f-]{36})"/.exec(row)?.[1] ?? '';
    return { id, status: cell('Status'), due: cell('What is due') };
  });
}

describe('ten young people from the demo council, checked by hand (as of 23 Nov 2026)', () => {
  // Each row was worked out by hand from the person's date of birth, care episodes and recorded work,
  // using the rules of reference §2 (CPPCR reg 40 and 42, Care Leavers Regs reg 7, CA 1989 s23A, s23C, s23CZB).
  it.each([
    // 15¾ on 19 Sep 2026 and no assessment yet: planning should have started (statutory guidance vol 3).
    [
      0,
      'Looked after, under 16',
      'Looked after: expected to become eligible on 19 Dec 2026',
      'Start pathway planning',
      '19 September 2026',
      'Overdue',
    ],
    // Assessed at 15¾; the first plan is due 3 months after they turn 16 on 12 Feb 2027 (CPPCR reg 42, 43).
    [
      5,
      'Looked after, under 16',
      'expected to become eligible on 12 Feb 2027',
      'First pathway plan',
      '12 May 2027',
      'On track',
    ],
    // Eligible on their 16th birthday; plan agreed 28 Oct 2026, so reviewed by 28 Apr 2027 (Care Leavers Regs reg 7).
    [30, 'Eligible', 'Eligible since 21 Jul 2026', 'Pathway plan review', '28 April 2027', 'On track'],
    // Came into care at 15, 13 weeks complete on 4 Mar 2025; turns 18 before the next review (18 Mar 2027).
    [
      130,
      'Eligible',
      'Eligible since 4 Mar 2025',
      'Turns 18: becomes a former relevant care leaver',
      '1 February 2027',
      'On track',
    ],
    [200, 'Eligible', 'Eligible since 9 Sep 2025', 'Pathway plan review', '6 April 2027', 'On track'],
    // Care ended on their 18th birthday: s23C(1)(b). Last review 14 Jul 2026.
    [
      260,
      'Former relevant',
      'Former relevant since 1 Sep 2026: looked after and eligible when they turned 18',
      'Pathway plan review',
      '14 January 2027',
      'On track',
    ],
    // Came into care at 16: eligible once 91 days were done (27 Mar 2024).
    [330, 'Former relevant', 'Former relevant since 25 Dec 2025', 'Pathway plan review', '23 January 2027', 'On track'],
    [420, 'Former relevant', 'Former relevant since 5 Nov 2025', 'Pathway plan review', '18 February 2027', 'On track'],
    // Turns 21 on 5 Dec 2026, before the next review (21 May 2027): the 21+ offer comes first (s23C(6), s23CZB).
    [
      500,
      'Former relevant',
      'core support to 5 Dec 2026',
      'Offer support from 21 to 25',
      '5 December 2026',
      'Due soon',
    ],
    // Aged 21, said no to support after 21 before turning 21: core support ended on their 21st birthday
    // (s23C(6)), so the case was due to close then and is still open (issue 11 §3: one closure rule).
    [600, 'Former relevant, 21 to 25', 'until 11 Mar 2030', 'Close the case', '11 March 2026', 'Overdue'],
  ])('young person %i', async (index, category, why, nextWhat, nextOn, urgency) => {
    const yp = demo.youngPeople[index];
    const page = words((await as.sm.get(`/young-people/${yp.id}`)).body);
    expect(page).toContain(`Status ${category} Why`);
    expect(page).toContain(why);
    const firstDue = page.slice(page.indexOf('What is due'), page.indexOf('Timeline'));
    expect(firstDue).toMatch(new RegExp(`${urgency} ${nextWhat} ${nextOn}`));
  });
});

describe('caseload and team pages', () => {
  it('list status, next statutory date and what is due, most urgent first, with text tags', async () => {
    const whole = words((await as.tm.get('/team')).body);
    expect(whole).toContain('Next statutory date');
    const page = whole.slice(whole.indexOf('Next statutory date'));
    const tags = [...page.matchAll(/(Overdue|Due soon|On track|Nothing due) (?=[A-Z])/g)].map((m) => m[1]);
    expect(tags.length).toBeGreaterThan(10);
    // Overdue first, then the rest; never an overdue after something on track.
    const firstOnTrack = tags.indexOf('On track');
    expect(tags.slice(firstOnTrack).includes('Overdue')).toBe(false);
    expect(tags[0]).toBe('Overdue');
  });

  it('filter by status, urgency and worker', async () => {
    // Each filter shows some young people (a filter that shows nobody would pass any check of its rows),
    // and every one shown matches it; the unfiltered list has others.
    const all = listRows((await as.tm.get('/team')).body);
    const formerRelevant = listRows((await as.tm.get('/team?category=FORMER_RELEVANT')).body);
    expect(formerRelevant.length).toBeGreaterThan(0);
    expect(formerRelevant.filter((r) => r.status !== 'Former relevant')).toEqual([]);
    expect(all.some((r) => r.status !== 'Former relevant')).toBe(true);
    const overdue = listRows((await as.tm.get('/team?urgency=overdue')).body);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.filter((r) => !r.due.startsWith('Overdue '))).toEqual([]);
    expect(all.some((r) => !r.due.startsWith('Overdue '))).toBe(true);
    const pa = staffOf('pa');
    const byWorker = listRows((await as.tm.get(`/team?worker=${pa.id}`)).body);
    const everyone = await t.db.system((tx) =>
      tx.select().from(youngPeople).where(eq(youngPeople.councilId, demo.council.id)),
    );
    const allocated = new Set(
      everyone.filter((y) => y.personalAdviserId === pa.id || y.socialWorkerId === pa.id).map((y) => y.id),
    );
    expect(byWorker.length).toBeGreaterThan(0);
    expect(byWorker.filter((r) => !allocated.has(r.id))).toEqual([]);
    expect(all.some((r) => !allocated.has(r.id))).toBe(true);
    // Nonsense filters are ignored, not refused.
    expect((await as.tm.get('/team?category=NOPE&urgency=%3Cscript%3E&worker=1')).statusCode).toBe(200);
  });
});

describe('a significant change', () => {
  it("moves the next review date and puts the young person at the top of their worker's caseload", async () => {
    // A worker with three young people, none overdue.
    const team = staffOf('pa').teamId!;
    const [worker] = await t.db.system((tx) =>
      tx
        .insert(staff)
        .values({
          councilId: demo.council.id,
          teamId: team,
          email: `new.pa@${demo.council.slug}.test`,
          displayName: 'Nia Newman',
          role: 'personal_adviser',
          passwordHash: demo.staff[0].passwordHash,
        })
        .returning(),
    );
    const base = { personalAdviserId: worker.id, teamId: team };
    const a = await addYoungPerson(t.db, demo, {
      ...base,
      familyName: 'Adams',
      dateOfBirth: '2007-02-01',
      episodes: [{ start: '2020-01-01', end: '2025-02-01' }],
      work: [
        { kind: 'needs_assessment', on: '2023-03-01' },
        { kind: 'pathway_plan', on: '2023-03-20' },
        { kind: 'review', on: '2026-10-01' },
      ],
    });
    const b = await addYoungPerson(t.db, demo, {
      ...base,
      familyName: 'Brown',
      dateOfBirth: '2007-05-01',
      episodes: [{ start: '2020-01-01', end: '2025-05-01' }],
      work: [
        { kind: 'needs_assessment', on: '2023-06-01' },
        { kind: 'pathway_plan', on: '2023-06-20' },
        { kind: 'review', on: '2026-09-01' },
      ],
    });
    const c = await addYoungPerson(t.db, demo, {
      ...base,
      familyName: 'Clarke',
      dateOfBirth: '2007-08-01',
      episodes: [{ start: '2020-01-01', end: '2025-08-01' }],
      work: [
        { kind: 'needs_assessment', on: '2023-09-01' },
        { kind: 'pathway_plan', on: '2023-09-20' },
        { kind: 'review', on: '2026-11-01' },
      ],
    });
    const agent = new Agent(t.app, '10.6.1.1');
    await agent.signIn(worker.email, PASSWORD);
    const order = (html: string) =>
      [a, b, c]
        .map((p) => ({ p, at: html.indexOf(`/young-people/${p.id}"`) }))
        .sort((x, y) => x.at - y.at)
        .map((x) => x.p.familyName);
    expect(order((await agent.get('/caseload')).body)).toEqual(['Brown', 'Adams', 'Clarke']); // reviews due 1 Mar, 1 Apr, 1 May 2027

    const before = words((await agent.get(`/young-people/${c.id}`)).body);
    expect(before).toContain('On track Pathway plan review 1 May 2027');
    const form = await agent.get(`/young-people/${c.id}/significant-change`);
    expect(form.statusCode).toBe(200);
    const empty = await agent.post(`/young-people/${c.id}/significant-change`, {
      kind: '',
      description: '',
      'occurredOn-day': '31',
      'occurredOn-month': '2',
      'occurredOn-year': '2026',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Select what happened');
    expect(empty.body).toContain('The date it happened must be a real date');
    expect(empty.body).toContain('href="#occurredOn-day"');
    expect(empty.body).toContain('value="31"');
    const saved = await agent.post(`/young-people/${c.id}/significant-change`, {
      kind: 'accommodation_at_risk',
      description: 'Eviction notice from landlord',
      'occurredOn-day': '20',
      'occurredOn-month': '11',
      'occurredOn-year': '2026',
    });
    expect(saved.statusCode).toBe(303);
    const after = words((await agent.get(saved.headers.location as string)).body);
    // The date in words, as everywhere else: not 2026-12-21.
    expect(after).toContain('Recorded. The next review is now due by 21 December 2026');
    // A message in the address is shown only when this session signed it: no spoofed banners.
    const forged = words(
      (
        await agent.get(
          `/young-people/${c.id}?done=${encodeURIComponent('Your account is locked. Phone 0800 000 000')}&sig=x`,
        )
      ).body,
    );
    expect(forged).not.toContain('Your account is locked');
    // Raised Monday 23 Nov 2026: 20 working days later is Monday 21 Dec 2026.
    expect(after).toContain('Due soon Review after a change or request 21 December 2026');
    expect(after).toContain('At risk of losing their home');
    // The timeline says when it happened in words too.
    expect(after).toContain('(happened 20 November 2026)');
    expect(order((await agent.get('/caseload')).body)).toEqual(['Clarke', 'Brown', 'Adams']);
    const audit = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, c.id), eq(auditEvents.action, 'review-trigger.record'))),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ kind: 'accommodation_at_risk', reviewDueBy: '2026-12-21' });

    // A review answers it; nothing can dismiss it.
    await agent.get(`/young-people/${c.id}/statutory-work`);
    const review = await agent.post(`/young-people/${c.id}/statutory-work`, {
      kind: 'review',
      notes: '',
      'completedOn-day': '23',
      'completedOn-month': '11',
      'completedOn-year': '2026',
    });
    expect(review.statusCode).toBe(303);
    expect(words((await agent.get(`/young-people/${c.id}`)).body)).toContain(
      'On track Pathway plan review 23 May 2027',
    );
  });

  it('a young person can ask for a review of their own plan, and their worker sees it', async () => {
    const account = demo.accounts[0];
    const yp = new Agent(t.app, '10.6.2.1');
    await yp.signIn(account.username, PASSWORD);
    expect(yp.lastHtml).toContain('/my-plan/ask-for-a-review');
    await yp.get('/my-plan/ask-for-a-review');
    const empty = await yp.post('/my-plan/ask-for-a-review', { description: '' });
    expect(empty.body).toContain('Tell us what you want to talk about');
    const sent = await yp.post('/my-plan/ask-for-a-review', { description: 'I want to move to college in January' });
    expect(sent.body).toContain('Your worker knows you want to look at your plan again');
    // The demo's young person has no plan yet (their first is due): the adviser's home page names the request,
    // with the date 20 working days on (21 Dec 2026), and the record's timeline shows it.
    const home = words((await as.pa.get('/')).body);
    expect(home).toMatch(/asked for a review on 23 November 2026\. Review their plan with them by 21 December 2026\./);
    const record = (await as.pa.get(`/young-people/${account.youngPersonId}`)).body;
    // Their words, in whatever script they wrote them, set their own direction.
    expect(record).toContain('dir="auto">I want to move to college in January<');
    const page = words(record);
    expect(page).toContain('First pathway plan');
    expect(page).toContain('Asked for a review');
    // They cannot use staff pages to record for anyone.
    expect((await yp.get(`/young-people/${account.youngPersonId}/significant-change`)).statusCode).toBe(403);
  });
});

describe('changing the date of birth or the care history recomputes everything, audited', () => {
  it('an age assessment that makes a young person younger changes their status', async () => {
    const pa = staffOf('pa');
    const yp = await addYoungPerson(t.db, demo, {
      personalAdviserId: pa.id,
      teamId: pa.teamId!,
      dateOfBirth: '2009-01-10',
      episodes: [{ start: '2025-01-10', legalStatus: 'V2' }],
    });
    // Came into care on their 16th birthday: eligible once 13 weeks (91 days) are done (reference TC02).
    expect(words((await as.pa.get(`/young-people/${yp.id}`)).body)).toContain(
      'Status Eligible Why Eligible since 11 Apr 2025',
    );
    await as.pa.get(`/young-people/${yp.id}/date-of-birth`);
    const noReason = await as.pa.post(`/young-people/${yp.id}/date-of-birth`, {
      'dateOfBirth-day': '10',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '2011',
      ageAssessed: '',
      reason: '',
    });
    expect(noReason.body).toContain('Enter why the date of birth is changing');
    expect(noReason.body).toContain('Select whether this date comes from an age assessment');
    const future = await as.pa.post(`/young-people/${yp.id}/date-of-birth`, {
      'dateOfBirth-day': '10',
      'dateOfBirth-month': '1',
      'dateOfBirth-year': '2031',
      ageAssessed: 'yes',
      reason: 'Typo',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('Date of birth must be today or in the past');
    expect(future.body).toContain('value="2031"');
    const res = await as.pa.post(`/young-people/${yp.id}/date-of-birth`, {
      'dateOfBirth-day': '10',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2011',
      ageAssessed: 'yes',
      reason: 'Merton-compliant age assessment',
    });
    expect(res.statusCode).toBe(303);
    const page = words((await as.pa.get(`/young-people/${yp.id}`)).body);
    expect(page).toContain('Status Looked after, under 16');
    expect(page).toContain('10 June 2011 (age 15) – age assessed');
    const history = await t.db.system((tx) =>
      tx.select().from(dateOfBirthHistory).where(eq(dateOfBirthHistory.youngPersonId, yp.id)),
    );
    expect(history.map((h) => h.dateOfBirth)).toEqual(['2011-06-10']);
    const [audit] = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, yp.id), eq(auditEvents.action, 'date-of-birth.change'))),
    );
    expect(audit.details).toMatchObject({ from: '2009-01-10', to: '2011-06-10', ageAssessed: true });
  });

  it('ending a period of care turns an eligible child into a relevant child', async () => {
    const pa = staffOf('pa');
    const yp = await addYoungPerson(t.db, demo, {
      personalAdviserId: pa.id,
      teamId: pa.teamId!,
      dateOfBirth: '2009-05-01',
      episodes: [{ start: '2023-01-01' }],
      work: [
        { kind: 'needs_assessment', on: '2025-06-01' },
        { kind: 'pathway_plan', on: '2025-06-15' },
        { kind: 'review', on: '2026-06-01' },
      ],
    });
    await as.pa.get(`/young-people/${yp.id}/care-history`);
    const early = await as.pa.post(`/young-people/${yp.id}/care-history`, {
      action: 'end',
      'endDate-day': '1',
      'endDate-month': '1',
      'endDate-year': '2022',
      reasonEnded: '',
    });
    expect(early.body).toContain('Select why the period of care ended');
    const res = await as.pa.post(`/young-people/${yp.id}/care-history`, {
      action: 'end',
      'endDate-day': '2',
      'endDate-month': '11',
      'endDate-year': '2026',
      reasonEnded: 'E13',
    });
    expect(res.statusCode).toBe(303);
    const page = words((await as.pa.get(`/young-people/${yp.id}`)).body);
    expect(page).toContain('Status Relevant Why Relevant since 2 Nov 2026');
    expect(page).toContain('Pathway plan review 1 December 2026');
    const audit = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, yp.id), eq(auditEvents.action, 'care-episode.end'))),
    );
    expect(audit).toHaveLength(1);
  });
});

describe('local policy', () => {
  it('only an administrator changes it; it can only be stricter; every version is audited', async () => {
    expect((await as.tm.get('/admin/policy')).statusCode).toBe(403);
    const form = await as.admin.get('/admin/policy');
    expect(form.statusCode).toBe(200);
    const fields = {
      needsAssessmentWithinMonths: '3',
      firstPlanWithinMonths: '3',
      reviewIntervalMonths: '6',
      significantChangeReviewWorkingDays: '20',
      inDateWindowMonths: '7',
      supportRequestAssessmentWithinMonths: '3',
      leapDayBirthday: 'MAR_1',
    };
    const laxer = await as.admin.post('/admin/policy', {
      ...fields,
      reviewIntervalMonths: '7',
      reason: 'Trying to relax reviews',
    });
    expect(laxer.statusCode).toBe(400);
    expect(words(laxer.body)).toContain('Review at least every cannot be more than 6 months');
    expect(laxer.body).toContain('value="7"');
    const ok = await as.admin.post('/admin/policy', {
      ...fields,
      reviewIntervalMonths: '4',
      inDateWindowMonths: '5',
      reason: 'Council decision: reviews every 4 months',
    });
    expect(ok.statusCode).toBe(303);
    expect(words((await as.admin.get('/admin/policy')).body)).toContain('version 1');
    const [audit] = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.councilId, demo.council.id), eq(auditEvents.action, 'policy.update'))),
    );
    expect(audit.details).toMatchObject({
      from: null,
      to: { reviewIntervalMonths: 4, inDateWindowMonths: 5 },
      reason: 'Council decision: reviews every 4 months',
    });
    // The stricter interval applies straight away: young person 200 was last reviewed on 6 Oct 2026.
    const page = words((await as.sm.get(`/young-people/${demo.youngPeople[200].id}`)).body);
    expect(page).toContain('Pathway plan review 6 February 2027');
  });
});
