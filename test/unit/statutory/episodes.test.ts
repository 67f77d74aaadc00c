import { describe, it, expect } from 'vitest';
import {
  daysLookedAfter,
  firstDayThirteenWeeksMet,
  isLookedAfterOn,
  isShortBreak,
  lastCareEnd,
  shortBreaksExceedReg48,
  type CareEpisode,
} from '../../../src/domain/statutory/index.ts';

const ep = (start: string, end: string | null, extra: Partial<CareEpisode> = {}): CareEpisode => ({
  start,
  end,
  ...extra,
});

describe('counting days looked after since 14 — §2.3 count(to); CPPCR 2010 reg 40(1); SSDA903 validator 1001', () => {
  const since14 = '2024-01-10';
  it.each<[string, CareEpisode[], string, number]>([
    ['end-exclusive: [S, S+91) is 91 days', [ep('2025-01-01', '2025-04-02')], '2026-01-01', 91],
    ['open episode runs to the count date', [ep('2026-01-10', null)], '2026-04-11', 91],
    ['count stops before `to` (days in [14th birthday, to))', [ep('2026-01-10', null)], '2026-04-10', 90],
    ['days before the 14th birthday are clipped', [ep('2023-12-01', '2024-01-20')], '2026-01-01', 10],
    ['an episode wholly before 14 counts nothing', [ep('2023-01-01', '2023-06-01')], '2026-01-01', 0],
    [
      'breaks between episodes are allowed; periods add up',
      [ep('2024-02-01', '2024-03-02'), ep('2025-01-01', '2025-03-02')],
      '2026-01-01',
      30 + 60,
    ],
    [
      'short breaks (LS V3/V4) are excluded — reg 40(2)',
      [ep('2024-02-01', '2024-03-02'), ep('2024-05-01', '2024-05-11', { legalStatus: 'V3' })],
      '2026-01-01',
      30,
    ],
    [
      'overlapping episodes count each day once',
      [ep('2024-02-01', '2024-03-02'), ep('2024-02-15', '2024-03-10')],
      '2026-01-01',
      38,
    ],
    ['an episode of 0 days (DEC = DECOM) counts nothing', [ep('2024-02-01', '2024-02-01')], '2026-01-01', 0],
  ])('%s', (_name, episodes, to, expected) => {
    expect(daysLookedAfter(episodes, since14, to)).toBe(expected);
  });
});

describe('looked after on a day — DECOM ≤ day < DEC (903 end-exclusive convention, §2.2(2))', () => {
  const episodes = [ep('2025-01-01', '2025-04-02'), ep('2025-06-01', null)];
  it.each([
    ['2024-12-31', false],
    ['2025-01-01', true],
    ['2025-04-01', true],
    ['2025-04-02', false], // DEC: no longer looked after
    ['2025-06-01', true],
    ['2030-01-01', true], // open
  ])('%s → %s', (day, expected) => {
    expect(isLookedAfterOn(episodes, day)).toBe(expected);
  });

  it('lastCareEnd is the latest DEC, or null while an episode is open', () => {
    expect(lastCareEnd([ep('2025-01-01', '2025-04-02'), ep('2024-01-01', '2024-02-01')])).toBe('2025-04-02');
    expect(lastCareEnd(episodes)).toBeNull();
    expect(lastCareEnd([ep('2025-01-01', '2025-02-01', { legalStatus: 'V4' })])).toBeNull();
  });
});

