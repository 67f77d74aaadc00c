// The operations of the API for council systems (issue 11 §5), as data: each names its method, path,
// schemas and the service it calls. routes/api.ts registers them; openapi.ts describes them from the
// same schemas. Handlers are thin: validated input in, one service call, JSON out.
import type { z } from 'zod';
import type { Services } from '../../services/index.ts';
import type { RequestContext } from '../../services/context.ts';
import { ukDate } from '../../domain/clock.ts';
import { normalisePostcode } from '../../domain/records.ts';
import { AppError, errors } from '../../errors.ts';
import type { FieldErrors } from '../../services/statutory-commands.ts';
import { planPrintModel } from '../plan-print.ts';
import * as s from './schemas.ts';

// The PDF code (pdfkit and fonts) is loaded on the first download, as the plan pages do.
const pdfCode = () => import('../pdf/plan-pdf.ts');

export type ApiScope = 'read' | 'write';
/** What a handler gives back: JSON (with a status) or a file. */
export type ApiResult =
  | { status: number; body: unknown }
  | { status: number; file: Buffer; type: string; name: string };

export type Operation = {
  id: string;
  method: 'GET' | 'POST';
  /** The path in OpenAPI form, under /api/v1: `/young-people/{id}`. */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success response: its status, schema (JSON) or media type (a file). */
  ok: { status: number; description: string; schema?: z.ZodType; media?: string };
  /** Other responses it may give, besides 401, 403, 404, 429 and a 400 for bad input. */
  also?: Record<number, string>;
  handle(
    ctx: RequestContext,
    input: { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown },
  ): Promise<ApiResult>;
};

/** A write the service refused for what was sent: a 400 problem with each field's message. */
function refused(fieldErrors: FieldErrors, conflict?: unknown): never {
  if (conflict) throw errors.conflict('The record changed since that version: read it again, then send the change');
  throw errors.badRequest('There is a problem with what you sent', fieldErrors);
}

type Outcome<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors; conflict?: unknown };
function doneOr400<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) refused(outcome.fieldErrors, outcome.conflict);
  return outcome.value;
}

