import { guardSupporter } from './supporter-guard.ts';
import { supporterRoutes } from './routes/supporters.ts';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { Config } from '../config.ts';
import type { Services } from '../services/index.ts';
import { can, Forbidden } from '../domain/permissions.ts';
import { AppError, errors } from '../errors.ts';
import { isDatabaseUnavailable } from '../data/db.ts';
import { buildViews, govukAssetsDir } from './render.ts';
import { randomToken, safeEqual } from '../services/secrets.ts';
import { navigationFor } from './navigation.ts';
import { inputGuard, steerUnreadableUrls } from './input-guard.ts';
import { loggerOptions } from './logging.ts';
import { draftOwnerOf } from './draft-owner.ts';
import { authRoutes } from './routes/auth.ts';
import { homeRoutes } from './routes/home.ts';
import { performanceRoutes } from './routes/performance.ts';
import { performanceQualityRoutes } from './routes/performance-quality.ts';
import { surgeryRoutes } from './routes/surgery.ts';
import { recordRoutes } from './routes/records.ts';
import { adminRoutes } from './routes/admin.ts';
import { accountRoutes } from './routes/account.ts';
import { apiRoutes } from './routes/api.ts';
import { apiTokenRoutes } from './routes/api-tokens.ts';
import { statutoryRoutes } from './routes/statutory.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { qualityRoutes } from './routes/quality.ts';
import { caseFileAuditRoutes } from './routes/case-file-audits.ts';
import { contactRoutes } from './routes/contacts.ts';
import { youngPersonRecordRoutes } from './routes/young-person-records.ts';
import { ssda903ExportRoutes } from './routes/ssda903-export.ts';
import { subjectAccessRoutes } from './routes/subject-access.ts';
import { ssda903ImportRoutes } from './routes/ssda903-import.ts';
import { companionRoutes } from './routes/companion.ts';
import { profileRoutes } from './routes/profiles.ts';
import { reminderRoutes } from './routes/reminders.ts';
import { offlineRoutes, SESSIONLESS } from './routes/offline.ts';
import { languagePages, languageRoutes, pageLanguage, translatedNavigation } from './language.ts';
import { easyReadChoice, easyReadHref, easyReadRoutes } from './easy-read.ts';
import { SESSION_COOKIE, contextOf, isResumable, keptFields } from './request-context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORM_COOKIE = 'pathway_form';

export type AppOptions = { config: Config; services: Services; logger?: boolean | object };

