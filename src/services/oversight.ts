// Managers' oversight of the service (issue 10): the measures in src/domain/oversight over one
// council's records, read in one transaction that also writes the audit row (a view or a download).
import type { Database, Tx } from '../data/db.ts';
import * as people from '../data/repositories/people.ts';
import { errors } from '../errors.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { councilEntered, oversightFacts } from '../data/repositories/oversight.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { plansForLookedAfter16And17, type Plans16To17Table } from '../domain/oversight/index.ts';
import { addMonths, type IsoDate } from '../domain/statutory/index.ts';
import { authorize, can, type Principal } from '../domain/permissions.ts';
import { auditActor, type RequestContext } from './context.ts';
import { policyIn } from './statutory.ts';

/** How far back the figures go: the as-at date is today or a day in the last 24 months. */
export const AS_AT_MONTHS_BACK = 24;

export function oversightService(db: Database, clock: Clock) {
  return {
    /** The earliest and latest as-at dates a manager may ask for, today included. */
    asAtRange(): { earliest: IsoDate; latest: IsoDate } {
      const today = ukDate(clock.now());
      return { earliest: addMonths(today, -AS_AT_MONTHS_BACK), latest: today };
    },

    /** Refuses (403, audited) anyone who may not see the figures. */
    mayView(ctx: RequestContext): void {
      authorize(ctx.principal, 'performance.view');
    },

    /**
     * Dorset's table on `asAt`: every team for those who oversee the council (service managers and
     * IROs), the manager's own team for a team manager. Counts include restricted records.
     */
    async plans16To17(
      ctx: RequestContext,
      asAt: IsoDate,
      purpose: 'view' | 'download',
    ): Promise<{ table: Plans16To17Table; council: { slug: string; name: string } }> {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const table = await plans16To17In(tx, p, asAt);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: purpose === 'view' ? 'performance.view' : 'performance.download',
          entityType: 'performance',
          entityId: null,
          details: { measure: 'plans-16-17', asAt, teams: table.teams.map((t) => t.team?.id ?? null) },
        });
        return { table, council: await councilEntered(tx) };
      });
    },

    /**
     * The young people behind one number of Dorset's table (`team`: a team's id, "none" or "all"),
     * as far as this person may see them: restricted records only to the staff named on them, the
     * others counted. One audited read, naming whom it showed.
     */
    async peopleBehind(ctx: RequestContext, asAt: IsoDate, part: Plans16To17Part, team: string) {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      const today = ukDate(clock.now());
      return db.withCouncil(p.councilId, async (tx) => {
        const table = await plans16To17In(tx, p, asAt);
        const row = team === 'all' ? table.allTeams : table.teams.find((r) => (r.team?.id ?? 'none') === team);
        if (!row) throw errors.notFound();
        const measure = row[part];
        const found = await people.listYoungPeople(tx, p, today, {
          ids: measure.people.map((x) => x.id),
          includeClosed: true,
        });
        const shown = new Set(found.rows.map((r) => r.id));
        const hidden = measure.people.filter((x) => !shown.has(x.id));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.list',
          entityType: 'young_person_list',
          entityId: null,
          details: { measure: 'plans-16-17', part, team, asAt, total: measure.count, shown: [...shown] },
        });
        return {
          rows: found.rows,
          total: measure.count,
          hiddenRestricted: hidden.filter((x) => x.restricted).length,
          hiddenOther: hidden.filter((x) => !x.restricted).length,
          teamName: team === 'all' ? null : (row.team?.name ?? null),
        };
      });
    },
  };
}
export type OversightService = ReturnType<typeof oversightService>;

/** Service managers and IROs see every team's figures; a team manager their own team's. */
export function seesWholeCouncil(p: Principal): boolean {
  return can(p, 'performance.view') && !(p.kind === 'staff' && p.role === 'team_manager');
}

/** Dorset's table as this principal may see it (see `plans16To17`). */
async function plans16To17In(tx: Tx, p: Principal, asAt: IsoDate): Promise<Plans16To17Table> {
  const { policy } = await policyIn(tx);
  const table = plansForLookedAfter16And17(await oversightFacts(tx), asAt, policy);
  return seesWholeCouncil(p) ? table : ownTeamOnly(table, p.kind === 'staff' ? p.teamId : null);
}

/** The parts of a row of Dorset's table that have a list behind them. */
export const PLANS_16_17_PARTS = ['youngPeople', 'withPlan', 'planInDate'] as const;
export type Plans16To17Part = (typeof PLANS_16_17_PARTS)[number];

/** A team manager's view: their team's row, and "All teams" made of that row alone. */
function ownTeamOnly(table: Plans16To17Table, teamId: string | null): Plans16To17Table {
  const own = table.teams.filter((row) => row.team !== null && row.team.id === teamId);
  const empty = { count: 0, people: [] };
  const allTeams = own[0] ?? {
    team: null,
    youngPeople: empty,
    withPlan: empty,
    planInDate: empty,
    percentInDate: null,
  };
  return { ...table, teams: own, allTeams: { ...allTeams, team: null } };
}
