import fp from 'fastify-plugin';
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, contextOf, isResumable, keptFields, safeNext, type RouteDeps } from '../request-context.ts';
import { draftOwnerOf } from '../draft-owner.ts';
import { parseForm, text, toFormErrors } from '../forms.ts';
import type { Credential } from '../../services/invitations.ts';
import { translatedErrors } from '../companion-forms.ts';
import { LANGUAGE_COOKIE, languageOf } from '../i18n.ts';
import { translatorFor } from '../language.ts';
import { easyReadOf, keepEasyRead, visitorAskedEasyRead } from '../easy-read.ts';

const signInForm = z.object({
  login: z.string().trim().min(1, 'signIn.errors.loginMissing').max(200, 'signIn.errors.loginLong'),
  password: z.string().min(1, 'signIn.errors.passwordMissing').max(1000, 'signIn.errors.passwordLong'),
});

export function authRoutes({ services, cookieOptions, config }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const startSession = (reply: FastifyReply, token: string) =>
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, sameSite: 'lax' });

    app.get('/sign-in', async (request, reply) => {
      const query = request.query as Record<string, string>;
      // Already signed in (say, active in another tab): carry on where they were going.
      if (request.session) return reply.redirect(safeNext(query.next), 303);
      const expired =
        (request as FastifyRequest & { sessionExpired?: boolean }).sessionExpired || query.timeout === '1';
      const next = safeNext(query.next);
      // After a sign-out the browser clears the drafts it kept on the device (public/app.js).
      const signedOut = query['signed-out'] === '1';
      return reply.page('pages/sign-in.njk', { next, expired, signedOut, clearDrafts: signedOut, demo: config.demo });
    });

    app.post('/sign-in', async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const next = safeNext(text(body, 'next'));
      const values = { login: text(body, 'login') };
      // Writing carried through sign-in after a timeout (see app.ts): only to a page that may wait.
      const resume = isResumable(text(body, 'resume')) ? text(body, 'resume') : null;
      const kept = resume
        ? keptFields(
            Object.fromEntries(
              Object.entries(body)
                .filter(([k]) => k.startsWith('keep:'))
                .map(([k, v]) => [k.slice(5), v]),
            ),
          )
        : [];
      const carry = resume ? { kept, resume, expired: true } : {};
      const t = translatorFor(request);
      const parsed = parseForm(signInForm, body);
      if (!parsed.ok)
        return reply.status(400).page('pages/sign-in.njk', {
          errors: translatedErrors(parsed.fieldErrors, t),
          values,
          next,
          demo: config.demo,
          ...carry,
        });
      const result = await services.auth.signIn({
        ...parsed.data,
        address: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      });
      if (!result.ok) {
        const message =
          result.reason === 'wrong'
            ? t('signIn.errors.wrong')
            : result.reason === 'locked'
              ? t('signIn.errors.locked', { count: result.minutes })
              : t('signIn.errors.throttled', { count: result.minutes });
        return reply.status(result.reason === 'wrong' ? 400 : 429).page('pages/sign-in.njk', {
          errors: toFormErrors({ login: message }),
          values,
          next,
          demo: config.demo,
          ...carry,
        });
      }
      startSession(reply, result.token);
      // The language saved on a young person's account comes back on this device (staff pages are in English).
      const saved = languageOf(result.language);
      if (saved) reply.setCookie(LANGUAGE_COOKIE, saved.code, { ...cookieOptions, maxAge: 365 * 24 * 60 * 60 });
      // So is their easy read setting (easy-read.ts), for the sign-in page they see when they sign out. Easy read
      // they turned on here, signed out, goes on with them: it is saved on their account (audited) rather than
      // lost. A setting kept from someone else's account on this phone is not.
      const principal = result.session.principal;
      if (principal.kind === 'young_person') {
        const asked = visitorAskedEasyRead(request) && !easyReadOf(principal);
        if (asked) {
          const ctx = { principal, requestId: request.id, sessionId: result.session.id };
          await services.languages.chooseEasyRead(ctx, true);
        }
        keepEasyRead(reply, asked || easyReadOf(principal), cookieOptions, true);
      }
      if (resume) {
        request.session = result.session;
        request.csrfToken = result.session.csrfToken;
        // On a shared phone the next person may sign in here: the words go back only to whoever wrote them.
        const owner = kept.find((k) => k.name === '_owner')?.value;
        if (owner !== draftOwnerOf(result.session.principal)) {
          return reply.page('pages/resume.njk', { notYours: true, next });
        }
        // Signed in again: one button (no JavaScript needed) saves what they wrote, with the new session's token.
        return reply.page('pages/resume.njk', {
          kept,
          resume,
          words: kept.filter((k) => k.value.length > 20 && !/^\d+$/.test(k.value)),
        });
      }
      return reply.redirect(next, 303);
    });

    app.post('/sign-out', async (request, reply) => {
      if (request.session) await services.auth.signOut(request.session.id, request.session.principal, request.id);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.redirect('/sign-in?signed-out=1', 303);
    });

    /** Called by the timeout warning's "Stay signed in" button; resolving the session already extended it. */
    app.post('/session/keep-alive', async (request, reply) => {
      const ctx = contextOf(request);
      return reply.send({
        ok: true,
        principal: ctx.principal.kind,
        expiresAt: request.session!.expiresAt.toISOString(),
      });
    });

    // Invitations: a one-time link, or a code typed on the young person's phone; the same for a supporter the
    // young person named (issue 12 §6), at /supporter-invite, who then reaches only that young person's plan.
    const invitationPages = (
      base: '/invite' | '/supporter-invite',
      service: {
        find: (credential: Credential, address: string) => Promise<{ name: string } | null>;
        accept: typeof services.invitations.accept;
        /** Whether a link or code that does not work was cancelled (a supporter removed before using it). */
        cancelled?: (credential: Credential, requestId: string) => Promise<boolean>;
      },
      after: string,
    ) => {
      const supporter = base === '/supporter-invite';
      const shown = { base, supporter };
      /** The page for a link or code that does not work: plainly "cancelled" when it was, else "not working". */
      const notWorking = async (request: FastifyRequest, reply: FastifyReply, credential: Credential) =>
        (await service.cancelled?.(credential, request.id))
          ? reply.status(410).page('pages/invite/cancelled.njk', shown)
          : reply.status(404).page('pages/invite/invalid.njk', shown);
      app.get(base, async (_request, reply) => reply.page('pages/invite/code.njk', shown));

      app.post(base, async (request, reply) => {
        const t = translatorFor(request);
        const code = text(request.body, 'code').trim();
        const refuse = (key: string) =>
          reply.status(400).page('pages/invite/code.njk', {
            ...shown,
            errors: toFormErrors({ code: t(key) }),
            values: { code },
          });
        if (!code) return refuse('invite.errors.codeMissing');
        const found = await service.find({ kind: 'code', code }, request.ip);
        if (!found && (await service.cancelled?.({ kind: 'code', code }, request.id)))
          return reply.status(410).page('pages/invite/cancelled.njk', shown);
        if (!found) return refuse('invite.errors.codeWrong');
        return reply.page('pages/invite/accept.njk', {
          ...shown,
          name: found.name,
          credential: { kind: 'code', value: code },
          values: {},
        });
      });

      app.get(`${base}/:token`, async (request, reply) => {
        const { token } = request.params as { token: string };
        if (!/^[\w-]{20,100}$/.test(token)) return reply.status(404).page('pages/invite/invalid.njk', shown);
        const found = await service.find({ kind: 'link', token }, request.ip);
        if (!found) return notWorking(request, reply, { kind: 'link', token });
        return reply.page('pages/invite/accept.njk', {
          ...shown,
          name: found.name,
          credential: { kind: 'link', value: token },
          values: {},
        });
      });

      app.post(`${base}/accept`, async (request, reply) => {
        const body = request.body as Record<string, unknown>;
        const kind = text(body, 'credentialKind') === 'code' ? 'code' : 'link';
        const value = text(body, 'credential');
        const credential: Credential = kind === 'code' ? { kind, code: value } : { kind, token: value };
        const username = text(body, 'username');
        const result = await service.accept({
          credential,
          username,
          password: text(body, 'password'),
          confirm: text(body, 'confirm'),
          requestId: request.id,
          address: request.ip,
          userAgent: request.headers['user-agent'],
        });
        if (!result.ok && 'expired' in result) return notWorking(request, reply, credential);
        if (!result.ok) {
          return reply.status(400).page('pages/invite/accept.njk', {
            ...shown,
            name: result.name,
            credential: { kind, value },
            values: { username },
            errors: translatedErrors(result.fieldErrors, translatorFor(request)),
          });
        }
        startSession(reply, result.token);
        return reply.redirect(after, 303);
      });
    };
    invitationPages('/invite', services.invitations, '/?welcome=1');
    invitationPages('/supporter-invite', services.supporters, '/my-plan');

    // Staff set their own password through a one-time link an administrator gave them.
    app.get('/set-password/:token', async (request, reply) => {
      const { token } = request.params as { token: string };
      const found = await services.passwordLinks.find(token, request.ip);
      if (!found) return reply.status(404).page('pages/set-password-invalid.njk', {});
      return reply.page('pages/set-password.njk', { name: found.name, email: found.email, token });
    });

    app.post('/set-password/:token', async (request, reply) => {
      const { token } = request.params as { token: string };
      const body = request.body as Record<string, unknown>;
      const result = await services.passwordLinks.use({
        token,
        password: text(body, 'password'),
        confirm: text(body, 'confirm'),
        address: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      });
      if (!result.ok && 'expired' in result) return reply.status(404).page('pages/set-password-invalid.njk', {});
      if (!result.ok)
        return reply
          .status(400)
          .page('pages/set-password.njk', { name: result.name, token, errors: toFormErrors(result.fieldErrors) });
      startSession(reply, result.token);
      return reply.redirect('/', 303);
    });
  });
}
