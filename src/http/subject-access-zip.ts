// The subject access ZIP (issue 11 §6): the README, one CSV a table, the audit trail, and each approved
// plan version drawn by the same PDF renderer as the plan's own download. Its files are exactly those the
// service counted in its audit row (domain/subject-access.ts subjectAccessFiles).
import { strToU8, zipSync, type Zippable } from 'fflate';
import { ROLE_NAMES, type StaffRole } from '../domain/permissions.ts';
import { toCsv } from '../domain/oversight/csv.ts';
import {
  AUDIT_FILE,
  DAY_COLUMNS,
  fieldsCsv,
  HELD_FILES,
  MESSAGES_FILE,
  planFileName,
  README_FILE,
  readmeText,
  RECORD_FILE,
  rowsCsv,
  STAFF_FILE,
  type HeldTable,
} from '../domain/subject-access.ts';
import type { SubjectAccessData } from '../services/subject-access.ts';
import { planPrintModel } from './plan-print.ts';

const pdfCode = () => import('./pdf/plan-pdf.ts');

/** The ZIP's bytes and its download name (the council's reference, never the young person's name). */
export async function subjectAccessZip(data: SubjectAccessData): Promise<{ zip: Uint8Array; fileName: string }> {
  const { person } = data;
  const name = `${person.yp.preferredName ?? person.yp.givenName} ${person.yp.familyName}`;
  const files: Record<string, Uint8Array> = {};
  files[README_FILE] = strToU8(
    readmeText({
      name,
      councilName: person.councilName,
      madeOn: data.today,
      madeBy: data.madeBy,
      planVersions: data.plans.map((p) => p.version),
    }),
  );
  const record: [string, unknown][] = [
    ...data.record,
    ['team', person.teamName],
    ['social worker', person.socialWorkerName],
    ['personal adviser', person.personalAdviserName],
  ];
  files[RECORD_FILE] = strToU8(fieldsCsv(record));
  for (const [table, { file }] of Object.entries(HELD_FILES) as [HeldTable, { file: string }][])
    files[file] = strToU8(rowsCsv(data.tables[table].columns, data.tables[table].rows, DAY_COLUMNS[table]));
  files[MESSAGES_FILE] = strToU8(rowsCsv(data.messages.columns, data.messages.rows));
  files[AUDIT_FILE] = strToU8(
    toCsv(
      ['when', 'who', 'role', 'what', 'outcome', 'request'],
      data.trail.map((r) => [
        r.occurredAt.toISOString(),
        r.actorName ?? (r.actorKind === 'system' ? 'Pathway' : r.actorKind),
        r.actorRole ? (ROLE_NAMES[r.actorRole as StaffRole] ?? r.actorRole) : r.actorKind.replace('_', ' '),
        r.action,
        r.outcome,
        r.requestId,
      ]),
    ),
  );
  files[STAFF_FILE] = strToU8(
    toCsv(
      ['id', 'name', 'role'],
      data.staff.map((s) => [s.id, s.name, ROLE_NAMES[s.role as StaffRole] ?? s.role]),
    ),
  );
  if (data.plans.length) {
    const { renderPlanPdf } = await pdfCode();
    for (const found of data.plans) {
      const model = planPrintModel(found, person, data.today);
      files[planFileName(found.version)] = new Uint8Array(await renderPlanPdf(model, 'whole'));
    }
  }
  // The files the audit row counted, in the README's order; anything else would be a bug here.
  const listed = new Set(data.files);
  const made = Object.keys(files);
  if (made.length !== listed.size || made.some((f) => !listed.has(f)))
    throw new Error('subject access: the ZIP does not hold the files counted');
  const zippable: Zippable = {};
  for (const file of data.files) zippable[file] = [files[file], { level: file.endsWith('.pdf') ? 0 : 6 }];
  const reference = person.yp.reference.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase() || 'record';
  return { zip: zipSync(zippable), fileName: `subject-access-${reference}-${data.today}.zip` };
}
