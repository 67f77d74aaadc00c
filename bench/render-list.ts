// The caseload page's template alone (50 rows, no database, no HTTP) against the bare page's
// template (bench/views/bare.njk), rendered in the same process, interleaved: ms per render and ratio.
//   npx tsx bench/render-list.ts [--renders 300]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildViews } from '../src/http/render.ts';

const { values } = parseArgs({ options: { renders: { type: 'string', default: '300' } } });
const renders = Number(values.renders);
const views = buildViews();
const bare = buildViews({ root: path.join(path.dirname(fileURLToPath(import.meta.url)), 'views') });

const rows = Array.from({ length: 50 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  givenName: `Sam${i}`,
  preferredName: i % 3 ? null : `S${i}`,
  familyName: `O'Brien`,
  reference: `YP${10000 + i}`,
  restricted: i % 10 === 0,
  caseStatus: 'open',
  dateOfBirth: `2008-05-0${(i % 9) + 1}`,
  personalAdviserName: 'Alex Adviser',
  socialWorkerName: i % 2 ? 'Sue Worker' : null,
  statutory: {
    urgency: ['overdue', 'due-soon', 'on-track'][i % 3],
    next: { on: `2026-12-1${i % 9}`, label: 'Pathway plan review' },
    status: { category: 'FORMER_RELEVANT' },
    requests: [],
  },
}));
const caseload = {
  heading: 'My caseload',
  result: { rows, total: 63, categories: { FORMER_RELEVANT: 63 }, urgency: { overdue: 17 }, requests: [] },
  filters: {},
  page: 1,
  pages: 2,
  today: '2026-11-30',
  basePath: '/caseload',
  csrfToken: 'x'.repeat(32),
  principal: { kind: 'staff', name: 'Alex Adviser', role: 'personal_adviser' },
  navigation: [],
  can: () => true,
  currentUrl: '/caseload',
};
const bareRows = rows.map((r) => ({
  id: r.id,
  name: `${r.givenName} ${r.familyName}`,
  reference: r.reference,
  status: 'Former relevant',
  urgency: 'On track',
  due: '14 Dec 2026',
}));

const time = (render: () => string) => {
  const started = performance.now();
  for (let i = 0; i < renders; i++) render();
  return (performance.now() - started) / renders;
};
const page = () => views.render('pages/young-people/list.njk', caseload);
const baseline = () => bare.render('bare.njk', { rows: bareRows });
time(page);
time(baseline);
const results = { page: [] as number[], bare: [] as number[] };
for (let round = 0; round < 3; round++) {
  results.bare.push(time(baseline));
  results.page.push(time(page));
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [p, b] = [median(results.page), median(results.bare)];
console.log(
  `caseload template ${p.toFixed(2)} ms (${page().length} bytes); bare page ${b.toFixed(2)} ms (${baseline().length} bytes); ` +
    `ratio ${(b / p).toFixed(2)}× of the bare page's renders per second`,
);
