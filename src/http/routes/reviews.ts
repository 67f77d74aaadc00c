// The review cycle's pages: the worker's task list and area pages, signatures, the manager's
// approval, the young person's part, and approved plans (page, print and PDF).
import type { Tx } from '../../data/db.ts';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contextOf, staffOf, type RouteDeps } from '../request-context.ts';
import { text, toFormErrors, dateField } from '../forms.ts';
import { idParam } from './records.ts';
import type { OpenedFacts } from '../../services/records.ts';
import {
  afterEditWords,
  areaFormValues,
  autosaveNotice,
  areaFromForm,
  keptBothPage,
  STAFF_KEPT,
  staffTextsOf,
  withRawAnswers,
  youngPersonKept,
  youngPersonPartFrom,
} from '../review-forms.ts';
import {
  ACTION_OWNER_NAMES,
  ACTION_STATUS_NAMES,
  AREAS,
  IMMIGRATION_OUTCOMES,
  PARTICIPATION_WAY_NAMES,
  QUALITY_RATING_NAMES,
  QUALITY_RATINGS,
  REVIEW_STATE_NAMES,
  SUITABILITY_ANSWER_NAMES,
  SUITABILITY_CHECKS,
  applicableAreas,
  areaById,
  areaContentOf,
  currentReturnReason,
  isAreaId,
  judgeSuitability,
  applicableConsiderations,
  outcomesFormMissing,
  participationSchema,
  progressSinceLastReview,
  qualityWarnings,
  taskList,
  withAreaEdit,
  type AreaId,
  type ReviewEvent,
  editWouldUndo,
  JUDGEMENT_GRADE_NAMES,
  INVOLVEMENT_ANSWER_NAMES,
  INVOLVEMENT_ANSWERS,
  INVOLVEMENT_QUESTION,
  involvementSchema,
} from '../../domain/plan/index.ts';
import { can, type Principal } from '../../domain/permissions.ts';
import { errors } from '../../errors.ts';
import { ukDate } from '../../domain/clock.ts';
import { planPrintModel } from '../plan-print.ts';
import { flashOf, withFlash } from '../flash.ts';
import { translatorFor } from '../language.ts';

// The PDF code (pdfkit, fontkit, bidi-js: about 0.4 s to load) is loaded on the first download, not
// at start-up; server.ts loads it just after listening.
const pdfCode = () => import('../pdf/plan-pdf.ts');

const areaNames = Object.fromEntries(AREAS.map((a) => [a.id, a]));
const views = {
  areas: AREAS,
  areaNames,
  stateNames: REVIEW_STATE_NAMES,
  participationNames: PARTICIPATION_WAY_NAMES,
  ratingNames: QUALITY_RATING_NAMES,
  ownerNames: ACTION_OWNER_NAMES,
  statusNames: ACTION_STATUS_NAMES,
  suitabilityChecks: SUITABILITY_CHECKS,
  suitabilityAnswerNames: SUITABILITY_ANSWER_NAMES,
  immigrationOutcomes: IMMIGRATION_OUTCOMES,
  involvementQuestion: INVOLVEMENT_QUESTION,
  involvementNames: INVOLVEMENT_ANSWER_NAMES,
  involvementAnswers: INVOLVEMENT_ANSWERS.map((value) => ({ value, text: INVOLVEMENT_ANSWER_NAMES[value] })),
};

/**
 * Whose /my-plan pages these are: the young person's own, or, for a supporter, the young person who named them
 * (issue 12 §6). Nobody else has /my-plan pages.
 */
function planOwnerOf(principal: Principal): string | null {
  return principal.kind === 'young_person'
    ? principal.id
    : principal.kind === 'supporter'
      ? principal.youngPersonId
      : null;
}
/** Pages in the young person's words: their own, and a supporter's view of them. */
const readsAsYoungPerson = (principal: Principal) =>
  principal.kind === 'young_person' || principal.kind === 'supporter';

