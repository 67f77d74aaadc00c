// A 12-month trend drawn as an SVG on the server (issue 10 §2): no client script, scales with its
// container (viewBox, width 100%), and reads out as one image with a title and a description that
// says what the line shows. The same numbers go in a table beside it, so nothing is only in a picture.
import { dateInWords } from './dates.ts';

export interface ChartPoint {
  /** Under the point on the x axis, e.g. "Dec". */
  readonly label: string;
  /** Said in the description, e.g. "31 December 2025". */
  readonly on: string;
  /** null: no figure that day (nobody in scope); the line breaks there. */
  readonly value: number | null;
}

export interface TrendChart {
  /** Unique on the page: ids of the title and description derive from it. */
  readonly id: string;
  readonly title: string;
  readonly points: readonly ChartPoint[];
  /** "%" for percentages (axis 0 to 100), "" for counts. */
  readonly unit: '%' | '';
  /** The council's target, drawn as a dashed line. */
  readonly target?: number | null;
}

export const CHART = { width: 480, height: 280, left: 52, right: 24, top: 16, bottom: 40 } as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The top of the y axis: 100 for percentages; for counts, four round steps reaching the largest. */
export function axisMax(chart: Pick<TrendChart, 'points' | 'unit' | 'target'>): number {
  if (chart.unit === '%') return 100;
  const largest = Math.max(0, chart.target ?? 0, ...chart.points.map((p) => p.value ?? 0));
  if (largest <= 4) return 4;
  const quarter = largest / 4;
  const power = 10 ** Math.floor(Math.log10(quarter));
  const step = [1, 2, 2.5, 3, 4, 5, 10].map((m) => m * power).find((s) => s >= quarter && Number.isInteger(s));
  return 4 * (step ?? Math.ceil(quarter));
}

/** Where each point sits in the viewBox: evenly across, 0 at the bottom and `max` at the top. */
export function pointPositions(values: readonly (number | null)[], max: number): { x: number; y: number | null }[] {
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const gap = values.length > 1 ? plotWidth / (values.length - 1) : 0;
  return values.map((v, i) => ({
    x: round(CHART.left + (values.length > 1 ? i * gap : plotWidth / 2)),
    y: v === null ? null : round(CHART.top + plotHeight - (Math.min(v, max) / max) * plotHeight),
  }));
}

const round = (n: number) => Math.round(n * 10) / 10;
const show = (value: number, unit: string) => `${value}${unit}`;

/** One sentence a screen reader says for the chart: where it starts, where it ends, its range. */
export function describe(chart: TrendChart): string {
  const known = chart.points.filter((p) => p.value !== null);
  if (known.length === 0) return `No figures in the ${chart.points.length} points shown.`;
  const first = known[0];
  const last = known[known.length - 1];
  const values = known.map((p) => p.value as number);
  const target =
    chart.target === null || chart.target === undefined ? '' : ` The target is ${show(chart.target, chart.unit)}.`;
  return (
    `${show(first.value as number, chart.unit)} on ${first.on}, ${show(last.value as number, chart.unit)} on ${last.on}; ` +
    `lowest ${show(Math.min(...values), chart.unit)}, highest ${show(Math.max(...values), chart.unit)}.${target}`
  );
}

export function trendChartSvg(chart: TrendChart): string {
  const max = axisMax(chart);
  const at = pointPositions(
    chart.points.map((p) => p.value),
    max,
  );
  const bottom = CHART.height - CHART.bottom;
  const right = CHART.width - CHART.right;
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  const yTicks = [0, 1, 2, 3, 4].map((i) => {
    const value = round((max * i) / 4);
    const y = pointPositions([value], max)[0].y as number;
    return (
      `<line x1="${CHART.left}" x2="${right}" y1="${y}" y2="${y}" class="app-chart__grid"/>` +
      `<text x="${CHART.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeXml(show(value, chart.unit))}</text>`
    );
  });
  const xLabels = chart.points.map(
    (p, i) => `<text x="${at[i].x}" y="${bottom + 24}" text-anchor="middle">${escapeXml(p.label)}</text>`,
  );
  // The line breaks where a point has no figure.
  const runs: string[][] = [[]];
  at.forEach((pos) => {
    if (pos.y === null) runs.push([]);
    else runs[runs.length - 1].push(`${pos.x},${pos.y}`);
  });
  const lines = runs
    .filter((r) => r.length > 1)
    .map((r) => `<polyline points="${r.join(' ')}" class="app-chart__line" fill="none"/>`);
  const dots = at.flatMap((pos) =>
    pos.y === null ? [] : [`<circle cx="${pos.x}" cy="${pos.y}" r="4" class="app-chart__point"/>`],
  );
  const target =
    chart.target === null || chart.target === undefined
      ? []
      : (() => {
          const y = pointPositions([chart.target], max)[0].y as number;
          return [
            `<line x1="${CHART.left}" x2="${right}" y1="${y}" y2="${y}" class="app-chart__target" stroke-dasharray="6 4"/>`,
            `<text x="${right}" y="${y - 6}" text-anchor="end" class="app-chart__target-label">${escapeXml(`Target ${show(chart.target, chart.unit)}`)}</text>`,
          ];
        })();
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" aria-labelledby="${escapeXml(titleId)} ${escapeXml(descId)}"`,
    ` viewBox="0 0 ${CHART.width} ${CHART.height}" width="100%" preserveAspectRatio="xMidYMid meet" focusable="false">`,
    `<title id="${escapeXml(titleId)}">${escapeXml(chart.title)}</title>`,
    `<desc id="${escapeXml(descId)}">${escapeXml(describe(chart))}</desc>`,
    ...yTicks,
    `<line x1="${CHART.left}" x2="${right}" y1="${bottom}" y2="${bottom}" class="app-chart__axis"/>`,
    `<line x1="${CHART.left}" x2="${CHART.left}" y1="${CHART.top}" y2="${bottom}" class="app-chart__axis"/>`,
    ...xLabels,
    ...target,
    ...lines,
    ...dots,
    '</svg>',
  ].join('');
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });

/** A measure's trend (dates as YYYY-MM-DD) as the page draws it: labelled by month, described in words. */
export function trendChartOf(series: {
  id: string;
  title: string;
  unit: '%' | '';
  points: readonly { on: string; value: number | null }[];
  target?: number | null;
}): string {
  return trendChartSvg({
    ...series,
    points: series.points.map((p) => ({
      label: MONTH.format(new Date(`${p.on}T00:00:00Z`)),
      on: dateInWords(p.on),
      value: p.value,
    })),
  });
}
