// Reminders (issue 12 §3): how a person wants to be contacted (a young person for their reminders, a
// member of staff for their weekly digest), and for administrators the outbox of what was sent, or
// without a GOV.UK Notify key would have been.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { contextOf, staffOf, type RouteDeps } from '../request-context.ts';
import { parseForm } from '../forms.ts';
import { flashOf, withFlash } from '../flash.ts';
import { translatorFor } from '../language.ts';
import { contactPreferenceSchema, translatedErrors } from '../companion-forms.ts';
import { errors } from '../../errors.ts';

const PAGE = 'pages/account/contact-preferences.njk';

export function reminderRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const personOf = (request: Parameters<typeof contextOf>[0]) => {
      const ctx = contextOf(request);
      if (ctx.principal.kind === 'api_token') throw errors.notFound();
      return ctx;
    };

    app.get('/account/contact', async (request, reply) => {
      const ctx = personOf(request);
      const current = await services.reminders.preference(ctx);
      return reply.page(PAGE, { current, values: current, done: flashOf(request) });
    });

    app.post('/account/contact', async (request, reply) => {
      const ctx = personOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(contactPreferenceSchema, body);
      if (!parsed.ok) {
        const current = await services.reminders.preference(ctx);
        return reply
          .status(400)
          .page(PAGE, { current, values: body, errors: translatedErrors(parsed.fieldErrors, translatorFor(request)) });
      }
      await services.reminders.savePreference(ctx, parsed.data);
      return reply.redirect(withFlash(request, '/account/contact', translatorFor(request)('reminders:saved')), 303);
    });

    app.get('/admin/outbox', async (request, reply) => {
      const ctx = staffOf(request);
      const outbox = await services.reminders.outbox(ctx);
      return reply.page('pages/admin/outbox.njk', outbox);
    });
  });
}
