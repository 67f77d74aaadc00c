// Subject access (issue 11 §6; UK GDPR Article 15): everything Pathway holds about one young person, as
// the files of one ZIP. Pure: which files there are, what each holds in plain words, and the README that
// lists them. The repository reads the rows; the HTTP layer draws the plan PDFs and packs the ZIP.
import { ukDate } from './clock.ts';
import { toCsv, type CsvField } from './oversight/csv.ts';

/**
 * Every table that holds rows about a young person (a `young_person_id` column), by its SQL name: the file
 * it goes to and what that file is, in plain words. A new table with a young person's data must be added
 * here or to NOT_IN_FILES (a test fails otherwise), so a subject access request never misses it.
 */
export const HELD_FILES = {
  care_episodes: { file: 'care-history.csv', about: 'Each period of care: when it started and ended, and why' },
  date_of_birth_history: { file: 'date-of-birth-history.csv', about: 'Each date of birth recorded, and why' },
  allocations: { file: 'workers.csv', about: 'The social workers and personal advisers allocated, and when' },
  team_history: { file: 'teams.csv', about: 'The teams that held the case, and when' },
  contacts: { file: 'contacts.csv', about: 'Each contact: when, how, where, who was there, what was talked about' },
  circumstance_changes: { file: 'activity-and-accommodation.csv', about: 'Changes of main activity and home' },
  statutory_records: { file: 'statutory-work.csv', about: 'Assessments, reviews and visits recorded as done' },
  review_triggers: { file: 'review-requests.csv', about: 'Significant changes and requests for a review' },
  reviews: { file: 'plan-reviews.csv', about: 'Each review of the pathway plan, including one still being written' },
  quality_judgements: { file: 'plan-quality-judgements.csv', about: 'Managers’ and IROs’ judgements of the plans' },
  quality_actions: { file: 'plan-quality-actions.csv', about: 'Actions those judgements set the worker' },
  audit_round_items: { file: 'case-file-audit-samples.csv', about: 'When the case file was chosen for an audit' },
  audit_submissions: { file: 'case-file-audits.csv', about: 'Audits of the case file' },
  audit_follow_ups: { file: 'case-file-audit-actions.csv', about: 'Actions those audits set' },
  case_closures: { file: 'case-closures.csv', about: 'Each time the case was closed or reopened, and why' },
  restricted_record_access: { file: 'restricted-access.csv', about: 'Staff named on a restricted record' },
  young_person_accounts: { file: 'pathway-account.csv', about: 'Their Pathway account (never the password)' },
  invitations: { file: 'invitations.csv', about: 'Invitations to Pathway (never the codes)' },
  check_ins: { file: 'check-ins.csv', about: 'Their check-ins: how they were feeling, in their own words' },
  message_threads: { file: 'message-conversations.csv', about: 'Conversations with their workers' },
  staff_tasks: { file: 'staff-tasks.csv', about: 'Tasks their check-ins and messages gave staff' },
  looked_after_reviews: { file: 'looked-after-reviews.csv', about: 'Reviews while in care, from the DfE return' },
  missing_episodes: {
    file: 'missing-episodes.csv',
    about: 'Times missing or away from a placement, from the DfE return',
  },
  reminder_messages: {
    file: 'reminders.csv',
    about: 'Reminders sent to them by email or text: when, how, to what address, and what filled them in',
  },
  supporters: {
    file: 'supporters.csv',
    about:
      'People they let read or help write their plan, what each may do and when, and the day an unused link was cancelled (never the codes)',
  },
} as const;
export type HeldTable = keyof typeof HELD_FILES;

/**
 * Columns a file shows under a plainer heading than their SQL name, as the UK day (year-month-day) rather than
 * the instant: what the person reading it asks. A supporter's unused link cancelled when they were removed
 * (migration 034) is "revoked" in the code, "cancelled" to them.
 */
export const DAY_COLUMNS: Partial<Record<HeldTable, Readonly<Record<string, string>>>> = {
  supporters: { link_revoked_at: 'link cancelled on' },
};

