// Writes that move the statutory clock. Each runs in one transaction: it checks permission on the
// record, validates against what is already recorded, writes, and writes its audit row.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { authorize, type Capability } from '../domain/permissions.ts';
import { addWorkingDays, ENGLAND_AND_WALES, validatePolicy, type LocalPolicy } from '../domain/statutory/index.ts';
import {
  careEpisodes,
  councilPolicies,
  dateOfBirthHistory,
  reviewTriggers,
  statutoryRecords,
  youngPeople,
} from '../data/schema.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import * as statutoryRepo from '../data/repositories/statutory.ts';
import { errors } from '../errors.ts';
import { formatDate } from '../domain/plan/quality.ts';
import { episodeStartProblem, reasonPlaceChangeProblem } from '../domain/records.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { RecordsService } from './records.ts';
import { policyIn } from './statutory.ts';

export type FieldErrors = Record<string, string>;

/** A period of care with every SSDA903 episode field but its end (DECOM, RNE, LS, CIN, PLACE, PLACE_PROVIDER…). */
export type EpisodeInput = {
  startDate: string;
  reasonNewEpisode: string;
  legalStatus: string;
  categoryOfNeed: string;
  placementType: string;
  placementProvider: string;
  reasonPlaceChange: string | null;
  homePostcode: string | null;
  placementPostcode: string | null;
  urn: string | null;
};
export type Outcome<T = void> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

export const TRIGGER_KINDS = [
  'accommodation_move',
  'accommodation_at_risk',
  'custody_entry',
  'custody_release',
  'became_parent',
  'child_protection_concern',
  'education_or_work_change',
  'immigration_decision',
  'adviser_request',
  'other_change',
] as const;
export const WORK_KINDS = [
  'needs_assessment',
  'pathway_plan',
  'review',
  'accommodation_review',
  'adviser_visit',
] as const;

/**
 * Opens the record for writing inside one transaction; refusals are audited and become 403. The work
 * writes its own audit row with what changed; a failed validation writes nothing.
 */
export async function onRecord<T>(
  db: Database,
  records: RecordsService,
  ctx: RequestContext,
  youngPersonId: string,
  capability: Capability,
  action: string,
  work: (tx: Tx, yp: typeof youngPeople.$inferSelect) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  authorize(ctx.principal, capability);
  const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
    const opened = await records.openRecord(tx, ctx, youngPersonId, action, { auditAllowed: false, write: true });
    if (opened.denied) return { denied: true as const };
    const [yp] = await tx.select().from(youngPeople).where(eq(youngPeople.id, youngPersonId));
    return { denied: false as const, outcome: await work(tx, yp) };
  });
  if (result.denied) throw errors.forbiddenAudited('You do not have permission to change this record');
  return result.outcome;
}

