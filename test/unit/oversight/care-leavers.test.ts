// Care leavers by category (issue 10, part 1b), from the statutory status of
// each open case, and unaccompanied young people's first plan within 3 months.
import { describe, expect, it } from 'vitest';
import {
  careLeaversByCategory,
  careLeaverStatusOn,
  type YoungPersonRecord,
} from '../../../src/domain/oversight/index.ts';
import { DEFAULT_POLICY } from '../../../src/domain/statutory/index.ts';
import { AS_AT, allocated, buildPlanHistory, buildYoungPerson, facts, inCare, TEAM_A } from './builders.ts';

const ids = (m: { people: readonly { id: string }[] }) => m.people.map((p) => p.id);

describe('care leavers by category on the as-at date (statutory status flags, reused)', () => {
  const people = [
    buildYoungPerson({ id: 'in-date' }), // eligible (in care since 2020, 17), plan 2 months ago
    buildYoungPerson({ id: 'review-late' }), // eligible, last plan 2026-04-01: review due 2026-10-01 (reg 7(1)(c))
    buildYoungPerson({ id: 'no-plan' }), // eligible since 16th birthday 2025-06-01: first plan due 2025-09-01
    buildYoungPerson({
      id: 'no-pa',
      restricted: true,
      dateOfBirth: '2010-01-01',
      careEpisodes: [inCare('2020-01-01', '2026-06-01')],
      allocations: [allocated(TEAM_A, '2024-01-01', null, null)],
    }), // relevant, plan in date, no personal adviser
    buildYoungPerson({ id: 'pa-left', allocations: [allocated(TEAM_A, '2024-01-01', '2026-11-01')] }), // no allocation now
    buildYoungPerson({ id: 'closed', caseClosedOn: '2026-10-01' }),
    // A social worker allocated after the adviser: the team follows the worker, the adviser is still there.
    buildYoungPerson({
      id: 'sw-since',
      allocations: [allocated(TEAM_A, '2024-01-01'), allocated(TEAM_A, '2025-01-01', null, null)],
    }),
  ];
  const histories = [
    buildPlanHistory('in-date', ['2026-10-01']),
    buildPlanHistory('review-late', ['2026-04-01', '2026-12-05']), // the later plan has not happened on the as-at date
    buildPlanHistory('no-pa', ['2026-07-01']),
    buildPlanHistory('pa-left', ['2026-10-01']),
    buildPlanHistory('closed', ['2026-04-01']),
    buildPlanHistory('sw-since', ['2026-10-01']),
  ];
  const t = careLeaversByCategory(facts(people, histories), AS_AT);
  const eligible = t.categories.find((r) => r.category === 'ELIGIBLE')!;
  const relevant = t.categories.find((r) => r.category === 'RELEVANT')!;

  it('puts each open case in its derived category (closed cases left out)', () => {
    expect(ids(eligible.youngPeople)).toEqual(['in-date', 'no-plan', 'pa-left', 'review-late', 'sw-since']);
    expect(ids(relevant.youngPeople)).toEqual(['no-pa']);
    expect(t.total.youngPeople.count).toBe(6);
  });

  it.each([
    [
      'plan in date: latest plan within 7 months (isPlanInDate)',
      'planInDate',
      ['in-date', 'no-pa', 'pa-left', 'sw-since'],
    ],
    [
      'review overdue: the 6-month review date has passed (Care Leavers Regs reg 7(1)(c))',
      'reviewOverdue',
      ['review-late'],
    ],
    ['first plan overdue: no plan 3 months after becoming eligible (CPPCR reg 43)', 'firstPlanOverdue', ['no-plan']],
    [
      'no personal adviser allocated on the as-at date, a later social worker aside (para 19C, s23B(2))',
      'noPersonalAdviser',
      ['no-pa', 'pa-left'],
    ],
  ] as const)('%s', (_rule, measure, expected) => {
    expect(ids(t.total[measure])).toEqual(expected);
  });

  it('flags the restricted record in its lists', () => {
    expect(relevant.noPersonalAdviser.people).toEqual([{ id: 'no-pa', restricted: true }]);
  });
});

