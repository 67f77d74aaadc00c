// Importing and exporting the SSDA903 return at a large council's size (issue 11 §7): a made-up return
// of N children with 4 episodes each (10,000 and 40,000 by default) imported into a fresh council on
// PGlite, then the year exported. Baseline, in the same run: parsing the same CSV text alone
// (csv-parse, as the import reads it), and reading and checking the return without a database.
//   npx tsx bench/ssda903.ts [--children 10000]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { readReturn } from '../src/domain/ssda903/return.ts';
import { ssda903Export } from '../src/services/ssda903-export.ts';
import { ssda903Import } from '../src/services/ssda903-import.ts';
import { buildCouncil, testClock, testDatabase } from '../test/support/app.ts';

process.env.PATHWAY_TEST_DRIVER = 'pglite';
const { values } = parseArgs({ options: { children: { type: 'string', default: '10000' } } });
const N = Number(values.children);

const dmy = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
const day = (iso: string, plus: number) => new Date(Date.parse(iso) + plus * 86_400_000);

/** N children born 2005 to 2011, each looked after from 12 in four placements, the last still open for some. */
function madeUpReturn(n: number): Record<string, string> {
  const header = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
  const episodes = ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'];
  for (let i = 0; i < n; i++) {
    const child = `B${String(i).padStart(6, '0')}`;
    const dob = day('2005-01-01', (i * 7919) % (7 * 365));
    header.push(`${child},${i % 2 ? 'M' : 'F'},${dmy(dob)},WBRI,,,`);
    let start = day(dob.toISOString().slice(0, 10), 12 * 365 + (i % 300));
    for (let e = 0; e < 4; e++) {
      const end = day(start.toISOString().slice(0, 10), 200 + ((i + e) % 150));
      const last = e === 3;
      const open = last && i % 3 === 0;
      episodes.push(
        [
          child,
          dmy(start),
          e === 0 ? 'S' : 'P',
          'C2',
          'N1',
          'U4',
          'PR1',
          open ? '' : dmy(end),
          open ? '' : last ? 'E8' : 'X1',
          !last ? 'CARPL' : '',
          'LS1 1AA',
          'LS2 2BB',
          '1234567',
        ].join(','),
      );
      start = end;
    }
  }
  return { 'header.csv': `${header.join('\r\n')}\r\n`, 'episodes.csv': `${episodes.join('\r\n')}\r\n` };
}

const time = async <T>(f: () => Promise<T> | T): Promise<[T, number]> => {
  const s = performance.now();
  const out = await f();
  return [out, performance.now() - s];
};

const files = madeUpReturn(N);
const [, parseMs] = await time(() => {
  for (const text of Object.values(files)) parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
});
const [read, readMs] = await time(() => readReturn(files));
if (read.errors.length) throw new Error(JSON.stringify(read.errors.slice(0, 3)));

const db = await testDatabase();
const rows = await buildCouncil(db, { youngPeople: 1 });
const clock = testClock();
const [imported, importMs] = await time(() =>
  ssda903Import(db, clock).importReturn(
    rows.council.id,
    { actorKind: 'system', actorId: null, requestId: null },
    files,
    { dryRun: false, defaultTeam: rows.teams[0].name },
  ),
);
if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
const [exported, exportMs] = await time(() =>
  ssda903Export(db, clock).exportReturn(rows.council.id, { actorKind: 'system', actorId: null, requestId: null }, 2026),
);
await db.close();

const line = (label: string, ms: number) =>
  `| ${label} | ${Math.round(ms).toLocaleString('en-GB')} | ${(ms / parseMs).toFixed(1)} |`;
console.log(
  `${N.toLocaleString('en-GB')} children, ${(N * 4).toLocaleString('en-GB')} episodes; load average ${loadavg()[0].toFixed(1)}`,
);
console.log('| step | ms | ÷ baseline |\n| --- | ---: | ---: |');
console.log(line('baseline: parse the CSV alone (csv-parse)', parseMs));
console.log(line('read and check the return (no database)', readMs));
console.log(line(`import into a fresh council on PGlite (${imported.summary.created} created)`, importMs));
console.log(
  line(
    `export the 2025–26 return (${Object.entries(exported.rows)
      .map(([f, n]) => `${f} ${n}`)
      .join(', ')})`,
    exportMs,
  ),
);
