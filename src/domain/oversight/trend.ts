// The 12-month trend: the same pure measure evaluated on 12 dates. Until the
// month-end snapshots exist (issue 10, part 6) this is the definition a
// snapshot query must reproduce.

import { addDays, addMonths, parseIsoDate, type IsoDate } from '../statutory/index.ts';

/** Last day of the month that `date` falls in. */
export function monthEnd(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return addDays(addMonths(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`, 1), -1);
}

/**
 * Twelve dates, oldest first: the month-ends of the 11 months before the
 * as-at date's month, then the as-at date itself (itself a month-end when
 * `asAt` is one) — so the trend ends on the number the page shows.
 */
export function trendDates(asAt: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let back = 11; back >= 1; back -= 1) dates.push(monthEnd(addMonths(asAt, -back)));
  dates.push(asAt);
  return dates;
}

export interface TrendPoint<T> {
  readonly on: IsoDate;
  readonly value: T;
}

/** A measure on each trend date. */
export function trendOf<T>(asAt: IsoDate, measure: (on: IsoDate) => T): TrendPoint<T>[] {
  return trendDates(asAt).map((on) => ({ on, value: measure(on) }));
}
