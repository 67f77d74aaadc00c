// Dip sampling and case-file audits (migration 010). SQL only: the draw and the checks are in
// src/domain/audit, the permission checks and audit rows in src/services/case-file-audits.ts.
import { aliasedTable, and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { auditAnswers, auditFollowUps, auditRoundItems, auditRounds, auditSubmissions } from '../audit-schema.ts';
import { planVersions, staff, teams, youngPersonAccounts, youngPeople } from '../schema.ts';
import type { ValidAudit } from '../../domain/audit/index.ts';
import type { Principal } from '../../domain/permissions.ts';
import { visibleTo } from './people.ts';

/** Every approved plan version in the council: the sample's candidates before team and category are known. */
export async function approvedVersions(tx: Tx) {
  return tx
    .select({
      planVersionId: planVersions.id,
      youngPersonId: planVersions.youngPersonId,
      version: planVersions.version,
      approvedOn: sql<string>`${planVersions.approvedOn}::text`,
    })
    .from(planVersions);
}

/** Staff who may be assigned an audit: active team managers, IROs and service managers. */
export async function auditors(tx: Tx) {
  return tx
    .select({
      id: staff.id,
      displayName: staff.displayName,
      role: staff.role,
      teamId: staff.teamId,
      councilId: staff.councilId,
    })
    .from(staff)
    .where(
      and(
        eq(staff.active, true),
        inArray(staff.role, ['team_manager', 'independent_reviewing_officer', 'service_manager']),
      ),
    )
    .orderBy(asc(staff.displayName));
}

export type RoundFilters = { teamId: string | null; from: string; to: string; category: string | null };

export async function insertRound(
  tx: Tx,
  round: {
    councilId: string;
    drawnBy: string;
    drawnAt: Date;
    seed: number;
    filters: RoundFilters;
    size: number;
    population: number;
  },
  items: { youngPersonId: string; planVersionId: string; version: number; teamId: string | null }[],
) {
  const [saved] = await tx.insert(auditRounds).values(round).returning({ id: auditRounds.id });
  if (items.length)
    await tx.insert(auditRoundItems).values(
      items.map((item, i) => ({
        councilId: round.councilId,
        roundId: saved.id,
        position: i + 1,
        youngPersonId: item.youngPersonId,
        planVersionId: item.planVersionId,
        planVersion: item.version,
        teamId: item.teamId,
      })),
    );
  return saved.id;
}

const drawer = aliasedTable(staff, 'drawer');
const auditor = aliasedTable(staff, 'auditor');
const submitter = aliasedTable(staff, 'submitter');

/** Rounds, newest first, with how many plans were sampled and how many have been audited. */
export async function listRounds(tx: Tx) {
  const sampled = tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditRoundItems)
    .where(eq(auditRoundItems.roundId, auditRounds.id));
  const audited = tx
    .select({ n: sql<number>`count(DISTINCT ${auditSubmissions.roundItemId})::int` })
    .from(auditSubmissions)
    .innerJoin(auditRoundItems, eq(auditRoundItems.id, auditSubmissions.roundItemId))
    .where(eq(auditRoundItems.roundId, auditRounds.id));
  return tx
    .select({
      id: auditRounds.id,
      drawnAt: auditRounds.drawnAt,
      drawnByName: drawer.displayName,
      seed: auditRounds.seed,
      filters: auditRounds.filters,
      size: auditRounds.size,
      population: auditRounds.population,
      sampled: sql<number>`(${sampled})`,
      audited: sql<number>`(${audited})`,
    })
    .from(auditRounds)
    .innerJoin(drawer, eq(drawer.id, auditRounds.drawnBy))
    .orderBy(desc(auditRounds.drawnAt), desc(auditRounds.id));
}

