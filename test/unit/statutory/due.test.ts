// What is due next and how urgent it is (domain/statutory/due.ts): each row names the rule behind the item.
import { describe, expect, it } from 'vitest';
import {
  deriveCareLeaverStatus,
  dueItems,
  explainCategory,
  urgencyOf,
  type StatusInput,
  type WorkDone,
} from '../../../src/domain/statutory/index.ts';

const AS_OF = '2026-11-23';
const planned: WorkDone = { needsAssessmentDone: true, hasPathwayPlan: true };
const nothing: WorkDone = { needsAssessmentDone: false, hasPathwayPlan: false };
const first = (input: Omit<StatusInput, 'asOf'>, done: WorkDone) =>
  dueItems(deriveCareLeaverStatus({ asOf: AS_OF, ...input }), done, AS_OF)[0] ?? null;

describe('dueItems: the first thing due', () => {
  it.each([
    [
      'CPPCR reg 42(1): eligible, never assessed → needs assessment 3 months after 16',
      { dateOfBirth: '2010-06-01', episodes: [{ start: '2020-01-01', end: null }] },
      nothing,
      'NEEDS_ASSESSMENT',
      '2026-09-01',
    ],
    [
      'CPPCR reg 43: assessed, no plan → first plan by the same deadline',
      { dateOfBirth: '2010-06-01', episodes: [{ start: '2020-01-01', end: null }] },
      { needsAssessmentDone: true, hasPathwayPlan: false },
      'FIRST_PLAN',
      '2026-09-01',
    ],
    [
      'Care Leavers Regs reg 7(1)(c): plan reviewed at most 6 months after the last review',
      {
        dateOfBirth: '2010-06-01',
        episodes: [{ start: '2020-01-01', end: null }],
        lastReviewOn: '2026-10-15',
        hasPathwayPlan: true,
      },
      planned,
      'REVIEW',
      '2027-04-15',
    ],
    [
      'Care Leavers Regs reg 7(1)(a): a request brings the review forward 20 working days',
      {
        dateOfBirth: '2010-06-01',
        episodes: [{ start: '2020-01-01', end: null }],
        lastReviewOn: '2026-10-15',
        hasPathwayPlan: true,
        reviewTriggers: [{ on: '2026-11-23', kind: 'YOUNG_PERSON_REQUEST' }],
      },
      planned,
      'UNSCHEDULED_REVIEW',
      '2026-12-21',
    ],
    [
      'Guidance vol 3: under 16, planning starts at 15¾',
      { dateOfBirth: '2011-01-10', episodes: [{ start: '2020-01-01', end: null }] },
      nothing,
      'START_PATHWAY_PLANNING',
      '2026-10-10',
    ],
    [
      'Under 16 and assessed: the projected first plan comes next',
      { dateOfBirth: '2011-01-10', episodes: [{ start: '2020-01-01', end: null }] },
      { needsAssessmentDone: true, hasPathwayPlan: false },
      'FIRST_PLAN',
      '2027-04-10',
    ],
    [
      's23C(1)(b): eligible at 17, 18th birthday before the next review',
      {
        dateOfBirth: '2009-01-15',
        episodes: [{ start: '2020-01-01', end: null }],
        lastReviewOn: '2026-10-01',
        hasPathwayPlan: true,
      },
      planned,
      'EIGHTEENTH_BIRTHDAY',
      '2027-01-15',
    ],
    [
      's23C(6), s23CZB: next review falls after 21 → the 21+ offer is due on the 21st birthday',
      {
        dateOfBirth: '2006-01-20',
        episodes: [{ start: '2018-01-01', end: '2024-01-20' }],
        lastReviewOn: '2026-10-01',
        hasPathwayPlan: true,
      },
      planned,
      'OFFER_21_PLUS',
      '2027-01-20',
    ],
    [
      's23CZB, s23C(6): offer answered (no) before 21 → no offer item; the case is due to close at 21',
      {
        dateOfBirth: '2006-01-20',
        episodes: [{ start: '2018-01-01', end: '2024-01-20' }],
        lastReviewOn: '2026-10-01',
        hasPathwayPlan: true,
      },
      { ...planned, offer21Answered: true },
      'CLOSE_CASE',
      '2027-01-20',
    ],
    [
      's23C(6), s23CZB: 21 to 25 without a request → the case was due to close when core support ended at 21',
      { dateOfBirth: '2004-01-20', episodes: [{ start: '2018-01-01', end: '2022-01-20' }] },
      planned,
      'CLOSE_CASE',
      '2025-01-20',
    ],
    [
      's23CZB: asked for support at 22 → assessment 3 months after the request',
      {
        dateOfBirth: '2004-01-20',
        episodes: [{ start: '2018-01-01', end: '2022-01-20' }],
        requestedSupportAfter21: true,
        supportRequestedOn: '2026-11-01',
      },
      nothing,
      'NEEDS_ASSESSMENT',
      '2027-02-01',
    ],
    [
      'Care Leavers Regs reg 8: council accommodation → adviser visit within 7 days',
      {
        dateOfBirth: '2008-01-20',
        episodes: [{ start: '2018-01-01', end: '2026-01-20' }],
        lastReviewOn: '2026-10-01',
        hasPathwayPlan: true,
        councilAccommodation: { since: '2026-11-20' },
      },
      planned,
      'ADVISER_VISIT',
      '2026-11-27',
    ],
    [
      's24: qualifying → no statutory plan deadline',
      { dateOfBirth: '2008-01-20', episodes: [{ start: '2025-12-01', end: '2026-01-20' }] },
      nothing,
      null,
      null,
    ],
  ] as const)('%s', (_rule, input, done, code, on) => {
    const item = first(input as Omit<StatusInput, 'asOf'>, done);
    expect(item?.code ?? null).toBe(code);
    expect(item?.on ?? null).toBe(on);
  });
});