export function apiOperations(services: Services): Operation[] {
  const today = () => ukDate(services.clock.now());
  const summaryOf = (ctx: RequestContext, id: string) => services.records.recordSummary(ctx, id);
  const idOf = (params: Record<string, unknown>) => params.id as string;

  return [
    {
      id: 'listYoungPeople',
      method: 'GET',
      path: '/young-people',
      tag: 'Young people',
      summary: 'The council’s open cases, most urgent first, a page at a time',
      query: s.pageQuery,
      ok: { status: 200, description: 'A page of young people', schema: s.youngPeoplePage },
      async handle(ctx, { query }) {
        const { page, pageSize } = query as z.infer<typeof s.pageQuery>;
        const found = await services.records.list(ctx, 'search', { page, pageSize });
        return {
          status: 200,
          body: {
            items: found.rows.map((r) => ({
              id: r.id,
              reference: r.reference,
              givenName: r.givenName,
              familyName: r.familyName,
              preferredName: r.preferredName,
              dateOfBirth: r.dateOfBirth,
              teamId: r.teamId,
              category: r.statutory.status.category,
              nextDue: r.statutory.next
                ? { code: r.statutory.next.code, label: r.statutory.next.label, on: r.statutory.next.on }
                : null,
            })),
            page: found.page,
            pages: found.pages,
            total: found.total,
          },
        };
      },
    },
    {
      id: 'getYoungPerson',
      method: 'GET',
      path: '/young-people/{id}',
      tag: 'Young people',
      summary: 'One young person’s record: details, care history and allocations',
      params: s.idParams,
      ok: { status: 200, description: 'The record', schema: s.youngPerson },
      async handle(ctx, { params }) {
        return { status: 200, body: youngPersonBody(await summaryOf(ctx, idOf(params))) };
      },
    },
    {
      id: 'createYoungPerson',
      method: 'POST',
      path: '/young-people',
      tag: 'Young people',
      summary: 'Adds a young person to a team of the council',
      body: s.newYoungPerson,
      ok: { status: 201, description: 'Added', schema: s.created },
      async handle(ctx, { body }) {
        const input = body as z.infer<typeof s.newYoungPerson>;
        const outcome = await services.recordCommands
          .createYoungPerson(ctx, {
            reference: input.reference ?? '',
            givenName: input.givenName,
            familyName: input.familyName,
            preferredName: input.preferredName || null,
            dateOfBirth: input.dateOfBirth,
            ageAssessed: input.dateOfBirthAgeAssessed,
            sex: input.sex,
            ethnicity: input.ethnicity ?? null,
            upn: input.upn ? input.upn.replace(/\s+/g, '').toUpperCase() : null,
            unaccompaniedAsylumSeeking: input.unaccompaniedAsylumSeeking,
            firstLanguage: input.firstLanguage || null,
            interpreterNeeded: input.interpreterNeeded,
            communicationNeeds: input.communicationNeeds || null,
            teamId: input.teamId,
          })
          .catch((error: unknown) => {
            // The only team a write token may not add to is one that is not its council's (refusal audited).
            if (error instanceof AppError && error.id === 'forbidden' && error.audited)
              refused({ teamId: 'There is no team with this id in your council' });
            throw error;
          });
        return { status: 201, body: { id: doneOr400(outcome) } };
      },
    },
    {
      id: 'listCareEpisodes',
      method: 'GET',
      path: '/young-people/{id}/care-episodes',
      tag: 'Care history',
      summary: 'Every period of care (SSDA903 episode), oldest first',
      params: s.idParams,
      ok: { status: 200, description: 'The care history', schema: s.careEpisodes },
      async handle(ctx, { params }) {
        const record = await summaryOf(ctx, idOf(params));
        return { status: 200, body: { items: record.episodes.map(episodeBody) } };
      },
    },
    {
      id: 'addCareEpisode',
      method: 'POST',
      path: '/young-people/{id}/care-episodes',
      tag: 'Care history',
      summary: 'Adds a period of care with every SSDA903 episode field',
      params: s.idParams,
      body: s.newCareEpisode,
      ok: { status: 201, description: 'Added', schema: s.created },
      also: { 409: 'The case is closed' },
      async handle(ctx, { params, body }) {
        const input = body as z.infer<typeof s.newCareEpisode>;
        // Stored as the record's page stores them (record-forms.ts): the same postcode, one way of writing it.
        const postcode = (v: string | null | undefined) => (v ? normalisePostcode(v) : null);
        const id = doneOr400(
          await services.statutory.addEpisode(ctx, idOf(params), {
            ...input,
            reasonPlaceChange: input.reasonPlaceChange ?? null,
            homePostcode: postcode(input.homePostcode),
            placementPostcode: postcode(input.placementPostcode),
            urn: input.urn ? input.urn.replace(/\s+/g, '').toUpperCase() : null,
          }),
        );
        return { status: 201, body: { id } };
      },
    },
    {
      id: 'listAllocations',
      method: 'GET',
      path: '/young-people/{id}/allocations',
      tag: 'Allocations',
      summary: 'Every allocation of a personal adviser or social worker, with its dates',
      params: s.idParams,
      ok: { status: 200, description: 'The allocations', schema: s.allocations },
      async handle(ctx, { params }) {
        const record = await summaryOf(ctx, idOf(params));
        return { status: 200, body: { items: record.allocations.map(allocationBody) } };
      },
    },
    {
      id: 'allocate',
      method: 'POST',
      path: '/young-people/{id}/allocations',
      tag: 'Allocations',
      summary: 'Allocates a worker; one already in the role hands over that day',
      params: s.idParams,
      body: s.newAllocation,
      ok: { status: 201, description: 'Allocated', schema: s.done },
      also: { 409: 'The record changed since that version, or the case is closed' },
      async handle(ctx, { params, body }) {
        const { version, ...input } = body as z.infer<typeof s.newAllocation>;
        doneOr400(await services.recordCommands.allocate(ctx, idOf(params), version, input));
        return { status: 201, body: { id: idOf(params), version: version + 1 } };
      },
    },
    {
      id: 'listContacts',
      method: 'GET',
      path: '/young-people/{id}/contacts',
      tag: 'Contacts',
      summary: 'Recorded contacts, newest first, 50 a page',
      params: s.idParams,
      query: s.pageQuery.pick({ page: true }),
      ok: { status: 200, description: 'A page of contacts', schema: s.contactsPage },
      async handle(ctx, { params, query }) {
        const found = await services.contacts.contacts(ctx, idOf(params), (query as { page: number }).page);
        return {
          status: 200,
          body: {
            items: found.rows.map((c) => ({
              id: c.id,
              contactOn: c.contactOn,
              method: c.method,
              seenAlone: c.seenAlone,
              place: c.place,
              othersPresent: c.othersPresent,
              discussed: c.discussed,
              recordedBy: c.recordedBy,
            })),
            page: found.page,
            pages: found.pages,
            total: found.total,
          },
        };
      },
    },
    {
      id: 'addContact',
      method: 'POST',
      path: '/young-people/{id}/contacts',
      tag: 'Contacts',
      summary: 'Records a contact: when, how, seen alone, where, who, what was talked about',
      params: s.idParams,
      body: s.newContact,
      ok: { status: 201, description: 'Recorded', schema: s.created },
      also: { 409: 'The case is closed' },
      async handle(ctx, { params, body }) {
        const value = doneOr400(await services.contacts.recordContact(ctx, idOf(params), body as s.NewContact));
        return { status: 201, body: { id: value.id } };
      },
    },
    {
      id: 'closeCase',
      method: 'POST',
      path: '/young-people/{id}/closure',
      tag: 'Closures',
      summary: 'Closes the case with a reason; its record is then read-only',
      params: s.idParams,
      body: s.closure,
      ok: { status: 200, description: 'Closed', schema: s.done },
      also: { 409: 'The record changed since that version, or the case is already closed' },
      async handle(ctx, { params, body }) {
        const { version, ...input } = body as z.infer<typeof s.closure>;
        doneOr400(await services.recordCommands.closeCase(ctx, idOf(params), version, input));
        return { status: 200, body: { id: idOf(params), version: version + 1 } };
      },
    },
    {
      id: 'reopenCase',
      method: 'POST',
      path: '/young-people/{id}/reopening',
      tag: 'Closures',
      summary: 'Reopens a closed case with a reason',
      params: s.idParams,
      body: s.reopening,
      ok: { status: 200, description: 'Reopened', schema: s.done },
      also: { 409: 'The record changed since that version' },
      async handle(ctx, { params, body }) {
        const { version, ...input } = body as z.infer<typeof s.reopening>;
        doneOr400(await services.recordCommands.reopenCase(ctx, idOf(params), version, input));
        return { status: 200, body: { id: idOf(params), version: version + 1 } };
      },
    },
    {
      id: 'getStatutoryStatus',
      method: 'GET',
      path: '/young-people/{id}/statutory-status',
      tag: 'Statutory status',
      summary: 'Care leaver category, statutory dates and what is due, on today’s facts',
      params: s.idParams,
      ok: { status: 200, description: 'The statutory status', schema: s.statutoryStatus },
      async handle(ctx, { params }) {
        const { statutory } = await summaryOf(ctx, idOf(params));
        const st = statutory.status;
        return {
          status: 200,
          body: {
            category: st.category,
            eligibleFrom: st.eligibleFrom,
            relevantFrom: st.relevantFrom,
            formerRelevantFrom: st.formerRelevantFrom,
            needsAssessmentDue: st.needsAssessmentDue,
            firstPlanDue: st.firstPlanDue,
            nextReviewDue: st.nextReviewDue,
            supportEndsOn: st.supportEndsOn,
            urgency: statutory.urgency,
            due: statutory.due.map((d) => ({ code: d.code, label: d.label, on: d.on, rule: d.rule, why: d.why })),
          },
        };
      },
    },
    {
      id: 'getApprovedPlan',
      method: 'GET',
      path: '/young-people/{id}/plans/{version}',
      tag: 'Plans',
      summary: 'An approved plan version (or `latest`) as JSON',
      params: s.planParams,
      ok: { status: 200, description: 'The approved plan', schema: s.approvedPlan },
      async handle(ctx, { params }) {
        const found = await services.reviews.version(ctx, idOf(params), params.version as number | 'latest', 'page');
        if (!found) throw errors.notFound('There is no approved plan with that version');
        return {
          status: 200,
          body: {
            youngPersonId: found.youngPersonId,
            version: found.version,
            approvedOn: found.approvedOn,
            qualityRating: found.qualityRating,
            plan: found.plan,
          },
        };
      },
    },
    {
      id: 'getApprovedPlanPdf',
      method: 'GET',
      path: '/young-people/{id}/plans/{version}/pdf',
      tag: 'Plans',
      summary: 'An approved plan version (or `latest`) as PDF: the whole plan or the planning section',
      params: s.planParams,
      query: s.planQuery,
      ok: { status: 200, description: 'The plan as PDF', media: 'application/pdf' },
      async handle(ctx, { params, query }) {
        const part = (query as z.infer<typeof s.planQuery>).part;
        const version = params.version as number | 'latest';
        const found = await services.reviews.version(ctx, idOf(params), version, `pdf-${part}`);
        if (!found) throw errors.notFound('There is no approved plan with that version');
        const model = planPrintModel(found, found.person, today(), 'young_person');
        const { planPdfFileName, renderPlanPdf } = await pdfCode();
        const file = await renderPlanPdf(model, part);
        return { status: 200, file, type: 'application/pdf', name: planPdfFileName(model, part) };
      },
    },
    {
      id: 'getPerformanceTable',
      method: 'GET',
      path: '/performance/{table}',
      tag: 'Performance',
      summary: 'A table of the performance page (Dorset’s `plans-16-17` and the rest) on a date',
      params: s.performanceParams,
      query: s.performanceQuery,
      ok: { status: 200, description: 'The table', schema: s.performanceTable },
      async handle(ctx, { params, query }) {
        const table = (params as z.infer<typeof s.performanceParams>).table;
        const asAt = (query as z.infer<typeof s.performanceQuery>).asAt ?? today();
        if (asAt > today())
          throw errors.badRequest('There is a problem with what you sent', { asAt: 'Use a date today or earlier' });
        const found = await services.oversight.download(ctx, asAt, table, 'json');
        return { status: 200, body: { table, asAt, header: found.table.header, rows: found.table.rows } };
      },
    },
  ];
}

