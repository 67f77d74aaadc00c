// Care leavers by category (issue 10, part 1b): plan in date, review overdue,
// needs assessment overdue, first plan overdue and no personal adviser on the
// as-at date, from the statutory status (deriveCareLeaverStatus) and the work
// due (dueItems) of each open case; and, for unaccompanied young people, the
// first plan within N months of becoming looked after.

import {
  addMonths,
  compareDates,
  DEFAULT_POLICY,
  deriveCareLeaverStatus,
  dueItems,
  isPlanInDate,
  isLookedAfterOn,
  isShortBreak,
  type CareEpisode,
  type CareLeaverCategory,
  type IsoDate,
  type LocalPolicy,
  urgencyOf,
} from '../statutory/index.ts';
import { CATEGORIES } from './age-bands.ts';
import { percentOf } from './plans-16-17.ts';
import {
  historiesById,
  isCaseOpenOn,
  latestApprovedOn,
  measureOf,
  type Measure,
  type OversightFacts,
  type PlanHistory,
  personalAdviserOn,
  type YoungPersonRecord,
} from './facts.ts';

export interface CareLeaverRow {
  readonly category: CareLeaverCategory | 'All';
  readonly youngPeople: Measure;
  readonly planInDate: Measure;
  /** The status flag `review-overdue`: the next review date has passed (reg 7; CPPCR reg 33). */
  readonly reviewOverdue: Measure;
  /**
   * A needs assessment overdue on the as-at date (CPPCR 2010 reg 42(1); Care Leavers Regs reg 4 for a
   * relevant child): the young person's due items (`dueItems`) hold one whose date is before the as-at
   * date, no assessment having been completed on or before it. As on the young person's record: not
   * while they are under 16, and a plan does not discharge it unless the status says so.
   */
  readonly needsAssessmentOverdue: Measure;
  /** The status flag `pathway-plan-overdue`: no plan and the first plan's date has passed (CPPCR reg 43, §2.2(7)). */
  readonly firstPlanOverdue: Measure;
  /** No personal adviser allocated on the as-at date, whoever else is (Children Act 1989 para 19C, s23B(2), s23CZA). */
  readonly noPersonalAdviser: Measure;
}

export interface UnaccompaniedFirstPlan {
  readonly withinMonths: number;
  /** Unaccompanied, open case, whose deadline (became looked after + N months) is on or before the as-at date. */
  readonly due: Measure;
  /** Of them, a first plan approved on or before the deadline. */
  readonly onTime: Measure;
  readonly percentOnTime: number | null;
}

export interface CareLeaversByCategory {
  readonly asAt: IsoDate;
  /** One row per category, every category present. */
  readonly categories: readonly CareLeaverRow[];
  readonly total: CareLeaverRow;
  readonly unaccompaniedFirstPlan: UnaccompaniedFirstPlan;
}

export interface CareLeaverOptions {
  /** Issue 10 §1b: the council's policy for unaccompanied young people, default 3 months. */
  readonly unaccompaniedFirstPlanWithinMonths?: number;
}

/** The day the young person became looked after: the start of their first episode that is not a short break. */
export function becameLookedAfterOn(person: YoungPersonRecord): IsoDate | null {
  const starts = person.careEpisodes
    .filter((e) => !isShortBreak(e))
    .map((e) => e.start)
    .sort(compareDates);
  return starts[0] ?? null;
}

/** What the care leavers' table counts of one young person on `asAt`, given their latest plan approved by then. */
export interface CareLeaverStatusOn {
  readonly category: CareLeaverCategory;
  readonly inDate: boolean;
  readonly reviewOverdue: boolean;
  readonly needsAssessmentOverdue: boolean;
  readonly firstPlanOverdue: boolean;
  readonly noPersonalAdviser: boolean;
}

/**
 * One young person's row of the table on `asAt` (see `CareLeaverRow` for each rule): the table and the
 * 12-month trend (`trendCounts`) both count with it, so the two cannot differ.
 */
