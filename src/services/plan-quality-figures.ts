// The quality and involvement figures (issue 10 §1d, §1e) on an as-at date: the same permissions,
// scoping and audit as /performance (services/oversight.ts) — service managers and IROs every team,
// a team manager their own team by the allocation on the as-at date — over one read of the
// council's records, in the transaction that writes the audit row.
import type { Database, Tx } from '../data/db.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { councilEntered, oversightFacts } from '../data/repositories/oversight.ts';
import { planQualityRows } from '../data/repositories/plan-quality.ts';
import {
  allocationOn,
  type DataTable,
  planQualityFigures,
  type PlanQualityFigures,
  type QualityDownload,
  qualityTable,
  qualityWindow,
} from '../domain/oversight/index.ts';
import { authorize, type Principal } from '../domain/permissions.ts';
import type { IsoDate } from '../domain/statutory/index.ts';
import { auditActor, type RequestContext } from './context.ts';
import { auditedDownload, seesWholeCouncil } from './oversight.ts';

/**
 * The figures on `asAt` this principal may see, from one read: every team for those who oversee the
 * council, a team manager's own team (the allocation on the as-at date).
 */
async function figuresIn(tx: Tx, p: Principal, asAt: IsoDate): Promise<PlanQualityFigures> {
  const { youngPeople } = await oversightFacts(tx);
  const teamId = p.kind === 'staff' ? p.teamId : null;
  // The figures count only the young people given: a team manager's, their team's on the as-at date.
  const whose = seesWholeCouncil(p)
    ? youngPeople
    : youngPeople.filter((yp) => allocationOn(yp, asAt)?.team.id === teamId);
  return planQualityFigures({ youngPeople: whose, ...(await planQualityRows(tx, qualityWindow(asAt))) }, asAt);
}

export function planQualityFiguresService(db: Database) {
  return {
    async page(
      ctx: RequestContext,
      asAt: IsoDate,
    ): Promise<{ figures: PlanQualityFigures; council: { slug: string; name: string } }> {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const figures = await figuresIn(tx, p, asAt);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.view',
          entityType: 'performance',
          entityId: null,
          details: {
            measures: ['plan-quality', 'involvement'],
            asAt,
            teams: figures.ratingsByTeam.teams.map((t) => t.team?.id ?? null),
          },
        });
        return { figures, council: await councilEntered(tx) };
      });
    },

    /** One table of the page on `asAt` to download, with the same scope as the page. Audited. */
    async download(
      ctx: RequestContext,
      asAt: IsoDate,
      name: QualityDownload,
      format: 'csv' | 'xlsx',
    ): Promise<{ table: DataTable; council: { slug: string; name: string } }> {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      return db.withCouncil(p.councilId, async (tx) => {
        return auditedDownload(tx, ctx, { name, format, asAt }, qualityTable(await figuresIn(tx, p, asAt), name));
      });
    },
  };
}
export type PlanQualityFiguresService = ReturnType<typeof planQualityFiguresService>;
