// The young person's language (issue 12 §5): chosen on any of their pages, kept in a cookie on this
// device, saved on their account (migration 027) and set again from it when they sign in. Staff pages
// stay in English, whatever a cookie says. Also serves the Noto fonts for Arabic and Ethiopic script.
import path from 'node:path';
import { createRequire } from 'node:module';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  buildTranslator,
  DEFAULT_LANGUAGE,
  easyKeys,
  LANGUAGE_COOKIE,
  LANGUAGES,
  languageOf,
  translationChecks,
  YOUNG_PERSON_TEMPLATES,
  type Language,
  type Translate,
} from './i18n.ts';
import { contextOf, safeNext, staffOf, type RouteDeps } from './request-context.ts';
import { authorize } from '../domain/permissions.ts';
import { errors } from '../errors.ts';
import { servePackageFiles } from './package-files.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of a young person's or signed-out visitor's pages; always English for staff. */
    language: Language;
  }
}

const require = createRequire(import.meta.url);
/** The @expo-google-fonts packages' folder: the fonts are served from there, as our own files. */
export const fontsDir = path.resolve(
  path.dirname(require.resolve('@expo-google-fonts/noto-sans-arabic/package.json')),
  '..',
);
const FONT_PATH =
  /^\/noto-sans-(arabic|ethiopic)\/(400Regular|700Bold)\/NotoSans(Arabic|Ethiopic)_(400Regular|700Bold)\.ttf$/;
const ENGLISH: Language = LANGUAGES[0];
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The address without its ?lang=, for the links that choose another language. */
export function withoutLang(url: string): string {
  const [pathname, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.delete('lang');
  const rest = params.toString();
  return rest ? `${pathname}?${rest}` : pathname;
}

const translate = buildTranslator();
const easyKeyOf = easyKeys();
/**
 * t() in the request's language, for words a route puts on a page (flash messages, form errors) or in a PDF;
 * in easy read (easy-read.ts) the easy words where a key has them, as the pages' own t() gives.
 */
export function translatorFor(request: FastifyRequest): Translate {
  const lng = request.language?.code ?? DEFAULT_LANGUAGE;
  const easy = request.easyRead === true;
  return (key, options) => translate(easy ? easyKeyOf(key) : key, { ...options, lng });
}

/** What the layout needs for a page: its language and direction, and the choice of the others. */
export function pageLanguage(request: FastifyRequest, template: string) {
  const translated = YOUNG_PERSON_TEMPLATES.has(template) && request.session?.principal.kind !== 'staff';
  // A request refused before its language was read (unreadable bytes, say) gets the page in English.
  const language = (translated ? request.language : null) ?? ENGLISH;
  const here = withoutLang(request.url);
  const join = here.includes('?') ? '&' : '?';
  return {
    lang: language.code,
    dir: language.dir,
    script: language.script,
    languageChoices: translated
      ? LANGUAGES.map((l) => ({ ...l, current: l.code === language.code, href: `${here}${join}lang=${l.code}` }))
      : null,
    languageBack: here,
  };
}

/** The young person's menu in their language (staff menus have no keys, and stay as they are). */
const NAVIGATION_KEYS: Record<string, string> = {
  '/': 'layout.nav.home',
  '/my-plan': 'layout.nav.myPlan',
  '/my-record': 'layout.nav.myDetails',
  '/account': 'layout.nav.account',
};
export function translatedNavigation<T extends { href: string; text: string }>(items: T[], lng: string): T[] {
  if (lng === DEFAULT_LANGUAGE) return items;
  return items.map((i) => (NAVIGATION_KEYS[i.href] ? { ...i, text: translate(NAVIGATION_KEYS[i.href], { lng }) } : i));
}

const choiceForm = z.object({ lang: z.string(), back: z.string().optional() });

export function languageRoutes({ cookieOptions }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const keep = (reply: FastifyReply, code: string) =>
      reply.setCookie(LANGUAGE_COOKIE, code, { ...cookieOptions, maxAge: YEAR_SECONDS });

    await servePackageFiles(app, fontsDir, '/fonts/', (p) => FONT_PATH.test(p));

    app.decorateRequest('language', null as never);
    // After the session is known (app.ts registers this after its session hook).
    app.addHook('onRequest', async (request, reply) => {
      request.language = ENGLISH;
      if (request.session?.principal.kind === 'staff' || /^\/(fonts|pictures)\//.test(request.url)) return;
      const asked = languageOf((request.query as Record<string, unknown> | undefined)?.lang);
      const kept = languageOf(request.cookies[LANGUAGE_COOKIE]);
      request.language = asked ?? kept ?? ENGLISH;
      if (asked && asked !== kept) keep(reply, asked.code);
    });
  });
}

/** The language pages: registered with the other routes, after the app's error handler, so bad input gets its page. */
export function languagePages({ services, cookieOptions }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const keep = (reply: FastifyReply, code: string) =>
      reply.setCookie(LANGUAGE_COOKIE, code, { ...cookieOptions, maxAge: YEAR_SECONDS });
    // Administrators see which translations a council's translator has checked (issue 12 §5).
    const checks = translationChecks();
    app.get('/admin/languages', async (request, reply) => {
      const ctx = staffOf(request);
      authorize(ctx.principal, 'policy.manage');
      return reply.page('pages/admin/languages.njk', { languages: checks, pages: YOUNG_PERSON_TEMPLATES.size });
    });

    // A signed-in young person chooses with a form (a change to their account is never a GET).
    app.post('/language', async (request, reply) => {
      const parsed = choiceForm.safeParse(request.body);
      const language = parsed.success ? languageOf(parsed.data.lang) : null;
      if (!parsed.success || !language) throw errors.badRequest('Choose a language from the list');
      const back = safeNext(withoutLang(parsed.data.back ?? '/'));
      if (request.session?.principal.kind === 'young_person')
        await services.languages.choose(contextOf(request), language.code);
      keep(reply, language.code);
      return reply.redirect(back, 303);
    });
  });
}
