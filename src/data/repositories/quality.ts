// Quality judgements of approved plans and their actions for the worker (migration 007).
import { aliasedTable, and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { planVersions, qualityActions, qualityJudgements, staff, youngPeople } from '../schema.ts';
import type { Principal } from '../../domain/permissions.ts';
import type { ValidJudgement } from '../../domain/plan/index.ts';
import { visibleTo } from './people.ts';

export async function planVersionRow(tx: Tx, youngPersonId: string, version: number) {
  const [row] = await tx
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.youngPersonId, youngPersonId), eq(planVersions.version, version)));
  return row ?? null;
}

/** Workers an action may be for: active personal advisers and social workers of the young person's team, and theirs. */
export async function workersFor(tx: Tx, youngPersonId: string) {
  const [yp] = await tx
    .select({ teamId: youngPeople.teamId, pa: youngPeople.personalAdviserId, sw: youngPeople.socialWorkerId })
    .from(youngPeople)
    .where(eq(youngPeople.id, youngPersonId));
  if (!yp) return { workers: [], personalAdviserId: null };
  const own = [yp.pa, yp.sw].filter((s): s is string => s !== null);
  const workers = await tx
    .select({ id: staff.id, displayName: staff.displayName, role: staff.role })
    .from(staff)
    .where(
      and(
        eq(staff.active, true),
        or(
          and(eq(staff.teamId, yp.teamId), inArray(staff.role, ['personal_adviser', 'social_worker'])),
          own.length ? inArray(staff.id, own) : sql`false`,
        ),
      ),
    )
    .orderBy(asc(staff.displayName));
  return { workers, personalAdviserId: yp.pa };
}

export async function insertJudgement(
  tx: Tx,
  row: {
    councilId: string;
    youngPersonId: string;
    planVersionId: string;
    planVersion: number;
    judgedBy: string;
    judgedByRole: string;
    judgedAt: Date;
  },
  judgement: ValidJudgement,
) {
  const [saved] = await tx
    .insert(qualityJudgements)
    .values({
      ...row,
      grade: judgement.grade,
      whatIsGood: judgement.whatIsGood,
      whatMustImprove: judgement.whatMustImprove,
    })
    .returning({ id: qualityJudgements.id });
  const actions = judgement.actions.length
    ? await tx
        .insert(qualityActions)
        .values(
          judgement.actions.map((a) => ({
            councilId: row.councilId,
            judgementId: saved.id,
            youngPersonId: row.youngPersonId,
            position: a.position,
            text: a.text,
            workerId: a.workerId,
            dueOn: a.dueOn,
          })),
        )
        .returning({ id: qualityActions.id })
    : [];
  return { id: saved.id, actionIds: actions.map((a) => a.id) };
}

const judge = aliasedTable(staff, 'judge');
const worker = aliasedTable(staff, 'worker');
const doer = aliasedTable(staff, 'doer');

/** Every judgement of one plan version, newest first, each with its actions in order. */
export async function judgementsOf(tx: Tx, youngPersonId: string, version: number) {
  const judgements = await tx
    .select({
      id: qualityJudgements.id,
      judgedAt: qualityJudgements.judgedAt,
      judgedBy: qualityJudgements.judgedBy,
      judgedByName: judge.displayName,
      judgedByRole: qualityJudgements.judgedByRole,
      grade: qualityJudgements.grade,
      whatIsGood: qualityJudgements.whatIsGood,
      whatMustImprove: qualityJudgements.whatMustImprove,
    })
    .from(qualityJudgements)
    .innerJoin(judge, eq(judge.id, qualityJudgements.judgedBy))
    .where(and(eq(qualityJudgements.youngPersonId, youngPersonId), eq(qualityJudgements.planVersion, version)))
    .orderBy(desc(qualityJudgements.judgedAt), desc(qualityJudgements.id));
  const ids = judgements.map((j) => j.id);
  if (ids.length === 0) return [];
  const actions = await tx
    .select({
      id: qualityActions.id,
      judgementId: qualityActions.judgementId,
      position: qualityActions.position,
      text: qualityActions.text,
      workerId: qualityActions.workerId,
      workerName: worker.displayName,
      dueOn: qualityActions.dueOn,
      doneAt: qualityActions.doneAt,
      doneByName: doer.displayName,
    })
    .from(qualityActions)
    .leftJoin(worker, eq(worker.id, qualityActions.workerId))
    .leftJoin(doer, eq(doer.id, qualityActions.doneBy))
    .where(inArray(qualityActions.judgementId, ids))
    .orderBy(asc(qualityActions.position));
  return judgements.map((j) => ({ ...j, actions: actions.filter((a) => a.judgementId === j.id) }));
}

/** A worker's open actions on records they may see, soonest due first. */
export async function openActionsFor(tx: Tx, principal: Principal, today: string) {
  return tx
    .select({
      id: qualityActions.id,
      text: qualityActions.text,
      dueOn: qualityActions.dueOn,
      doneAt: qualityActions.doneAt,
      youngPersonId: qualityActions.youngPersonId,
      planVersion: qualityJudgements.planVersion,
      givenName: youngPeople.givenName,
      preferredName: youngPeople.preferredName,
      familyName: youngPeople.familyName,
    })
    .from(qualityActions)
    .innerJoin(qualityJudgements, eq(qualityJudgements.id, qualityActions.judgementId))
    .innerJoin(youngPeople, eq(youngPeople.id, qualityActions.youngPersonId))
    .where(and(eq(qualityActions.workerId, principal.id), isNull(qualityActions.doneAt), visibleTo(principal, today)))
    .orderBy(asc(qualityActions.dueOn), asc(youngPeople.familyName), asc(qualityActions.position));
}

export async function actionForUpdate(tx: Tx, actionId: string) {
  const [row] = await tx.select().from(qualityActions).where(eq(qualityActions.id, actionId)).for('update');
  return row ?? null;
}

export async function markActionDone(tx: Tx, actionId: string, doneBy: string, at: Date) {
  await tx
    .update(qualityActions)
    .set({ doneAt: at, doneBy })
    .where(and(eq(qualityActions.id, actionId), isNull(qualityActions.doneAt)));
}
