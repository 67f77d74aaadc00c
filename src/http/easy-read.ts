// Easy read for young people (issue 12 §6): shorter words, a picture beside each plan area and question, and
// "Read this aloud" (public/app.js). The young person turns it on or off from any of their pages or their
// account; it is saved on their account (migration 033), so it follows them to another phone. A signed-out
// visitor (the sign-in page) has no account: for them it follows ?easy=1 or ?easy=0 and a cookie on this
// device, the way ?lang= does (language.ts); a young person's sign-in sets that cookie from their account.
//
// The pictures are OpenMoji symbols (CC BY-SA 4.0, https://openmoji.org/, see docs/licences.md), from the
// `openmoji` npm package: served from its folder, and only the ones named here.
import path from 'node:path';
import { createRequire } from 'node:module';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contextOf, safeNext, type RouteDeps } from './request-context.ts';
import { errors } from '../errors.ts';
import { servePackageFiles } from './package-files.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Whether this request's pages, form errors and PDF use the easy words (always false for staff). */
    easyRead: boolean;
  }
}

const require = createRequire(import.meta.url);
const symbolsDir = path.join(path.dirname(require.resolve('openmoji/package.json')), 'color', 'svg');

/** The picture beside each plan area (by its id, src/domain/plan/areas.ts) and each question: OpenMoji code points. */
export const PICTURES: Record<string, string> = {
  'area:contact-and-support': '1F91D', // handshake
  'area:education-and-training': '1F393', // graduation cap
  'area:employment-and-activity': '1F4BC', // briefcase
  'area:contingency': '2602', // umbrella
  'area:accommodation': '1F3E0', // house
  'area:family-and-relationships': '1F46A', // family
  'area:independent-living-skills': '1F373', // cooking
  'area:financial-support': '1F4B7', // pound banknote
  'area:health-and-wellbeing': '1FA7A', // stethoscope
  'area:identity': '1F30D', // globe
  'area:immigration': '1F6C2', // passport control
  'question:goingWell': '1F44D', // thumbs up
  'question:worries': '1F61F', // worried face
  'question:wants': '2B50', // star
  'question:disagreement': '1F44E', // thumbs down
  'question:scale': '1F522', // numbers
  'question:checkIn': '1F4AC', // speech balloon
  'question:topics': '1F4CB', // clipboard
};
/** The licence asks for the source and the licence where the pictures are shown (layout.njk's footer). */
export const PICTURE_CREDIT = {
  name: 'OpenMoji',
  url: 'https://openmoji.org/',
  licence: 'CC BY-SA 4.0',
  licenceUrl: 'https://creativecommons.org/licenses/by-sa/4.0/',
};
export const EASY_READ_COOKIE = 'pathway_easy';
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The cookie's values: '1' or '0' chosen on this device by a visitor (the sign-in page's link), 'a1' or 'a0'
 * kept from a young person's account (their sign-in, or their choice while signed in). Only a visitor's own
 * '1' is carried into the account of whoever signs in next (routes/auth.ts): on a shared phone, one young
 * person's setting is not saved on another's account.
 */
const COOKIE_VALUES: Readonly<Record<string, boolean>> = { '1': true, '0': false, a1: true, a0: false };

/** ?easy= or the cookie's value: on, off, or null for no choice. */
function choiceOf(value: unknown): boolean | null {
  return typeof value === 'string' && Object.hasOwn(COOKIE_VALUES, value) ? COOKIE_VALUES[value] : null;
}

/** Keeps easy read on or off on this device, for the pages read signed out; `fromAccount` as COOKIE_VALUES says. */
export function keepEasyRead(
  reply: FastifyReply,
  on: boolean,
  cookieOptions: RouteDeps['cookieOptions'],
  fromAccount = false,
) {
  const value = `${fromAccount ? 'a' : ''}${on ? '1' : '0'}`;
  return reply.setCookie(EASY_READ_COOKIE, value, { ...cookieOptions, maxAge: YEAR_SECONDS });
}

/** Whether this visitor turned easy read on themselves on this device, signed out (not kept from an account). */
export function visitorAskedEasyRead(request: FastifyRequest): boolean {
  return request.cookies[EASY_READ_COOKIE] === '1';
}

/** The signed-out visitor's link that turns easy read on or off on the page they are on (no JavaScript needed). */
export function easyReadHref(url: string, on: boolean): string {
  const [pathname, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  // The language is kept in its own cookie (language.ts): the link carries only the one choice it makes.
  params.delete('lang');
  params.set('easy', on ? '1' : '0');
  return `${pathname}?${params.toString()}`;
}

const SERVED = new Set(Object.values(PICTURES).map((code) => `/${code}.svg`));

/** Where a picture is served, or null for a name with none. */
export function pictureUrl(name: string): string | null {
  const code = PICTURES[name];
  return code ? `/pictures/${code}.svg` : null;
}

/** Only young people have the setting; for anyone else easy read is off. */
export function easyReadOf(principal: { kind: string; easyRead?: boolean } | null | undefined): boolean {
  return principal?.kind === 'young_person' && principal.easyRead === true;
}

const choiceForm = z.object({ easyRead: z.enum(['on', 'off']), back: z.string().optional() });

/** Whether each request is in easy read, once the session is known (app.ts registers this after its session hook). */
export function easyReadChoice({ cookieOptions }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.decorateRequest('easyRead', false);
    app.addHook('onRequest', async (request, reply) => {
      request.easyRead = false;
      const principal = request.session?.principal;
      // Signed in: the account decides (a young person's setting; staff and supporters have none).
      if (principal) {
        request.easyRead = easyReadOf(principal);
        return;
      }
      if (/^\/(fonts|pictures|assets|govuk|public)\//.test(request.url)) return;
      const asked = choiceOf((request.query as Record<string, unknown> | undefined)?.easy);
      const kept = choiceOf(request.cookies[EASY_READ_COOKIE]);
      request.easyRead = asked ?? kept ?? false;
      if (asked !== null && asked !== kept) keepEasyRead(reply, asked, cookieOptions);
    });
  });
}

export function easyReadRoutes({ services, cookieOptions }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    await servePackageFiles(app, symbolsDir, '/pictures/', (p) => SERVED.has(p));

    // A form, not a link: it changes their account. Staff have no such setting (the service refuses, audited).
    app.post('/easy-read', async (request, reply) => {
      const parsed = choiceForm.safeParse(request.body);
      if (!parsed.success) throw errors.badRequest('Choose easy read on or off');
      await services.languages.chooseEasyRead(contextOf(request), parsed.data.easyRead === 'on');
      // Kept on this device too, as the language is: the sign-in page after they sign out stays as they chose.
      keepEasyRead(reply, parsed.data.easyRead === 'on', cookieOptions, true);
      return reply.redirect(safeNext(parsed.data.back ?? '/'), 303);
    });
  });
}
