// Drawing laid-out lines with pdfkit, so that the text layer gives back the words as written.
//
// A PDF font maps each glyph to one string of characters. Some glyphs stand for different letters
// in different places: Arabic letters that differ only in their dots share one shape (the middle
// of "بيتي" is "ي" then "ت" in the same shape), and a Devanagari vowel sign drawn before its
// consonant stands for the whole cluster. So a font is embedded under as many names as it needs:
// each glyph is drawn with the first embedding whose map agrees with what it stands for here, and
// another embedding is added only when none does (for English text, never).
import type { Glyph, GlyphPosition } from 'fontkit';
import { fontOf, withCodePoints, type FamilyId, type Style } from './fonts.ts';
import { ascentOf, type Line, type Setting } from './text-layout.ts';

type Shaped = { glyphs: Glyph[]; positions: GlyphPosition[] };
type Embedding = { name: string; text: Map<number, string>; runs: Map<string, Shaped> };

// Shaping the same words again gives the same glyphs: names, labels and headings repeat on every page.
const shapedRuns = new Map<string, Shaped>();
function shape(family: FamilyId, style: Style, text: string): Shaped {
  const key = `${family}\u0000${style}\u0000${text}`;
  let run = shapedRuns.get(key);
  if (!run) {
    const { glyphs, positions } = fontOf(family, style).layout(text);
    // Plain objects with just the four numbers: pdfkit scales every property of each one it is given.
    run = {
      glyphs,
      positions: positions.map(
        ({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset }) as GlyphPosition,
      ),
    };
    if (shapedRuns.size > 500) shapedRuns.clear(); // each holds its glyphs; labels and headings repeat most
    shapedRuns.set(key, run);
  }
  return run;
}

const textOf = (glyph: Glyph) => String.fromCodePoint(...glyph.codePoints);

export class DocumentFonts {
  private readonly embeddings = new Map<string, Embedding[]>();
  private runCount = 0;

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private embeddingFor(family: FamilyId, style: Style, glyph: Glyph): Embedding {
    const key = `${family}-${style}`;
    const list = this.embeddings.get(key) ?? [];
    this.embeddings.set(key, list);
    const text = textOf(glyph);
    let embedding = list.find((e) => (e.text.get(glyph.id) ?? text) === text);
    if (!embedding) {
      const font = fontOf(family, style);
      const n = list.length + 1;
      const runs = new Map<string, Shaped>();
      // pdfkit lays out what it is given with font.layout: this one hands back glyphs already shaped
      // (the "text" is a key), and has its own PostScript name so pdfkit does not merge it with the first.
      const proxy = Object.create(font, {
        postscriptName: { value: n === 1 ? font.postscriptName : `${font.postscriptName}-${n}` },
        layout: {
          value: (key: string) => {
            const run = runs.get(key)!;
            const positions = run.positions.map((p) => ({ ...p })); // pdfkit scales them in place
            return { glyphs: run.glyphs, positions, advanceWidth: positions.reduce((sum, p) => sum + p.xAdvance, 0) };
          },
        },
      });
      embedding = { name: `${key}-${n}`, text: new Map(), runs };
      // pdfkit takes a parsed fontkit font wherever it takes font bytes (PDFFontFactory.open); its types do not say so.
      this.doc.registerFont(embedding.name, proxy as PDFKit.Mixins.PDFFontSource);
      list.push(embedding);
    }
    if (!embedding.text.has(glyph.id)) embedding.text.set(glyph.id, text);
    return embedding;
  }

  /** Draws one line with its top at `y`: from `x`, or flush right in `width` for a right-to-left paragraph. */
  drawLine(line: Line, x: number, y: number, width: number, setting: Setting): void {
    const start = line.rtl ? x + width - line.width : x;
    const baseline = y + ascentOf(setting.size);
    const { x: savedX, y: savedY } = this.doc; // pdfkit moves them; the caller places lines itself
    for (const piece of line.pieces) {
      const font = fontOf(piece.family, setting.style);
      const scale = setting.size / font.unitsPerEm;
      const shaped = shape(piece.family, setting.style, piece.mirrored ?? piece.text);
      const { positions } = shaped;
      // A mirrored bracket is one glyph, and stands for the character that was written.
      const glyphs = piece.mirrored
        ? shaped.glyphs.map((g) =>
            withCodePoints(
              g,
              Array.from(piece.text, (c) => c.codePointAt(0)!),
            ),
          )
        : shaped.glyphs;
      let at = start + piece.x;
      let i = 0;
      while (i < glyphs.length) {
        // The longest stretch of glyphs that one embedding can draw.
        const embedding = this.embeddingFor(piece.family, setting.style, glyphs[i]);
        let j = i + 1;
        while (j < glyphs.length && this.embeddingFor(piece.family, setting.style, glyphs[j]) === embedding) j++;
        const key = `\uE000${(++this.runCount).toString(36)}`; // no spaces: pdfkit splits text at spaces
        embedding.runs.set(key, { glyphs: glyphs.slice(i, j), positions: positions.slice(i, j) });
        this.doc.font(embedding.name).fontSize(setting.size);
        this.doc.text(key, at, baseline, { lineBreak: false, baseline: 'alphabetic' });
        at += positions.slice(i, j).reduce((sum, p) => sum + p.xAdvance, 0) * scale;
        i = j;
      }
    }
    this.doc.x = savedX;
    this.doc.y = savedY;
  }
}
