// The page: A4, GOV.UK Frontend colours and type sizes, margins, and the spacing the plan PDF uses.

// GOV.UK Frontend colours: text 19:1 and secondary text 9:1 against white.
export const COLOUR = {
  text: '#0b0c0c',
  secondary: '#484949',
  rule: '#b1b4b6',
  fill: '#f3f2f1',
  accent: '#1d70b8',
} as const;
export const SIZE = { body: 12, h1: 24, h2: 18, h3: 14, furniture: 10 } as const;
export const LINE_GAP = 2;
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 72, bottom: 64, left: 56, right: 56 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
export const CELL_PAD_Y = 6;
export const GUTTER = 12;
export const LABEL_WIDTH = 132;
export const PARA_GAP = 4;
export const HEADING = {
  1: { size: SIZE.h1, above: 0, below: 10 },
  2: { size: SIZE.h2, above: 18, below: 6 },
  3: { size: SIZE.h3, above: 10, below: 4 },
} as const;
export const H2_RULE = 8; // the blue rule above a second-level heading, and the space under it
export const LINE = SIZE.body * 1.362 + LINE_GAP; // Noto Sans ascent + descent at 12pt, plus the gap
