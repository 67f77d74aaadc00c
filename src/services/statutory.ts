// Status, deadlines and what is due for young people, from their records and the council's policy.
// Pure derivation over data read in the caller's transaction: nothing here is stored.
import type { Tx } from '../data/db.ts';
import * as repo from '../data/repositories/statutory.ts';
import {
  DEFAULT_POLICY,
  deriveCareLeaverStatus,
  ENGLAND_AND_WALES,
  dueItems,
  outstandingTriggers,
  unscheduledReviewDue,
  urgencyOf,
  validatePolicy,
  type CareLeaverStatus,
  type DueItem,
  type LocalPolicy,
  type ReviewTriggerKind,
  type Urgency,
} from '../domain/statutory/index.ts';

/** Care Leavers Regs reg 7(1): (a) the young person asks, (b) the adviser or council judges one needed. */
function triggerKind(kind: string): ReviewTriggerKind {
  if (kind === 'young_person_request') return 'YOUNG_PERSON_REQUEST';
  if (kind === 'adviser_request') return 'PA_OR_COUNCIL_JUDGEMENT';
  return 'SIGNIFICANT_CHANGE';
}

export type StatutoryView = {
  status: CareLeaverStatus;
  due: DueItem[];
  next: DueItem | null;
  urgency: Urgency | null;
  /** The young person's own requests for a review not yet answered by one: when, and the review's date. */
  requests: { on: string; dueBy: string }[];
  facts: repo.StatutoryFacts;
};

/** The council's policy in force; versions are validated when saved, and again here. */
export async function policyIn(tx: Tx): Promise<{ policy: LocalPolicy; version: number }> {
  const row = await repo.currentPolicy(tx);
  if (!row) return { policy: DEFAULT_POLICY, version: 0 };
  const checked = validatePolicy(row.policy as Partial<LocalPolicy>);
  return { policy: checked.ok ? checked.policy : DEFAULT_POLICY, version: row.version };
}

export function viewFrom(facts: repo.StatutoryFacts, asOf: string, policy: LocalPolicy): StatutoryView {
  const triggers = facts.triggers.map((t) => ({
    on: t.on,
    kind: triggerKind(t.kind),
    afterReviewThatDay: t.afterReviewThatDay,
  }));
  const status = deriveCareLeaverStatus(
    {
      dateOfBirth: facts.dateOfBirth,
      asOf,
      episodes: facts.episodes.filter((e) => e.start <= asOf),
      homeWithParentSince: facts.homeWithParentSince,
      detainedOrInHospitalOn16thBirthday: facts.detainedOrInHospitalOn16thBirthday,
      educationProgrammeEndsOn: facts.educationProgrammeEndsOn,
      lastReviewOn: facts.lastReviewOn,
      hasPathwayPlan: facts.firstPlanOn !== null,
      requestedSupportAfter21: facts.supportAfter21RequestedOn !== null,
      supportRequestedOn: facts.supportAfter21RequestedOn,
      reviewTriggers: triggers,
      councilAccommodation: facts.councilAccommodationSince
        ? {
            since: facts.councilAccommodationSince,
            lastAccommodationReviewOn: facts.lastAccommodationReviewOn,
            lastPersonalAdviserVisitOn: facts.lastAdviserVisitOn,
          }
        : null,
    },
    policy,
    ENGLAND_AND_WALES,
  );
  const due = dueItems(
    status,
    {
      needsAssessmentDone: facts.needsAssessmentOn !== null,
      hasPathwayPlan: facts.firstPlanOn !== null,
      offer21Answered: facts.supportAfter21RequestedOn !== null || facts.supportAfter21DeclinedOn !== null,
      hasPersonalAdviser: facts.personalAdviserId === undefined ? undefined : facts.personalAdviserId !== null,
    },
    asOf,
  );
  const next = due[0] ?? null;
  const requests = outstandingTriggers(
    triggers.filter((t) => t.kind === 'YOUNG_PERSON_REQUEST'),
    facts.lastReviewOn,
    asOf,
  ).map((t) => ({ on: t.on, dueBy: unscheduledReviewDue(t, policy, ENGLAND_AND_WALES) }));
  return { status, due, next, urgency: next ? urgencyOf(next.on, asOf) : null, requests, facts };
}

/**
 * Views already derived, by what they were derived from (the facts as read, the day, the policy):
 * the derivation is pure, so the same inputs give the same view. A list page derives one for every
 * young person on it, most of them unchanged since the last request; the key costs a tenth of the
 * derivation. Views are frozen, so a caller that tried to change a shared one would fail loudly.
 */
const derived = new Map<string, StatutoryView>();
const DERIVED_LIMIT = 20_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Status and what is due for each young person, in the caller's transaction. `asItStood`: from the work
 * recorded on or before `asOf` only, for a day in the past.
 */
export async function statutoryViews(
  tx: Tx,
  ids: string[],
  asOf: string,
  options: { asItStood?: boolean } = {},
): Promise<Map<string, StatutoryView>> {
  const [{ policy }, facts] = [
    await policyIn(tx),
    await repo.statutoryFacts(tx, ids, options.asItStood ? asOf : undefined),
  ];
  const context = `${asOf}|${JSON.stringify(policy)}|`;
  const out = new Map<string, StatutoryView>();
  for (const [id, f] of facts) {
    const key = context + JSON.stringify(f);
    let view = derived.get(key);
    if (!view) {
      view = deepFreeze(viewFrom(f, asOf, policy));
      if (derived.size >= DERIVED_LIMIT) derived.clear();
      derived.set(key, view);
    }
    out.set(id, view);
  }
  return out;
}
