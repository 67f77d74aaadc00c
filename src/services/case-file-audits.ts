// Dip sampling and case-file audits (issue 10, part 4). A service manager draws a reproducible sample of
// approved plans and assigns auditors; the assigned auditor answers the checklist with Pathway's evidence
// beside it. Each use case opens one transaction, checks permission (domain/permissions.ts) and writes its
// audit row there, refusals included.
import { randomInt } from 'node:crypto';
import type { Database, Tx } from '../data/db.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import * as audits from '../data/repositories/case-file-audits.ts';
import { oversightFacts } from '../data/repositories/oversight.ts';
import * as people from '../data/repositories/people.ts';
import {
  AUDIT_CHECKLIST,
  checkAudit,
  checkDraw,
  checklistEvidence,
  countAnswers,
  drawSample,
  MAX_SEED,
  samplePopulation,
  type AuditInput,
  type DrawInput,
  type SampleCandidate,
} from '../domain/audit/index.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { allocationOn, CATEGORIES, categoryOn } from '../domain/oversight/index.ts';
import {
  authorize,
  can,
  canAccessRecord,
  canAuditItem,
  canCompleteQualityAction,
  type Principal,
  type RecordFacts,
  type StaffRole,
} from '../domain/permissions.ts';
import { isOverdue, JUDGEMENT_GRADES, type PlanVersion } from '../domain/plan/index.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import { policyIn } from './statutory.ts';

