// What a worker must do next for one young person, and how urgent it is: derived from the
// status (status.ts) and the work already done. Pure; `asOf` is passed in.
import { addDays, compareDates, type IsoDate } from './dates.ts';
import type { CareLeaverCategory } from './categories.ts';
import type { CareLeaverStatus } from './status.ts';
import { RULES } from './rules.ts';
import { CLOSURE_NOTICE_DAYS, closureDue, type ClosureDue } from '../closure.ts';

export type DueCode =
  | 'NEEDS_ASSESSMENT'
  | 'FIRST_PLAN'
  | 'REVIEW'
  | 'UNSCHEDULED_REVIEW'
  | 'ACCOMMODATION_REVIEW'
  | 'ADVISER_VISIT'
  | 'ALLOCATE_ADVISER'
  | 'START_PATHWAY_PLANNING'
  | 'EIGHTEENTH_BIRTHDAY'
  | 'OFFER_21_PLUS'
  | 'CORE_SUPPORT_ENDS'
  | 'CLOSE_CASE';

export type DueItem = { code: DueCode; label: string; on: IsoDate; rule: string; why: string };

/** Red, amber, green — always shown with words, never colour alone. */
export type Urgency = 'overdue' | 'due-soon' | 'on-track';

export const URGENCY_TEXT: Record<Urgency, string> = {
  overdue: 'Overdue',
  'due-soon': 'Due soon',
  'on-track': 'On track',
};

/** Amber: due within this many days (the "due within 28 days"). */
export const DUE_SOON_DAYS = 28;

export type WorkDone = {
  needsAssessmentDone: boolean;
  hasPathwayPlan: boolean /** The young person has answered the offer of support from 21 to 25. */;
  offer21Answered?: boolean;
  /** A personal adviser is allocated now (unknown counts as yes: the caller did not say). */
  hasPersonalAdviser?: boolean;
  /**
   * The case and the offer of support from 21 (closure.ts closureDue). Without them the case counts as
   * open, and the request as the status has it (`supportRequestedOn`), with no day they said no.
   */
  caseClosed?: boolean;
  supportAfter21?: { requestedOn: IsoDate | null; declinedOn: IsoDate | null };
};

/**
 * Who must have a personal adviser, from when, and the duty: an eligible child (Children Act 1989 Sch 2
 * para 19C), a relevant child (s23B(2)) and a former relevant child (s23C(3)(a)). From 21 an adviser is
 * offered on request (s23CZB), so no item is due then without one.
 */
const ADVISER_DUTY: Partial<
  Record<CareLeaverCategory, { from: (s: CareLeaverStatus) => IsoDate | null; rule: string }>
> = {
  ELIGIBLE: {
    from: (s) => s.eligibleFrom,
    rule: 'Children Act 1989 Sch 2 para 19C — each eligible child has a personal adviser',
  },
  RELEVANT: {
    from: (s) => s.relevantFrom,
    rule: 'Children Act 1989 s23B(2) — each relevant child has a personal adviser',
  },
  FORMER_RELEVANT: {
    from: (s) => s.formerRelevantFrom,
    rule: 'Children Act 1989 s23C(3)(a) — the council keeps a personal adviser for a former relevant child',
  },
};

const REVIEWED: ReadonlySet<CareLeaverCategory> = new Set([
  'ELIGIBLE',
  'RELEVANT',
  'FORMER_RELEVANT',
  'FORMER_RELEVANT_21_TO_25',
]);