export function reviewRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const today = () => ukDate(services.clock.now());
    const reviewId = (request: FastifyRequest) => idParam(request.params, 'reviewId');

    async function overview(
      request: FastifyRequest,
      reply: FastifyReply,
      extra: Record<string, unknown> = {},
      status = 200,
    ) {
      const ctx = contextOf(request);
      const data = await services.reviews.get(ctx, reviewId(request));
      const review = data.row.review;
      return reply
        .status(status)
        .page(ctx.principal.kind === 'young_person' ? 'pages/reviews/young-person.njk' : 'pages/reviews/overview.njk', {
          ...views,
          review,
          reviewId: data.row.id,
          record: data.person,
          events: data.events,
          tasks: taskList(review.content, review.context),
          applicable: applicableAreas(review.context),
          returned: currentReturnReason(review),
          warnings: qualityWarnings(review.content, review.context, today()),
          suitability: judgeSuitability(review.content.accommodationSuitability),
          needsAssessmentDone: !outcomesFormMissing(review.content, review.context).some((m) =>
            m.field.startsWith('needsAssessmentConsiderations.'),
          ),
          progress: data.previous
            ? progressSinceLastReview(
                (data.previous.review as { content: typeof review.content }).content,
                review.content,
                review.context,
              )
            : null,
          conflicts: data.conflicts,
          helped: data.helped,
          done: flashOf(request),
          today: today(),
          ...extra,
        });
    }

    // Start a review (or carry on with the open one).
    app.post('/young-people/:id/reviews', async (request, reply) => {
      const ctx = staffOf(request);
      const result = await services.reviews.start(ctx, idParam(request.params));
      if (!result.ok) throw errors.forbidden(result.refusal);
      return reply.redirect(`/reviews/${result.id}`, 303);
    });

    app.get('/reviews/:reviewId', (request, reply) => overview(request, reply));

    // A worker's page for one area: the young person's words, the assessment, the goal and the actions.
    const areaPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      extra: Record<string, unknown> = {},
      status = 200,
    ) => {
      const ctx = staffOf(request);
      const { area } = request.params as { area: string };
      if (!isAreaId(area)) throw errors.notFound();
      const data = await services.reviews.get(ctx, reviewId(request));
      const def = areaById(area);
      return reply.status(status).page('pages/reviews/area.njk', {
        ...views,
        review: data.row.review,
        reviewId: data.row.id,
        yp: data.person.yp,
        def,
        revision: data.row.sectionRevisions[`area:${area}`] ?? 0,
        values: areaFormValues(data.row.review.content, def),
        canEdit: data.events.includes('editContent'),
        wouldUndo: editWouldUndo(data.row.review),
        ...extra,
      });
    };
    app.get('/reviews/:reviewId/areas/:area', (request, reply) => areaPage(request, reply));
    app.post('/reviews/:reviewId/areas/:area', async (request, reply) => {
      const ctx = staffOf(request);
      const { area } = request.params as { area: string };
      if (!isAreaId(area)) throw errors.notFound();
      const id = reviewId(request);
      const data = await services.reviews.get(ctx, id);
      const def = areaById(area);
      const parsed = areaFromForm(request.body, data.row.review.content, def, today());
      const wantsJson = (request.headers.accept ?? '').includes('application/json');
      if (Object.keys(parsed.errors).length) {
        if (wantsJson)
          return reply.status(422).send({ status: 422, title: 'Check the highlighted answers', errors: parsed.errors });
        return areaPage(
          request,
          reply,
          {
            errors: toFormErrors(
              parsed.errors,
              Object.keys(parsed.errors).filter((k) => k.endsWith('-byWhen')),
            ),
            values: withRawAnswers(request.body, areaFormValues(parsed.content, def)),
            revision: Number(text(request.body, 'revision')) || 0,
          },
          400,
        );
      }
      const result = await services.reviews.saveSection(
        ctx,
        id,
        `area:${area}`,
        Number(text(request.body, 'revision')) || 0,
        (content) => ({ type: 'editContent', content: withAreaEdit(content, parsed.content, area) }),
        parsed.content.areas[area as AreaId],
      );
      if (!result.ok) {
        if (wantsJson) return reply.status(409).send({ status: 409, title: result.refusal });
        const values = withRawAnswers(request.body, areaFormValues(parsed.content, def));
        if (!result.conflict) return areaPage(request, reply, { refusal: result.refusal, values }, 409);
        const saved = areaContentOf(result.conflict.saved as typeof data.row.review.content, area);
        const kept = keptBothPage(staffTextsOf(saved), staffTextsOf(parsed.content.areas[area as AreaId]!), STAFF_KEPT);
        return areaPage(
          request,
          reply,
          {
            ...kept,
            refusal: result.refusal,
            saved,
            values: { ...values, ...kept.values },
            revision: result.conflict.revision,
          },
          409,
        );
      }
      if (wantsJson)
        return reply.send({ ok: true, revision: result.revision, ...autosaveNotice(result.undid, 'staff') });
      return reply.redirect(
        withFlash(request, `/reviews/${id}`, `${def.staffTitle}: saved${afterEditWords(result.undid, 'staff')}`),
        303,
      );
    });

    // The first needs assessment: what was considered (CPPCR 2010 reg 42(2)).
    const needsPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      extra: Record<string, unknown> = {},
      status = 200,
    ) => {
      const ctx = staffOf(request);
      const data = await services.reviews.get(ctx, reviewId(request));
      const review = data.row.review;
      return reply.status(status).page('pages/reviews/needs-assessment.njk', {
        review,
        reviewId: data.row.id,
        yp: data.person.yp,
        considerations: applicableConsiderations(review.context),
        values: review.content.needsAssessmentConsiderations,
        revision: data.row.sectionRevisions['needs-assessment'] ?? 0,
        canEdit: data.events.includes('editContent'),
        wouldUndo: editWouldUndo(review),
        ...extra,
      });
    };
    app.get('/reviews/:reviewId/needs-assessment', (request, reply) => needsPage(request, reply));
    app.post('/reviews/:reviewId/needs-assessment', async (request, reply) => {
      const ctx = staffOf(request);
      const id = reviewId(request);
      const data = await services.reviews.get(ctx, id);
      const considerations = applicableConsiderations(data.row.review.context);
      const values = Object.fromEntries(considerations.map((c) => [c.id, text(request.body, c.id).trim()]));
      const fieldErrors = Object.fromEntries(
        considerations
          .filter((c) => values[c.id].length > 5000)
          .map((c) => [c.id, 'Keep this to 5,000 characters or fewer']),
      );
      if (Object.keys(fieldErrors).length)
        return needsPage(request, reply, { values, errors: toFormErrors(fieldErrors) }, 400);
      const result = await services.reviews.saveSection(
        ctx,
        id,
        'needs-assessment',
        Number(text(request.body, 'revision')) || 0,
        (content) => ({ type: 'editContent', content: { ...content, needsAssessmentConsiderations: values } }),
        values,
      );
      if (!result.ok && !result.conflict) return needsPage(request, reply, { values, refusal: result.refusal }, 409);
      if (!result.ok) {
        const saved = (result.conflict!.saved as typeof data.row.review.content)
          .needsAssessmentConsiderations as Record<string, string>;
        const words = { ...STAFF_KEPT, labels: Object.fromEntries(considerations.map((c) => [c.id, c.wording])) };
        return needsPage(
          request,
          reply,
          { ...keptBothPage(saved, values, words), refusal: result.refusal, revision: result.conflict!.revision },
          409,
        );
      }
      return reply.redirect(
        withFlash(request, `/reviews/${id}`, `Needs assessment: saved${afterEditWords(result.undid, 'staff')}`),
        303,
      );
    });

    // How the young person took part.
    app.post('/reviews/:reviewId/participation', async (request, reply) => {
      staffOf(request); // staff record this, not the young person
      const body = request.body as Record<string, unknown>;
      const ways = ([] as unknown[]).concat(body.ways ?? []).filter((w): w is string => typeof w === 'string');
      const parsed = participationSchema.safeParse({
        ways,
        didNotTakePartReason: text(body, 'didNotTakePartReason'),
        othersConsulted: text(body, 'othersConsulted'),
      });
      if (!parsed.success) {
        const fieldErrors = Object.fromEntries(
          parsed.error.issues.map((i) => [i.path[0] === 'ways' ? 'ways' : String(i.path[0]), i.message]),
        );
        return overview(
          request,
          reply,
          {
            errors: toFormErrors(fieldErrors),
            participationValues: {
              ways,
              didNotTakePartReason: text(body, 'didNotTakePartReason'),
              othersConsulted: text(body, 'othersConsulted'),
            },
          },
          400,
        );
      }
      return step(
        request,
        reply,
        { type: 'recordParticipation', participation: parsed.data },
        'How they took part: saved',
      );
    });

    async function step(request: FastifyRequest, reply: FastifyReply, event: ReviewEvent, message: string) {
      const ctx = contextOf(request);
      const id = reviewId(request);
      const result = await services.reviews.act(ctx, id, event);
      if (!result.ok) {
        const missing = result.refusal.missing?.map((m) => m.message) ?? [];
        // The machine's reasons are written for staff; a young person reads, in their language, that it moved on.
        const refusal =
          ctx.principal.kind === 'young_person' ? translatorFor(request)('plan.refused') : result.refusal.reason;
        return overview(request, reply, { refusal, missing }, 400);
      }
      return reply.redirect(
        withFlash(request, ctx.principal.kind === 'young_person' ? '/my-plan' : `/reviews/${id}`, message),
        303,
      );
    }

    // The steps of the cycle. Each checks its own input; the machine checks who and when.
    app.post('/reviews/:reviewId/steps/:step', async (request, reply) => {
      contextOf(request);
      const body = request.body as Record<string, unknown>;
      const name = (request.params as { step: string }).step;
      // The young person's steps answer in their language (staff requests are always English).
      const say = translatorFor(request);
      const required = (field: string, message: string, limit = 5000) => {
        const v = text(body, field).trim();
        if (!v) return { error: { [field]: message } };
        if (v.length > limit)
          return { error: { [field]: `Keep this to ${limit.toLocaleString('en-GB')} characters or fewer` } };
        return { value: v };
      };
      const invalid = (fieldErrors: Record<string, string>) =>
        overview(request, reply, { errors: toFormErrors(fieldErrors), stepValues: body }, 400);
      switch (name) {
        case 'complete-outcomes':
          return step(request, reply, { type: 'completeOutcomes' }, 'Outcomes form complete');
        case 'complete-planning':
          return step(request, reply, { type: 'completePlanning' }, 'Planning complete');
        case 'submit-for-signatures':
          return step(request, reply, { type: 'submitForSignatures' }, 'Sent for signatures');
        case 'sign-as-worker':
          return step(request, reply, { type: 'signAsWorker' }, 'You have signed the plan');
        case 'sign-as-young-person': {
          // Optional (issue 10 §1e): blank is "not answered"; a value off the scale is refused, not dropped.
          const involvement = involvementSchema.safeParse(body.involvement);
          if (!involvement.success) return invalid({ involvement: say('plan.errors.involvement') });
          return step(
            request,
            reply,
            { type: 'signAsYoungPerson', involvement: involvement.data },
            say('plan.done.signed'),
          );
        }
        case 'paper-signature': {
          const d = dateField(body, 'signedOn', 'The date they signed', { required: true });
          const involvement = involvementSchema.safeParse(body.involvement);
          const fieldErrors: Record<string, string> = {};
          if (d.error) fieldErrors.signedOn = d.error;
          else if (d.value! > today()) fieldErrors.signedOn = 'The date they signed must be today or in the past';
          if (!involvement.success) fieldErrors.involvement = involvement.error.issues[0].message;
          if (Object.keys(fieldErrors).length)
            return overview(request, reply, { errors: toFormErrors(fieldErrors, ['signedOn']), stepValues: body }, 400);
          return step(
            request,
            reply,
            {
              type: 'recordPaperSignature',
              signedOn: d.value!,
              involvement: involvement.success ? involvement.data : null,
            },
            'Paper signature recorded',
          );
        }
        case 'disagreement': {
          const v = text(body, 'inTheirWords').trim();
          if (!v || v.length > 2000)
            return invalid({ inTheirWords: say(v ? 'plan.errors.tooLong' : 'plan.errors.disagreement') });
          return step(request, reply, { type: 'recordDisagreement', inTheirWords: v }, say('plan.done.disagreement'));
        }
        case 'not-signed': {
          const r = required('notSignedReason', 'Enter why the young person has not signed');
          if (r.error) return invalid(r.error);
          return step(request, reply, { type: 'recordNotSigned', reason: r.value! }, 'Recorded');
        }
        case 'approve': {
          const rating = text(body, 'rating');
          const fieldErrors: Record<string, string> = {};
          if (!(QUALITY_RATINGS as readonly string[]).includes(rating)) fieldErrors.rating = 'Select a quality rating';
          const f = required('feedback', 'Enter feedback for the worker');
          if (f.error) Object.assign(fieldErrors, f.error);
          if (Object.keys(fieldErrors).length) return invalid(fieldErrors);
          return step(
            request,
            reply,
            { type: 'approve', rating: rating as (typeof QUALITY_RATINGS)[number], feedback: f.value! },
            'Plan approved. The young person can see it now',
          );
        }
        case 'return': {
          const r = required('reason', 'Enter why you are returning the plan');
          if (r.error) return invalid(r.error);
          return step(request, reply, { type: 'return', reason: r.value! }, 'Plan returned to the worker');
        }
        case 'resubmit':
          return step(request, reply, { type: 'resubmit' }, 'Sent back to the manager');
        default:
          throw errors.notFound();
      }
    });

    // The manager's approval queue.
    app.get('/approvals', async (request, reply) => {
      const ctx = staffOf(request);
      return reply.page('pages/reviews/approvals.njk', { queue: await services.reviews.approvalQueue(ctx) });
    });

    // The young person's part of their open review.
    app.get('/my-plan', async (request, reply) => {
      const ctx = contextOf(request);
      if (ctx.principal.kind === 'supporter') return supporterPlan(request, reply);
      if (ctx.principal.kind !== 'young_person') return reply.redirect('/', 303);
      const state = await services.reviews.mine(ctx);
      if (state.open) {
        (request.params as Record<string, string>).reviewId = state.open.id;
        return overview(request, reply, { versions: state.versions });
      }
      return reply.page('pages/reviews/young-person-none.njk', { versions: state.versions });
    });
    // A supporter's view of the young person's plan: the parts, and who helped write which (issue 12 §6).
    async function supporterPlan(request: FastifyRequest, reply: FastifyReply) {
      const ctx = contextOf(request);
      const state = await services.reviews.mine(ctx);
      const data = state.open ? await services.reviews.get(ctx, state.open.id) : null;
      const parts = data
        ? applicableAreas(data.row.review.context)
            .filter((def) => def.asks.scales)
            .map((def) => ({
              id: def.id,
              title: def.youngPersonTitle,
              helpedBy: data.helped.filter((h) => h.section === `area:${def.id}`).map((h) => h.name),
            }))
        : [];
      return reply.page('pages/supporters/plan.njk', {
        youngPersonName: data ? data.person.yp.preferredName || data.person.yp.givenName : null,
        reviewId: data?.row.id ?? null,
        parts,
        canWrite: data?.events.includes('writeOwnWords') ?? false,
        versions: state.versions,
        done: flashOf(request),
      });
    }

    app.get('/my-plan/areas/:area', async (request, reply) => {
      const ctx = contextOf(request);
      const { area } = request.params as { area: string };
      if (!readsAsYoungPerson(ctx.principal) || !isAreaId(area)) throw errors.notFound();
      const state = await services.reviews.mine(ctx);
      if (!state.open) return reply.redirect('/my-plan', 303);
      const data = await services.reviews.get(ctx, state.open.id);
      const def = areaById(area);
      return reply.page('pages/reviews/young-person-area.njk', {
        ...views,
        def,
        review: data.row.review,
        area: areaContentOf(data.row.review.content, area),
        revision: data.row.sectionRevisions[`area:${area}`] ?? 0,
        values: areaFormValues(data.row.review.content, def),
        canEdit: data.events.includes('writeOwnWords'),
        wouldUndo: editWouldUndo(data.row.review),
      });
    });
    app.post('/my-plan/areas/:area', async (request, reply) => {
      const ctx = contextOf(request);
      const { area } = request.params as { area: string };
      if (!readsAsYoungPerson(ctx.principal) || !isAreaId(area)) throw errors.notFound();
      const state = await services.reviews.mine(ctx);
      if (!state.open) return reply.redirect('/my-plan', 303);
      const def = areaById(area);
      const say = translatorFor(request);
      const fieldErrors: Record<string, string> = {};
      const part = youngPersonPartFrom(request.body, fieldErrors, say);
      const render = async (extra: Record<string, unknown>, status: number) => {
        const data = await services.reviews.get(ctx, state.open!.id);
        return reply.status(status).page('pages/reviews/young-person-area.njk', {
          ...views,
          def,
          review: data.row.review,
          area: areaContentOf(data.row.review.content, area),
          revision: Number(text(request.body, 'revision')) || 0,
          values: { ...part.words, youngPersonScale: part.rawScale },
          canEdit: true,
          wouldUndo: editWouldUndo(data.row.review),
          ...extra,
        });
      };
      const wantsJson = (request.headers.accept ?? '').includes('application/json');
      if (Object.keys(fieldErrors).length) {
        if (wantsJson)
          return reply.status(422).send({ status: 422, title: say('plan.errors.check'), errors: fieldErrors });
        return render({ errors: toFormErrors(fieldErrors) }, 400);
      }
      const result = await services.reviews.saveSection(
        ctx,
        state.open.id,
        `area:${area}`,
        Number(text(request.body, 'revision')) || 0,
        () => ({ type: 'writeOwnWords', areaId: area, words: part.words, scale: part.scale }),
        part.words,
      );
      if (!result.ok) {
        if (wantsJson) return reply.status(409).send({ status: 409, title: result.refusal });
        if (!result.conflict) return render({ refusal: say('plan.refused') }, 409);
        const saved = areaContentOf(result.conflict.saved as Parameters<typeof areaContentOf>[0], area);
        const kept = keptBothPage(saved.youngPersonWords, part.words, youngPersonKept(say));
        const values = { ...kept.values, youngPersonScale: part.rawScale };
        return render(
          {
            ...kept,
            values,
            refusal: result.refusal,
            savedScale: saved.youngPersonScale,
            revision: result.conflict.revision,
          },
          409,
        );
      }
      if (wantsJson)
        return reply.send({
          ok: true,
          revision: result.revision,
          ...autosaveNotice(result.undid, 'young_person', say),
        });
      const title = say(`plan.areas.${area}.title`);
      return reply.redirect(
        withFlash(
          request,
          '/my-plan',
          `${say('plan.area.saved', { title })}${afterEditWords(result.undid, 'young_person', say)}`,
        ),
        303,
      );
    });

    // The plan as it stands, to read before signing (young person and staff).
    app.get('/reviews/:reviewId/read', async (request, reply) => {
      const ctx = contextOf(request);
      const data = await services.reviews.get(ctx, reviewId(request));
      const review = data.row.review;
      const audience = readsAsYoungPerson(ctx.principal) ? 'young_person' : 'staff';
      const model = planPrintModel(
        { version: data.version, plan: { ...review, approvedOn: null }, names: {} },
        data.person,
        today(),
        audience,
        translatorFor(request),
      );
      return reply.page('pages/reviews/plan.njk', {
        ...views,
        model,
        part: 'whole',
        draft: true,
        back: readsAsYoungPerson(ctx.principal) ? '/my-plan' : `/reviews/${data.row.id}`,
        isOwn: readsAsYoungPerson(ctx.principal),
      });
    });

    // Approved plans: the page (print-friendly), and the PDF, whole or planning section only.
    // One audited read gives the plan and the young person's details it prints.
    const approvedPlan = async <A = undefined>(
      request: FastifyRequest,
      youngPersonId: string,
      version: number | 'latest',
      as: 'page' | 'pdf',
      alongside?: (tx: Tx, version: number, facts: OpenedFacts) => Promise<A>,
    ) => {
      const ctx = contextOf(request);
      const part: 'whole' | 'planning' =
        (request.query as Record<string, string>).part === 'planning' ? 'planning' : 'whole';
      const format = as === 'page' ? 'page' : (`pdf-${part}` as const);
      const found = await services.reviews.version(ctx, youngPersonId, version, format, alongside);
      if (!found) throw errors.notFound('There is no approved plan yet');
      // Staff read people's names where the young person reads "Me" and "My personal adviser"; the PDF stays theirs.
      const audience = as === 'page' && !readsAsYoungPerson(ctx.principal) ? 'staff' : 'young_person';
      // In the young person's language when they (or their supporter) read or download their plan; staff read English.
      const model = planPrintModel(found, found.person, today(), audience, translatorFor(request));
      return { ctx, found, part, model };
    };
    const planPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      youngPersonId: string,
      version: number | 'latest',
    ) => {
      const ctx = contextOf(request);
      const isOwn = readsAsYoungPerson(ctx.principal);
      // Quality judgements of this version (issue 10, part 3): audited by the quality service, read in the plan's
      // own transaction. A refusal there is audited with it and refuses the page, once it has committed.
      const judged =
        !isOwn && can(ctx.principal, 'quality.view')
          ? (tx: Tx, v: number, facts: OpenedFacts) => services.quality.forPlanIn(tx, ctx, youngPersonId, v, facts)
          : undefined;
      const { found, part, model } = await approvedPlan(request, youngPersonId, version, 'page', judged);
      if (found.also?.denied) throw errors.forbiddenAudited(found.also.reason);
      const quality = found.also ?? null;
      const base = isOwn
        ? version === 'latest'
          ? '/my-plan/approved'
          : `/my-plan/versions/${found.version}`
        : `/young-people/${youngPersonId}/plans/${found.version}`;
      const done = flashOf(request);
      return reply.page('pages/reviews/plan.njk', {
        ...views,
        found,
        model,
        part,
        base,
        isOwn,
        quality,
        done,
        gradeNames: JUDGEMENT_GRADE_NAMES,
      });
    };
    const planPdf = async (
      request: FastifyRequest,
      reply: FastifyReply,
      youngPersonId: string,
      version: number | 'latest',
    ) => {
      const { part, model } = await approvedPlan(request, youngPersonId, version, 'pdf');
      const { planPdfFileName, renderPlanPdf } = await pdfCode();
      const pdf = await renderPlanPdf(model, part, request.language.code, translatorFor(request));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${planPdfFileName(model, part)}"`)
        .send(pdf);
    };
    const versionParam = (request: FastifyRequest) => {
      const n = Number((request.params as { version: string }).version);
      if (!Number.isInteger(n) || n < 1 || n > 10_000) throw errors.notFound();
      return n;
    };
    app.get('/young-people/:id/plans/:version', (request, reply) =>
      planPage(request, reply, idParam(request.params), versionParam(request)),
    );
    app.get('/young-people/:id/plans/:version/pdf', (request, reply) =>
      planPdf(request, reply, idParam(request.params), versionParam(request)),
    );
    /** The young person whose /my-plan pages these are, or 404 for anyone else. */
    const planOwner = (request: FastifyRequest) => {
      const owner = planOwnerOf(contextOf(request).principal);
      if (!owner) throw errors.notFound();
      return owner;
    };
    app.get('/my-plan/approved', (request, reply) => planPage(request, reply, planOwner(request), 'latest'));
    // Earlier versions of their own plan.
    app.get('/my-plan/versions/:version', (request, reply) =>
      planPage(request, reply, planOwner(request), versionParam(request)),
    );
    app.get('/my-plan/versions/:version/pdf', (request, reply) =>
      planPdf(request, reply, planOwner(request), versionParam(request)),
    );
    app.get('/my-plan/approved/pdf', (request, reply) => planPdf(request, reply, planOwner(request), 'latest'));
  });
}