export async function roundById(tx: Tx, roundId: string) {
  const [row] = await tx
    .select({
      id: auditRounds.id,
      drawnAt: auditRounds.drawnAt,
      drawnBy: auditRounds.drawnBy,
      drawnByName: drawer.displayName,
      seed: auditRounds.seed,
      filters: auditRounds.filters,
      size: auditRounds.size,
      population: auditRounds.population,
    })
    .from(auditRounds)
    .innerJoin(drawer, eq(drawer.id, auditRounds.drawnBy))
    .where(eq(auditRounds.id, roundId));
  return row ? { ...row, filters: row.filters as RoundFilters } : null;
}

/**
 * The latest submission of each item: DISTINCT ON keeps one row per item, the newest (ties broken by id,
 * so two submitted in the same instant still give one answer).
 */
const latestSubmissions = (tx: Tx) =>
  tx
    .selectDistinctOn([auditSubmissions.roundItemId], {
      id: auditSubmissions.id,
      roundItemId: auditSubmissions.roundItemId,
      grade: auditSubmissions.grade,
      submittedAt: auditSubmissions.submittedAt,
    })
    .from(auditSubmissions)
    .orderBy(auditSubmissions.roundItemId, desc(auditSubmissions.submittedAt), desc(auditSubmissions.id))
    .as('latest');

/** A round's sampled plans in the order drawn, with the young person, team, auditor and latest grade. */
export async function roundItems(tx: Tx, roundId: string) {
  const latest = latestSubmissions(tx);
  return tx
    .select({
      id: auditRoundItems.id,
      position: auditRoundItems.position,
      youngPersonId: auditRoundItems.youngPersonId,
      planVersionId: auditRoundItems.planVersionId,
      planVersion: auditRoundItems.planVersion,
      teamId: auditRoundItems.teamId,
      teamName: teams.name,
      auditorId: auditRoundItems.auditorId,
      auditorName: auditor.displayName,
      givenName: youngPeople.givenName,
      preferredName: youngPeople.preferredName,
      familyName: youngPeople.familyName,
      reference: youngPeople.reference,
      approvedOn: sql<string>`${planVersions.approvedOn}::text`,
      latestGrade: latest.grade,
      latestSubmissionId: latest.id,
      latestAt: latest.submittedAt,
    })
    .from(auditRoundItems)
    .innerJoin(youngPeople, eq(youngPeople.id, auditRoundItems.youngPersonId))
    .innerJoin(planVersions, eq(planVersions.id, auditRoundItems.planVersionId))
    .leftJoin(teams, eq(teams.id, auditRoundItems.teamId))
    .leftJoin(auditor, eq(auditor.id, auditRoundItems.auditorId))
    .leftJoin(latest, eq(latest.roundItemId, auditRoundItems.id))
    .where(eq(auditRoundItems.roundId, roundId))
    .orderBy(asc(auditRoundItems.position));
}

export async function assignAuditor(tx: Tx, itemId: string, auditorId: string | null) {
  await tx.update(auditRoundItems).set({ auditorId }).where(eq(auditRoundItems.id, itemId));
}

/**
 * A sampled plan. `lock` holds it until the transaction ends (FOR SHARE: audits of it may run together,
 * but the auditor cannot be changed between the check and the submission).
 */
export async function itemById(tx: Tx, itemId: string, lock = false) {
  const query = tx.select().from(auditRoundItems).where(eq(auditRoundItems.id, itemId));
  const [row] = lock ? await query.for('share') : await query;
  return row ?? null;
}

