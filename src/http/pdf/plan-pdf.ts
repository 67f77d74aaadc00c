// A young person's pathway plan as a PDF to keep: the whole plan, or only the planning section
// (goals, actions, contingency, who signed, how to reach their adviser), the two printing options
// Gloucestershire introduced in December 2020 so young people can see what their plan looks like.
//
// Pure JavaScript (pdfkit, no browser). Text is set in Noto fonts embedded from npm packages, so
// names such as "Zoë", "Łukasz" or "Nguyễn", and words in Arabic, Urdu, Hebrew, Tigrinya, Hindi or
// emoji, print the same on every machine (fonts.ts, text-layout.ts, text-drawing.ts). The output is a
// tagged PDF (headings, paragraphs, tables; page furniture marked as artifacts) with a title and
// en-GB language, and is byte-for-byte the same for the same model.
import PDFDocument from 'pdfkit';
import { printable, type Style } from './fonts.ts';
import { DocumentFonts } from './text-drawing.ts';
import { layoutText, lineHeightOf, oneLine, type Line, type Setting } from './text-layout.ts';

export type PlanPrintModel = {
  councilName: string;
  youngPerson: { name: string; preferredName: string | null; dateOfBirth: string; reference: string };
  version: number;
  /** The first plan: nothing to compare with, so no "progress since the last review". */
  firstPlan?: boolean;
  approvedOn: string | null;
  status: string; // e.g. 'Approved', 'Draft'
  areas: {
    title: string; // staff/young-person title to print
    youngPersonWords: { goingWell: string | null; worries: string | null; wants: string | null };
    youngPersonScale: number | null;
    workerScale: number | null;
    assessmentOfNeed: string | null;
    progressSinceLastReview: string | null;
    goal: string | null;
    actions: { what: string; who: string; how: string; byWhen: string; howItHelps: string; status: string }[];
    disagreement: string | null; // the young person's own words, if they disagree with this area
  }[];
  /** First plan only: each matter the needs assessment considered (reg 42(2)), and what was written. */
  needsAssessment?: { consideration: string; considered: string | null }[];
  /** Whether where they live is suitable: each Schedule 2 matter, its answer and any note. */
  accommodationSuitability?: { decision: string; answers: { matter: string; answer: string; note: string | null }[] } | null;
  /** How the young person took part in this plan. */
  participation?: { ways: string[]; didNotTakePartReason: string | null; othersConsulted: string | null } | null;
  supportNetwork: { name: string; role: string }[];
  financialArrangements: string | null;
  contingency: { triggers: string | null; actions: { what: string; who: string; byWhen: string }[] };
  wholePlanDisagreement: string | null;
  signatures: { who: string; role: string; how: string; on: string }[]; // e.g. young person signed on their phone / on paper; worker; manager approval
  adviser: { name: string; email: string | null; phone: string | null; teamName: string };
  generatedOn: string;
};

/** 'whole' = everything; 'planning' = goals and actions per area, contingency, signatures, adviser. */
export type PlanPrintForm = 'whole' | 'planning';

