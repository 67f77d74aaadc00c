// Performance surgery (issue 10, part 5): a team manager's page of what each worker in the team owed
// on a day (today by default), from src/domain/oversight/surgery.ts over the team's records read in one transaction, which
// also writes the audit row. A service manager (or IRO) chooses the team; a team manager sees their own.
import type { Tx, Database } from '../data/db.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import * as people from '../data/repositories/people.ts';
import * as repo from '../data/repositories/surgery.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import {
  SURGERY_PART_NAMES,
  surgeryMeasure,
  surgeryMonths,
  surgeryRows,
  type SurgeryCase,
  type SurgeryPart,
  type SurgeryRow,
} from '../domain/oversight/index.ts';
import { authorize, type Principal } from '../domain/permissions.ts';
import { urgencyOf, type IsoDate } from '../domain/statutory/index.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import { seesWholeCouncil } from './oversight.ts';
import { statutoryViews } from './statutory.ts';

/** A number on the surgery page: whose row, and which part of it (or a month of approvals). */
export type SurgeryFigure = { teamId?: string; workerId: string; part: SurgeryPart | { month: string } };

export function surgeryService(db: Database, clock: Clock) {
  const today = () => ukDate(clock.now());

  /** The teams this principal may choose from, and the one asked for (or their own, or the first). */
  async function teamOf(tx: Tx, p: Principal, asked: string | undefined) {
    const teams = seesWholeCouncil(p) ? await people.listTeams(tx) : [];
    const own = p.kind === 'staff' ? p.teamId : null;
    if (!seesWholeCouncil(p)) {
      if (asked && asked !== own) throw errors.forbidden('You can only see your own team');
      const team = own ? await people.teamById(tx, own) : null;
      if (!team) throw errors.notFound('You are not in a team');
      return { teams: [], team: { id: team.id, name: team.name } };
    }
    const team = teams.find((t) => t.id === (asked ?? own ?? teams[0]?.id));
    if (!team) throw errors.notFound('There is no such team');
    return { teams: teams.map((t) => ({ id: t.id, name: t.name })), team: { id: team.id, name: team.name } };
  }

  /**
   * The team's rows on `day`, one per worker, from one read of its records: the cases and workers of
   * that day, what was overdue and asked for then, the quality actions open then and the approvals of
   * the months to it. Plans waiting for a signature and plans returned are today's: a review keeps
   * only its current stage.
   */
  async function rowsOf(tx: Tx, teamId: string, day: IsoDate): Promise<SurgeryRow[]> {
    const open = await repo.teamCasesOn(tx, teamId, day);
    const ids = open.map((c) => c.id);
    // On a past day, the work, requests and actions as they stood then; today, as they stand.
    const past = day < today();
    const views = await statutoryViews(tx, ids, day, { asItStood: past });
    const plans = await repo.openPlans(tx, ids);
    const approvals = await repo.approvalsSince(tx, ids, surgeryMonths(day)[0].from);
    const restricted = new Map(open.map((c) => [c.id, c.restricted]));
    const cases: SurgeryCase[] = open.map((c) => {
      const view = views.get(c.id);
      return {
        youngPerson: { id: c.id, restricted: c.restricted },
        workerIds: c.workerIds,
        overdueItems: view?.due.filter((d) => urgencyOf(d.on, day) === 'overdue').length ?? 0,
        reviewRequestsWaiting: view?.requests.length ?? 0,
        openPlan: plans.get(c.id) ?? null,
        approvedOn: approvals.get(c.id) ?? [],
      };
    });
    const actions = (await repo.openQualityActions(tx, ids, past ? day : undefined)).map((a) => ({
      youngPerson: { id: a.youngPersonId, restricted: restricted.get(a.youngPersonId) ?? false },
      workerId: a.workerId,
      done: false,
    }));
    const holders = [...new Set(cases.flatMap((c) => c.workerIds))];
    const workers = await repo.teamWorkers(tx, teamId, holders);
    return surgeryRows(workers, cases, actions, day);
  }

  return {
    /** Refuses (403, audited) anyone who may not see the figures. */
    mayView(ctx: RequestContext): void {
      authorize(ctx.principal, 'performance.view');
    },

    /** The surgery page for a team on `day` (the route checks it is in range): one row per worker. Audited once. */
    async page(ctx: RequestContext, teamId: string | undefined, day: IsoDate) {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const { teams, team } = await teamOf(tx, p, teamId);
        const rows = await rowsOf(tx, team.id, day);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.surgery',
          entityType: 'performance',
          entityId: null,
          details: { measure: 'surgery', teamId: team.id, asAt: day, workers: rows.length },
        });
        const months = surgeryMonths(day).map((m) => ({ ...m, name: monthName(m.month) }));
        return { teams, team, rows, months, asAt: day, isToday: day === today() };
      });
    },

    /**
     * The young people behind one number of a worker's row, as far as this person may see them:
     * restricted records only to the staff named on them, the others counted. One audited read.
     */
    async peopleBehind(ctx: RequestContext, figure: SurgeryFigure, day: IsoDate) {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const { team } = await teamOf(tx, p, figure.teamId);
        const row = (await rowsOf(tx, team.id, day)).find((r) => r.worker.id === figure.workerId);
        const measure = row ? surgeryMeasure(row, figure.part) : null;
        if (!row || !measure) throw errors.notFound();
        const found = await people.listYoungPeople(tx, p, day, {
          ids: measure.people.map((x) => x.id),
          includeClosed: true,
        });
        const shown = new Set(found.rows.map((r) => r.id));
        const hidden = measure.people.filter((x) => !shown.has(x.id));
        const part = typeof figure.part === 'object' ? `month-${figure.part.month}` : figure.part;
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.list',
          entityType: 'young_person_list',
          entityId: null,
          details: {
            measure: 'surgery',
            teamId: team.id,
            workerId: row.worker.id,
            part,
            asAt: day,
            total: measure.count,
            shown: [...shown],
          },
        });
        const what =
          typeof figure.part === 'object'
            ? `Plans approved in ${monthName(figure.part.month)}`
            : SURGERY_PART_NAMES[figure.part];
        return {
          rows: found.rows,
          total: measure.count,
          hiddenRestricted: hidden.filter((x) => x.restricted).length,
          hiddenOther: hidden.filter((x) => !x.restricted).length,
          title: `${what}: ${row.worker.name}`,
          team,
          asAt: day,
        };
      });
    },
  };
}
export type SurgeryService = ReturnType<typeof surgeryService>;

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 'YYYY-MM' as "November 2026". */
export function monthName(month: string): string {
  return MONTH.format(new Date(`${month}-01T00:00:00Z`));
}