/** The facts around a sampled plan the checklist's evidence reads (src/domain/audit/checklist.ts). */
export async function caseFileFacts(tx: Tx, youngPersonId: string, version: number) {
  const versions = await tx
    .select({
      version: planVersions.version,
      approvedOn: sql<string>`${planVersions.approvedOn}::text`,
      review: planVersions.review,
    })
    .from(planVersions)
    .where(eq(planVersions.youngPersonId, youngPersonId))
    .orderBy(asc(planVersions.version));
  const [person] = await tx
    .select({
      dateOfBirth: sql<string>`${youngPeople.dateOfBirth}::text`,
      personalAdviserId: youngPeople.personalAdviserId,
      socialWorkerId: youngPeople.socialWorkerId,
      firstLookedAfterOn: sql<string | null>`(SELECT min(ce.start_date)::text FROM care_episodes ce
        WHERE ce.young_person_id = ${youngPersonId} AND ce.legal_status NOT IN ('V3', 'V4'))`,
      // Planning began with the first needs assessment or plan on record, or the first review started here.
      planningStartedOn: sql<string | null>`LEAST(
        (SELECT min(s.completed_on) FROM statutory_records s WHERE s.young_person_id = ${youngPersonId}
          AND s.kind IN ('needs_assessment', 'pathway_plan')),
        (SELECT min((r.review->>'startedOn')::date) FROM reviews r WHERE r.young_person_id = ${youngPersonId}))::text`,
      hasAccount: sql<boolean>`EXISTS (SELECT 1 FROM ${youngPersonAccounts} a WHERE a.young_person_id = ${youngPersonId})`,
    })
    .from(youngPeople)
    .where(eq(youngPeople.id, youngPersonId));
  const index = versions.findIndex((v) => v.version === version);
  if (!person || index < 0) return null;
  const at = versions[index].approvedOn;
  const [{ lookedAfter, previousOn }] = await tx
    .select({
      // The plan or review before this one: an earlier version, or one on the statutory record (from before Pathway).
      previousOn: sql<string | null>`(SELECT max(s.completed_on)::text FROM statutory_records s
        WHERE s.young_person_id = ${youngPersonId} AND s.kind IN ('pathway_plan', 'review') AND s.completed_on < ${at}::date)`,
      lookedAfter: sql<boolean>`EXISTS (SELECT 1 FROM care_episodes ce WHERE ce.young_person_id = ${youngPersonId}
        AND ce.start_date <= ${at}::date AND (ce.end_date IS NULL OR ce.end_date > ${at}::date)
        AND ce.legal_status NOT IN ('V3', 'V4'))`,
    })
    .from(sql`(SELECT 1) one`);
  return {
    plan: versions[index].review,
    approvedOn: at,
    previousApprovedOn:
      [index > 0 ? versions[index - 1].approvedOn : null, previousOn]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null,
    lookedAfterOnApproval: lookedAfter,
    person,
  };
}

export async function insertSubmission(
  tx: Tx,
  row: {
    councilId: string;
    roundItemId: string;
    youngPersonId: string;
    submittedBy: string;
    submittedAt: Date;
    workerId: string | null;
  },
  audit: ValidAudit,
) {
  const [saved] = await tx
    .insert(auditSubmissions)
    .values({
      councilId: row.councilId,
      roundItemId: row.roundItemId,
      youngPersonId: row.youngPersonId,
      submittedBy: row.submittedBy,
      submittedAt: row.submittedAt,
      grade: audit.grade,
    })
    .returning({ id: auditSubmissions.id });
  await tx.insert(auditAnswers).values(
    audit.answers.map((a) => ({
      councilId: row.councilId,
      submissionId: saved.id,
      item: a.item,
      answer: a.answer,
      note: a.note,
    })),
  );
  if (audit.followUps.length)
    await tx.insert(auditFollowUps).values(
      audit.followUps.map((f) => ({
        councilId: row.councilId,
        submissionId: saved.id,
        youngPersonId: row.youngPersonId,
        position: f.position,
        text: f.text,
        workerId: row.workerId,
        dueOn: f.dueOn,
      })),
    );
  return saved.id;
}

/** Every submission of one item, newest first, each with its answers and follow-ups. */
export async function submissionsOf(tx: Tx, itemId: string) {
  const rows = await tx
    .select({
      id: auditSubmissions.id,
      submittedAt: auditSubmissions.submittedAt,
      submittedByName: submitter.displayName,
      grade: auditSubmissions.grade,
    })
    .from(auditSubmissions)
    .innerJoin(submitter, eq(submitter.id, auditSubmissions.submittedBy))
    .where(eq(auditSubmissions.roundItemId, itemId))
    .orderBy(desc(auditSubmissions.submittedAt), desc(auditSubmissions.id));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const answers = await tx.select().from(auditAnswers).where(inArray(auditAnswers.submissionId, ids));
  const followUps = await tx
    .select()
    .from(auditFollowUps)
    .where(inArray(auditFollowUps.submissionId, ids))
    .orderBy(asc(auditFollowUps.position));
  return rows.map((r) => ({
    ...r,
    answers: answers.filter((a) => a.submissionId === r.id),
    followUps: followUps.filter((f) => f.submissionId === r.id),
  }));
}

