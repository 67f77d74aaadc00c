// The rule ids a derivation cites, and the flags it can raise. Ids follow the
// reference (§6 and the §7 example); each names the provision behind it.

export const RULES = {
  PARA19B: 'Children Act 1989 Sch 2 para 19B — eligible child',
  CPPCR_REG40: 'CPPCR 2010 reg 40(1) — 13 weeks looked after, begun after 14, ended after 16',
  REG40_2_SHORT_BREAKS:
    'CPPCR 2010 reg 40(2) and reg 48 — a child in a pre-planned series of short breaks is not eligible',
  CPPCR_REG42: 'CPPCR 2010 reg 42(1) — needs assessment within 3 months of the 16th birthday or of becoming eligible',
  S23A: 'Children Act 1989 s23A — relevant child',
  REG3_DETENTION: 'Care Leavers (England) Regs 2010 reg 3 — detained or in hospital on the 16th birthday',
  REG3_HOME_6M: 'Care Leavers (England) Regs 2010 reg 3 — home with a parent for 6 months: not a relevant child',
  CLR_REG4:
    'Children Act 1989 s23B(3); Care Leavers (England) Regs 2010 reg 4 — needs assessment within 3 months of becoming relevant',
  S23C_1A: 'Children Act 1989 s23C(1)(a) — former relevant child (was a relevant child)',
  S23C_1B: 'Children Act 1989 s23C(1)(b) — former relevant child (looked after, and eligible, at 18)',
  S23C_7:
    'Children Act 1989 s23C(7) — duties continue past 21 while the education or training programme in the pathway plan runs',
  S23CZB: 'Children Act 1989 s23CZB — personal adviser, assessment and pathway plan on request from 21 to 25',
  S24_1A: 'Children Act 1989 s24(1A) — qualifying: special guardianship order after being looked after',
  S24_1B: 'Children Act 1989 s24(1B) — qualifying: looked after at any time after 16, no longer',
} as const satisfies Record<string, string>;

export type RuleId = keyof typeof RULES;

export const FLAGS = {
  'ended-on-16th-birthday-escalate':
    'Care ended on the 16th birthday: no day looked after after 16 under the 903 convention, so not treated as eligible or relevant — escalate for manager or legal review',
  'short-breaks-possible-s24':
    'Only short breaks (CPPCR reg 48), some after 16: not eligible, but check whether the young person qualifies under Children Act 1989 s24',
  'short-break-exceeds-reg48-limits':
    'A short-break episode is longer than the single-stay limit, or short breaks total more than 75 days in 12 months (CPPCR reg 48): check the legal status',
  'cannot-become-eligible-before-18':
    'Looked after now, but 13 weeks since 14 cannot be completed before the 18th birthday (CPPCR reg 40)',
  'detention-route-not-met':
    'Detained or in hospital on the 16th birthday, but not looked after for 13 weeks since 14 immediately before (Care Leavers Regs reg 3)',
  'relevant-status-suspended-home-6-months':
    'Living with a parent or person with parental responsibility for 6 months: not a relevant child while this lasts (Care Leavers Regs reg 3); revives if it breaks down',
  'aged-25-support-ended': 'Aged 25: leaving-care entitlements have ended (s23CZB)',
  'start-pathway-planning': 'Start pathway planning at the looked-after review before the 16th birthday (about 15¾)',
  'plan-21-plus-offer': 'Aged 20½ or more: plan the offer of a personal adviser and support from 21 to 25 (s23CZB)',
  'review-falls-after-support-ends':
    'The next review would fall on or after the day core support ends: agree the 21+ offer instead (s23C(6), s23CZB)',
  's23czb-assessment-and-plan-required':
    'Support requested after 21: a needs assessment and pathway plan are required (s23CZB); record the date of the request',
  'unscheduled-review-due':
    'A review has been requested or a significant change recorded since the last review (Care Leavers Regs reg 7)',
  'review-overdue': 'The pathway plan review is overdue',
  'pathway-plan-overdue': 'No pathway plan and the first plan is overdue',
} as const satisfies Record<string, string>;

export type FlagCode = keyof typeof FLAGS;
