// Managers' figures (issue 10): /performance shows Dorset's table, the cohort by age band, care leavers
// by status, the flow of plans and their 12-month trends on an as-at date, the list behind each number,
// and every table as CSV and XLSX.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { errors } from '../../errors.ts';
import { type DataTable, OUTCOME_PART_NAMES, OUTCOME_PARTS, toCsv } from '../../domain/oversight/index.ts';
import type { RequestContext } from '../../services/context.ts';
import {
  CARE_LEAVER_PART_NAMES,
  CARE_LEAVER_PARTS,
  DOWNLOADS,
  type DownloadFormat,
  type Figure,
  FLOW_PARTS,
  monthInWords,
  PLANS_16_17_PARTS,
  seesWholeCouncil,
  TARGET_MEASURES,
  TARGET_NAMES,
  TARGET_PAGES,
  type Targets,
  UNACCOMPANIED_PARTS,
} from '../../services/oversight.ts';
import { z } from 'zod';
import { can } from '../../domain/permissions.ts';
import { dateField, dateParts, parseForm, text, toFormErrors } from '../forms.ts';
import { dateInWords } from '../presenters/dates.ts';
import { trendChartOf } from '../presenters/trend-chart.ts';
import { toXlsx, XLSX_TYPE } from '../presenters/xlsx.ts';

const asText = (targets: Targets) =>
  Object.fromEntries(TARGET_MEASURES.map((m) => [m, targets[m] === null ? '' : String(targets[m])]));

type AsAt = { value: string | null; error: string | null; raw: { day: string; month: string; year: string } };

/**
 * The as-at date from the query: `asAt=YYYY-MM-DD` (links and downloads) or the date input's three
 * boxes; today when neither is given. It must be a real date, not after today and not before the
 * earliest the figures go back to.
 */
export function asAtOf(query: Record<string, unknown>, range: { earliest: string; latest: string }): AsAt {
  let field: AsAt;
  if (typeof query.asAt === 'string' && query.asAt !== '') {
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(query.asAt) ? query.asAt : '';
    const [year, month, day] = iso ? iso.split('-') : ['', '', ''];
    field = dateField({ 'asAt-day': day, 'asAt-month': month, 'asAt-year': year }, 'asAt', 'The date');
    if (!iso) field = { value: null, error: 'The date must be a real date, like 2026-11-30', raw: field.raw };
  } else {
    field = dateField(query, 'asAt', 'The date');
    if (field.value === null && !field.error) return { value: range.latest, error: null, raw: dateParts(range.latest) };
  }
  if (field.value && field.value > range.latest)
    return { ...field, value: null, error: 'The date must be today or in the past' };
  if (field.value && field.value < range.earliest)
    return { ...field, value: null, error: `The date must be on or after ${dateInWords(range.earliest)}` };
  return field;
}

/**
 * The table file asked for, `<name>.csv|xlsx?asAt=…`, one of `names`: not found otherwise, and a
 * wrong date is a bad request — each after the permission check (refused, audited, first).
 */
export function tableFileOf<N extends string>(
  request: FastifyRequest,
  names: readonly N[],
  services: RouteDeps['services'],
  ctx: RequestContext,
): { name: N; format: DownloadFormat; asAt: string } {
  const file = /^([a-z0-9-]+)\.(csv|xlsx)$/.exec((request.params as { file: string }).file);
  const name = names.find((d) => d === file?.[1]);
  if (!file || !name) {
    services.oversight.mayView(ctx);
    throw errors.notFound();
  }
  const asAt = asAtOf(request.query as Record<string, unknown>, services.oversight.asAtRange());
  if (!asAt.value) {
    services.oversight.mayView(ctx);
    throw errors.badRequest(asAt.error ?? 'The date is not right', { asAt: asAt.error ?? '' });
  }
  return { name, format: file[2] as DownloadFormat, asAt: asAt.value };
}

/** A table as the file asked for, named `<council>-<name>-<asAt>.csv|xlsx`. */
export async function sendTable(
  reply: FastifyReply,
  { table, council }: { table: DataTable; council: { slug: string } },
  file: { name: string; format: DownloadFormat; asAt: string },
) {
  reply.header(
    'content-disposition',
    `attachment; filename="${council.slug}-${file.name}-${file.asAt}.${file.format}"`,
  );
  if (file.format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(table.header, table.rows));
  return reply.type(XLSX_TYPE).send(await toXlsx(table, file.name));
}

