// The pathway plan PDF, read back with poppler's pdftotext as a person's PDF reader would: the whole
// plan and the planning section (Gloucestershire's two printing options), page furniture on every
// page, names outside ASCII intact, long text flowing across pages without losing a word, speed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrintablePlan } from '../../../bench/pdf.ts';
import {
  displayName,
  planPdfFileName,
  printable,
  printDate,
  renderPlanPdf,
  type PlanPrintModel,
} from '../../../src/http/pdf/plan-pdf.ts';

const hasPoppler = !spawnSync('pdftotext', ['-v']).error && !spawnSync('pdfinfo', ['-v']).error;
const POPPLER_MISSING =
  'pdftotext/pdfinfo (Debian package poppler-utils) are not installed, so the plan PDF cannot be read back. Install them: apt-get install poppler-utils';
if (!hasPoppler && !process.env.CI) console.warn(`⚠ Skipping the plan PDF text tests: ${POPPLER_MISSING}`);

const dir = mkdtempSync(path.join(tmpdir(), 'pathway-plan-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function saved(pdf: Buffer): string {
  const file = path.join(dir, `plan-${++fileCount}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
/** The text of each page, as `pdftotext -layout` lays it out (pages end with a form feed). */
function pagesOf(pdf: Buffer): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', saved(pdf), '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** True when the words of `text` appear in order (words from a neighbouring table column may come between). */
function inOrder(haystack: string, text: string): boolean {
  let at = 0;
  for (const word of text.split(/\s+/)) {
    const found = haystack.indexOf(word, at);
    if (found < 0) return false;
    at = found + word.length;
  }
  return true;
}

// How long a render takes is measured in bench/pdf.ts (ratios to a baseline in the same run, docs/benchmarks.md),
// not here: a wall-clock limit in a test fails on a busy machine and passes a slow change on a fast one.
describe('renderPlanPdf', () => {
  // No time limit of its own: the first render in a process parses the fonts, and a busy machine is slow.
  it('renders a full plan (11 areas, 4 actions each, long text) completely, both forms', {
    timeout: 60_000,
  }, async () => {
    const plan = buildPrintablePlan();
    const whole = await renderPlanPdf(plan, 'whole');
    const planning = await renderPlanPdf(plan, 'planning');
    for (const pdf of [whole, planning]) {
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    }
    expect(planning.length).toBeLessThan(whole.length);
  });

  it('is deterministic: the same plan gives the same bytes', async () => {
    const plan = buildPrintablePlan({ areas: 2 });
    expect((await renderPlanPdf(plan, 'whole')).equals(await renderPlanPdf(plan, 'whole'))).toBe(true);
  });
});

describe('printing helpers', () => {
  it('prints dates like "5 March 2026", timestamps in London time, and free text as written', () => {
    expect(printDate('2026-03-05')).toBe('5 March 2026');
    expect(printDate('2026-06-30T23:30:00Z')).toBe('1 July 2026'); // British Summer Time
    expect(printDate('2026-01-31T23:30:00Z')).toBe('31 January 2026');
    expect(printDate('2026-02-30')).toBe('2026-02-30'); // not a real date: shown, not moved to March
    expect(printDate('Before my 18th birthday')).toBe('Before my 18th birthday');
  });

  it('puts the preferred name first', () => {
    const person = { name: 'Zoë Nguyễn', preferredName: 'Zo', dateOfBirth: '2008-03-05', reference: 'X' };
    expect(displayName(person)).toBe('Zo (Zoë Nguyễn)');
    expect(displayName({ ...person, preferredName: null })).toBe('Zoë Nguyễn');
    expect(displayName({ ...person, preferredName: 'Zoë Nguyễn' })).toBe('Zoë Nguyễn');
  });

  it('keeps every letter the fonts can draw and marks the ones they cannot', () => {
    expect(printable('Zoë Łukasz Nguyễn – it’s “fine”')).toBe('Zoë Łukasz Nguyễn – it’s “fine”');
    expect(printable('Nguye\u0302\u0303n')).toBe('Nguyễn'); // typed as combining marks, printed as one letter
    expect(printable('I’m worried 😟 ☹️')).toBe('I’m worried 😟 ☹'); // emoji print in one colour: no presentation selector
    expect(printable('أنا بخير · ሰላም · मैं ठीक हूँ · שלום')).toBe('أنا بخير · ሰላም · मैं ठीक हूँ · שלום');
    expect(printable('我很好')).toBe('���'); // no Chinese font here: marked, not dropped
    expect(printable('a\u0007b\r\nc\td')).toBe('ab\nc d');
  });

  it('names the download safely, by reference and version, without the young person’s name', () => {
    const plan = buildPrintablePlan({ areas: 0 });
    expect(planPdfFileName(plan, 'whole')).toBe('pathway-plan-ws-004217-v3.pdf');
    expect(planPdfFileName(plan, 'planning')).toBe('pathway-plan-ws-004217-v3-planning-section.pdf');
    const odd = { ...plan, youngPerson: { ...plan.youngPerson, reference: ' Łódź/12 "x"; y\r\n ' } };
    expect(planPdfFileName(odd, 'whole')).toBe('pathway-plan-odz-12-x-y-v3.pdf'); // Ł has no ASCII decomposition
  });

  it('refuses an unknown form', async () => {
    await expect(renderPlanPdf(buildPrintablePlan({ areas: 1 }), 'summary' as never)).rejects.toThrow(
      /Unknown plan print form/,
    );
  });
});

describe.runIf(hasPoppler || Boolean(process.env.CI))('the plan PDF read back with pdftotext', () => {
  const plan: PlanPrintModel = buildPrintablePlan();
  let whole: string[] = [];
  let planning: string[] = [];
  let wholePdf: Buffer;

  beforeAll(async () => {
    if (!hasPoppler) throw new Error(POPPLER_MISSING);
    wholePdf = await renderPlanPdf(plan, 'whole');
    whole = pagesOf(wholePdf);
    planning = pagesOf(await renderPlanPdf(plan, 'planning'));
  });

  it('whole plan: every area heading, its own words, scales, assessment, progress, goal and disagreement', () => {
    const text = flat(whole.join('\n'));
    plan.areas.forEach((area, i) => {
      expect(text).toContain(`${i + 1}. ${area.title}`);
      expect(text).toContain(`ASSESSMENT-${i + 1}.`);
      expect(text).toContain(`PROGRESS-${i + 1}.`);
      expect(text).toContain(flat(area.goal!));
      expect(text).toContain(flat(area.youngPersonWords.goingWell!));
    });
    expect(text).toContain('Your score 5 out of 10');
    expect(text).toContain('Your worker’s score 4 out of 10');
    expect(text).toContain('Not scored');
    expect(text).toContain(
      'DISAGREE-AREA: I don’t agree that I need to stay in supported lodgings for another year – I’m ready for my own flat.',
    );
    expect(text).toContain('DISAGREE-WHOLE: I want my review meetings at my flat, not at the office.');
    expect(text).toContain('£60 a week');
    expect(text).toContain('Łukasz Wiśniewski');
  });

  it('whole plan: every action in full, with who, how, when, how it helps and its status', () => {
    const text = flat(whole.join('\n'));
    for (const area of plan.areas) {
      area.actions.forEach((action, i) => {
        expect(text).toContain(`Action ${i + 1} of ${area.actions.length}`);
        for (const part of [action.what, action.how, action.howItHelps]) expect(text).toContain(flat(part));
        expect(text).toContain(`Who ${action.who}`);
        expect(text).toContain(`By when ${printDate(action.byWhen)}`);
        expect(text).toContain(`Status ${action.status}`);
      });
    }
    expect(text).toContain('By when 5 April 2026');
    expect(text).toContain('By when Before my 18th birthday');
  });

  for (const form of ['whole', 'planning'] as const) {
    it(`${form}: contingency plan, signatures with dates, adviser contact, the young person's name intact`, () => {
      const pages = form === 'whole' ? whole : planning;
      const text = flat(pages.join('\n'));
      expect(text).toContain(flat(plan.contingency.triggers!));
      // Table cells wrap within their column, so each cell's words are checked in order on their own.
      for (const a of plan.contingency.actions)
        for (const cell of [a.what, a.who, printDate(a.byWhen)]) expect(inOrder(text, cell), cell).toBe(true);
      expect(text).toContain('30 September 2026');
      for (const s of plan.signatures) expect(text).toContain(`${s.who} ${s.role} ${s.how} ${printDate(s.on)}`);
      expect(text).toContain('Zoë Nguyễn Young person Signed on her phone 5 March 2026');
      expect(text).toContain('Tomás Ó Briain Team manager Approved in Pathway 6 March 2026');
      expect(text).toContain(
        'Your personal adviser Name Priya Shah Team Leaving Care Team West Phone 01234 567890 Email priya.shah@westshire.example',
      );
      expect(text).toContain('Name Zoë Nguyễn Known as Zo Date of birth 5 March 2008 Reference WS-004217');
    });

    it(`${form}: name, version and page X of Y on every page`, () => {
      const pages = form === 'whole' ? whole : planning;
      expect(pages.length).toBeGreaterThan(5);
      pages.forEach((page, i) => {
        const lines = page.split('\n').filter((l) => l.trim());
        expect(lines[0]).toMatch(/^Zo \(Zoë Nguyễn\) +(Planning section · )?Version 3, approved 6 March 2026$/);
        expect(lines.at(-1)).toMatch(
          new RegExp(`^Westshire County Council · printed 9 March 2026 +Page ${i + 1} of ${pages.length}$`),
        );
      });
    });
  }

  it('planning section: goals and actions for every area, contingency, no assessment, progress or scales', () => {
    const text = flat(planning.join('\n'));
    expect(text).toContain('Your pathway plan: the planning section');
    expect(text).toContain('Ask your personal adviser for a copy of your whole plan');
    plan.areas.forEach((area, i) => {
      expect(text).toContain(`${i + 1}. ${area.title}`);
      expect(text).toContain(flat(area.goal!));
      for (const action of area.actions)
        for (const part of [action.what, action.how, action.howItHelps]) expect(text).toContain(flat(part));
    });
    expect(text).toContain('CONTINGENCY-1');
    for (const absent of [
      'ASSESSMENT-',
      'Assessment of need',
      'PROGRESS-',
      'Progress since the last review',
      'out of 10',
      'Your score',
      'In your words',
      'going well',
    ]) {
      expect(text).not.toContain(absent);
    }
    expect(planning.length).toBeLessThan(whole.length);
  });

  it('prints a draft with nothing filled in yet, saying so rather than leaving gaps', async () => {
    const empty: PlanPrintModel = {
      ...buildPrintablePlan({ areas: 0 }),
      youngPerson: { name: 'Łukasz Wiśniewski', preferredName: null, dateOfBirth: '2009-11-30', reference: 'WS-1' },
      version: 1,
      approvedOn: null,
      status: 'Draft',
      areas: [
        {
          title: 'Where I live',
          youngPersonWords: { goingWell: null, worries: null, wants: null },
          youngPersonScale: null,
          workerScale: null,
          assessmentOfNeed: null,
          progressSinceLastReview: null,
          goal: null,
          actions: [],
          disagreement: null,
        },
      ],
      supportNetwork: [],
      financialArrangements: null,
      contingency: { triggers: null, actions: [] },
      wholePlanDisagreement: null,
      signatures: [],
      adviser: { name: 'Sam Patel', email: null, phone: null, teamName: 'Leaving Care Team East' },
    };
    const pages = pagesOf(await renderPlanPdf(empty, 'whole'));
    const text = flat(pages.join('\n'));
    expect(pages[0].split('\n')[0]).toMatch(/^Łukasz Wiśniewski +Version 1 \(Draft\)$/);
    for (const words of [
      'Not recorded yet.',
      'Not scored',
      'No goal agreed yet for this area.',
      'No actions agreed yet for this area.',
      'Nobody is listed yet.',
      'No contingency actions recorded yet.',
      'Nobody has signed this plan yet.',
      'Contact Leaving Care Team East and ask for your personal adviser.',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('Known as');
  });

  it('long text wraps onto several pages without losing or reordering a word', async () => {
    const pages = pagesOf(await renderPlanPdf(buildPrintablePlan({ longText: true }), 'whole'));
    const text = flat(pages.join('\n'));
    for (const [prefix, count] of [
      ['need', 900],
      ['helps', 700],
    ] as const) {
      const tokens = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`);
      expect(text.match(new RegExp(`${prefix}-\\d{4}`, 'g'))).toEqual(tokens);
      const first = pages.findIndex((p) => p.includes(tokens[0]));
      const last = pages.findIndex((p) => p.includes(tokens.at(-1)!));
      expect(last - first).toBeGreaterThanOrEqual(2); // spans at least three pages
      for (let p = first; p <= last; p++) expect(pages[p]).toMatch(new RegExp(`Page ${p + 1} of ${pages.length}`));
    }
  });

  it('is a tagged A4 PDF with a title, en-GB language, headings and tables; page furniture is not content', () => {
    const file = saved(wholePdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Title: +Pathway plan for Zo \(Zoë Nguyễn\), version 3$/m);
    expect(info).toMatch(/^Tagged: +yes$/m);
    expect(info).toMatch(/^Page size: +595\.28 x 841\.89 pts \(A4\)$/m);
    expect(wholePdf.includes('/Lang (en-GB)')).toBe(true);
    expect(wholePdf.includes('/DisplayDocTitle true')).toBe(true);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSans-Regular +CID TrueType +Identity-H +yes +yes +yes/);

    const structure = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    expect(structure).toMatch(/H1 \(block\)\n +"Your pathway plan"/);
    for (const [i, area] of plan.areas.entries()) expect(structure).toContain(`"${i + 1}. ${area.title}"`);
    expect(structure).toMatch(/Caption\n +"Action 1 of 4"\n +TR\n +TH:\n +\/Scope \/Row\n +"What"/);
    expect(structure).toMatch(/TH:\n +\/Scope \/Column\n +"Who"/);
    expect(structure).not.toContain('Page 1 of');
  });
});
