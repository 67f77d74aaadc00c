// Dates on a young person's pages in their language (issue 12 §5), always on the Gregorian calendar the
// UK uses: Dari's and Pashto's default calendar is the Persian solar one, where 30 November 2026 is in 1405.
import { describe, expect, it } from 'vitest';
import { dateIn } from '../../../src/http/presenters/dates.ts';

describe('dateIn', () => {
  it.each([
    ['en', 'date', '30 November 2026'],
    [undefined, 'date', '30 November 2026'],
    ['en', 'shortDate', '30 Nov 2026'],
    ['fa-AF', 'date', '۲۰۲۶'],
    ['ps', 'date', '۲۰۲۶'],
    ['ar', 'date', 'نوفمبر'],
    ['ti', 'date', '2026'],
  ] as const)('%s %s of 2026-11-30 has %s', (lang, kind, expected) => {
    const text = dateIn(lang, kind, '2026-11-30');
    expect(text).toContain(expected);
    expect(text).not.toMatch(/1405|۱۴۰۵/);
  });

  it('gives UK time for a moment, and nothing for no date', () => {
    expect(dateIn('en', 'dateTime', new Date('2026-07-01T12:05:00Z'))).toBe('1 Jul 2026, 13:05');
    expect(dateIn('ar', 'date', null)).toBe('');
    expect(dateIn('en', 'dateTime', undefined)).toBe('');
  });
});
