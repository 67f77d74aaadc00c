// A whole SSDA903 return read together (issue 11 §4): every file's rows, then the checks across files
// that the DfE guidance implies — one header row per CHILD, every other file's CHILD in the header
// with the same DOB, episodes that end after they start with a reason (REC) exactly when they end
// (DEC). Every error is collected; a return with any error is imported not at all.
import { FILES, type FileName, type ImportError, REQUIRED_FILES, readFile, type Row } from './files.ts';

export type Episode = {
  line: number;
  startDate: string;
  endDate: string | null;
  reasonNewEpisode: string;
  legalStatus: string;
  categoryOfNeed: string;
  placementType: string;
  placementProvider: string | null;
  reasonEnded: string | null;
  reasonPlaceChange: string | null;
  homePostcode: string | null;
  placementPostcode: string | null;
  urn: string | null;
};

export type Person = {
  line: number;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  team: string | null;
  adviserEmail: string | null;
  socialWorkerEmail: string | null;
};

/** A looked-after review (reviews.csv): the day and how the child took part (REVIEW_CODE). */
export type LookedAfterReview = { line: number; reviewedOn: string; participation: string };
/** A missing (M) or away without permission (A) episode (missing.csv); no end while it goes on. */
export type MissingEpisode = { line: number; kind: 'M' | 'A'; startDate: string; endDate: string | null };

export type ChildReturn = {
  child: string;
  line: number;
  sex: 'male' | 'female';
  dateOfBirth: string;
  ethnicity: string;
  upn: string | null;
  /** From uasc.csv: whether the child is in it; null when the return has no uasc.csv. */
  unaccompaniedAsylumSeeking: boolean | null;
  episodes: Episode[];
  reviews: LookedAfterReview[];
  missing: MissingEpisode[];
  person: Person | null;
};

export type ReadReturn = {
  children: ChildReturn[];
  /** How many rows each file present had (header line not counted). */
  rows: Partial<Record<FileName, number>>;
  errors: ImportError[];
};

/** Finds a file by name whatever its case (`Header.CSV` is header.csv). */
export function fileNamed(files: Readonly<Record<string, string>>, name: FileName): string | undefined {
  const key = Object.keys(files).find((k) => k.trim().toLowerCase() === name);
  return key === undefined ? undefined : files[key];
}

const v = (row: Row, column: string) => row.values[column] ?? null;

