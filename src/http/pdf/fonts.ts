// Fonts for the plan PDF: which font draws each character, loaded only when a plan needs it, and
// a text layer that gives back exactly the characters that were drawn.
//
// Noto Sans draws Latin, Greek, Cyrillic and Devanagari. Arabic script (Arabic, Urdu, Farsi,
// Pashto), Hebrew, Ethiopic (Tigrinya, Amharic) and emoji (monochrome: a PDF to keep needs no
// colour) come from their own Noto fonts, each parsed the first time a plan contains that script.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create as createFont, type Font, type Glyph, type GlyphRun } from 'fontkit';

export type Style = 'regular' | 'bold';
export type FamilyId = 'sans' | 'arabic' | 'hebrew' | 'ethiopic' | 'emoji';

type Family = { files: Record<Style, string>; rtl: boolean; tryFor: (codePoint: number) => boolean };
const inRanges = (ranges: readonly (readonly [number, number])[]) => (c: number) =>
  ranges.some(([a, b]) => c >= a && c <= b);
const EXPO = '@expo-google-fonts';

/** Each family's files, direction, and the characters it is tried for (FAMILY_ORDER says in which order). */
const FAMILIES: Record<FamilyId, Family> = {
  sans: {
    files: {
      regular: `${EXPO}/noto-sans/400Regular/NotoSans_400Regular.ttf`,
      bold: `${EXPO}/noto-sans/700Bold/NotoSans_700Bold.ttf`,
    },
    rtl: false,
    tryFor: () => true,
  },
  arabic: {
    files: {
      regular: `${EXPO}/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf`,
      bold: `${EXPO}/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf`,
    },
    rtl: true,
    tryFor: inRanges([
      [0x0600, 0x06ff],
      [0x0750, 0x077f],
      [0x0870, 0x08ff],
      [0xfb50, 0xfdff],
      [0xfe70, 0xfeff],
    ]),
  },
  hebrew: {
    files: {
      regular: `${EXPO}/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf`,
      bold: `${EXPO}/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf`,
    },
    rtl: true,
    tryFor: inRanges([
      [0x0590, 0x05ff],
      [0xfb1d, 0xfb4f],
    ]),
  },
  ethiopic: {
    files: {
      regular: `${EXPO}/noto-sans-ethiopic/400Regular/NotoSansEthiopic_400Regular.ttf`,
      bold: `${EXPO}/noto-sans-ethiopic/700Bold/NotoSansEthiopic_700Bold.ttf`,
    },
    rtl: false,
    tryFor: inRanges([
      [0x1200, 0x139f],
      [0x2d80, 0x2ddf],
      [0xab00, 0xab2f],
      [0x1e7e0, 0x1e7ff],
    ]),
  },
  emoji: {
    files: {
      regular: `${EXPO}/noto-emoji/400Regular/NotoEmoji_400Regular.ttf`,
      bold: `${EXPO}/noto-emoji/700Bold/NotoEmoji_700Bold.ttf`,
    },
    rtl: false,
    // Symbols, dingbats and emoji; not CJK or other scripts, so an unknown script does not load it.
    tryFor: inRanges([
      [0x00a9, 0x00a9],
      [0x00ae, 0x00ae],
      [0x2000, 0x2bff],
      [0x3030, 0x3030],
      [0x303d, 0x303d],
      [0x3297, 0x3299],
      [0x1f000, 0x1faff],
    ]),
  },
};
// A script's own font first (so an Arabic comma or digit matches the Arabic around it), then Noto
// Sans for everything else, then emoji.
const FAMILY_ORDER: FamilyId[] = ['arabic', 'hebrew', 'ethiopic', 'sans', 'emoji'];

export const isRightToLeftFamily = (family: FamilyId): boolean => FAMILIES[family].rtl;

// Parsed once per process and shared by every document: parsing a font's layout tables costs far
// more than laying out a whole plan, and pdfkit accepts a parsed fontkit font in place of bytes
// (it embeds a fresh subset per document).
const parsed = new Map<string, Font>();
const require = createRequire(import.meta.url);

