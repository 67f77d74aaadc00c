// The order of a caseload or team list (src/services/records.ts, byUrgency): most urgent first,
// then by date, then by name, so a worker's list reads the same way every time.
import { describe, expect, it } from 'vitest';
import { byUrgency } from '../../../src/services/records.ts';
import type { StatutoryView } from '../../../src/services/statutory.ts';

type Row = Parameters<typeof byUrgency>[0];

function row(name: string, urgency: StatutoryView['urgency'], next: { code: string; on: string } | null): Row {
  const [givenName, familyName] = name.split(' ');
  return { givenName, familyName, statutory: { urgency, next } as unknown as StatutoryView };
}

describe('a list is ordered most urgent first, then by date, then by name', () => {
  it.each([
    [
      'overdue before everything, the oldest first',
      [
        row('Amy Able', 'due-soon', { code: 'REVIEW', on: '2026-12-01' }),
        row('Ben Best', 'overdue', { code: 'REVIEW', on: '2026-10-01' }),
        row('Cal Cole', 'overdue', { code: 'REVIEW', on: '2026-09-01' }),
      ],
      ['Cal Cole', 'Ben Best', 'Amy Able'],
    ],
    [
      'a review brought forward (to arrange now) before other due items, even sooner ones',
      [
        row('Amy Able', 'due-soon', { code: 'REVIEW', on: '2026-11-25' }),
        row('Ben Best', 'on-track', { code: 'UNSCHEDULED_REVIEW', on: '2026-12-20' }),
      ],
      ['Ben Best', 'Amy Able'],
    ],
    [
      'nothing due last',
      [row('Amy Able', null, null), row('Ben Best', 'on-track', { code: 'REVIEW', on: '2027-03-01' })],
      ['Ben Best', 'Amy Able'],
    ],
    [
      'the same date: by family name, then given name, ignoring case',
      [
        row('Zoe smith', 'on-track', { code: 'REVIEW', on: '2027-01-01' }),
        row('Adam Smith', 'on-track', { code: 'REVIEW', on: '2027-01-01' }),
        row('Yusuf Ahmed', 'on-track', { code: 'REVIEW', on: '2027-01-01' }),
      ],
      ['Yusuf Ahmed', 'Adam Smith', 'Zoe smith'],
    ],
    [
      'nothing due: by name, ignoring accents',
      [row('Chloé Évans', null, null), row('Dan Evans', null, null), row('Eve Ellis', null, null)],
      ['Eve Ellis', 'Chloé Évans', 'Dan Evans'],
    ],
  ])('%s', (_name, rows, expected) => {
    expect([...rows].sort(byUrgency).map((r) => `${r.givenName} ${r.familyName}`)).toEqual(expected);
  });
});
