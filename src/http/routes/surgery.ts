// Performance surgery (issue 10, part 5): /performance/surgery shows a team manager, per worker in
// their team, what was owed on an as-at date (today by default, as /performance) and the plans
// approved per month; every number lists its young people.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { errors } from '../../errors.ts';
import { SURGERY_PARTS } from '../../domain/oversight/index.ts';
import { seesWholeCouncil } from '../../services/oversight.ts';
import { toFormErrors } from '../forms.ts';
import { asAtOf } from './performance.ts';

const pageQuery = z.object({ team: z.string().uuid().optional() });

const listQuery = z.object({
  team: z.string().uuid().optional(),
  worker: z.string().uuid(),
  part: z.enum(SURGERY_PARTS).optional(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
});

export function surgeryRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.get('/performance/surgery', async (request, reply) => {
      const ctx = staffOf(request);
      services.surgery.mayView(ctx);
      const query = pageQuery.safeParse(request.query);
      if (!query.success)
        throw errors.badRequest('Choose a team from the list', { team: 'Choose a team from the list' });
      const range = services.oversight.asAtRange();
      const asAt = asAtOf(request.query as Record<string, unknown>, range);
      const common = {
        range,
        asAtParts: asAt.raw,
        teamId: query.data.team,
        wholeCouncil: seesWholeCouncil(ctx.principal),
      };
      if (!asAt.value)
        return reply.status(400).page('pages/performance/surgery.njk', {
          ...common,
          errors: toFormErrors({ asAt: asAt.error ?? '' }, ['asAt']),
        });
      const page = await services.surgery.page(ctx, query.data.team, asAt.value);
      return reply.page('pages/performance/surgery.njk', { ...common, ...page });
    });

    app.get('/performance/surgery/people', async (request, reply) => {
      const ctx = staffOf(request);
      services.surgery.mayView(ctx);
      const query = listQuery.safeParse(request.query);
      // A number not on the page: one part, or one month, for one worker.
      if (!query.success || Boolean(query.data.part) === Boolean(query.data.month)) throw errors.notFound();
      const { team, worker, part, month } = query.data;
      const figure = { teamId: team, workerId: worker, part: part ?? { month: month! } };
      const asAt = asAtOf(request.query as Record<string, unknown>, services.oversight.asAtRange());
      if (!asAt.value) throw errors.badRequest(asAt.error ?? 'The date is not right', { asAt: asAt.error ?? '' });
      const list = await services.surgery.peopleBehind(ctx, figure, asAt.value);
      return reply.page('pages/performance/surgery-people.njk', list);
    });
  });
}
