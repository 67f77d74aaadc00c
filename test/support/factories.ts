// Test data factories: a young person with exactly the history a test needs, added to a generated council.
import type { supporters } from '../../src/data/supporters-schema.ts';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../src/data/db.ts';
import { auditFollowUps, auditRoundItems, auditRounds, auditSubmissions } from '../../src/data/audit-schema.ts';
import {
  allocations,
  careEpisodes,
  planVersions,
  qualityActions,
  qualityJudgements,
  reviews,
  statutoryRecords,
  youngPeople,
  youngPersonAccounts,
} from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { approvedOf, reviewAt, syntheticContent, type PlanStage } from '../../src/seed/plans.ts';
import { passwordHash, staffByLocal } from './app.ts';
import { seededRandom } from '../../src/seed/random.ts';

export type YoungPersonSpec = {
  dateOfBirth: string;
  episodes?: { start: string; end?: string | null; legalStatus?: string; reasonEnded?: string }[];
  work?: {
    kind: 'needs_assessment' | 'pathway_plan' | 'review' | 'accommodation_review' | 'adviser_visit';
    on: string;
  }[];
  personalAdviserId: string;
  teamId: string;
  givenName?: string;
  familyName?: string;
};

let counter = 0;

export async function addYoungPerson(
  db: Database,
  rows: CouncilRows,
  spec: YoungPersonSpec,
): Promise<{ id: string; reference: string; givenName: string; familyName: string }> {
  const id = randomUUID();
  counter++;
  const person = {
    id,
    reference: `F${Date.now() % 100000}${counter}`,
    givenName: spec.givenName ?? `Test${counter}`,
    familyName: spec.familyName ?? 'Factory',
  };
  await db.system(async (tx) => {
    await tx.insert(youngPeople).values({
      ...person,
      councilId: rows.council.id,
      dateOfBirth: spec.dateOfBirth,
      sex: 'female',
      teamId: spec.teamId,
      personalAdviserId: spec.personalAdviserId,
    });
    await tx.insert(allocations).values({
      councilId: rows.council.id,
      youngPersonId: id,
      staffId: spec.personalAdviserId,
      allocationRole: 'personal_adviser',
      startDate: spec.dateOfBirth,
    });
    for (const e of spec.episodes ?? []) {
      await tx.insert(careEpisodes).values({
        councilId: rows.council.id,
        youngPersonId: id,
        startDate: e.start,
        endDate: e.end ?? null,
        legalStatus: e.legalStatus ?? 'C2',
        placementType: 'U4',
        reasonNewEpisode: 'S',
        reasonEnded: e.end ? (e.reasonEnded ?? 'E8') : null,
      });
    }
    for (const w of spec.work ?? []) {
      await tx.insert(statutoryRecords).values({
        councilId: rows.council.id,
        youngPersonId: id,
        kind: w.kind,
        completedOn: w.on,
        recordedBy: spec.personalAdviserId,
      });
    }
  });
  return person;
}

export type ReviewStage = PlanStage;

/**
 * A review for a young person, driven through the real review machine to `stage` (as the demo seed does),
 * with synthetic plan content; an approved one also becomes plan version 1. For tests that need a plan
 * in a given state without walking every step over HTTP.
 */
export async function addReview(
  db: Database,
  rows: CouncilRows,
  spec: { youngPersonId: string; adviserId: string; managerId: string; stage: ReviewStage; on?: string },
): Promise<{ id: string }> {
  const id = randomUUID();
  const { youngPersonId, adviserId, managerId, stage } = spec;
  const on = spec.on ?? '2026-11-20';
  const context = { uasc: false, firstPlan: true };
  let n = 0;
  const content = syntheticContent(seededRandom(++counter), context, on, () => `${id.slice(0, 8)}-${++n}`);
  const review = reviewAt({ id, youngPersonId, context, adviserId, managerId, content, stage, on });
  const councilId = rows.council.id;
  await db.system(async (tx) => {
    await tx.insert(reviews).values({ id, councilId, youngPersonId, state: review.state, review });
    if (stage === 'approved') {
      const version = approvedOf(review, 1);
      await tx.insert(planVersions).values({
        councilId,
        youngPersonId,
        reviewId: id,
        version: 1,
        review: version,
        approvedOn: on,
        approvedBy: managerId,
        qualityRating: 'good',
      });
    }
  });
  return { id };
}