/** Which number a list is behind, from the query; null when it names no number on the page. */
function figureOf(query: Record<string, unknown>): Figure | null {
  const word = (name: string, pattern: RegExp) =>
    typeof query[name] === 'string' && pattern.test(query[name] as string) ? (query[name] as string) : null;
  if (query.measure === 'cohort') {
    const band = word('band', /^(all|15½|1[6-9]|20|21\+)$/);
    const category = word('category', /^(all|[A-Z0-9_]{1,40})$/);
    return band && category ? { measure: 'cohort', band, category } : null;
  }
  if (query.measure === 'care-leavers') {
    const part = CARE_LEAVER_PARTS.find((x) => x === query.part);
    const category = word('category', /^(all|[A-Z0-9_]{1,40})$/);
    return part && category ? { measure: 'care-leavers', part, category } : null;
  }
  if (query.measure === 'unaccompanied') {
    const part = UNACCOMPANIED_PARTS.find((x) => x === query.part);
    return part ? { measure: 'unaccompanied', part } : null;
  }
  if (query.measure === 'flow') {
    const part = FLOW_PARTS.find((x) => x === query.part);
    const month = part === 'approved' ? word('month', /^\d{4}-(0[1-9]|1[0-2])$/) : 'all';
    return part && month ? { measure: 'flow', part, month } : null;
  }
  if (query.measure === 'outcomes') {
    const part = OUTCOME_PARTS.find((x) => x === query.part);
    const age = word('age', /^(all|19|20|21)$/);
    return part && age ? { measure: 'outcomes', part, age } : null;
  }
  if (query.measure !== undefined && query.measure !== 'plans-16-17') return null;
  const part = PLANS_16_17_PARTS.find((x) => x === query.part);
  const team = word('team', /^(all|none|[0-9a-f-]{36})$/);
  return part && team ? { measure: 'plans-16-17', part, team } : null;
}

/**
 * A target: blank (none), or a whole percentage from 0 to 100; a box missing from the form (one
 * posted from a page older than the measure's target) leaves that target as it is.
 */
const targetField = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) <= 100), {
      message: `Enter a whole number from 0 to 100 for “${name.toLowerCase()}”, or leave it blank for no target`,
    })
    .transform((v) => (v === '' ? null : Number(v)))
    .optional();
const targetsForm = z.object(
  Object.fromEntries(TARGET_MEASURES.map((m) => [m, targetField(TARGET_NAMES[m])])) as Record<
    (typeof TARGET_MEASURES)[number],
    ReturnType<typeof targetField>
  >,
);

export function performanceRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.get('/performance', async (request, reply) => {
      const ctx = staffOf(request);
      const range = services.oversight.asAtRange();
      const asAt = asAtOf(request.query as Record<string, unknown>, range);
      const common = { range, asAtParts: asAt.raw, wholeCouncil: seesWholeCouncil(ctx.principal) };
      if (!asAt.value) {
        // Refused as any other form is, after the permission check: a young person's worker learns nothing here.
        services.oversight.mayView(ctx);
        return reply.status(400).page('pages/performance/index.njk', {
          ...common,
          errors: toFormErrors({ asAt: asAt.error ?? '' }, ['asAt']),
        });
      }
      const figures = await services.oversight.page(ctx, asAt.value);
      return reply.page('pages/performance/index.njk', {
        ...common,
        ...figures,
        maySetTargets: can(ctx.principal, 'performance.targets'),
        asAt: asAt.value,
        careLeaverPartNames: CARE_LEAVER_PART_NAMES,
        outcomePartNames: OUTCOME_PART_NAMES,
        monthNames: Object.fromEntries(figures.flow.approvedPerMonth.map((m) => [m.month, monthInWords(m.month)])),
        charts: figures.trends.map((series) => trendChartOf({ ...series, id: `trend-${series.measure}` })),
        targetNames: TARGET_NAMES,
      });
    });

    app.get('/performance/people', async (request, reply) => {
      const ctx = staffOf(request);
      services.oversight.mayView(ctx);
      const query = request.query as Record<string, unknown>;
      const figure = figureOf(query);
      if (!figure) throw errors.notFound();
      const asAt = asAtOf(query, services.oversight.asAtRange());
      if (!asAt.value) throw errors.badRequest(asAt.error ?? 'The date is not right', { asAt: asAt.error ?? '' });
      const list = await services.oversight.peopleBehind(ctx, asAt.value, figure);
      return reply.page('pages/performance/people.njk', { ...list, asAt: asAt.value });
    });

    app.get('/performance/targets', async (request, reply) => {
      const ctx = staffOf(request);
      const targets = await services.oversight.targets(ctx);
      const saved = (request.query as Record<string, unknown>).saved === '1';
      return reply.page('pages/performance/targets.njk', {
        values: asText(targets),
        names: TARGET_NAMES,
        pages: TARGET_PAGES,
        saved,
      });
    });

    app.post('/performance/targets', async (request, reply) => {
      const ctx = staffOf(request);
      const body = request.body as Record<string, unknown>;
      const parsed = parseForm(targetsForm, body);
      if (!parsed.ok) {
        services.oversight.maySetTargets(ctx); // refused (403, audited) before anything is said about the form
        const values = Object.fromEntries(TARGET_MEASURES.map((m) => [m, text(body, m)]));
        return reply.status(400).page('pages/performance/targets.njk', {
          values,
          names: TARGET_NAMES,
          pages: TARGET_PAGES,
          errors: parsed.errors,
        });
      }
      await services.oversight.setTargets(ctx, parsed.data as Partial<Targets>);
      return reply.redirect('/performance/targets?saved=1', 303);
    });

    // Every table on the page as a file, e.g. /performance/plans-16-17.csv?asAt=2026-11-30 (issue 10 §1a, §2).
    app.get('/performance/:file', async (request, reply) => {
      const ctx = staffOf(request);
      const { name, format, asAt } = tableFileOf(request, DOWNLOADS, services, ctx);
      return sendTable(reply, await services.oversight.download(ctx, asAt, name, format), { name, format, asAt });
    });
  });
}
