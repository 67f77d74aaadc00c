// Working days exclude bank holidays in England and Wales (Banking and Financial Dealings Act 1971 Sch 1;
// dates as published by the Cabinet Office for each year).
import { describe, expect, it } from 'vitest';
import { addWorkingDays, bankHolidaysFor, englandAndWalesBankHolidays } from '../../../src/domain/statutory/index.ts';

describe('englandAndWalesBankHolidays', () => {
  it.each([
    [
      2020,
      ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
    ],
    [
      2022,
      [
        '2022-01-03',
        '2022-04-15',
        '2022-04-18',
        '2022-05-02',
        '2022-06-02',
        '2022-06-03',
        '2022-08-29',
        '2022-09-19',
        '2022-12-26',
        '2022-12-27',
      ],
    ],
    [
      2023,
      [
        '2023-01-02',
        '2023-04-07',
        '2023-04-10',
        '2023-05-01',
        '2023-05-08',
        '2023-05-29',
        '2023-08-28',
        '2023-12-25',
        '2023-12-26',
      ],
    ],
    [
      2024,
      ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
    ],
    [
      2025,
      ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    ],
    [
      2026,
      ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    ],
    [
      2027,
      ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    ],
  ])('%i', (year, expected) => {
    expect(englandAndWalesBankHolidays(year)).toEqual(expected);
  });
});

describe('working days skip weekends and bank holidays', () => {
  const holidays = bankHolidaysFor(2025, 2028);
  it.each([
    ['a request on Monday 23 Nov 2026: 20 working days, no holidays', '2026-11-23', '2026-12-21'],
    [
      'a request on Friday 11 Dec 2026: Christmas, the Boxing Day substitute and New Year are skipped',
      '2026-12-11',
      '2027-01-13',
    ],
    ['a request on Thursday 2 Apr 2026: Good Friday and Easter Monday are skipped', '2026-04-02', '2026-05-05'],
  ])('%s', (_name, from, expected) => {
    expect(addWorkingDays(from, 20, holidays)).toBe(expected);
  });
});