/** The parsed font of a family and style, read from its npm package the first time it is asked for. */
export function fontOf(family: FamilyId, style: Style): Font {
  const file = FAMILIES[family].files[style];
  let font = parsed.get(file);
  if (!font) {
    const opened = createFont(readFileSync(require.resolve(file)));
    if (!('layout' in opened)) throw new Error(`${file} is a font collection, not a single font`);
    font = withTrueCodePoints(opened);
    parsed.set(file, font);
  }
  return font;
}

/** How many fonts this process has parsed so far (fallback fonts load only when a plan needs them). */
export const loadedFontCount = (): number => parsed.size;

// ---------------------------------------------------------------------------------------------
// The text layer. pdfkit maps each glyph to the characters it stands for from `glyph.codePoints`,
// but fontkit caches one Glyph object per glyph id with the code points of whichever call created
// it first. Writing the subset of a document creates the components of composite glyphs with no
// code points ("Ó" is built from "O" and an accent), so after one plan with "Ó" every later plan
// in the process mapped "O" to nothing: "ctober", "scar". So a glyph asked for with other code
// points than the cached one's gets its own copy (sharing the cached glyph's metrics), and each
// layout's glyphs carry the characters of their own run, in reading order, even where shaping
// reorders or merges glyphs (Devanagari vowel signs drawn before their consonant, Arabic letters
// drawn as a shared shape and their dots).

type Layout = (text: string, ...rest: unknown[]) => GlyphRun;
type GetGlyph = (id: number, codePoints?: number[]) => Glyph;

function withTrueCodePoints(font: Font): Font {
  const layout = font.layout.bind(font) as Layout;
  const getGlyph = font.getGlyph.bind(font) as GetGlyph;
  const copies = new Map<string, Glyph>();
  const own = font as unknown as { layout: Layout; getGlyph: GetGlyph };
  own.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === codePoints.length && glyph.codePoints.every((c, i) => c === codePoints[i]))
      return glyph;
    const key = `${id}:${codePoints.join(',')}`;
    let copy = copies.get(key);
    if (!copy) {
      copy = copyOf(glyph, codePoints);
      copies.set(key, copy);
    }
    return copy;
  };
  own.layout = (text, ...rest) => {
    const run = layout(text, ...rest);
    run.glyphs = inReadingOrder(run.glyphs, text, run.direction === 'rtl');
    return run;
  };
  return font;
}

/** A fontkit glyph standing for other characters (for fontkit's own use while it lays out text). */
function copyOf(glyph: Glyph, codePoints: number[]): Glyph {
  return Object.create(glyph, { codePoints: { value: codePoints, enumerable: true } }) as Glyph;
}

/**
 * A glyph as laid out, standing for `codePoints`: what pdfkit reads of it (id, advance width, code
 * points). A plain object: laying out makes thousands, and copies of fontkit's glyphs made with
 * Object.create slowed pdfkit down by half.
 */
export function withCodePoints(glyph: Glyph, codePoints: number[]): Glyph {
  return { id: glyph.id, advanceWidth: glyph.advanceWidth, codePoints } as Glyph;
}

const sameMultiset = (a: number[], b: number[]) => {
  if (a.length !== b.length) return false;
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  return x.every((v, i) => v === y[i]);
};

/**
 * Gives each glyph the characters it stands for so that reading the glyphs in order (right to left
 * for a right-to-left run, as PDF readers do) gives back `text` exactly.
 */
