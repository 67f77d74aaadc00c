// Every worked case of reference §2.4, through the §7 contract and the domain
// category. Each row names the rule it checks.
import { describe, it, expect } from 'vitest';
import {
  deriveCareLeaverStatus,
  timeline,
  TIMELINE_CATEGORY,
  type CareEpisode,
  type CareLeaverCategory,
  type TimelineInput,
  type TimelineOutput,
} from '../../../src/domain/statutory/index.ts';

const open = (start: string, legalStatus = 'C2'): CareEpisode => ({ start, end: null, legalStatus });
const closed = (start: string, end: string, legalStatus = 'C2'): CareEpisode => ({ start, end, legalStatus });
const shortBreak = (start: string, end: string): CareEpisode => ({ start, end, legalStatus: 'V3' });

function buildInput(
  props: Pick<TimelineInput, 'dateOfBirth' | 'asOf' | 'episodes'> & Partial<TimelineInput>,
): TimelineInput {
  return { hasPathwayPlan: false, ...props };
}

interface WorkedCase {
  id: string;
  rule: string;
  input: TimelineInput;
  category: CareLeaverCategory;
  expected: Partial<TimelineOutput>;
  flags?: string[];
}

const cases: WorkedCase[] = [
  {
    id: 'TC01',
    rule: 'CA 1989 Sch 2 para 19B; CPPCR reg 40, reg 42(1)',
    input: buildInput({
      dateOfBirth: '2010-03-15',
      asOf: '2026-04-20',
      episodes: [open('2023-01-10')],
      lastReviewOn: '2026-04-01',
      hasPathwayPlan: true,
    }),
    category: 'ELIGIBLE',
    expected: {
      eligibleFrom: '2026-03-15',
      needsAssessmentDue: '2026-06-15',
      firstPlanDue: '2026-06-15',
      nextReviewDue: '2026-10-01',
      formerRelevantFrom: '2028-03-15',
      supportEndsOn: '2031-03-15',
      personalAdviserAvailableUntil: '2035-03-15',
    },
  },
  {
    id: 'TC02',
    rule: 'CPPCR reg 42(1) — clock starts on becoming eligible after 16',
    input: buildInput({ dateOfBirth: '2010-01-10', asOf: '2026-05-01', episodes: [open('2026-01-10')] }),
    category: 'ELIGIBLE',
    expected: { eligibleFrom: '2026-04-11', needsAssessmentDue: '2026-07-11' },
  },
  {
    id: 'TC03 EDGE',
    rule: 'CPPCR reg 40(1) — 90 days is one short of 13 weeks',
    input: buildInput({ dateOfBirth: '2010-01-10', asOf: '2026-04-10', episodes: [open('2026-01-10')] }),
    category: 'LOOKED_AFTER_NOT_YET_ELIGIBLE',
    expected: { eligibleFrom: '2026-04-11' },
  },
  {
    id: 'TC04 EDGE',
    rule: 'CPPCR reg 40(1) — exactly 91 days is 13 weeks',
    input: buildInput({ dateOfBirth: '2010-01-10', asOf: '2026-04-11', episodes: [open('2026-01-10')] }),
    category: 'ELIGIBLE',
    expected: { eligibleFrom: '2026-04-11', needsAssessmentDue: '2026-07-11' },
  },
  {
    id: 'TC06 EDGE',
    rule: 'CPPCR reg 40(2) + reg 48 — short-break children are not eligible',
    input: buildInput({
      dateOfBirth: '2009-06-01',
      asOf: '2025-07-01',
      episodes: [
        shortBreak('2024-01-01', '2024-01-05'),
        shortBreak('2025-02-01', '2025-02-10'),
        shortBreak('2025-06-05', '2025-06-12'),
      ],
    }),
    category: 'NOT_ELIGIBLE_SHORT_BREAKS',
    expected: {
      eligibleFrom: null,
      relevantFrom: null,
      needsAssessmentDue: null,
      formerRelevantFrom: null,
      supportEndsOn: null,
      rules: ['REG40_2_SHORT_BREAKS'],
    },
    flags: ['short-breaks-possible-s24'],
  },
  {
    id: 'TC08 EDGE',
    rule: 'para 19B / s24 — never looked after on or after 16',
    input: buildInput({
      dateOfBirth: '2009-09-30',
      asOf: '2025-12-01',
      episodes: [closed('2023-09-01', '2025-09-29')],
    }),
    category: 'NONE',
    expected: { eligibleFrom: null, relevantFrom: null, supportEndsOn: null, flags: [], rules: [] },
  },
  {
    id: 'TC09 EDGE',
    rule: '§2.2(4), validator 1001 — care ended on the 16th birthday: 0 days after 16',
    input: buildInput({
      dateOfBirth: '2009-09-30',
      asOf: '2025-12-01',
      episodes: [closed('2023-09-01', '2025-09-30')],
    }),
    category: 'NONE',
    expected: { eligibleFrom: null, relevantFrom: null, supportEndsOn: null },
    flags: ['ended-on-16th-birthday-escalate'],
  },
  {
    id: 'TC10 EDGE',
    rule: 'CA 1989 s23A — eligible immediately before leaving the day after the 16th birthday',
    input: buildInput({
      dateOfBirth: '2009-09-30',
      asOf: '2025-12-01',
      episodes: [closed('2023-09-01', '2025-10-01')],
      hasPathwayPlan: false,
    }),
    category: 'RELEVANT',
    expected: {
      relevantFrom: '2025-10-01',
      needsAssessmentDue: '2026-01-01',
      formerRelevantFrom: '2027-09-30',
      rules: ['S23A', 'CLR_REG4'],
    },
  },
  {
    id: 'TC11',
    rule: 'CA 1989 s23A, s23B(3); Care Leavers Regs reg 4 — 3-month assessment without a plan',
    input: buildInput({
      dateOfBirth: '2008-11-05',
      asOf: '2026-03-01',
      episodes: [closed('2024-01-01', '2026-02-01')],
      hasPathwayPlan: false,
    }),
    category: 'RELEVANT',
    expected: {
      relevantFrom: '2026-02-01',
      needsAssessmentDue: '2026-05-01',
      formerRelevantFrom: '2026-11-05',
      supportEndsOn: '2029-11-05',
    },
  },
  {
    id: 'TC15',
    rule: 'CA 1989 s23C(1)(b) — looked after at 18 (care closed on the 18th birthday)',
    input: buildInput({
      dateOfBirth: '2006-05-20',
      asOf: '2025-08-01',
      episodes: [closed('2019-05-01', '2024-05-20')],
      lastReviewOn: '2025-03-01',
      hasPathwayPlan: true,
    }),
    category: 'FORMER_RELEVANT',
    expected: {
      nextReviewDue: '2025-09-01',
      formerRelevantFrom: '2024-05-20',
      supportEndsOn: '2027-05-20',
      personalAdviserAvailableUntil: '2031-05-20',
      rules: ['S23C_1B'],
    },
  },
  {
    id: 'TC16',
    rule: 'CA 1989 s23C(6) — core support ends at 21; s23CZB offer',
    input: buildInput({
      dateOfBirth: '2004-09-01',
      asOf: '2025-08-15',
      episodes: [closed('2019-01-01', '2022-09-01')],
      lastReviewOn: '2025-04-01',
      hasPathwayPlan: true,
    }),
    category: 'FORMER_RELEVANT',
    expected: { supportEndsOn: '2025-09-01', nextReviewDue: '2025-10-01', personalAdviserAvailableUntil: '2029-09-01' },
    flags: ['review-falls-after-support-ends', 'plan-21-plus-offer'],
  },
  {
    id: 'TC17',
    rule: 'CA 1989 s23CZB — PA, assessment and plan on request from 21 to 25',
    input: buildInput({
      dateOfBirth: '2003-09-01',
      asOf: '2025-10-01',
      episodes: [closed('2018-01-01', '2021-09-01')],
      requestedSupportAfter21: true,
    }),
    category: 'FORMER_RELEVANT_21_TO_25',
    expected: {
      personalAdviserAvailableUntil: '2028-09-01',
      supportEndsOn: '2024-09-01',
      needsAssessmentDue: null,
      rules: ['S23C_1B', 'S23CZB'],
    },
    flags: ['s23czb-assessment-and-plan-required'],
  },
  {
    id: 'TC17 (request dated)',
    rule: 'CA 1989 s23CZB — assessment and plan within 3 months of the request (policy default)',
    input: buildInput({
      dateOfBirth: '2003-09-01',
      asOf: '2025-10-01',
      episodes: [closed('2018-01-01', '2021-09-01')],
      requestedSupportAfter21: true,
      supportRequestedOn: '2025-09-15',
    }),
    category: 'FORMER_RELEVANT_21_TO_25',
    expected: {
      needsAssessmentDue: '2025-12-15',
      firstPlanDue: '2025-12-15',
      personalAdviserAvailableUntil: '2028-09-01',
      flags: [],
    },
  },
  {
    id: 'TC18 EDGE',
    rule: 'CA 1989 s23CZB — entitlement ends on the 25th birthday',
    input: buildInput({
      dateOfBirth: '2000-10-01',
      asOf: '2025-10-01',
      episodes: [closed('2015-01-01', '2018-10-01')],
    }),
    category: 'NONE',
    expected: { personalAdviserAvailableUntil: '2025-10-01', nextReviewDue: null, needsAssessmentDue: null, rules: [] },
    flags: ['aged-25-support-ended'],
  },
  {
    id: 'TC19',
    rule: 'CA 1989 s24(1B) — under 13 weeks since 14, looked after after 16',
    input: buildInput({
      dateOfBirth: '2007-03-01',
      asOf: '2025-06-01',
      episodes: [closed('2024-12-31', '2025-03-01')],
    }),
    category: 'QUALIFYING',
    expected: {
      supportEndsOn: '2028-03-01',
      eligibleFrom: null,
      formerRelevantFrom: null,
      personalAdviserAvailableUntil: null,
      rules: ['S24_1B'],
    },
  },
  {
    id: 'TC20',
    rule: 'para 19B / s24 — care ended at 15½',
    input: buildInput({
      dateOfBirth: '2009-02-10',
      asOf: '2025-06-01',
      episodes: [closed('2023-02-10', '2024-08-10')],
    }),
    category: 'NONE',
    expected: { eligibleFrom: null, supportEndsOn: null, flags: [], rules: [] },
  },
  {
    id: 'TC25 EDGE',
    rule: 'Care Leavers Regs reg 3 — detained on the 16th birthday after 13 weeks in care',
    input: buildInput({
      dateOfBirth: '2009-07-01',
      asOf: '2025-09-01',
      episodes: [closed('2024-01-01', '2025-06-01', 'V2')],
      detainedOrInHospitalOn16thBirthday: true,
    }),
    category: 'RELEVANT',
    expected: {
      relevantFrom: '2025-07-01',
      needsAssessmentDue: '2025-10-01',
      eligibleFrom: null,
      formerRelevantFrom: '2027-07-01',
      rules: ['REG3_DETENTION', 'CLR_REG4'],
    },
  },
  {
    id: 'TC27',
    rule: 'para 19B — age 16 threshold; planning starts at the review before 16',
    input: buildInput({ dateOfBirth: '2010-09-01', asOf: '2026-06-01', episodes: [open('2025-01-01')] }),
    category: 'LOOKED_AFTER_UNDER_16',
    expected: { eligibleFrom: '2026-09-01', needsAssessmentDue: '2026-12-01' },
    flags: ['start-pathway-planning'],
  },
  {
    id: 'TC30',
    rule: 'CA 1989 s23C(7) — education programme in the plan runs past 21 (cap 25)',
    input: buildInput({
      dateOfBirth: '2004-09-01',
      asOf: '2025-10-01',
      episodes: [closed('2019-01-01', '2022-09-01')],
      lastReviewOn: '2025-04-01',
      hasPathwayPlan: true,
      educationProgrammeEndsOn: '2026-06-30',
    }),
    category: 'FORMER_RELEVANT',
    expected: {
      supportEndsOn: '2026-06-30',
      personalAdviserAvailableUntil: '2029-09-01',
      nextReviewDue: '2025-10-01',
      rules: ['S23C_1B', 'S23C_7'],
    },
  },
  {
    id: 'TC33',
    rule: 'Care Leavers Regs reg 7 — review on request or significant change (policy: 20 working days, skipping the 25 May 2026 bank holiday)',
    input: buildInput({
      dateOfBirth: '2008-06-30',
      asOf: '2026-05-12',
      episodes: [closed('2024-01-01', '2026-03-01')],
      significantChangeOn: '2026-05-10',
    }),
    category: 'RELEVANT',
    expected: { relevantFrom: '2026-03-01', nextReviewDue: '2026-06-08' },
    flags: ['unscheduled-review-due'],
  },
];

