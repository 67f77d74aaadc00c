// Exporting the SSDA903 return of one council for a collection year (issue 11 §4): Pathway's records
// read in one transaction, the rows made by the pure rules in domain/ssda903/export.ts, written as the
// DfE CSV files, and one audit row for the export with its counts. A service manager or an
// administrator may export their council's return (refusals audited); the command line runs as the
// operator. The return must count every child, restricted records too: it names none, only CHILD ids.
import { zipSync, strToU8 } from 'fflate';
import type { Database } from '../data/db.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { outcomeRecords } from '../data/repositories/outcomes.ts';
import * as repo from '../data/repositories/ssda903-export.ts';
import { councilIdBySlug } from '../data/repositories/ssda903.ts';
import { type Clock, ukDate } from '../domain/clock.ts';
import { toCsv } from '../domain/oversight/csv.ts';
import { authorize, can } from '../domain/permissions.ts';
import {
  buildReturn,
  collectionYear,
  EXPORT_COLUMNS,
  type ExportChild,
  type ExportFile,
  type ExportProblem,
} from '../domain/ssda903/export.ts';
import { addMonths } from '../domain/statutory/dates.ts';
import { errors as appErrors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { ImportActor } from './ssda903-import.ts';

export type ExportResult = {
  year: number;
  /** Each file's name and CSV text (CRLF, as RFC 4180). */
  files: Record<ExportFile, string>;
  rows: Record<ExportFile, number>;
  problems: ExportProblem[];
};

/** The first and last collection years a council may export: 2010 to the year ending next 31 March. */
export function exportableYears(today: string): { first: number; last: number } {
  const y = Number(today.slice(0, 4));
  return { first: 2010, last: today.slice(5) >= '04-01' ? y + 1 : y };
}

/** The last collection year that has ended by `today` (the one a council sends next). */
export function latestCompleteYear(today: string): number {
  const y = Number(today.slice(0, 4));
  return today.slice(5) >= '04-01' ? y : y - 1;
}

/** Rows by their young person. */
function groupBy<T extends { youngPersonId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.youngPersonId);
    if (list) list.push(r);
    else out.set(r.youngPersonId, [r]);
  }
  return out;
}

export function ssda903Export(db: Database, clock: Clock) {
  const service = {
    async councilId(slug: string): Promise<string | null> {
      return db.system((tx) => councilIdBySlug(tx, slug));
    },

    /** The year's return for a council; the caller has checked the actor may. */
    async exportReturn(councilId: string, actor: ImportActor, year: number): Promise<ExportResult> {
      return db.withCouncil(councilId, async (tx) => {
        const people = await repo.exportPeople(tx);
        const episodes = await repo.exportEpisodes(tx);
        const deaths = await repo.deaths(tx);
        const parents = await repo.becameParent(tx);
        const reviews = groupBy(await repo.reviewsHeld(tx));
        const missing = groupBy(await repo.missingHeld(tx));
        const records = await outcomeRecords(tx, addMonths(collectionYear(year).start, -3));
        const byId = new Map(records.map((r) => [r.youngPersonId, r]));
        const episodesOf = new Map<string, ExportChild['episodes'][number][]>();
        for (const e of episodes) {
          const list = episodesOf.get(e.youngPersonId) ?? [];
          list.push({ ...e, startDate: String(e.startDate), endDate: e.endDate === null ? null : String(e.endDate) });
          episodesOf.set(e.youngPersonId, list);
        }
        const children: ExportChild[] = people.map((p) => {
          const r = byId.get(p.id);
          return {
            child: p.ssda903Id ?? p.reference,
            sex: p.sex,
            dateOfBirth: String(p.dateOfBirth),
            ethnicity: p.ethnicity,
            upn: p.upn,
            unaccompaniedAsylumSeeking: p.unaccompaniedAsylumSeeking,
            episodes: episodesOf.get(p.id) ?? [],
            contactDates: r?.contactDates ?? [],
            activity: r?.activity ?? [],
            accommodation: r?.accommodation ?? [],
            diedOn: deaths.get(p.id) ?? null,
            becameParentOn: parents.get(p.id) ?? null,
            declinedSupportOn: p.supportAfter21DeclinedOn === null ? null : String(p.supportAfter21DeclinedOn),
            homeWithParentSince: p.homeWithParentSince === null ? null : String(p.homeWithParentSince),
            reviews: reviews.get(p.id) ?? [],
            missing: missing.get(p.id) ?? [],
          };
        });
        const built = buildReturn(children, year);
        const tables: Record<ExportFile, string[][]> = {
          'header.csv': built.header,
          'episodes.csv': built.episodes,
          'uasc.csv': built.uasc,
          'oc3.csv': built.oc3,
          'reviews.csv': built.reviews,
          'missing.csv': built.missing,
        };
        const files = {} as Record<ExportFile, string>;
        const rows = {} as Record<ExportFile, number>;
        for (const [name, list] of Object.entries(tables) as [ExportFile, string[][]][]) {
          files[name] = toCsv(EXPORT_COLUMNS[name], list);
          rows[name] = list.length;
        }
        await insertAudit(tx, {
          ...actor,
          councilId,
          action: 'ssda903.export',
          entityType: 'council',
          entityId: councilId,
          details: { year, files: rows, problems: built.problems.length },
        });
        return { year, files, rows, problems: built.problems };
      });
    },

    /** The page offering the download: a service manager or an administrator only. */
    mayExport(ctx: RequestContext): void {
      authorize(ctx.principal, 'records.export');
    },

    /** The years a member of staff may choose, latest first, and the one to offer first. */
    yearsOffered(): { years: number[]; suggested: number } {
      const today = ukDate(clock.now());
      const { first, last } = exportableYears(today);
      return {
        years: Array.from({ length: last - first + 1 }, (_, i) => last - i),
        suggested: latestCompleteYear(today),
      };
    },

    /** A service manager's or administrator's export of their own council; anyone else is refused, and audited. */
    async exportAsStaff(ctx: RequestContext, year: number): Promise<ExportResult> {
      const actor = auditActor(ctx);
      const { first, last } = exportableYears(ukDate(clock.now()));
      if (!can(ctx.principal, 'records.export')) {
        await db.withCouncil(actor.councilId, (tx) =>
          insertAudit(tx, {
            ...actor,
            action: 'ssda903.export',
            outcome: 'denied',
            entityType: 'council',
            entityId: actor.councilId,
            details: { year },
          }),
        );
        throw appErrors.forbiddenAudited(
          'Only a service manager or a council administrator can export the SSDA903 return',
        );
      }
      if (!Number.isInteger(year) || year < first || year > last)
        throw appErrors.badRequest(`Choose a year from ${first} to ${last}`, {
          year: `Choose a year from ${first} to ${last}`,
        });
      return service.exportReturn(actor.councilId, actor, year);
    },
  };
  return service;
}
export type Ssda903Export = ReturnType<typeof ssda903Export>;

/** The return's files as one ZIP, with a problems.csv when there are records to put right. */
export function returnZip(result: ExportResult): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(result.files)) entries[name] = strToU8(text);
  if (result.problems.length)
    entries['problems.csv'] = strToU8(
      toCsv(
        ['CHILD', 'file', 'column', 'reason'],
        result.problems.map((p) => [p.child, p.file, p.column, p.reason]),
      ),
    );
  return zipSync(entries, { level: 6 });
}
