// `npx pathway export-903 --council SLUG --year YYYY DIR` (issue 11 §4): writes the council's SSDA903
// return for the collection year ending 31 March YYYY into DIR (header.csv, episodes.csv, uasc.csv,
// oc3.csv), prints the rows in each, and lists the records that break a DfE rule as they stand.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { exportableYears, ssda903Export } from '../services/ssda903-export.ts';

type Out = { write(s: string): unknown };

export async function runExport903(
  db: Database,
  clock: Clock,
  args: { council: string; year: string; dir: string },
  out: Out,
  err: Out,
): Promise<number> {
  const year = Number(args.year);
  const { first, last } = exportableYears(ukDate(clock.now()));
  if (!/^\d{4}$/.test(args.year) || year < first || year > last) {
    err.write(`--year must be a collection year from ${first} to ${last} (the year ending 31 March)\n`);
    return 2;
  }
  const exporter = ssda903Export(db, clock);
  const councilId = await exporter.councilId(args.council);
  if (!councilId) {
    err.write(`There is no council with the slug ${args.council}\n`);
    return 2;
  }
  const result = await exporter.exportReturn(councilId, { actorKind: 'system', actorId: null, requestId: null }, year);
  mkdirSync(args.dir, { recursive: true });
  for (const [name, text] of Object.entries(result.files)) writeFileSync(path.join(args.dir, name), text);
  out.write(
    `Wrote the ${year - 1}–${String(year).slice(2)} return to ${args.dir}: ${Object.entries(result.rows)
      .map(([name, n]) => `${name} ${n} rows`)
      .join(', ')}.\n`,
  );
  if (result.problems.length) {
    err.write(`${result.problems.length} records break a DfE rule as they stand; put them right and export again:\n`);
    for (const p of result.problems) err.write(`CHILD ${p.child}, ${p.file}, column ${p.column}: ${p.reason}\n`);
  }
  return 0;
}
