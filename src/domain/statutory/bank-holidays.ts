// Bank holidays in England and Wales, for counting working days (Banking and Financial Dealings
// Act 1971 Sch 1, and the dates fixed each year by proclamation). Worked out by rule, with the
// one-off changes listed; the year's dates are published by the Cabinet Office.
import { addDays, type BankHolidays, type IsoDate } from './dates.ts';

const iso = (y: number, m: number, d: number): IsoDate =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const weekday = (d: IsoDate) => new Date(`${d}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

const firstMonday = (y: number, m: number) => {
  let d = iso(y, m, 1);
  while (weekday(d) !== 1) d = addDays(d, 1);
  return d;
};
const lastMonday = (y: number, m: number) => {
  let d = addDays(iso(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1), -1);
  while (weekday(d) !== 1) d = addDays(d, -1);
  return d;
};

/** One-off changes by proclamation: [moved from, moved to] and extra days. */
const MOVED: Record<number, [IsoDate, IsoDate][]> = {
  2020: [['2020-05-04', '2020-05-08']], // VE Day 75th anniversary
  2022: [['2022-05-30', '2022-06-02']], // Platinum Jubilee
};
const EXTRA: Record<number, IsoDate[]> = {
  2022: ['2022-06-03', '2022-09-19'], // Platinum Jubilee; State Funeral of Queen Elizabeth II
  2023: ['2023-05-08'], // Coronation of King Charles III
};

export function englandAndWalesBankHolidays(year: number): IsoDate[] {
  const easter = easterSunday(year);
  const days: IsoDate[] = [];
  // New Year's Day: if at a weekend, the next Monday.
  let newYear = iso(year, 1, 1);
  while (weekday(newYear) === 0 || weekday(newYear) === 6) newYear = addDays(newYear, 1);
  days.push(
    newYear,
    addDays(easter, -2),
    addDays(easter, 1),
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
  );
  // Christmas and Boxing Day: a weekend day moves to the next free weekday.
  const christmas = iso(year, 12, 25);
  const boxing = iso(year, 12, 26);
  const wc = weekday(christmas);
  if (wc === 6)
    days.push(iso(year, 12, 27), iso(year, 12, 28)); // Sat, Sun → Mon, Tue
  else if (wc === 0)
    days.push(iso(year, 12, 26), iso(year, 12, 27)); // Sun, Mon → Mon (Boxing), Tue
  else if (wc === 5)
    days.push(christmas, iso(year, 12, 28)); // Fri, Sat → Fri, Mon
  else days.push(christmas, boxing);
  for (const [from, to] of MOVED[year] ?? []) days.splice(days.indexOf(from), 1, to);
  days.push(...(EXTRA[year] ?? []));
  return days.sort();
}

/** Every bank holiday in the years given, as the set the working-day rules take. */
export function bankHolidaysFor(fromYear: number, toYear: number): BankHolidays {
  const all = new Set<IsoDate>();
  for (let y = fromYear; y <= toYear; y++) for (const d of englandAndWalesBankHolidays(y)) all.add(d);
  return all;
}

/** The bank holidays the service counts working days with: a wide span, worked out once (pure data). */
export const ENGLAND_AND_WALES: BankHolidays = bankHolidaysFor(2000, 2050);