export function careLeaverStatusOn(
  p: YoungPersonRecord,
  lastPlan: IsoDate | null,
  asAt: IsoDate,
  policy: LocalPolicy,
): CareLeaverStatusOn {
  const flags = statusFlagsRemembered(p, lastPlan, asAt, policy);
  return {
    ...flags,
    inDate: isPlanInDate(lastPlan, asAt, policy),
    noPersonalAdviser: personalAdviserOn(p, asAt) === null,
  };
}

type StatusFlags = Pick<
  CareLeaverStatusOn,
  'category' | 'reviewOverdue' | 'needsAssessmentOverdue' | 'firstPlanOverdue'
>;

function statusFlags(p: YoungPersonRecord, lastPlan: IsoDate | null, asAt: IsoDate, policy: LocalPolicy): StatusFlags {
  const status = deriveCareLeaverStatus(
    {
      ...p.categoryFacts,
      dateOfBirth: p.dateOfBirth,
      asOf: asAt,
      episodes: p.careEpisodes,
      lastReviewOn: lastPlan,
      hasPathwayPlan: lastPlan !== null,
    },
    policy,
  );
  return {
    category: status.category,
    reviewOverdue: status.flags.includes('review-overdue'),
    // The due items hold a needs assessment only when one is due and none done (`dueItems`): asked only then.
    needsAssessmentOverdue:
      !assessedBy(p, asAt) &&
      status.needsAssessmentDue !== null &&
      compareDates(status.needsAssessmentDue, asAt) < 0 &&
      dueItems(status, { needsAssessmentDone: false, hasPathwayPlan: lastPlan !== null }, asAt).some(
        (item) => item.code === 'NEEDS_ASSESSMENT' && urgencyOf(item.on, asAt) === 'overdue',
      ),
    firstPlanOverdue: status.flags.includes('pathway-plan-overdue'),
  };
}

/**
 * `statusFlags`, remembered by everything it reads. The figures are made again whenever a council's
 * records change, mostly for young people whose facts did not: their flags on the trend's 12 dates
 * are then found, not derived again (the derivation was most of a page made afresh). Bounded, and
 * kept apart per policy (a policy object is the council's for as long as the figures are kept).
 */
const remembered = new WeakMap<LocalPolicy, Map<string, StatusFlags>>();
const REMEMBERED_PER_POLICY = 300_000;

function statusFlagsRemembered(
  p: YoungPersonRecord,
  lastPlan: IsoDate | null,
  asAt: IsoDate,
  policy: LocalPolicy,
): StatusFlags {
  let known = remembered.get(policy);
  if (!known) {
    known = new Map();
    remembered.set(policy, known);
  }
  // Everything the derivation reads, whole (a fact added to either later is part of the key by itself).
  const key = `${asAt}|${lastPlan}|${p.dateOfBirth}|${p.needsAssessedOn ?? ''}|${JSON.stringify(p.categoryFacts ?? null)}|${JSON.stringify(p.careEpisodes)}`;
  let flags = known.get(key);
  if (!flags) {
    flags = statusFlags(p, lastPlan, asAt, policy);
    if (known.size >= REMEMBERED_PER_POLICY) known.clear();
    known.set(key, flags);
  }
  return flags;
}

const assessedBy = (p: YoungPersonRecord, on: IsoDate) =>
  p.needsAssessedOn != null && compareDates(p.needsAssessedOn, on) <= 0;

/**
 * True when none of the three status flags of `careLeaverStatusOn` — review overdue, needs assessment
 * overdue, first plan overdue — can hold on `asAt`, known without deriving the status (the trend asks
 * this first, on every date, and derives the status only when it is false). Each reason follows the
 * derivation (deriveCareLeaverStatus, deriveCategory, dueItems), given no review triggers, council
 * accommodation or request for support after 21 (the facts hold none):
 * - a plan approved no longer ago than the review interval: its review (the only one due) is not overdue,
 *   and with a plan the first plan is not; nor is a needs assessment once one is done, or, with a plan,
 *   unless they are looked after and under 18 (only those categories have one due with a plan: CPPCR reg 42);
 * - on or after the 25th birthday the category is NONE; on or after the 21st with no education programme
 *   running past it, NONE or former relevant 21 to 25 (s23C(6)): no review, assessment or plan is due.
 */
