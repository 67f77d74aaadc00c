// The quality and involvement figures (issue 10 §1d, §1e) on an as-at date: the same permissions,
// scoping and audit as /performance (services/oversight.ts) — service managers and IROs every team,
// a team manager their own team by the allocation on the as-at date — over one read of the
// council's records, in the transaction that writes the audit row.
import type { Database, Tx } from '../data/db.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import * as people from '../data/repositories/people.ts';
import { errors } from '../errors.ts';
import { type Clock, ukDate } from '../domain/clock.ts';
import { councilEntered, oversightFacts } from '../data/repositories/oversight.ts';
import { planQualityRows } from '../data/repositories/plan-quality.ts';
import {
  allocationOn,
  type DataTable,
  planQualityFigures,
  type PlanCheck,
  type PlanQualityFacts,
  type PlanQualityFigures,
  type QualityDownload,
  type QualityFigure,
  qualityPeopleBehind,
  qualityTable,
  qualityWindow,
} from '../domain/oversight/index.ts';
import { INVOLVEMENT_ANSWER_NAMES, QUALITY_RATING_NAMES } from '../domain/plan/index.ts';
import { authorize, type Principal } from '../domain/permissions.ts';
import type { IsoDate } from '../domain/statutory/index.ts';
import { auditActor, type RequestContext } from './context.ts';
import { auditedDownload, monthInWords, seesWholeCouncil, type Targets, targetsOf } from './oversight.ts';

/**
 * The facts on `asAt` this principal may see, from one read: every team for those who oversee the
 * council, a team manager's own team (the allocation on the as-at date).
 */
async function factsIn(tx: Tx, p: Principal, asAt: IsoDate): Promise<PlanQualityFacts> {
  const { youngPeople } = await oversightFacts(tx);
  const teamId = p.kind === 'staff' ? p.teamId : null;
  // The figures count only the young people given: a team manager's, their team's on the as-at date.
  const whose = seesWholeCouncil(p)
    ? youngPeople
    : youngPeople.filter((yp) => allocationOn(yp, asAt)?.team.id === teamId);
  return { youngPeople: whose, ...(await planQualityRows(tx, qualityWindow(asAt))) };
}

const figuresIn = async (tx: Tx, p: Principal, asAt: IsoDate): Promise<PlanQualityFigures> =>
  planQualityFigures(await factsIn(tx, p, asAt), asAt);

/** The checks on an approved plan, in the words the page uses. */
export const QUALITY_CHECK_NAMES: Record<PlanCheck, string> = {
  ownWordsEveryArea: 'Their own words in every area',
  signedByBoth: 'Signed by both',
  youngPersonTookPart: 'The young person took part',
  disagreementRecorded: 'Disagreement recorded',
};

/** A title for the list behind a figure, e.g. "Plans approved rated good: Team 1, May 2026 (3 plans)". */
function titleOf(figure: QualityFigure, where: string, count: number): string {
  const plans = `${count} ${count === 1 ? 'plan' : 'plans'}`;
  switch (figure.table) {
    case 'ratings': {
      const what =
        figure.rating === 'all'
          ? 'Plans approved'
          : figure.rating === 'goodOrBetter'
            ? 'Plans approved rated good or outstanding'
            : `Plans approved rated ${QUALITY_RATING_NAMES[figure.rating].toLowerCase()}`;
      const when = figure.month === 'all' ? '' : `, ${monthInWords(figure.month)}`;
      return `${what}: ${where}${when} (${plans})`;
    }
    case 'checks':
      return `Approved plans, ${QUALITY_CHECK_NAMES[figure.check].toLowerCase()}: ${where} (${plans})`;
    case 'returns':
      return figure.part === 'plans'
        ? `Plans returned at approval: ${where} (${plans})`
        : `Times plans were returned at approval: ${where} (${count} ${count === 1 ? 'time' : 'times'})`;
    case 'involvement': {
      const what =
        figure.answer === 'answered'
          ? 'answered how involved they felt'
          : figure.answer === 'notAnswered'
            ? 'not answered how involved they felt'
            : `felt involved: ${INVOLVEMENT_ANSWER_NAMES[figure.answer].toLowerCase()}`;
      const when = figure.month === undefined || figure.month === 'all' ? '' : `, ${monthInWords(figure.month)}`;
      return `Approved plans, ${what}: ${where}${when} (${plans})`;
    }
  }
}

export function planQualityFiguresService(db: Database, clock: Clock) {
  return {
    async page(
      ctx: RequestContext,
      asAt: IsoDate,
    ): Promise<{ figures: PlanQualityFigures; council: { slug: string; name: string }; targets: Targets }> {
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
        // The council's targets for the two percentages drawn (issue 10 §1), read in the same transaction.
        return { figures, council: await councilEntered(tx), targets: await targetsOf(tx) };
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
    /**
     * The young people behind one number on the page, as far as this person may see them: restricted
     * records only to the staff named on them, the others counted. One audited read, naming whom it
     * showed, as /performance's lists (services/oversight.ts `peopleBehind`).
     */
    async peopleBehind(ctx: RequestContext, asAt: IsoDate, figure: QualityFigure) {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const facts = await factsIn(tx, p, asAt);
        const measure = qualityPeopleBehind(facts, asAt, figure);
        if (!measure) throw errors.notFound();
        // One entry per plan or return: each young person is named (or counted as hidden) once.
        const behind = [...new Map(measure.people.map((x) => [x.id, x])).values()];
        const found = await people.listYoungPeople(tx, p, ukDate(clock.now()), {
          ids: behind.map((x) => x.id),
          includeClosed: true,
        });
        const shown = new Set(found.rows.map((r) => r.id));
        const hidden = behind.filter((x) => !shown.has(x.id));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.list',
          entityType: 'young_person_list',
          entityId: null,
          details: { measure: 'quality', ...figure, asAt, total: measure.count, shown: [...shown] },
        });
        const where =
          figure.team === 'all'
            ? 'all teams'
            : figure.team === 'none'
              ? 'no team'
              : (facts.youngPeople.map((yp) => allocationOn(yp, asAt)?.team).find((t) => t?.id === figure.team)?.name ??
                'no team');
        return {
          rows: found.rows,
          total: behind.length,
          hiddenRestricted: hidden.filter((x) => x.restricted).length,
          hiddenOther: hidden.filter((x) => !x.restricted).length,
          title: titleOf(figure, where, measure.count),
        };
      });
    },
  };
}
export type PlanQualityFiguresService = ReturnType<typeof planQualityFiguresService>;
