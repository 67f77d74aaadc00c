// Recording contact with a young person, and changes of their main activity and accommodation.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { dateField, dateParts, text, toFormErrors } from '../forms.ts';
import { idParam, pageOf } from './records.ts';
import { flashOf, withFlash } from '../flash.ts';
import { ACCOMMODATION_NAMES, ACTIVITY_NAMES, codeItems } from '../../domain/codes.ts';
import {
  CONTACT_METHOD_NAMES,
  CONTACT_METHODS,
  SEEN_ALONE,
  SEEN_ALONE_NAMES,
  changeFieldErrors,
  contactFieldErrors,
  type ChangeInput,
} from '../../services/contacts.ts';

const radios = (keys: readonly string[], names: Readonly<Record<string, string>>, selected?: string) =>
  keys.map((k) => ({ value: k, text: names[k], checked: k === selected }));

/** The two forms on the activity and accommodation page, each with its own field names. */
const CHANGE_FIELDS = {
  activity: { changedOn: 'activityOn', code: 'activityCode', notes: 'activityNotes', suitable: 'suitable' },
  accommodation: {
    changedOn: 'accommodationOn',
    code: 'accommodationCode',
    notes: 'accommodationNotes',
    suitable: 'suitable',
  },
} as const;

export function contactRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const contactForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      errors?: ReturnType<typeof toFormErrors>,
    ) => {
      const ctx = staffOf(request);
      const record = await services.records.recordSummary(ctx, idParam(request.params));
      return reply.status(errors ? 400 : 200).page('pages/contacts/new.njk', {
        record,
        values,
        errors,
        methods: radios(CONTACT_METHODS, CONTACT_METHOD_NAMES, values.method as string),
        seenAlone: radios(SEEN_ALONE, SEEN_ALONE_NAMES, values.seenAlone as string),
      });
    };

    app.get('/young-people/:id/contacts/new', (request, reply) => {
      services.contacts.mayRecord(staffOf(request));
      return contactForm(request, reply, { contactOn: dateParts(null) });
    });
    app.post('/young-people/:id/contacts/new', async (request, reply) => {
      const ctx = staffOf(request);
      services.contacts.mayRecord(ctx);
      const id = idParam(request.params);
      const body = request.body;
      const on = dateField(body, 'contactOn', 'The date of the contact', { required: true });
      const input = {
        method: text(body, 'method'),
        seenAlone: text(body, 'seenAlone'),
        place: text(body, 'place').trim(),
        othersPresent: text(body, 'othersPresent').trim(),
        discussed: text(body, 'discussed').trim(),
      };
      const fieldErrors = { ...contactFieldErrors(input), ...(on.error ? { contactOn: on.error } : {}) };
      const result = Object.keys(fieldErrors).length
        ? null
        : await services.contacts.recordContact(ctx, id, { ...input, contactOn: on.value! });
      if (!result?.ok) {
        const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
        return contactForm(request, reply, { ...input, contactOn: on.raw }, toFormErrors(all, ['contactOn']));
      }
      const message = result.value.countsAsVisit
        ? 'Contact recorded. It counts as their personal adviser visit'
        : 'Contact recorded';
      return reply.redirect(withFlash(request, `/young-people/${id}`, message), 303);
    });

    app.get('/young-people/:id/contacts', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const found = await services.contacts.contacts(ctx, id, pageOf(request.query));
      return reply.page('pages/contacts/list.njk', {
        id,
        found,
      });
    });

    const changesPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      errors?: ReturnType<typeof toFormErrors>,
    ) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const history = await services.contacts.changes(ctx, id);
      return reply.status(errors ? 400 : 200).page('pages/contacts/circumstances.njk', {
        record: { yp: history.person },
        history,
        values,
        errors,
        done: errors ? undefined : flashOf(request),
        activities: codeItems(ACTIVITY_NAMES, values.activityCode as string),
        accommodations: codeItems(ACCOMMODATION_NAMES, values.accommodationCode as string),
      });
    };
    const blank = { activityOn: dateParts(null), accommodationOn: dateParts(null) };

    app.get('/young-people/:id/activity-and-accommodation', (request, reply) => changesPage(request, reply, blank));
    app.post('/young-people/:id/activity-and-accommodation', async (request, reply) => {
      const ctx = staffOf(request);
      services.contacts.mayRecord(ctx);
      const id = idParam(request.params);
      const body = request.body;
      const kind = text(body, 'kind') === 'accommodation' ? 'accommodation' : 'activity';
      const names = CHANGE_FIELDS[kind];
      const on = dateField(body, names.changedOn, 'The date it changed', { required: true });
      const input: Omit<ChangeInput, 'changedOn'> = {
        kind,
        code: text(body, names.code),
        suitable: text(body, names.suitable),
        notes: text(body, names.notes).trim(),
      };
      const found = { ...changeFieldErrors(input), ...(on.error ? { changedOn: on.error } : {}) };
      const result = Object.keys(found).length
        ? null
        : await services.contacts.recordChange(ctx, id, { ...input, changedOn: on.value! });
      if (!result?.ok) {
        const all: Record<string, string> = { ...found, ...(result && !result.ok ? result.fieldErrors : {}) };
        // Each form's fields have their own names on the page.
        const fieldErrors = Object.fromEntries(
          Object.entries(all).map(([field, message]) => [names[field as keyof typeof names] ?? field, message]),
        );
        return changesPage(
          request,
          reply,
          {
            ...blank,
            [names.changedOn]: on.raw,
            [names.code]: input.code,
            [names.notes]: input.notes,
            ...(kind === 'accommodation' ? { suitable: input.suitable } : {}),
          },
          toFormErrors(fieldErrors, [names.changedOn]),
        );
      }
      const message = kind === 'activity' ? 'Change of activity recorded' : 'Change of accommodation recorded';
      return reply.redirect(withFlash(request, `/young-people/${id}/activity-and-accommodation`, message), 303);
    });
  });
}
