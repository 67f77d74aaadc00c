// Recording what moves the statutory clock, and the council's local policy.
import fp from 'fastify-plugin';
import { translatorFor } from '../language.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contextOf, staffOf, type RouteDeps } from '../request-context.ts';
import { dateField, dateParts, parseForm, text, toFormErrors } from '../forms.ts';
import { idParam } from './records.ts';
import { TRIGGER_KINDS, WORK_KINDS } from '../../services/statutory-commands.ts';
import { DEFAULT_POLICY, TRIGGER_NAMES, WORK_NAMES, type LocalPolicy } from '../../domain/statutory/index.ts';
import { errors } from '../../errors.ts';
import { ukDate } from '../../domain/clock.ts';
import { flashOf, withFlash } from '../flash.ts';
import { dateInWords } from '../presenters/dates.ts';
import {
  CATEGORY_OF_NEED_NAMES,
  codeItems,
  LEGAL_STATUS_NAMES,
  PLACEMENT_NAMES,
  PLACEMENT_PROVIDER_NAMES,
  REASON_ENDED_NAMES,
  REASON_NEW_EPISODE_NAMES,
  REASON_PLACE_CHANGE_NAMES,
} from '../../domain/codes.ts';
import { episodeSchema } from '../record-forms.ts';

const POLICY_FIELDS: { name: keyof LocalPolicy; label: string; hint: string; unit: string }[] = [
  {
    name: 'needsAssessmentWithinMonths',
    label: 'Needs assessment within',
    hint: 'Months after the 16th birthday or becoming eligible or relevant. The law allows up to 3.',
    unit: 'months',
  },
  {
    name: 'firstPlanWithinMonths',
    label: 'First pathway plan within',
    hint: 'Months after the 16th birthday or becoming eligible or relevant. Up to 3, and not before the assessment.',
    unit: 'months',
  },
  {
    name: 'reviewIntervalMonths',
    label: 'Review at least every',
    hint: 'The law allows up to 6 months.',
    unit: 'months',
  },
  {
    name: 'significantChangeReviewWorkingDays',
    label: 'Review after a significant change or request within',
    hint: 'Working days. Up to 20.',
    unit: 'working days',
  },
  {
    name: 'inDateWindowMonths',
    label: 'A plan counts as "in date" in reports for',
    hint: 'Months since the last review. Up to 7, and not shorter than the review interval.',
    unit: 'months',
  },
  {
    name: 'supportRequestAssessmentWithinMonths',
    label: 'Assessment after a request for support from 21 to 25 within',
    hint: 'Months after the request. Up to 3.',
    unit: 'months',
  },
];

