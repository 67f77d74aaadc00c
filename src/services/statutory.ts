// Status, deadlines and what is due for young people, from their records and the council's policy.
// Pure derivation over data read in the caller's transaction: nothing here is stored.
import type { Tx } from '../data/db.ts';
import * as repo from '../data/repositories/statutory.ts';
import type { FactsKept } from './facts-kept.ts';
import type { Stamp } from './figures-cache.ts';
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
  return policyOf(await repo.currentPolicy(tx));
}

function policyOf(row: repo.PolicyRow | null): { policy: LocalPolicy; version: number } {
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
      // The closure rule's own dates (closure.ts): the lists close a case when the record page does.
      supportAfter21: { requestedOn: facts.supportAfter21RequestedOn, declinedOn: facts.supportAfter21DeclinedOn },
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
 * young person on it, most of them unchanged since the last request. Each is kept by record, day and
 * policy with the facts' row as the database sent it, so an unchanged record is neither parsed nor
 * derived again, and a changed one is derived afresh. Views are frozen, so a
 * caller that tried to change a shared one would fail loudly.
 */
const derived = new Map<string, { facts: string; view: StatutoryView }>();
const DERIVED_LIMIT = 20_000;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Policies by council and version. A version is never changed once written (the app may only insert
 * them), so one read is good for as long as the process runs.
 */
const policies = new Map<string, LocalPolicy>();

async function policyAt(tx: Tx, councilId: string, version: number | null): Promise<LocalPolicy> {
  if (version === null) return DEFAULT_POLICY;
  const key = `${councilId}:${version}`;
  let policy = policies.get(key);
  if (!policy) {
    policy = policyOf(await repo.policyVersion(tx, version)).policy;
    if (policies.size >= 1_000) policies.clear();
    policies.set(key, policy);
  }
  return policy;
}

/**
 * Status and what is due for each young person whose facts were read (`repo.factsJson`, as a list
 * query reads them with its rows, or `repo.statutoryFactsRead`), in the caller's transaction.
 */
export async function statutoryViewsOf(
  tx: Tx,
  read: repo.FactsRead[],
  asOf: string,
): Promise<Map<string, StatutoryView>> {
  const out = new Map<string, StatutoryView>();
  if (read.length === 0) return out;
  // Every row carries the same council and policy version: they were read in one statement.
  const policy = await policyAt(tx, read[0].councilId, read[0].policyVersion);
  const context = `${asOf}|${read[0].councilId}:${read[0].policyVersion}|`;
  for (const r of read) {
    // Found by record, then compared with the facts it was derived from: a list's facts are usually the
    // very strings kept from the last read, so the comparison is of one pointer, not of a long text.
    const key = context + r.id;
    const found = derived.get(key);
    let view = found?.facts === r.facts ? found.view : undefined;
    if (!view) {
      view = deepFreeze(viewFrom(repo.factsFrom(r.id, r.facts), asOf, policy));
      if (derived.size >= DERIVED_LIMIT) derived.clear();
      derived.set(key, { facts: r.facts, view });
    }
    out.set(r.id, view);
  }
  return out;
}

/**
 * The facts of these young people (rows a list query read with `withPolicy`), from what this process
 * keeps where it can and read in one query for the rest, in the caller's transaction. `stamp` must
 * have been taken before the transaction read anything.
 */
export async function factsOfList(
  tx: Tx,
  kept: FactsKept,
  stamp: Stamp,
  rows: readonly { id: string; councilId?: string; policyVersion?: number | null }[],
): Promise<repo.FactsRead[]> {
  if (rows.length === 0) return [];
  const { found, missing } = kept.take(
    stamp,
    rows.map((r) => r.id),
  );
  const read = await repo.statutoryFactsRead(tx, missing);
  kept.keep(stamp, read);
  for (const r of read) found.set(r.id, r.facts);
  // Every row carries the same council and policy version: they were read in one statement.
  const councilId = rows[0].councilId!;
  const policyVersion = rows[0].policyVersion ?? null;
  // A young person deleted between the two statements has no facts: they are left out.
  return rows.flatMap((r) => {
    const facts = found.get(r.id);
    return facts === undefined ? [] : [{ id: r.id, councilId, policyVersion, facts }];
  });
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
  return statutoryViewsOf(tx, await repo.statutoryFactsRead(tx, ids, options.asItStood ? asOf : undefined), asOf);
}
