// Tables in the plan PDF: label/value rows (GOV.UK summary list) and tables with column headers,
// both tagged as tables and kept whole on a page where they fit.
import { printable } from './fonts.ts';
import { CELL_PAD_Y, COLOUR, CONTENT_WIDTH, GUTTER, LABEL_WIDTH, LINE, MARGIN, SIZE } from './page.ts';
import type { PlanWriter, Row, Struct } from './plan-writer.ts';

/**
 * Label/value rows (GOV.UK summary list), optionally under a shaded caption such as "Action 1 of 4".
 * The block moves to a new page when it would fit there whole; otherwise rows are kept whole,
 * the caption is repeated on the next page, and a value longer than a page flows on.
 */
export function summary(w: PlanWriter, parent: Struct, rows: readonly Row[], caption?: string): void {
  const valueWidth = CONTENT_WIDTH - LABEL_WIDTH - GUTTER;
  // Right to left, the label is on the right and its value on its left (the tags keep label, then value).
  const labelX = w.rightToLeft ? MARGIN.left + valueWidth + GUTTER : MARGIN.left;
  const valueX = w.rightToLeft ? MARGIN.left : MARGIN.left + LABEL_WIDTH + GUTTER;
  const prepared = rows.map(([label, value]) => {
    const shown = printable(value?.trim() ? value.trim() : w.words.notRecorded);
    const labelShown = printable(label);
    const height =
      Math.max(w.heightOf(labelShown, LABEL_WIDTH, 'bold'), w.heightOf(shown, valueWidth)) + 2 * CELL_PAD_Y;
    return { label: labelShown, value: shown, missing: !value?.trim(), height };
  });
  const captionText = caption ? printable(caption) : null;
  const captionHeight = captionText ? w.heightOf(captionText, CONTENT_WIDTH - 16, 'bold') + 2 * CELL_PAD_Y : 0;
  const total = captionHeight + prepared.reduce((sum, r) => sum + r.height, 0);
  const firstRow = Math.min(prepared[0]?.height ?? 0, 3 * LINE + 2 * CELL_PAD_Y);
  w.startBlock(total <= w.pageHeight ? total : captionHeight + firstRow);

  const table = w.doc.struct('Table');
  parent.add(table);
  const drawCaption = (repeat: boolean) => {
    if (!captionText) return;
    const y = w.doc.y;
    w.artifact(() => {
      w.doc.rect(MARGIN.left, y, CONTENT_WIDTH, captionHeight).fill(COLOUR.fill);
    });
    w.useFont('bold');
    const draw = () => {
      w.write(
        repeat ? printable(w.words.continued(captionText)) : captionText,
        MARGIN.left + 8,
        y + CELL_PAD_Y,
        CONTENT_WIDTH - 16,
      );
    };
    if (repeat) w.artifact(draw);
    else w.tag(table, 'Caption', draw);
    w.doc.x = MARGIN.left;
    w.doc.y = y + captionHeight;
  };
  drawCaption(false);

  for (const row of prepared) {
    if (w.doc.y + row.height > w.bottom) {
      const fitsOnAPage = row.height + captionHeight <= w.pageHeight;
      const startsHere = w.doc.y + 3 * LINE + 2 * CELL_PAD_Y <= w.bottom;
      if (fitsOnAPage || !startsHere) {
        w.newPage();
        drawCaption(true);
      }
    }
    const tr = w.doc.struct('TR');
    table.add(tr);
    const rowTop = w.doc.y;
    const startPage = w.doc.page;
    w.useFont('bold');
    w.tag(
      tr,
      'TH',
      () => {
        w.write(row.label, labelX, rowTop + CELL_PAD_Y, LABEL_WIDTH);
      },
      'Row',
    );
    const labelBottom = w.doc.y;
    w.useFont('regular', SIZE.body, row.missing ? COLOUR.secondary : COLOUR.text);
    w.tag(tr, 'TD', () => {
      w.write(row.value, valueX, rowTop + CELL_PAD_Y, valueWidth);
    });
    const end = (w.doc.page === startPage ? Math.max(labelBottom, w.doc.y) : w.doc.y) + CELL_PAD_Y;
    w.rule(end);
    w.doc.x = MARGIN.left;
    w.doc.y = end;
  }
  w.doc.y += 14;
}

/**
 * A table with column headers (repeated on each page it continues onto). `widths` are fractions
 * of the page width. A row taller than a page is printed as label/value rows instead, so no
 * words are ever cut.
 */
export function columns(
  w: PlanWriter,
  parent: Struct,
  headers: readonly string[],
  widths: readonly number[],
  rows: readonly (readonly string[])[],
): void {
  const gutters = GUTTER * (headers.length - 1);
  const colWidths = widths.map((w) => w * (CONTENT_WIDTH - gutters));
  const before = colWidths.map((_, i) => colWidths.slice(0, i).reduce((a, b) => a + b, 0) + GUTTER * i);
  // Right to left, the first column is at the right.
  const colX = before.map((b, i) => (w.rightToLeft ? MARGIN.left + CONTENT_WIDTH - b - colWidths[i] : MARGIN.left + b));
  const heads = headers.map(printable);
  const headHeight = Math.max(...heads.map((h, i) => w.heightOf(h, colWidths[i], 'bold'))) + 2 * CELL_PAD_Y;
  const prepared = rows.map((cells) => {
    const shown = cells.map((c) => printable(c.trim() || '–'));
    return { cells: shown, height: Math.max(...shown.map((c, i) => w.heightOf(c, colWidths[i]))) + 2 * CELL_PAD_Y };
  });
  // Short tables (who signed, say) stay on one page; longer ones start with at least one row.
  const total = headHeight + prepared.reduce((sum, r) => sum + r.height, 0);
  w.startBlock(total <= w.pageHeight / 2 ? total : headHeight + Math.min(prepared[0]?.height ?? 0, w.pageHeight / 2));

  const table = w.doc.struct('Table');
  parent.add(table);
  const drawHeader = (repeat: boolean) => {
    const y = w.doc.y;
    w.useFont('bold');
    if (repeat) {
      w.artifact(() => {
        for (const [i, h] of heads.entries()) w.write(h, colX[i], y + CELL_PAD_Y, colWidths[i]);
      });
    } else {
      const tr = w.doc.struct('TR');
      table.add(tr);
      for (const [i, h] of heads.entries()) {
        w.tag(tr, 'TH', () => w.write(h, colX[i], y + CELL_PAD_Y, colWidths[i]), 'Column');
      }
    }
    w.rule(y + headHeight, COLOUR.text, 1.5);
    w.doc.x = MARGIN.left;
    w.doc.y = y + headHeight;
  };
  drawHeader(false);

  for (const row of prepared) {
    if (row.height + headHeight > w.pageHeight) {
      // Too tall for any page: print this row as label/value rows, which can flow.
      summary(
        w,
        parent,
        heads.map((h, i) => [h, row.cells[i]] as const),
      );
      continue;
    }
    if (w.doc.y + row.height > w.bottom) {
      w.newPage();
      drawHeader(true);
    }
    const tr = w.doc.struct('TR');
    table.add(tr);
    const y = w.doc.y;
    w.useFont('regular');
    for (const [i, cell] of row.cells.entries()) {
      w.tag(tr, 'TD', () => w.write(cell, colX[i], y + CELL_PAD_Y, colWidths[i]));
    }
    w.rule(y + row.height);
    w.doc.x = MARGIN.left;
    w.doc.y = y + row.height;
  }
  w.doc.y += 14;
}
