// Adding a young person, changing their details, allocating workers, moving teams and caseload sizes
// (issue 11 §1). Thin: each route checks the form with its schema, calls one command and renders.
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { dateField, dateParts, parseForm, text, toFormErrors, type FormErrors } from '../forms.ts';
import { idParam } from './records.ts';
import { flashOf, withFlash } from '../flash.ts';
import { codeItems, ETHNICITY_NAMES, SEX_NAMES } from '../../domain/codes.ts';
import { errors } from '../../errors.ts';
import { detailsSchema, newYoungPersonSchema, versionSchema } from '../record-forms.ts';
import { ALLOCATION_ROLE_NAMES, ALLOCATION_ROLES, type AllocationRole } from '../../services/record-commands.ts';
import type { youngPeople } from '../../data/schema.ts';
import {
  CLOSURE_REASON_NAMES,
  CLOSURE_REASONS,
  confirmsErasure,
  erasurePhrase,
  RETENTION_RULE,
} from '../../domain/closure.ts';

type Values = Record<string, unknown>;
const DETAIL_FIELDS = Object.keys(detailsSchema.shape);

/** The form's values from a saved record: what the details page starts from. */
function valuesOf(yp: typeof youngPeople.$inferSelect): Values {
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  return {
    givenName: yp.givenName,
    familyName: yp.familyName,
    preferredName: yp.preferredName ?? '',
    sex: yp.sex,
    ethnicity: yp.ethnicity ?? '',
    upn: yp.upn ?? '',
    unaccompaniedAsylumSeeking: yes(yp.unaccompaniedAsylumSeeking),
    firstLanguage: yp.firstLanguage ?? '',
    interpreterNeeded: yes(yp.interpreterNeeded),
    communicationNeeds: yp.communicationNeeds ?? '',
  };
}

const choices = (values: Values) => ({
  sexes: Object.entries(SEX_NAMES).map(([value, label]) => ({ value, text: label, checked: values.sex === value })),
  ethnicities: [
    { value: '', text: 'Not recorded' },
    ...codeItems(ETHNICITY_NAMES, values.ethnicity as string).slice(1),
  ],
});

/** The version of the record a form was opened at; a form without one is refused. */
function versionOf(body: unknown): number {
  const version = versionSchema.safeParse(text(body, 'version'));
  if (!version.success) throw errors.badRequest('This form is missing its version. Open the page again');
  return version.data;
}
/** The form's text fields by name (a missing field is empty), for a schema to check. */
const fieldsOf = (body: unknown, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, text(body, n)]));

const teamName = (teams: { id: string; name: string }[], id: string) => teams.find((t) => t.id === id)?.name ?? '';
const optionalWorker = z
  .string()
  .refine((v) => v === '' || z.string().uuid().safeParse(v).success, 'Select a worker')
  .transform((v) => v || null);
const moveSchema = z.object({
  teamId: z.string().uuid({ message: 'Select the team they are moving to' }),
  personalAdviserId: optionalWorker,
  socialWorkerId: optionalWorker,
});

/** The records chosen on the list: every `ids` value that is an id (a form sends one or many). */
const chosenIds = (body: unknown): string[] => {
  const raw = (body as Record<string, unknown> | undefined)?.ids;
  const all = ([] as unknown[]).concat(raw ?? []);
  return [...new Set(all.filter((v): v is string => z.string().uuid().safeParse(v).success))].slice(0, 1000);
};

const records = (n: number) => `${n} ${n === 1 ? 'record' : 'records'}`;
/** What the administrator is told after deleting: what was deleted, and what was left and why. */
function erasureMessage(done: { deleted: number; alreadyDeleted: number; kept: number }): string {
  const parts = [`${records(done.deleted)} deleted.`];
  if (done.alreadyDeleted) parts.push(`${records(done.alreadyDeleted)} had already been deleted by someone else.`);
  if (done.kept) parts.push(`${records(done.kept)} not deleted: kept until the 75th birthday.`);
  return parts.join(' ');
}