/**
 * Approved plan versions for a young person, made through the real review machine (as the seeder
 * does), numbered on from any they have; each approved a year after the last.
 */
export async function addApprovedPlans(
  db: Database,
  rows: CouncilRows,
  youngPersonId: string,
  count: number,
): Promise<number[]> {
  const yp = rows.youngPeople.find((y) => y.id === youngPersonId)!;
  const manager = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === yp.teamId)!;
  const rng = seededRandom(counter++);
  return db.system(async (tx) => {
    const [{ last }] = await tx
      .select({ last: sql<number>`coalesce(max(${planVersions.version}), 0)::int` })
      .from(planVersions)
      .where(eq(planVersions.youngPersonId, youngPersonId));
    const numbers: number[] = [];
    for (let version = last + 1; version <= last + count; version++) {
      const id = randomUUID();
      const on = `${2020 + version}-06-15`;
      const context = { uasc: false, firstPlan: version === 1 };
      const content = syntheticContent(rng, context, on, randomUUID);
      const adviserId = yp.personalAdviserId!;
      const managerId = manager.id;
      const review = reviewAt({ id, youngPersonId, context, adviserId, managerId, content, stage: 'approved', on });
      const basedOnVersion = version > 1 ? version - 1 : null;
      const councilId = rows.council.id;
      await tx.insert(reviews).values({ id, councilId, youngPersonId, state: 'approved', review, basedOnVersion });
      await tx.insert(planVersions).values({
        councilId,
        youngPersonId,
        reviewId: id,
        version,
        review: approvedOf(review, version),
        approvedOn: on,
        approvedBy: manager.id,
        qualityRating: 'good',
      });
      numbers.push(version);
    }
    return numbers;
  });
}

/** A young person's own sign-in (the test password), as if they had accepted an invitation. */
export async function addYoungPersonAccount(db: Database, rows: CouncilRows, youngPersonId: string, username: string) {
  const hash = await passwordHash();
  await db.system((tx) =>
    tx.insert(youngPersonAccounts).values({ councilId: rows.council.id, youngPersonId, username, passwordHash: hash }),
  );
}

/** A care leaver of 19 on the demo adviser's caseload, with their own sign-in and no plan yet. */
export async function addAdvisersYoungPerson(db: Database, rows: CouncilRows, username: string) {
  const adviser = staffByLocal(rows, 'pa');
  const person = await addYoungPerson(db, rows, {
    dateOfBirth: '2007-05-10',
    episodes: [{ start: '2021-01-01', end: '2025-05-10' }],
    personalAdviserId: adviser.id,
    teamId: adviser.teamId!,
  });
  await addYoungPersonAccount(db, rows, person.id, username);
  return person;
}

/** A young person of the demo adviser's, with their own sign-in and a plan at the stage where they write. */
export async function addYoungPersonWritingPlan(
  db: Database,
  rows: CouncilRows,
  username: string,
): Promise<{ id: string; reviewId: string }> {
  const adviser = staffByLocal(rows, 'pa');
  const person = await addAdvisersYoungPerson(db, rows, username);
  const managerId = staffByLocal(rows, 'tm').id;
  const review = await addReview(db, rows, {
    youngPersonId: person.id,
    adviserId: adviser.id,
    managerId,
    stage: 'planning',
  });
  return { id: person.id, reviewId: review.id };
}

/** A first plan under way, driven to `stage` through the real review machine (as the seeder does). */
export async function addOpenReview(
  db: Database,
  rows: CouncilRows,
  youngPersonId: string,
  stage: PlanStage,
  on: string,
): Promise<string> {
  const yp = rows.youngPeople.find((y) => y.id === youngPersonId)!;
  const managerId = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === yp.teamId)!.id;
  return (await addReview(db, rows, { youngPersonId, adviserId: yp.personalAdviserId!, managerId, stage, on })).id;
}

