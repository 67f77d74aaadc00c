// A person's own account: where they are signed in (and ending those sessions), and, for staff,
// changing their password. Service managers also see who was given which role.
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { contextOf, staffOf, type RouteDeps } from '../request-context.ts';
import { parseForm, toFormErrors } from '../forms.ts';
import { flashOf, withFlash } from '../flash.ts';
import { errors } from '../../errors.ts';
import { translatorFor } from '../language.ts';

const passwordForm = z.object({
  current: z.string().min(1, 'Enter your current password'),
  password: z.string().min(1, 'Enter a new password'),
  confirm: z.string().min(1, 'Enter the new password again'),
});
const handleParam = z.object({ handle: z.string().uuid() });

export function accountRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.get('/account', async (request, reply) => {
      const ctx = contextOf(request);
      const sessions = await services.sessions.list(ctx);
      return reply.page('pages/account/index.njk', { sessions, done: flashOf(request) });
    });

    app.post('/account/sessions/:handle/end', async (request, reply) => {
      const ctx = contextOf(request);
      const parsed = handleParam.safeParse(request.params);
      if (!parsed.success) throw errors.notFound();
      await services.sessions.end(ctx, parsed.data.handle);
      return reply.redirect(withFlash(request, '/account', translatorFor(request)('account.ended')), 303);
    });

    app.post('/account/sessions/end-others', async (request, reply) => {
      const ctx = contextOf(request);
      await services.sessions.endOthers(ctx);
      return reply.redirect(withFlash(request, '/account', translatorFor(request)('account.endedOthers')), 303);
    });

    app.get('/account/password', async (request, reply) => {
      staffOf(request);
      return reply.page('pages/account/password.njk', {});
    });

    app.post('/account/password', async (request, reply) => {
      const ctx = staffOf(request);
      const parsed = parseForm(passwordForm, request.body);
      const result = parsed.ok ? await services.admin.changeOwnPassword(ctx, parsed.data) : null;
      if (!parsed.ok || !result?.ok) {
        const errs = parsed.ok ? toFormErrors(result && !result.ok ? result.fieldErrors : {}) : parsed.errors;
        return reply.status(400).page('pages/account/password.njk', { errors: errs });
      }
      return reply.page('pages/account/password.njk', { changed: true, sessionsEnded: result.value.sessionsEnded });
    });

    app.get('/account-changes', async (request, reply) => {
      const ctx = staffOf(request);
      const changes = await services.admin.accountChanges(ctx);
      return reply.page('pages/account/changes.njk', { ...changes, now: services.clock.now() });
    });
  });
}
