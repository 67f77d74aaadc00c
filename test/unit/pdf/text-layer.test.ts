// The plan PDF's text layer, read back with poppler's pdftotext: what a screen reader, a search or
// a copy and paste gets must be exactly the words that were put in, for every field of the plan.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrintablePlan } from '../../../bench/pdf.ts';
import { loadedFontCount } from '../../../src/http/pdf/fonts.ts';
import { preparePlanPdf, renderPlanPdf, type PlanPrintModel } from '../../../src/http/pdf/plan-pdf.ts';

const hasPoppler = !spawnSync('pdftotext', ['-v']).error;
const dir = mkdtempSync(path.join(tmpdir(), 'pathway-text-layer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** pdftotext -raw: the text in the order it was drawn, so each field's words come out together. */
function textOf(pdf: Buffer, mode: '-raw' | '-layout' | null = '-raw'): string {
  const file = path.join(dir, `plan-${++count}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [...(mode ? [mode] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
const flat = (text: string) => text.replace(/\s+/g, ' ');

// Every capital letter (the lost "O" was one of them), with and without accents.
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ ÀÁÂÄÇÈÉÊÌÍÑÒÓÔÖØÙÚÜÝ Łódź Ōtaki';

/** A plan whose every field holds its own name and the letters, so each can be found on its own. */
function everyField(): { plan: PlanPrintModel; fields: string[] } {
  const fields: string[] = [];
  const f = (name: string, short = false) => {
    const text = short ? `${name} Oscar O.` : `${name}: Oscar Okafor, October, ${LETTERS}`;
    fields.push(text);
    return text;
  };
  const plan: PlanPrintModel = {
    councilName: f('Council'),
    youngPerson: {
      name: f('Name', true),
      preferredName: f('Known', true),
      dateOfBirth: '2008-10-05',
      reference: f('Ref', true),
    },
    version: 2,
    approvedOn: '2026-10-01',
    status: 'Approved',
    areas: [
      {
        title: f('Area'),
        youngPersonWords: { goingWell: f('Going well'), worries: f('Worries'), wants: f('Wants') },
        youngPersonScale: 6,
        workerScale: 5,
        assessmentOfNeed: f('Assessment'),
        progressSinceLastReview: f('Progress'),
        goal: f('Goal'),
        actions: [
          {
            what: f('What'),
            who: f('Who'),
            how: f('How'),
            byWhen: f('By when'),
            howItHelps: f('Helps'),
            status: f('Status'),
          },
        ],
        disagreement: f('Disagree area'),
      },
    ],
    needsAssessment: [{ consideration: f('Considered'), considered: f('Found') }],
    accommodationSuitability: {
      decision: f('Decision', true),
      answers: [{ matter: f('Matter', true), answer: f('Answer', true), note: f('Note') }],
    },
    participation: { ways: [f('Way', true)], didNotTakePartReason: f('Why not'), othersConsulted: f('Others') },
    supportNetwork: [{ name: f('Friend', true), role: f('Role', true) }],
    financialArrangements: f('Money'),
    contingency: {
      triggers: f('Triggers'),
      actions: [{ what: f('Plan B', true), who: f('Helper', true), byWhen: f('Soon', true) }],
    },
    wholePlanDisagreement: f('Disagree whole'),
    signatures: [{ who: f('Signer', true), role: f('Signs', true), how: f('Paper', true), on: '2026-10-02' }],
    adviser: { name: f('Adviser'), email: f('Email', true), phone: f('Phone', true), teamName: f('Team') },
    generatedOn: '2026-10-09',
  };
  return { plan, fields };
}

describe.runIf(hasPoppler || Boolean(process.env.CI))('the plan PDF text layer', () => {
  beforeAll(async () => {
    // A plan with "Ó" first: fontkit then caches "O" as a part of "Ó" standing for no letter,
    // which is how every later plan in the process lost its capital O.
    await preparePlanPdf();
  });

  it('gives back every field exactly, capital O and every other letter included, in a later plan in the process', async () => {
    const { plan, fields } = everyField();
    const text = flat(textOf(await renderPlanPdf(plan, 'whole')));
    for (const field of fields) expect(text, field).toContain(flat(field));
    for (const date of ['5 October 2008', '1 October 2026', '2 October 2026', '9 October 2026'])
      expect(text).toContain(date);
  });
});

// Words as young people write them. pdftotext is run in its reading-order mode (no -raw: that keeps
// drawing order, which is left to right even for right-to-left words).
const WORDS = {
  arabic: 'أريد أن أعيش في بيتي مع أختي وأن أدرس التمريض',
  urdu: 'میں اپنے بھائی سے ہفتے میں ایک بار ملنا چاہتا ہوں۔',
  tigrinya: 'ኣብ ኮሌጅ ክመሃር ደስ ይብለኒ። ምስ ሓወይ ክራኸብ እደሊ።',
  hindi: 'मैं अपनी पढ़ाई पूरी करना चाहती हूँ और नर्स बनना चाहती हूँ। मेरे लिए ज़िंदगी में किताबें ज़रूरी हैं।',
  hebrew: 'אני רוצה לגור ליד החברים שלי',
  emoji: 'I feel 😟 about money but 👍 about college ❤️ and 🏠',
  name: 'مريم أحمد',
};
const ARABIC_WITH_EMOJI = 'أنا سعيدة في شقتي الجديدة 😊، لكن الفواتير تقلقني 😟';

/**
 * What is compared, and why:
 * - pdftotext marks each right-to-left run with U+202B … U+202C (embedding marks that are not on
 *   the page): removed;
 * - white space is collapsed to one space: a line that wraps on the page is a line break in the text;
 * - the emoji presentation selector U+FE0F is removed from what went in: a one-colour print has no
 *   colour presentation to select, and printable() drops it before printing;
 * - what went in is put in Unicode NFC, as printable() does (the same letters, composed).
 */
const normalised = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]|\uFE0F/g, '')
    .replace(/\s+/g, ' ');

describe.runIf(hasPoppler || Boolean(process.env.CI))(
  'a plan written in other scripts, read back with pdftotext',
  () => {
    let text = '';
    let mixed = '';
    let laidOut = '';
    let fontsBefore = 0;
    let fontsAfterLatin = 0;

    beforeAll(async () => {
      fontsBefore = loadedFontCount();
      await renderPlanPdf(buildPrintablePlan({ areas: 2 }), 'whole');
      fontsAfterLatin = loadedFontCount();
      const plan = buildPrintablePlan({ areas: 1, actionsPerArea: 1 });
      plan.youngPerson = { ...plan.youngPerson, name: WORDS.name, preferredName: null };
      plan.areas[0].youngPersonWords = { goingWell: WORDS.arabic, worries: WORDS.urdu, wants: WORDS.tigrinya };
      plan.areas[0].goal = WORDS.hindi;
      plan.areas[0].disagreement = WORDS.hebrew;
      plan.areas[0].assessmentOfNeed = ARABIC_WITH_EMOJI;
      plan.financialArrangements = WORDS.emoji;
      const pdf = await renderPlanPdf(plan, 'whole');
      text = normalised(textOf(pdf, null));
      mixed = textOf(pdf, null);
      laidOut = textOf(pdf, '-layout');
    });

    it('sets a right-to-left name in the header at the left edge, where the name goes on every page', () => {
      const firstLines = laidOut
        .split('\f')
        .slice(0, -1)
        .map((page) => normalised(page.split('\n')[0]));
      for (const line of firstLines) expect(line).toMatch(/^مريم أحمد +Version 3/);
    });

    it('loads no other font for a plan written only in Latin letters', () => {
      expect(fontsAfterLatin).toBe(Math.max(fontsBefore, 2)); // Noto Sans regular and bold
    });

    for (const [script, words] of Object.entries(WORDS)) {
      it(`gives back ${script} exactly as written`, () => {
        expect(text).toContain(normalised(words));
      });
    }

    it('gives back Arabic with emoji and punctuation: every word, and each right-to-left run in order', () => {
      // pdftotext orders the runs of a line by where they are on the page, left to right, when most
      // of the page reads left to right; each run of Arabic words between punctuation or emoji comes
      // back in its own order. The words and emoji all come back.
      const line = normalised(mixed.split('\n').find((l) => l.includes('سعيدة'))!);
      const tokens = (s: string) =>
        s
          .split(/[\s،]+/u)
          .filter(Boolean)
          .sort();
      expect(tokens(line)).toEqual(tokens(normalised(ARABIC_WITH_EMOJI)));
      for (const run of ['أنا سعيدة في شقتي الجديدة', 'لكن الفواتير تقلقني']) expect(line).toContain(run);
    });
  },
);
