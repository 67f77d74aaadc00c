// Setting text in the plan PDF: lines broken at spaces, each line split into pieces by font and
// direction, pieces placed in visual order (Unicode bidi algorithm, bidi-js) and shaped by fontkit
// (Arabic joining, Devanagari conjuncts). A right-to-left paragraph is set flush right.
import bidiFactory, { type Bidi } from 'bidi-js';
import { familiesOf, fontOf, isRightToLeftFamily, type FamilyId, type Style } from './fonts.ts';

// bidi-js is CommonJS whose types declare an ES default export; Node hands over the factory itself.
const bidi = (bidiFactory as unknown as () => Bidi)();
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** A run of text in one font and direction, `x` points from the start of its line. */
export type Piece = { text: string; family: FamilyId; x: number; mirrored?: string };
export type Line = { pieces: Piece[]; width: number; rtl: boolean; endsParagraph: boolean };
export type Setting = { style: Style; size: number };

// Every line is as tall as a line of Noto Sans, whichever fonts it uses, so text lines up.
const sans = () => fontOf('sans', 'regular');
export const ascentOf = (size: number): number => (sans().ascent / sans().unitsPerEm) * size;
export const lineHeightOf = (size: number): number =>
  ((sans().ascent - sans().descent + sans().lineGap) / sans().unitsPerEm) * size;

// Widths of the same words come up again and again (labels, headings, repeated names).
const widths = new Map<string, number>();
function advance(text: string, family: FamilyId, { style, size }: Setting): number {
  const key = `${family}\u0000${style}\u0000${text}`;
  let units = widths.get(key);
  if (units === undefined) {
    const font = fontOf(family, style);
    units = (font.layout(text).advanceWidth / font.unitsPerEm) * 1000;
    if (widths.size > 50_000) widths.clear();
    widths.set(key, units);
  }
  return (units / 1000) * size;
}

/**
 * bidi-js reads UTF-16 code units and so takes an emoji's two halves for letters written left to
 * right; the algorithm treats symbols as neutral (they follow the text around them). Each half of a
 * symbol outside the first plane is given a neutral stand-in of the same length before the levels
 * are worked out.
 */
const forBidi = (text: string) =>
  text.replace(/[\p{Extended_Pictographic}\p{S}]/gu, (ch) => (ch.length === 2 ? '\uFFFC\uFFFC' : ch));

// Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko…) and the marks that make text so.
const RIGHT_TO_LEFT =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F\u202B\u202E\u2067]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDE7F]|\uD83A[\uDC00-\uDDFF]/;
/** The levels of a paragraph with nothing right to left in it (skips the algorithm for English). */
const leftToRight = (text: string): ReturnType<typeof bidi.getEmbeddingLevels> => ({
  levels: new Uint8Array(text.length),
  paragraphs: [{ start: 0, end: text.length - 1, level: 0 }],
});

type Word = { start: number; end: number; width: number }; // end exclusive, UTF-16 indices

/** Splits [start, end) into runs of one font, measured. */
function runsWidth(text: string, families: FamilyId[], start: number, end: number, setting: Setting): number {
  let width = 0;
  let from = start;
  for (let i = start + 1; i <= end; i++) {
    if (i === end || families[i] !== families[from]) {
      width += advance(text.slice(from, i), families[from], setting);
      from = i;
    }
  }
  return width;
}

/** Words of a paragraph (split at spaces); a word wider than the line is split between graphemes. */
function wordsOf(text: string, families: FamilyId[], maxWidth: number, setting: Setting): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/[^ ]+/g)) {
    const start = match.index;
    const end = start + match[0].length;
    const width = runsWidth(text, families, start, end, setting);
    if (width <= maxWidth) {
      words.push({ start, end, width });
      continue;
    }
    let from = start;
    let last = start;
    for (const { index } of graphemes.segment(match[0])) {
      const at = start + index;
      if (at > from && runsWidth(text, families, from, at, setting) > maxWidth && last > from) {
        words.push({ start: from, end: last, width: runsWidth(text, families, from, last, setting) });
        from = last;
      }
      last = at;
    }
    // The rest, possibly in two parts when its last grapheme does not fit with it.
    if (runsWidth(text, families, from, end, setting) > maxWidth && last > from) {
      words.push({ start: from, end: last, width: runsWidth(text, families, from, last, setting) });
      from = last;
    }
    words.push({ start: from, end, width: runsWidth(text, families, from, end, setting) });
  }
  return words;
}

