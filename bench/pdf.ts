// Pathway plan PDF rendering time, whole plan and planning section, as ratios to a baseline
// measured in the same run (an empty one-page PDF from the same library).
// Run: npx tsx bench/pdf.ts [--runs 50]
// Also exports the synthetic plan the PDF tests print (made-up people only).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import PDFDocument from 'pdfkit';
import { renderPlanPdf, type PlanPrintModel } from '../src/http/pdf/plan-pdf.ts';

const AREAS = [
  'Your health and feelings (health, including mental health)',
  'School, college and training (education and training)',
  'Work and things you do (employment or other purposeful activity)',
  'Who you are (identity: religion, culture, ethnicity and language)',
  'Family and friends (family and social relationships)',
  'Everyday living skills (practical and independent living skills)',
  'Money (financial support)',
  'Where you live (accommodation and its suitability)',
  'People who support you (contact and personal support)',
  'Staying safe (risks and keeping safe)',
  'Your right to stay in the UK (immigration status)',
];

const sentence = (area: number, n: number) =>
  `In area ${area + 1}, point ${n}: Zo’s confidence has grown since she moved to the flat – she finds official letters easier now and asks for help sooner.`;

/**
 * A realistic full plan: 11 areas, 4 actions each, long text throughout. `longText` adds one
 * assessment of several pages and one action longer than a page, each made of numbered tokens
 * (`need-0001` …, `helps-0001` …) so a test can check that no word is lost across page breaks.
 */
export function buildPrintablePlan(
  options: { areas?: number; actionsPerArea?: number; longText?: boolean } = {},
): PlanPrintModel {
  const { areas = 11, actionsPerArea = 4, longText = false } = options;
  const statuses = ['Not started', 'In progress', 'Done', 'In progress'];
  return {
    councilName: 'Westshire County Council',
    youngPerson: { name: 'Zoë Nguyễn', preferredName: 'Zo', dateOfBirth: '2008-03-05', reference: 'WS-004217' },
    version: 3,
    approvedOn: '2026-03-06',
    status: 'Approved',
    areas: Array.from({ length: areas }, (_, a) => ({
      title: AREAS[a % AREAS.length],
      youngPersonWords: {
        goingWell: `Area ${a + 1} going well: I feel settled and I’m proud I kept my routine going – even in the hard weeks.`,
        worries:
          a % 3 === 2
            ? null
            : `Area ${a + 1} worries: I worry about what happens when I turn 21 and if Łukasz can still visit.`,
        wants: `Area ${a + 1} wants: I want to do this myself, with help when I ask for it.`,
      },
      youngPersonScale: a % 4 === 3 ? null : 5 + (a % 5),
      workerScale: 4 + (a % 6),
      assessmentOfNeed:
        longText && a === 1
          ? Array.from({ length: 900 }, (_, i) => `need-${String(i + 1).padStart(4, '0')}`).join(' ')
          : `ASSESSMENT-${a + 1}. ${Array.from({ length: 6 }, (_, n) => sentence(a, n + 1)).join(' ')}`,
      progressSinceLastReview: `PROGRESS-${a + 1}. ${Array.from({ length: 4 }, (_, n) => sentence(a, n + 10)).join(' ')}`,
      goal: `GOAL-${a + 1}: to be confident managing this part of my life by my 19th birthday, with Priya checking in every fortnight.`,
      actions: Array.from({ length: actionsPerArea }, (_, i) => ({
        what: `ACTION-${a + 1}-${i + 1} what: find and visit two options with Priya, then choose the one that fits Zo’s plans for college.`,
        who: i % 2 === 0 ? 'Zo with Priya Shah (personal adviser)' : 'Siobhán O’Connor (supported lodgings)',
        how: `ACTION-${a + 1}-${i + 1} how: weekly sessions on Tuesday afternoons, at the office or at home – whichever Zo prefers that week.`,
        byWhen: i === 3 ? 'Before my 18th birthday' : `2026-0${4 + (i % 3)}-${String(5 + i * 7).padStart(2, '0')}`,
        howItHelps:
          longText && a === 4 && i === 0
            ? Array.from({ length: 700 }, (_, k) => `helps-${String(k + 1).padStart(4, '0')}`).join(' ')
            : `ACTION-${a + 1}-${i + 1} helps: Zo will know who to call and what to do, so small problems do not turn into big ones.`,
        status: statuses[i % statuses.length],
      })),
      disagreement:
        a === 7
          ? 'DISAGREE-AREA: I don’t agree that I need to stay in supported lodgings for another year – I’m ready for my own flat.'
          : null,
    })),
    supportNetwork: [
      { name: 'Priya Shah', role: 'Personal adviser' },
      { name: 'Siobhán O’Connor', role: 'Supported lodgings provider' },
      { name: 'Łukasz Wiśniewski', role: 'Former foster carer – still visits on Sundays' },
      { name: 'Dr Amara Okafor', role: 'GP at Riverside Surgery' },
    ],
    financialArrangements:
      'MONEY: Zo receives Universal Credit and a £60 a week allowance from the council while in supported lodgings. The council pays the setting-up-home allowance (£3,000) when she moves to her own flat.',
    contingency: {
      triggers:
        'CONTINGENCY-TRIGGER: if the supported lodgings placement ends suddenly, or Zo loses her college place.',
      actions: [
        {
          what: 'CONTINGENCY-1: arrange an emergency placement at Oak House the same day – not bed and breakfast.',
          who: 'Duty team manager',
          byWhen: 'Same day',
        },
        {
          what: 'CONTINGENCY-2: meet Zo within 2 working days to agree a new accommodation plan.',
          who: 'Priya Shah',
          byWhen: 'Within 2 working days',
        },
        {
          what: 'CONTINGENCY-3: contact the college about a place on the January intake.',
          who: 'Priya Shah',
          byWhen: '2026-09-30',
        },
      ],
    },
    wholePlanDisagreement: 'DISAGREE-WHOLE: I want my review meetings at my flat, not at the office.',
    signatures: [
      { who: 'Zoë Nguyễn', role: 'Young person', how: 'Signed on her phone', on: '2026-03-05' },
      { who: 'Priya Shah', role: 'Personal adviser', how: 'Signed in Pathway', on: '2026-03-04' },
      { who: 'Tomás Ó Briain', role: 'Team manager', how: 'Approved in Pathway', on: '2026-03-06' },
    ],
    adviser: {
      name: 'Priya Shah',
      email: 'priya.shah@westshire.example',
      phone: '01234 567890',
      teamName: 'Leaving Care Team West',
    },
    generatedOn: '2026-03-09',
  };
}

