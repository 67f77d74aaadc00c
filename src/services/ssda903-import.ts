// Importing the SSDA903 return for one council (issue 11 §4). The files are read and checked (domain/
// ssda903), then matched to records on their CHILD id: a new CHILD becomes a young person, a known one
// is updated, so importing again never duplicates. Care episodes are matched on their start (DECOM).
// people.csv gives names, team and allocations; without it a record is named by its CHILD id and
// flagged as needing a name. Everything happens in one transaction, after every check: any error and
// nothing is written; a dry run checks and counts, then writes nothing. Audited: one row for the import
// with its counts, and one for each young person created or updated.
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../data/db.ts';
import { insertAudit, type AuditEntry } from '../data/repositories/audit.ts';
import * as records from '../data/repositories/records.ts';
import * as repo from '../data/repositories/ssda903.ts';
import { type Clock, ukDate } from '../domain/clock.ts';
import { can } from '../domain/permissions.ts';
import { errors as appErrors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { ImportError } from '../domain/ssda903/files.ts';
import { readUploads, type UploadedFile } from '../domain/ssda903/upload.ts';
import { type ChildReturn, type Episode, readReturn } from '../domain/ssda903/return.ts';

/** Who is importing, for the audit rows: an administrator's request, or the command line (`system`). */
export type ImportActor = Pick<AuditEntry, 'actorKind' | 'actorId' | 'requestId'>;
export type ImportOptions = {
  dryRun: boolean;
  /** The team of a new record when people.csv gives none (a team name); needed when the council has several. */
  defaultTeam?: string;
};
export type ChildOutcome = { child: string; action: 'create' | 'update' | 'unchanged'; changes: string[] };
export type ImportSummary = {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  episodesAdded: number;
  episodesUpdated: number;
  allocations: number;
  /** Looked-after reviews (reviews.csv) and missing episodes (missing.csv) in the return, kept as read. */
  reviews: number;
  missing: number;
  needName: number;
  children: ChildOutcome[];
};
export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; errors: ImportError[] };

const EPISODE_FIELDS = [
  'endDate',
  'reasonNewEpisode',
  'legalStatus',
  'categoryOfNeed',
  'placementType',
  'placementProvider',
  'reasonEnded',
  'reasonPlaceChange',
  'homePostcode',
  'placementPostcode',
  'urn',
] as const satisfies readonly (keyof Episode & keyof repo.CareEpisodeRow)[];

type Worker = { role: records.AllocationRole; staffId: string };
/** What the import will do to one child's record, worked out before anything is written. */
type Plan = {
  c: ChildReturn;
  existing: repo.ImportedPerson | null;
  teamId: string;
  details: Partial<repo.ImportedPerson>;
  changes: string[];
  episodesAdded: Episode[];
  episodesUpdated: { id: string; e: Episode }[];
  workers: Worker[];
};

const RACED =
  'Someone added a young person with the same reference as one of the return’s CHILD ids while it was being imported. Nothing was written: import it again to see which.';

const ROLES = [
  ['personal_adviser', 'adviserEmail', "adviser's email", 'personal adviser'],
  ['social_worker', 'socialWorkerEmail', "social worker's email", 'social worker'],
] as const;

/** How long uploaded files are kept for their confirm step. */
export const UPLOAD_KEPT_MS = 24 * 60 * 60 * 1000;

