// Administrators' pages for the API tokens of council systems (issue 11 §5): list with when each was
// last used, issue (the token is shown once, on the page that issues it), revoke.
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { dateField, parseForm, text, toFormErrors } from '../forms.ts';
import { idParam } from './records.ts';
import { MAX_TOKEN_DAYS } from '../../services/api-tokens.ts';
import { ukDate } from '../../domain/clock.ts';
import { addDays } from '../../domain/statutory/dates.ts';

const tokenForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the name of the system that will use the token')
    .max(100, 'Name must be 100 characters or fewer'),
  scope: z.enum(['read', 'write'], { message: 'Select what the system may do' }),
});

const SCOPE_NAMES = {
  read: 'Read only: young people’s records, plans and figures',
  write: 'Read and send changes: add young people, care history, contacts, allocations and closures',
};

export function apiTokenRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const today = () => ukDate(services.clock.now());
    const scopes = (chosen: string) =>
      Object.entries(SCOPE_NAMES).map(([value, label]) => ({ value, text: label, checked: chosen === value }));

    app.get('/admin/api-tokens', async (request, reply) => {
      const ctx = staffOf(request);
      const tokens = await services.apiTokens.list(ctx);
      const revoked = (request.query as Record<string, string>).revoked === '1';
      return reply.page('pages/admin/api-tokens.njk', { tokens, now: services.clock.now(), revoked });
    });

    app.get('/admin/api-tokens/new', async (request, reply) => {
      const ctx = staffOf(request);
      services.apiTokens.mayManage(ctx);
      return reply.page('pages/admin/api-token-form.njk', { scopes: scopes(''), values: { expires: {} } });
    });

    app.post('/admin/api-tokens/new', async (request, reply) => {
      const ctx = staffOf(request);
      services.apiTokens.mayManage(ctx);
      const body = request.body as Record<string, unknown>;
      const parsed = parseForm(tokenForm, body);
      const expires = dateField(body, 'expires', 'The expiry date', { required: true });
      const latest = addDays(today(), MAX_TOKEN_DAYS);
      let expiresError = expires.error;
      if (!expiresError && expires.value! <= today()) expiresError = 'The expiry date must be in the future';
      if (!expiresError && expires.value! > latest)
        expiresError = `The expiry date must be within ${MAX_TOKEN_DAYS} days`;
      if (!parsed.ok || expiresError) {
        const fieldErrors = {
          ...(parsed.ok ? {} : parsed.fieldErrors),
          ...(expiresError ? { expires: expiresError } : {}),
        };
        return reply.status(400).page('pages/admin/api-token-form.njk', {
          scopes: scopes(text(body, 'scope')),
          values: { name: text(body, 'name'), expires: expires.raw },
          errors: toFormErrors(fieldErrors, ['expires']),
        });
      }
      // A token runs out at the start of its expiry day, UK time being close enough to UTC for a day's grace.
      const expiresAt = new Date(`${expires.value}T00:00:00Z`);
      const { token } = await services.apiTokens.issue(ctx, { ...parsed.data, expiresAt });
      // Shown on this page only: only its hash is kept.
      return reply.page('pages/admin/api-token-issued.njk', { name: parsed.data.name, token, expiresAt });
    });

    app.post('/admin/api-tokens/:id/revoke', async (request, reply) => {
      const ctx = staffOf(request);
      await services.apiTokens.revoke(ctx, idParam(request.params));
      return reply.redirect('/admin/api-tokens?revoked=1', 303);
    });
  });
}