/** Everything due, earliest first. */
export function dueItems(status: CareLeaverStatus, done: WorkDone, asOf: IsoDate): DueItem[] {
  const items: DueItem[] = [];
  const c = status.category;
  const ruleOf = (id: keyof typeof RULES) => RULES[id];
  const milestone = (code: string) => status.milestones.find((m) => m.code === code);

  // Before eligibility the deadlines are projections: under 16 the prompt is to start planning; once
  // the assessment is done, the first plan's projected deadline is what comes next.
  const projected = c === 'LOOKED_AFTER_UNDER_16' || c === 'LOOKED_AFTER_NOT_YET_ELIGIBLE';
  if (status.needsAssessmentDue && !done.needsAssessmentDone && c !== 'LOOKED_AFTER_UNDER_16') {
    const id = c === 'RELEVANT' ? 'CLR_REG4' : c === 'FORMER_RELEVANT_21_TO_25' ? 'S23CZB' : 'CPPCR_REG42';
    items.push({
      code: 'NEEDS_ASSESSMENT',
      label: 'Needs assessment',
      on: status.needsAssessmentDue,
      rule: ruleOf(id),
      why: projected
        ? 'Due 3 months after they become eligible'
        : 'An assessment of need comes before the first pathway plan',
    });
  }
  if (status.firstPlanDue && !done.hasPathwayPlan && (!projected || done.needsAssessmentDone)) {
    items.push({
      code: 'FIRST_PLAN',
      label: 'First pathway plan',
      on: status.firstPlanDue,
      rule: 'CPPCR 2010 reg 43; Care Leavers (England) Regs 2010 reg 6 — plan as soon as possible after the assessment',
      why: 'They have no pathway plan yet',
    });
  }
  const afterSupportEnds = status.flags.includes('review-falls-after-support-ends');
  if (status.nextReviewDue && done.hasPathwayPlan && REVIEWED.has(c) && !afterSupportEnds) {
    const unscheduled = status.flags.includes('unscheduled-review-due');
    const accommodation = status.accommodation?.nextReviewDue === status.nextReviewDue;
    items.push(
      unscheduled
        ? {
            code: 'UNSCHEDULED_REVIEW',
            label: 'Review after a change or request',
            on: status.nextReviewDue,
            rule: 'Care Leavers (England) Regs 2010 reg 7(1)(a),(b) — review on request or when needed',
            why: 'A significant change or a request for a review was recorded since the last review',
          }
        : accommodation
          ? {
              code: 'ACCOMMODATION_REVIEW',
              label: 'Review (council accommodation)',
              on: status.nextReviewDue,
              rule: 'Care Leavers (England) Regs 2010 reg 7 — review after 28 days, then every 3 months',
              why: 'The council provides their accommodation',
            }
          : {
              code: 'REVIEW',
              label: 'Pathway plan review',
              on: status.nextReviewDue,
              rule: 'Care Leavers (England) Regs 2010 reg 7(1)(c); CPPCR reg 33 — at least every 6 months',
              why: 'Plans are reviewed at least every 6 months',
            },
    );
  }
  const duty = ADVISER_DUTY[c];
  const dutyFrom = duty?.from(status);
  if (duty && dutyFrom && done.hasPersonalAdviser === false) {
    items.push({
      code: 'ALLOCATE_ADVISER',
      label: 'Allocate a personal adviser',
      on: dutyFrom,
      rule: duty.rule,
      why: 'They have no personal adviser',
    });
  }
  if (status.accommodation) {
    items.push({
      code: 'ADVISER_VISIT',
      label: 'Personal adviser visit',
      on: status.accommodation.nextPersonalAdviserVisitDue,
      rule: 'Care Leavers (England) Regs 2010 reg 8 — visit within 7 days, then at least every 2 months',
      why: 'The council provides their accommodation',
    });
  }
  if (status.flags.includes('start-pathway-planning') || (c === 'LOOKED_AFTER_UNDER_16' && status.eligibleFrom)) {
    const m = milestone('START_PATHWAY_PLANNING');
    if (m && !done.needsAssessmentDone)
      items.push({
        code: 'START_PATHWAY_PLANNING',
        label: 'Start pathway planning',
        on: m.on,
        rule: m.rule,
        why: 'They are expected to become eligible at 16',
      });
  }
  if (c === 'ELIGIBLE') {
    const m = milestone('EIGHTEENTH_BIRTHDAY')!;
    items.push({
      code: 'EIGHTEENTH_BIRTHDAY',
      label: 'Turns 18: becomes a former relevant care leaver',
      on: m.on,
      rule: m.rule,
      why: 'Plan the move to adult support and Staying Put',
    });
  }
  if (c === 'FORMER_RELEVANT' && status.supportEndsOn) {
    const offer = milestone('PLAN_21_PLUS_OFFER')!;
    if (
      !done.offer21Answered &&
      (afterSupportEnds ||
        status.flags.includes('plan-21-plus-offer') ||
        compareDates(offer.on, addDays(asOf, 90)) <= 0)
    ) {
      items.push({
        code: 'OFFER_21_PLUS',
        label: 'Offer support from 21 to 25',
        on: status.supportEndsOn,
        rule: RULES.S23CZB,
        why: 'Core support ends at 21; record their answer to the offer',
      });
    }
  }
  // Closing the case (issue 11 §3): one rule with the record page and the late closures (closure.ts). Before
  // 21 the offer of support to 25 comes first (OFFER_21_PLUS); once answered, or after 21, the closure is due.
  const offerOpen = c === 'FORMER_RELEVANT' && !done.offer21Answered;
  const closure = offerOpen
    ? null
    : closureDue({
        closed: done.caseClosed ?? false,
        coreSupportEndsOn: status.supportEndsOn,
        until25: status.personalAdviserAvailableUntil,
        requestedOn: done.supportAfter21?.requestedOn ?? status.supportRequestedOn,
        declinedOn: done.supportAfter21?.declinedOn ?? null,
      });
  if (closure && compareDates(closure.on, addDays(asOf, CLOSURE_NOTICE_DAYS)) <= 0) items.push(closureDueItem(closure));
  return items.sort((a, b) => compareDates(a.on, b.on));
}