export function statutoryCommands(db: Database, clock: Clock, records: RecordsService) {
  const onRecordOf = <T>(
    ctx: RequestContext,
    youngPersonId: string,
    capability: Capability,
    action: string,
    work: (tx: Tx, yp: typeof youngPeople.$inferSelect) => Promise<Outcome<T>>,
  ) => onRecord(db, records, ctx, youngPersonId, capability, action, work);

  const today = () => ukDate(clock.now());
  const notFuture = (field: string, date: string, errorsOut: FieldErrors, label: string) => {
    if (date > today()) errorsOut[field] = `${label} must be today or in the past`;
  };

  return {
    /**
     * A significant change, or a request for a review (Care Leavers Regs reg 7(1)(a),(b)). It brings
     * the next review forward to within the council's working days; it cannot be dismissed, only
     * answered by a review.
     */
    async recordTrigger(
      ctx: RequestContext,
      youngPersonId: string,
      input: { kind: string; occurredOn: string; description: string },
    ) {
      const isYoungPerson = ctx.principal.kind === 'young_person';
      return onRecordOf(
        ctx,
        youngPersonId,
        isYoungPerson ? 'review.request' : 'record.update',
        'review-trigger.record',
        async (tx, yp) => {
          const fieldErrors: FieldErrors = {};
          notFuture('occurredOn', input.occurredOn, fieldErrors, 'The date it happened');
          if (input.occurredOn < yp.dateOfBirth)
            fieldErrors.occurredOn ??= 'The date it happened must be after their date of birth';
          if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
          const kind = isYoungPerson ? 'young_person_request' : input.kind;
          const { policy } = await policyIn(tx);
          const raisedOn = today();
          const [row] = await tx
            .insert(reviewTriggers)
            .values({
              councilId: ctx.principal.councilId,
              youngPersonId,
              kind,
              occurredOn: input.occurredOn,
              raisedOn,
              description: input.description,
              raisedByKind: ctx.principal.kind,
              raisedBy: ctx.principal.id,
            })
            .returning({ id: reviewTriggers.id });
          const reviewDueBy = addWorkingDays(raisedOn, policy.significantChangeReviewWorkingDays, ENGLAND_AND_WALES);
          await insertAudit(tx, {
            ...auditActor(ctx),
            action: 'review-trigger.record',
            youngPersonId,
            entityType: 'review_trigger',
            entityId: row.id,
            details: { kind, occurredOn: input.occurredOn, reviewDueBy },
          });
          return { ok: true, value: { id: row.id, reviewDueBy } };
        },
      );
    },

    /** Completed statutory work: a needs assessment, a plan, a review, an accommodation review, a visit. */
    async recordWork(
      ctx: RequestContext,
      youngPersonId: string,
      input: { kind: (typeof WORK_KINDS)[number]; completedOn: string; notes: string | null },
    ) {
      return onRecordOf(ctx, youngPersonId, 'record.update', 'statutory-work.record', async (tx, yp) => {
        const fieldErrors: FieldErrors = {};
        notFuture('completedOn', input.completedOn, fieldErrors, 'The date');
        if (input.completedOn < yp.dateOfBirth)
          fieldErrors.completedOn ??= 'The date must be after their date of birth';
        if (input.kind === 'review') {
          const facts = (await statutoryRepo.statutoryFacts(tx, [youngPersonId])).get(youngPersonId)!;
          if (!facts.firstPlanOn) fieldErrors.kind = 'Record their first pathway plan before a review';
        }
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        const [row] = await tx
          .insert(statutoryRecords)
          .values({
            councilId: ctx.principal.councilId,
            youngPersonId,
            kind: input.kind,
            completedOn: input.completedOn,
            notes: input.notes,
            recordedBy: ctx.principal.id,
          })
          .returning({ id: statutoryRecords.id });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'statutory-work.record',
          youngPersonId,
          entityType: 'statutory_record',
          entityId: row.id,
          details: { kind: input.kind, completedOn: input.completedOn },
        });
        return { ok: true, value: row.id };
      });
    },

    /** A new date of birth, for example after an age assessment. Everything derived from it is recomputed. */
    async changeDateOfBirth(
      ctx: RequestContext,
      youngPersonId: string,
      input: { dateOfBirth: string; ageAssessed: boolean; reason: string },
    ) {
      return onRecordOf(ctx, youngPersonId, 'record.update', 'date-of-birth.change', async (tx, yp) => {
        const fieldErrors: FieldErrors = {};
        notFuture('dateOfBirth', input.dateOfBirth, fieldErrors, 'Date of birth');
        const first = await tx
          .select({ start: careEpisodes.startDate })
          .from(careEpisodes)
          .where(eq(careEpisodes.youngPersonId, youngPersonId))
          .orderBy(careEpisodes.startDate)
          .limit(1);
        if (first[0] && input.dateOfBirth > first[0].start)
          fieldErrors.dateOfBirth ??= 'Date of birth must be before their first period of care';
        if (input.dateOfBirth === yp.dateOfBirth && input.ageAssessed === yp.dateOfBirthAgeAssessed)
          fieldErrors.dateOfBirth ??= 'This is the date of birth already recorded';
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        await tx
          .update(youngPeople)
          .set({ dateOfBirth: input.dateOfBirth, dateOfBirthAgeAssessed: input.ageAssessed, updatedAt: clock.now() })
          .where(eq(youngPeople.id, youngPersonId));
        await tx.insert(dateOfBirthHistory).values({
          councilId: ctx.principal.councilId,
          youngPersonId,
          dateOfBirth: input.dateOfBirth,
          ageAssessed: input.ageAssessed,
          reason: input.reason,
          recordedBy: ctx.principal.id,
        });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'date-of-birth.change',
          youngPersonId,
          entityType: 'young_person',
          entityId: youngPersonId,
          details: {
            from: yp.dateOfBirth,
            to: input.dateOfBirth,
            ageAssessed: input.ageAssessed,
            reason: input.reason,
          },
        });
        return { ok: true, value: undefined };
      });
    },

    /**
     * A new period of care (SSDA903 episode, every field). Only one may be open, periods may not overlap,
     * and a change of legal status or placement carries on from the last period (domain/records.ts).
     */
    async addEpisode(ctx: RequestContext, youngPersonId: string, input: EpisodeInput) {
      return onRecordOf(ctx, youngPersonId, 'record.update', 'care-episode.add', async (tx, yp) => {
        const fieldErrors: FieldErrors = {};
        notFuture('startDate', input.startDate, fieldErrors, 'The start date');
        if (input.startDate < yp.dateOfBirth)
          fieldErrors.startDate ??= 'The start date must be after their date of birth';
        const existing = await tx.select().from(careEpisodes).where(eq(careEpisodes.youngPersonId, youngPersonId));
        const lastEnd =
          existing
            .map((e) => e.endDate)
            .sort()
            .at(-1) ?? null;
        if (existing.some((e) => e.endDate === null))
          fieldErrors.startDate ??= 'End their current period of care first';
        else if (existing.some((e) => e.endDate !== null && input.startDate < e.endDate))
          fieldErrors.startDate ??= 'The start date must be on or after the end of their last period of care';
        const startProblem = episodeStartProblem(input.reasonNewEpisode, input.startDate, lastEnd);
        if (startProblem) fieldErrors.reasonNewEpisode = startProblem;
        const placeProblem = reasonPlaceChangeProblem(input);
        if (placeProblem) fieldErrors.reasonPlaceChange = placeProblem;
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        const [row] = await tx
          .insert(careEpisodes)
          .values({ councilId: ctx.principal.councilId, youngPersonId, ...input })
          .returning({ id: careEpisodes.id });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'care-episode.add',
          youngPersonId,
          entityType: 'care_episode',
          entityId: row.id,
          // Codes and dates only: postcodes say where someone lives, and stay on the record.
          details: {
            startDate: input.startDate,
            reasonNewEpisode: input.reasonNewEpisode,
            legalStatus: input.legalStatus,
            categoryOfNeed: input.categoryOfNeed,
            placementType: input.placementType,
            placementProvider: input.placementProvider,
            reasonPlaceChange: input.reasonPlaceChange,
          },
        });
        return { ok: true, value: row.id };
      });
    },

    /**
     * Corrects the SSDA903 fields of a recorded period of care (all but its dates and why it ended), for
     * example one recorded before Pathway kept every field. The same rules as adding one apply.
     */
    async correctEpisode(
      ctx: RequestContext,
      youngPersonId: string,
      episodeId: string,
      input: Omit<EpisodeInput, 'startDate'>,
    ) {
      return onRecordOf(ctx, youngPersonId, 'record.update', 'care-episode.update', async (tx) => {
        const existing = await tx.select().from(careEpisodes).where(eq(careEpisodes.youngPersonId, youngPersonId));
        const episode = existing.find((e) => e.id === episodeId);
        if (!episode) throw errors.notFound();
        const lastEnd =
          existing
            .map((e) => e.endDate)
            .filter((end): end is string => end !== null && end <= episode.startDate)
            .sort()
            .at(-1) ?? null;
        const fieldErrors: FieldErrors = {};
        const startProblem = episodeStartProblem(input.reasonNewEpisode, episode.startDate, lastEnd);
        if (startProblem) fieldErrors.reasonNewEpisode = startProblem;
        const placeProblem = reasonPlaceChangeProblem(input);
        if (placeProblem) fieldErrors.reasonPlaceChange = placeProblem;
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        const fields = Object.entries(input)
          .filter(([k, v]) => (episode as Record<string, unknown>)[k] !== v)
          .map(([k]) => k);
        await tx.update(careEpisodes).set(input).where(eq(careEpisodes.id, episodeId));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'care-episode.update',
          youngPersonId,
          entityType: 'care_episode',
          entityId: episodeId,
          details: { fields },
        });
        return { ok: true, value: undefined };
      });
    },

    /** Ends the open period of care (DEC, exclusive) with its SSDA903 reason. */
    async endEpisode(ctx: RequestContext, youngPersonId: string, input: { endDate: string; reasonEnded: string }) {
      return onRecordOf(ctx, youngPersonId, 'record.update', 'care-episode.end', async (tx) => {
        const [open] = await tx
          .select()
          .from(careEpisodes)
          .where(and(eq(careEpisodes.youngPersonId, youngPersonId), isNull(careEpisodes.endDate)));
        if (!open) return { ok: false, fieldErrors: { endDate: 'They have no open period of care' } };
        const fieldErrors: FieldErrors = {};
        notFuture('endDate', input.endDate, fieldErrors, 'The end date');
        if (input.endDate <= open.startDate)
          fieldErrors.endDate ??= `The end date must be after the period started (${formatDate(open.startDate)})`;
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        await tx
          .update(careEpisodes)
          .set({ endDate: input.endDate, reasonEnded: input.reasonEnded })
          .where(eq(careEpisodes.id, open.id));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'care-episode.end',
          youngPersonId,
          entityType: 'care_episode',
          entityId: open.id,
          details: input,
        });
        return { ok: true, value: undefined };
      });
    },

    /** Circumstances the rules depend on: home with a parent, detention at 16, support after 21, education, council accommodation. */
    async updateCircumstances(
      ctx: RequestContext,
      youngPersonId: string,
      input: {
        homeWithParentSince: string | null;
        detainedOrInHospitalOn16thBirthday: boolean;
        supportAfter21RequestedOn: string | null;
        supportAfter21DeclinedOn: string | null;
        educationProgrammeEndsOn: string | null;
        councilAccommodationSince: string | null;
      },
    ) {
      return onRecordOf(ctx, youngPersonId, 'record.update', 'circumstances.update', async (tx, yp) => {
        const fieldErrors: FieldErrors = {};
        for (const field of [
          'homeWithParentSince',
          'supportAfter21RequestedOn',
          'supportAfter21DeclinedOn',
          'councilAccommodationSince',
        ] as const) {
          const v = input[field];
          if (v && v > today()) fieldErrors[field] = 'The date must be today or in the past';
          if (v && v < yp.dateOfBirth) fieldErrors[field] = 'The date must be after their date of birth';
        }
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        const before = {
          homeWithParentSince: yp.homeWithParentSince,
          detainedOrInHospitalOn16thBirthday: yp.detainedOrInHospitalOn16thBirthday,
          supportAfter21RequestedOn: yp.supportAfter21RequestedOn,
          supportAfter21DeclinedOn: yp.supportAfter21DeclinedOn,
          educationProgrammeEndsOn: yp.educationProgrammeEndsOn,
          councilAccommodationSince: yp.councilAccommodationSince,
        };
        await tx
          .update(youngPeople)
          .set({ ...input, updatedAt: clock.now() })
          .where(eq(youngPeople.id, youngPersonId));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'circumstances.update',
          youngPersonId,
          entityType: 'young_person',
          entityId: youngPersonId,
          details: { from: before, to: input },
        });
        return { ok: true, value: undefined };
      });
    },

    async policy(ctx: RequestContext) {
      authorize(ctx.principal, 'policy.manage');
      return db.withCouncil(ctx.principal.councilId, async (tx) => ({
        ...(await policyIn(tx)),
        history: await statutoryRepo.policyHistory(tx),
      }));
    },

    /** A new version of the council's policy: only ever stricter than the law (validatePolicy). */
    async changePolicy(
      ctx: RequestContext,
      input: { policy: Partial<Record<keyof LocalPolicy, unknown>>; reason: string },
    ): Promise<Outcome<number>> {
      authorize(ctx.principal, 'policy.manage');
      const checked = validatePolicy(input.policy);
      if (!checked.ok)
        return { ok: false, fieldErrors: Object.fromEntries(checked.errors.map((e) => [e.field, e.message])) };
      return db.withCouncil(ctx.principal.councilId, async (tx): Promise<Outcome<number>> => {
        const [last] = await tx
          .select({ version: councilPolicies.version, policy: councilPolicies.policy })
          .from(councilPolicies)
          .orderBy(desc(councilPolicies.version))
          .limit(1);
        const version = (last?.version ?? 0) + 1;
        await tx.insert(councilPolicies).values({
          councilId: ctx.principal.councilId,
          version,
          policy: checked.policy,
          reason: input.reason,
          changedBy: ctx.principal.id,
        });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'policy.update',
          entityType: 'council_policy',
          entityId: String(version),
          details: { from: last?.policy ?? null, to: checked.policy, reason: input.reason },
        });
        return { ok: true, value: version };
      });
    },
  };
}
export type StatutoryCommands = ReturnType<typeof statutoryCommands>;
