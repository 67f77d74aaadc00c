// A small writer over pdfkit for the plan PDF: keeps headings with what follows, keeps blocks whole
// where they fit on a page, lets longer text flow on, tags what it draws (structure elements for
// content, artifacts for decoration and page furniture), and sets text with text-layout.ts.
import { printable, type Style } from './fonts.ts';
import { COLOUR, CONTENT_WIDTH, GUTTER, H2_RULE, HEADING, LINE, LINE_GAP, MARGIN, PARA_GAP, SIZE } from './page.ts';
import { printDate } from './dates.ts';
import { languageOf } from '../i18n.ts';
import { TEXT, type PlanWords } from './plan-words.ts';
import { DocumentFonts } from './text-drawing.ts';
import { layoutText, lineHeightOf, oneLine, type Line, type Setting } from './text-layout.ts';

export type Doc = PDFKit.PDFDocument;
export type Struct = PDFKit.PDFStructureElement;
export type Row = readonly [label: string, value: string | null];
type Heading = { parent: Struct; level: 1 | 2 | 3; text: string; outline: boolean };

export class PlanWriter {
  /** Headings wait for the block that follows them, so a heading never ends a page on its own. */
  private pending: Heading[] = [];

  private setting: Setting = { style: 'regular', size: SIZE.body };
  private readonly fonts: DocumentFonts;

  /** The words and dates in the language of the person downloading the plan (English for staff). */
  constructor(
    readonly doc: Doc,
    readonly words: PlanWords = TEXT,
    readonly lang: string = 'en',
  ) {
    this.fonts = new DocumentFonts(doc);
  }

  /** Whether the plan's language reads right to left (Arabic, Pashto, Dari, Sorani): its tables are mirrored. */
  get rightToLeft(): boolean {
    return languageOf(this.lang)?.dir === 'rtl';
  }

  /** A date as the plan prints it, in the plan's language. */
  date(value: string): string {
    return printDate(value, this.lang);
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

  useFont(name: Style, size: number = SIZE.body, colour: string = COLOUR.text): void {
    this.setting = { style: name, size };
    this.doc.fillColor(colour);
  }

  private heightOfLines(lines: readonly Line[], size: number): number {
    return lines.reduce((sum, line) => sum + lineHeightOf(size) + LINE_GAP + (line.endsParagraph ? PARA_GAP : 0), 0);
  }

  heightOf(text: string, width: number, font: Style = 'regular', size: number = SIZE.body): number {
    return this.heightOfLines(layoutText(text, width, { style: font, size }), size);
  }

  /**
   * Sets text in the current font from (x, y), `width` wide, leaving doc.y below it. A line that
   * does not fit on the page goes on to the next, inside the same tagged content.
   */
  write(text: string, x: number, y: number, width: number): void {
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
      this.doc
        .moveTo(MARGIN.left, y)
        .lineTo(MARGIN.left + CONTENT_WIDTH, y)
        .lineWidth(width)
        .strokeColor(colour)
        .stroke();
    });
  }

  private draw(
    parent: Struct,
    type: string,
    text: string,
    x: number,
    width: number,
    font: Style,
    size: number,
    colour: string,
  ): void {
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
  startBlock(keep: number): void {
    const headings = this.pending;
    this.pending = [];
    const height = headings.reduce((sum, h, i) => {
      const { size, above, below } = HEADING[h.level];
      return (
        sum +
        (i > 0 || !this.atTop ? above : 0) +
        (h.level === 2 ? H2_RULE : 0) +
        this.heightOf(h.text, CONTENT_WIDTH, 'bold', size) +
        below
      );
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

  text(
    parent: Struct,
    type: string,
    text: string,
    options: { font?: Style; size?: number; colour?: string; gapAfter?: number } = {},
  ): void {
    const { font = 'regular', size = SIZE.body, colour = COLOUR.text, gapAfter = 8 } = options;
    const shown = printable(text);
    this.startBlock(Math.min(this.heightOf(shown, CONTENT_WIDTH, font, size), 3 * LINE));
    this.draw(parent, type, shown, MARGIN.left, CONTENT_WIDTH, font, size, colour);
    this.doc.y += gapAfter;
  }

  paragraph(parent: Struct, text: string | null, empty: string = this.words.notRecorded): void {
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
    this.draw(
      parent,
      'BlockQuote',
      words,
      MARGIN.left + indent,
      CONTENT_WIDTH - indent,
      'regular',
      SIZE.body,
      COLOUR.text,
    );
    // A bar only when the words stayed on one page; longer words flow on without it.
    if (this.doc.page === page) {
      const end = this.doc.y - PARA_GAP;
      this.artifact(() => {
        this.doc.rect(MARGIN.left, top, 4, end - top).fill(COLOUR.rule);
      });
    }
    this.doc.y += 12;
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
    const pair = (left: string, leftFont: Style, rightText: string, rightFont: Style, y: number) => {
      this.useFont(rightFont, SIZE.furniture, rightFont === 'bold' ? COLOUR.text : COLOUR.secondary);
      const rightWidth = Math.min(
        oneLine(rightText, Number.POSITIVE_INFINITY, this.setting).width + 1,
        CONTENT_WIDTH * 0.6,
      );
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
      pair(printable(footerLeft), 'regular', this.words.page(i - start + 1, count), 'bold', footY);
      this.doc.lineWidth(0.75).strokeColor(COLOUR.rule);
      this.doc.moveTo(MARGIN.left, 50).lineTo(right, 50).stroke();
      this.doc
        .moveTo(MARGIN.left, footY - 8)
        .lineTo(right, footY - 8)
        .stroke();
      this.doc.endMarkedContent();
      page.margins.bottom = savedBottom;
    }
  }
}
