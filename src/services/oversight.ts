// Managers' oversight of the service (issue 10): the measures in src/domain/oversight over one
// council's records, read in one transaction that also writes the audit row (a view or a download).
import type { Database, Tx } from '../data/db.ts';
import * as people from '../data/repositories/people.ts';
import { errors } from '../errors.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { councilEntered, oversightFacts } from '../data/repositories/oversight.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import {
  allocationOn,
  AGE_BANDS,
  CATEGORIES,
  cohortByAgeBand,
  type CohortByAgeBand,
  type Measure,
  type OversightFacts,
  plansForLookedAfter16And17,
  type Plans16To17Table,
} from '../domain/oversight/index.ts';
import { addMonths, CATEGORY_NAMES, type IsoDate, type LocalPolicy } from '../domain/statutory/index.ts';
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
     * Dorset's table on `asAt` to download: every team for those who oversee the council (service
     * managers and IROs), the manager's own team for a team manager. Counts include restricted records.
     */
    async plans16To17(
      ctx: RequestContext,
      asAt: IsoDate,
    ): Promise<{ table: Plans16To17Table; council: { slug: string; name: string } }> {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const table = await plans16To17In(tx, p, asAt);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.download',
          entityType: 'performance',
          entityId: null,
          details: { measure: 'plans-16-17', asAt, teams: table.teams.map((t) => t.team?.id ?? null) },
        });
        return { table, council: await councilEntered(tx) };
      });
    },

    /**
     * The performance page on `asAt`, from one read of the council's records: Dorset's table and
     * Bradford's cohort by age band and statutory category, for the principal's teams.
     */
    async page(
      ctx: RequestContext,
      asAt: IsoDate,
    ): Promise<{ table: Plans16To17Table; cohort: CohortByAgeBand; council: { slug: string; name: string } }> {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const { policy } = await policyIn(tx);
        const facts = await oversightFacts(tx);
        const table = plans16To17Scoped(facts, p, asAt, policy);
        const cohort = cohortByAgeBand(scoped(facts, p, asAt), asAt, policy);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.view',
          entityType: 'performance',
          entityId: null,
          details: { measures: ['plans-16-17', 'cohort'], asAt, teams: table.teams.map((t) => t.team?.id ?? null) },
        });
        return { table, cohort, council: await councilEntered(tx) };
      });
    },

    /**
     * The young people behind one number on the page, as far as this person may see them:
     * restricted records only to the staff named on them, the others counted. One audited read,
     * naming whom it showed.
     */
    async peopleBehind(ctx: RequestContext, asAt: IsoDate, figure: Figure) {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      const today = ukDate(clock.now());
      return db.withCouncil(p.councilId, async (tx) => {
        const measure = await measureOf(tx, p, asAt, figure);
        if (!measure) throw errors.notFound();
        const found = await people.listYoungPeople(tx, p, today, {
          ids: measure.measure.people.map((x) => x.id),
          includeClosed: true,
        });
        const shown = new Set(found.rows.map((r) => r.id));
        const hidden = measure.measure.people.filter((x) => !shown.has(x.id));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.list',
          entityType: 'young_person_list',
          entityId: null,
          details: { ...figure, asAt, total: measure.measure.count, shown: [...shown] },
        });
        return {
          rows: found.rows,
          total: measure.measure.count,
          hiddenRestricted: hidden.filter((x) => x.restricted).length,
          hiddenOther: hidden.filter((x) => !x.restricted).length,
          title: measure.title,
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

/** A number on the performance page: which table, and which cell of it. */
export type Figure =
  | { measure: 'plans-16-17'; part: Plans16To17Part; team: string }
  | { measure: 'cohort'; band: string; category: string };

const PART_NAMES: Record<Plans16To17Part, string> = {
  youngPeople: 'Looked after, 16 or 17',
  withPlan: 'With a pathway plan',
  planInDate: 'Plan in date',
};

/** The count behind a figure and a title for its list, or null when the page has no such figure. */
async function measureOf(
  tx: Tx,
  p: Principal,
  asAt: IsoDate,
  figure: Figure,
): Promise<{ measure: Measure; title: string } | null> {
  if (figure.measure === 'plans-16-17') {
    const table = await plans16To17In(tx, p, asAt);
    const row =
      figure.team === 'all' ? table.allTeams : table.teams.find((r) => (r.team?.id ?? 'none') === figure.team);
    if (!row) return null;
    const where = figure.team === 'all' ? 'all teams' : (row.team?.name ?? 'no team');
    return { measure: row[figure.part], title: `${PART_NAMES[figure.part]}: ${where}` };
  }
  const { policy } = await policyIn(tx);
  const cohort = cohortByAgeBand(scoped(await oversightFacts(tx), p, asAt), asAt, policy);
  const row = figure.band === 'all' ? cohort.total : cohort.bands.find((b) => b.band === figure.band);
  if (!row) return null;
  const band = figure.band === 'all' ? 'all ages' : `aged ${figure.band}`;
  if (figure.category === 'all') return { measure: row.youngPeople, title: `Open cases ${band}` };
  const category = CATEGORIES.find((c) => c === figure.category);
  if (!category) return null;
  return { measure: row.byCategory[category], title: `${CATEGORY_NAMES[category]}, ${band}` };
}

/** A team manager's measures count their own team's young people (by the allocation on the day). */
function scoped(facts: OversightFacts, p: Principal, asAt: IsoDate): OversightFacts {
  if (seesWholeCouncil(p)) return facts;
  const teamId = p.kind === 'staff' ? p.teamId : null;
  return { ...facts, youngPeople: facts.youngPeople.filter((yp) => allocationOn(yp, asAt)?.team.id === teamId) };
}

export { AGE_BANDS };

/** Dorset's table as this principal may see it (see `plans16To17`). */
async function plans16To17In(tx: Tx, p: Principal, asAt: IsoDate): Promise<Plans16To17Table> {
  const { policy } = await policyIn(tx);
  return plans16To17Scoped(await oversightFacts(tx), p, asAt, policy);
}

function plans16To17Scoped(facts: OversightFacts, p: Principal, asAt: IsoDate, policy: LocalPolicy) {
  const table = plansForLookedAfter16And17(facts, asAt, policy);
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