/** The latest submission of every audited item, with its round, team and answers: the summary's rows. */
export async function latestAudits(tx: Tx) {
  const latest = latestSubmissions(tx);
  const rows = await tx
    .select({
      submissionId: latest.id,
      grade: latest.grade,
      roundId: auditRoundItems.roundId,
      teamId: auditRoundItems.teamId,
      teamName: teams.name,
    })
    .from(latest)
    .innerJoin(auditRoundItems, eq(auditRoundItems.id, latest.roundItemId))
    .leftJoin(teams, eq(teams.id, auditRoundItems.teamId));
  const ids = rows.map((r) => r.submissionId);
  const answers = ids.length
    ? await tx
        .select({ submissionId: auditAnswers.submissionId, item: auditAnswers.item, answer: auditAnswers.answer })
        .from(auditAnswers)
        .where(inArray(auditAnswers.submissionId, ids))
    : [];
  return rows.map((r) => ({ ...r, answers: answers.filter((a) => a.submissionId === r.submissionId) }));
}

/** How many plans each round sampled per team (sampled, audited or not). */
export async function sampledByRoundAndTeam(tx: Tx) {
  return tx
    .select({
      roundId: auditRoundItems.roundId,
      teamId: auditRoundItems.teamId,
      teamName: teams.name,
      sampled: sql<number>`count(*)::int`,
    })
    .from(auditRoundItems)
    .leftJoin(teams, eq(teams.id, auditRoundItems.teamId))
    .groupBy(auditRoundItems.roundId, auditRoundItems.teamId, teams.name);
}

/**
 * A worker's open follow-up actions from the latest audit of each sampled plan (an earlier audit's actions
 * are superseded by the later one; one marked done is left out), on records they may see, soonest due first.
 */
export async function followUpsFor(tx: Tx, principal: Principal, today: string) {
  const latest = latestSubmissions(tx);
  return tx
    .select({
      id: auditFollowUps.id,
      text: auditFollowUps.text,
      dueOn: sql<string>`${auditFollowUps.dueOn}::text`,
      youngPersonId: auditFollowUps.youngPersonId,
      planVersion: auditRoundItems.planVersion,
      grade: latest.grade,
      givenName: youngPeople.givenName,
      preferredName: youngPeople.preferredName,
      familyName: youngPeople.familyName,
    })
    .from(auditFollowUps)
    .innerJoin(latest, eq(latest.id, auditFollowUps.submissionId))
    .innerJoin(auditRoundItems, eq(auditRoundItems.id, latest.roundItemId))
    .innerJoin(youngPeople, eq(youngPeople.id, auditFollowUps.youngPersonId))
    .where(and(eq(auditFollowUps.workerId, principal.id), isNull(auditFollowUps.doneAt), visibleTo(principal, today)))
    .orderBy(asc(auditFollowUps.dueOn), asc(youngPeople.familyName), asc(auditFollowUps.position));
}

/** One follow-up action, locked until the transaction ends, so two people marking it done wait in turn. */
export async function followUpForUpdate(tx: Tx, followUpId: string) {
  const [row] = await tx.select().from(auditFollowUps).where(eq(auditFollowUps.id, followUpId)).for('update');
  return row ?? null;
}

/** Records that a follow-up action is done, once: an action already done is left as it was. */
export async function markFollowUpDone(tx: Tx, followUpId: string, doneBy: string, at: Date) {
  await tx
    .update(auditFollowUps)
    .set({ doneAt: at, doneBy })
    .where(and(eq(auditFollowUps.id, followUpId), isNull(auditFollowUps.doneAt)));
}
