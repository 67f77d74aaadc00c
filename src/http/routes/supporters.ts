// A young person's supporters (issue 12 §6): who may read their plan, or read it and help write their part.
// The young person adds them and removes them here; the supporter's own way in is /supporter-invite (auth.ts).
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { contextOf, type RouteDeps } from '../request-context.ts';
import { parseForm } from '../forms.ts';
import { translatedErrors } from '../companion-forms.ts';
import { flashOf, withFlash } from '../flash.ts';
import { translatorFor } from '../language.ts';
import { errors } from '../../errors.ts';
import { SUPPORTER_ACCESS, SUPPORTER_RELATIONSHIPS, supporterForm } from '../../domain/supporters.ts';

const idParam = z.object({ id: z.string().uuid() });
const choices = { relationships: SUPPORTER_RELATIONSHIPS, accessChoices: SUPPORTER_ACCESS };

export function supporterRoutes({ services, config }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.get('/account/supporters', async (request, reply) => {
      const ctx = contextOf(request);
      const supporters = await services.supporters.mine(ctx);
      return reply.page('pages/supporters/index.njk', { supporters, done: flashOf(request) });
    });

    app.get('/account/supporters/add', async (request, reply) => {
      contextOf(request);
      return reply.page('pages/supporters/add.njk', { ...choices, values: {} });
    });

    app.post('/account/supporters/add', async (request, reply) => {
      const ctx = contextOf(request);
      const parsed = parseForm(supporterForm, request.body);
      if (!parsed.ok)
        return reply.status(400).page('pages/supporters/add.njk', {
          ...choices,
          values: request.body ?? {},
          errors: translatedErrors(parsed.fieldErrors, translatorFor(request)),
        });
      const added = await services.supporters.add(ctx, parsed.data);
      // From the configured address, never the Host header, which whoever sends the request chooses.
      return reply.page('pages/supporters/added.njk', {
        added,
        link: `${config.publicUrl}/supporter-invite/${added.token}`,
        codeUrl: `${config.publicUrl}/supporter-invite`,
      });
    });

    app.post('/account/supporters/:id/remove', async (request, reply) => {
      const ctx = contextOf(request);
      const parsed = idParam.safeParse(request.params);
      if (!parsed.success) throw errors.notFound();
      const { linkRevoked } = await services.supporters.remove(ctx, parsed.data.id);
      const done = linkRevoked ? 'supporters.linkCancelled.removed' : 'supporters.removed';
      return reply.redirect(withFlash(request, '/account/supporters', translatorFor(request)(done)), 303);
    });
  });
}
