// Easy read for young people (issue 12 §6): shorter words, a picture beside each plan area and question, and
// "Read this aloud" (public/app.js). The young person turns it on or off from any of their pages or their
// account; it is saved on their account (migration 033), so it follows them to another phone.
//
// The pictures are OpenMoji symbols (CC BY-SA 4.0, https://openmoji.org/, see docs/licences.md), from the
// `openmoji` npm package: served from its folder, and only the ones named here.
import path from 'node:path';
import { createRequire } from 'node:module';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { contextOf, safeNext, type RouteDeps } from './request-context.ts';
import { errors } from '../errors.ts';
import { servePackageFiles } from './package-files.ts';

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

export function easyReadRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    await servePackageFiles(app, symbolsDir, '/pictures/', (p) => SERVED.has(p));

    // A form, not a link: it changes their account. Staff have no such setting (the service refuses, audited).
    app.post('/easy-read', async (request, reply) => {
      const parsed = choiceForm.safeParse(request.body);
      if (!parsed.success) throw errors.badRequest('Choose easy read on or off');
      await services.languages.chooseEasyRead(contextOf(request), parsed.data.easyRead === 'on');
      return reply.redirect(safeNext(parsed.data.back ?? '/'), 303);
    });
  });
}
