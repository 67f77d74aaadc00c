// Managers' quality and involvement figures (issue 10 §1d, §1e): /performance/quality on an as-at
// date, with the same date rules, permissions and audit as /performance.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { staffOf, type RouteDeps } from '../request-context.ts';
import {
  BRIGHT_SPOTS,
  goodOrBetterTrend,
  involvementTrend,
  PLAN_CHECKS,
  QUALITY_DOWNLOADS,
  type QualityFigure,
} from '../../domain/oversight/index.ts';
import { errors } from '../../errors.ts';
import { trendChartOf } from '../presenters/trend-chart.ts';
import {
  INVOLVEMENT_ANSWER_NAMES,
  INVOLVEMENT_ANSWERS,
  QUALITY_RATING_NAMES,
  QUALITY_RATINGS,
} from '../../domain/plan/index.ts';
import { monthInWords, seesWholeCouncil } from '../../services/oversight.ts';
import { QUALITY_CHECK_NAMES } from '../../services/plan-quality-figures.ts';
import { toFormErrors } from '../forms.ts';
import { asAtOf, sendTable, tableFileOf } from './performance.ts';

const views = {
  ratings: QUALITY_RATINGS.map((value) => ({ value, text: QUALITY_RATING_NAMES[value] })),
  checks: PLAN_CHECKS.map((value) => ({ value, text: QUALITY_CHECK_NAMES[value] })),
  answers: INVOLVEMENT_ANSWERS.map((value) => ({ value, text: INVOLVEMENT_ANSWER_NAMES[value] })),
  brightSpots: BRIGHT_SPOTS,
};

/**
 * The number a list link names, from its query, or null when the page has no such number:
 * `table` (ratings, checks, returns, involvement), `team` (a team's id, `none` or `all`) and the
 * column (`rating` and `month`, `check`, `part` or `answer`).
 */
export function qualityFigureOf(query: Record<string, unknown>): QualityFigure | null {
  const team = typeof query.team === 'string' && /^(all|none|[0-9a-f-]{36})$/.test(query.team) ? query.team : null;
  if (!team) return null;
  const one = <T extends string>(values: readonly T[], value: unknown) => values.find((v) => v === value) ?? null;
  switch (query.table) {
    case 'ratings': {
      const rating = one(['all', 'goodOrBetter', ...QUALITY_RATINGS], query.rating);
      const month = query.month === undefined ? 'all' : query.month;
      if (!rating || typeof month !== 'string' || !/^(all|\d{4}-(0[1-9]|1[0-2]))$/.test(month)) return null;
      return { table: 'ratings', team, month, rating };
    }
    case 'checks': {
      const check = one(PLAN_CHECKS, query.check);
      return check && { table: 'checks', team, check };
    }
    case 'returns': {
      const part = one(['plans', 'returned'] as const, query.part);
      return part && { table: 'returns', team, part };
    }
    case 'involvement': {
      const answer = one(['answered', 'notAnswered', ...INVOLVEMENT_ANSWERS], query.answer);
      const month = query.month === undefined ? 'all' : query.month;
      if (!answer || typeof month !== 'string' || !/^(all|\d{4}-(0[1-9]|1[0-2]))$/.test(month)) return null;
      return { table: 'involvement', team, answer, month };
    }
    default:
      return null;
  }
}

export function performanceQualityRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.get('/performance/quality', async (request, reply) => {
      const ctx = staffOf(request);
      const range = services.oversight.asAtRange();
      const asAt = asAtOf(request.query as Record<string, unknown>, range);
      const common = { ...views, range, asAtParts: asAt.raw, wholeCouncil: seesWholeCouncil(ctx.principal) };
      if (!asAt.value) {
        // Refused after the permission check, as /performance does.
        services.oversight.mayView(ctx);
        return reply.status(400).page('pages/performance/quality.njk', {
          ...common,
          errors: toFormErrors({ asAt: asAt.error ?? '' }, ['asAt']),
        });
      }
      const { figures, council, targets } = await services.planQualityFigures.page(ctx, asAt.value);
      const monthNames = Object.fromEntries(figures.ratingsByMonth.map((m) => [m.month, monthInWords(m.month)]));
      const ratingChart = trendChartOf({
        id: 'trend-quality-good',
        title: 'Plans approved rated good or outstanding, by month',
        unit: '%',
        points: goodOrBetterTrend(figures),
        target: targets['quality-good'],
      });
      const involvementChart = trendChartOf({
        id: 'trend-quality-involvement',
        title: 'Young people who felt involved in their plan all or most of the time, by month',
        unit: '%',
        points: involvementTrend(figures),
        target: targets['quality-involvement'],
      });
      return reply.page('pages/performance/quality.njk', {
        ...common,
        figures,
        involvementChart,
        monthNames,
        council,
        ratingChart,
        goodOrBetter: goodOrBetterTrend(figures),
        targets,
        asAt: asAt.value,
      });
    });

    // The young people behind a number, e.g. ?asAt=2026-11-30&table=ratings&team=all&rating=good (issue 10 §1).
    app.get('/performance/quality/people', async (request, reply) => {
      const ctx = staffOf(request);
      services.oversight.mayView(ctx);
      const query = request.query as Record<string, unknown>;
      const figure = qualityFigureOf(query);
      if (!figure) throw errors.notFound();
      const asAt = asAtOf(query, services.oversight.asAtRange());
      if (!asAt.value) throw errors.badRequest(asAt.error ?? 'The date is not right', { asAt: asAt.error ?? '' });
      const list = await services.planQualityFigures.peopleBehind(ctx, asAt.value, figure);
      return reply.page('pages/performance/people.njk', {
        ...list,
        asAt: asAt.value,
        back: { href: `/performance/quality?asAt=${asAt.value}`, text: 'Back to quality and involvement' },
      });
    });

    // Every table on the page as a file, e.g. /performance/quality/quality-ratings.csv?asAt=2026-11-30 (issue 10 §2).
    app.get('/performance/quality/:file', async (request, reply) => {
      const ctx = staffOf(request);
      const file = tableFileOf(request, QUALITY_DOWNLOADS, services, ctx);
      return sendTable(reply, await services.planQualityFigures.download(ctx, file.asAt, file.name, file.format), file);
    });
  });
}