// Every string the young person reads, in one place so it can move to src/locales/en/ unchanged.
// Headings speak to the young person ("you"), as the plan areas' young-person titles do.
const TEXT = {
  wholeTitle: 'Your pathway plan',
  planningTitle: 'Your pathway plan: the planning section',
  wholeIntro:
    'This is your whole pathway plan. It is your plan: if anything in it is wrong, missing or out of date, tell your personal adviser and it will be changed.',
  planningIntro:
    'This is the planning section of your pathway plan: what you are working towards, the actions agreed, what happens if things go wrong, and who to contact. Ask your personal adviser for a copy of your whole plan at any time.',
  details: 'About this plan',
  name: 'Name',
  knownAs: 'Known as',
  dateOfBirth: 'Date of birth',
  reference: 'Reference',
  version: 'Plan version',
  status: 'Status',
  printed: 'Printed',
  adviserHeading: 'Your personal adviser',
  adviserName: 'Name',
  adviserTeam: 'Team',
  adviserPhone: 'Phone',
  adviserEmail: 'Email',
  adviserNoDirectContact: (team: string) => `Contact ${team} and ask for your personal adviser.`,
    inYourWords: 'In your words',
  goingWell: 'What is going well',
  worries: 'What you are worried about',
  wants: 'What you want',
  scalesHeading: 'How things are going, out of 10',
  yourScore: 'Your score',
  workerScore: 'Your worker’s score',
  outOfTen: (n: number) => `${n} out of 10`,
  notScored: 'Not scored',
  assessment: 'Assessment of need',
  progress: 'Progress since the last review',
  goal: 'What you are working towards',
  actions: 'Actions',
  action: (i: number, n: number) => `Action ${i} of ${n}`,
  continued: (caption: string) => `${caption} (continued)`,
  what: 'What',
  who: 'Who',
  how: 'How',
  byWhen: 'By when',
  howItHelps: 'How it helps',
  actionStatus: 'Status',
  noGoal: 'No goal agreed yet for this area.',
  noActions: 'No actions agreed yet for this area.',
  disagreeArea: 'Where you disagree',
  needsHeading: 'Your needs assessment',
  needsIntro: 'Before your first plan, your worker looked at each of these things to work out what you need.',
  suitabilityHeading: 'Is where you live right for you?',
  suitabilityIntro: 'Your worker checked these things about where you live.',
  suitabilityDecision: 'Decision',
  participationHeading: 'How you took part in this plan',
  participationHow: 'How',
  participationWhyNot: 'Why you did not take part',
  participationOthers: 'Who else was asked',
  supportNetwork: 'Who supports you',
  personName: 'Name',
  personRole: 'How they help',
  nobodyListed: 'Nobody is listed yet.',
  money: 'Money and financial support',
  contingency: 'If things go wrong: your contingency plan',
  triggers: 'When this part of the plan will be used',
  contingencyActions: 'What will happen',
  noContingencyActions: 'No contingency actions recorded yet.',
  disagreeWhole: 'Where you disagree with your plan',
  signaturesHeading: 'Who signed this plan',
  signedBy: 'Who',
  signedRole: 'Role',
  signedHow: 'How',
  signedOn: 'Date',
  notSigned: 'Nobody has signed this plan yet.',
  notRecorded: 'Not recorded yet.',
  page: (x: number, y: number) => `Page ${x} of ${y}`,
  printedBy: (council: string, on: string) => `${council} · printed ${on}`,
  versionLine: (version: number, status: string, approvedOn: string | null) =>
    approvedOn
      ? `Version ${version}, approved ${approvedOn}${status.toLowerCase() === 'approved' ? '' : ` (${status})`}`
      : `Version ${version} (${status})`,
  planningMark: 'Planning section',
  documentTitle: (name: string, form: PlanPrintForm, version: number) =>
    `Pathway plan${form === 'planning' ? ' (planning section)' : ''} for ${name}, version ${version}`,
} as const;

// GOV.UK Frontend colours: text 19:1 and secondary text 9:1 against white.
const COLOUR = { text: '#0b0c0c', secondary: '#484949', rule: '#b1b4b6', fill: '#f3f2f1', accent: '#1d70b8' } as const;
const SIZE = { body: 12, h1: 24, h2: 18, h3: 14, furniture: 10 } as const;
const LINE_GAP = 2;
const A4 = { width: 595.28, height: 841.89 } as const;
const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 } as const;
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const CELL_PAD_Y = 6;
const GUTTER = 12;
const LABEL_WIDTH = 132;

// ---------------------------------------------------------------------------------------------
// Fonts: parsed once per process. Parsing Noto Sans's layout tables costs far more than laying out
// a whole plan, and pdfkit accepts a parsed fontkit font in place of the file's bytes (it embeds
// a fresh subset per document, so nothing is shared between documents but the read-only parse).

type FontName = Style;

export { printable };

// ---------------------------------------------------------------------------------------------
// Dates: ISO dates print as "5 March 2026"; anything else ("Before my 18th birthday") as written.

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONG_DATE_LONDON = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