/** Young people with no sign-in and no plan under way, whose team has a manager: free to be given both. */
export function youngPeopleFreeToWrite(rows: CouncilRows) {
  return rows.youngPeople.filter(
    (y) =>
      y.caseStatus === 'open' &&
      !y.restricted &&
      y.personalAdviserId &&
      !rows.accounts.some((a) => a.youngPersonId === y.id) &&
      !rows.reviews.some((r) => r.youngPersonId === y.id && r.state !== 'approved') &&
      rows.staff.some((s) => s.role === 'team_manager' && s.teamId === y.teamId),
  );
}

type PlanRef = { id: string; version: number };

/**
 * A quality judgement of an approved plan version, by a team manager, with one action for a worker
 * (migration 007), inside the caller's transaction. Returns the action's id.
 */
export async function addQualityAction(
  tx: Tx,
  props: {
    councilId: string;
    youngPersonId: string;
    plan: PlanRef;
    judgedBy: string;
    workerId: string;
    text: string;
    dueOn: string;
    grade?: string;
  },
): Promise<string> {
  const [judgement] = await tx
    .insert(qualityJudgements)
    .values({
      councilId: props.councilId,
      youngPersonId: props.youngPersonId,
      planVersionId: props.plan.id,
      planVersion: props.plan.version,
      judgedBy: props.judgedBy,
      judgedByRole: 'team_manager',
      grade: props.grade ?? 'good',
      whatIsGood: 'Clear contingency.',
      whatMustImprove: 'Their voice on health.',
    })
    .returning();
  const [action] = await tx
    .insert(qualityActions)
    .values({
      councilId: props.councilId,
      judgementId: judgement.id,
      youngPersonId: props.youngPersonId,
      position: 1,
      text: props.text,
      workerId: props.workerId,
      dueOn: props.dueOn,
    })
    .returning();
  return action.id;
}

/**
 * A case-file audit round of one approved plan, audited once with one follow-up action (migration 010),
 * inside the caller's transaction. Returns the submission's and the follow-up's ids.
 */
export async function addAuditFollowUp(
  tx: Tx,
  props: {
    councilId: string;
    youngPersonId: string;
    plan: PlanRef;
    auditorId: string;
    teamId?: string | null;
    workerId?: string | null;
    text: string;
    dueOn: string;
  },
): Promise<{ submissionId: string; followUpId: string }> {
  const { councilId, youngPersonId } = props;
  const [round] = await tx
    .insert(auditRounds)
    .values({ councilId, drawnBy: props.auditorId, seed: 1, filters: {}, size: 1, population: 1 })
    .returning();
  const [item] = await tx
    .insert(auditRoundItems)
    .values({
      councilId,
      roundId: round.id,
      position: 1,
      youngPersonId,
      planVersionId: props.plan.id,
      planVersion: props.plan.version,
      teamId: props.teamId ?? null,
      auditorId: props.auditorId,
    })
    .returning();
  const [submission] = await tx
    .insert(auditSubmissions)
    .values({ councilId, roundItemId: item.id, youngPersonId, submittedBy: props.auditorId, grade: 'good' })
    .returning();
  const [followUp] = await tx
    .insert(auditFollowUps)
    .values({
      councilId,
      submissionId: submission.id,
      youngPersonId,
      position: 1,
      text: props.text,
      workerId: props.workerId ?? null,
      dueOn: props.dueOn,
    })
    .returning();
  return { submissionId: submission.id, followUpId: followUp.id };
}

/** A supporter's row (migration 032): invited, link in date, with fresh hashes; `over` signs them up or removes them. */
export function supporterRow(
  councilId: string,
  youngPersonId: string,
  over: Partial<typeof supporters.$inferInsert> = {},
): typeof supporters.$inferInsert {
  return {
    councilId,
    youngPersonId,
    name: 'Sam Supporter',
    relationship: 'carer',
    access: 'read',
    linkTokenHash: randomUUID(),
    codeHash: randomUUID(),
    expiresAt: new Date('2026-12-01T00:00:00Z'),
    ...over,
  };
}
