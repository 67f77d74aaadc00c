import fp from 'fastify-plugin';
import { ACCESS_NAMES, RELATIONSHIP_NAMES } from '../../domain/supporters.ts';
import { CLOSURE_NOTICE_DAYS, CLOSURE_REASON_NAMES, closureDue } from '../../domain/closure.ts';
import { addDays } from '../../domain/statutory/dates.ts';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { contextOf, staffOf, type RouteDeps } from '../request-context.ts';
import { ukDate } from '../../domain/clock.ts';
import { errors } from '../../errors.ts';
import { flashOf } from '../flash.ts';
import {
  CATEGORY_NAMES,
  closureDueItem,
  explainCategory,
  FLAGS,
  statutoryHistory,
  urgencyOf,
  type CareLeaverCategory,
  type FlagCode,
} from '../../domain/statutory/index.ts';

/** Flags that need a person's attention on the record page (others are shown as due items). */
const SHOWN_FLAGS: ReadonlySet<FlagCode> = new Set([
  'ended-on-16th-birthday-escalate',
  'short-breaks-possible-s24',
  'short-break-exceeds-reg48-limits',
  'cannot-become-eligible-before-18',
  'detention-route-not-met',
  'relevant-status-suspended-home-6-months',
  's23czb-assessment-and-plan-required',
]);

const uuid = z.string().uuid();
const PAGE_SIZE = 50;

export function idParam(params: unknown, name = 'id'): string {
  const parsed = uuid.safeParse((params as Record<string, unknown>)[name]);
  if (!parsed.success) throw errors.notFound();
  return parsed.data;
}

const listFilterSchema = z.object({
  category: z
    .enum(Object.keys(CATEGORY_NAMES) as [CareLeaverCategory, ...CareLeaverCategory[]])
    .optional()
    .catch(undefined),
  urgency: z.enum(['overdue', 'due-soon', 'on-track', 'none']).optional().catch(undefined),
  worker: z.string().uuid().optional().catch(undefined),
});

/** Filters from the query string; anything unrecognised is ignored rather than refused. */
function listFilters(query: unknown) {
  const f = listFilterSchema.parse(query ?? {});
  return { category: f.category, urgency: f.urgency, workerId: f.worker };
}

export const pageOf = (query: unknown) => {
  const n = Number((query as Record<string, string>).page ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};

export function recordRoutes({ services, config }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.get('/caseload', async (request, reply) => {
      const ctx = staffOf(request);
      const page = pageOf(request.query);
      const filters = listFilters(request.query);
      const result = await services.records.list(ctx, 'caseload', {
        allocatedTo: ctx.principal.id,
        ...filters,
        page,
        pageSize: PAGE_SIZE,
      });
      return reply.page('pages/young-people/list.njk', {
        heading: 'My caseload',
        result,
        filters,
        page,
        pages: result.pages,
        today: result.today,
        basePath: '/caseload',
      });
    });

    app.get('/team', async (request, reply) => {
      const ctx = staffOf(request);
      const query = request.query as Record<string, string>;
      const page = pageOf(query);
      const filters = listFilters(query);
      const asked = query.team && uuid.safeParse(query.team).success ? query.team : undefined;
      const { teams, team, result, workers } = await services.records.teamList(ctx, asked, {
        ...filters,
        page,
        pageSize: PAGE_SIZE,
      });
      return reply.page('pages/young-people/list.njk', {
        heading: team.name,
        team,
        teams: teams.length > 1 ? teams : null,
        workers,
        result,
        filters,
        page,
        pages: result.pages,
        today: result.today,
        basePath: `/team?team=${team.id}&`,
      });
    });

    // Cases whose closure is late (issue 11 §3), for the managers who close them.
    app.get('/closures/late', async (request, reply) => {
      const ctx = staffOf(request);
      const query = request.query as Record<string, string>;
      const asked = query.team && uuid.safeParse(query.team).success ? query.team : undefined;
      const late = await services.records.lateClosures(ctx, asked);
      return reply.page('pages/young-people/late-closures.njk', { late, today: late.today });
    });

    app.get('/young-people', async (request, reply) => {
      const ctx = staffOf(request);
      const q = String((request.query as Record<string, string>).q ?? '')
        .trim()
        .slice(0, 100);
      const result = q
        ? await services.records.list(ctx, 'search', { search: q, includeClosed: true, pageSize: PAGE_SIZE })
        : null;
      return reply.page('pages/young-people/search.njk', { q, result, today: ukDate(services.clock.now()) });
    });

    app.get('/young-people/:id', async (request, reply) => {
      const ctx = contextOf(request);
      const id = idParam(request.params);
      const record = await services.records.recordSummary(ctx, id);
      const st = record.statutory;
      const done = flashOf(request);
      const yp = record.yp;
      const due = closureDue({
        closed: yp.caseStatus === 'closed',
        coreSupportEndsOn: st.status.supportEndsOn,
        until25: st.status.personalAdviserAvailableUntil,
        requestedOn: yp.supportAfter21RequestedOn,
        declinedOn: yp.supportAfter21DeclinedOn,
      });
      // Shown from three months before it is due, and until the case is closed.
      const shown = due && due.on <= addDays(record.today, CLOSURE_NOTICE_DAYS) ? due : null;
      const closure = shown ? { ...shown, urgency: urgencyOf(shown.on, record.today) } : null;
      // What is due, with the closure as the record itself says (the lists read it without the day they said no).
      const dueNow = [...st.due.filter((d) => d.code !== 'CLOSE_CASE'), ...(shown ? [closureDueItem(shown)] : [])].sort(
        (a, b) => a.on.localeCompare(b.on),
      );
      return reply.page('pages/young-people/record.njk', {
        relationshipNames: RELATIONSHIP_NAMES,
        accessNames: ACCESS_NAMES,
        closure,
        record,
        today: record.today,
        done,
        closureReasonNames: CLOSURE_REASON_NAMES,
        explanation: explainCategory(st.status),
        flags: st.status.flags.filter((f) => SHOWN_FLAGS.has(f)).map((f) => FLAGS[f]),
        due: dueNow,
        urgencies: dueNow.map((d) => urgencyOf(d.on, record.today)),
        history: statutoryHistory({
          status: st.status,
          asOf: record.today,
          episodes: record.episodes,
          records: record.events.records,
          triggers: record.events.triggers,
        }),
      });
    });

    app.get('/my-record', async (request, reply) => {
      const ctx = contextOf(request);
      if (ctx.principal.kind !== 'young_person') return reply.redirect('/', 303);
      const record = await services.records.recordSummary(ctx, ctx.principal.id);
      return reply.page('pages/young-people/my-record.njk', { record, today: ukDate(services.clock.now()) });
    });

    app.get('/young-people/:id/audit', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const trail = await services.records.auditTrail(ctx, id, pageOf(request.query));
      return reply.page('pages/young-people/audit.njk', { trail, id });
    });

    app.post('/young-people/:id/invitations', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const invitation = await services.invitations.create(ctx, id);
      const record = await services.records.recordSummary(ctx, id);
      // From the configured address, never the Host header, which whoever sends the request chooses.
      const origin = config.publicUrl;
      return reply.page('pages/young-people/invitation-created.njk', {
        record,
        invitation,
        link: `${origin}/invite/${invitation.token}`,
        origin,
      });
    });
  });
}
