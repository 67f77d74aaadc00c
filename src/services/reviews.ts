// The review cycle: start, write, sign, approve. Each use case opens one transaction, checks the
// record (permissions.ts) and the step (domain/plan/review-machine.ts), writes, and audits.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { authorize, can as canPlan, canReachPlan, type Principal, type RecordFacts } from '../domain/permissions.ts';
import { helpedParts } from '../data/repositories/supporters.ts';
import { together } from '../data/together.ts';
import {
  approvedVersion,
  availableEvents,
  currentReturnReason,
  emptyPlanContent,
  prefillNextReview,
  startReview,
  transition,
  type Actor,
  type PlanContent,
  type PlanVersion,
  type Review,
  type ReviewEvent,
  type ReviewEventType,
  editUndid,
  type EditEffects,
} from '../domain/plan/index.ts';
import { planVersions, reviewConflicts, reviews, statutoryRecords, teams, youngPeople } from '../data/schema.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import * as people from '../data/repositories/people.ts';
import { planSummary } from '../data/repositories/plans.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { OpenedFacts, RecordsService } from './records.ts';
import type { RemindersService } from './reminders.ts';

/** How an approved plan was looked at: the page, or the PDF of the whole plan or only its planning part. */
export type PlanViewFormat = 'page' | 'pdf-whole' | 'pdf-planning';

export type ReviewRow = typeof reviews.$inferSelect & { review: Review; sectionRevisions: Record<string, number> };

/** A save that lost the race: the text they typed and what is saved now, so both can be kept. */
export type SaveOutcome =
  | { ok: true; revision: number; review: Review; undid: EditEffects }
  | { ok: false; refusal: string; conflict?: { theirs: unknown; saved: unknown; revision: number } };

/** Who acts in a review: a young person or a member of staff (a council system's token never does). */
function actorOf(p: Principal): Actor {
  if (p.kind === 'api_token') throw errors.forbidden('A council system cannot take part in a review');
  // A supporter helping write acts in the young person's part, as the young person would (what they may do
  // is narrowed to writing their words: see supporterEvents); the audit trail names the supporter.
  if (p.kind === 'supporter') return { kind: 'young_person', id: p.youngPersonId };
  return p.kind === 'young_person' ? { kind: 'young_person', id: p.id } : { kind: 'staff', id: p.id, role: p.role };
}

/** Who may read a young person's plan: as the record, and a supporter they named (issue 12 §6). */
const readPlan = (p: Principal, facts: RecordFacts) => canReachPlan(p, facts, 'read');

