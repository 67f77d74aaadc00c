// What the oversight measures read (src/domain/oversight/facts.ts), for the council entered in the
// transaction: row-level security keeps it to that council. Five queries, one per kind of record,
// whatever the number of young people.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import type { Allocation, OversightFacts, ReviewRecord, YoungPersonRecord } from '../../domain/oversight/index.ts';
import type { CareEpisode } from '../../domain/statutory/index.ts';
import {
  allocations,
  careEpisodes,
  councils,
  performanceTargets,
  planVersions,
  reviews,
  staff,
  teams,
  youngPeople,
} from '../schema.ts';

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

export async function oversightFacts(tx: Tx): Promise<OversightFacts> {
  const people = await tx
    .select({
      id: youngPeople.id,
      dateOfBirth: sql<string>`${youngPeople.dateOfBirth}::text`,
      closedOn: sql<string | null>`${youngPeople.closedOn}::text`,
      restricted: youngPeople.restricted,
      unaccompanied: youngPeople.unaccompaniedAsylumSeeking,
      teamId: youngPeople.teamId,
      teamName: teams.name,
      createdOn: sql<string>`(${youngPeople.createdAt} AT TIME ZONE 'Europe/London')::date::text`,
      homeWithParentSince: sql<string | null>`${youngPeople.homeWithParentSince}::text`,
      detained: youngPeople.detainedOrInHospitalOn16thBirthday,
      educationEnds: sql<string | null>`${youngPeople.educationProgrammeEndsOn}::text`,
    })
    .from(youngPeople)
    .innerJoin(teams, eq(teams.id, youngPeople.teamId));
  const episodes = await tx
    .select({
      youngPersonId: careEpisodes.youngPersonId,
      start: sql<string>`${careEpisodes.startDate}::text`,
      end: sql<string | null>`${careEpisodes.endDate}::text`,
      legalStatus: careEpisodes.legalStatus,
    })
    .from(careEpisodes)
    .orderBy(asc(careEpisodes.startDate));
  // A case's team on a day is the team of the worker allocated to it that day (the most recently
  // allocated, when a social worker and a personal adviser overlap).
  const allocated = await tx
    .select({
      youngPersonId: allocations.youngPersonId,
      role: allocations.allocationRole,
      staffId: allocations.staffId,
      from: sql<string>`${allocations.startDate}::text`,
      to: sql<string | null>`${allocations.endDate}::text`,
      teamId: teams.id,
      teamName: teams.name,
    })
    .from(allocations)
    .innerJoin(staff, eq(staff.id, allocations.staffId))
    .innerJoin(teams, eq(teams.id, staff.teamId))
    .orderBy(asc(allocations.startDate));
  const approved = await tx
    .select({
      youngPersonId: planVersions.youngPersonId,
      versionId: planVersions.id,
      approvedOn: sql<string>`${planVersions.approvedOn}::text`,
    })
    .from(planVersions);
  // Only the review's timeline, not its content: the dates flow (issue 10 §1g) is measured on, from
  // the columns migration 011 generates from the review's JSON (reading the JSON itself is slow).
  const reviewed = await tx
    .select({
      id: reviews.id,
      youngPersonId: reviews.youngPersonId,
      startedOn: sql<string>`started_on`,
      submittedForApprovalOn: sql<string | null>`submitted_for_approval_on`,
      returns: sql<{ on: string; resentOn?: string }[] | null>`returns`,
      approvedOn: sql<string | null>`approved_on`,
    })
    .from(reviews);

  const episodesOf = groupBy(episodes, (e) => e.youngPersonId);
  const allocationsOf = groupBy(allocated, (a) => a.youngPersonId);
  const approvedOf = groupBy(approved, (p) => p.youngPersonId);
  const reviewsOf = groupBy(reviewed.map(reviewRecordOf), (r) => r.youngPersonId);
  const youngPeopleRecords: YoungPersonRecord[] = people.map((p) => {
    const careEpisodesOf: CareEpisode[] = (episodesOf.get(p.id) ?? []).map((e) => ({
      start: e.start,
      end: e.end,
      legalStatus: e.legalStatus,
    }));
    const held = allocationsOf.get(p.id) ?? [];
    const advisers = held.filter((a) => a.role === 'personal_adviser');
    const socialWorkers = held.filter((a) => a.role === 'social_worker');
    const periods: Allocation[] = [...socialWorkers, ...advisers].map((a) => ({
      team: { id: a.teamId, name: a.teamName },
      personalAdviserId: a.role === 'personal_adviser' ? a.staffId : null,
      from: a.from,
      to: a.to,
    }));
    // With no allocation on record, the case belongs to its team from when it was opened.
    const starts = [...careEpisodesOf.map((e) => e.start), ...held.map((a) => a.from)].sort();
    const caseOpenedOn = starts[0] ?? p.createdOn;
    if (periods.length === 0)
      periods.push({ team: { id: p.teamId, name: p.teamName }, personalAdviserId: null, from: caseOpenedOn, to: null });
    return {
      id: p.id,
      dateOfBirth: p.dateOfBirth,
      caseOpenedOn,
      caseClosedOn: p.closedOn,
      restricted: p.restricted,
      unaccompanied: p.unaccompanied,
      careEpisodes: careEpisodesOf,
      allocations: periods,
      categoryFacts: {
        homeWithParentSince: p.homeWithParentSince,
        detainedOrInHospitalOn16thBirthday: p.detained,
        educationProgrammeEndsOn: p.educationEnds,
      },
    };
  });
  return {
    youngPeople: youngPeopleRecords,
    planHistories: people.map((p) => ({
      youngPersonId: p.id,
      approvedPlans: (approvedOf.get(p.id) ?? []).map((v) => ({ versionId: v.versionId, approvedOn: v.approvedOn })),
      reviews: (reviewsOf.get(p.id) ?? []).map((r) => r.record),
    })),
  };
}