/** Reads and checks the files of one return: `files` maps a file name to its text. */
export function readReturn(files: Readonly<Record<string, string>>): ReadReturn {
  const errors: ImportError[] = [];
  const rows: Partial<Record<FileName, Row[]>> = {};
  for (const name of Object.keys(FILES) as FileName[]) {
    const content = fileNamed(files, name);
    if (content === undefined) {
      if (REQUIRED_FILES.includes(name))
        errors.push({ file: name, line: 0, column: '', reason: 'The file is missing: every return needs it' });
      continue;
    }
    const read = readFile(name, content);
    errors.push(...read.errors);
    rows[name] = read.rows;
    if (read.rows.length === 0 && read.errors.length === 0 && name === 'header.csv')
      errors.push({ file: name, line: 2, column: '', reason: 'The file has no children in it' });
  }

  // Every CHILD in the header, even on a row that could not be read (its other errors are listed).
  const header = new Map<string, Row>();
  for (const row of rows['header.csv'] ?? []) {
    const child = v(row, 'CHILD');
    if (child === null) continue;
    const first = header.get(child);
    if (first)
      errors.push({
        file: 'header.csv',
        line: row.line,
        column: 'CHILD',
        reason: `CHILD ${child} is already on line ${first.line}: each child has one header row`,
      });
    else header.set(child, row);
  }

  /** The rows of a file keyed by CHILD: each CHILD must be in the header (with its DOB), and once if `once`. */
  const byChild = (file: FileName, once: boolean) => {
    const out = new Map<string, Row[]>();
    for (const row of rows[file] ?? []) {
      const child = v(row, 'CHILD');
      if (child === null) continue;
      const head = header.get(child);
      if (!head) {
        errors.push({ file, line: row.line, column: 'CHILD', reason: `CHILD ${child} is not in header.csv` });
        continue;
      }
      const dob = v(row, 'DOB');
      if (dob && v(head, 'DOB') && dob !== v(head, 'DOB'))
        errors.push({
          file,
          line: row.line,
          column: 'DOB',
          reason: `The date of birth is not the one in header.csv (line ${head.line})`,
        });
      const list = out.get(child) ?? [];
      if (once && list.length)
        errors.push({
          file,
          line: row.line,
          column: 'CHILD',
          reason: `CHILD ${child} is already on line ${list[0].line}: each child has one row in this file`,
        });
      list.push(row);
      out.set(child, list);
    }
    return out;
  };
  const episodes = byChild('episodes.csv', false);
  const uasc = byChild('uasc.csv', true);
  byChild('oc3.csv', true);
  const reviews = byChild('reviews.csv', false);
  const missing = byChild('missing.csv', false);
  const people = byChild('people.csv', true);

  const children: ChildReturn[] = [];
  for (const [child, head] of header) {
    if (!head.valid) continue;
    const own: Episode[] = [];
    const starts = new Map<string, number>();
    for (const row of episodes.get(child) ?? []) {
      if (!row.valid) continue;
      const e: Episode = {
        line: row.line,
        startDate: v(row, 'DECOM') as string,
        endDate: v(row, 'DEC'),
        reasonNewEpisode: v(row, 'RNE') as string,
        legalStatus: v(row, 'LS') as string,
        categoryOfNeed: v(row, 'CIN') as string,
        placementType: v(row, 'PLACE') as string,
        placementProvider: v(row, 'PLACE_PROVIDER'),
        reasonEnded: v(row, 'REC'),
        reasonPlaceChange: v(row, 'REASON_PLACE_CHANGE'),
        homePostcode: v(row, 'HOME_POST'),
        placementPostcode: v(row, 'PL_POST'),
        urn: v(row, 'URN'),
      };
      const at = (column: string, reason: string) =>
        errors.push({ file: 'episodes.csv', line: row.line, column, reason });
      if (e.endDate && e.endDate <= e.startDate) at('DEC', 'The episode must end (DEC) after it starts (DECOM)');
      if (e.endDate && !e.reasonEnded) at('REC', 'An episode that ends (DEC) needs the reason it ended (REC)');
      if (!e.endDate && e.reasonEnded) at('DEC', 'An episode with a reason it ended (REC) needs its end date (DEC)');
      if (e.startDate < (v(head, 'DOB') as string)) at('DECOM', 'The episode starts before the date of birth');
      const same = starts.get(e.startDate);
      if (same !== undefined) at('DECOM', `CHILD ${child} already has an episode starting that day (line ${same})`);
      else starts.set(e.startDate, row.line);
      own.push(e);
    }
    const born = v(head, 'DOB') as string;
    /** Each valid row of a file once per key: a second row with the same key is an error. */
    const once = (file: FileName, list: Row[] | undefined, keyOf: (row: Row) => string, what: string) => {
      const seen = new Map<string, number>();
      const out: Row[] = [];
      for (const row of list ?? []) {
        if (!row.valid) continue;
        const key = keyOf(row);
        const first = seen.get(key);
        if (first !== undefined)
          errors.push({ file, line: row.line, column: 'CHILD', reason: `${what} is already on line ${first}` });
        else {
          seen.set(key, row.line);
          out.push(row);
        }
      }
      return out;
    };
    const ownReviews = once('reviews.csv', reviews.get(child), (r) => v(r, 'REVIEW')!, 'A review that day').map(
      (row): LookedAfterReview => {
        const reviewedOn = v(row, 'REVIEW') as string;
        if (reviewedOn < born)
          errors.push({
            file: 'reviews.csv',
            line: row.line,
            column: 'REVIEW',
            reason: 'The review is before the date of birth',
          });
        return { line: row.line, reviewedOn, participation: v(row, 'REVIEW_CODE') as string };
      },
    );
    const ownMissing = once(
      'missing.csv',
      missing.get(child),
      (r) => `${v(r, 'MISSING')} ${v(r, 'MIS_START')}`,
      'The same kind of episode starting that day',
    ).map((row): MissingEpisode => {
      const m: MissingEpisode = {
        line: row.line,
        kind: v(row, 'MISSING') as 'M' | 'A',
        startDate: v(row, 'MIS_START') as string,
        endDate: v(row, 'MIS_END'),
      };
      const at = (column: string, reason: string) =>
        errors.push({ file: 'missing.csv', line: row.line, column, reason });
      if (m.endDate && m.endDate < m.startDate) at('MIS_END', 'The episode must end (MIS_END) on or after it starts');
      if (m.startDate < born) at('MIS_START', 'The episode starts before the date of birth');
      return m;
    });
    const p = people.get(child)?.find((row) => row.valid);
    children.push({
      child,
      line: head.line,
      sex: v(head, 'SEX') as 'male' | 'female',
      dateOfBirth: v(head, 'DOB') as string,
      ethnicity: v(head, 'ETHNIC') as string,
      upn: v(head, 'UPN'),
      unaccompaniedAsylumSeeking: rows['uasc.csv'] ? uasc.has(child) : null,
      episodes: own.sort((a, b) => a.startDate.localeCompare(b.startDate)),
      reviews: ownReviews,
      missing: ownMissing,
      person: p
        ? {
            line: p.line,
            givenName: v(p, 'given name') as string,
            familyName: v(p, 'family name') as string,
            preferredName: v(p, 'preferred name'),
            team: v(p, 'team'),
            adviserEmail: v(p, "adviser's email"),
            socialWorkerEmail: v(p, "social worker's email"),
          }
        : null,
    });
  }
  const counts: Partial<Record<FileName, number>> = {};
  for (const [name, list] of Object.entries(rows)) counts[name as FileName] = list.length;
  errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column.localeCompare(b.column));
  return { children, rows: counts, errors };
}
