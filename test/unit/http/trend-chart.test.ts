// The trend chart presenter (issue 10 §2): points where the numbers say, text escaped, an image
// with a title and a description, scaling with its container.
import { describe, expect, it } from 'vitest';
import {
  axisMax,
  CHART,
  describe as describeChart,
  escapeXml,
  pointPositions,
  trendChartSvg,
  type ChartPoint,
} from '../../../src/http/presenters/trend-chart.ts';

const left = CHART.left;
const right = CHART.width - CHART.right;
const top = CHART.top;
const bottom = CHART.height - CHART.bottom;
const points = (values: (number | null)[]): ChartPoint[] =>
  values.map((value, i) => ({ label: `M${i}`, on: `day ${i}`, value }));

describe('point positions', () => {
  it.each([
    [
      '0 at the bottom, the axis top at the top, evenly across',
      [0, 50, 100],
      100,
      [
        { x: left, y: bottom },
        { x: (left + right) / 2, y: (top + bottom) / 2 },
        { x: right, y: top },
      ],
    ],
    [
      'a quarter of the axis a quarter of the way up',
      [25],
      100,
      [{ x: (left + right) / 2, y: bottom - (bottom - top) / 4 }],
    ],
    [
      'no figure: no y, the x kept',
      [10, null, 10],
      20,
      [
        { x: left, y: (top + bottom) / 2 },
        { x: (left + right) / 2, y: null },
        { x: right, y: (top + bottom) / 2 },
      ],
    ],
    ['above the axis top: held at the top', [150], 100, [{ x: (left + right) / 2, y: top }]],
  ])('%s', (_rule, values, max, expected) => {
    expect(pointPositions(values, max)).toEqual(expected);
  });

  it('draws a circle at each position and a line through them, broken where there is no figure', () => {
    const svg = trendChartSvg({ id: 'c', title: 'T', unit: '%', points: points([0, 50, null, 100, 100]) });
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const at = pointPositions([0, 50, null, 100, 100], 100);
    expect(circles).toEqual(at.filter((p) => p.y !== null).map((p) => [p.x, p.y]));
    const lines = [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]);
    expect(lines).toEqual([
      `${at[0].x},${at[0].y} ${at[1].x},${at[1].y}`,
      `${at[3].x},${at[3].y} ${at[4].x},${at[4].y}`,
    ]);
  });
});

describe('the y axis', () => {
  it.each([
    ['percentages run 0 to 100', { unit: '%' as const, points: points([3]) }, 100],
    ['small counts reach 4', { unit: '' as const, points: points([0, 3]) }, 4],
    ['a count of 15: four steps of 4', { unit: '' as const, points: points([15]) }, 16],
    ['a count of 121: four steps of 40', { unit: '' as const, points: points([121]) }, 160],
    [
      'a target above the counts is in view: four steps of 10',
      { unit: '' as const, points: points([3]), target: 30 },
      40,
    ],
  ])('%s', (_rule, chart, max) => {
    expect(axisMax(chart)).toBe(max);
  });
});

describe('an accessible image', () => {
  const svg = trendChartSvg({
    id: 'plans',
    title: 'Plans in date <script>alert("x")</script> & more',
    unit: '%',
    points: [
      { label: 'Dec', on: '31 December 2025', value: 80 },
      { label: 'Jan <b>', on: '31 January 2026', value: 90.5 },
    ],
    target: 90,
  });

  it('escapes every text it writes', () => {
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Plans in date &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(svg).toContain('>Jan &lt;b&gt;</text>');
    expect(escapeXml(`a'b`)).toBe('a&#39;b');
  });

  it('is one image named by its title and description, scaling with its container', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="plans-title plans-desc"/);
    expect(svg).toContain(`viewBox="0 0 ${CHART.width} ${CHART.height}" width="100%"`);
    expect(svg).toContain('<title id="plans-title">');
    expect(svg).toContain(
      '<desc id="plans-desc">80% on 31 December 2025, 90.5% on 31 January 2026; lowest 80%, highest 90.5%. The target is 90%.</desc>',
    );
  });

  it('labels the axes and draws the target as a dashed line', () => {
    for (const tick of ['0%', '25%', '50%', '75%', '100%']) expect(svg).toContain(`>${tick}</text>`);
    expect(svg).toContain('>Dec</text>');
    const y = pointPositions([90], 100)[0].y;
    expect(svg).toContain(`y1="${y}" y2="${y}" class="app-chart__target" stroke-dasharray="6 4"/>`);
    expect(svg).toContain('>Target 90%</text>');
  });

  it('says when there are no figures at all', () => {
    expect(describeChart({ id: 'x', title: 'x', unit: '', points: points([null, null]) })).toBe(
      'No figures in the 2 points shown.',
    );
  });
});