export function statusFlagsCannotHold(
  p: YoungPersonRecord,
  lastPlan: IsoDate | null,
  asAt: IsoDate,
  policy: LocalPolicy,
  prepared: {
    readonly b18: IsoDate;
    readonly b21: IsoDate;
    readonly b25: IsoDate;
    /** The episodes without short breaks (CPPCR reg 40(2)). */
    readonly planning: readonly CareEpisode[];
  },
): boolean {
  if (compareDates(prepared.b25, asAt) <= 0) return true;
  if (compareDates(prepared.b21, asAt) <= 0 && !p.categoryFacts?.educationProgrammeEndsOn) return true;
  if (lastPlan === null || compareDates(asAt, addMonths(lastPlan, policy.reviewIntervalMonths)) > 0) return false;
  return assessedBy(p, asAt) || compareDates(prepared.b18, asAt) <= 0 || !isLookedAfterOn(prepared.planning, asAt);
}

/**
 * The unaccompanied young person's first-plan deadline (became looked after + `withinMonths`) and
 * whether a plan was approved by it, or null when they are not unaccompanied or were never looked after.
 * Neither depends on the as-at date: they are due on it once the deadline is on or before it.
 */
export function unaccompaniedDeadline(
  p: YoungPersonRecord,
  history: PlanHistory | undefined,
  withinMonths: number,
): { deadline: IsoDate; onTime: boolean } | null {
  const from = p.unaccompanied ? becameLookedAfterOn(p) : null;
  if (!from) return null;
  const deadline = addMonths(from, withinMonths);
  return { deadline, onTime: latestApprovedOn(history, deadline) !== null };
}

/** Issue 10 §1b: the council's policy for unaccompanied young people, default 3 months. */
export const UNACCOMPANIED_FIRST_PLAN_MONTHS = 3;

export function careLeaversByCategory(
  facts: OversightFacts,
  asAt: IsoDate,
  policy: LocalPolicy = DEFAULT_POLICY,
  options: CareLeaverOptions = {},
): CareLeaversByCategory {
  const histories = historiesById(facts);
  const open = facts.youngPeople.filter((p) => isCaseOpenOn(p, asAt));
  const assessed = open.map((p) => ({
    p,
    ...careLeaverStatusOn(p, latestApprovedOn(histories.get(p.id), asAt), asAt, policy),
  }));
  const rowOf = (category: CareLeaverRow['category'], rows: typeof assessed): CareLeaverRow => {
    const who = (keep: (x: (typeof assessed)[number]) => boolean) => measureOf(rows.filter(keep).map((x) => x.p));
    return {
      category,
      youngPeople: who(() => true),
      planInDate: who((x) => x.inDate),
      reviewOverdue: who((x) => x.reviewOverdue),
      needsAssessmentOverdue: who((x) => x.needsAssessmentOverdue),
      firstPlanOverdue: who((x) => x.firstPlanOverdue),
      noPersonalAdviser: who((x) => x.noPersonalAdviser),
    };
  };

  const withinMonths = options.unaccompaniedFirstPlanWithinMonths ?? UNACCOMPANIED_FIRST_PLAN_MONTHS;
  const due = open.flatMap((p) => {
    const first = unaccompaniedDeadline(p, histories.get(p.id), withinMonths);
    return first && compareDates(first.deadline, asAt) <= 0 ? [{ p, onTime: first.onTime }] : [];
  });
  const onTime = due.filter((x) => x.onTime);

  return {
    asAt,
    categories: CATEGORIES.map((c) =>
      rowOf(
        c,
        assessed.filter((x) => x.category === c),
      ),
    ),
    total: rowOf('All', assessed),
    unaccompaniedFirstPlan: {
      withinMonths,
      due: measureOf(due.map((x) => x.p)),
      onTime: measureOf(onTime.map((x) => x.p)),
      percentOnTime: percentOf(onTime.length, due.length),
    },
  };
}
