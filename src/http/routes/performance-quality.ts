// Managers' quality and involvement figures (issue 10 §1d, §1e): /performance/quality on an as-at
// date, with the same date rules, permissions and audit as /performance.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { BRIGHT_SPOTS, goodOrBetterTrend, PLAN_CHECKS, QUALITY_DOWNLOADS } from '../../domain/oversight/index.ts';
import { trendChartOf } from '../presenters/trend-chart.ts';
import {
  INVOLVEMENT_ANSWER_NAMES,
  INVOLVEMENT_ANSWERS,
  QUALITY_RATING_NAMES,
  QUALITY_RATINGS,
} from '../../domain/plan/index.ts';
import { seesWholeCouncil } from '../../services/oversight.ts';
import { toFormErrors } from '../forms.ts';
import { asAtOf, sendTable, tableFileOf } from './performance.ts';

const views = {
  ratings: QUALITY_RATINGS.map((value) => ({ value, text: QUALITY_RATING_NAMES[value] })),
  checks: PLAN_CHECKS.map((value) => ({
    value,
    text: {
      ownWordsEveryArea: 'Their own words in every area',
      signedByBoth: 'Signed by both',
      youngPersonTookPart: 'The young person took part',
      disagreementRecorded: 'Disagreement recorded',
    }[value],
  })),
  answers: INVOLVEMENT_ANSWERS.map((value) => ({ value, text: INVOLVEMENT_ANSWER_NAMES[value] })),
  brightSpots: BRIGHT_SPOTS,
};

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** "December 2025" for '2025-12-01'. */
const monthInWords = (firstDay: string) => MONTH.format(new Date(`${firstDay}T00:00:00Z`));

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
      const { figures, council } = await services.planQualityFigures.page(ctx, asAt.value);
      const monthNames = Object.fromEntries(figures.ratingsByMonth.map((m) => [m.month, monthInWords(m.from)]));
      const ratingChart = trendChartOf({
        id: 'trend-quality-good',
        title: 'Plans approved rated good or outstanding, by month',
        unit: '%',
        points: goodOrBetterTrend(figures),
      });
      return reply.page('pages/performance/quality.njk', {
        ...common,
        figures,
        monthNames,
        council,
        ratingChart,
        goodOrBetter: goodOrBetterTrend(figures),
        asAt: asAt.value,
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