describe('reference §2.4 worked cases', () => {
  it.each(cases)('$id — $rule', ({ input, category, expected, flags }) => {
    const output = timeline(input);
    expect(output).toMatchObject({ category: TIMELINE_CATEGORY[category], ...expected });
    for (const flag of flags ?? []) expect(output.flags).toContain(flag);
    expect(deriveCareLeaverStatus(input).category).toBe(category);
  });

  it('TC01 gives exactly the §7 example output', () => {
    expect(timeline(cases[0].input)).toStrictEqual({
      category: 'eligible',
      eligibleFrom: '2026-03-15',
      relevantFrom: null,
      needsAssessmentDue: '2026-06-15',
      firstPlanDue: '2026-06-15',
      nextReviewDue: '2026-10-01',
      formerRelevantFrom: '2028-03-15',
      supportEndsOn: '2031-03-15',
      personalAdviserAvailableUntil: '2035-03-15',
      flags: [],
      rules: ['PARA19B', 'CPPCR_REG40', 'CPPCR_REG42'],
    });
  });

  it('TC33 counting weekends only (no bank holidays passed in): review due 2026-06-05 (Care Leavers Regs reg 7)', () => {
    const tc33 = cases.find((c) => c.id === 'TC33')!;
    const status = deriveCareLeaverStatus(
      { ...tc33.input, reviewTriggers: [{ on: '2026-05-10', kind: 'SIGNIFICANT_CHANGE' }] },
      undefined,
      new Set(),
    );
    expect(status.nextReviewDue).toBe('2026-06-05');
  });
});