describe('dueItems: a personal adviser to allocate (issue 11 §1)', () => {
  const noAdviser: WorkDone = { ...planned, hasPersonalAdviser: false };
  it.each([
    [
      'Sch 2 para 19C: eligible with no adviser → allocate one, due since they became eligible',
      { dateOfBirth: '2010-06-01', episodes: [{ start: '2020-01-01', end: null }] },
      noAdviser,
      '2026-06-01',
    ],
    [
      'Sch 2 para 19C: eligible with an adviser → nothing to allocate',
      { dateOfBirth: '2010-06-01', episodes: [{ start: '2020-01-01', end: null }] },
      { ...planned, hasPersonalAdviser: true },
      null,
    ],
    [
      'not told whether they have one (a past day) → nothing to allocate',
      { dateOfBirth: '2010-06-01', episodes: [{ start: '2020-01-01', end: null }] },
      planned,
      null,
    ],
    [
      's23B(2): relevant (left care at 17) with no adviser → due since care ended',
      { dateOfBirth: '2009-05-01', episodes: [{ start: '2023-01-01', end: '2026-11-02' }] },
      noAdviser,
      '2026-11-02',
    ],
    [
      's23C(3)(a): former relevant with no adviser → due since their 18th birthday',
      { dateOfBirth: '2006-01-20', episodes: [{ start: '2018-01-01', end: '2024-01-20' }] },
      noAdviser,
      '2024-01-20',
    ],
    [
      's23CZB: 21 to 25, an adviser only on request → nothing to allocate',
      { dateOfBirth: '2004-01-20', episodes: [{ start: '2018-01-01', end: '2022-01-20' }] },
      noAdviser,
      null,
    ],
    [
      'under 16: no duty yet → nothing to allocate',
      { dateOfBirth: '2011-01-10', episodes: [{ start: '2020-01-01', end: null }] },
      noAdviser,
      null,
    ],
    [
      's24: qualifying → nothing to allocate',
      { dateOfBirth: '2008-01-20', episodes: [{ start: '2025-12-01', end: '2026-01-20' }] },
      noAdviser,
      null,
    ],
  ] as const)('%s', (_rule, input, done, on) => {
    const items = dueItems(
      deriveCareLeaverStatus({ asOf: AS_OF, ...(input as Omit<StatusInput, 'asOf'>) }),
      done,
      AS_OF,
    );
    const item = items.find((i) => i.code === 'ALLOCATE_ADVISER');
    expect(item?.on ?? null).toBe(on);
    if (item) expect(item.rule).toMatch(/Children Act 1989 (Sch 2 para 19C|s23B\(2\)|s23C\(3\)\(a\))/);
  });
});

