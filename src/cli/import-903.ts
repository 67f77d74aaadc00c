// `npx pathway import-903 --council SLUG [--dry-run] [--team NAME] DIR` (issue 11 §4): reads the
// SSDA903 files in DIR and imports them into the council; prints what it did (or would do), or every
// error with its file, line and column and exits non-zero, having written nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { FILES } from '../domain/ssda903/files.ts';
import type { ImportError } from '../domain/ssda903/files.ts';
import { ssda903Import, type ImportSummary } from '../services/ssda903-import.ts';

type Out = { write(s: string): unknown };

/** Files larger than this are refused before they are read (issue 11 §7 names 50 MB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The return's files in a folder, by their lower-case names; other files are left alone. */
export function readReturnFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const lower = name.toLowerCase();
    if (!(lower in FILES)) continue;
    const full = path.join(dir, name);
    if (statSync(full).size > MAX_FILE_BYTES)
      throw new Error(`${name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
    files[lower] = readFileSync(full, 'utf8');
  }
  return files;
}

export function formatError(e: ImportError): string {
  const where = [e.file || 'import', e.line > 0 ? `line ${e.line}` : '', e.column ? `column ${e.column}` : '']
    .filter(Boolean)
    .join(', ');
  return `${where}: ${e.reason}`;
}

export function formatSummary(s: ImportSummary): string {
  const verb = s.dryRun ? 'would' : 'did';
  return [
    s.dryRun ? 'Dry run: nothing was written.' : 'Imported.',
    `Young people: ${s.created} ${verb === 'would' ? 'would be ' : ''}created, ${s.updated} ${verb === 'would' ? 'would be ' : ''}updated, ${s.unchanged} unchanged.`,
    `Care episodes: ${s.episodesAdded} added, ${s.episodesUpdated} updated.`,
    `Allocations: ${s.allocations}.`,
    s.reviews || s.missing ? `Looked-after reviews: ${s.reviews}. Missing episodes: ${s.missing}.` : '',
    s.needName
      ? `${s.needName} young people have no name yet (no people.csv row): they are named by their CHILD id.`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export async function runImport903(
  db: Database,
  clock: Clock,
  args: { council: string; dir: string; dryRun: boolean; team?: string },
  out: Out,
  err: Out,
): Promise<number> {
  const importer = ssda903Import(db, clock);
  const councilId = await importer.councilId(args.council);
  if (!councilId) {
    err.write(`There is no council with the slug ${args.council}\n`);
    return 2;
  }
  const files = readReturnFolder(args.dir);
  const result = await importer.importReturn(
    councilId,
    { actorKind: 'system', actorId: null, requestId: null },
    files,
    { dryRun: args.dryRun, defaultTeam: args.team },
  );
  if (!result.ok) {
    err.write(`The return was not imported: nothing was written. ${result.errors.length} errors:\n`);
    for (const e of result.errors) err.write(`${formatError(e)}\n`);
    return 1;
  }
  out.write(`${formatSummary(result.summary)}\n`);
  return 0;
}
