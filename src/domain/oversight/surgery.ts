// Performance surgery (issue 10, part 5): for a team manager, one row per worker in the team with
// what that worker owes now — overdue statutory items, plans waiting for their signature, plans the
// manager returned and not yet sent again, open quality actions, young people's review requests not
// yet answered — and the plans approved per month for their young people over the last 6 months.
// Pure: the facts (the team's open cases as they stood on the as-at date) are read by the service.

import { currentReturnReason, type Review } from '../plan/index.ts';
import type { IsoDate } from '../statutory/index.ts';
import { measureOf, type Measure, type PersonRef } from './facts.ts';
import { twelveMonthsTo } from './flow.ts';

/** How many calendar months of approvals the surgery shows, the current month last. */
export const SURGERY_MONTHS = 6;

/** The plan under way for a young person: its stage, the worker's signature and the manager's returns. */
export type OpenPlan = Pick<Review, 'state' | 'workerSignature' | 'returns'>;

/** One open case of the team, as it stands today. */
export interface SurgeryCase {
  readonly youngPerson: PersonRef;
  /** The personal adviser and the social worker allocated now (either may be absent). */
  readonly workerIds: readonly string[];
  /** Statutory items (assessment, plan, review, visits…) whose date is before today. */
  readonly overdueItems: number;
  /** The young person's own requests for a review that no review has answered yet. */
  readonly reviewRequestsWaiting: number;
  /** The review under way (not approved), if any. */
  readonly openPlan: OpenPlan | null;
  /** Days their plan versions were approved. */
  readonly approvedOn: readonly IsoDate[];
}

/** A quality action set for a worker by a judgement of one of the team's plans. */
export interface SurgeryQualityAction {
  readonly youngPerson: PersonRef;
  readonly workerId: string;
  readonly done: boolean;
}

export interface SurgeryWorker {
  readonly id: string;
  readonly name: string;
  readonly role: string;
}

export interface SurgeryMonth {
  /** 'YYYY-MM' */
  readonly month: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Plan versions approved in the month (a young person with two counts twice). */
  readonly approved: number;
  /** The young people behind them, each once. */
  readonly youngPeople: Measure;
}

export interface SurgeryRow {
  readonly worker: SurgeryWorker;
  /** The team's open cases allocated to the worker. */
  readonly cases: Measure;
  /** Young people with at least one statutory item overdue (the caseload's "Overdue"). */
  readonly overdue: Measure;
  readonly waitingForSignature: Measure;
  readonly returned: Measure;
  /** Open quality actions for this worker (each counts), and the young people they are about. */
  readonly qualityActions: number;
  readonly qualityActionsFor: Measure;
  readonly reviewRequests: Measure;
  readonly months: readonly SurgeryMonth[];
}

/** Sent for signatures, and the allocated worker has not signed yet (the young person may have). */
export function isWaitingForWorkerSignature(plan: OpenPlan | null): boolean {
  return plan !== null && plan.state === 'awaiting_signatures' && plan.workerSignature === null;
}

/**
 * Returned by the manager and not sent to them again: the reason the worker is shown on their home
 * page (`currentReturnReason`), also while the plan is being changed after the return.
 */
export function isReturnedNotSentAgain(plan: OpenPlan | null): boolean {
  return plan !== null && currentReturnReason(plan) !== null;
}

export function hasOverdueItems(c: SurgeryCase): boolean {
  return c.overdueItems > 0;
}

export function hasReviewRequestWaiting(c: SurgeryCase): boolean {
  return c.reviewRequestsWaiting > 0;
}

/** The last `SURGERY_MONTHS` calendar months, oldest first, the last running to `today`. */
export function surgeryMonths(today: IsoDate): { month: string; from: IsoDate; to: IsoDate }[] {
  return twelveMonthsTo(today).slice(-SURGERY_MONTHS);
}

/** Each person once. */
function distinct(people: readonly PersonRef[]): PersonRef[] {
  return [...new Map(people.map((p) => [p.id, p])).values()];
}

/**
 * One row per worker, in the order given: a case counts for each worker allocated to it (a personal
 * adviser and a social worker both owe its work); a quality action for the worker it was set for.
 */
export function surgeryRows(
  workers: readonly SurgeryWorker[],
  cases: readonly SurgeryCase[],
  actions: readonly SurgeryQualityAction[],
  today: IsoDate,
): SurgeryRow[] {
  const months = surgeryMonths(today);
  return workers.map((worker) => {
    const own = cases.filter((c) => c.workerIds.includes(worker.id));
    const people = (rule: (c: SurgeryCase) => boolean) => measureOf(own.filter(rule).map((c) => c.youngPerson));
    const open = actions.filter((a) => a.workerId === worker.id && !a.done);
    return {
      worker,
      cases: people(() => true),
      overdue: people(hasOverdueItems),
      waitingForSignature: people((c) => isWaitingForWorkerSignature(c.openPlan)),
      returned: people((c) => isReturnedNotSentAgain(c.openPlan)),
      qualityActions: open.length,
      qualityActionsFor: measureOf(distinct(open.map((a) => a.youngPerson))),
      reviewRequests: people(hasReviewRequestWaiting),
      months: months.map((m) => {
        const approvals = own.flatMap((c) =>
          c.approvedOn.filter((on) => on >= m.from && on <= m.to).map(() => c.youngPerson),
        );
        return { ...m, approved: approvals.length, youngPeople: measureOf(distinct(approvals)) };
      }),
    };
  });
}

/** The parts of a surgery row that have a list behind them. */
export const SURGERY_PARTS = [
  'cases',
  'overdue',
  'waitingForSignature',
  'returned',
  'qualityActions',
  'reviewRequests',
] as const;
export type SurgeryPart = (typeof SURGERY_PARTS)[number];

export const SURGERY_PART_NAMES: Record<SurgeryPart, string> = {
  cases: 'Open cases',
  overdue: 'Something overdue',
  waitingForSignature: 'Waiting for their signature',
  returned: 'Returned, not sent again',
  qualityActions: 'Open quality actions',
  reviewRequests: 'Asked for a review',
};

/** The young people behind one number of a row: a part, or a month ('YYYY-MM') of approvals. */
export function surgeryMeasure(row: SurgeryRow, part: SurgeryPart | { month: string }): Measure | null {
  if (typeof part === 'object') return row.months.find((m) => m.month === part.month)?.youngPeople ?? null;
  return part === 'qualityActions' ? row.qualityActionsFor : row[part];
}