type Summary = Awaited<ReturnType<Services['records']['recordSummary']>>;

/** A period of care as kept, without the keys of its council and young person. */
function episodeBody(e: Summary['episodes'][number]) {
  const { councilId: _council, youngPersonId: _person, ...episode } = e;
  return episode;
}

function allocationBody(a: Summary['allocations'][number]) {
  return { id: a.id, role: a.role, staffName: a.staffName, startDate: a.startDate, endDate: a.endDate };
}

/** The record as the API gives it (also to signed-in staff on the older session route). */
export function youngPersonBody(record: Summary) {
  const yp = record.yp;
  return {
    id: yp.id,
    version: yp.version,
    reference: yp.reference,
    givenName: yp.givenName,
    familyName: yp.familyName,
    preferredName: yp.preferredName,
    pronouns: yp.pronouns,
    dateOfBirth: yp.dateOfBirth,
    dateOfBirthAgeAssessed: yp.dateOfBirthAgeAssessed,
    sex: yp.sex,
    ethnicity: yp.ethnicity,
    upn: yp.upn,
    firstLanguage: yp.firstLanguage,
    interpreterNeeded: yp.interpreterNeeded,
    communicationNeeds: yp.communicationNeeds,
    unaccompaniedAsylumSeeking: yp.unaccompaniedAsylumSeeking,
    team: { id: yp.teamId, name: record.teamName },
    socialWorker: record.socialWorkerName,
    personalAdviser: record.personalAdviserName,
    caseStatus: yp.caseStatus,
    closedOn: yp.closedOn,
    closureReason: yp.closureReason,
    careEpisodes: record.episodes.map(episodeBody),
    allocations: record.allocations.map(allocationBody),
  };
}
