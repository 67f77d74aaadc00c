// Creating young people, changing their details, allocating workers and moving cases between teams
// (issue 11 §1). Each write runs in one transaction: permission on the record (a refusal is audited),
// the record's row locked so two writers take turns, a check that nobody changed it since the form was
// opened (its version), the write and its audit row. A stale form is refused as a conflict and nothing
// typed is lost: the page shows it again beside what is saved now.
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import {
  authorize,
  can,
  canAllocate,
  canClose,
  canCreateInTeam,
  type Capability,
  type Principal,
  type RecordFacts,
} from '../domain/permissions.ts';
import { insertAudit, type AuditEntry } from '../data/repositories/audit.ts';
import * as erasure from '../data/repositories/erasure.ts';
import * as people from '../data/repositories/people.ts';
import * as repo from '../data/repositories/records.ts';
import type { youngPeople } from '../data/schema.ts';
import { errors } from '../errors.ts';
import { formatDate } from '../domain/plan/quality.ts';
import { birthday } from '../domain/statutory/dates.ts';
import {
  CLOSURE_REASON_NAMES,
  closureProblems,
  type ClosureInput,
  reopeningProblems,
  retentionEndsOn,
} from '../domain/closure.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { RecordsService } from './records.ts';
import type { FieldErrors } from './statutory-commands.ts';

export type { AllocationRole, Details } from '../data/repositories/records.ts';
export const ALLOCATION_ROLES = ['personal_adviser', 'social_worker'] as const;
export const ALLOCATION_ROLE_NAMES: Record<repo.AllocationRole, string> = {
  personal_adviser: 'Personal adviser',
  social_worker: 'Social worker',
};

type YoungPersonRow = typeof youngPeople.$inferSelect;
/** A write's result: done, refused by validation, or refused because the record changed since `version`. */
export type WriteOutcome<T = void> =
  | { ok: true; value: T }
  | { ok: false; fieldErrors: FieldErrors; conflict?: { current: YoungPersonRow } };

export type CreateInput = repo.Details & {
  reference: string;
  dateOfBirth: string;
  ageAssessed: boolean;
  teamId: string;
};

const REFERENCE_TAKEN = 'Another young person already has this reference';
const CONFLICT =
  'Someone else changed this record while you had this page open. Nothing you typed is lost: check what is saved now, then save again.';

/** An audit row for this request. */
const audit = (tx: Tx, ctx: RequestContext, row: Omit<AuditEntry, keyof ReturnType<typeof auditActor>>) =>
  insertAudit(tx, { ...auditActor(ctx), ...row });

