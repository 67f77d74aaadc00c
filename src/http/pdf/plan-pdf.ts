// A young person's pathway plan as a PDF to keep: the whole plan, or only the planning section
// (goals, actions, contingency, who signed, how to reach their adviser), the two printing options
// Gloucestershire introduced in December 2020 so young people can see what their plan looks like.
//
// Pure JavaScript (pdfkit, no browser). Text is set in Noto fonts embedded from npm packages, so
// names such as "Zoë", "Łukasz" or "Nguyễn", and words in Arabic, Urdu, Hebrew, Tigrinya, Hindi or
// emoji, print the same on every machine. The output is a tagged PDF (headings, paragraphs, tables;
// page furniture marked as artifacts) with a title and the reader's language, and is byte-for-byte the same
// for the same model.
//
// The parts: plan-model.ts (what is printed), plan-words.ts (the words), dates.ts, page.ts (page
// geometry), fonts.ts (which font draws what; the text layer), text-layout.ts (lines, bidi),
// text-drawing.ts (drawing lines), plan-writer.ts and tables.ts (layout and tagging), and
// plan-sections.ts (the plan's sections).
import PDFDocument from 'pdfkit';
import { creationDate, printDate } from './dates.ts';
import { printable } from './fonts.ts';
import { MARGIN } from './page.ts';
import { displayName, type PlanPrintForm, type PlanPrintModel } from './plan-model.ts';
import { writeFrontPage, writePlan } from './plan-sections.ts';
import { planWords } from './plan-words.ts';
import { translatorIn, type Translate } from '../i18n.ts';
import { PlanWriter } from './plan-writer.ts';

export { displayName, printable, printDate, type PlanPrintForm, type PlanPrintModel };

/**
 * A download name that is safe in a Content-Disposition header (ASCII letters, digits and hyphens)
 * and carries the council's reference rather than the young person's name:
 * "pathway-plan-ws-004217-v3.pdf", or "…-v3-planning-section.pdf".
 */
export function planPdfFileName(plan: PlanPrintModel, form: PlanPrintForm): string {
  const reference =
    plan.youngPerson.reference
      .normalize('NFKD')
      .replace(/\p{M}/gu, '') // "ó" → "o"
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 40) || 'plan';
  const version = Number.isInteger(plan.version) && plan.version > 0 ? `-v${plan.version}` : '';
  return `pathway-plan-${reference}${version}${form === 'planning' ? '-planning-section' : ''}.pdf`;
}

const WARM_UP_TEXT =
  'The quick brown fox jumps over the lazy dog – it’s “fine”, 0123456789. Zoë Łukasz Nguyễn Siobhán Ó Briain Wiśniewski £60 a week; office flat find (a/b) & 5 March 2026?';

/**
 * Parses the fonts and lays out sample text once, so the first plan a server prints is as quick
 * as the rest (fontkit decodes Noto Sans's layout tables lazily, on first use). Optional: call it
 * at start-up; without it the first PDF in a process takes a few hundred milliseconds longer.
 */
export async function preparePlanPdf(): Promise<void> {
  const words = { goingWell: WARM_UP_TEXT, worries: WARM_UP_TEXT, wants: WARM_UP_TEXT };
  const action = {
    what: WARM_UP_TEXT,
    who: WARM_UP_TEXT,
    how: WARM_UP_TEXT,
    byWhen: '2026-03-05',
    howItHelps: WARM_UP_TEXT,
    status: WARM_UP_TEXT,
  };
  await renderPlanPdf(
    {
      councilName: WARM_UP_TEXT,
      youngPerson: { name: 'Zoë Nguyễn', preferredName: 'Zo', dateOfBirth: '2008-03-05', reference: 'A-1' },
      version: 1,
      approvedOn: '2026-03-05',
      status: 'Approved',
      areas: [
        {
          title: WARM_UP_TEXT,
          youngPersonWords: words,
          youngPersonScale: 5,
          workerScale: 5,
          assessmentOfNeed: WARM_UP_TEXT,
          progressSinceLastReview: WARM_UP_TEXT,
          goal: WARM_UP_TEXT,
          actions: [action],
          disagreement: WARM_UP_TEXT,
        },
      ],
      supportNetwork: [{ name: WARM_UP_TEXT, role: WARM_UP_TEXT }],
      financialArrangements: WARM_UP_TEXT,
      contingency: {
        triggers: WARM_UP_TEXT,
        actions: [{ what: WARM_UP_TEXT, who: WARM_UP_TEXT, byWhen: WARM_UP_TEXT }],
      },
      wholePlanDisagreement: WARM_UP_TEXT,
      signatures: [{ who: WARM_UP_TEXT, role: WARM_UP_TEXT, how: WARM_UP_TEXT, on: '2026-03-05' }],
      adviser: { name: WARM_UP_TEXT, email: WARM_UP_TEXT, phone: WARM_UP_TEXT, teamName: WARM_UP_TEXT },
      generatedOn: '2026-03-05',
    },
    'whole',
  );
}

/**
 * The plan as an A4 PDF for the young person to keep. 'whole' prints everything; 'planning' prints
 * only each area's goal and actions, the contingency plan, who signed and when, and the adviser's
 * contact details (no assessment of need, progress or scales). `lang` is the young person's language
 * (issue 12 §5): the headings, labels and dates, and the document's language; their words stay as written.
 * `say` gives the headings and labels: a route passes the request's (translatorFor), in easy read when it is on.
 */
export async function renderPlanPdf(
  plan: PlanPrintModel,
  form: PlanPrintForm,
  lang = 'en',
  say: Translate = translatorIn(lang),
): Promise<Buffer> {
  if (form !== 'whole' && form !== 'planning') throw new TypeError(`Unknown plan print form: ${String(form)}`);
  const TEXT = planWords(say);
  const name = displayName(plan.youngPerson);
  const versionLine = TEXT.versionLine(
    plan.version,
    plan.status,
    plan.approvedOn ? printDate(plan.approvedOn, lang) : null,
  );

  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true, // for "Page X of Y"
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang: lang === 'en' ? 'en-GB' : lang,
    displayTitle: true,
    info: {
      Title: printable(TEXT.documentTitle(name, form, plan.version)),
      Author: printable(plan.councilName),
      Subject: 'Pathway plan',
      Creator: 'Pathway',
      Producer: 'Pathway',
      CreationDate: creationDate(plan.generatedOn),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.addPage();

  const w = new PlanWriter(doc, TEXT, lang);
  const root = doc.struct('Document');
  doc.addStructure(root);
  writeFrontPage(w, root, plan, form, versionLine);
  writePlan(w, root, plan, form);
  w.finish();
  w.furniture(
    name,
    form === 'planning' ? `${TEXT.planningMark} · ${versionLine}` : versionLine,
    TEXT.printedBy(plan.councilName, printDate(plan.generatedOn, lang)),
  );

  doc.end();
  return done;
}