export function youngPersonRecordRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const commands = services.recordCommands;

    // Adding a young person.
    const newForm = async (request: FastifyRequest, reply: FastifyReply, values: Values, formErrors?: FormErrors) => {
      const teams = await commands.teamsForNew(staffOf(request));
      return reply.status(formErrors ? 400 : 200).page('pages/young-people/new.njk', {
        values,
        errors: formErrors,
        teams: teams.map((t) => ({ value: t.id, text: t.name, checked: values.teamId === t.id })),
        ...choices(values),
      });
    };
    app.get('/young-people/new', (request, reply) =>
      newForm(request, reply, {
        dateOfBirth: dateParts(null),
        unaccompaniedAsylumSeeking: 'no',
        interpreterNeeded: 'no',
      }),
    );
    app.post('/young-people/new', async (request, reply) => {
      const ctx = staffOf(request);
      const body = request.body;
      const dob = dateField(body, 'dateOfBirth', 'Date of birth', { required: true });
      const parsed = parseForm(newYoungPersonSchema, fieldsOf(body, Object.keys(newYoungPersonSchema.shape)));
      const fieldErrors = {
        ...(parsed.ok ? {} : parsed.fieldErrors),
        ...(dob.error ? { dateOfBirth: dob.error } : {}),
      };
      const result =
        parsed.ok && !dob.error
          ? await commands.createYoungPerson(ctx, { ...parsed.data, dateOfBirth: dob.value! })
          : null;
      if (!result?.ok) {
        const values = Object.fromEntries(
          [...DETAIL_FIELDS, 'reference', 'ageAssessed', 'teamId'].map((f) => [f, text(body, f)]),
        );
        const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
        return newForm(request, reply, { ...values, dateOfBirth: dob.raw }, toFormErrors(all, ['dateOfBirth']));
      }
      const message = 'Young person added. Add their care history and allocate a personal adviser';
      return reply.redirect(withFlash(request, `/young-people/${result.value}`, message), 303);
    });

    // Changing their details: the form carries the version it was opened at.
    const detailsForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      data: { values?: Values; errors?: FormErrors; status?: number; saved?: Values },
    ) => {
      const record = await services.records.recordSummary(staffOf(request), idParam(request.params));
      const values = data.values ?? valuesOf(record.yp);
      return reply.status(data.status ?? 200).page('pages/young-people/details.njk', {
        record,
        values,
        version: record.yp.version,
        errors: data.errors,
        saved: data.saved,
        ...choices(values),
      });
    };
    app.get('/young-people/:id/details', (request, reply) => {
      commands.mayEdit(staffOf(request));
      return detailsForm(request, reply, {});
    });
    app.post('/young-people/:id/details', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const body = request.body;
      const values = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, text(body, f)]));
      const version = versionOf(body);
      const parsed = parseForm(detailsSchema, fieldsOf(body, DETAIL_FIELDS));
      if (!parsed.ok) return detailsForm(request, reply, { values, errors: parsed.errors, status: 400 });
      const result = await commands.updateDetails(ctx, id, version, parsed.data);
      if (!result.ok) {
        // Their words stay in the form; what is saved now is shown beside them, and the form now
        // carries the new version, so saving again is a choice made knowing both.
        const saved = result.conflict ? valuesOf(result.conflict.current) : undefined;
        const status = result.conflict ? 409 : 400;
        return detailsForm(request, reply, { values, errors: toFormErrors(result.fieldErrors), status, saved });
      }
      return reply.redirect(withFlash(request, `/young-people/${id}`, 'Details saved'), 303);
    });

    // Allocation: who holds the case and held it before, and the team history.
    app.get('/young-people/:id/allocation', async (request, reply) => {
      const page = await commands.allocationPage(staffOf(request), idParam(request.params));
      return reply.page('pages/young-people/allocation.njk', { page, record: { yp: page.yp }, done: flashOf(request) });
    });

    // Allocate, transfer or end a personal adviser or social worker: one page per role.
    const roleOf = (params: unknown): AllocationRole => {
      const slug = (params as Record<string, string>).role;
      const role = ALLOCATION_ROLES.find((r) => r.replace('_', '-') === slug);
      if (!role) throw errors.notFound();
      return role;
    };
    const rolePage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      data: { values?: Values; errors?: FormErrors; status?: number } = {},
    ) => {
      const role = roleOf(request.params);
      const page = await commands.allocationPage(staffOf(request), idParam(request.params));
      if (!page.mayAllocate) throw errors.forbidden('You do not have permission to allocate this case');
      const values: Values = { startDate: dateParts(null), endDate: dateParts(null), ...data.values };
      const current = page.open.find((a) => a.role === role) ?? null;
      const workers = page.workers
        .filter((w) => w.role === role && w.teamId === page.yp.teamId && w.id !== current?.staffId)
        .map((w) => ({ value: w.id, text: w.displayName, selected: w.id === values.staffId }));
      return reply.status(data.status ?? 200).page('pages/young-people/allocate.njk', {
        page,
        record: { yp: page.yp },
        role,
        roleName: ALLOCATION_ROLE_NAMES[role],
        current,
        workers: [{ value: '', text: 'Choose one' }, ...workers],
        version: page.yp.version,
        values,
        errors: data.errors,
      });
    };
    app.get('/young-people/:id/allocation/:role', (request, reply) => rolePage(request, reply));
    app.post('/young-people/:id/allocation/:role', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const role = roleOf(request.params);
      const body = request.body;
      const action = text(body, 'action');
      const version = versionOf(body);
      const ending = action === 'end';
      if (!ending && action !== 'allocate') throw errors.notFound();
      const dateName = ending ? 'endDate' : 'startDate';
      const date = dateField(body, dateName, ending ? 'The end date' : 'The start date', { required: true });
      const fieldErrors: Record<string, string> = date.error ? { [dateName]: date.error } : {};
      const staffId = text(body, 'staffId');
      if (!ending && !z.string().uuid().safeParse(staffId).success) fieldErrors.staffId = 'Select who to allocate';
      const result = Object.keys(fieldErrors).length
        ? null
        : ending
          ? await commands.endAllocation(ctx, id, version, { role, endDate: date.value! })
          : await commands.allocate(ctx, id, version, { role, staffId, startDate: date.value! });
      if (!result?.ok) {
        const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
        return rolePage(request, reply, {
          values: { staffId, [dateName]: date.raw },
          errors: toFormErrors(all, [dateName]),
          status: result && !result.ok && result.conflict ? 409 : 400,
        });
      }
      const name = ALLOCATION_ROLE_NAMES[role];
      const message = ending ? `${name}’s allocation ended` : `${name} allocated`;
      return reply.redirect(withFlash(request, `/young-people/${id}/allocation`, message), 303);
    });

    // Move the case to another team, handing over to that team's workers.
    const teamPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      data: { values?: Values; errors?: FormErrors; status?: number } = {},
    ) => {
      const page = await commands.allocationPage(staffOf(request), idParam(request.params));
      if (!page.mayAllocate) throw errors.forbidden('You do not have permission to move this case');
      const values: Values = { on: dateParts(null), ...data.values };
      const pick = (role: AllocationRole, teamId: string, selected: unknown) => [
        { value: '', text: 'No one yet' },
        ...page.workers
          .filter((w) => w.role === role && w.teamId === teamId)
          .map((w) => ({
            value: w.id,
            text: `${w.displayName} (${teamName(page.teams, teamId)})`,
            selected: w.id === selected,
          })),
      ];
      const advisers = page.teams.flatMap((t) => pick('personal_adviser', t.id, values.personalAdviserId).slice(1));
      const socialWorkers = page.teams.flatMap((t) => pick('social_worker', t.id, values.socialWorkerId).slice(1));
      return reply.status(data.status ?? 200).page('pages/young-people/move-team.njk', {
        page,
        record: { yp: page.yp },
        version: page.yp.version,
        values,
        errors: data.errors,
        teams: [
          { value: '', text: 'Choose one' },
          ...page.teams.map((t) => ({ value: t.id, text: t.name, selected: t.id === values.teamId })),
        ],
        advisers: [{ value: '', text: 'No one yet' }, ...advisers],
        socialWorkers: [{ value: '', text: 'No one yet' }, ...socialWorkers],
      });
    };
    app.get('/young-people/:id/team', (request, reply) => teamPage(request, reply));
    app.post('/young-people/:id/team', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const body = request.body;
      const version = versionOf(body);
      const raw = Object.fromEntries(['teamId', 'personalAdviserId', 'socialWorkerId'].map((f) => [f, text(body, f)]));
      const on = dateField(body, 'on', 'The date of the move', { required: true });
      const parsed = parseForm(moveSchema, raw);
      const fieldErrors = { ...(parsed.ok ? {} : parsed.fieldErrors), ...(on.error ? { on: on.error } : {}) };
      const result =
        parsed.ok && !on.error ? await commands.moveTeam(ctx, id, version, { ...parsed.data, on: on.value! }) : null;
      if (!result?.ok) {
        const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
        return teamPage(request, reply, {
          values: { ...raw, on: on.raw },
          errors: toFormErrors(all, ['on']),
          status: result && !result.ok && result.conflict ? 409 : 400,
        });
      }
      const ended = result.value.ended;
      const message = ended.length
        ? `Moved to the new team. Allocation ended: ${ended.join(', ')}`
        : 'Moved to the new team';
      return reply.redirect(withFlash(request, `/young-people/${id}/allocation`, message), 303);
    });

    // Closing a case with a reason, and reopening it (issue 11 §3): one page for each.
    const closurePage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      closing: boolean,
      data: { values?: Values; errors?: FormErrors; status?: number } = {},
    ) => {
      commands.mayClose(staffOf(request));
      const record = await services.records.recordSummary(staffOf(request), idParam(request.params));
      if ((record.yp.caseStatus === 'closed') === closing && !data.errors)
        return reply.redirect(`/young-people/${record.yp.id}`, 303);
      const values: Values = { on: dateParts(null), details: '', ...data.values };
      return reply.status(data.status ?? 200).page('pages/young-people/close.njk', {
        record,
        closing,
        version: record.yp.version,
        values,
        errors: data.errors,
        reasons: CLOSURE_REASONS.map((r) => ({
          value: r,
          text: CLOSURE_REASON_NAMES[r],
          checked: values.reason === r,
        })),
      });
    };
    const closureSchema = z.object({
      reason: z.enum(CLOSURE_REASONS, { message: 'Select why the case is closing' }),
      details: z.string().max(2000, 'Details must be 2000 characters or fewer'),
    });
    const reopenSchema = z.object({
      details: z.string().max(2000, 'The reason must be 2000 characters or fewer'),
    });
    for (const closing of [true, false]) {
      const path = `/young-people/:id/${closing ? 'close' : 'reopen'}`;
      app.get(path, (request, reply) => closurePage(request, reply, closing));
      app.post(path, async (request, reply) => {
        const ctx = staffOf(request);
        const id = idParam(request.params);
        const body = request.body;
        const version = versionOf(body);
        const raw = { reason: text(body, 'reason'), details: text(body, 'details') };
        const on = dateField(body, 'on', closing ? 'The date the case closed' : 'The date the case reopened', {
          required: true,
        });
        const close = parseForm(closureSchema, raw);
        const parsed = closing ? close : parseForm(reopenSchema, raw);
        const fieldErrors = { ...(parsed.ok ? {} : parsed.fieldErrors), ...(on.error ? { on: on.error } : {}) };
        const result =
          !parsed.ok || on.error
            ? null
            : closing && close.ok
              ? await commands.closeCase(ctx, id, version, { ...close.data, on: on.value! })
              : await commands.reopenCase(ctx, id, version, { details: raw.details, on: on.value! });
        if (!result?.ok) {
          const all = { ...fieldErrors, ...(result && !result.ok ? result.fieldErrors : {}) };
          return closurePage(request, reply, closing, {
            values: { ...raw, on: on.raw },
            errors: toFormErrors(all, ['on']),
            status: result && !result.ok && result.conflict ? 409 : 400,
          });
        }
        const message = closing ? 'Case closed. The record is now read-only' : 'Case reopened';
        return reply.redirect(withFlash(request, `/young-people/${id}`, message), 303);
      });
    }

    // Records past their keeping (CPPCR 2010 reg 50), for an administrator to delete: choose, confirm
    // by typing how many, delete.
    const listPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      chosen: string[] = [],
      noneChosen = false,
    ) => {
      const found = await commands.pastRetention(staffOf(request));
      const formErrors = noneChosen ? toFormErrors({ ids: 'Select the records to delete' }) : undefined;
      return reply.status(noneChosen ? 400 : 200).page('pages/admin/retention.njk', {
        found,
        chosen,
        rule: RETENTION_RULE,
        errors: formErrors,
        done: flashOf(request),
      });
    };
    app.get('/admin/retention', (request, reply) => listPage(request, reply));

    const confirmPage = async (request: FastifyRequest, reply: FastifyReply, ids: string[], typed?: string) => {
      const found = await commands.pastRetention(staffOf(request), ids);
      if (!found.length) return listPage(request, reply, [], true);
      const phrase = erasurePhrase(found.length);
      const formErrors =
        typed === undefined ? undefined : toFormErrors({ confirmation: `Type ‘${phrase}’ to confirm` });
      return reply.status(formErrors ? 400 : 200).page('pages/admin/retention-confirm.njk', {
        found,
        phrase,
        values: { confirmation: typed },
        errors: formErrors,
      });
    };
    app.get('/admin/retention/delete', (request, reply) => confirmPage(request, reply, chosenIds(request.query)));

    app.post('/admin/retention/delete', async (request, reply) => {
      const ids = chosenIds(request.body);
      if (!ids.length) return listPage(request, reply, [], true);
      const typed = text(request.body, 'confirmation');
      if (!confirmsErasure(typed, ids.length)) return confirmPage(request, reply, ids, typed);
      const done = await commands.eraseRecords(staffOf(request), ids);
      return reply.redirect(withFlash(request, '/admin/retention', erasureMessage(done)), 303);
    });

    // Caseload sizes per worker in a team.
    app.get('/team/caseloads', async (request, reply) => {
      const ctx = staffOf(request);
      const asked = text(request.query, 'team');
      const found = await commands.caseloads(ctx, z.string().uuid().safeParse(asked).success ? asked : undefined);
      if (!found) throw errors.forbiddenAudited('You can only see your own team');
      return reply.page('pages/young-people/caseloads.njk', { found });
    });
  });
}