describe('unaccompanied: first plan within 3 months of becoming looked after (policy, default 3)', () => {
  const uasc = (id: string, from: string) =>
    buildYoungPerson({ id, unaccompanied: true, dateOfBirth: '2009-01-01', careEpisodes: [inCare(from)] });
  const people = [
    uasc('on-time', '2026-06-01'), // due 2026-09-01, plan 2026-08-15
    uasc('late', '2026-05-01'), // due 2026-08-01, plan 2026-09-01
    uasc('due-today', '2026-08-30'), // due 2026-11-30 (the as-at date), plan that day: on time
    uasc('not-yet-due', '2026-09-15'), // due 2026-12-15
    buildYoungPerson({ id: 'not-uasc', careEpisodes: [inCare('2026-06-01')] }),
  ];
  const histories = [
    buildPlanHistory('on-time', ['2026-08-15']),
    buildPlanHistory('late', ['2026-09-01']),
    buildPlanHistory('due-today', [AS_AT]),
  ];

  it('counts those whose deadline has come, and those with a plan by it', () => {
    const u = careLeaversByCategory(facts(people, histories), AS_AT).unaccompaniedFirstPlan;
    expect(ids(u.due)).toEqual(['due-today', 'late', 'on-time']);
    expect(ids(u.onTime)).toEqual(['due-today', 'on-time']);
    expect(u.percentOnTime).toBe(66.7);
  });

  it('a council 2-month policy moves the deadlines', () => {
    const u = careLeaversByCategory(facts(people, histories), AS_AT, undefined, {
      unaccompaniedFirstPlanWithinMonths: 2,
    }).unaccompaniedFirstPlan;
    expect(ids(u.due)).toEqual(['due-today', 'late', 'not-yet-due', 'on-time']);
    expect(ids(u.onTime)).toEqual([]); // e.g. 2026-06-01 + 2 months = 2026-08-01: the plan of 2026-08-15 is late
    expect(u.percentOnTime).toBe(0);
  });
});

describe('needs assessment overdue on the as-at date (CPPCR 2010 reg 42(1); Care Leavers Regs reg 4; due.ts)', () => {
  // Each young person is in care since 2020: eligible from their 16th birthday, the assessment due 3
  // months later (addMonths, month ends clamped). Overdue once the due date is before the as-at date
  // (2026-11-30) with no assessment completed on or before the as-at date.
  const eligible = (id: string, dateOfBirth: string, needsAssessedOn: string | null = null, more = {}) =>
    buildYoungPerson({ id, dateOfBirth, needsAssessedOn, ...more });
  const rows: [rule: string, person: YoungPersonRecord, plans: string[], overdue: boolean][] = [
    ['due the day before the as-at date, none done', eligible('due-yesterday', '2010-08-29'), [], true],
    ['due on the as-at date: not yet overdue', eligible('due-today', '2010-08-30'), [], false],
    ['16 on 31 Aug: 31 Nov clamps to 30 Nov, the as-at date', eligible('due-clamped', '2010-08-31'), [], false],
    ['done the day before the as-at date', eligible('done-before', '2010-08-29', '2026-11-29'), [], false],
    ['done on the as-at date', eligible('done-on', '2010-08-29', AS_AT), [], false],
    ['done after the as-at date: overdue that day', eligible('done-after', '2010-08-29', '2026-12-01'), [], true],
    ['done late, before the as-at date', eligible('done-late', '2009-06-01', '2026-01-10'), [], false],
    // due.ts asks for the assessment of an eligible child whether or not a plan was made first.
    ['eligible with a plan but no assessment', eligible('plan-no-na', '2009-06-01'), ['2026-10-01'], true],
    [
      'relevant (left care at 17), no plan: due 3 months after leaving (reg 4)',
      eligible('relevant-no-plan', '2009-06-01', null, { careEpisodes: [inCare('2020-01-01', '2026-06-01')] }),
      [],
      true,
    ],
    [
      'relevant with a plan: no assessment due (the status gives no date)',
      eligible('relevant-plan', '2009-06-01', null, { careEpisodes: [inCare('2020-01-01', '2026-06-01')] }),
      ['2026-07-01'],
      false,
    ],
    ['under 16: not yet due', eligible('under-16', '2011-01-01'), [], false],
    ['closed case: not counted', eligible('closed', '2009-06-01', null, { caseClosedOn: '2026-10-01' }), [], false],
    ['restricted: counted', eligible('restricted', '2009-06-01', null, { restricted: true }), [], true],
  ];
  const t = careLeaversByCategory(
    facts(
      rows.map((r) => r[1]),
      rows.map((r) => buildPlanHistory(r[1].id, r[2])),
    ),
    AS_AT,
  );
  const overdue = new Set(ids(t.total.needsAssessmentOverdue));

  it.each(rows)('%s', (_rule, person, _plans, expected) => {
    expect(overdue.has(person.id)).toBe(expected);
  });

  it('adds the categories up to the total and flags the restricted record', () => {
    expect(t.categories.reduce((n, r) => n + r.needsAssessmentOverdue.count, 0)).toBe(
      t.total.needsAssessmentOverdue.count,
    );
    expect(t.total.needsAssessmentOverdue.people).toContainEqual({ id: 'restricted', restricted: true });
  });

  it('a council 2-month policy moves the due date', () => {
    const two = careLeaversByCategory(facts([eligible('two-months', '2010-09-29')]), AS_AT, {
      ...DEFAULT_POLICY,
      needsAssessmentWithinMonths: 2,
    });
    expect(ids(two.total.needsAssessmentOverdue)).toEqual(['two-months']); // 2026-09-29 + 2 months = 2026-11-29
  });
});

