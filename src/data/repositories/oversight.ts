// What the oversight measures read (src/domain/oversight/facts.ts), for the council entered in the
// transaction: row-level security keeps it to that council. Six queries, whatever the number of
// young people.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import type {
  Allocation,
  OversightFacts,
  PlanHistory,
  ReviewRecord,
  YoungPersonRecord,
} from '../../domain/oversight/index.ts';
import type { CareEpisode } from '../../domain/statutory/index.ts';
import { councils, performanceTargets } from '../schema.ts';

type FactsRow = {
  id: string;
  date_of_birth: string;
  closed_on: string | null;
  restricted: boolean;
  unaccompanied: boolean;
  team_id: string;
  team_name: string;
  created_on: string;
  home_with_parent_since: string | null;
  detained: boolean;
  education_ends: string | null;
  episodes: [start: string, end: string | null, legalStatus: string][] | null;
  allocations:
    | [role: string, staffId: string, from: string, to: string | null, teamId: string, teamName: string][]
    | null;
  versions: [versionId: string, approvedOn: string][] | null;
  reviews:
    | [
        id: string,
        startedOn: string,
        submittedForApprovalOn: string | null,
        returns: { on: string; resentOn?: string }[] | null,
        approvedOn: string | null,
      ][]
    | null;
};

/**
 * Each young person with their episodes, allocations, approved plans and reviews, each kind gathered
 * into one JSON array per young person by the database: a row per young person, not per record, is
 * quicker on the embedded database (it encodes and decodes every row): 65 ms against 95 ms for
 * 1,000 young people with three years of plans. Reviews give only their
 * timeline, from the columns migration 011 generates (reading each review's JSON is slow).
 */
