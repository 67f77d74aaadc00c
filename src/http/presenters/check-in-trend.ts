// A young person's check-ins as a small line chart drawn on the server (issue 12 §1: their own trend, as
// a picture on their phone). Pure geometry: the page draws it as SVG, with the same numbers in a table.
export type TrendPoint = { feeling: number; checkedInAt: Date };

export const TREND_WIDTH = 300;
export const TREND_HEIGHT = 150;
const PAD = 20;

/** Oldest on the left, newest on the right; 5 (really good) at the top, 1 at the bottom. */
export function checkInTrend(newestFirst: readonly TrendPoint[]) {
  const points = [...newestFirst].reverse();
  const step = points.length > 1 ? (TREND_WIDTH - 2 * PAD) / (points.length - 1) : 0;
  const yOf = (feeling: number) => PAD + ((5 - feeling) * (TREND_HEIGHT - 2 * PAD)) / 4;
  const placed = points.map((p, i) => ({
    ...p,
    x: Math.round(points.length > 1 ? PAD + i * step : TREND_WIDTH / 2),
    y: Math.round(yOf(p.feeling)),
  }));
  return {
    width: TREND_WIDTH,
    height: TREND_HEIGHT,
    points: placed,
    line: placed.map((p) => `${p.x},${p.y}`).join(' '),
    // Guide lines at each point of the scale.
    levels: [5, 4, 3, 2, 1].map((feeling) => ({ feeling, y: Math.round(yOf(feeling)) })),
  };
}