describe('first day 13 weeks are met — "eligibility starts on the day after the 91st day" (§2.2(3), CPPCR reg 40(1))', () => {
  // Child born 2010-01-10: 14th birthday 2024-01-10, 16th 2026-01-10, 18th 2028-01-10.
  const [b14, b16, b18] = ['2024-01-10', '2026-01-10', '2028-01-10'];
  it.each<[string, CareEpisode[], string | null]>([
    ['entered on the 16th birthday: 16th birthday + 91 days (TC02)', [ep('2026-01-10', null)], '2026-04-11'],
    ['in care long before 16: the 16th birthday', [ep('2024-06-01', null)], '2026-01-10'],
    ['periods add up across a break', [ep('2025-01-01', '2025-03-02'), ep('2026-03-01', null)], '2026-04-01'],
    [
      '13 weeks done before 16, back in care after 16: the day care resumes',
      [ep('2024-06-01', '2025-01-01'), ep('2026-05-01', null)],
      '2026-05-01',
    ],
    ['ends before 13 weeks are reached: never', [ep('2026-01-10', '2026-04-10')], null],
    ['exactly 91 days then leaves: no day looked after with 13 weeks done', [ep('2026-01-10', '2026-04-11')], null],
    ['entering too close to 18: never before 18', [ep('2027-11-01', null)], null],
    ['short breaks never count', [ep('2025-01-01', null, { shortBreak: true })], null],
  ])('%s', (_name, episodes, expected) => {
    expect(firstDayThirteenWeeksMet(episodes, b14, b16, b18)).toBe(expected);
  });
});

describe('short breaks — CPPCR 2010 reg 40(2) and reg 48', () => {
  it.each<[string, CareEpisode, boolean]>([
    ['LS V3', ep('2025-01-01', '2025-01-03', { legalStatus: 'V3' }), true],
    ['LS V4', ep('2025-01-01', '2025-01-03', { legalStatus: 'V4' }), true],
    ['LS v4 written in lower case', ep('2025-01-01', '2025-01-03', { legalStatus: 'v4' }), true],
    ['flagged shortBreak: true', ep('2025-01-01', '2025-01-03', { shortBreak: true }), true],
    ['LS V2 (single s20 placement)', ep('2025-01-01', '2025-01-03', { legalStatus: 'V2' }), false],
    ['LS C2 (care order)', ep('2025-01-01', '2025-01-03', { legalStatus: 'C2' }), false],
    ['no legal status', ep('2025-01-01', '2025-01-03'), false],
  ])('%s → short break %s', (_name, episode, expected) => {
    expect(isShortBreak(episode)).toBe(expected);
  });

  const sb = (start: string, end: string | null) => ep(start, end, { legalStatus: 'V3' });
  it.each<[string, CareEpisode[], number | null, boolean]>([
    [
      'TC06 breaks: within the limits',
      [sb('2024-01-01', '2024-01-05'), sb('2025-02-01', '2025-02-10'), sb('2025-06-05', '2025-06-12')],
      17,
      false,
    ],
    ['one stay of 18 days breaks the 17-day cap of reg 48 as made', [sb('2025-01-01', '2025-01-19')], 17, true],
    ['one stay of 17 days is within the cap', [sb('2025-01-01', '2025-01-18')], 17, false],
    ['no single-stay cap (amended text): 18 days is fine', [sb('2025-01-01', '2025-01-19')], null, false],
    [
      '76 days in 12 months breaks the 75-day limit',
      [
        sb('2025-01-01', '2025-01-17'),
        sb('2025-03-01', '2025-03-17'),
        sb('2025-05-01', '2025-05-17'),
        sb('2025-07-01', '2025-07-17'),
        sb('2025-09-01', '2025-09-13'),
      ],
      17,
      true,
    ],
    [
      '75 days in 12 months is within the limit',
      [
        sb('2025-01-01', '2025-01-17'),
        sb('2025-03-01', '2025-03-17'),
        sb('2025-05-01', '2025-05-17'),
        sb('2025-07-01', '2025-07-17'),
        sb('2025-09-01', '2025-09-12'),
      ],
      17,
      false,
    ],
    [
      '80 days spread over two years is within the limit',
      [
        sb('2024-01-01', '2024-01-17'),
        sb('2024-03-01', '2024-03-17'),
        sb('2024-05-01', '2024-05-17'),
        sb('2025-02-01', '2025-02-17'),
        sb('2025-06-01', '2025-06-17'),
      ],
      17,
      false,
    ],
  ])('%s', (_name, episodes, cap, expected) => {
    expect(shortBreaksExceedReg48(episodes, '2026-01-01', cap)).toBe(expected);
  });
});