export function caseFileAuditsService(db: Database, clock: Clock) {
  const today = () => ukDate(clock.now());

  /** Every approved plan that may be sampled, with its team and category on the day it was approved. */
  async function candidates(tx: Tx): Promise<SampleCandidate[]> {
    const { policy } = await policyIn(tx);
    const facts = await oversightFacts(tx);
    const byId = new Map(facts.youngPeople.map((p) => [p.id, p]));
    // A restricted record is left out: an auditor not named on it could not open it.
    return (await audits.approvedVersions(tx)).flatMap((v) => {
      const person = byId.get(v.youngPersonId);
      if (!person || person.restricted) return [];
      return [
        {
          ...v,
          teamId: allocationOn(person, v.approvedOn)?.team.id ?? null,
          category: categoryOn(person, v.approvedOn, policy),
        },
      ];
    });
  }

  async function drawFormData(tx: Tx) {
    const teams = await people.listTeams(tx);
    return { teams: teams.map((t) => ({ id: t.id, name: t.name })), categories: CATEGORIES, today: today() };
  }

  /** The sampled plan, the case file's evidence and the item's history, for the auditor's form. */
  async function itemData(tx: Tx, item: NonNullable<Awaited<ReturnType<typeof audits.itemById>>>) {
    const facts = await audits.caseFileFacts(tx, item.youngPersonId, item.planVersion);
    if (!facts) throw errors.notFound('There is no approved plan of that version');
    const plan = facts.plan as PlanVersion;
    const { policy } = await policyIn(tx);
    const evidence = checklistEvidence(
      {
        plan,
        dateOfBirth: facts.person.dateOfBirth,
        planningStartedOn: facts.person.planningStartedOn,
        firstLookedAfterOn: facts.person.firstLookedAfterOn,
        lookedAfterOnApproval: facts.lookedAfterOnApproval,
        previousApprovedOn: facts.previousApprovedOn,
        hasAccount: facts.person.hasAccount,
      },
      policy,
    );
    const person = (await people.youngPersonHeader(tx, item.youngPersonId))!;
    const history = await audits.submissionsOf(tx, item.id);
    return {
      item,
      approvedOn: facts.approvedOn,
      person,
      checklist: AUDIT_CHECKLIST.map((c) => ({
        id: c.id,
        wording: c.wording,
        source: c.source,
        evidence: evidence[c.id],
      })),
      history,
      workerId: facts.person.personalAdviserId ?? facts.person.socialWorkerId,
      today: today(),
    };
  }

  /** Opens a sampled plan for its auditor; anyone else is refused, and the refusal is audited. */
  async function openItem(tx: Tx, ctx: RequestContext, itemId: string, action: string, lock = false) {
    const item = await audits.itemById(tx, itemId, lock);
    const facts = item ? await people.recordFacts(tx, item.youngPersonId, today()) : null;
    if (!item || !facts || !canAuditItem(ctx.principal, item.auditorId, facts)) {
      await insertAudit(tx, {
        ...auditActor(ctx),
        action,
        outcome: 'denied',
        youngPersonId: item?.youngPersonId ?? null,
        entityType: 'audit_round_item',
        entityId: itemId,
      });
      return null;
    }
    return item;
  }

  const refused = (message: string) => errors.forbiddenAudited(message);
  const teamNames = async (tx: Tx) => new Map((await people.listTeams(tx)).map((t) => [t.id, t.name]));

  /** The auditors who may be assigned a sampled plan: those who may read the young person's record. */
  function auditorsFor(all: Awaited<ReturnType<typeof audits.auditors>>, facts: RecordFacts | null) {
    if (!facts) return [];
    return all.filter((a) => {
      const principal: Principal = { kind: 'staff', ...a, role: a.role as StaffRole, name: a.displayName };
      return canAccessRecord(principal, facts);
    });
  }

  return {
    /** The rounds drawn in the council, newest first. */
    async rounds(ctx: RequestContext) {
      authorize(ctx.principal, 'audit.do');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const rows = await audits.listRounds(tx);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'audit-rounds.list',
          entityType: 'audit_round_list',
          details: { count: rows.length },
        });
        const names = await teamNames(tx);
        return rows.map((r) => {
          const filters = r.filters as audits.RoundFilters;
          return { ...r, filters, teamName: filters.teamId ? (names.get(filters.teamId) ?? null) : null };
        });
      });
    },

    /** The teams and categories a sample may be drawn from. */
    async drawForm(ctx: RequestContext) {
      authorize(ctx.principal, 'audit.draw');
      return db.withCouncil(ctx.principal.councilId, drawFormData);
    },

    /**
     * Draws a round: the sample is a pure function of the plans in scope and the seed (the one given, or
     * a random one recorded with the round). Invalid input gives the field errors and writes nothing.
     */
    async draw(ctx: RequestContext, input: DrawInput) {
      const p = ctx.principal;
      authorize(p, 'audit.draw');
      return db.withCouncil(p.councilId, async (tx) => {
        const form = await drawFormData(tx);
        const checked = checkDraw(
          input,
          form.teams.map((t) => t.id),
          CATEGORIES,
          form.today,
        );
        if (!checked.ok) return { ok: false as const, fieldErrors: checked.fieldErrors, form };
        const { filters, size } = checked.value;
        const seed = checked.value.seed ?? randomInt(0, MAX_SEED + 1);
        const all = await candidates(tx);
        const sample = drawSample(all, filters, size, seed);
        const inScope = samplePopulation(all, filters).length;
        const roundId = await audits.insertRound(
          tx,
          { councilId: p.councilId, drawnBy: p.id, drawnAt: clock.now(), seed, filters, size, population: inScope },
          sample,
        );
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'audit-round.draw',
          entityType: 'audit_round',
          entityId: roundId,
          details: { seed, filters, size, population: inScope, planVersionIds: sample.map((s) => s.planVersionId) },
        });
        return { ok: true as const, roundId };
      });
    },

    /**
     * A round and its sample. Names are shown only to those who may read the record; for those who may
     * draw, each plan comes with the auditors who may be assigned it.
     */
    async round(ctx: RequestContext, roundId: string) {
      const p = ctx.principal;
      authorize(p, 'audit.do');
      return db.withCouncil(p.councilId, async (tx) => {
        const round = await audits.roundById(tx, roundId);
        if (!round) throw errors.notFound();
        const rows = await audits.roundItems(tx, roundId);
        const mayAssign = can(p, 'audit.draw');
        const all = mayAssign ? await audits.auditors(tx) : [];
        const items = [];
        for (const row of rows) {
          const facts = await people.recordFacts(tx, row.youngPersonId, today());
          items.push({
            ...row,
            named: facts !== null && canAccessRecord(p, facts),
            mayAudit: facts !== null && canAuditItem(p, row.auditorId, facts),
            auditorOptions: auditorsFor(all, facts).map((a) => ({
              id: a.id,
              displayName: a.displayName,
              role: a.role,
            })),
          });
        }
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'audit-round.view',
          entityType: 'audit_round',
          entityId: roundId,
          details: { named: items.filter((i) => i.named).map((i) => i.youngPersonId) },
        });
        const teamName = round.filters.teamId ? ((await teamNames(tx)).get(round.filters.teamId) ?? null) : null;
        return { round: { ...round, teamName }, items, mayAssign };
      });
    },

    /** Assigns auditors to a round's sampled plans: `assignments` maps item id to staff id ('' to none). */
    async assign(ctx: RequestContext, roundId: string, assignments: Record<string, string>) {
      const p = ctx.principal;
      authorize(p, 'audit.draw');
      return db.withCouncil(p.councilId, async (tx) => {
        const round = await audits.roundById(tx, roundId);
        if (!round) throw errors.notFound();
        const all = await audits.auditors(tx);
        const items = await audits.roundItems(tx, roundId);
        const fieldErrors: Record<string, string> = {};
        const changes: { itemId: string; auditorId: string | null }[] = [];
        for (const item of items) {
          const chosen = assignments[item.id];
          if (chosen === undefined) continue;
          const facts = await people.recordFacts(tx, item.youngPersonId, today());
          const allowed = auditorsFor(all, facts).map((a) => a.id);
          if (chosen && !allowed.includes(chosen))
            fieldErrors[`auditor-${item.id}`] =
              `Select an auditor for plan ${item.position} who may read the young person’s record`;
          else if ((chosen || null) !== item.auditorId) changes.push({ itemId: item.id, auditorId: chosen || null });
        }
        if (Object.keys(fieldErrors).length) return { ok: false as const, fieldErrors };
        for (const c of changes) await audits.assignAuditor(tx, c.itemId, c.auditorId);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'audit-round.assign',
          entityType: 'audit_round',
          entityId: roundId,
          details: { changes },
        });
        return { ok: true as const, changed: changes.length };
      });
    },

    /** The audit form for one sampled plan: only its auditor. Looking is audited as a read of the record. */
    async form(ctx: RequestContext, itemId: string) {
      authorize(ctx.principal, 'audit.do');
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const item = await openItem(tx, ctx, itemId, 'audit-item.form');
        if (!item) return null;
        const data = await itemData(tx, item);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'audit-item.form',
          youngPersonId: item.youngPersonId,
          entityType: 'audit_round_item',
          entityId: itemId,
          details: { planVersion: item.planVersion },
        });
        return data;
      });
      if (!result) throw refused('You are not the auditor of this plan');
      return result;
    },

    /** Records a submission: a new row every time (history is kept); the latest is the one shown. */
    async submit(ctx: RequestContext, itemId: string, input: AuditInput) {
      const p = ctx.principal;
      authorize(p, 'audit.do');
      const result = await db.withCouncil(p.councilId, async (tx) => {
        const item = await openItem(tx, ctx, itemId, 'audit-item.submit', true);
        if (!item) return null;
        const data = await itemData(tx, item);
        const checked = checkAudit(input, today());
        const entity = { youngPersonId: item.youngPersonId, entityType: 'audit_round_item', entityId: itemId };
        if (!checked.ok) {
          await insertAudit(tx, { ...auditActor(ctx), action: 'audit-item.form', ...entity });
          return { ok: false as const, fieldErrors: checked.fieldErrors, data };
        }
        const submissionId = await audits.insertSubmission(
          tx,
          {
            councilId: p.councilId,
            roundItemId: itemId,
            youngPersonId: item.youngPersonId,
            submittedBy: p.id,
            submittedAt: clock.now(),
            workerId: data.workerId,
          },
          checked.value,
        );
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'audit-item.submit',
          ...entity,
          details: { submissionId, grade: checked.value.grade, ...countAnswers(checked.value.answers) },
        });
        return { ok: true as const, submissionId, roundId: item.roundId };
      });
      if (!result) throw refused('You are not the auditor of this plan');
      return result;
    },

    /** The signed-in worker's follow-up actions from case-file audits, soonest due first. Audited once. */
    async followUps(ctx: RequestContext) {
      authorize(ctx.principal, 'quality.view');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const rows = (await audits.followUpsFor(tx, ctx.principal, today())).map((f) => ({
          ...f,
          overdue: isOverdue({ dueOn: f.dueOn, doneAt: null }, today()),
        }));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'list.audit-follow-ups',
          entityType: 'audit_follow_up_list',
          details: { count: rows.length },
        });
        return { rows };
      });
    },

    /**
     * Marks a follow-up action done, once: the worker it is for, or a manager (as a quality action is).
     * The row is locked first, so of two people marking it at once one records it and the other is told
     * it was already done. Refusals are audited.
     */
    async markFollowUpDone(ctx: RequestContext, followUpId: string) {
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const followUp = await audits.followUpForUpdate(tx, followUpId);
        const facts = followUp ? await people.recordFacts(tx, followUp.youngPersonId, today()) : null;
        const row = {
          ...auditActor(ctx),
          action: 'audit-follow-up.done',
          youngPersonId: followUp?.youngPersonId ?? null,
          entityType: 'audit_follow_up',
          entityId: followUpId,
        };
        if (!followUp || !facts || !canCompleteQualityAction(ctx.principal, followUp.workerId, facts)) {
          await insertAudit(tx, { ...row, outcome: 'denied' });
          return null;
        }
        const already = followUp.doneAt !== null;
        if (!already) await audits.markFollowUpDone(tx, followUpId, ctx.principal.id, clock.now());
        await insertAudit(tx, { ...row, details: { submissionId: followUp.submissionId, already } });
        return { already, text: followUp.text };
      });
      if (!result) throw refused('You may not change this follow-up action');
      return result;
    },

    /**
     * The summary by round and team: plans sampled and audited, the latest grades, and how many times each
     * checklist item was not met or partly met. Counts only: no young person is named.
     */
    async summary(ctx: RequestContext) {
      authorize(ctx.principal, 'audit.do');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const rounds = await audits.listRounds(tx);
        const sampled = await audits.sampledByRoundAndTeam(tx);
        const latest = await audits.latestAudits(tx);
        const rows = rounds.map((round) => {
          const teams = sampled
            .filter((s) => s.roundId === round.id)
            .map((s) => {
              const done = latest.filter((l) => l.roundId === round.id && l.teamId === s.teamId);
              return {
                teamName: s.teamName ?? 'No team',
                sampled: s.sampled,
                audited: done.length,
                grades: Object.fromEntries(JUDGEMENT_GRADES.map((g) => [g, done.filter((d) => d.grade === g).length])),
                ...countAnswers(done.flatMap((d) => d.answers)),
              };
            })
            .sort((a, b) => a.teamName.localeCompare(b.teamName));
          return { round, teams };
        });
        const items = AUDIT_CHECKLIST.map((c) => {
          const answers = latest.flatMap((l) => l.answers.filter((a) => a.item === c.id));
          return { id: c.id, wording: c.wording, ...countAnswers(answers) };
        });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'audit-summary.view',
          entityType: 'audit_summary',
          details: { rounds: rounds.length, audits: latest.length },
        });
        return { rows, items, audited: latest.length };
      });
    },
  };
}
export type CaseFileAuditsService = ReturnType<typeof caseFileAuditsService>;