/** The pieces of one line in visual order, left to right. */
function piecesOf(
  text: string,
  families: FamilyId[],
  levels: ReturnType<typeof bidi.getEmbeddingLevels>,
  start: number,
  end: number,
  setting: Setting,
): { pieces: Piece[]; width: number } {
  // The indices of the whole paragraph, with this line's reordered in place.
  const order = levels.levels.some((l) => l > 0)
    ? bidi.getReorderedIndices(text, levels, start, end - 1).slice(start, end)
    : Array.from({ length: end - start }, (_, k) => start + k);
  const level = (i: number) => levels.levels[i];
  const spaceWidth = advance(' ', 'sans', setting);
  const pieces: Piece[] = [];
  let x = 0;
  let i = 0;
  while (i < order.length) {
    const first = order[i];
    if (text[first] === ' ') {
      x += spaceWidth;
      i++;
      continue;
    }
    const family = families[first];
    const rtl = level(first) % 2 === 1;
    // Right-to-left text in a left-to-right font (emoji, brackets, Latin punctuation) is placed one
    // grapheme at a time; in an Arabic or Hebrew font, fontkit orders the glyphs of the whole run.
    const oneByOne = rtl && !isRightToLeftFamily(family);
    let j = i + 1;
    let lo = first;
    let hi = first;
    while (j < order.length) {
      const next = order[j];
      const step = rtl ? next === lo - 1 : next === hi + 1;
      // Left-to-right text in Noto Sans keeps its spaces: one piece for a line of English.
      const joinSpace = !rtl && family === 'sans' && text[next] === ' ' && level(next) === level(first);
      if (
        !step ||
        level(next) !== level(first) ||
        (text[next] === ' ' && !joinSpace) ||
        (text[next] !== ' ' && families[next] !== family)
      )
        break;
      if (oneByOne && !(next === first - 1 && /[\uDC00-\uDFFF]/.test(text[first]))) break; // keep a surrogate pair together
      if (rtl) lo = next;
      else hi = next;
      j++;
    }
    // A left-to-right piece does not end with a space it gathered.
    while (!rtl && hi > lo && text[hi] === ' ') {
      hi--;
      j--;
    }
    const piece = text.slice(lo, hi + 1);
    // A bracket in right-to-left text is drawn facing the other way: "(" as ")".
    const mirrored = oneByOne ? bidi.getMirroredCharacter(piece) : null;
    pieces.push(mirrored ? { text: piece, family, x, mirrored } : { text: piece, family, x });
    x +=
      family === 'sans' && !rtl
        ? piece
            .split(' ')
            .reduce((w, part, k) => w + (k > 0 ? spaceWidth : 0) + (part ? advance(part, family, setting) : 0), 0)
        : runsWidth(text, families, lo, hi + 1, setting);
    i = j;
  }
  return { pieces, width: x };
}

// Text is measured (to keep blocks whole on a page) and then drawn: laid out once for both.
const laidOut = new Map<string, Line[]>();

/** Lays out text (which may hold line breaks) in lines no wider than `width`. */
export function layoutText(text: string, width: number, setting: Setting): Line[] {
  const key = `${setting.style}\u0000${setting.size}\u0000${width}\u0000${text}`;
  let lines = laidOut.get(key);
  if (!lines) {
    lines = layoutParagraphs(text, width, setting);
    if (laidOut.size > 500) laidOut.clear();
    laidOut.set(key, lines);
  }
  return lines;
}

function layoutParagraphs(text: string, width: number, setting: Setting): Line[] {
  const lines: Line[] = [];
  for (const paragraph of text.split('\n')) {
    if (paragraph.trim() === '') {
      lines.push({ pieces: [], width: 0, rtl: false, endsParagraph: true });
      continue;
    }
    const families = familiesOf(paragraph);
    const levels = RIGHT_TO_LEFT.test(paragraph) ? bidi.getEmbeddingLevels(forBidi(paragraph)) : leftToRight(paragraph);
    const rtl = (levels.paragraphs[0]?.level ?? 0) % 2 === 1;
    const spaceWidth = advance(' ', 'sans', setting);
    const words = wordsOf(paragraph, families, width, setting);
    let first = 0;
    let used = 0;
    const flush = (upTo: number) => {
      const { pieces, width: lineWidth } = piecesOf(
        paragraph,
        families,
        levels,
        words[first].start,
        words[upTo - 1].end,
        setting,
      );
      // The space where a line wraps is kept (not seen), so text read or copied from the page
      // does not run the last word of one line into the first of the next.
      if (upTo < words.length && words[upTo].start > words[upTo - 1].end) {
        const last = pieces.at(-1);
        if (!rtl && last && last.family === 'sans' && !last.mirrored) last.text += ' ';
        else pieces.push({ text: ' ', family: 'sans', x: rtl ? -spaceWidth : lineWidth });
      }
      lines.push({ pieces, width: lineWidth, rtl, endsParagraph: false });
      first = upTo;
    };
    words.forEach((word, k) => {
      const gap = k > first ? (word.start - words[k - 1].end) * spaceWidth : 0;
      if (k > first && used + gap + word.width > width) {
        flush(k);
        used = word.width;
      } else used += gap + word.width;
    });
    flush(words.length);
    lines[lines.length - 1].endsParagraph = true;
  }
  return lines;
}

/** The first line of text, cut short with "…" when it does not fit in `width`. */
export function oneLine(text: string, width: number, setting: Setting): Line {
  const whole = layoutText(text.replace(/\n/g, ' '), Number.POSITIVE_INFINITY, setting)[0];
  if (whole.width <= width) return whole;
  const parts = Array.from(graphemes.segment(text.replace(/\n/g, ' ')), (s) => s.segment);
  let lo = 0;
  let hi = parts.length;
  let best = layoutText('…', Number.POSITIVE_INFINITY, setting)[0];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const line = layoutText(`${parts.slice(0, mid).join('').trimEnd()}…`, Number.POSITIVE_INFINITY, setting)[0];
    if (line.width <= width) {
      best = line;
      lo = mid;
    } else hi = mid - 1;
  }
  return best;
}
