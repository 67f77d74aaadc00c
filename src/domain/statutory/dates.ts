// Calendar-date arithmetic for statutory timescales.
// Dates are ISO 'YYYY-MM-DD' strings with no time and no zone; internally a
// date is a whole day number counted in UTC, so no local-time shift can move
// a deadline by a day (reference §2.2).

/** An ISO calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

/** How a 29 February birthday falls in a non-leap year (reference §2.2(1)). */
export type LeapDayPolicy = 'MAR_1' | 'FEB_28';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * Pure functions of a date remember what they found: the figures derive the same young people's
 * dates on many days (a 12-month trend), so the same few thousand dates are parsed, moved and
 * formatted again and again. Cleared when full, so a cache never grows without bound.
 */
function memo<K, V>(limit = 50_000) {
  const known = new Map<K, V>();
  return (key: K, make: () => V): V => {
    const found = known.get(key);
    if (found !== undefined) return found;
    const made = make();
    if (known.size >= limit) known.clear();
    known.set(key, made);
    return made;
  };
}
const parsed = memo<string, Readonly<CalendarDate>>();

function split(value: string): CalendarDate | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a real calendar date written 'YYYY-MM-DD' (so '2026-02-30' is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && split(value) !== null;
}

/** Parses 'YYYY-MM-DD'; throws a RangeError for anything that is not a real date. */
export function parseIsoDate(value: string): Readonly<CalendarDate> {
  return parsed(value, () => {
    const parts = split(value);
    if (!parts) throw new RangeError(`Not a real date in the form YYYY-MM-DD: ${JSON.stringify(value)}`);
    return Object.freeze(parts);
  });
}

function format({ year, month, day }: CalendarDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Lists recompute the same few hundred dates for every young person: remember each parse.
const dayNumbers = memo<string, number>();

/** Whole days since 1970-01-01 (UTC). */
export function toDayNumber(date: IsoDate): number {
  return dayNumbers(date, () => {
    const { year, month, day } = parseIsoDate(date);
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years < 100 literal
    return Math.round(utc.getTime() / MS_PER_DAY);
  });
}

export function fromDayNumber(dayNumber: number): IsoDate {
  return fromDayNumbers(dayNumber, () => {
    const utc = new Date(dayNumber * MS_PER_DAY);
    return format({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
  });
}
const fromDayNumbers = memo<number, IsoDate>();

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Days from `from` to `to` (to − from); end-exclusive, as the 903 return counts DEC − DECOM. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Calendar months with end-of-month clamping (reference §2.2(5)):
 * 30 Nov + 3 months = 28/29 Feb; 31 Aug + 6 months = 28/29 Feb.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return monthsAdded(`${date}|${months}`, () => monthsAfter(date, months));
}
const monthsAdded = memo<string, IsoDate>();

function monthsAfter(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return format({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/**
 * The day a person attains `age` (Family Law Reform Act 1969 s9: at the start
 * of the birthday). English law is silent on 29 February births in non-leap
 * years; the default is 1 March, 28 February is a council option (§2.2(1)).
 */
export function birthday(dateOfBirth: IsoDate, age: number, leapDay: LeapDayPolicy = 'MAR_1'): IsoDate {
  return birthdays(`${dateOfBirth}|${age}|${leapDay}`, () => birthdayOn(dateOfBirth, age, leapDay));
}
const birthdays = memo<string, IsoDate>();

function birthdayOn(dateOfBirth: IsoDate, age: number, leapDay: LeapDayPolicy): IsoDate {
  const { year, month, day } = parseIsoDate(dateOfBirth);
  const y = year + age;
  if (month === 2 && day === 29 && !isLeapYear(y)) {
    return leapDay === 'MAR_1' ? format({ year: y, month: 3, day: 1 }) : format({ year: y, month: 2, day: 28 });
  }
  return format({ year: y, month, day });
}

const isoShaped = (d: string) => d.length === 10 && d[4] === '-' && d[7] === '-';

/**
 * Negative, zero or positive as `a` is before, on or after `b`. Dates written 'YYYY-MM-DD' order as
 * their text does, so they are compared without parsing: this runs for every young person on every
 * list and figure. Anything not shaped so is parsed, and refused if it is not a date.
 */
export function compareDates(a: IsoDate, b: IsoDate): number {
  if (isoShaped(a) && isoShaped(b)) return a < b ? -1 : a > b ? 1 : 0;
  return toDayNumber(a) - toDayNumber(b);
}

export function earliest(...dates: readonly (IsoDate | null | undefined)[]): IsoDate | null {
  let best: IsoDate | null = null;
  for (const d of dates) if (d != null && (best === null || compareDates(d, best) < 0)) best = d;
  return best;
}

export function latest(...dates: readonly (IsoDate | null | undefined)[]): IsoDate | null {
  let best: IsoDate | null = null;
  for (const d of dates) if (d != null && (best === null || compareDates(d, best) > 0)) best = d;
  return best;
}

/** Bank holidays are data, so they are passed in (e.g. the gov.uk England and Wales list). */
export type BankHolidays = ReadonlySet<IsoDate>;
export const NO_BANK_HOLIDAYS: BankHolidays = new Set<IsoDate>();

export function isWorkingDay(date: IsoDate, bankHolidays: BankHolidays = NO_BANK_HOLIDAYS): boolean {
  const weekday = new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !bankHolidays.has(date);
}

/**
 * The `n`th working day after `date` ("within 20 working days of X"): X itself
 * is not counted, weekends and the given bank holidays are skipped.
 */
export function addWorkingDays(date: IsoDate, n: number, bankHolidays: BankHolidays = NO_BANK_HOLIDAYS): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0 (got ${n})`);
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, bankHolidays)) counted += 1;
  }
  return day;
}
