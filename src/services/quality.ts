// Quality assurance of approved plans (issue 10, part 3): judgements by IROs and team managers, and the
// actions they set the worker. Each use case opens one transaction, checks the record against
// domain/permissions.ts, reads or writes, and writes its audit row (refusals too) in that transaction.
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import {
  authorize,
  canCompleteQualityAction,
  canJudgePlan,
  canReadJudgements,
  type Principal,
  type RecordFacts,
} from '../domain/permissions.ts';
import {
  checkJudgement,
  isOverdue,
  qualityWarnings,
  type JudgementInput,
  type PlanVersion,
} from '../domain/plan/index.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import * as people from '../data/repositories/people.ts';
import * as quality from '../data/repositories/quality.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { OpenedFacts, RecordsService } from './records.ts';

type Denied = { denied: true; reason: string };

export function qualityService(db: Database, clock: Clock, records: RecordsService) {
  const today = () => ukDate(clock.now());

  /**
   * Opens a young person's record for `rule` inside the transaction (records.openRecord): the refusal
   * is written to the audit trail there (and the caller throws after it commits), an allowed look is
   * the caller's to record.
   */
  async function open(
    tx: Tx,
    ctx: RequestContext,
    youngPersonId: string,
    action: string,
    rule: (principal: Principal, facts: RecordFacts) => boolean,
    details: Record<string, unknown> = {},
    known?: OpenedFacts,
  ): Promise<Denied | { denied: false; facts: RecordFacts }> {
    const opened = await records.openRecord(tx, ctx, youngPersonId, action, {
      rule,
      details,
      auditAllowed: false,
      known,
    });
    return opened.denied ? { denied: true, reason: 'You do not have permission to judge this plan' } : opened;
  }

  /** The plan version to judge, the workers an action may be for and the automated checks, as evidence. */
  async function formData(tx: Tx, youngPersonId: string, version: number) {
    const row = await quality.planVersionRow(tx, youngPersonId, version);
    if (!row) return null;
    const plan = row.review as PlanVersion;
    const { workers, personalAdviserId } = await quality.workersFor(tx, youngPersonId);
    const person = (await people.youngPersonHeader(tx, youngPersonId))!;
    // The checks as they stood when the plan was approved: an action due after approval is not "passed".
    const warnings = qualityWarnings(plan.content, plan.context, row.approvedOn);
    return { row, plan, person, workers, personalAdviserId, warnings, today: today() };
  }

  /**
   * The judgements of one plan version, newest first, for the plan page, and whether this person may judge
   * it: one audited read, inside the transaction the plan page already has open in the council (one
   * transaction a page, not two). A refusal is audited there and given back as `denied`, for the caller to
   * throw once that transaction has committed. Its rule (canReadJudgements) asks for `quality.view` as well
   * as the record, so a caller without it is refused and audited here; the plan page asks only those who have it.
   */
  async function forPlanIn(tx: Tx, ctx: RequestContext, youngPersonId: string, version: number, known?: OpenedFacts) {
    const details = { version };
    const opened = await open(tx, ctx, youngPersonId, 'quality.view', canReadJudgements, details, known);
    if (opened.denied) return { ...opened, reason: 'You do not have permission to see this plan' };
    const judgements = (await quality.judgementsOf(tx, youngPersonId, version)).map((j) => ({
      ...j,
      actions: j.actions.map((a) => ({ ...a, overdue: isOverdue(a, today()) })),
    }));
    await insertAudit(tx, {
      ...auditActor(ctx),
      action: 'quality.view',
      youngPersonId,
      entityType: 'young_person',
      entityId: youngPersonId,
      details: { ...details, judgements: judgements.length },
    });
    return { denied: false as const, judgements, mayJudge: canJudgePlan(ctx.principal, opened.facts), today: today() };
  }

  /** Runs `work` in one transaction as the council; a refusal recorded inside it is thrown after it commits. */
  async function inCouncil<T>(ctx: RequestContext, work: (tx: Tx) => Promise<T | Denied>): Promise<T> {
    const result = await db.withCouncil(ctx.principal.councilId, work);
    if (result && typeof result === 'object' && 'denied' in result && result.denied === true)
      throw errors.forbiddenAudited((result as Denied).reason);
    return result as T;
  }

  return {
    /** The judging form: the plan's automated checks beside it. Looking is audited as a read of the record. */
    async form(ctx: RequestContext, youngPersonId: string, version: number) {
      authorize(ctx.principal, 'quality.judge');
      return inCouncil(ctx, async (tx) => {
        const details = { version };
        const opened = await open(tx, ctx, youngPersonId, 'quality.form', canJudgePlan, details);
        if (opened.denied) return opened;
        const data = await formData(tx, youngPersonId, version);
        if (!data) throw errors.notFound('There is no approved plan of that version');
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'quality.form',
          youngPersonId,
          entityType: 'plan_version',
          entityId: data.row.id,
          details,
        });
        return data;
      });
    },

    /**
     * Records a judgement: a new row every time (history is kept), with its actions. Invalid input
     * gives the field errors and the form's data again, and writes nothing but the read.
     */
    async judge(ctx: RequestContext, youngPersonId: string, version: number, input: JudgementInput) {
      authorize(ctx.principal, 'quality.judge');
      return inCouncil(ctx, async (tx) => {
        const opened = await open(tx, ctx, youngPersonId, 'quality.judge', canJudgePlan, {
          version,
        });
        if (opened.denied) return opened;
        const data = await formData(tx, youngPersonId, version);
        if (!data) throw errors.notFound('There is no approved plan of that version');
        const checked = checkJudgement(
          input,
          data.workers.map((w) => w.id),
          today(),
        );
        const entity = { youngPersonId, entityType: 'plan_version', entityId: data.row.id };
        if (!checked.ok) {
          await insertAudit(tx, { ...auditActor(ctx), action: 'quality.form', ...entity, details: { version } });
          return { ok: false as const, fieldErrors: checked.fieldErrors, data };
        }
        const p = ctx.principal;
        if (p.kind !== 'staff') throw errors.forbidden();
        const saved = await quality.insertJudgement(
          tx,
          {
            councilId: p.councilId,
            youngPersonId,
            planVersionId: data.row.id,
            planVersion: version,
            judgedBy: p.id,
            judgedByRole: p.role,
            judgedAt: clock.now(),
          },
          checked.value,
        );
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'quality.judge',
          ...entity,
          details: {
            version,
            judgementId: saved.id,
            grade: checked.value.grade,
            actionIds: saved.actionIds,
          },
        });
        return { ok: true as const, id: saved.id };
      });
    },

    forPlanIn,

    /** The signed-in worker's open quality actions, soonest due first. The listing is audited once. */
    async openActions(ctx: RequestContext) {
      authorize(ctx.principal, 'quality.view');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const rows = (await quality.openActionsFor(tx, ctx.principal, today())).map((a) => ({
          ...a,
          overdue: isOverdue(a, today()),
        }));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'list.quality-actions',
          entityType: 'quality_action_list',
          details: { count: rows.length },
        });
        return { rows, today: today() };
      });
    },

    /** Marks an action done, once: only the worker it is for, or a manager (canCompleteQualityAction). */
    async markDone(ctx: RequestContext, actionId: string) {
      return inCouncil(ctx, async (tx) => {
        const action = await quality.actionForUpdate(tx, actionId);
        const row = {
          ...auditActor(ctx),
          action: 'quality-action.done',
          entityType: 'quality_action',
          entityId: actionId,
        };
        if (!action) {
          await insertAudit(tx, { ...row, outcome: 'denied' });
          return { denied: true as const, reason: 'You do not have permission to change this action' };
        }
        const youngPersonId = action.youngPersonId;
        const facts = await people.recordFacts(tx, youngPersonId, today());
        if (!facts || !canCompleteQualityAction(ctx.principal, action.workerId, facts)) {
          await insertAudit(tx, { ...row, outcome: 'denied', youngPersonId });
          return { denied: true as const, reason: 'You do not have permission to change this action' };
        }
        const already = action.doneAt !== null;
        if (!already) await quality.markActionDone(tx, actionId, ctx.principal.id, clock.now());
        await insertAudit(tx, { ...row, youngPersonId, details: { judgementId: action.judgementId, already } });
        return { already, text: action.text };
      });
    },
  };
}
export type QualityService = ReturnType<typeof qualityService>;
