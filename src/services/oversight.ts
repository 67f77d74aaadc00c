// Managers' oversight of the service (issue 10): the measures in src/domain/oversight over one
// council's records, read in one transaction that also writes the audit row (a view or a download).
import type { Database } from '../data/db.ts';
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

    /**
     * Dorset's table on `asAt`: every team for those who oversee the council (service managers and
     * IROs), the manager's own team for a team manager. Counts include restricted records.
     */
    /** Refuses (403, audited) anyone who may not see the figures. */
    mayView(ctx: RequestContext): void {
      authorize(ctx.principal, 'performance.view');
    },

    async plans16To17(
      ctx: RequestContext,
      asAt: IsoDate,
      purpose: 'view' | 'download',
    ): Promise<{ table: Plans16To17Table; council: { slug: string; name: string } }> {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const { policy } = await policyIn(tx);
        const table = plansForLookedAfter16And17(await oversightFacts(tx), asAt, policy);
        const shown: Plans16To17Table = seesWholeCouncil(p)
          ? table
          : ownTeamOnly(table, p.kind === 'staff' ? p.teamId : null);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: purpose === 'view' ? 'performance.view' : 'performance.download',
          entityType: 'performance',
          entityId: null,
          details: { measure: 'plans-16-17', asAt, teams: shown.teams.map((t) => t.team?.id ?? null) },
        });
        return { table: shown, council: await councilEntered(tx) };
      });
    },
  };
}
export type OversightService = ReturnType<typeof oversightService>;

/** Service managers and IROs see every team's figures; a team manager their own team's. */
export function seesWholeCouncil(p: Principal): boolean {
  return can(p, 'performance.view') && !(p.kind === 'staff' && p.role === 'team_manager');
}

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