export async function oversightFacts(tx: Tx): Promise<OversightFacts> {
  // Six queries, each a single pass over one table (grouped by young person), joined here by id:
  // no join for the planner to get wrong (grouped sub-queries joined in SQL were planned as nested
  // loops on tables not yet analysed, growing with the square of the council: 13 s for 5,000).
  const perPerson = async <T>(query: SQL): Promise<Map<string, T>> => {
    const { rows } = (await tx.execute(query)) as unknown as { rows: { id: string; j: T }[] };
    return new Map(rows.map((r) => [r.id, r.j]));
  };
  const episodesOf = await perPerson<FactsRow['episodes']>(sql`
    SELECT young_person_id AS id, json_agg(json_build_array(start_date, end_date, legal_status) ORDER BY start_date) AS j
    FROM care_episodes GROUP BY young_person_id`);
  // A case's team on a day is the team of the worker allocated to it that day.
  const allocationsOf = await perPerson<FactsRow['allocations']>(sql`
    SELECT a.young_person_id AS id,
      json_agg(json_build_array(a.allocation_role, a.staff_id, a.start_date, a.end_date, t.id, t.name) ORDER BY a.start_date) AS j
    FROM allocations a JOIN staff s ON s.id = a.staff_id JOIN teams t ON t.id = s.team_id
    GROUP BY a.young_person_id`);
  const versionsOf = await perPerson<FactsRow['versions']>(sql`
    SELECT young_person_id AS id, json_agg(json_build_array(id, approved_on) ORDER BY approved_on, version) AS j
    FROM plan_versions GROUP BY young_person_id`);
  const reviewsOf = await perPerson<FactsRow['reviews']>(sql`
    SELECT young_person_id AS id,
      json_agg(json_build_array(id, started_on, submitted_for_approval_on, returns, approved_on) ORDER BY started_on, id) AS j
    FROM reviews GROUP BY young_person_id`);
  // The first needs assessment, as the young person's statutory view reads it (repositories/statutory.ts).
  const needsAssessedOn = await perPerson<string>(sql`
    SELECT young_person_id AS id, min(completed_on)::text AS j
    FROM statutory_records WHERE kind = 'needs_assessment' GROUP BY young_person_id`);
  const people = (await tx.execute(sql`
    SELECT y.id, y.date_of_birth::text AS date_of_birth, y.closed_on::text AS closed_on, y.restricted,
      y.unaccompanied_asylum_seeking AS unaccompanied, y.team_id, t.name AS team_name,
      (y.created_at AT TIME ZONE 'Europe/London')::date::text AS created_on,
      y.home_with_parent_since::text AS home_with_parent_since, y.detained_or_in_hospital_on_16th_birthday AS detained,
      y.education_programme_ends_on::text AS education_ends
    FROM young_people y JOIN teams t ON t.id = y.team_id`)) as unknown as { rows: FactsRow[] };
  const result = {
    rows: people.rows.map((row) => ({
      ...row,
      episodes: episodesOf.get(row.id) ?? null,
      allocations: allocationsOf.get(row.id) ?? null,
      versions: versionsOf.get(row.id) ?? null,
      reviews: reviewsOf.get(row.id) ?? null,
    })),
  };
  const youngPeopleRecords: YoungPersonRecord[] = [];
  const planHistories: PlanHistory[] = [];
  for (const row of result.rows) {
    const careEpisodes: CareEpisode[] = (row.episodes ?? []).map(([start, end, legalStatus]) => ({
      start,
      end,
      legalStatus,
    }));
    const held = (row.allocations ?? []).map(([role, staffId, from, to, teamId, teamName]) => ({
      role,
      staffId,
      from,
      to,
      team: { id: teamId, name: teamName },
    }));
    // Social workers' allocations first, then advisers', each oldest first: the latest-starting one
    // in force on a day is the case's allocation that day.
    const periods: Allocation[] = [
      ...held.filter((a) => a.role === 'social_worker'),
      ...held.filter((a) => a.role === 'personal_adviser'),
    ].map((a) => ({
      team: a.team,
      personalAdviserId: a.role === 'personal_adviser' ? a.staffId : null,
      from: a.from,
      to: a.to,
    }));
    // With no allocation on record, the case belongs to its team from when it was opened.
    const starts = [...careEpisodes.map((e) => e.start), ...held.map((a) => a.from)].sort();
    const caseOpenedOn = starts[0] ?? row.created_on;
    if (periods.length === 0)
      periods.push({
        team: { id: row.team_id, name: row.team_name },
        personalAdviserId: null,
        from: caseOpenedOn,
        to: null,
      });
    youngPeopleRecords.push({
      id: row.id,
      dateOfBirth: row.date_of_birth,
      caseOpenedOn,
      caseClosedOn: row.closed_on,
      restricted: row.restricted,
      unaccompanied: row.unaccompanied,
      careEpisodes,
      allocations: periods,
      needsAssessedOn: needsAssessedOn.get(row.id) ?? null,
      categoryFacts: {
        homeWithParentSince: row.home_with_parent_since,
        detainedOrInHospitalOn16thBirthday: row.detained,
        educationProgrammeEndsOn: row.education_ends,
      },
    });
    planHistories.push({
      youngPersonId: row.id,
      approvedPlans: (row.versions ?? []).map(([versionId, approvedOn]) => ({ versionId, approvedOn })),
      reviews: (row.reviews ?? []).map(
        ([id, startedOn, submittedForApprovalOn, returns, approvedOn]) =>
          reviewRecordOf({ id, youngPersonId: row.id, startedOn, submittedForApprovalOn, returns, approvedOn }).record,
      ),
    });
  }
  return { youngPeople: youngPeopleRecords, planHistories };
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

/**
 * Holds the council's targets until the transaction ends, so that two people saving the form at once
 * save one after the other: the targets end as one whole form, and each audit row's old values are
 * the ones it replaced. (Clearing a target deletes a row, which may not exist to lock.)
 */
export async function lockPerformanceTargets(tx: Tx, councilId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`pathway targets ${councilId}`}))`);
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
