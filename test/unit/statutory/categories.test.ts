// Category edge cases beyond the §2.4 table, each naming its rule.
import { describe, it, expect } from 'vitest';
import {
  DEFAULT_POLICY,
  deriveCategory,
  type CareEpisode,
  type CareHistory,
  type CareLeaverCategory,
  type CategoryDerivation,
  type LocalPolicy,
} from '../../../src/domain/statutory/index.ts';

const open = (start: string, legalStatus = 'C2'): CareEpisode => ({ start, end: null, legalStatus });
const closed = (start: string, end: string, legalStatus = 'C2'): CareEpisode => ({ start, end, legalStatus });

function buildHistory(props: Pick<CareHistory, 'dateOfBirth' | 'asOf'> & Partial<CareHistory>): CareHistory {
  return { episodes: [], ...props };
}

const FEB_28: LocalPolicy = { ...DEFAULT_POLICY, leapDayBirthday: 'FEB_28' };

interface Row {
  name: string;
  history: CareHistory;
  policy?: LocalPolicy;
  category: CareLeaverCategory;
  expected?: Partial<CategoryDerivation>;
}

const table = (rows: Row[]) => rows;

describe.each([
  {
    rule: 'leap-day birthdays (§2.2(1)) — 29 Feb falls on 1 March by default, 28 Feb by council option',
    rows: table([
      {
        name: 'born 29 Feb 2008, left care 28 Feb 2026: still 17 under MAR_1 → relevant (s23A)',
        history: buildHistory({
          dateOfBirth: '2008-02-29',
          asOf: '2026-02-28',
          episodes: [closed('2020-01-01', '2026-02-28')],
        }),
        category: 'RELEVANT',
        expected: { relevantFrom: '2026-02-28', formerRelevantFrom: '2026-03-01', eligibleFrom: '2024-02-29' },
      },
      {
        name: 'same facts under FEB_28: 18 on 28 Feb, care ended on the 18th birthday → former relevant (s23C(1)(b))',
        history: buildHistory({
          dateOfBirth: '2008-02-29',
          asOf: '2026-02-28',
          episodes: [closed('2020-01-01', '2026-02-28')],
        }),
        policy: FEB_28,
        category: 'FORMER_RELEVANT',
        expected: { route: 'S23C_1B', formerRelevantFrom: '2026-02-28' },
      },
      {
        name: 'born 29 Feb 2004, on 28 Feb 2025 under MAR_1: still 20 → former relevant',
        history: buildHistory({
          dateOfBirth: '2004-02-29',
          asOf: '2025-02-28',
          episodes: [closed('2018-01-01', '2022-03-01')],
        }),
        category: 'FORMER_RELEVANT',
        expected: { coreSupportEndsOn: '2025-03-01' },
      },
      {
        name: 'same facts under FEB_28: 21 on 28 Feb 2025 → former relevant 21 to 25 (s23CZB)',
        history: buildHistory({
          dateOfBirth: '2004-02-29',
          asOf: '2025-02-28',
          episodes: [closed('2018-01-01', '2022-03-01')],
        }),
        policy: FEB_28,
        category: 'FORMER_RELEVANT_21_TO_25',
        expected: { coreSupportEndsOn: '2025-02-28' },
      },
      {
        name: 'born 29 Feb 2008: under MAR_1 the 14th birthday is 1 Mar 2022, so 28 Feb 2022 is not counted — 90 days → qualifying',
        history: buildHistory({
          dateOfBirth: '2008-02-29',
          asOf: '2024-06-01',
          episodes: [closed('2022-02-28', '2022-05-29'), closed('2024-02-29', '2024-03-01')],
        }),
        category: 'QUALIFYING',
      },
      {
        name: 'same facts under FEB_28: 28 Feb 2022 is the 14th birthday and counts — 91 days → relevant',
        history: buildHistory({
          dateOfBirth: '2008-02-29',
          asOf: '2024-06-01',
          episodes: [closed('2022-02-28', '2022-05-29'), closed('2024-02-29', '2024-03-01')],
        }),
        policy: FEB_28,
        category: 'RELEVANT',
        expected: { relevantFrom: '2024-03-01' },
      },
      {
        name: 'born 29 Feb 2008 (leap 16th birthday 2024-02-29): eligible from that day',
        history: buildHistory({ dateOfBirth: '2008-02-29', asOf: '2024-03-01', episodes: [open('2021-01-01')] }),
        category: 'ELIGIBLE',
        expected: { eligibleFrom: '2024-02-29' },
      },
    ]),
  },
  {
    rule: 'end-exclusive episodes and exactly 91 days (§2.2(2),(3); CPPCR reg 40(1))',
    rows: table([
      {
        name: 'exactly 91 days in care from the 16th birthday, then left: 13 weeks done on leaving → relevant (s23A)',
        history: buildHistory({
          dateOfBirth: '2010-01-10',
          asOf: '2026-05-01',
          episodes: [closed('2026-01-10', '2026-04-11')],
        }),
        category: 'RELEVANT',
        expected: { relevantFrom: '2026-04-11', eligibleFrom: '2026-04-11' },
      },
      {
        name: '90 days in care from the 16th birthday, then left: never eligible → qualifying (s24(1B))',
        history: buildHistory({
          dateOfBirth: '2010-01-10',
          asOf: '2026-05-01',
          episodes: [closed('2026-01-10', '2026-04-10')],
        }),
        category: 'QUALIFYING',
        expected: { route: 'S24_1B', relevantFrom: null },
      },
      {
        name: 'DEC on the day before the 18th birthday: left care at 17 → former relevant via s23C(1)(a)',
        history: buildHistory({
          dateOfBirth: '2006-05-20',
          asOf: '2025-08-01',
          episodes: [closed('2019-05-01', '2024-05-19')],
        }),
        category: 'FORMER_RELEVANT',
        expected: { route: 'S23C_1A', relevantFrom: '2024-05-19', formerRelevantFrom: '2024-05-20' },
      },
      {
        name: 'still looked after (open episode) on the 18th birthday → former relevant via s23C(1)(b)',
        history: buildHistory({ dateOfBirth: '2006-05-20', asOf: '2025-08-01', episodes: [open('2019-05-01')] }),
        category: 'FORMER_RELEVANT',
        expected: { route: 'S23C_1B', relevantFrom: null },
      },
      {
        name: 'DEC = 16th birthday + 1 day is one day after 16 → relevant (TC10 pattern)',
        history: buildHistory({
          dateOfBirth: '2009-09-30',
          asOf: '2025-10-01',
          episodes: [closed('2023-09-01', '2025-10-01')],
        }),
        category: 'RELEVANT',
        expected: { relevantFrom: '2025-10-01' },
      },
      {
        name: 'episodes starting after asOf have not happened yet',
        history: buildHistory({ dateOfBirth: '2010-01-10', asOf: '2025-12-31', episodes: [open('2026-01-10')] }),
        category: 'NONE',
      },
      {
        name: 'overlapping episodes count each day once: 60 + 31 overlapping days is not 13 weeks',
        history: buildHistory({
          dateOfBirth: '2010-01-10',
          asOf: '2026-03-20',
          episodes: [open('2026-01-10'), closed('2026-01-20', '2026-02-20')],
        }),
        category: 'LOOKED_AFTER_NOT_YET_ELIGIBLE',
        expected: { eligibleFrom: '2026-04-11', eligibleFromIsProjected: true },
      },
    ]),
  },
  {
    rule: 'short breaks (CPPCR reg 40(2), reg 48) — excluded from the 13 weeks',
    rows: table([
      {
        name: 'short breaks then an ordinary placement: only the placement counts',
        history: buildHistory({
          dateOfBirth: '2010-01-10',
          asOf: '2026-04-15',
          episodes: [closed('2025-01-01', '2025-03-01', 'V4'), open('2026-03-01')],
        }),
        category: 'LOOKED_AFTER_NOT_YET_ELIGIBLE',
        expected: { eligibleFrom: '2026-05-31' },
      },
      {
        name: 'short breaks only, under 16: short-breaks-only, no s24 flag yet',
        history: buildHistory({
          dateOfBirth: '2012-01-10',
          asOf: '2026-04-15',
          episodes: [closed('2025-01-01', '2025-01-05', 'V3')],
        }),
        category: 'NOT_ELIGIBLE_SHORT_BREAKS',
        expected: { flags: [], rules: ['REG40_2_SHORT_BREAKS'] },
      },
      {
        name: 'short breaks only, flagged with shortBreak: true rather than LS',
        history: buildHistory({
          dateOfBirth: '2012-01-10',
          asOf: '2026-04-15',
          episodes: [{ start: '2025-01-01', end: '2025-01-05', legalStatus: 'V2', shortBreak: true }],
        }),
        category: 'NOT_ELIGIBLE_SHORT_BREAKS',
      },
      {
        name: 'a 20-day "short break" breaks the reg 48 single-stay cap as made: flagged for a legal-status check',
        history: buildHistory({
          dateOfBirth: '2012-01-10',
          asOf: '2026-04-15',
          episodes: [closed('2025-01-01', '2025-01-21', 'V3')],
        }),
        category: 'NOT_ELIGIBLE_SHORT_BREAKS',
        expected: { flags: ['short-break-exceeds-reg48-limits'] },
      },
      {
        name: 'short breaks only, aged 21 or more: none',
        history: buildHistory({
          dateOfBirth: '2003-01-10',
          asOf: '2026-04-15',
          episodes: [closed('2019-03-01', '2019-03-05', 'V3')],
        }),
        category: 'NONE',
      },
    ]),
  },
  {
    rule: 'relevant-child boundaries (CA 1989 s23A; Care Leavers Regs reg 3)',
    rows: table([
      {
        name: 'home with a parent for 5 months 30 days: still relevant',
        history: buildHistory({
          dateOfBirth: '2008-11-05',
          asOf: '2026-07-31',
          episodes: [closed('2024-01-01', '2026-02-01')],
          homeWithParentSince: '2026-02-01',
        }),
        category: 'RELEVANT',
      },
      {
        name: 'home with a parent for a continuous 6 months: not relevant, qualifying (reg 3)',
        history: buildHistory({
          dateOfBirth: '2008-11-05',
          asOf: '2026-08-01',
          episodes: [closed('2024-01-01', '2026-02-01')],
          homeWithParentSince: '2026-02-01',
        }),
        category: 'QUALIFYING',
        expected: {
          rules: ['REG3_HOME_6M', 'S24_1B'],
          flags: ['relevant-status-suspended-home-6-months'],
          formerRelevantFrom: null,
          coreSupportEndsOn: '2029-11-05',
        },
      },
      {
        name: 'the 6 months cannot start before care ended',
        history: buildHistory({
          dateOfBirth: '2008-11-05',
          asOf: '2026-05-01',
          episodes: [closed('2024-01-01', '2026-02-01')],
          homeWithParentSince: '2025-06-01',
        }),
        category: 'RELEVANT',
      },
      {
        name: 'home 6 months before the 18th birthday: not former relevant at 18, qualifying (s24(1B))',
        history: buildHistory({
          dateOfBirth: '2008-11-05',
          asOf: '2027-01-01',
          episodes: [closed('2024-01-01', '2026-02-01')],
          homeWithParentSince: '2026-02-01',
        }),
        category: 'QUALIFYING',
        expected: { rules: ['REG3_HOME_6M', 'S24_1B'] },
      },
      {
        name: 'home for under 6 months at 18: former relevant (s23C(1)(a))',
        history: buildHistory({
          dateOfBirth: '2008-11-05',
          asOf: '2027-01-01',
          episodes: [closed('2024-01-01', '2026-02-01')],
          homeWithParentSince: '2026-06-01',
        }),
        category: 'FORMER_RELEVANT',
        expected: { route: 'S23C_1A', relevantFrom: '2026-02-01' },
      },
      {
        name: 'detained on the 16th birthday after only 60 days in care: reg 3 not met, flagged',
        history: buildHistory({
          dateOfBirth: '2009-07-01',
          asOf: '2025-09-01',
          episodes: [closed('2025-03-01', '2025-04-30')],
          detainedOrInHospitalOn16thBirthday: true,
        }),
        category: 'NONE',
        expected: { flags: ['detention-route-not-met'] },
      },
      {
        name: 'reg 3 detention route carries on to former relevant at 18 (s23C(1)(a))',
        history: buildHistory({
          dateOfBirth: '2009-07-01',
          asOf: '2027-09-01',
          episodes: [closed('2024-01-01', '2025-06-01')],
          detainedOrInHospitalOn16thBirthday: true,
        }),
        category: 'FORMER_RELEVANT',
        expected: { route: 'S23C_1A', relevantFrom: '2025-07-01' },
      },
      {
        name: 'back in care after a relevant spell: eligible again, eligibleFrom is the first eligible day',
        history: buildHistory({
          dateOfBirth: '2009-09-30',
          asOf: '2026-03-01',
          episodes: [closed('2023-09-01', '2025-10-01'), open('2026-02-01')],
        }),
        category: 'ELIGIBLE',
        expected: { eligibleFrom: '2025-09-30' },
      },
    ]),
  },
  {
    rule: 'looked after under 18 (CA 1989 Sch 2 para 19B)',
    rows: table([
      {
        name: 'entering care 2 months before 18: 13 weeks cannot be completed in time, flagged',
        history: buildHistory({ dateOfBirth: '2010-01-10', asOf: '2027-12-01', episodes: [open('2027-11-01')] }),
        category: 'LOOKED_AFTER_NOT_YET_ELIGIBLE',
        expected: { eligibleFrom: null, formerRelevantFrom: null, flags: ['cannot-become-eligible-before-18'] },
      },
      {
        name: 'entering care at 15 years 11 months: projected eligible 91 days later',
        history: buildHistory({ dateOfBirth: '2010-09-01', asOf: '2026-08-15', episodes: [open('2026-08-01')] }),
        category: 'LOOKED_AFTER_UNDER_16',
        expected: { eligibleFrom: '2026-10-31', eligibleFromIsProjected: true },
      },
      {
        name: 'not looked after and under 16, earlier care: none',
        history: buildHistory({
          dateOfBirth: '2011-01-10',
          asOf: '2026-04-15',
          episodes: [closed('2025-01-01', '2026-01-01')],
        }),
        category: 'NONE',
      },
    ]),
  },
  {
    rule: 'former relevant 21 to 25 and the education extension (CA 1989 s23C(6),(7), s23CZB)',
    rows: table([
      {
        name: 'programme in the plan ending after the 25th birthday: extension capped at 25',
        history: buildHistory({
          dateOfBirth: '2004-09-01',
          asOf: '2029-06-01',
          episodes: [closed('2019-01-01', '2022-09-01')],
          educationProgrammeEndsOn: '2030-06-30',
        }),
        category: 'FORMER_RELEVANT',
        expected: { coreSupportEndsOn: '2029-09-01', rules: ['S23C_1B', 'S23C_7'] },
      },
      {
        name: 'programme ended before 21: no extension',
        history: buildHistory({
          dateOfBirth: '2004-09-01',
          asOf: '2025-10-01',
          episodes: [closed('2019-01-01', '2022-09-01')],
          educationProgrammeEndsOn: '2025-06-30',
        }),
        category: 'FORMER_RELEVANT_21_TO_25',
        expected: { coreSupportEndsOn: '2025-09-01' },
      },
      {
        name: 'on the day the programme ends: 21 to 25',
        history: buildHistory({
          dateOfBirth: '2004-09-01',
          asOf: '2026-06-30',
          episodes: [closed('2019-01-01', '2022-09-01')],
          educationProgrammeEndsOn: '2026-06-30',
        }),
        category: 'FORMER_RELEVANT_21_TO_25',
      },
      {
        name: 'day before the 25th birthday: still 21 to 25',
        history: buildHistory({
          dateOfBirth: '2000-10-01',
          asOf: '2025-09-30',
          episodes: [closed('2015-01-01', '2018-10-01')],
        }),
        category: 'FORMER_RELEVANT_21_TO_25',
      },
    ]),
  },
  {
    rule: 'qualifying (CA 1989 s24)',
    rows: table([
      {
        name: 'special guardianship order made straight from care at 14: qualifying from 16 (s24(1A))',
        history: buildHistory({
          dateOfBirth: '2009-01-01',
          asOf: '2025-03-01',
          episodes: [closed('2020-01-01', '2023-06-01')],
          sgoMadeOn: '2023-06-01',
        }),
        category: 'QUALIFYING',
        expected: { route: 'S24_1A', rules: ['S24_1A'], coreSupportEndsOn: '2030-01-01' },
      },
      {
        name: 'special guardianship order, but under 16: none yet',
        history: buildHistory({
          dateOfBirth: '2009-01-01',
          asOf: '2024-12-31',
          episodes: [closed('2020-01-01', '2023-06-01')],
          sgoMadeOn: '2023-06-01',
        }),
        category: 'NONE',
      },
      {
        name: 'qualifying ends on the 21st birthday',
        history: buildHistory({
          dateOfBirth: '2007-03-01',
          asOf: '2028-03-01',
          episodes: [closed('2024-12-31', '2025-03-01')],
        }),
        category: 'NONE',
      },
      {
        name: 'day before the 21st birthday: still qualifying',
        history: buildHistory({
          dateOfBirth: '2007-03-01',
          asOf: '2028-02-29',
          episodes: [closed('2024-12-31', '2025-03-01')],
        }),
        category: 'QUALIFYING',
      },
    ]),
  },
])('$rule', ({ rows }) => {
  it.each(rows)('$name', ({ history, policy, category, expected }) => {
    const derived = deriveCategory(history, policy);
    expect(derived.category).toBe(category);
    if (expected) expect(derived).toMatchObject(expected);
  });
});