function inReadingOrder(glyphs: Glyph[], text: string, rtl: boolean): Glyph[] {
  const order = rtl ? [...glyphs].reverse() : glyphs;
  const wanted = Array.from(text, (ch) => ch.codePointAt(0)!);
  const out: Glyph[] = [];
  let pos = 0;
  let i = 0;
  while (i < order.length) {
    const own = order[i].codePoints;
    if (own.every((c, k) => wanted[pos + k] === c)) {
      out.push(withCodePoints(order[i], own));
      pos += own.length;
      i++;
      continue;
    }
    // A reordered or merged cluster: the shortest run of glyphs whose characters are the next ones
    // in the text. fontkit sometimes loses a character's code point (the "र्" of a reph); then the
    // cluster runs to the next space, which it always keeps.
    let j = i;
    const seen: number[] = [];
    for (; j < order.length; j++) {
      seen.push(...order[j].codePoints);
      if (sameMultiset(seen, wanted.slice(pos, pos + seen.length))) break;
    }
    let end = pos + seen.length;
    if (j >= order.length) {
      const space = wanted.indexOf(0x20, pos);
      end = space < 0 ? wanted.length : space;
      const glyphSpace = order.findIndex((g, k) => k > i && g.codePoints.length === 1 && g.codePoints[0] === 0x20);
      j = glyphSpace < 0 ? order.length - 1 : glyphSpace - 1;
    }
    // Its characters go one each, in order, to the glyphs that take up space (a reader lays a
    // glyph's characters out left to right, which would turn a right-to-left pair round); the last
    // takes any left over, and marks (dots, vowel signs placed over a letter) stand for nothing.
    const cluster = order.slice(i, j + 1);
    const chars = wanted.slice(pos, end);
    const spacing = cluster.filter((g) => g.advanceWidth > 0);
    const takers = spacing.length > 0 ? spacing : cluster.slice(0, 1);
    for (const glyph of cluster) {
      const n = takers.indexOf(glyph);
      out.push(withCodePoints(glyph, n < 0 ? [] : n === takers.length - 1 ? chars.slice(n) : chars.slice(n, n + 1)));
    }
    pos = end;
    i = j + 1;
  }
  return rtl ? out.reverse() : out;
}

// ---------------------------------------------------------------------------------------------
// Which font draws each character.

// Emoji presentation selectors, joiners and skin tones have no glyph and no meaning on their own in
// a one-colour print.
const INVISIBLE = /[\uFE0E\uFE0F\u200D]|\uD83C[\uDFFB-\uDFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes (no glyph can print them)
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const MARK = /^[\p{M}\u200C]$/u;
export const REPLACEMENT = '\uFFFD';

const chosen = new Map<number, FamilyId | null>();

/** The first family, in order, whose font (in both styles, so bold text matches) has a glyph for the character. */
export function familyFor(codePoint: number): FamilyId | null {
  const known = chosen.get(codePoint);
  if (known !== undefined) return known;
  let found: FamilyId | null = null;
  for (const family of FAMILY_ORDER) {
    if (!FAMILIES[family].tryFor(codePoint)) continue;
    if (
      fontOf(family, 'regular').hasGlyphForCodePoint(codePoint) &&
      fontOf(family, 'bold').hasGlyphForCodePoint(codePoint)
    ) {
      found = family;
      break;
    }
  }
  chosen.set(codePoint, found);
  return found;
}

/** The family for each character of printable text; a combining mark goes with the letter before it. */
export function familiesOf(text: string): FamilyId[] {
  const out: FamilyId[] = [];
  let previous: FamilyId = 'sans';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    let family: FamilyId;
    if (MARK.test(ch) && fontOf(previous, 'regular').hasGlyphForCodePoint(cp)) family = previous;
    else family = familyFor(cp) ?? 'sans';
    out.push(family);
    if (ch.length === 2) out.push(family); // both halves of a surrogate pair
    previous = family;
  }
  return out;
}

/**
 * Text as it will print: NFC (so "ễ" is one glyph however it was typed), no control characters,
 * and any character no font here can draw shown as "�" rather than as an empty box or dropped.
 */
export function printable(text: string): string {
  const clean = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '');
  let out = '';
  for (const ch of clean) {
    const cp = ch.codePointAt(0)!;
    out += cp === 0x0a || cp === 0x20 || familyFor(cp) !== null || MARK.test(ch) ? ch : REPLACEMENT;
  }
  return out;
}
