// Performance surgery (issue 10, part 5): per worker, what they owe now and their monthly figures.
// Each row of a table is one rule, on facts written by hand.
import { describe, expect, it } from 'vitest';
import {
  isReturnedNotSentAgain,
  isWaitingForWorkerSignature,
  surgeryMeasure,
  surgeryMonths,
  surgeryRows,
  type OpenPlan,
  type SurgeryCase,
} from '../../../src/domain/oversight/index.ts';

const TODAY = '2026-11-30';
const signed = { staffId: 'pa-1', role: 'personal_adviser' as const, on: '2026-11-20' };
const returnOn = (on: string, resentOn?: string) => ({ reason: 'Dates missing', by: 'tm-1', on, resentOn });
const plan = (props: Partial<OpenPlan>): OpenPlan => ({
  state: 'drafting',
  workerSignature: null,
  returns: [],
  ...props,
});

function buildCase(props: Partial<SurgeryCase> & { id?: string; restricted?: boolean } = {}): SurgeryCase {
  const { id = 'yp-1', restricted = false, ...rest } = props;
  return {
    youngPerson: { id, restricted },
    workerIds: ['pa-1'],
    overdueItems: 0,
    reviewRequestsWaiting: 0,
    openPlan: null,
    approvedOn: [],
    ...rest,
  };
}

describe('waiting for the worker’s signature (review cycle: awaiting signatures, worker not signed)', () => {
  it.each<[string, OpenPlan | null, boolean]>([
    ['sent for signatures, nobody signed', plan({ state: 'awaiting_signatures' }), true],
    [
      'sent for signatures, the worker signed, the young person not yet',
      plan({ state: 'awaiting_signatures', workerSignature: signed }),
      false,
    ],
    ['still being written', plan({ state: 'drafting' }), false],
    ['both signed: with the manager', plan({ state: 'awaiting_approval', workerSignature: signed }), false],
    ['no plan under way', null, false],
  ])('%s', (_rule, open, expected) => {
    expect(isWaitingForWorkerSignature(open)).toBe(expected);
  });
});

describe('returned by the manager and not sent again (the reason the worker is shown)', () => {
  it.each<[string, OpenPlan | null, boolean]>([
    ['returned today', plan({ state: 'returned', returns: [returnOn('2026-11-30')] }), true],
    [
      'returned, then changed: back in drafting, still not sent',
      plan({ state: 'drafting', returns: [returnOn('2026-11-20')] }),
      true,
    ],
    [
      'returned, changed, and out for signatures again',
      plan({ state: 'awaiting_signatures', returns: [returnOn('2026-11-20')] }),
      true,
    ],
    [
      'sent to the manager again',
      plan({ state: 'awaiting_approval', returns: [returnOn('2026-11-20', '2026-11-25')] }),
      false,
    ],
    [
      'an earlier return answered, now being changed for other reasons',
      plan({ state: 'drafting', returns: [returnOn('2026-10-01', '2026-10-05')] }),
      false,
    ],
    ['never returned', plan({ state: 'returned' }), false],
    ['no plan under way', null, false],
  ])('%s', (_rule, open, expected) => {
    expect(isReturnedNotSentAgain(open)).toBe(expected);
  });
});

describe('the last 6 calendar months, the current month running to today', () => {
  it('starts on the first of the month 5 months back', () => {
    const months = surgeryMonths('2026-11-15');
    expect(months.map((m) => m.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(months[0].from).toBe('2026-06-01');
    expect(months[5]).toEqual({ month: '2026-11', from: '2026-11-01', to: '2026-11-15' });
  });
});

describe('one row per worker', () => {
  const cases = [
    // Shared by the personal adviser and the social worker: counts for both.
    buildCase({
      id: 'a',
      workerIds: ['pa-1', 'sw-1'],
      overdueItems: 2,
      openPlan: plan({ state: 'awaiting_signatures' }),
    }),
    buildCase({
      id: 'b',
      restricted: true,
      reviewRequestsWaiting: 1,
      openPlan: plan({ state: 'returned', returns: [returnOn('2026-11-02')] }),
    }),
    buildCase({ id: 'c', workerIds: ['sw-1'], approvedOn: ['2026-05-31', '2026-06-01', '2026-06-20', TODAY] }),
    buildCase({ id: 'd', workerIds: [], overdueItems: 1 }),
  ];
  const actions = [
    { youngPerson: { id: 'a', restricted: false }, workerId: 'pa-1', done: false },
    { youngPerson: { id: 'a', restricted: false }, workerId: 'pa-1', done: false },
    { youngPerson: { id: 'b', restricted: true }, workerId: 'pa-1', done: true },
    { youngPerson: { id: 'c', restricted: false }, workerId: 'sw-1', done: false },
  ];
  const workers = [
    { id: 'pa-1', name: 'Ada', role: 'personal_adviser' },
    { id: 'sw-1', name: 'Sam', role: 'social_worker' },
    { id: 'pa-2', name: 'Zed', role: 'personal_adviser' },
  ];
  const [pa, sw, idle] = surgeryRows(workers, cases, actions, TODAY);
  const ids = (m: { people: readonly { id: string }[] } | null) => m?.people.map((p) => p.id);

  it.each<[string, () => unknown, unknown]>([
    [
      'cases: each allocated worker; an unallocated case in nobody’s row',
      () => [ids(pa.cases), ids(sw.cases)],
      [
        ['a', 'b'],
        ['a', 'c'],
      ],
    ],
    ['overdue counts young people, not items', () => [pa.overdue.count, sw.overdue.count], [1, 1]],
    [
      'waiting for signature: both workers of the case',
      () => [ids(pa.waitingForSignature), ids(sw.waitingForSignature)],
      [['a'], ['a']],
    ],
    ['returned, restricted record counted and flagged', () => pa.returned.people, [{ id: 'b', restricted: true }]],
    ['review requests', () => [pa.reviewRequests.count, sw.reviewRequests.count], [1, 0]],
    [
      'quality actions: open ones only, each counts, the young person once',
      () => [pa.qualityActions, ids(pa.qualityActionsFor)],
      [2, ['a']],
    ],
    [
      'quality actions: only those set for the worker',
      () => [sw.qualityActions, ids(sw.qualityActionsFor)],
      [1, ['c']],
    ],
    [
      'a worker with no cases has a row of noughts',
      () => [idle.cases.count, idle.qualityActions, idle.months.map((m) => m.approved)],
      [0, 0, [0, 0, 0, 0, 0, 0]],
    ],
  ])('%s', (_rule, actual, expected) => {
    expect(actual()).toEqual(expected);
  });

  it('counts approvals per month: the day before the first month is out, today is in, two in a month count twice', () => {
    expect(sw.months.map((m) => m.approved)).toEqual([2, 0, 0, 0, 0, 1]);
    expect(ids(sw.months[0].youngPeople)).toEqual(['c']);
  });

  it('names the young people behind each number, by part or by month, and nothing for a month not shown', () => {
    expect(ids(surgeryMeasure(pa, 'qualityActions'))).toEqual(['a']);
    expect(ids(surgeryMeasure(pa, 'overdue'))).toEqual(['a']);
    expect(ids(surgeryMeasure(sw, { month: '2026-11' }))).toEqual(['c']);
    expect(surgeryMeasure(sw, { month: '2026-05' })).toBeNull();
  });
});
