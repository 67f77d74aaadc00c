// The 12-month trend (issue 10 §1): 12 evaluations of one pure measure, on the
// month-ends before the as-at date's month and on the as-at date itself.
import { describe, expect, it } from 'vitest';
import { monthEnd, plansForLookedAfter16And17, trendDates, trendOf } from '../../../src/domain/oversight/index.ts';
import { buildPlanHistory, buildYoungPerson, facts } from './builders.ts';

describe('month-ends', () => {
  it.each([
    ['2026-11-15', '2026-11-30'],
    ['2026-02-01', '2026-02-28'],
    ['2024-02-10', '2024-02-29'], // leap year
    ['2026-12-31', '2026-12-31'],
  ])('%s → %s', (date, end) => expect(monthEnd(date)).toBe(end));
});

describe('trend dates: 11 month-ends, then the as-at date, oldest first', () => {
  it.each<[string, string, string, string[]]>([
    ['as-at a month-end: 12 month-ends', '2026-11-30', '2025-12-31', ['2026-10-31', '2026-11-30']],
    ['as-at mid-month: ends on the as-at date', '2026-03-15', '2025-04-30', ['2026-02-28', '2026-03-15']],
    ['leap February', '2024-03-31', '2023-04-30', ['2024-02-29', '2024-03-31']],
  ])('%s', (_rule, asAt, first, lastTwo) => {
    const dates = trendDates(asAt);
    expect(dates).toHaveLength(12);
    expect(dates[0]).toBe(first);
    expect(dates.slice(10)).toEqual(lastTwo);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('a trend is the same pure measure on each date', () => {
  it('counts a young person from the month-end after their 16th birthday', () => {
    const yp = buildYoungPerson({ dateOfBirth: '2010-06-15' });
    const f = facts([yp], [buildPlanHistory(yp.id, ['2026-07-01'])]);
    const trend = trendOf('2026-11-30', (on) => plansForLookedAfter16And17(f, on).allTeams);
    expect(trend.map((p) => [p.on, p.value.youngPeople.count, p.value.planInDate.count])).toEqual([
      ['2025-12-31', 0, 0],
      ['2026-01-31', 0, 0],
      ['2026-02-28', 0, 0],
      ['2026-03-31', 0, 0],
      ['2026-04-30', 0, 0],
      ['2026-05-31', 0, 0],
      ['2026-06-30', 1, 0],
      ['2026-07-31', 1, 1],
      ['2026-08-31', 1, 1],
      ['2026-09-30', 1, 1],
      ['2026-10-31', 1, 1],
      ['2026-11-30', 1, 1],
    ]);
  });
});