function isoDay(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

function isoInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "2026-03-05" → "5 March 2026"; a timestamp → its date in London; other text unchanged. */
export function printDate(value: string): string {
  const day = isoDay(value);
  if (day) return LONG_DATE.format(day);
  const instant = isoInstant(value);
  if (instant) return LONG_DATE_LONDON.format(instant);
  return value;
}

/** Preferred name first: "Zo (Zoë Nguyễn)", or just the name when there is no other. */
export function displayName(youngPerson: PlanPrintModel['youngPerson']): string {
  const name = youngPerson.name.trim();
  const preferred = youngPerson.preferredName?.trim();
  return preferred && preferred !== name ? `${preferred} (${name})` : name;
}

// ---------------------------------------------------------------------------------------------
// Layout: a small writer over pdfkit that keeps headings with what follows, keeps table rows and
// action blocks whole where they fit on a page, lets longer text flow on, and tags what it draws.

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
type Row = readonly [label: string, value: string | null];
type Heading = { parent: Struct; level: 1 | 2 | 3; text: string; outline: boolean };

const PARA_GAP = 4;
const HEADING = {
  1: { size: SIZE.h1, above: 0, below: 10 },
  2: { size: SIZE.h2, above: 18, below: 6 },
  3: { size: SIZE.h3, above: 10, below: 4 },
} as const;
const H2_RULE = 8; // the blue rule above a second-level heading, and the space under it
const LINE = SIZE.body * 1.362 + LINE_GAP; // Noto Sans ascent + descent at 12pt, plus the gap

class PlanWriter {
  /** Headings wait for the block that follows them, so a heading never ends a page on its own. */
  private pending: Heading[] = [];

  private setting: Setting = { style: 'regular', size: SIZE.body };
  private readonly fonts: DocumentFonts;

  constructor(readonly doc: Doc) {
    this.fonts = new DocumentFonts(doc);
  }

  get top(): number {
    return this.doc.page.margins.top;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get pageHeight(): number {
    return this.bottom - this.top;
  }
  private get atTop(): boolean {
    return this.doc.y <= this.top + 1;
  }

  /** Starts a new page unless `height` fits below the current position (or we are at the top). */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom && !this.atTop) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = MARGIN.left;
  }

  useFont(name: FontName, size: number = SIZE.body, colour: string = COLOUR.text): void {
    this.setting = { style: name, size };
    this.doc.fillColor(colour);
  }

  private heightOfLines(lines: readonly Line[], size: number): number {
    return lines.reduce((sum, line) => sum + lineHeightOf(size) + LINE_GAP + (line.endsParagraph ? PARA_GAP : 0), 0);
  }

  heightOf(text: string, width: number, font: FontName = 'regular', size: number = SIZE.body): number {
    return this.heightOfLines(layoutText(text, width, { style: font, size }), size);
  }

  /**
   * Sets text in the current font from (x, y), `width` wide, leaving doc.y below it. A line that
   * does not fit on the page goes on to the next, inside the same tagged content.
   */
  private write(text: string, x: number, y: number, width: number): void {
    const { size } = this.setting;
    this.doc.y = y;
    for (const line of layoutText(text, width, this.setting)) {
      if (this.doc.y + lineHeightOf(size) > this.bottom) {
        (this.doc as Doc & { continueOnNewPage(): void }).continueOnNewPage();
        this.doc.y = this.top;
      }
      this.fonts.drawLine(line, x, this.doc.y, width, this.setting);
      this.doc.y += lineHeightOf(size) + LINE_GAP + (line.endsParagraph ? PARA_GAP : 0);
    }
  }

  /**
   * Draws tagged content: one structure element of `type` holding whatever `draw` puts on the page(s).
   * `scope` says whether a table header cell heads its row or its column (pdfkit supports it; its types do not).
   */
  tag(parent: Struct, type: string, draw: () => void, scope?: 'Row' | 'Column'): void {
    const content = this.doc.markStructureContent(type);
    draw();
    this.doc.endMarkedContent();
    const options: PDFKit.Mixins.StructureElementOptions & { scope?: string } = scope ? { scope } : {};
    parent.add(this.doc.struct(type, options, [content]));
  }

  /** Draws decoration that assistive technology should skip (rules, fills, repeated headers). */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact');
    this.doc.save();
    draw();
    this.doc.restore();
    this.doc.endMarkedContent();
  }

  rule(y: number, colour: string = COLOUR.rule, width = 1): void {
    this.artifact(() => {
      this.doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(width).strokeColor(colour).stroke();
    });
  }

  private draw(parent: Struct, type: string, text: string, x: number, width: number, font: FontName, size: number, colour: string): void {
    this.useFont(font, size, colour);
    this.tag(parent, type, () => {
      this.write(text, x, this.doc.y, width);
    });
    this.doc.x = MARGIN.left;
  }

  heading(parent: Struct, level: 1 | 2 | 3, text: string, options: { outline?: boolean } = {}): void {
    this.pending.push({ parent, level, text: printable(text), outline: options.outline ?? false });
  }

  /** Places any waiting headings together with the first `keep` points of the block after them. */
  private startBlock(keep: number): void {
    const headings = this.pending;
    this.pending = [];
    const height = headings.reduce((sum, h, i) => {
      const { size, above, below } = HEADING[h.level];
      return sum + (i > 0 || !this.atTop ? above : 0) + (h.level === 2 ? H2_RULE : 0) + this.heightOf(h.text, CONTENT_WIDTH, 'bold', size) + below;
    }, 0);
    this.ensureSpace(height + keep);
    for (const h of headings) {
      const { size, above, below } = HEADING[h.level];
      if (!this.atTop) this.doc.y += above;
      if (h.level === 2) {
        this.rule(this.doc.y, COLOUR.accent, 2);
        this.doc.y += H2_RULE;
      }
      if (h.outline) this.doc.outline.addItem(h.text);
      this.draw(h.parent, `H${h.level}`, h.text, MARGIN.left, CONTENT_WIDTH, 'bold', size, COLOUR.text);
      this.doc.y += below;
    }
  }

  /** Call once at the end, in case the last thing written was a heading. */
  finish(): void {
    if (this.pending.length > 0) this.startBlock(0);
  }

  text(parent: Struct, type: string, text: string, options: { font?: FontName; size?: number; colour?: string; gapAfter?: number } = {}): void {
    const { font = 'regular', size = SIZE.body, colour = COLOUR.text, gapAfter = 8 } = options;
    const shown = printable(text);
    this.startBlock(Math.min(this.heightOf(shown, CONTENT_WIDTH, font, size), 3 * LINE));
    this.draw(parent, type, shown, MARGIN.left, CONTENT_WIDTH, font, size, colour);
    this.doc.y += gapAfter;
  }

  paragraph(parent: Struct, text: string | null, empty: string = TEXT.notRecorded): void {
    if (text?.trim()) this.text(parent, 'P', text.trim());
    else this.text(parent, 'P', empty, { colour: COLOUR.secondary });
  }

  /** The young person's own words, set off with a bar on the left like GOV.UK inset text. */
  inset(parent: Struct, text: string): void {
    const indent = 16;
    const words = printable(text.trim());
    const height = this.heightOf(words, CONTENT_WIDTH - indent);
    this.startBlock(height <= this.pageHeight ? height : 3 * LINE);
    const top = this.doc.y;
    const page = this.doc.page;
    this.draw(parent, 'BlockQuote', words, MARGIN.left + indent, CONTENT_WIDTH - indent, 'regular', SIZE.body, COLOUR.text);
    // A bar only when the words stayed on one page; longer words flow on without it.
    if (this.doc.page === page) {
      const end = this.doc.y - PARA_GAP;
      this.artifact(() => {
        this.doc.rect(MARGIN.left, top, 4, end - top).fill(COLOUR.rule);
      });
    }
    this.doc.y += 12;
  }

  /**
   * Label/value rows (GOV.UK summary list), optionally under a shaded caption such as "Action 1 of 4".
   * The block moves to a new page when it would fit there whole; otherwise rows are kept whole,
   * the caption is repeated on the next page, and a value longer than a page flows on.
   */
  summary(parent: Struct, rows: readonly Row[], caption?: string): void {
    const valueX = MARGIN.left + LABEL_WIDTH + GUTTER;
    const valueWidth = CONTENT_WIDTH - LABEL_WIDTH - GUTTER;
    const prepared = rows.map(([label, value]) => {
      const shown = printable(value?.trim() ? value.trim() : TEXT.notRecorded);
      const labelShown = printable(label);
      const height = Math.max(this.heightOf(labelShown, LABEL_WIDTH, 'bold'), this.heightOf(shown, valueWidth)) + 2 * CELL_PAD_Y;
      return { label: labelShown, value: shown, missing: !value?.trim(), height };
    });
    const captionText = caption ? printable(caption) : null;
    const captionHeight = captionText ? this.heightOf(captionText, CONTENT_WIDTH - 16, 'bold') + 2 * CELL_PAD_Y : 0;
    const total = captionHeight + prepared.reduce((sum, r) => sum + r.height, 0);
    const firstRow = Math.min(prepared[0]?.height ?? 0, 3 * LINE + 2 * CELL_PAD_Y);
    this.startBlock(total <= this.pageHeight ? total : captionHeight + firstRow);

    const table = this.doc.struct('Table');
    parent.add(table);
    const drawCaption = (repeat: boolean) => {
      if (!captionText) return;
      const y = this.doc.y;
      this.artifact(() => {
        this.doc.rect(MARGIN.left, y, CONTENT_WIDTH, captionHeight).fill(COLOUR.fill);
      });
      this.useFont('bold');
      const draw = () => {
        this.write(repeat ? printable(TEXT.continued(captionText)) : captionText, MARGIN.left + 8, y + CELL_PAD_Y, CONTENT_WIDTH - 16);
      };
      if (repeat) this.artifact(draw);
      else this.tag(table, 'Caption', draw);
      this.doc.x = MARGIN.left;
      this.doc.y = y + captionHeight;
    };
    drawCaption(false);

    for (const row of prepared) {
      if (this.doc.y + row.height > this.bottom) {
        const fitsOnAPage = row.height + captionHeight <= this.pageHeight;
        const startsHere = this.doc.y + 3 * LINE + 2 * CELL_PAD_Y <= this.bottom;
        if (fitsOnAPage || !startsHere) {
          this.newPage();
          drawCaption(true);
        }
      }
      const tr = this.doc.struct('TR');
      table.add(tr);
      const rowTop = this.doc.y;
      const startPage = this.doc.page;
      this.useFont('bold');
      this.tag(
        tr,
        'TH',
        () => {
          this.write(row.label, MARGIN.left, rowTop + CELL_PAD_Y, LABEL_WIDTH);
        },
        'Row',
      );
      const labelBottom = this.doc.y;
      this.useFont('regular', SIZE.body, row.missing ? COLOUR.secondary : COLOUR.text);
      this.tag(tr, 'TD', () => {
        this.write(row.value, valueX, rowTop + CELL_PAD_Y, valueWidth);
      });
      const end = (this.doc.page === startPage ? Math.max(labelBottom, this.doc.y) : this.doc.y) + CELL_PAD_Y;
      this.rule(end);
      this.doc.x = MARGIN.left;
      this.doc.y = end;
    }
    this.doc.y += 14;
  }

  /**
   * A table with column headers (repeated on each page it continues onto). `widths` are fractions
   * of the page width. A row taller than a page is printed as label/value rows instead, so no
   * words are ever cut.
   */
  columns(parent: Struct, headers: readonly string[], widths: readonly number[], rows: readonly (readonly string[])[]): void {
    const gutters = GUTTER * (headers.length - 1);
    const colWidths = widths.map((w) => w * (CONTENT_WIDTH - gutters));
    const colX = colWidths.map((_, i) => MARGIN.left + colWidths.slice(0, i).reduce((a, b) => a + b, 0) + GUTTER * i);
    const heads = headers.map(printable);
    const headHeight = Math.max(...heads.map((h, i) => this.heightOf(h, colWidths[i], 'bold'))) + 2 * CELL_PAD_Y;
    const prepared = rows.map((cells) => {
      const shown = cells.map((c) => printable(c.trim() || '–'));
      return { cells: shown, height: Math.max(...shown.map((c, i) => this.heightOf(c, colWidths[i]))) + 2 * CELL_PAD_Y };
    });
    // Short tables (who signed, say) stay on one page; longer ones start with at least one row.
    const total = headHeight + prepared.reduce((sum, r) => sum + r.height, 0);
    this.startBlock(total <= this.pageHeight / 2 ? total : headHeight + Math.min(prepared[0]?.height ?? 0, this.pageHeight / 2));

    const table = this.doc.struct('Table');
    parent.add(table);
    const drawHeader = (repeat: boolean) => {
      const y = this.doc.y;
      this.useFont('bold');
      if (repeat) {
        this.artifact(() => heads.forEach((h, i) => this.write(h, colX[i], y + CELL_PAD_Y, colWidths[i])));
      } else {
        const tr = this.doc.struct('TR');
        table.add(tr);
        heads.forEach((h, i) =>
          this.tag(
            tr,
            'TH',
            () => {
              this.write(h, colX[i], y + CELL_PAD_Y, colWidths[i]);
            },
            'Column',
          ),
        );
      }
      this.rule(y + headHeight, COLOUR.text, 1.5);
      this.doc.x = MARGIN.left;
      this.doc.y = y + headHeight;
    };
    drawHeader(false);

    for (const row of prepared) {
      if (row.height + headHeight > this.pageHeight) {
        // Too tall for any page: print this row as label/value rows, which can flow.
        this.summary(parent, heads.map((h, i) => [h, row.cells[i]] as const));
        continue;
      }
      if (this.doc.y + row.height > this.bottom) {
        this.newPage();
        drawHeader(true);
      }
      const tr = this.doc.struct('TR');
      table.add(tr);
      const y = this.doc.y;
      this.useFont('regular');
      row.cells.forEach((cell, i) =>
        this.tag(tr, 'TD', () => {
          this.write(cell, colX[i], y + CELL_PAD_Y, colWidths[i]);
        }),
      );
      this.rule(y + row.height);
      this.doc.x = MARGIN.left;
      this.doc.y = y + row.height;
    }
    this.doc.y += 14;
  }

  /** Header and footer on every page: who the plan is for, which version, page X of Y. */
  furniture(headerLeft: string, headerRight: string, footerLeft: string): void {
    const { start, count } = this.doc.bufferedPageRange();
    const right = MARGIN.left + CONTENT_WIDTH;
    // One line each; the right-hand text gets the room it needs (up to 60%), the left the rest.
    const line = (text: string, x: number, y: number, width: number) => {
      // Set from the left of its box whatever its direction: a name in Arabic stays at the page's edge.
      this.fonts.drawLine({ ...oneLine(text, width, this.setting), rtl: false }, x, y, width, this.setting);
    };
    const pair = (left: string, leftFont: FontName, rightText: string, rightFont: FontName, y: number) => {
      this.useFont(rightFont, SIZE.furniture, rightFont === 'bold' ? COLOUR.text : COLOUR.secondary);
      const rightWidth = Math.min(oneLine(rightText, Number.POSITIVE_INFINITY, this.setting).width + 1, CONTENT_WIDTH * 0.6);
      line(rightText, right - rightWidth, y, rightWidth);
      this.useFont(leftFont, SIZE.furniture, leftFont === 'bold' ? COLOUR.text : COLOUR.secondary);
      line(left, MARGIN.left, y, CONTENT_WIDTH - rightWidth - GUTTER);
    };
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const savedBottom = page.margins.bottom;
      page.margins.bottom = 0; // so writing in the bottom margin does not start a new page
      const footY = page.height - 42;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      pair(printable(headerLeft), 'bold', printable(headerRight), 'regular', 32);
      pair(printable(footerLeft), 'regular', TEXT.page(i - start + 1, count), 'bold', footY);
      this.doc.lineWidth(0.75).strokeColor(COLOUR.rule);
      this.doc.moveTo(MARGIN.left, 50).lineTo(right, 50).stroke();
      this.doc.moveTo(MARGIN.left, footY - 8).lineTo(right, footY - 8).stroke();
      this.doc.endMarkedContent();
      page.margins.bottom = savedBottom;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The plan itself.

function creationDate(generatedOn: string): Date {
  // From the model, not the clock, so the same plan always gives the same bytes.
  return isoDay(generatedOn) ?? isoInstant(generatedOn) ?? new Date(0);
}

function writeFrontPage(w: PlanWriter, root: Struct, plan: PlanPrintModel, form: PlanPrintForm, versionLine: string): void {
  const intro = w.doc.struct('Sect');
  root.add(intro);
  w.text(intro, 'P', plan.councilName, { colour: COLOUR.secondary, gapAfter: 2 });
  w.heading(intro, 1, form === 'whole' ? TEXT.wholeTitle : TEXT.planningTitle);
  w.text(intro, 'P', form === 'whole' ? TEXT.wholeIntro : TEXT.planningIntro, { gapAfter: 12 });

  const { youngPerson } = plan;
  const preferred = youngPerson.preferredName?.trim();
  w.summary(intro, [
    [TEXT.name, youngPerson.name],
    ...(preferred && preferred !== youngPerson.name.trim() ? [[TEXT.knownAs, preferred] as const] : []),
    [TEXT.dateOfBirth, printDate(youngPerson.dateOfBirth)],
    [TEXT.reference, youngPerson.reference],
    [TEXT.version, versionLine],
    [TEXT.printed, printDate(plan.generatedOn)],
  ]);

  const contact = w.doc.struct('Sect');
  root.add(contact);
  w.heading(contact, 2, TEXT.adviserHeading, { outline: true });
  const { adviser } = plan;
  const rows: Row[] = [
    [TEXT.adviserName, adviser.name],
    [TEXT.adviserTeam, adviser.teamName],
  ];
  if (adviser.phone?.trim()) rows.push([TEXT.adviserPhone, adviser.phone]);
  if (adviser.email?.trim()) rows.push([TEXT.adviserEmail, adviser.email]);
  w.summary(contact, rows);
  if (!adviser.phone?.trim() && !adviser.email?.trim()) w.paragraph(contact, TEXT.adviserNoDirectContact(adviser.teamName));
}

function writeArea(w: PlanWriter, parent: Struct, area: PlanPrintModel['areas'][number], index: number, form: PlanPrintForm, firstPlan: boolean): void {
  const sect = w.doc.struct('Sect');
  parent.add(sect);
  w.heading(sect, 2, `${index + 1}. ${area.title}`, { outline: true });

  if (form === 'whole') {
    w.heading(sect, 3, TEXT.inYourWords);
    w.summary(sect, [
      [TEXT.goingWell, area.youngPersonWords.goingWell],
      [TEXT.worries, area.youngPersonWords.worries],
      [TEXT.wants, area.youngPersonWords.wants],
    ]);
    w.heading(sect, 3, TEXT.scalesHeading);
    const scale = (n: number | null) => (n === null ? TEXT.notScored : TEXT.outOfTen(n));
    w.summary(sect, [
      [TEXT.yourScore, scale(area.youngPersonScale)],
      [TEXT.workerScore, scale(area.workerScale)],
    ]);
    w.heading(sect, 3, TEXT.assessment);
    w.paragraph(sect, area.assessmentOfNeed);
    // A first plan has no earlier plan to measure progress against.
    if (!firstPlan) {
      w.heading(sect, 3, TEXT.progress);
      w.paragraph(sect, area.progressSinceLastReview);
    }
  }

  w.heading(sect, 3, TEXT.goal);
  w.paragraph(sect, area.goal, TEXT.noGoal);

  w.heading(sect, 3, TEXT.actions);
  if (area.actions.length === 0) w.paragraph(sect, null, TEXT.noActions);
  area.actions.forEach((action, i) => {
    w.summary(
      sect,
      [
        [TEXT.what, action.what],
        [TEXT.who, action.who],
        [TEXT.how, action.how],
        [TEXT.byWhen, printDate(action.byWhen)],
        [TEXT.howItHelps, action.howItHelps],
        [TEXT.actionStatus, action.status],
      ],
      TEXT.action(i + 1, area.actions.length),
    );
  });

  if (form === 'whole' && area.disagreement?.trim()) {
    w.heading(sect, 3, TEXT.disagreeArea);
    w.inset(sect, area.disagreement);
  }
}

/** The first plan's needs assessment: each matter considered, and what was written about it. */
function writeNeedsAssessment(w: PlanWriter, root: Struct, needs: NonNullable<PlanPrintModel['needsAssessment']>): void {
  if (needs.length === 0) return;
  const sect = w.doc.struct('Sect');
  root.add(sect);
  w.heading(sect, 2, TEXT.needsHeading, { outline: true });
  w.paragraph(sect, TEXT.needsIntro);
  for (const need of needs) {
    w.heading(sect, 3, need.consideration);
    w.paragraph(sect, need.considered);
  }
}

/** Schedule 2: each matter about where they live, its answer and any note, and the decision. */
function writeSuitability(w: PlanWriter, root: Struct, suitability: PlanPrintModel['accommodationSuitability']): void {
  if (!suitability) return;
  const sect = w.doc.struct('Sect');
  root.add(sect);
  w.heading(sect, 2, TEXT.suitabilityHeading, { outline: true });
  w.paragraph(sect, TEXT.suitabilityIntro);
  w.summary(sect, [
    [TEXT.suitabilityDecision, suitability.decision],
    ...suitability.answers.map((a) => [a.matter, a.note ? `${a.answer}. ${a.note}` : a.answer] as const),
  ]);
}

function writeParticipation(w: PlanWriter, root: Struct, participation: PlanPrintModel['participation']): void {
  const sect = w.doc.struct('Sect');
  root.add(sect);
  w.heading(sect, 2, TEXT.participationHeading, { outline: true });
  const rows: Row[] = [[TEXT.participationHow, participation?.ways.join('\n') ?? null]];
  if (participation?.didNotTakePartReason) rows.push([TEXT.participationWhyNot, participation.didNotTakePartReason]);
  if (participation?.othersConsulted) rows.push([TEXT.participationOthers, participation.othersConsulted]);
  w.summary(sect, rows);
}

function writePlan(w: PlanWriter, root: Struct, plan: PlanPrintModel, form: PlanPrintForm): void {
  if (form === 'whole') writeNeedsAssessment(w, root, plan.needsAssessment ?? []);
  const areas = w.doc.struct('Part');
  root.add(areas);
  plan.areas.forEach((area, i) => writeArea(w, areas, area, i, form, plan.firstPlan === true));

  if (form === 'whole') {
    writeSuitability(w, root, plan.accommodationSuitability ?? null);
    const network = w.doc.struct('Sect');
    root.add(network);
    w.heading(network, 2, TEXT.supportNetwork, { outline: true });
    if (plan.supportNetwork.length === 0) w.paragraph(network, null, TEXT.nobodyListed);
    else w.columns(network, [TEXT.personName, TEXT.personRole], [0.45, 0.55], plan.supportNetwork.map((p) => [p.name, p.role]));

    const money = w.doc.struct('Sect');
    root.add(money);
    w.heading(money, 2, TEXT.money, { outline: true });
    w.paragraph(money, plan.financialArrangements);
  }

  const contingency = w.doc.struct('Sect');
  root.add(contingency);
  w.heading(contingency, 2, TEXT.contingency, { outline: true });
  w.heading(contingency, 3, TEXT.triggers);
  w.paragraph(contingency, plan.contingency.triggers);
  w.heading(contingency, 3, TEXT.contingencyActions);
  if (plan.contingency.actions.length === 0) w.paragraph(contingency, null, TEXT.noContingencyActions);
  else
    w.columns(
      contingency,
      [TEXT.what, TEXT.who, TEXT.byWhen],
      [0.5, 0.24, 0.26],
      plan.contingency.actions.map((a) => [a.what, a.who, printDate(a.byWhen)]),
    );

  if (form === 'whole' && plan.wholePlanDisagreement?.trim()) {
    const disagree = w.doc.struct('Sect');
    root.add(disagree);
    w.heading(disagree, 2, TEXT.disagreeWhole, { outline: true });
    w.inset(disagree, plan.wholePlanDisagreement);
  }

  if (form === 'whole') writeParticipation(w, root, plan.participation ?? null);

  const signed = w.doc.struct('Sect');
  root.add(signed);
  w.heading(signed, 2, TEXT.signaturesHeading, { outline: true });
  if (plan.signatures.length === 0) w.paragraph(signed, null, TEXT.notSigned);
  else
    w.columns(
      signed,
      [TEXT.signedBy, TEXT.signedRole, TEXT.signedHow, TEXT.signedOn],
      [0.25, 0.22, 0.28, 0.25],
      plan.signatures.map((s) => [s.who, s.role, s.how, printDate(s.on)]),
    );
}

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
  const action = { what: WARM_UP_TEXT, who: WARM_UP_TEXT, how: WARM_UP_TEXT, byWhen: '2026-03-05', howItHelps: WARM_UP_TEXT, status: WARM_UP_TEXT };
  await renderPlanPdf(
    {
      councilName: WARM_UP_TEXT,
      youngPerson: { name: 'Zoë Nguyễn', preferredName: 'Zo', dateOfBirth: '2008-03-05', reference: 'A-1' },
      version: 1,
      approvedOn: '2026-03-05',
      status: 'Approved',
      areas: [{ title: WARM_UP_TEXT, youngPersonWords: words, youngPersonScale: 5, workerScale: 5, assessmentOfNeed: WARM_UP_TEXT, progressSinceLastReview: WARM_UP_TEXT, goal: WARM_UP_TEXT, actions: [action], disagreement: WARM_UP_TEXT }],
      supportNetwork: [{ name: WARM_UP_TEXT, role: WARM_UP_TEXT }],
      financialArrangements: WARM_UP_TEXT,
      contingency: { triggers: WARM_UP_TEXT, actions: [{ what: WARM_UP_TEXT, who: WARM_UP_TEXT, byWhen: WARM_UP_TEXT }] },
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
 * contact details (no assessment of need, progress or scales).
 */
export async function renderPlanPdf(plan: PlanPrintModel, form: PlanPrintForm): Promise<Buffer> {
  if (form !== 'whole' && form !== 'planning') throw new TypeError(`Unknown plan print form: ${String(form)}`);
  const name = displayName(plan.youngPerson);
  const versionLine = TEXT.versionLine(plan.version, plan.status, plan.approvedOn ? printDate(plan.approvedOn) : null);

  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true, // for "Page X of Y"
    autoFirstPage: false,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
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

  const w = new PlanWriter(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  writeFrontPage(w, root, plan, form, versionLine);
  writePlan(w, root, plan, form);
  w.finish();
  w.furniture(name, form === 'planning' ? `${TEXT.planningMark} · ${versionLine}` : versionLine, TEXT.printedBy(plan.councilName, printDate(plan.generatedOn)));

  doc.end();
  return done;
}
