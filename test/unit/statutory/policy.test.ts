import { describe, it, expect } from 'vitest';
import { DEFAULT_POLICY, validatePolicy } from '../../../src/domain/statutory/index.ts';

describe('local policy — stricter, never laxer than the law (DESIGN: statutory core)', () => {
  it('the defaults follow the law and reference §2.2', () => {
    expect(DEFAULT_POLICY).toEqual({
      leapDayBirthday: 'MAR_1',
      needsAssessmentWithinMonths: 3,
      firstPlanWithinMonths: 3,
      reviewIntervalMonths: 6,
      significantChangeReviewWorkingDays: 20,
      inDateWindowMonths: 7,
      supportRequestAssessmentWithinMonths: 3,
      accommodationReviewIntervalMonths: 3,
      personalAdviserFirstVisitDays: 7,
      personalAdviserVisitIntervalMonths: 2,
      shortBreakMaxSingleStayDays: 17,
    });
    expect(validatePolicy()).toEqual({ ok: true, policy: DEFAULT_POLICY });
  });

  it.each([
    [
      'stricter first plan (2 months) and assessment (1 month)',
      { firstPlanWithinMonths: 2, needsAssessmentWithinMonths: 1 },
    ],
    ['reviews every 3 months', { reviewIntervalMonths: 3, inDateWindowMonths: 4 }],
    ['significant-change review within 10 working days', { significantChangeReviewWorkingDays: 10 }],
    ['leap-day birthdays on 28 February', { leapDayBirthday: 'FEB_28' }],
    ['amended reg 48 (no single-stay cap)', { shortBreakMaxSingleStayDays: null }],
    ['monthly PA visits within 3 days', { personalAdviserVisitIntervalMonths: 1, personalAdviserFirstVisitDays: 3 }],
    ['undefined fields take the defaults', { reviewIntervalMonths: undefined }],
  ])('accepts %s', (_name, overrides) => {
    const result = validatePolicy(overrides);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.policy).toMatchObject({
        ...DEFAULT_POLICY,
        ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
      });
  });

  it.each([
    [
      'first plan later than 3 months (CPPCR reg 43, §2.2(7))',
      { firstPlanWithinMonths: 4 },
      'firstPlanWithinMonths',
      /more than 3 months.*CPPCR reg 43/,
    ],
    [
      'assessment later than 3 months (CPPCR reg 42(1))',
      { needsAssessmentWithinMonths: 4, firstPlanWithinMonths: 3 },
      'needsAssessmentWithinMonths',
      /reg 42\(1\)/,
    ],
    [
      'reviews 7-monthly (Care Leavers Regs reg 7)',
      { reviewIntervalMonths: 7 },
      'reviewIntervalMonths',
      /more than 6 months.*reg 7/,
    ],
    [
      'significant-change review in 25 working days',
      { significantChangeReviewWorkingDays: 25 },
      'significantChangeReviewWorkingDays',
      /more than 20 working days/,
    ],
    ['an 8-month "in date" window', { inDateWindowMonths: 8 }, 'inDateWindowMonths', /more than 7 months/],
    [
      'accommodation reviews 4-monthly (reg 7)',
      { accommodationReviewIntervalMonths: 4 },
      'accommodationReviewIntervalMonths',
      /3 months/,
    ],
    [
      'first PA visit after 10 days (reg 8)',
      { personalAdviserFirstVisitDays: 10 },
      'personalAdviserFirstVisitDays',
      /7 days/,
    ],
    [
      'PA visits 3-monthly (reg 8)',
      { personalAdviserVisitIntervalMonths: 3 },
      'personalAdviserVisitIntervalMonths',
      /2 months/,
    ],
    [
      's23CZB assessment after 6 months',
      { supportRequestAssessmentWithinMonths: 6 },
      'supportRequestAssessmentWithinMonths',
      /s23CZB/,
    ],
    ['a 30-day short-break cap (reg 48)', { shortBreakMaxSingleStayDays: 30 }, 'shortBreakMaxSingleStayDays', /reg 48/],
    ['an unknown leap-day rule', { leapDayBirthday: 'MAR_2' }, 'leapDayBirthday', /MAR_1.*FEB_28/],
    ['a fractional interval', { reviewIntervalMonths: 5.5 }, 'reviewIntervalMonths', /whole number/],
    ['a text interval', { reviewIntervalMonths: '6' }, 'reviewIntervalMonths', /whole number/],
    ['zero months', { reviewIntervalMonths: 0, inDateWindowMonths: 1 }, 'reviewIntervalMonths', /at least 1/],
    [
      'a plan due before its assessment',
      { needsAssessmentWithinMonths: 3, firstPlanWithinMonths: 2 },
      'firstPlanWithinMonths',
      /follows the assessment/,
    ],
    [
      'an "in date" window shorter than the review interval',
      { reviewIntervalMonths: 6, inDateWindowMonths: 5 },
      'inDateWindowMonths',
      /out of date/,
    ],
  ])('rejects %s', (_name, overrides, field, message) => {
    const result = validatePolicy(overrides);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const error = result.errors.find((e) => e.field === field);
      expect(error?.message).toMatch(message);
    }
  });

  it('reports every problem at once', () => {
    const result = validatePolicy({ reviewIntervalMonths: 9, firstPlanWithinMonths: 5 });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => e.field).sort()).toEqual([
        'firstPlanWithinMonths',
        'inDateWindowMonths',
        'reviewIntervalMonths',
      ]);
  });
});