/** A closure as a due item, for the record page and the lists. */
export function closureDueItem(due: ClosureDue): DueItem {
  return { code: 'CLOSE_CASE', label: 'Close the case', ...due };
}

export function urgencyOf(on: IsoDate, asOf: IsoDate): Urgency {
  if (compareDates(on, asOf) < 0) return 'overdue';
  if (compareDates(on, addDays(asOf, DUE_SOON_DAYS)) <= 0) return 'due-soon';
  return 'on-track';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 15 Mar 2026 */
export function shortDate(d: IsoDate): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${day} ${MONTHS[m - 1]} ${y}`;
}

/** Plain words for each category, for staff. */
export const CATEGORY_NAMES: Record<CareLeaverCategory, string> = {
  LOOKED_AFTER_UNDER_16: 'Looked after, under 16',
  LOOKED_AFTER_NOT_YET_ELIGIBLE: 'Looked after, not yet eligible',
  ELIGIBLE: 'Eligible',
  RELEVANT: 'Relevant',
  FORMER_RELEVANT: 'Former relevant',
  FORMER_RELEVANT_21_TO_25: 'Former relevant, 21 to 25',
  QUALIFYING: 'Qualifying',
  NOT_ELIGIBLE_SHORT_BREAKS: 'Short breaks only',
  NONE: 'No leaving-care duty',
};

/** Why Pathway gives this category: the dates and the rule, in one sentence. */
export function explainCategory(s: CareLeaverStatus): string {
  const d = (x: IsoDate | null) => (x ? shortDate(x) : 'an unknown date');
  switch (s.category) {
    case 'ELIGIBLE':
      return `Eligible since ${d(s.eligibleFrom)}: 13 weeks in care after 14, in care on or after their 16th birthday — CPPCR reg 40`;
    case 'LOOKED_AFTER_NOT_YET_ELIGIBLE':
      return s.eligibleFrom
        ? `Looked after: 13 weeks in care after 14 will be complete on ${d(s.eligibleFrom)}, when they become eligible — CPPCR reg 40`
        : 'Looked after, but cannot complete 13 weeks in care after 14 before turning 18 — CPPCR reg 40';
    case 'LOOKED_AFTER_UNDER_16':
      return s.eligibleFrom
        ? `Looked after: expected to become eligible on ${d(s.eligibleFrom)} — Children Act 1989 Sch 2 para 19B`
        : 'Looked after, under 16';
    case 'RELEVANT':
      return s.route === 'REG3_DETENTION'
        ? `Relevant since ${d(s.relevantFrom)}: detained or in hospital on their 16th birthday after 13 weeks in care — Care Leavers Regs reg 3`
        : `Relevant since ${d(s.relevantFrom)}: left care at 16 or 17 after being eligible — Children Act 1989 s23A`;
    case 'FORMER_RELEVANT':
      return `Former relevant since ${d(s.formerRelevantFrom)}: ${s.route === 'S23C_1B' ? 'looked after and eligible when they turned 18' : 'a relevant child who turned 18'}; core support to ${d(s.supportEndsOn)} — Children Act 1989 s23C`;
    case 'FORMER_RELEVANT_21_TO_25':
      return `Aged 21 to 25: a personal adviser and plan on request until ${d(s.personalAdviserAvailableUntil)} — Children Act 1989 s23CZB`;
    case 'QUALIFYING':
      return s.route === 'S24_1A'
        ? 'Qualifying: special guardianship order after being looked after — Children Act 1989 s24(1A)'
        : `Qualifying: looked after after 16 but not eligible${s.flags.includes('relevant-status-suspended-home-6-months') ? ', or home with a parent for 6 months' : ''}; advice and help to ${d(s.supportEndsOn)} — Children Act 1989 s24`;
    case 'NOT_ELIGIBLE_SHORT_BREAKS':
      return 'Short breaks only: not an eligible child — CPPCR reg 40(2) and reg 48';
    case 'NONE':
      if (s.flags.includes('aged-25-support-ended'))
        return 'Aged 25: leaving-care entitlements have ended — Children Act 1989 s23CZB';
      if (s.flags.includes('ended-on-16th-birthday-escalate'))
        return 'Care ended on their 16th birthday: not treated as eligible. Ask a manager or legal adviser to check';
      return 'No leaving-care duty: not looked after on or after their 16th birthday';
  }
}
