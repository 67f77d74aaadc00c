// Flow (issue 10, part 1g): plans approved per month, the median days from
// starting a review to its approval, and the plans waiting for approval on the
// as-at date with the oldest. Counts every young person in the facts, open case
// or not: an approval or a wait is work done or owed whatever happened since.

import { addMonths, compareDates, daysBetween, type IsoDate } from '../statutory/index.ts';
import { measureOf, type Measure, type OversightFacts, type PersonRef, type ReviewRecord } from './facts.ts';
import { monthEnd } from './trend.ts';

export interface MonthOfApprovals {
  /** 'YYYY-MM' */
  readonly month: string;
  readonly from: IsoDate;
  /** Inclusive: the month's last day, or the as-at date in its own month. */
  readonly to: IsoDate;
  /** Plan versions approved in the month (a young person with two counts twice). */
  readonly approved: number;
  /** The young people behind them, each once. */
  readonly youngPeople: Measure;
}

export interface WaitingReview {
  readonly reviewId: string;
  readonly youngPerson: PersonRef;
  /** The latest time it was sent for approval on or before the as-at date. */
  readonly waitingSince: IsoDate;
  readonly daysWaiting: number;
}

export interface PlanFlow {
  readonly asAt: IsoDate;
  /** Twelve calendar months, oldest first, the last one running to the as-at date. */
  readonly approvedPerMonth: readonly MonthOfApprovals[];
  /** Median of (approved − started) in days over reviews approved in those 12 months; null with none. */
  readonly medianDaysStartToApproval: number | null;
  /** How many reviews that median is over, and whose. */
  readonly reviewsApproved: number;
  readonly reviewsApprovedFor: Measure;
  readonly waitingForApproval: Measure;
  /** Each waiting review, oldest wait first. */
  readonly waiting: readonly WaitingReview[];
  readonly oldestWaiting: WaitingReview | null;
}

const inRange = (date: IsoDate, from: IsoDate, to: IsoDate) =>
  compareDates(from, date) <= 0 && compareDates(date, to) <= 0;

/** Median of whole numbers; the mean of the middle two for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The 12 calendar months up to `asAt`: [first day, last day or asAt]. */
export function twelveMonthsTo(asAt: IsoDate): { month: string; from: IsoDate; to: IsoDate }[] {
  const firstOfMonth = `${asAt.slice(0, 7)}-01`;
  return Array.from({ length: 12 }, (_, i) => {
    const from = addMonths(firstOfMonth, i - 11);
    return { month: from.slice(0, 7), from, to: i === 11 ? asAt : monthEnd(from) };
  });
}

/**
 * Waiting for approval on `asAt`: sent for approval more times than it was
 * returned, counting only events on or before `asAt` (a return answers one
 * sending, so a same-day return and resend stay unambiguous), and not approved
 * on or before `asAt`.
 */
export function waitingSinceOn(review: ReviewRecord, asAt: IsoDate): IsoDate | null {
  if (review.approvedOn !== null && compareDates(review.approvedOn, asAt) <= 0) return null;
  const sent = review.submittedForApprovalOn.filter((d) => compareDates(d, asAt) <= 0).sort(compareDates);
  const returned = review.returnedOn.filter((d) => compareDates(d, asAt) <= 0);
  return sent.length > returned.length ? sent[sent.length - 1] : null;
}

export function planFlow(facts: OversightFacts, asAt: IsoDate): PlanFlow {
  const people = new Map(facts.youngPeople.map((p) => [p.id, p]));
  const ref = (id: string): PersonRef => ({ id, restricted: people.get(id)?.restricted ?? false });
  const months = twelveMonthsTo(asAt);
  const windowFrom = months[0].from;

  const approvedPerMonth = months.map(({ month, from, to }) => {
    const approvals = facts.planHistories.flatMap((h) =>
      h.approvedPlans.filter((plan) => inRange(plan.approvedOn, from, to)).map(() => h.youngPersonId),
    );
    return { month, from, to, approved: approvals.length, youngPeople: measureOf([...new Set(approvals)].map(ref)) };
  });

  const approvedReviews = facts.planHistories.flatMap((h) =>
    h.reviews
      .filter((r) => r.approvedOn !== null && inRange(r.approvedOn, windowFrom, asAt))
      .map((r) => ({ id: h.youngPersonId, days: daysBetween(r.startedOn, r.approvedOn as IsoDate) })),
  );

  const waiting = facts.planHistories
    .flatMap((h) =>
      h.reviews.flatMap((r) => {
        const since = waitingSinceOn(r, asAt);
        return since === null
          ? []
          : [
              {
                reviewId: r.id,
                youngPerson: ref(h.youngPersonId),
                waitingSince: since,
                daysWaiting: daysBetween(since, asAt),
              },
            ];
      }),
    )
    .sort((a, b) => compareDates(a.waitingSince, b.waitingSince) || (a.reviewId < b.reviewId ? -1 : 1));

  return {
    asAt,
    approvedPerMonth,
    medianDaysStartToApproval: median(approvedReviews.map((r) => r.days)),
    reviewsApproved: approvedReviews.length,
    reviewsApprovedFor: measureOf([...new Set(approvedReviews.map((r) => r.id))].map(ref)),
    waitingForApproval: measureOf([...new Set(waiting.map((w) => w.youngPerson.id))].map(ref)),
    waiting,
    oldestWaiting: waiting[0] ?? null,
  };
}