export async function createApp({ config, services, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(logger ?? { level: config.logLevel }),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    rewriteUrl: steerUnreadableUrls,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
  });
  const views = buildViews({ watch: config.env === 'development' });
  app.addHook('onClose', async () => views.stopWatching());

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        // The web app manifest and the service worker (routes/offline.ts), from Pathway itself only.
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  await app.register(inputGuard, { bodyLimit: config.bodyLimit });
  await app.register(fastifyStatic, {
    root: path.join(govukAssetsDir, 'assets'),
    prefix: '/assets/',
    maxAge: '7d',
    immutable: false,
  });
  await app.register(fastifyStatic, {
    root: govukAssetsDir,
    prefix: '/govuk/',
    decorateReply: false,
    allowedPath: (p) => /^\/govuk-frontend\.min\.(css|js)$/.test(p),
    maxAge: '7d',
  });
  await app.register(fastifyStatic, {
    root: path.resolve('public'),
    prefix: '/public/',
    decorateReply: false,
    maxAge: '1h',
  });

  app.decorateRequest('session', null);
  app.decorateRequest('csrfToken', '');

  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (
      request.url.startsWith('/assets/') ||
      request.url.startsWith('/govuk/') ||
      request.url.startsWith('/public/') ||
      request.url.startsWith('/fonts/') ||
      request.url.startsWith('/pictures/') ||
      request.url === '/health' ||
      SESSIONLESS.test(request.url)
    )
      return;
    reply.header('cache-control', 'no-store');
    const token = request.cookies[SESSION_COOKIE];
    request.session = token ? await services.auth.resolve(token) : null;
    if (token && !request.session) {
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      (request as FastifyRequest & { sessionExpired?: boolean }).sessionExpired = true;
    }
    if (request.session) {
      request.csrfToken = request.session.csrfToken;
    } else {
      let formToken = request.cookies[FORM_COOKIE];
      if (formToken?.length !== 32) {
        formToken = randomToken(24);
        reply.setCookie(FORM_COOKIE, formToken, cookieOptions);
      }
      request.csrfToken = formToken;
    }
  });

  // The page's language, once the session is known (language.ts): a young person's or visitor's choice.
  await app.register(languageRoutes({ config, services, cookieOptions }));
  // Easy read (easy-read.ts): a young person's setting, or a signed-out visitor's ?easy= and cookie.
  await app.register(easyReadChoice({ config, services, cookieOptions }));

  // Writing that arrives after the session ran out (a slow writer without JavaScript) is not lost:
  // the sign-in page carries it, and after signing in one button saves it.
  app.addHook('preHandler', async (request, reply) => {
    if (
      request.method !== 'POST' ||
      request.session ||
      !(request as FastifyRequest & { sessionExpired?: boolean }).sessionExpired
    )
      return;
    if (!isResumable(request.url) || typeof request.body !== 'object' || request.body === null) return;
    const kept = keptFields(request.body as Record<string, unknown>);
    reply
      .status(401)
      .page('pages/sign-in.njk', { kept, resume: request.url, expired: true, next: '/', demo: config.demo });
    return reply;
  });

  // A supporter reaches only the plan pages of the young person who named them (supporter-guard.ts).
  app.addHook('preHandler', async (request) => guardSupporter(request));

  // Every state-changing request carries the CSRF token: a form field, or a header for the API.
  app.addHook('preHandler', async (request, reply) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    // A council system's call carries its token in a header no browser adds by itself: no CSRF to fear.
    if (request.apiContext) return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? request.headers['x-csrf-token'];
    if (typeof sent === 'string' && request.csrfToken && safeEqual(sent, request.csrfToken)) return;
    // Writing sent from an old tab (signed in again since) is refused but not lost: it comes back on a
    // page with one button to save it, to the person who wrote it (the form's _owner) and no one else.
    const owner = typeof body?._owner === 'string' ? body._owner : null;
    if (!request.session || !body || !owner || wantsJson(request) || !isResumable(request.url)) throw errors.csrf();
    await auditRefusal(request, errors.csrf());
    if (owner !== draftOwnerOf(request.session.principal)) {
      return reply.status(403).page('pages/resume.njk', { notYours: true, next: '/' });
    }
    const kept = keptFields(body);
    const words = kept.filter(
      (k) => k.value.trim() && !['_owner', 'revision'].includes(k.name) && !/^\d+$/.test(k.value),
    );
    return reply.status(403).page('pages/resume.njk', { kept, resume: request.url, words, oldTab: true });
  });

  app.decorateReply('page', function (this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const request = this.request;
    const principal = request.session?.principal ?? null;
    const language = pageLanguage(request, template);
    const html = views.render(template, {
      ...data,
      ...language,
      cspNonce: (this as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script,
      csrfToken: request.csrfToken,
      principal,
      navigation: translatedNavigation(navigationFor(principal, request.url), language.lang),
      can: (capability: Parameters<typeof can>[1]) => (principal ? can(principal, capability) : false),
      sessionTimeoutMinutes: principal ? config.sessionIdleMinutes : null,
      draftOwner: principal ? draftOwnerOf(principal) : null,
      isYoungPerson: principal?.kind === 'young_person',
      currentUrl: request.url,
      // Easy read (easy-read.ts): offered where the page is the young person's own (it has their languages),
      // and to a signed-out visitor there (the sign-in page), as a link since they have no account to save it on.
      easyReadOffered: Boolean(language.languageChoices) && (!principal || principal.kind === 'young_person'),
      easyRead: Boolean(language.languageChoices) && request.easyRead,
      easyReadHref: principal ? null : easyReadHref(request.url, !request.easyRead),
    });
    // The service worker keeps the offline page in the language of the pages this phone reads.
    return this.type('text/html; charset=utf-8').header('content-language', language.lang).send(html);
  });

  app.setErrorHandler(async (error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    const appError = error instanceof AppError ? error : null;
    const unavailable = !appError && isDatabaseUnavailable(error);
    let status = unavailable ? 503 : (appError?.status ?? error.statusCode ?? 500);
    if (status < 400) status = 500;
    if (unavailable)
      request.log.warn({ code: (error as { code?: string }).code }, 'request failed: the database cannot be reached');
    else if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status, error: appError?.id ?? error.message }, 'request refused');
    const refused = status === 403 || appError?.id === 'case-closed';
    if (refused && !appError?.audited && (request.session || request.apiContext)) await auditRefusal(request, error);
    const id =
      appError?.id ??
      (unavailable
        ? 'unavailable'
        : status === 413
          ? 'too-large'
          : status === 400
            ? 'bad-request'
            : status === 404
              ? 'not-found'
              : 'internal');
    const title =
      appError?.message ??
      (
        {
          403: 'You do not have permission to see this page',
          404: 'Page not found',
          413: 'What you sent is too large',
          503: 'Sorry, the service is unavailable. Try again in a few minutes',
        } as Record<number, string>
      )[status] ??
      (status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem with what you sent');
    if (wantsJson(request)) {
      if (status === 401 && request.url.startsWith('/api/')) reply.header('www-authenticate', 'Bearer');
      return reply
        .status(status)
        .type('application/problem+json')
        .send({
          type: `https://pathway.example/problems/${id}`,
          title,
          status,
          instance: request.url,
          requestId: request.id,
          ...(appError?.details?.fields ? { errors: appError.details.fields } : {}),
        });
    }
    if (status === 401) return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
    try {
      return reply.status(status).page('pages/error.njk', { status, title, errorId: id, requestId: request.id });
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed');
      return reply.status(status).type('text/plain; charset=utf-8').send(`${title}\nReference: ${request.id}`);
    }
  });

  /** Every refusal is on record: those a service did not already write are written here. */
  async function auditRefusal(request: FastifyRequest, error: Error) {
    const capability = error instanceof Forbidden ? error.reason.replace(/^missing capability /, '') : null;
    const route = request.routeOptions.url ?? request.url.split('?')[0];
    const id = (request.params as Record<string, unknown> | undefined)?.id;
    // A write refused on a closed case names its record and action (a review's address does not).
    const said = error instanceof AppError ? (error.details as { action?: string; youngPersonId?: string }) : undefined;
    const youngPersonId =
      said?.youngPersonId ??
      (/^(\/api\/v1)?\/young-people\/:id/.test(route) && typeof id === 'string' && UUID.test(id) ? id : null);
    const action =
      said?.action ??
      capability ??
      (error instanceof AppError && error.id === 'csrf'
        ? 'csrf'
        : request.method === 'GET'
          ? 'page.view'
          : 'page.submit');
    try {
      await services.audit.refused(request.apiContext ?? contextOf(request), {
        action,
        method: request.method,
        route,
        reason: error.message,
        youngPersonId,
      });
    } catch (auditError) {
      request.log.error({ err: auditError }, 'could not write the refusal to the audit trail');
    }
  }

  app.setNotFoundHandler(async (request, reply) => {
    if (wantsJson(request)) {
      return reply.status(404).type('application/problem+json').send({
        type: 'https://pathway.example/problems/not-found',
        title: 'Not found',
        status: 404,
        instance: request.url,
      });
    }
    return reply
      .status(404)
      .page('pages/error.njk', { status: 404, title: 'Page not found', errorId: 'not-found', requestId: request.id });
  });

  app.get('/health', async (_request, reply) => {
    const started = performance.now();
    try {
      await services.db.ping();
      return {
        status: 'ok',
        database: { driver: services.db.driver, status: 'ok', ms: Math.round((performance.now() - started) * 10) / 10 },
      };
    } catch (error) {
      app.log.warn(
        { code: (error as { code?: string }).code, message: (error as Error).message.split('\n')[0] },
        'health check failed: the database cannot be reached',
      );
      return reply
        .status(503)
        .send({ status: 'unavailable', database: { driver: services.db.driver, status: 'unavailable' } });
    }
  });

  const deps = { config, services, cookieOptions };
  await app.register(authRoutes(deps));
  await app.register(homeRoutes(deps));
  await app.register(recordRoutes(deps));
  await app.register(performanceRoutes(deps));
  await app.register(performanceQualityRoutes(deps));
  await app.register(surgeryRoutes(deps));
  await app.register(adminRoutes(deps));
  await app.register(accountRoutes(deps));
  await app.register(supporterRoutes(deps));
  await app.register(apiRoutes(deps));
  await app.register(apiTokenRoutes(deps));
  await app.register(statutoryRoutes(deps));
  await app.register(reviewRoutes(deps));
  await app.register(qualityRoutes(deps));
  await app.register(caseFileAuditRoutes(deps));
  await app.register(contactRoutes(deps));
  await app.register(youngPersonRecordRoutes(deps));
  await app.register(ssda903ExportRoutes(deps));
  await app.register(subjectAccessRoutes(deps));
  await app.register(ssda903ImportRoutes(deps));
  await app.register(companionRoutes(deps));
  await app.register(languagePages(deps));
  await app.register(easyReadRoutes(deps));
  await app.register(profileRoutes(deps));
  await app.register(reminderRoutes(deps));
  await app.register(offlineRoutes(deps));
  return app;
}

function wantsJson(request: FastifyRequest): boolean {
  // The address as sent: one with unreadable bytes is steered elsewhere (input-guard.ts), still the API's.
  return (
    request.url.startsWith('/api/') ||
    request.originalUrl.startsWith('/api/') ||
    (request.headers.accept ?? '').includes('application/json')
  );
}