export function ssda903Import(db: Database, clock: Clock) {
  /** Only a council administrator imports; anyone else is refused, and the refusal audited. */
  async function onlyAdministrators(ctx: RequestContext, action: string) {
    if (can(ctx.principal, 'records.import')) return;
    const actor = auditActor(ctx);
    await db.withCouncil(actor.councilId, (tx) =>
      insertAudit(tx, { ...actor, action, outcome: 'denied', entityType: 'council', entityId: actor.councilId }),
    );
    throw appErrors.forbiddenAudited('Only a council administrator can import the SSDA903 return');
  }

  /** Works out every child's plan, adding to `errors` what stops the import. Reads only. */
  async function plan(tx: Tx, children: ChildReturn[], options: ImportOptions, errors: ImportError[]) {
    const teams = await repo.teamsByName(tx);
    const staff = await repo.staffByEmail(tx);
    const known = new Map((await repo.importedPeople(tx)).map((yp) => [yp.ssda903Id as string, yp]));
    const taken = await repo.referencesTaken(
      tx,
      children.filter((c) => !known.has(c.child)).map((c) => c.child),
    );
    const ids = [...known.values()].map((yp) => yp.id);
    const episodes = await repo.episodesOf(tx, ids);
    const open = await repo.openAllocationsOf(tx, ids);
    let fallbackTeam: string | null = null;
    if (options.defaultTeam) {
      const team = teams.get(options.defaultTeam.trim().toLowerCase());
      if (team) fallbackTeam = team.id;
      else errors.push({ file: '', line: 0, column: '', reason: `There is no team called “${options.defaultTeam}”` });
    } else if (teams.size === 1) fallbackTeam = [...teams.values()][0].id;

    const plans: Plan[] = [];
    for (const c of children) {
      const existing = known.get(c.child) ?? null;
      const p = c.person;
      const at = (file: string, line: number, column: string, reason: string) =>
        errors.push({ file, line, column, reason });
      let teamId = existing?.teamId ?? fallbackTeam;
      if (p?.team) {
        const team = teams.get(p.team.toLowerCase());
        if (team) teamId = team.id;
        else at('people.csv', p.line, 'team', `There is no team called “${p.team}”`);
      } else if (!teamId)
        at(
          'header.csv',
          c.line,
          'CHILD',
          `No team for CHILD ${c.child}: give one in people.csv, or choose the team for new records`,
        );
      if (!existing && taken.has(c.child.toLowerCase()))
        at('header.csv', c.line, 'CHILD', `Another young person already has the reference ${c.child}`);
      const workers: Worker[] = [];
      for (const [role, key, column, roleName] of ROLES) {
        const email = p?.[key];
        if (!p || !email) continue;
        const worker = staff.get(email);
        if (!worker?.active || worker.role !== role) at('people.csv', p.line, column, `No ${roleName} has this email`);
        else if (teamId && worker.teamId !== teamId)
          at('people.csv', p.line, column, `This ${roleName} is not in the young person’s team`);
        else if (open.find((a) => a.youngPersonId === existing?.id && a.allocationRole === role)?.staffId !== worker.id)
          workers.push({ role, staffId: worker.id });
      }

      const details: Partial<repo.ImportedPerson> = {
        sex: c.sex,
        dateOfBirth: c.dateOfBirth,
        ethnicity: c.ethnicity,
        upn: c.upn,
        ...(c.unaccompaniedAsylumSeeking === null ? {} : { unaccompaniedAsylumSeeking: c.unaccompaniedAsylumSeeking }),
        ...(p
          ? { givenName: p.givenName, familyName: p.familyName, preferredName: p.preferredName, needsName: false }
          : existing
            ? {}
            : { givenName: c.child, familyName: '', needsName: true }),
        ...(teamId ? { teamId } : {}),
      };
      const changes = existing
        ? Object.entries(details)
            .filter(([k, v]) => (existing as Record<string, unknown>)[k] !== v)
            .map(([k]) => k)
        : [];
      const own = existing ? episodes.filter((e) => e.youngPersonId === existing.id) : [];
      const episodesAdded: Episode[] = [];
      const episodesUpdated: { id: string; e: Episode }[] = [];
      for (const e of c.episodes) {
        const same = own.find((o) => o.startDate === e.startDate);
        if (!same) episodesAdded.push(e);
        else if (EPISODE_FIELDS.some((f) => (same[f] ?? null) !== e[f])) episodesUpdated.push({ id: same.id, e });
      }
      plans.push({
        c,
        existing,
        teamId: teamId ?? '',
        details,
        changes,
        episodesAdded,
        episodesUpdated,
        workers,
      });
    }
    return { plans, open };
  }

  const episodeValues = (e: Episode): Pick<Episode, (typeof EPISODE_FIELDS)[number]> => ({
    endDate: e.endDate,
    reasonNewEpisode: e.reasonNewEpisode,
    legalStatus: e.legalStatus,
    categoryOfNeed: e.categoryOfNeed,
    placementType: e.placementType,
    placementProvider: e.placementProvider,
    reasonEnded: e.reasonEnded,
    reasonPlaceChange: e.reasonPlaceChange,
    homePostcode: e.homePostcode,
    placementPostcode: e.placementPostcode,
    urn: e.urn,
  });

  /** Writes one child's plan and its audit row. */
  async function write(
    tx: Tx,
    councilId: string,
    actor: ImportActor,
    p: Plan,
    open: Awaited<ReturnType<typeof repo.openAllocationsOf>>,
    episodes: repo.EpisodeRow[],
  ) {
    const today = ukDate(clock.now());
    const now = clock.now();
    let id = p.existing?.id;
    if (!id) {
      id = randomUUID();
      await records.insertYoungPerson(
        tx,
        {
          id,
          councilId,
          reference: p.c.child,
          givenName: p.c.child,
          familyName: '',
          ...p.details,
          sex: p.c.sex,
          dateOfBirth: p.c.dateOfBirth,
          teamId: p.teamId,
          ssda903Id: p.c.child,
        },
        actor.actorId,
      );
    } else if (p.changes.length || p.workers.length) {
      if (p.changes.includes('dateOfBirth'))
        await repo.recordDateOfBirth(tx, {
          councilId,
          youngPersonId: id,
          dateOfBirth: p.c.dateOfBirth,
          recordedBy: actor.actorId,
        });
      if (p.changes.includes('teamId')) {
        const fromOn = (await records.openTeamPeriod(tx, id))?.startDate ?? (await records.caseOpenedOn(tx, id));
        if (fromOn < today)
          await records.moveTeamPeriod(
            tx,
            {
              councilId,
              youngPersonId: id,
              fromTeamId: p.existing?.teamId as string,
              fromOn,
              toTeamId: p.teamId,
              on: today,
            },
            actor.actorId,
          );
      }
    }
    // Added together after every child is written (repo.insertEpisodes).
    for (const e of p.episodesAdded)
      episodes.push({ councilId, youngPersonId: id, startDate: e.startDate, ...episodeValues(e) });
    for (const { id: episodeId, e } of p.episodesUpdated) await repo.updateEpisode(tx, episodeId, episodeValues(e));
    const set: Partial<repo.ImportedPerson> = p.existing ? { ...p.details } : {};
    for (const w of p.workers) {
      const current = open.find((a) => a.youngPersonId === id && a.allocationRole === w.role);
      if (current && current.startDate >= today) await repo.changeAllocationStaff(tx, current.id, w.staffId);
      else {
        if (current) await records.endAllocationRow(tx, current.id, today);
        await records.insertAllocation(tx, {
          councilId,
          youngPersonId: id,
          staffId: w.staffId,
          role: w.role,
          startDate: today,
        });
      }
      set[w.role === 'personal_adviser' ? 'personalAdviserId' : 'socialWorkerId'] = w.staffId;
    }
    if (!p.existing && p.workers.length) await records.bumpVersion(tx, id, set, now);
    else if (p.existing && (p.changes.length || p.workers.length)) await records.bumpVersion(tx, id, set, now);
    const action = p.existing ? 'young-person.update' : 'young-person.create';
    await insertAudit(tx, {
      ...actor,
      councilId,
      action,
      youngPersonId: id,
      entityType: 'young_person',
      entityId: id,
      details: {
        source: 'ssda903',
        child: p.c.child,
        fields: p.changes,
        episodesAdded: p.episodesAdded.length,
        episodesUpdated: p.episodesUpdated.length,
        allocations: p.workers.map((w) => w.role),
      },
    });
  }

  /** Keeps the return's looked-after reviews and missing episodes, after every child is written. */
  async function keepReviewsAndMissing(tx: Tx, councilId: string, children: readonly ChildReturn[]) {
    const having = children.filter((c) => c.reviews.length || c.missing.length);
    if (!having.length) return;
    const ids = await repo.idsByChild(
      tx,
      having.map((c) => c.child),
    );
    const of = (c: ChildReturn) => ({ councilId, youngPersonId: ids.get(c.child) as string });
    await repo.upsertReviews(
      tx,
      having.flatMap((c) =>
        c.reviews.map((r) => ({ ...of(c), reviewedOn: r.reviewedOn, participation: r.participation })),
      ),
    );
    await repo.upsertMissing(
      tx,
      having.flatMap((c) =>
        c.missing.map((m) => ({ ...of(c), kind: m.kind, startDate: m.startDate, endDate: m.endDate })),
      ),
    );
  }

  const service = {
    /** The council's id for a slug (command line only: runs as the table owner). */
    async councilId(slug: string): Promise<string | null> {
      return db.system((tx) => repo.councilIdBySlug(tx, slug));
    },

    /**
     * Imports one return into a council: `files` maps each file's name to its text. The caller has
     * checked the actor may (the command line's operator, or an administrator's permission).
     */
    async importReturn(
      councilId: string,
      actor: ImportActor,
      files: Readonly<Record<string, string>>,
      options: ImportOptions,
    ): Promise<ImportResult> {
      const read = readReturn(files);
      if (read.errors.length) return { ok: false, errors: read.errors };
      return db
        .withCouncil(councilId, async (tx) => {
          await repo.lockCouncilImport(tx, councilId);
          const errors: ImportError[] = [];
          const { plans, open } = await plan(tx, read.children, options, errors);
          if (errors.length) return { ok: false as const, errors };
          const touched = (p: Plan) =>
            p.changes.length + p.episodesAdded.length + p.episodesUpdated.length + p.workers.length > 0;
          const children: ChildOutcome[] = plans.map((p) => ({
            child: p.c.child,
            action: !p.existing ? 'create' : touched(p) ? 'update' : 'unchanged',
            changes: [
              ...p.changes,
              ...(p.episodesAdded.length ? [`${p.episodesAdded.length} episodes added`] : []),
              ...(p.episodesUpdated.length ? [`${p.episodesUpdated.length} episodes updated`] : []),
              ...p.workers.map((w) => `${w.role} allocated`),
            ],
          }));
          const count = (a: ChildOutcome['action']) => children.filter((c) => c.action === a).length;
          const summary: ImportSummary = {
            dryRun: options.dryRun,
            created: count('create'),
            updated: count('update'),
            unchanged: count('unchanged'),
            episodesAdded: plans.reduce((n, p) => n + p.episodesAdded.length, 0),
            episodesUpdated: plans.reduce((n, p) => n + p.episodesUpdated.length, 0),
            allocations: plans.reduce((n, p) => n + p.workers.length, 0),
            reviews: read.children.reduce((n, c) => n + c.reviews.length, 0),
            missing: read.children.reduce((n, c) => n + c.missing.length, 0),
            needName: plans.filter((p) => (p.details.needsName ?? p.existing?.needsName) === true).length,
            children,
          };
          if (options.dryRun) return { ok: true as const, summary };
          const episodes: repo.EpisodeRow[] = [];
          for (const p of plans) if (!p.existing || touched(p)) await write(tx, councilId, actor, p, open, episodes);
          await repo.insertEpisodes(tx, episodes);
          await keepReviewsAndMissing(tx, councilId, read.children);
          await insertAudit(tx, {
            ...actor,
            councilId,
            action: 'ssda903.import',
            entityType: 'council',
            entityId: councilId,
            details: {
              files: read.rows,
              created: summary.created,
              updated: summary.updated,
              unchanged: summary.unchanged,
              episodesAdded: summary.episodesAdded,
              episodesUpdated: summary.episodesUpdated,
              allocations: summary.allocations,
              reviews: summary.reviews,
              missing: summary.missing,
            },
          });
          return { ok: true as const, summary };
        })
        .catch((error: { cause?: { code?: string } }): ImportResult => {
          // Someone added a record with one of the return's CHILD ids as its reference a moment ago.
          if (error.cause?.code !== '23505') throw error;
          return { ok: false, errors: [{ file: '', line: 0, column: '', reason: RACED }] };
        });
    },

    /** An administrator's import into their own council; anyone else is refused, and the refusal audited. */
    async importAsStaff(
      ctx: RequestContext,
      files: Readonly<Record<string, string>>,
      options: ImportOptions,
    ): Promise<ImportResult> {
      await onlyAdministrators(ctx, 'ssda903.import');
      return service.importReturn(ctx.principal.councilId, auditActor(ctx), files, options);
    },

    /**
     * Files uploaded from the page: read, checked and dry-run. With no errors they are kept with the
     * preview (migration 022) for the confirm step, which imports exactly them; with errors nothing is kept.
     */
    async previewUpload(
      ctx: RequestContext,
      uploads: readonly UploadedFile[],
      options: { defaultTeam?: string },
    ): Promise<{ ok: true; uploadId: string; summary: ImportSummary } | { ok: false; errors: ImportError[] }> {
      await onlyAdministrators(ctx, 'ssda903.upload');
      const read = readUploads(uploads);
      if (read.errors.length) return { ok: false, errors: read.errors };
      const actor = auditActor(ctx);
      const dryRun = await service.importReturn(actor.councilId, actor, read.files, { ...options, dryRun: true });
      if (!dryRun.ok) return dryRun;
      const now = clock.now();
      const uploadId = await db.withCouncil(actor.councilId, async (tx) => {
        await repo.deleteUploadsBefore(tx, new Date(now.getTime() - UPLOAD_KEPT_MS));
        const id = await repo.insertUpload(tx, {
          councilId: actor.councilId,
          uploadedBy: ctx.principal.id,
          uploadedAt: now,
          files: read.files,
          defaultTeam: options.defaultTeam ?? null,
          summary: dryRun.summary,
        });
        const { children: _, ...counts } = dryRun.summary;
        await insertAudit(tx, {
          ...actor,
          action: 'ssda903.upload',
          entityType: 'ssda903_upload',
          entityId: id,
          details: { files: Object.keys(read.files), ...counts },
        });
        return id;
      });
      return { ok: true, uploadId, summary: dryRun.summary };
    },

    /** An upload kept for its confirm step, by the administrator who made it; null once imported or too old. */
    async upload(ctx: RequestContext, uploadId: string) {
      await onlyAdministrators(ctx, 'ssda903.upload');
      const since = new Date(clock.now().getTime() - UPLOAD_KEPT_MS);
      const row = await db.withCouncil(ctx.principal.councilId, (tx) =>
        repo.uploadOf(tx, uploadId, ctx.principal.id, since),
      );
      return row
        ? {
            id: row.id,
            files: Object.keys(row.files),
            summary: row.summary as ImportSummary,
            uploadedAt: row.uploadedAt,
          }
        : null;
    },

    /**
     * Imports an upload the administrator previewed. The return is checked again as it is imported (the
     * records may have changed since the preview): any error and nothing is written, and the upload is kept.
     */
    async confirmUpload(ctx: RequestContext, uploadId: string): Promise<ImportResult | { ok: false; gone: true }> {
      await onlyAdministrators(ctx, 'ssda903.import');
      const since = new Date(clock.now().getTime() - UPLOAD_KEPT_MS);
      const row = await db.withCouncil(ctx.principal.councilId, (tx) =>
        repo.uploadOf(tx, uploadId, ctx.principal.id, since),
      );
      if (!row) return { ok: false, gone: true };
      const actor = auditActor(ctx);
      const options = { dryRun: false, defaultTeam: row.defaultTeam ?? undefined };
      const result = await service.importReturn(actor.councilId, actor, row.files, options);
      if (result.ok) await db.withCouncil(actor.councilId, (tx) => repo.deleteUpload(tx, uploadId));
      return result;
    },
  };
  return service;
}
export type Ssda903Import = ReturnType<typeof ssda903Import>;