/**
 * A review's timeline as the flow measures read it. The review keeps only its latest sending for
 * approval; every return records when it was answered (`resentOn`). So the sendings are the first
 * one and each answer to a return. The first sending's own date is overwritten by a resend: for a
 * review returned at least once it is taken as the first return's date, the latest it can have been.
 */
export function reviewRecordOf(row: {
  id: string;
  youngPersonId: string;
  startedOn: string;
  submittedForApprovalOn: string | null;
  returns: readonly { on: string; resentOn?: string }[] | null;
  approvedOn: string | null;
}): { youngPersonId: string; record: ReviewRecord } {
  const returns = row.returns ?? [];
  const first = returns.length > 0 ? returns[0].on : row.submittedForApprovalOn;
  const resent = returns.flatMap((r) => (r.resentOn ? [r.resentOn] : []));
  return {
    youngPersonId: row.youngPersonId,
    record: {
      id: row.id,
      startedOn: row.startedOn,
      submittedForApprovalOn: first ? [first, ...resent] : [],
      returnedOn: returns.map((r) => r.on),
      approvedOn: row.approvedOn,
    },
  };
}

/** The council entered, for naming downloads. */
export async function councilEntered(tx: Tx): Promise<{ slug: string; name: string }> {
  const [row] = await tx.select({ slug: councils.slug, name: councils.name }).from(councils);
  return row ?? { slug: 'council', name: '' };
}

/** The council's targets, percent by measure; a measure with none is absent. */
export async function performanceTargetsIn(tx: Tx): Promise<Record<string, number>> {
  const rows = await tx
    .select({ measure: performanceTargets.measure, percent: performanceTargets.percent })
    .from(performanceTargets);
  return Object.fromEntries(rows.map((r) => [r.measure, r.percent]));
}

/** Sets (or, with null, clears) the council's target for one measure. */
export async function setPerformanceTarget(
  tx: Tx,
  props: { councilId: string; measure: string; percent: number | null; setBy: string; at: Date },
): Promise<void> {
  if (props.percent === null) {
    await tx
      .delete(performanceTargets)
      .where(and(eq(performanceTargets.councilId, props.councilId), eq(performanceTargets.measure, props.measure)));
    return;
  }
  const row = { percent: props.percent, setBy: props.setBy, setAt: props.at };
  await tx
    .insert(performanceTargets)
    .values({ councilId: props.councilId, measure: props.measure, ...row })
    .onConflictDoUpdate({ target: [performanceTargets.councilId, performanceTargets.measure], set: row });
}