export function recordCommands(db: Database, clock: Clock, records: RecordsService) {
  const today = () => ukDate(clock.now());

  /**
   * Opens the record for a write under `rule` (refusal audited, then 403), locks its row and checks the
   * version the form was opened at. A stale version writes a conflict audit row and returns the record
   * as it is now.
   */
  async function onLockedRecord<T>(
    ctx: RequestContext,
    youngPersonId: string,
    capability: Capability,
    action: string,
    rule: ((p: Principal, f: RecordFacts) => boolean) | undefined,
    version: number,
    work: (tx: Tx, yp: YoungPersonRow) => Promise<WriteOutcome<T>>,
    whileClosed = false,
  ): Promise<WriteOutcome<T>> {
    authorize(ctx.principal, capability);
    const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
      const opened = await records.openRecord(tx, ctx, youngPersonId, action, {
        auditAllowed: false,
        rule,
        write: true,
        whileClosed,
      });
      if (opened.denied) return { denied: true as const };
      const yp = await repo.lockYoungPerson(tx, youngPersonId);
      if (!yp) throw errors.notFound();
      if (yp.version !== version) {
        await audit(tx, ctx, {
          action: action.startsWith('young-person')
            ? 'young-person.update-conflict'
            : action.startsWith('case.')
              ? 'case.conflict'
              : 'allocation.conflict',
          youngPersonId,
          entityType: 'young_person',
          entityId: youngPersonId,
          details: { attempted: action, formVersion: version, currentVersion: yp.version },
        });
        return {
          denied: false as const,
          outcome: { ok: false, fieldErrors: { version: CONFLICT }, conflict: { current: yp } } as WriteOutcome<T>,
        };
      }
      return { denied: false as const, outcome: await work(tx, yp) };
    });
    if (result.denied) throw errors.forbiddenAudited('You do not have permission to change this record');
    return result.outcome;
  }

  const notFuture = (out: FieldErrors, field: string, date: string, label: string) => {
    if (date > today()) out[field] = `${label} must be today or in the past`;
  };

  /** Ends allocations and opens new ones: the shared part of allocating, transferring and moving team. */
  async function allocateIn(
    tx: Tx,
    ctx: RequestContext,
    yp: YoungPersonRow,
    role: repo.AllocationRole,
    staffId: string,
    startDate: string,
    open: Awaited<ReturnType<typeof repo.openAllocations>>,
  ) {
    const current = open.find((a) => a.role === role);
    if (current) await repo.endAllocationRow(tx, current.id, startDate);
    const id = await repo.insertAllocation(tx, {
      councilId: ctx.principal.councilId,
      youngPersonId: yp.id,
      staffId,
      role,
      startDate,
    });
    await audit(tx, ctx, {
      action: 'allocation.start',
      youngPersonId: yp.id,
      entityType: 'allocation',
      entityId: id,
      details: { role, staffId, from: startDate, previousStaffId: current?.staffId ?? null },
    });
    return id;
  }

  /** Checks a worker may take a case of `teamId` in `role` from `startDate`; adds what is wrong to `out`. */
  async function checkWorker(
    tx: Tx,
    out: FieldErrors,
    field: string,
    input: { role: repo.AllocationRole; staffId: string; startDate: string; teamId: string },
    open: Awaited<ReturnType<typeof repo.openAllocations>>,
  ) {
    const worker = await repo.staffMember(tx, input.staffId);
    const roleName = ALLOCATION_ROLE_NAMES[input.role].toLowerCase();
    if (!worker?.active || worker.role !== input.role) out[field] = `Select a ${roleName}`;
    else if (worker.teamId !== input.teamId) out[field] = `Select a ${roleName} in the young person’s team`;
    const current = open.find((a) => a.role === input.role);
    if (current && current.staffId === input.staffId)
      out[field] ??= `${current.staffName} is already their ${roleName}`;
    if (current && input.startDate <= current.startDate)
      out.startDate ??= `The date must be after ${current.staffName}’s allocation started (${formatDate(current.startDate)})`;
  }

  async function create(tx: Tx, ctx: RequestContext, input: CreateInput): Promise<WriteOutcome<string>> {
    const fieldErrors: FieldErrors = {};
    notFuture(fieldErrors, 'dateOfBirth', input.dateOfBirth, 'Date of birth');
    if (input.reference && (await repo.referenceTaken(tx, input.reference))) fieldErrors.reference = REFERENCE_TAKEN;
    if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
    const { reference, dateOfBirth, ageAssessed, teamId, ...details } = input;
    const id = randomUUID();
    await repo.insertYoungPerson(
      tx,
      {
        ...details,
        id,
        councilId: ctx.principal.councilId,
        reference: reference || `PW${id.slice(0, 8).toUpperCase()}`,
        dateOfBirth,
        dateOfBirthAgeAssessed: ageAssessed,
        teamId,
      },
      ctx.principal.id,
    );
    await audit(tx, ctx, {
      action: 'young-person.create',
      youngPersonId: id,
      entityType: 'young_person',
      entityId: id,
      details: { teamId, dateOfBirth, ageAssessed },
    });
    return { ok: true, value: id };
  }

  return {
    /** Refuses (403, audited by the app) anyone who may not change a young person's details. */
    mayEdit(ctx: RequestContext): void {
      authorize(ctx.principal, 'record.update');
    },

    /** Refuses (403, audited by the app) anyone who may not close or reopen cases. */
    mayClose(ctx: RequestContext): void {
      authorize(ctx.principal, 'record.close');
    },

    /** The teams this principal may add a young person to. */
    async teamsForNew(ctx: RequestContext) {
      authorize(ctx.principal, 'record.create');
      return db.withCouncil(ctx.principal.councilId, async (tx) =>
        (await people.listTeams(tx)).filter((t) => canCreateInTeam(ctx.principal, t.id)),
      );
    },

    /** Adds a young person to a team: their details and first date of birth. */
    async createYoungPerson(ctx: RequestContext, input: CreateInput): Promise<WriteOutcome<string>> {
      authorize(ctx.principal, 'record.create');
      const referenceTaken: WriteOutcome<string> = {
        ok: false,
        fieldErrors: { reference: REFERENCE_TAKEN },
      };
      const result = await db
        .withCouncil(ctx.principal.councilId, async (tx) => {
          const team = await people.teamById(tx, input.teamId);
          if (!team || !canCreateInTeam(ctx.principal, team.id)) {
            await audit(tx, ctx, {
              action: 'young-person.create',
              outcome: 'denied',
              entityType: 'team',
              entityId: input.teamId,
            });
            return null;
          }
          return create(tx, ctx, input);
        })
        .catch((error: { cause?: { code?: string } }) => {
          // Added with the same reference by someone else a moment ago: the unique index refused this one.
          if (error.cause?.code === '23505') return referenceTaken;
          throw error;
        });
      if (!result) throw errors.forbiddenAudited('You can only add young people to a team you manage');
      return result;
    },

    /** Changes the young person's details, unless someone changed the record since `version`. */
    async updateDetails(ctx: RequestContext, id: string, version: number, details: repo.Details) {
      return onLockedRecord(ctx, id, 'record.update', 'young-person.update', undefined, version, async (tx, yp) => {
        const fields = Object.entries(details)
          .filter(([k, v]) => (yp as Record<string, unknown>)[k] !== v)
          .map(([k]) => k);
        // The row is locked and its version checked, so this cannot miss; if it ever did, refuse rather than lose a save.
        if (!(await repo.updateDetails(tx, id, version, details, clock.now()))) throw errors.conflict(CONFLICT);
        // Which fields changed, not their values: the audit trail says who changed what, the record holds it.
        await audit(tx, ctx, {
          action: 'young-person.update',
          youngPersonId: id,
          entityType: 'young_person',
          entityId: id,
          details: { fields },
        });
        return { ok: true, value: undefined };
      });
    },

    /** The allocation page: who holds the case now and before, the team history, and who could take it. */
    async allocationPage(ctx: RequestContext, id: string) {
      return records.audited(ctx, id, 'allocation.view', async (tx) => {
        const details = await people.youngPersonDetails(tx, id);
        if (!details) throw errors.notFound();
        const facts = await people.recordFacts(tx, id, today());
        return {
          ...details,
          open: await repo.openAllocations(tx, id),
          teamHistory: await repo.teamHistoryOf(tx, id),
          workers: await repo.allocatableStaff(tx),
          teams: await repo.otherTeams(tx, details.yp.teamId),
          mayAllocate: facts !== null && canAllocate(ctx.principal, facts),
          today: today(),
        };
      });
    },

    /** Allocates a worker in a role; one already allocated in that role hands over that day (a transfer). */
    async allocate(
      ctx: RequestContext,
      id: string,
      version: number,
      input: { role: repo.AllocationRole; staffId: string; startDate: string },
    ): Promise<WriteOutcome> {
      return onLockedRecord(ctx, id, 'record.allocate', 'allocation.start', canAllocate, version, async (tx, yp) => {
        const fieldErrors: FieldErrors = {};
        notFuture(fieldErrors, 'startDate', input.startDate, 'The date');
        if (input.startDate < yp.dateOfBirth) fieldErrors.startDate ??= 'The date must be after their date of birth';
        const open = await repo.openAllocations(tx, id);
        await checkWorker(tx, fieldErrors, 'staffId', { ...input, teamId: yp.teamId }, open);
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        await allocateIn(tx, ctx, yp, input.role, input.staffId, input.startDate, open);
        const column = input.role === 'personal_adviser' ? 'personalAdviserId' : 'socialWorkerId';
        await repo.bumpVersion(tx, id, { [column]: input.staffId }, clock.now());
        return { ok: true, value: undefined };
      });
    },

    /** Ends the allocation in a role, leaving no one in it (the due list then asks for an adviser). */
    async endAllocation(
      ctx: RequestContext,
      id: string,
      version: number,
      input: { role: repo.AllocationRole; endDate: string },
    ): Promise<WriteOutcome> {
      return onLockedRecord(ctx, id, 'record.allocate', 'allocation.end', canAllocate, version, async (tx) => {
        const current = (await repo.openAllocations(tx, id)).find((a) => a.role === input.role);
        const roleName = ALLOCATION_ROLE_NAMES[input.role].toLowerCase();
        if (!current) return { ok: false, fieldErrors: { role: `They have no ${roleName} to end` } };
        const fieldErrors: FieldErrors = {};
        notFuture(fieldErrors, 'endDate', input.endDate, 'The end date');
        if (input.endDate <= current.startDate)
          fieldErrors.endDate ??= `The end date must be after the allocation started (${formatDate(current.startDate)})`;
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        await repo.endAllocationRow(tx, current.id, input.endDate);
        const column = input.role === 'personal_adviser' ? 'personalAdviserId' : 'socialWorkerId';
        await repo.bumpVersion(tx, id, { [column]: null }, clock.now());
        await audit(tx, ctx, {
          action: 'allocation.end',
          youngPersonId: id,
          entityType: 'allocation',
          entityId: current.id,
          details: { role: input.role, staffId: current.staffId, endDate: input.endDate },
        });
        return { ok: true, value: undefined };
      });
    },

    /**
     * Moves the case to another team from a date. Reports count a case in the team of the worker
     * allocated that day, so workers from other teams hand over that day: to the new team's adviser and
     * social worker when given, otherwise their allocation ends.
     */
    async moveTeam(
      ctx: RequestContext,
      id: string,
      version: number,
      input: { teamId: string; on: string; personalAdviserId: string | null; socialWorkerId: string | null },
    ): Promise<WriteOutcome<{ ended: string[] }>> {
      return onLockedRecord(ctx, id, 'record.allocate', 'team.move', canAllocate, version, async (tx, yp) => {
        const fieldErrors: FieldErrors = {};
        const team = await people.teamById(tx, input.teamId);
        if (!team || team.id === yp.teamId) fieldErrors.teamId = 'Select the team they are moving to';
        notFuture(fieldErrors, 'on', input.on, 'The date');
        const period = await repo.openTeamPeriod(tx, id);
        const fromOn = period?.startDate ?? (await repo.caseOpenedOn(tx, id));
        if (input.on <= fromOn) fieldErrors.on ??= `The date must be after ${formatDate(fromOn)}`;
        const open = await repo.openAllocations(tx, id);
        const handOver = (['personal_adviser', 'social_worker'] as const).map((role) => ({
          role,
          staffId: role === 'personal_adviser' ? input.personalAdviserId : input.socialWorkerId,
          current: open.find((a) => a.role === role),
        }));
        for (const h of handOver) {
          const field = h.role === 'personal_adviser' ? 'personalAdviserId' : 'socialWorkerId';
          if (h.staffId && team)
            await checkWorker(
              tx,
              fieldErrors,
              field,
              { role: h.role, staffId: h.staffId, startDate: input.on, teamId: team.id },
              open,
            );
          else if (h.current && h.current.staffTeamId !== input.teamId && input.on <= h.current.startDate)
            fieldErrors.on ??= `The date must be after ${h.current.staffName}’s allocation started (${formatDate(h.current.startDate)})`;
        }
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        await repo.moveTeamPeriod(
          tx,
          {
            councilId: ctx.principal.councilId,
            youngPersonId: id,
            fromTeamId: yp.teamId,
            fromOn,
            toTeamId: input.teamId,
            on: input.on,
          },
          ctx.principal.id,
        );
        const set: Partial<YoungPersonRow> = { teamId: input.teamId };
        const ended: string[] = [];
        for (const h of handOver) {
          const column = h.role === 'personal_adviser' ? 'personalAdviserId' : 'socialWorkerId';
          if (h.staffId) {
            await allocateIn(tx, ctx, yp, h.role, h.staffId, input.on, open);
            set[column] = h.staffId;
          } else if (h.current && h.current.staffTeamId !== input.teamId) {
            await repo.endAllocationRow(tx, h.current.id, input.on);
            set[column] = null;
            ended.push(h.current.staffName);
          }
        }
        await repo.bumpVersion(tx, id, set, clock.now());
        await audit(tx, ctx, {
          action: 'team.move',
          youngPersonId: id,
          entityType: 'young_person',
          entityId: id,
          details: { fromTeamId: yp.teamId, toTeamId: input.teamId, on: input.on, endedAllocations: ended.length },
        });
        return { ok: true, value: { ended } };
      });
    },

    /**
     * Closes the case with a reason and date (issue 11 §3): from then on its record is read-only (every
     * write is refused in records.openRecord) until a manager reopens it.
     */
    async closeCase(ctx: RequestContext, id: string, version: number, input: ClosureInput): Promise<WriteOutcome> {
      return onLockedRecord(ctx, id, 'record.close', 'case.close', canClose, version, async (tx, yp) => {
        const facts = {
          today: today(),
          dateOfBirth: yp.dateOfBirth,
          lastChangeOn: await repo.lastCaseChangeOn(tx, id),
        };
        const fieldErrors: FieldErrors = closureProblems(input, facts);
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        const details = input.details.trim() || null;
        await repo.insertCaseChange(tx, {
          councilId: ctx.principal.councilId,
          youngPersonId: id,
          kind: 'close',
          onDate: input.on,
          reason: input.reason,
          details,
          recordedBy: ctx.principal.id,
        });
        const reasonText = input.reason === 'other' ? details! : CLOSURE_REASON_NAMES[input.reason];
        await repo.bumpVersion(
          tx,
          id,
          { caseStatus: 'closed', closedOn: input.on, closureReason: reasonText },
          clock.now(),
        );
        // The reason code, not the words typed: the record holds those.
        await audit(tx, ctx, {
          action: 'case.close',
          youngPersonId: id,
          entityType: 'young_person',
          entityId: id,
          details: { reason: input.reason, on: input.on },
        });
        return { ok: true, value: undefined };
      });
    },

    /** Reopens a closed case with a reason and date; its record can be changed again. */
    async reopenCase(
      ctx: RequestContext,
      id: string,
      version: number,
      input: { details: string; on: string },
    ): Promise<WriteOutcome> {
      const work = async (tx: Tx, yp: YoungPersonRow): Promise<WriteOutcome> => {
        if (yp.caseStatus !== 'closed') return { ok: false, fieldErrors: { version: 'This case is already open' } };
        const facts = {
          today: today(),
          dateOfBirth: yp.dateOfBirth,
          lastChangeOn: await repo.lastCaseChangeOn(tx, id),
        };
        const fieldErrors: FieldErrors = reopeningProblems(input, facts);
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        await repo.insertCaseChange(tx, {
          councilId: ctx.principal.councilId,
          youngPersonId: id,
          kind: 'reopen',
          onDate: input.on,
          details: input.details.trim(),
          recordedBy: ctx.principal.id,
        });
        await repo.bumpVersion(tx, id, { caseStatus: 'open', closedOn: null, closureReason: null }, clock.now());
        await audit(tx, ctx, {
          action: 'case.reopen',
          youngPersonId: id,
          entityType: 'young_person',
          entityId: id,
          details: { on: input.on },
        });
        return { ok: true, value: undefined };
      };
      return onLockedRecord(ctx, id, 'record.close', 'case.reopen', canClose, version, work, true);
    },

    /**
     * Records past their keeping (CPPCR 2010 reg 50: until the 75th birthday), listed for an
     * administrator to delete. The listing names young people, so it is audited with who it listed.
     */
    async pastRetention(ctx: RequestContext, only?: readonly string[]) {
      authorize(ctx.principal, 'records.retention');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const now = today();
        // Born about 75 years ago or earlier; the domain's birthday rule decides the day (29 February).
        const found = (await repo.bornOnOrBefore(tx, birthday(now, -75)))
          .map((r) => ({ ...r, keptUntil: retentionEndsOn(r.dateOfBirth) }))
          .filter((r) => r.keptUntil <= now && (!only || only.includes(r.id)));
        await audit(tx, ctx, {
          action: 'retention.list',
          entityType: 'young_person_list',
          details: { shown: found.length, youngPersonIds: found.map((r) => r.id) },
        });
        return found;
      });
    },

    /**
     * Deletes the records of these young people, each whole, in one transaction (CPPCR 2010 reg 50: kept
     * until the 75th birthday, then deleted). Each record's row is locked (in id order, so two
     * administrators choosing overlapping records cannot deadlock) and its keeping checked again under
     * the lock: one already deleted by someone else, or not yet past its keeping, is left and the refusal
     * audited. The database checks the keeping a second time (migration 025). The audit keeps a
     * tombstone: the id, the 903 id, the year of birth and how many rows each table lost; no name.
     */
    async eraseRecords(ctx: RequestContext, ids: readonly string[]) {
      authorize(ctx.principal, 'records.retention');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const now = today();
        const outcome = { deleted: 0, alreadyDeleted: 0, kept: 0 };
        for (const id of [...new Set(ids)].sort()) {
          const row = await repo.lockYoungPerson(tx, id);
          const keptUntil = row && retentionEndsOn(row.dateOfBirth);
          if (!row || keptUntil! > now) {
            await audit(tx, ctx, {
              action: 'record.erase',
              outcome: 'denied',
              youngPersonId: id,
              entityType: 'young_person',
              entityId: id,
              details: row ? { reason: 'kept', keptUntil } : { reason: 'not_found' },
            });
            outcome[row ? 'kept' : 'alreadyDeleted']++;
            continue;
          }
          await erasure.beginErasure(tx, id);
          const rows = await erasure.eraseYoungPerson(tx, id);
          await audit(tx, ctx, {
            action: 'record.erase',
            youngPersonId: id,
            entityType: 'young_person',
            entityId: id,
            details: { ssda903Id: row.ssda903Id, bornIn: Number(row.dateOfBirth.slice(0, 4)), rows },
          });
          outcome.deleted++;
        }
        return outcome;
      });
    },

    /** Open cases per worker in a team this principal may list (team managers their own). */
    async caseloads(ctx: RequestContext, teamId: string | undefined) {
      const p = ctx.principal;
      authorize(p, 'team.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const teams = await people.listTeams(tx);
        const mayList = (id: string) => can(p, 'council.view') || (p.kind === 'staff' && p.teamId === id);
        const visible = teams.filter((t) => mayList(t.id));
        const wanted = teamId ?? (p.kind === 'staff' ? p.teamId : null) ?? visible[0]?.id;
        const team = visible.find((t) => t.id === wanted);
        if (!team) {
          await audit(tx, ctx, {
            action: 'caseloads.view',
            outcome: 'denied',
            entityType: 'team',
            entityId: wanted ?? null,
          });
          return null;
        }
        return { team, teams: visible, ...(await repo.caseloadSizes(tx, team.id)) };
      });
    },
  };
}
export type RecordCommands = ReturnType<typeof recordCommands>;