export function reviewsService(
  db: Database,
  clock: Clock,
  records: RecordsService,
  reminders?: Pick<RemindersService, 'planReady'>,
) {
  const today = () => ukDate(clock.now());

  /** Opens the record in this transaction (refusals audited) and reads the review, locked for change when asked. */
  async function openReview(
    tx: Tx,
    ctx: RequestContext,
    reviewId: string,
    action: string,
    forUpdate: boolean,
  ): Promise<ReviewRow | null> {
    const base = tx.select().from(reviews).where(eq(reviews.id, reviewId));
    const [row] = forUpdate ? await base.for('update') : await base;
    if (!row) {
      await insertAudit(tx, {
        ...auditActor(ctx),
        action,
        outcome: 'denied',
        entityType: 'review',
        entityId: reviewId,
      });
      return null;
    }
    const opened = await records.openRecord(tx, ctx, row.youngPersonId, action, {
      auditAllowed: false,
      write: forUpdate,
      // A supporter reads the plan, and writes the young person's part only with "help write" (issue 12 §6).
      rule: (p, facts) => canReachPlan(p, facts, forUpdate ? 'write' : 'read'),
    });
    if (opened.denied) return null;
    return row as ReviewRow;
  }

  async function latestVersion(tx: Tx, youngPersonId: string) {
    const [row] = await tx
      .select()
      .from(planVersions)
      .where(eq(planVersions.youngPersonId, youngPersonId))
      .orderBy(desc(planVersions.version))
      .limit(1);
    return row ?? null;
  }

  async function withReview<T>(
    ctx: RequestContext,
    reviewId: string,
    action: string,
    work: (tx: Tx, row: ReviewRow) => Promise<T>,
  ): Promise<T> {
    const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
      const row = await openReview(tx, ctx, reviewId, action, true);
      if (!row) return { denied: true as const };
      return { denied: false as const, value: await work(tx, row) };
    });
    if (result.denied) throw errors.forbiddenAudited('You do not have permission to see this plan');
    return result.value;
  }

  async function save(
    tx: Tx,
    ctx: RequestContext,
    row: ReviewRow,
    next: Review,
    details: Record<string, unknown>,
    revisions = row.sectionRevisions,
  ) {
    await tx
      .update(reviews)
      .set({ review: next, state: next.state, sectionRevisions: revisions, updatedAt: clock.now() })
      .where(eq(reviews.id, row.id));
    await insertAudit(tx, {
      ...auditActor(ctx),
      action: `review.${details.event ?? 'update'}`,
      youngPersonId: row.youngPersonId,
      entityType: 'review',
      entityId: row.id,
      details: { ...details, state: next.state },
    });
  }

  return {
    /** An allocated worker starts a review: a first plan from empty, or the next one pre-filled from the last approved plan. */
    async start(ctx: RequestContext, youngPersonId: string) {
      try {
        return await this.startOnce(ctx, youngPersonId);
      } catch (error) {
        // Two people pressed "start" at once: the database let one review in; carry on with that one.
        if ((error as { cause?: { code?: string } }).cause?.code === '23505') return this.startOnce(ctx, youngPersonId);
        throw error;
      }
    },

    async startOnce(ctx: RequestContext, youngPersonId: string) {
      authorize(ctx.principal, 'record.update');
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, youngPersonId, 'review.start', {
          auditAllowed: false,
          write: true,
        });
        if (opened.denied) return { denied: true as const };
        const [open] = await tx
          .select({ id: reviews.id })
          .from(reviews)
          .where(and(eq(reviews.youngPersonId, youngPersonId), ne(reviews.state, 'approved')));
        if (open) return { denied: false as const, ok: true as const, id: open.id, existing: true };
        const [yp] = await tx.select().from(youngPeople).where(eq(youngPeople.id, youngPersonId));
        const previous = await latestVersion(tx, youngPersonId);
        const id = randomUUID();
        const started = startReview(
          {
            id,
            youngPersonId,
            context: { uasc: yp.unaccompaniedAsylumSeeking, firstPlan: !previous },
            allocatedStaffIds: [yp.personalAdviserId, yp.socialWorkerId].filter((s): s is string => Boolean(s)),
            content: previous ? prefillNextReview(previous.review as PlanVersion) : emptyPlanContent(),
          },
          actorOf(ctx.principal),
          today(),
        );
        if (!started.ok) return { denied: false as const, ok: false as const, refusal: started.refusal.reason };
        await tx.insert(reviews).values({
          id,
          councilId: ctx.principal.councilId,
          youngPersonId,
          state: started.review.state,
          review: started.review,
          basedOnVersion: previous?.version ?? null,
        });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'review.start',
          youngPersonId,
          entityType: 'review',
          entityId: id,
          details: { basedOnVersion: previous?.version ?? null },
        });
        return { denied: false as const, ok: true as const, id, existing: false };
      });
      if (result.denied)
        throw errors.forbiddenAudited('You do not have permission to start a review for this young person');
      return result;
    },

    /** The review with what this person may do next. Reading it is audited. */
    async get(ctx: RequestContext, reviewId: string) {
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const row = await openReview(tx, ctx, reviewId, 'review.view', false);
        if (!row) return { denied: true as const };
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'review.view',
          youngPersonId: row.youngPersonId,
          entityType: 'review',
          entityId: row.id,
        });
        // The rest in one statement (see together.ts).
        const {
          people: [person],
          previousRows: [previous],
          conflicts,
          numbers: [{ own, latest }],
          helped,
        } = await together(tx, {
          people: people.youngPersonHeaderRead(tx, row.youngPersonId),
          // The version this review started from: none for a first plan (once approved, the latest is itself).
          previousRows: tx
            .select()
            .from(planVersions)
            .where(
              and(
                eq(planVersions.youngPersonId, row.youngPersonId),
                row.basedOnVersion === null ? sql`false` : eq(planVersions.version, row.basedOnVersion),
              ),
            ),
          conflicts: tx
            .select()
            .from(reviewConflicts)
            .where(and(eq(reviewConflicts.reviewId, row.id), isNull(reviewConflicts.resolvedAt))),
          // The plan's number: its own once approved; until then one after the latest, as approval counts it.
          numbers: tx
            .select({
              own: sql<number | null>`max(${planVersions.version}) FILTER (WHERE ${planVersions.reviewId} = ${row.id})`,
              latest: sql<number>`coalesce(max(${planVersions.version}), 0)::int`,
            })
            .from(planVersions)
            .where(eq(planVersions.youngPersonId, row.youngPersonId)),
          // The parts a supporter helped write, shown to the young person and their worker.
          helped: helpedParts(tx, row.youngPersonId, row.id),
        });
        return {
          denied: false as const,
          row,
          previous: previous ?? null,
          conflicts,
          person,
          version: own ?? latest + 1,
          helped,
        };
      });
      if (result.denied) throw errors.forbiddenAudited('You do not have permission to see this plan');
      const p = ctx.principal;
      const events = availableEvents(result.row.review, actorOf(p)) as ReviewEventType[];
      // A supporter never signs or disagrees for the young person: at most they help write their words.
      const allowed =
        p.kind !== 'supporter' ? events : events.filter((e) => e === 'writeOwnWords' && canPlan(p, 'plan.write-part'));
      return { ...result, events: allowed };
    },

    /**
     * Saves one section. `baseRevision` is the revision the person started from: if someone saved the
     * section since, nothing is overwritten — their text is kept as a conflict and both are shown.
     */
    async saveSection(
      ctx: RequestContext,
      reviewId: string,
      section: string,
      baseRevision: number,
      change: (content: PlanContent) => ReviewEvent,
      theirs: unknown,
    ): Promise<SaveOutcome> {
      return withReview(ctx, reviewId, 'review.save', async (tx, row): Promise<SaveOutcome> => {
        const current = row.sectionRevisions[section] ?? 0;
        if (current !== baseRevision) {
          await tx.insert(reviewConflicts).values({
            councilId: ctx.principal.councilId,
            reviewId,
            section,
            theirContent: theirs as object,
            baseRevision,
            savedByKind: ctx.principal.kind,
            savedBy: ctx.principal.id,
          });
          await insertAudit(tx, {
            ...auditActor(ctx),
            action: 'review.save-conflict',
            youngPersonId: row.youngPersonId,
            entityType: 'review',
            entityId: reviewId,
            details: { section, baseRevision, current },
          });
          return {
            ok: false,
            refusal:
              'Someone else saved this part while you were writing. Nothing you wrote is lost: where you both wrote in a box, it now has both versions. Keep the words you want, then save again.',
            conflict: { theirs, saved: row.review.content, revision: current },
          };
        }
        const next = transition(row.review, change(row.review.content), actorOf(ctx.principal), today());
        if (!next.ok) return { ok: false, refusal: next.refusal.reason };
        const revisions = { ...row.sectionRevisions, [section]: current + 1 };
        await save(tx, ctx, row, next.review, { event: 'save', section, revision: current + 1 }, revisions);
        // Their refused text was shown beside the saved one; saving this part now puts the two together.
        await tx
          .update(reviewConflicts)
          .set({ resolvedAt: clock.now() })
          .where(
            and(
              eq(reviewConflicts.reviewId, reviewId),
              eq(reviewConflicts.section, section),
              eq(reviewConflicts.savedBy, ctx.principal.id),
              isNull(reviewConflicts.resolvedAt),
            ),
          );
        return { ok: true, revision: current + 1, review: next.review, undid: editUndid(row.review, next.review) };
      });
    },

    /** Any other step of the cycle (complete a stage, sign, approve, return…). */
    async act(ctx: RequestContext, reviewId: string, event: ReviewEvent) {
      // Steps of the cycle (signing, approving…) are the young person's and staff's own, never a supporter's.
      if (ctx.principal.kind === 'supporter') throw errors.forbidden('A supporter cannot take this step');
      return withReview(ctx, reviewId, `review.${event.type}`, async (tx, row) => {
        const next = transition(row.review, event, actorOf(ctx.principal), today());
        if (!next.ok) {
          await insertAudit(tx, {
            ...auditActor(ctx),
            action: `review.${event.type}`,
            outcome: 'denied',
            youngPersonId: row.youngPersonId,
            entityType: 'review',
            entityId: reviewId,
            details: { code: next.refusal.code },
          });
          return { ok: false as const, refusal: next.refusal };
        }
        await save(tx, ctx, row, next.review, { event: event.type });
        // The plan now waits for the young person to read and sign: a reminder, queued with the change.
        if (next.review.state === 'awaiting_signatures' && row.review.state !== 'awaiting_signatures')
          await reminders?.planReady(tx, ctx.principal.councilId, row.youngPersonId);
        if (next.review.state === 'approved') {
          // The approved plan becomes an immutable version, and the statutory clock moves on.
          const version = ((await latestVersion(tx, row.youngPersonId))?.version ?? 0) + 1;
          const frozen = approvedVersion(next.review, version)!;
          await tx.insert(planVersions).values({
            councilId: ctx.principal.councilId,
            youngPersonId: row.youngPersonId,
            reviewId,
            version,
            review: frozen,
            approvedOn: frozen.approvedOn,
            approvedBy: ctx.principal.id,
            qualityRating: frozen.approval.rating,
          });
          await tx.insert(statutoryRecords).values({
            councilId: ctx.principal.councilId,
            youngPersonId: row.youngPersonId,
            kind: version === 1 && row.review.context.firstPlan ? 'pathway_plan' : 'review',
            completedOn: frozen.approvedOn,
            notes: `Plan version ${version} approved`,
            recordedBy: ctx.principal.id,
          });
          await insertAudit(tx, {
            ...auditActor(ctx),
            action: 'plan.approve',
            youngPersonId: row.youngPersonId,
            entityType: 'plan_version',
            entityId: String(version),
            details: { rating: frozen.approval.rating },
          });
        }
        return { ok: true as const, review: next.review };
      });
    },

    /** A young person's own open review and approved versions. */
    async mine(ctx: RequestContext) {
      const p = ctx.principal;
      if (p.kind === 'supporter') {
        // A supporter's look at the plan is checked and audited, with them as the actor.
        return records.audited(ctx, p.youngPersonId, 'plan.summary', (tx) => planSummary(tx, p.youngPersonId), {
          rule: readPlan,
        });
      }
      if (p.kind !== 'young_person') throw errors.forbidden();
      const id = p.id;
      return db.withCouncil(p.councilId, (tx) => planSummary(tx, id));
    },

    /** Plans a manager returned to this worker that have not been sent back yet, with the manager's reason. */
    async returnedTo(ctx: RequestContext) {
      const p = ctx.principal;
      return db.withCouncil(p.councilId, async (tx) => {
        const rows = await tx
          .select({
            id: reviews.id,
            youngPersonId: reviews.youngPersonId,
            review: reviews.review,
            givenName: youngPeople.givenName,
            preferredName: youngPeople.preferredName,
            familyName: youngPeople.familyName,
          })
          .from(reviews)
          .innerJoin(youngPeople, eq(youngPeople.id, reviews.youngPersonId))
          .where(
            and(
              ne(reviews.state, 'approved'),
              or(eq(youngPeople.personalAdviserId, p.id), eq(youngPeople.socialWorkerId, p.id)),
            ),
          );
        return rows
          .map(({ review, ...r }) => ({ ...r, returned: currentReturnReason(review as Review) }))
          .filter((r): r is typeof r & { returned: NonNullable<typeof r.returned> } => r.returned !== null)
          .sort((a, b) => a.returned.on.localeCompare(b.returned.on));
      });
    },

    /** Plans waiting for a team manager: their team's (a service manager sees every team's). */
    async approvalQueue(ctx: RequestContext) {
      authorize(ctx.principal, 'team.view');
      const p = ctx.principal;
      return db.withCouncil(p.councilId, async (tx) => {
        const rows = await tx
          .select({
            id: reviews.id,
            youngPersonId: reviews.youngPersonId,
            review: reviews.review,
            updatedAt: reviews.updatedAt,
            givenName: youngPeople.givenName,
            preferredName: youngPeople.preferredName,
            familyName: youngPeople.familyName,
            reference: youngPeople.reference,
            teamName: teams.name,
            teamId: youngPeople.teamId,
          })
          .from(reviews)
          .innerJoin(youngPeople, eq(youngPeople.id, reviews.youngPersonId))
          .innerJoin(teams, eq(teams.id, youngPeople.teamId))
          .where(
            and(
              eq(reviews.state, 'awaiting_approval'),
              p.kind === 'staff' && p.role === 'team_manager'
                ? eq(youngPeople.teamId, p.teamId ?? sql`NULL`)
                : sql`true`,
              eq(youngPeople.restricted, false),
            ),
          )
          .orderBy(reviews.updatedAt);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'list.approvals',
          entityType: 'review_list',
          details: { count: rows.length },
        });
        // Oldest first by the date it was sent, which the page shows (a later save does not move a plan back).
        const sent = (r: { review: Review }) => r.review.submittedForApprovalOn ?? '9999-12-31';
        return rows
          .map((r) => ({ ...r, review: r.review as Review }))
          .sort((a, b) => sent(a).localeCompare(sent(b)) || a.updatedAt.getTime() - b.updatedAt.getTime());
      });
    },

    /**
     * One approved version, read as a whole (for the page, print and PDF). The audit row says which
     * version was read (also when "latest" was asked for) and whether as a page or which PDF.
     */
    /**
     * An approved plan version, audited. `alongside` runs in the same transaction once the version is known
     * (the plan page's quality judgements: one transaction a page, not two).
     */
    async version<A = undefined>(
      ctx: RequestContext,
      youngPersonId: string,
      version: number | 'latest',
      format: PlanViewFormat,
      alongside?: (tx: Tx, version: number, facts: OpenedFacts) => Promise<A>,
    ) {
      const audit = {
        rule: readPlan,
        asked: { requested: version, format },
        found: (found: { version: number } | null) => ({ version: found?.version ?? null }),
      };
      return records.audited(
        ctx,
        youngPersonId,
        'plan.view',
        async (tx, facts) => {
          const [row] = await tx
            .select()
            .from(planVersions)
            .where(
              and(
                eq(planVersions.youngPersonId, youngPersonId),
                version === 'latest' ? sql`true` : eq(planVersions.version, version),
              ),
            )
            .orderBy(desc(planVersions.version))
            .limit(1);
          if (!row) return null;
          const plan = row.review as PlanVersion;
          const signOff = plan.youngPersonSignOff;
          const ids = [
            plan.workerSignature?.staffId,
            plan.approval.by,
            signOff && 'recordedBy' in signOff ? signOff.recordedBy : undefined,
          ].filter((s): s is string => Boolean(s) && s !== 'young_person');
          // Who it is about, the version before it (to show what changed), and who signed and approved it: one statement.
          const {
            people: [person],
            previousRows: [previous],
            signers,
          } = await together(tx, {
            people: people.youngPersonHeaderRead(tx, youngPersonId),
            previousRows: tx
              .select()
              .from(planVersions)
              .where(and(eq(planVersions.youngPersonId, youngPersonId), eq(planVersions.version, row.version - 1))),
            signers: people.staffNamed(tx, ids),
          });
          const names = Object.fromEntries(signers.map((s) => [s.id, s.displayName]));
          const also = alongside ? await alongside(tx, row.version, facts) : undefined;
          return { ...row, plan, previous: previous ? (previous.review as PlanVersion) : null, names, person, also };
        },
        audit,
      );
    },
  };
}
export type ReviewsService = ReturnType<typeof reviewsService>;