export function statutoryRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    // One page per kind of record; each shows the young person's name and keeps what was typed on errors.
    const formPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      template: string,
      data: Record<string, unknown>,
      status = 200,
    ) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const record = await services.records.recordSummary(ctx, id);
      return reply.status(status).page(template, { record, ...data });
    };
    const done = (reply: FastifyReply, id: string, message: string) =>
      reply.redirect(withFlash(reply.request, `/young-people/${id}`, message), 303);

    // Significant changes and review requests.
    const triggerKinds = (selected?: string) =>
      TRIGGER_KINDS.map((k) => ({ value: k, text: TRIGGER_NAMES[k], checked: k === selected }));
    app.get('/young-people/:id/significant-change', (request, reply) =>
      formPage(request, reply, 'pages/statutory/significant-change.njk', {
        kinds: triggerKinds(),
        values: { occurredOn: dateParts(null) },
      }),
    );
    app.post('/young-people/:id/significant-change', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const body = request.body;
      const kind = text(body, 'kind');
      const description = text(body, 'description').trim();
      const occurred = dateField(body, 'occurredOn', 'The date it happened', { required: true });
      const fieldErrors: Record<string, string> = {};
      if (!(TRIGGER_KINDS as readonly string[]).includes(kind)) fieldErrors.kind = 'Select what happened';
      if (occurred.error) fieldErrors.occurredOn = occurred.error;
      if (!description) fieldErrors.description = 'Describe what happened';
      else if (description.length > 2000) fieldErrors.description = 'Description must be 2,000 characters or fewer';
      const result = Object.keys(fieldErrors).length
        ? null
        : await services.statutory.recordTrigger(ctx, id, { kind, occurredOn: occurred.value!, description });
      if (!result?.ok) {
        const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
        return formPage(
          request,
          reply,
          'pages/statutory/significant-change.njk',
          {
            kinds: triggerKinds(kind),
            values: { description, occurredOn: occurred.raw },
            errors: toFormErrors(all, ['occurredOn']),
          },
          400,
        );
      }
      return done(reply, id, `Recorded. The next review is now due by ${dateInWords(result.value.reviewDueBy)}`);
    });

    // Completed statutory work.
    const workKinds = (selected?: string) =>
      WORK_KINDS.map((k) => ({ value: k, text: WORK_NAMES[k], checked: k === selected }));
    app.get('/young-people/:id/statutory-work', (request, reply) =>
      formPage(request, reply, 'pages/statutory/work.njk', {
        kinds: workKinds(),
        values: { completedOn: dateParts(null) },
      }),
    );
    app.post('/young-people/:id/statutory-work', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const body = request.body;
      const kind = text(body, 'kind');
      const notes = text(body, 'notes').trim();
      const completed = dateField(body, 'completedOn', 'The date', { required: true });
      const fieldErrors: Record<string, string> = {};
      if (!(WORK_KINDS as readonly string[]).includes(kind)) fieldErrors.kind = 'Select what was done';
      if (completed.error) fieldErrors.completedOn = completed.error;
      if (notes.length > 2000) fieldErrors.notes = 'Notes must be 2,000 characters or fewer';
      const result = Object.keys(fieldErrors).length
        ? null
        : await services.statutory.recordWork(ctx, id, {
            kind: kind as (typeof WORK_KINDS)[number],
            completedOn: completed.value!,
            notes: notes || null,
          });
      if (!result?.ok) {
        const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
        return formPage(
          request,
          reply,
          'pages/statutory/work.njk',
          {
            kinds: workKinds(kind),
            values: { notes, completedOn: completed.raw },
            errors: toFormErrors(all, ['completedOn']),
          },
          400,
        );
      }
      return done(reply, id, `${WORK_NAMES[kind]}: recorded`);
    });

    // Date of birth, for example after an age assessment.
    app.get('/young-people/:id/date-of-birth', (request, reply) =>
      formPage(request, reply, 'pages/statutory/date-of-birth.njk', { values: { dateOfBirth: dateParts(null) } }),
    );
    app.post('/young-people/:id/date-of-birth', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const body = request.body;
      const dob = dateField(body, 'dateOfBirth', 'Date of birth', { required: true });
      const ageAssessed = text(body, 'ageAssessed');
      const reason = text(body, 'reason').trim();
      const fieldErrors: Record<string, string> = {};
      if (dob.error) fieldErrors.dateOfBirth = dob.error;
      if (ageAssessed !== 'yes' && ageAssessed !== 'no')
        fieldErrors.ageAssessed = 'Select whether this date comes from an age assessment';
      if (!reason) fieldErrors.reason = 'Enter why the date of birth is changing';
      else if (reason.length > 500) fieldErrors.reason = 'Reason must be 500 characters or fewer';
      const result = Object.keys(fieldErrors).length
        ? null
        : await services.statutory.changeDateOfBirth(ctx, id, {
            dateOfBirth: dob.value!,
            ageAssessed: ageAssessed === 'yes',
            reason,
          });
      if (!result?.ok) {
        const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
        return formPage(
          request,
          reply,
          'pages/statutory/date-of-birth.njk',
          { values: { dateOfBirth: dob.raw, ageAssessed, reason }, errors: toFormErrors(all, ['dateOfBirth']) },
          400,
        );
      }
      return done(reply, id, 'Date of birth changed. Status and due dates have been worked out again');
    });

    // Care history: start a period of care with every SSDA903 episode field, or end the open one.
    const episodeLists = (v: Record<string, string> = {}) => ({
      reasonsNew: codeItems(REASON_NEW_EPISODE_NAMES, v.reasonNewEpisode),
      legalStatuses: codeItems(LEGAL_STATUS_NAMES, v.legalStatus),
      categories: codeItems(CATEGORY_OF_NEED_NAMES, v.categoryOfNeed),
      placements: codeItems(PLACEMENT_NAMES, v.placementType),
      providers: codeItems(PLACEMENT_PROVIDER_NAMES, v.placementProvider),
      placeChanges: [
        { value: '', text: 'The placement did not change', selected: !v.reasonPlaceChange },
        ...codeItems(REASON_PLACE_CHANGE_NAMES, v.reasonPlaceChange).slice(1),
      ],
      reasons: codeItems(REASON_ENDED_NAMES, v.reasonEnded),
    });
    app.get('/young-people/:id/care-history', (request, reply) =>
      formPage(request, reply, 'pages/statutory/care-history.njk', {
        ...episodeLists(),
        values: { startDate: dateParts(null), endDate: dateParts(null) },
        done: flashOf(request),
      }),
    );
    app.post('/young-people/:id/care-history', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const body = request.body;
      const action = text(body, 'action');
      let fieldErrors: Record<string, string> = {};
      const v = Object.fromEntries(
        [...Object.keys(episodeSchema.shape), 'reasonEnded'].map((name) => [name, text(body, name)]),
      );
      const start = dateField(body, 'startDate', 'The start date', { required: action === 'start' });
      const end = dateField(body, 'endDate', 'The end date', { required: action === 'end' });
      let result: Awaited<ReturnType<typeof services.statutory.endEpisode>> | null = null;
      if (action === 'start') {
        const parsed = parseForm(episodeSchema, v);
        if (start.error) fieldErrors.startDate = start.error;
        if (!parsed.ok) fieldErrors = { ...fieldErrors, ...parsed.fieldErrors };
        else if (!start.error) {
          const r = await services.statutory.addEpisode(ctx, id, { ...parsed.data, startDate: start.value! });
          result = r.ok ? { ok: true, value: undefined } : r;
        }
      } else if (action === 'end') {
        if (end.error) fieldErrors.endDate = end.error;
        if (!Object.hasOwn(REASON_ENDED_NAMES, v.reasonEnded))
          fieldErrors.reasonEnded = 'Select why the period of care ended';
        if (!Object.keys(fieldErrors).length)
          result = await services.statutory.endEpisode(ctx, id, { endDate: end.value!, reasonEnded: v.reasonEnded });
      } else throw errors.notFound();
      if (!result?.ok) {
        const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
        return formPage(
          request,
          reply,
          'pages/statutory/care-history.njk',
          {
            ...episodeLists(v),
            values: { ...v, startDate: start.raw, endDate: end.raw },
            errors: toFormErrors(all, ['startDate', 'endDate']),
          },
          400,
        );
      }
      return done(
        reply,
        id,
        action === 'start'
          ? 'Period of care added. Status and due dates have been worked out again'
          : 'Period of care ended. Status and due dates have been worked out again',
      );
    });

    // Correct the SSDA903 fields of a recorded period of care.
    const episodeOf = (record: { episodes: { id: string }[] }, params: unknown) => {
      const episode = record.episodes.find((e) => e.id === idParam(params, 'episodeId'));
      if (!episode) throw errors.notFound();
      return episode;
    };
    const correctPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values?: Record<string, string>,
      formErrors?: ReturnType<typeof toFormErrors>,
    ) => {
      const record = await services.records.recordSummary(staffOf(request), idParam(request.params));
      const episode = episodeOf(record, request.params);
      const shown =
        values ??
        Object.fromEntries(
          Object.keys(episodeSchema.shape).map((k) => [k, (episode as Record<string, unknown>)[k] ?? '']),
        );
      return reply.status(formErrors ? 400 : 200).page('pages/statutory/correct-episode.njk', {
        record,
        episode,
        values: shown,
        errors: formErrors,
        ...episodeLists(shown as Record<string, string>),
      });
    };
    app.get('/young-people/:id/care-history/:episodeId', (request, reply) => {
      services.recordCommands.mayEdit(staffOf(request));
      return correctPage(request, reply);
    });
    app.post('/young-people/:id/care-history/:episodeId', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const episodeId = idParam(request.params, 'episodeId');
      const v = Object.fromEntries(Object.keys(episodeSchema.shape).map((name) => [name, text(request.body, name)]));
      const parsed = parseForm(episodeSchema, v);
      const result = parsed.ok ? await services.statutory.correctEpisode(ctx, id, episodeId, parsed.data) : null;
      if (!result?.ok) {
        const all = parsed.ok ? (result && !result.ok ? result.fieldErrors : {}) : parsed.fieldErrors;
        return correctPage(request, reply, v, toFormErrors(all));
      }
      return reply.redirect(withFlash(request, `/young-people/${id}/care-history`, 'Period of care corrected'), 303);
    });

    // Circumstances the rules depend on.
    const circumstanceValues = (yp: Record<string, unknown>) => ({
      homeWithParentSince: dateParts(yp.homeWithParentSince as string | null),
      supportAfter21RequestedOn: dateParts(yp.supportAfter21RequestedOn as string | null),
      supportAfter21DeclinedOn: dateParts(yp.supportAfter21DeclinedOn as string | null),
      educationProgrammeEndsOn: dateParts(yp.educationProgrammeEndsOn as string | null),
      councilAccommodationSince: dateParts(yp.councilAccommodationSince as string | null),
      detained: yp.detainedOrInHospitalOn16thBirthday ? 'yes' : 'no',
    });
    app.get('/young-people/:id/circumstances', async (request, reply) => {
      const ctx = staffOf(request);
      const record = await services.records.recordSummary(ctx, idParam(request.params));
      return reply.page('pages/statutory/circumstances.njk', { record, values: circumstanceValues(record.yp) });
    });
    app.post('/young-people/:id/circumstances', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const body = request.body;
      const home = dateField(body, 'homeWithParentSince', 'The date they went home');
      const request21 = dateField(body, 'supportAfter21RequestedOn', 'The date they asked');
      const declined21 = dateField(body, 'supportAfter21DeclinedOn', 'The date they said no');
      const education = dateField(body, 'educationProgrammeEndsOn', 'The date the course ends');
      const accommodation = dateField(
        body,
        'councilAccommodationSince',
        'The date the council started providing their home',
      );
      const detained = text(body, 'detained');
      const fieldErrors: Record<string, string> = {};
      for (const [name, f] of Object.entries({
        homeWithParentSince: home,
        supportAfter21RequestedOn: request21,
        supportAfter21DeclinedOn: declined21,
        educationProgrammeEndsOn: education,
        councilAccommodationSince: accommodation,
      }))
        if (f.error) fieldErrors[name] = f.error;
      if (detained !== 'yes' && detained !== 'no')
        fieldErrors.detained = 'Select whether they were detained or in hospital on their 16th birthday';
      const result = Object.keys(fieldErrors).length
        ? null
        : await services.statutory.updateCircumstances(ctx, id, {
            homeWithParentSince: home.value,
            detainedOrInHospitalOn16thBirthday: detained === 'yes',
            supportAfter21RequestedOn: request21.value,
            supportAfter21DeclinedOn: declined21.value,
            educationProgrammeEndsOn: education.value,
            councilAccommodationSince: accommodation.value,
          });
      if (!result?.ok) {
        const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
        return formPage(
          request,
          reply,
          'pages/statutory/circumstances.njk',
          {
            values: {
              homeWithParentSince: home.raw,
              supportAfter21RequestedOn: request21.raw,
              supportAfter21DeclinedOn: declined21.raw,
              educationProgrammeEndsOn: education.raw,
              councilAccommodationSince: accommodation.raw,
              detained,
            },
            errors: toFormErrors(all, [
              'homeWithParentSince',
              'supportAfter21RequestedOn',
              'supportAfter21DeclinedOn',
              'educationProgrammeEndsOn',
              'councilAccommodationSince',
            ]),
          },
          400,
        );
      }
      return done(reply, id, 'Circumstances saved. Status and due dates have been worked out again');
    });

    // A young person asks for a review of their own plan.
    app.get('/my-plan/ask-for-a-review', async (request, reply) => {
      const ctx = contextOf(request);
      if (ctx.principal.kind !== 'young_person') throw errors.forbidden();
      return reply.page('pages/statutory/ask-for-review.njk', { values: {} });
    });
    app.post('/my-plan/ask-for-a-review', async (request, reply) => {
      const ctx = contextOf(request);
      if (ctx.principal.kind !== 'young_person') throw errors.forbidden();
      const description = text(request.body, 'description').trim();
      const t = translatorFor(request);
      let fieldErrors: Record<string, string> = {};
      if (!description) fieldErrors.description = t('review.errors.missing');
      else if (description.length > 2000) fieldErrors.description = t('review.errors.long');
      if (!Object.keys(fieldErrors).length) {
        const result = await services.statutory.recordTrigger(ctx, ctx.principal.id, {
          kind: 'young_person_request',
          occurredOn: ukDate(services.clock.now()),
          description,
        });
        if (result.ok)
          return reply.page('pages/statutory/ask-for-review.njk', { sent: true, dueBy: result.value.reviewDueBy });
        fieldErrors = result.fieldErrors;
      }
      return reply
        .status(400)
        .page('pages/statutory/ask-for-review.njk', { values: { description }, errors: toFormErrors(fieldErrors) });
    });

    // The council's local policy: administrators only, versioned, stricter than the law.
    const policyForm = (policy: LocalPolicy, raw?: Record<string, string>) =>
      POLICY_FIELDS.map((f) => ({
        ...f,
        value: raw ? raw[f.name] : String(policy[f.name]),
        legal: String(DEFAULT_POLICY[f.name]),
      }));
    app.get('/admin/policy', async (request, reply) => {
      const ctx = staffOf(request);
      const current = await services.statutory.policy(ctx);
      return reply.page('pages/admin/policy.njk', {
        fields: policyForm(current.policy),
        current,
        values: { leapDayBirthday: current.policy.leapDayBirthday },
        saved: (request.query as Record<string, string>).saved === '1',
      });
    });
    app.post('/admin/policy', async (request, reply) => {
      const ctx = staffOf(request);
      const body = request.body;
      const raw = Object.fromEntries(POLICY_FIELDS.map((f) => [f.name, text(body, f.name).trim()]));
      const reason = text(body, 'reason').trim();
      const current = await services.statutory.policy(ctx);
      const fieldErrors: Record<string, string> = {};
      const candidate: Record<string, unknown> = { ...current.policy };
      for (const f of POLICY_FIELDS) {
        const n = Number(raw[f.name]);
        if (!/^\d+$/.test(raw[f.name])) fieldErrors[f.name] = `${f.label} must be a whole number of ${f.unit}`;
        else candidate[f.name] = n;
      }
      const leap = text(body, 'leapDayBirthday');
      if (leap !== 'MAR_1' && leap !== 'FEB_28')
        fieldErrors.leapDayBirthday = 'Select when a 29 February birthday falls in other years';
      else candidate.leapDayBirthday = leap;
      if (!reason) fieldErrors.reason = 'Enter why the policy is changing';
      else if (reason.length > 1000) fieldErrors.reason = 'Reason must be 1,000 characters or fewer';
      const result = Object.keys(fieldErrors).length
        ? null
        : await services.statutory.changePolicy(ctx, { policy: candidate as Partial<LocalPolicy>, reason });
      if (!result?.ok) {
        const label = (name: string) => POLICY_FIELDS.find((f) => f.name === name)?.label ?? name;
        const fromRules =
          result && !result.ok
            ? Object.fromEntries(Object.entries(result.fieldErrors).map(([k, m]) => [k, m.replace(k, label(k))]))
            : {};
        return reply.status(400).page('pages/admin/policy.njk', {
          fields: policyForm(current.policy, raw),
          current,
          values: { leapDayBirthday: leap, reason },
          errors: toFormErrors({ ...fieldErrors, ...fromRules }),
        });
      }
      return reply.redirect('/admin/policy?saved=1', 303);
    });
  });
}
