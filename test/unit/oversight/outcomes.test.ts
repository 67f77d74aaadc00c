// Outcomes at 19 to 21 (issue 10 §1f; issue 11 §2): in touch around the birthday (DfE SSDA903 OC3
// guidance: contact from 3 months before to 1 month after), activity and accommodation on the birthday
// (the latest recorded change on or before it), for former relevant care leavers whose 19th, 20th or
// 21st birthday fell in the 12 months ending one month before the as-at date.
import { describe, expect, it } from 'vitest';
import {
  birthdayInPeriod,
  inTouchAroundBirthday,
  inTouchWindow,
  isEetActivity,
  isFormerRelevantOn,
  latestChangeOn,
  outcomePeriod,
  outcomesAt19To21,
  type OutcomeRecord,
} from '../../../src/domain/oversight/index.ts';
import { DEFAULT_POLICY } from '../../../src/domain/statutory/index.ts';
import { AS_AT, buildYoungPerson, facts, inCare } from './builders.ts';

const ids = (m: { people: readonly { id: string }[] }) => m.people.map((p) => p.id);

describe('in touch: a contact from 3 months before to 1 month after the birthday, both ends included', () => {
  it.each([
    // Birthday 31 May: 3 months before clamps to 28 Feb (addMonths, month-end clamping).
    ['2026-05-31', '2026-02-28', true, 'first day of the window'],
    ['2026-05-31', '2026-02-27', false, 'the day before the window'],
    ['2026-05-31', '2026-06-30', true, 'last day of the window (1 month after, clamped to 30 Jun)'],
    ['2026-05-31', '2026-07-01', false, 'the day after the window'],
    ['2026-05-31', '2026-05-31', true, 'the birthday itself'],
    ['2026-03-31', '2025-12-31', true, '31 Mar: the window opens on 31 Dec'],
    ['2026-03-31', '2026-04-30', true, '31 Mar: closes on 30 Apr'],
    ['2026-03-31', '2026-05-01', false, '31 Mar: not on 1 May'],
  ])('birthday %s, contact %s: %s (%s)', (birthdayOn, contact, expected) => {
    expect(inTouchAroundBirthday([contact], birthdayOn)).toBe(expected);
  });

  it('no contact at all is not in touch', () => {
    expect(inTouchAroundBirthday([], '2026-05-31')).toBe(false);
  });

  it('the window of a 31 May birthday is 28 Feb to 30 Jun', () => {
    expect(inTouchWindow('2026-05-31')).toEqual({ from: '2026-02-28', to: '2026-06-30' });
  });

  it.each([
    // Born 29 Feb 2004: the 21st birthday is 1 Mar 2025 (MAR_1) or 28 Feb 2025 (FEB_28), reference §2.2(1).
    ['MAR_1', '2024-11-30', false],
    ['FEB_28', '2024-11-30', true],
    ['MAR_1', '2025-04-01', true],
    ['FEB_28', '2025-04-01', false],
  ] as const)('a leap-day birthday under the %s policy, contact %s: %s', (leapDayBirthday, contact, expected) => {
    const policy = { ...DEFAULT_POLICY, leapDayBirthday };
    const period = { from: '2024-06-01', to: '2025-05-31' };
    const b = birthdayInPeriod('2004-02-29', period, policy)!;
    expect(b.age).toBe(21);
    expect(inTouchAroundBirthday([contact], b.on)).toBe(expected);
  });
});

describe('activity and accommodation on the birthday: the latest change on or before it', () => {
  const changes = [
    { on: '2025-01-01', code: 'G5' },
    { on: '2026-06-01', code: 'F2' },
    { on: '2026-06-02', code: 'P5' },
  ];
  it.each([
    ['2026-06-01', 'F2', 'a change on the birthday counts'],
    ['2026-05-31', 'G5', 'a change the day after the birthday does not'],
    ['2026-07-01', 'P5', 'the latest of several'],
    ['2024-12-31', null, 'nothing recorded yet'],
  ] as [string, string | null, string][])('on %s: %s (%s)', (on, code) => {
    expect(latestChangeOn(changes, on)?.code ?? null).toBe(code);
  });

  it.each([
    ['F1', true],
    ['P1', true],
    ['F2', true],
    ['P2', true],
    ['F4', true],
    ['P4', true],
    ['F5', true],
    ['P5', true],
    ['G4', false],
    ['G5', false],
    ['G6', false],
  ])('activity %s is in education, employment or training: %s (F and P codes, 903 ACTIV)', (code, expected) => {
    expect(isEetActivity(code)).toBe(expected);
  });
});

describe('the period: birthdays in the 12 months ending one month before the as-at date', () => {
  it('on 30 Nov 2026 the period is after 30 Oct 2025 up to 30 Oct 2026', () => {
    expect(outcomePeriod(AS_AT)).toEqual({ from: '2025-10-30', to: '2026-10-30' });
  });
  it('on 31 Mar the period ends on 28 Feb (month-end clamping)', () => {
    expect(outcomePeriod('2027-03-31')).toEqual({ from: '2026-02-28', to: '2027-02-28' });
  });
});

