import { describe, it, expect } from 'vitest';
import {
  compareDates,
  addDays,
  addMonths,
  addWorkingDays,
  birthday,
  daysBetween,
  earliest,
  isIsoDate,
  isWorkingDay,
  latest,
  parseIsoDate,
} from '../../../src/domain/statutory/index.ts';

describe('ISO date-only values (reference §2.2: local dates, no time zones)', () => {
  it.each([
    ['2026-04-20', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-4-20', false],
    ['2026-04-20T00:00:00Z', false],
    ['0000-01-01', false],
    ['', false],
    [20260420, false],
    [null, false],
  ])('isIsoDate(%j) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('parseIsoDate throws a RangeError for an impossible date', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
    expect(parseIsoDate('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
  });

  it.each([
    ['2026-01-10', 91, '2026-04-11'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-03-29', 1, '2026-03-30'], // clocks change in the UK that night: no effect on dates
    ['2026-10-25', -1, '2026-10-24'],
  ])('addDays(%s, %i) = %s', (from, days, expected) => {
    expect(addDays(from, days)).toBe(expected);
  });

  it.each([
    ['2026-01-10', '2026-04-11', 91],
    ['2023-09-30', '2025-10-01', 732],
    ['2026-04-11', '2026-01-10', -91],
  ])('daysBetween(%s, %s) = %i (end-exclusive, as the 903 DEC − DECOM)', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it('earliest / latest ignore nulls', () => {
    expect(earliest(null, '2026-05-01', undefined, '2026-04-01')).toBe('2026-04-01');
    expect(latest('2026-05-01', null, '2026-04-01')).toBe('2026-05-01');
    expect(earliest()).toBeNull();
  });
});

describe('compareDates — order of days (reference §2.2: dates only)', () => {
  it.each([
    ['2026-11-30', '2026-12-01', -1],
    ['2026-12-01', '2026-11-30', 1],
    ['2026-11-30', '2026-11-30', 0],
    ['2025-12-31', '2026-01-01', -1],
    ['0999-01-01', '1000-01-01', -1],
  ])('%s against %s: %i', (a, b, sign) => {
    expect(Math.sign(compareDates(a, b))).toBe(sign);
  });

  it('refuses what is not written YYYY-MM-DD rather than ordering it as text', () => {
    expect(() => compareDates('2026-1-5', '2026-01-04')).toThrow(RangeError);
    expect(() => compareDates('2026-01-04', '5 Jan 2026')).toThrow(RangeError);
  });
});

describe('addMonths — calendar months with end-of-month clamping (reference §2.2(5))', () => {
  it.each([
    ['2026-03-15', 3, '2026-06-15', 'CPPCR reg 42(1) plain case'],
    ['2025-11-30', 3, '2026-02-28', '30 Nov + 3 months clamps to 28 Feb'],
    ['2023-11-30', 3, '2024-02-29', '30 Nov + 3 months clamps to 29 Feb in a leap year'],
    ['2025-08-31', 6, '2026-02-28', '31 Aug + 6 months (review, CL Regs reg 7) clamps to 28 Feb'],
    ['2027-08-31', 6, '2028-02-29', '31 Aug + 6 months clamps to 29 Feb in a leap year'],
    ['2026-01-31', 1, '2026-02-28', '31 Jan + 1 month'],
    ['2026-05-31', 1, '2026-06-30', '31 May + 1 month'],
    ['2026-12-15', 3, '2027-03-15', 'crosses the year'],
    ['2026-06-01', -3, '2026-03-01', 'negative months'],
    ['2026-05-31', -3, '2026-02-28', 'negative months clamp too'],
    ['2026-03-31', 12, '2027-03-31', 'twelve months'],
  ])('addMonths(%s, %i) = %s — %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
});

describe('birthday — attaining an age at the start of the birthday (Family Law Reform Act 1969 s9; §2.2(1))', () => {
  it.each([
    ['2010-03-15', 16, 'MAR_1', '2026-03-15'],
    ['2008-02-29', 16, 'MAR_1', '2024-02-29'], // leap year: the real birthday
    ['2008-02-29', 18, 'MAR_1', '2026-03-01'], // default: 1 March in a non-leap year
    ['2008-02-29', 18, 'FEB_28', '2026-02-28'], // council option
    ['2008-02-29', 14, 'MAR_1', '2022-03-01'],
    ['2004-02-29', 21, 'MAR_1', '2025-03-01'],
    ['2004-02-29', 20, 'FEB_28', '2024-02-29'],
    ['2000-02-29', 100, 'MAR_1', '2100-03-01'], // 2100 is not a leap year
  ] as const)('birthday(%s, %i, %s) = %s', (dob, age, leap, expected) => {
    expect(birthday(dob, age, leap)).toBe(expected);
  });

  it('defaults to 1 March', () => {
    expect(birthday('2008-02-29', 17)).toBe('2025-03-01');
  });
});

describe('working days (CPPCR reg 33 "20 working days"; significant-change review policy)', () => {
  const bankHolidays = new Set(['2026-05-25', '2026-12-25', '2026-12-28']);
  it.each<[string, number, Set<string> | undefined, string, string]>([
    ['2026-05-10', 20, undefined, '2026-06-05', 'Sunday trigger; weekends skipped'],
    ['2026-05-10', 20, bankHolidays, '2026-06-08', 'spring bank holiday skipped'],
    ['2026-05-15', 1, undefined, '2026-05-18', 'Friday + 1 working day = Monday'],
    ['2026-12-24', 1, bankHolidays, '2026-12-29', 'Christmas and the substitute holiday skipped'],
    ['2026-05-12', 0, undefined, '2026-05-12', 'zero working days'],
  ])('addWorkingDays(%s, %i) = %s — %s', (from, n, holidays, expected) => {
    expect(addWorkingDays(from, n, holidays)).toBe(expected);
  });

  it.each([
    ['2026-05-09', false],
    ['2026-05-10', false],
    ['2026-05-11', true],
    ['2026-05-25', false],
  ])('isWorkingDay(%s) with the 2026 bank holidays is %s', (date, expected) => {
    expect(isWorkingDay(date, bankHolidays)).toBe(expected);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => addWorkingDays('2026-05-11', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-05-11', 1.5)).toThrow(RangeError);
  });
});