/** Tables with a `young_person_id` that are in the ZIP another way, and where. */
export const NOT_IN_FILES: Record<string, string> = {
  audit_events: 'who-looked-at-the-record.csv',
  plan_versions: 'plans/ (one PDF for each approved version)',
};

/** Columns never exported: secrets (hashes of passwords and codes) and the council's own id on every row. */
export const OMITTED_COLUMNS: ReadonlySet<string> = new Set([
  'council_id',
  'password_hash',
  'link_token_hash',
  'code_hash',
]);

export const README_FILE = 'README.txt';
export const RECORD_FILE = 'record.csv';
export const AUDIT_FILE = NOT_IN_FILES.audit_events;
export const STAFF_FILE = 'staff-named.csv';
/** The messages of every conversation (their table has no young_person_id: they belong to a conversation). */
export const MESSAGES_FILE = 'messages.csv';
export const planFileName = (version: number) => `plans/pathway-plan-version-${version}.pdf`;

/** The ZIP's files in the order the README lists them. */
export function subjectAccessFiles(planVersions: readonly number[]): string[] {
  return [
    README_FILE,
    RECORD_FILE,
    ...Object.values(HELD_FILES).map((f) => f.file),
    MESSAGES_FILE,
    AUDIT_FILE,
    STAFF_FILE,
    ...planVersions.map(planFileName),
  ];
}

type Cell = unknown;

function cellText(value: Cell): CsvField {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A column's SQL name as a heading a person reads: `start_date` → `start date`. */
export const heading = (column: string) => column.replaceAll('_', ' ');

/**
 * Rows of one table as CSV, every column but the omitted ones, in the table's order; `days` names the columns
 * written as a UK day under a heading of their own (DAY_COLUMNS).
 */
export function rowsCsv(
  columns: readonly string[],
  rows: readonly Record<string, Cell>[],
  days: Readonly<Record<string, string>> = {},
): string {
  const kept = columns.filter((c) => !OMITTED_COLUMNS.has(c));
  const asDay = (c: string) => Object.hasOwn(days, c);
  return toCsv(
    kept.map((c) => (asDay(c) ? days[c] : heading(c))),
    rows.map((row) => kept.map((c) => (asDay(c) && row[c] instanceof Date ? ukDate(row[c]) : cellText(row[c])))),
  );
}

/** One row as a two-column list (what, value): the record itself reads better down than across. */
export function fieldsCsv(fields: readonly [string, Cell][]): string {
  return toCsv(
    ['what', 'value'],
    fields.filter(([name]) => !OMITTED_COLUMNS.has(name)).map(([name, value]) => [heading(name), cellText(value)]),
  );
}

/** The README in plain words: what this is, who made it and when, and what each file holds. */
export function readmeText(f: {
  name: string;
  councilName: string;
  madeOn: string;
  madeBy: string;
  planVersions: readonly number[];
}): string {
  const held = Object.values(HELD_FILES).map((h) => `  ${h.file}\n      ${h.about}.`);
  const plans = f.planVersions.length
    ? f.planVersions.map((v) => `  ${planFileName(v)}\n      Version ${v} of the pathway plan, as approved.`)
    : ['  (There is no approved pathway plan, so there is no plans folder.)'];
  return [
    `Everything ${f.councilName} holds about ${f.name} in Pathway`,
    '',
    `Made on ${f.madeOn} by ${f.madeBy}, for a subject access request (UK GDPR Article 15).`,
    '',
    'The .csv files open in a spreadsheet (Excel, LibreOffice or Numbers) or any text editor.',
    'The .pdf files open in any PDF reader. Dates are written year-month-day; times are in UTC.',
    'A file with only its heading row means Pathway holds nothing of that kind.',
    'Staff are named by an id in some files: staff-named.csv says who each id is.',
    '',
    'The files:',
    '',
    `  ${RECORD_FILE}\n      Their details: name, date of birth, team, workers, whether the case is open.`,
    ...held,
    `  ${MESSAGES_FILE}\n      Every message in those conversations, oldest first.`,
    `  ${AUDIT_FILE}\n      Every time someone opened, changed or was refused the record, newest first.`,
    `  ${STAFF_FILE}\n      The staff named in these files, and their role.`,
    ...plans,
    '',
  ].join('\r\n');
}