describe('the measure on 30 Nov 2026 (period: after 30 Oct 2025, to 30 Oct 2026)', () => {
  // Each was in care from 2018 until their 18th birthday: former relevant from then (CA 1989 s23C(1)).
  const careLeaver = (id: string, dateOfBirth: string, eighteenth: string, restricted = false) =>
    buildYoungPerson({ id, dateOfBirth, restricted, careEpisodes: [inCare('2018-01-01', eighteenth)] });
  const people = [
    careLeaver('a', '2007-06-01', '2025-06-01'), // 19 on 1 Jun 2026
    careLeaver('b', '2007-07-01', '2025-07-01', true), // 19 on 1 Jul 2026, restricted, nothing good recorded
    careLeaver('c', '2006-10-30', '2024-10-30'), // 20 on 30 Oct 2026: the last day of the period
    careLeaver('d', '2004-10-30', '2022-10-30'), // 21 on 30 Oct 2025: the day before the period
    careLeaver('e', '2007-11-15', '2025-11-15'), // 19 on 15 Nov 2026: after the period (window still open)
    buildYoungPerson({ id: 'f', dateOfBirth: '2007-06-01', careEpisodes: [] }), // never looked after
    careLeaver('g', '2005-03-15', '2023-03-15'), // 21 on 15 Mar 2026
  ];
  const records: OutcomeRecord[] = [
    {
      youngPersonId: 'a',
      contactDates: ['2026-05-01'],
      activity: [{ on: '2026-01-01', code: 'F5' }],
      accommodation: [{ on: '2025-09-01', code: 'U', suitable: true }],
    },
    {
      youngPersonId: 'b',
      contactDates: ['2026-01-01'], // 6 months before: outside the window
      activity: [{ on: '2026-01-01', code: 'G5' }],
      accommodation: [{ on: '2026-01-01', code: 'S', suitable: false }],
    },
    {
      youngPersonId: 'c',
      contactDates: ['2026-11-20'], // after the period, inside the window (to 30 Nov)
      activity: [{ on: '2025-01-01', code: 'P2' }],
      accommodation: [],
    },
    { youngPersonId: 'd', contactDates: ['2025-10-30'], activity: [], accommodation: [] },
    { youngPersonId: 'e', contactDates: ['2026-11-15'], activity: [], accommodation: [] },
    { youngPersonId: 'f', contactDates: ['2026-06-01'], activity: [], accommodation: [] },
    {
      youngPersonId: 'g',
      contactDates: ['2025-12-15'], // exactly 3 months before
      activity: [
        { on: '2025-01-01', code: 'G5' },
        { on: '2026-03-16', code: 'F1' }, // the day after: not on the birthday
      ],
      accommodation: [
        { on: '2025-01-01', code: 'W', suitable: false },
        { on: '2026-03-15', code: 'U', suitable: true }, // on the birthday
      ],
    },
  ];
  const t = outcomesAt19To21(facts(people), records, AS_AT);

  it('counts former relevant care leavers whose birthday fell in the period, by age', () => {
    expect(ids(t.total.careLeavers)).toEqual(['a', 'b', 'c', 'g']);
    expect(t.ages.map((r) => [r.age, ids(r.careLeavers)])).toEqual([
      [19, ['a', 'b']],
      [20, ['c']],
      [21, ['g']],
    ]);
    expect(t.total.careLeavers.people.find((p) => p.id === 'b')?.restricted).toBe(true);
  });

  it.each([
    ['inTouch', ['a', 'c', 'g'], 'percentInTouch', 75],
    ['inEet', ['a', 'c'], 'percentInEet', 50],
    ['inSuitableAccommodation', ['a', 'g'], 'percentInSuitableAccommodation', 50],
  ] as const)('%s: %j, %s %d', (part, who, percent, value) => {
    expect(ids(t.total[part])).toEqual(who);
    expect(t.total[percent]).toBe(value);
  });

  it('the 21st birthday counts: former relevant 21 to 25 from that day is still former relevant', () => {
    expect(isFormerRelevantOn(people[6], '2026-03-15')).toBe(true);
    expect(isFormerRelevantOn(people[5], '2026-06-01')).toBe(false);
  });

  it('shows the national figures of reference §4 (19 to 21, 2025), with no in-touch figure published', () => {
    expect(t.national).toEqual({ year: 2025, inTouch: null, eet: 54, suitable: 89 });
  });

  it('with nobody in the period the percentages are null, not 0 %', () => {
    const empty = outcomesAt19To21(facts([]), [], AS_AT);
    expect(empty.total.percentInTouch).toBeNull();
  });
});
