// Flow (issue 10, part 1g): approvals per month, median days from starting a
// review to approval, and plans waiting for approval on the as-at date.
import { describe, expect, it } from 'vitest';
import { median, planFlow, twelveMonthsTo, waitingSinceOn } from '../../../src/domain/oversight/index.ts';
import { buildPlanHistory, buildReview, buildYoungPerson, facts } from './builders.ts';

const AS_AT = '2026-11-15'; // mid-month, so the last month is partial

describe('the 12 calendar months up to the as-at date, the last running to the as-at date', () => {
  it('starts on the first of the month 11 months back and ends on the as-at date', () => {
    const months = twelveMonthsTo(AS_AT);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: '2025-12', from: '2025-12-01', to: '2025-12-31' });
    expect(months[2]).toEqual({ month: '2026-02', from: '2026-02-01', to: '2026-02-28' });
    expect(months[11]).toEqual({ month: '2026-11', from: '2026-11-01', to: AS_AT });
  });
});

describe('plans approved per month (each approved version counts; the young people behind them once each)', () => {
  const flow = planFlow(
    facts(
      [buildYoungPerson({ id: 'a' }), buildYoungPerson({ id: 'r', restricted: true })],
      [
        buildPlanHistory('a', ['2025-11-30', '2025-12-01', '2025-12-20', AS_AT, '2026-11-16']),
        buildPlanHistory('r', ['2026-11-02']),
      ],
    ),
    AS_AT,
  );
  it.each<[string, string, number, string[]]>([
    ['the day before the first month is outside; two in December by one young person', '2025-12', 2, ['a']],
    ['an approval on the as-at date counts; the day after does not; restricted counted', '2026-11', 2, ['a', 'r']],
    ['a month with none', '2026-06', 0, []],
  ])('%s', (_rule, month, approved, ids) => {
    const m = flow.approvedPerMonth.find((x) => x.month === month)!;
    expect(m.approved).toBe(approved);
    expect(m.youngPeople.people.map((p) => p.id)).toEqual(ids);
  });
  it('flags the restricted young person in the list', () => {
    expect(flow.approvedPerMonth[11].youngPeople.people).toContainEqual({ id: 'r', restricted: true });
  });
});

describe('median days from starting a review to its approval, over reviews approved in the 12 months', () => {
  it.each<[string, number[], number | null]>([
    ['odd count: the middle', [40, 10, 20], 20],
    ['even count: the mean of the middle two', [10, 20, 30, 45], 25],
    ['none: null, not 0', [], null],
  ])('%s', (_rule, values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('uses only reviews approved between the first day of the 12 months and the as-at date', () => {
    const flow = planFlow(
      facts(
        [buildYoungPerson({ id: 'a' })],
        [
          buildPlanHistory(
            'a',
            [],
            [
              buildReview({ id: 'in-1', startedOn: '2026-01-01', approvedOn: '2026-01-11' }), // 10 days
              buildReview({ id: 'in-2', startedOn: '2026-03-01', approvedOn: '2026-03-31' }), // 30 days
              buildReview({ id: 'in-3', startedOn: '2026-11-01', approvedOn: AS_AT }), // 14 days
              buildReview({ id: 'before', startedOn: '2025-11-01', approvedOn: '2025-11-30' }),
              buildReview({ id: 'after', startedOn: '2026-11-01', approvedOn: '2026-11-16' }),
              buildReview({ id: 'open', startedOn: '2026-01-01' }),
            ],
          ),
        ],
      ),
      AS_AT,
    );
    expect(flow.medianDaysStartToApproval).toBe(14);
    expect(flow.reviewsApproved).toBe(3);
    expect(flow.reviewsApprovedFor.people).toEqual([{ id: 'a', restricted: false }]);
  });
});

describe('waiting for approval on the as-at date: sent more often than returned, not yet approved', () => {
  it.each<[string, Parameters<typeof buildReview>[0], string | null]>([
    [
      'sent, no answer yet: waiting since sent',
      { id: 'r', startedOn: '2026-10-01', submittedForApprovalOn: ['2026-11-01'] },
      '2026-11-01',
    ],
    [
      'sent, returned, sent again: waiting since the second sending',
      {
        id: 'r',
        startedOn: '2026-09-01',
        submittedForApprovalOn: ['2026-10-01', '2026-10-20'],
        returnedOn: ['2026-10-05'],
      },
      '2026-10-20',
    ],
    [
      'sent and returned the same day: not waiting',
      { id: 'r', startedOn: '2026-10-01', submittedForApprovalOn: ['2026-11-10'], returnedOn: ['2026-11-10'] },
      null,
    ],
    [
      'returned and sent again the same day: waiting',
      {
        id: 'r',
        startedOn: '2026-10-01',
        submittedForApprovalOn: ['2026-11-01', '2026-11-10'],
        returnedOn: ['2026-11-10'],
      },
      '2026-11-10',
    ],
    [
      'approved on the as-at date: not waiting',
      { id: 'r', startedOn: '2026-10-01', submittedForApprovalOn: ['2026-11-01'], approvedOn: AS_AT },
      null,
    ],
    [
      'approved after the as-at date: waiting on it',
      { id: 'r', startedOn: '2026-10-01', submittedForApprovalOn: ['2026-11-01'], approvedOn: '2026-11-20' },
      '2026-11-01',
    ],
    [
      'returned after the as-at date: waiting on it',
      { id: 'r', startedOn: '2026-10-01', submittedForApprovalOn: ['2026-11-01'], returnedOn: ['2026-11-16'] },
      '2026-11-01',
    ],
    [
      'sent only after the as-at date: not waiting',
      { id: 'r', startedOn: '2026-10-01', submittedForApprovalOn: ['2026-11-16'] },
      null,
    ],
    ['never sent: not waiting', { id: 'r', startedOn: '2026-10-01' }, null],
  ])('%s', (_rule, review, since) => {
    expect(waitingSinceOn(buildReview(review), AS_AT)).toBe(since);
  });

  it('lists the waiting plans oldest first, with the oldest and its days waiting', () => {
    const flow = planFlow(
      facts(
        [buildYoungPerson({ id: 'a' }), buildYoungPerson({ id: 'r', restricted: true })],
        [
          buildPlanHistory(
            'a',
            [],
            [buildReview({ id: 'ra', startedOn: '2026-10-01', submittedForApprovalOn: ['2026-11-05'] })],
          ),
          buildPlanHistory(
            'r',
            [],
            [buildReview({ id: 'rr', startedOn: '2026-09-01', submittedForApprovalOn: ['2026-10-16'] })],
          ),
        ],
      ),
      AS_AT,
    );
    expect(flow.waitingForApproval.count).toBe(2);
    expect(flow.waiting.map((w) => w.reviewId)).toEqual(['rr', 'ra']);
    expect(flow.oldestWaiting).toEqual({
      reviewId: 'rr',
      youngPerson: { id: 'r', restricted: true },
      waitingSince: '2026-10-16',
      daysWaiting: 30,
    });
  });

  it('with nothing waiting: count 0 and no oldest', () => {
    const flow = planFlow(facts([]), AS_AT);
    expect(flow.waitingForApproval.count).toBe(0);
    expect(flow.oldestWaiting).toBeNull();
    expect(flow.medianDaysStartToApproval).toBeNull();
    expect(flow.approvedPerMonth.map((m) => m.approved)).toEqual(Array(12).fill(0));
  });
});