async function renderEmptyPage(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.end();
  return done;
}

// For scale: the smallest real plan (front page, adviser, empty contingency and signatures).
async function renderOnePageOfText(): Promise<Buffer> {
  const plan = buildPrintablePlan({ areas: 0 });
  return renderPlanPdf(
    { ...plan, supportNetwork: [], signatures: [], contingency: { triggers: null, actions: [] } },
    'planning',
  );
}

async function time(label: string, runs: number, render: () => Promise<Buffer>) {
  for (let i = 0; i < 3; i++) await render(); // warm up: font parsing and JIT, paid once per process
  const samples: number[] = [];
  let pdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    pdf = await render();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const pages = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
  return {
    label,
    median: samples[Math.floor(runs / 2)],
    p95: samples[Math.min(runs - 1, Math.floor(runs * 0.95))],
    bytes: pdf.length,
    pages,
  };
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' } } });
  const runs = Number(values.runs);
  const plan = buildPrintablePlan();

  const coldStart = performance.now();
  await renderPlanPdf(plan, 'whole');
  const coldMs = performance.now() - coldStart;

  const baseline = await time('baseline: empty one-page A4 PDF (pdfkit, Helvetica)', runs, renderEmptyPage);
  const results = [
    await time('for scale: a plan with nothing in it yet (Noto Sans, tagged)', runs, renderOnePageOfText),
    await time('whole plan (11 areas × 4 actions, long text)', runs, () => renderPlanPdf(plan, 'whole')),
    await time('planning section (same plan)', runs, () => renderPlanPdf(plan, 'planning')),
  ];

  console.log(`${runs} runs each; first render in this process (parses the fonts): ${coldMs.toFixed(0)} ms`);
  console.log('| render | pages | median ms | p95 ms | ÷ baseline (median) | size |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of [baseline, ...results]) {
    console.log(
      `| ${r.label} | ${r.pages} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${(r.median / baseline.median).toFixed(0)} | ${(r.bytes / 1024).toFixed(0)} KiB |`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();