describe('a status remembered between pages is the one its facts give (careLeaverStatusOn)', () => {
  // The same young person (same id) as their record changes between two pages: what was remembered
  // for the record before must never be given for the record after.
  const base = buildYoungPerson({ id: 'same', dateOfBirth: '2009-06-01', careEpisodes: [inCare('2020-01-01')] });
  const variants: [string, YoungPersonRecord, string | null][] = [
    ['as first read, no plan', base, null],
    ['a plan approved', base, '2026-09-01'],
    ['an old plan: review overdue (reg 7(1)(c))', base, '2026-04-01'],
    ['left care before 16: no longer eligible', { ...base, careEpisodes: [inCare('2020-01-01', '2024-01-01')] }, null],
    [
      'a short break only',
      { ...base, careEpisodes: [{ ...inCare('2020-01-01', '2020-01-05', 'V3'), shortBreak: true }] },
      null,
    ],
    ['born later: under 16', { ...base, dateOfBirth: '2011-06-01' }, null],
    ['needs assessed', { ...base, needsAssessedOn: '2025-07-01' }, null],
    [
      'in hospital on the 16th birthday',
      { ...base, categoryFacts: { detainedOrInHospitalOn16thBirthday: true } },
      null,
    ],
  ];

  it.each(variants)('%s', (_, person, lastPlan) => {
    for (const [, other, otherPlan] of variants) careLeaverStatusOn(other, otherPlan, AS_AT, DEFAULT_POLICY);
    // A policy object of its own has nothing remembered: the status derived afresh.
    expect(careLeaverStatusOn(person, lastPlan, AS_AT, DEFAULT_POLICY)).toEqual(
      careLeaverStatusOn(person, lastPlan, AS_AT, { ...DEFAULT_POLICY }),
    );
  });

  it('the variants differ, so a status given for the wrong one would show', () => {
    const statuses = variants.map(([, person, lastPlan]) =>
      JSON.stringify(careLeaverStatusOn(person, lastPlan, AS_AT, { ...DEFAULT_POLICY })),
    );
    expect(new Set(statuses).size).toBeGreaterThanOrEqual(5);
  });
});