describe('the closure as a due item: one rule with the record page (closure.ts closureDue)', () => {
  const at22 = { dateOfBirth: '2004-01-20', episodes: [{ start: '2018-01-01', end: '2022-01-20' }] };
  const turning21 = { dateOfBirth: '2006-01-20', episodes: [{ start: '2018-01-01', end: '2024-01-20' }] };
  it.each<[string, Omit<StatusInput, 'asOf'>, WorkDone, string | null, string | null]>([
    ['s23C(6): 21 to 25, no request → due at 21', at22, planned, '2025-01-20', 'Children Act 1989 s23C(6), s23CZB'],
    [
      's23CZB: asked for support to 25 → due on the 25th birthday, not shown years ahead',
      { ...at22, requestedSupportAfter21: true, supportRequestedOn: '2025-01-02' },
      planned,
      null,
      null,
    ],
    [
      's23CZB: said no at 22 → due that day',
      at22,
      { ...planned, supportAfter21: { requestedOn: null, declinedOn: '2026-03-01' } },
      '2026-03-01',
      'Children Act 1989 s23C(6), s23CZB',
    ],
    [
      's23CZB: asked at 21, said no at 22 → due the day they said no',
      { ...at22, requestedSupportAfter21: true, supportRequestedOn: '2025-01-02' },
      { ...planned, supportAfter21: { requestedOn: '2025-01-02', declinedOn: '2026-03-01' } },
      '2026-03-01',
      'Children Act 1989 s23C(6), s23CZB',
    ],
    ['a closed case: nothing due', at22, { ...planned, caseClosed: true }, null, null],
    ['turning 21 in 2 months, offer not answered: the offer comes first', turning21, planned, null, null],
    [
      'turning 21 in 2 months, said no to support after 21: due at 21',
      turning21,
      { ...planned, offer21Answered: true, supportAfter21: { requestedOn: null, declinedOn: '2026-10-01' } },
      '2027-01-20',
      'Children Act 1989 s23C(6), s23CZB',
    ],
  ])('%s', (_rule, input, done, on, rule) => {
    const items = dueItems(deriveCareLeaverStatus({ asOf: AS_OF, ...input }), done, AS_OF);
    const item = items.find((i) => i.code === 'CLOSE_CASE');
    expect(item?.on ?? null).toBe(on);
    expect(item?.rule ?? null).toBe(rule);
  });
});

describe('urgencyOf: red, amber, green (always shown with words)', () => {
  it.each([
    ['yesterday', '2026-11-22', 'overdue'],
    ['today', '2026-11-23', 'due-soon'],
    ['in 28 days', '2026-12-21', 'due-soon'],
    ['in 29 days', '2026-12-22', 'on-track'],
  ] as const)('%s', (_when, on, expected) => expect(urgencyOf(on, AS_OF)).toBe(expected));
});

describe('explainCategory', () => {
  it('explains eligibility with its date and rule (the issue’s own example)', () => {
    const status = deriveCareLeaverStatus({
      asOf: '2026-06-20',
      dateOfBirth: '2010-03-15',
      episodes: [{ start: '2023-01-10', end: null }],
    });
    expect(explainCategory(status)).toBe(
      'Eligible since 15 Mar 2026: 13 weeks in care after 14, in care on or after their 16th birthday — CPPCR reg 40',
    );
  });
  it('says why a young person whose care ended on their 16th birthday needs a manager to look (reference TC09)', () => {
    const status = deriveCareLeaverStatus({
      asOf: '2025-12-01',
      dateOfBirth: '2009-09-30',
      episodes: [{ start: '2023-09-01', end: '2025-09-30' }],
    });
    expect(explainCategory(status)).toContain('Ask a manager or legal adviser to check');
  });
});
