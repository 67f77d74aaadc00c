// The young person's companion (issue 12 §1, §2): check in, their trend, what to do when not safe,
// messages with their workers; for staff, the check-ins on a record, messages and one inbox.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contextOf, staffOf, type RouteDeps } from '../request-context.ts';
import { parseForm, toFormErrors, type FormErrors } from '../forms.ts';
import { flashOf, withFlash } from '../flash.ts';
import { idParam } from './records.ts';
import { translatorFor } from '../language.ts';
import {
  checkInSchema,
  contactSettingsSchema,
  newThreadSchema,
  replySchema,
  translatedErrors,
} from '../companion-forms.ts';
import { CHECK_IN_TOPICS, FEELINGS } from '../../domain/companion.ts';
import { checkInTrend } from '../presenters/check-in-trend.ts';
import { inboxItems } from '../presenters/inbox.ts';
import { errors } from '../../errors.ts';
import { authorize } from '../../domain/permissions.ts';
import { dateIn } from '../presenters/dates.ts';

/** A form's field errors keyed by the field, not by an item inside it (topics.0 → topics). */
const byField = (fieldErrors: Record<string, string>) =>
  Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k.split('.')[0], v]));

/** The check-in form's choices, with what was chosen (on the young person's home and the check-in page). */
export const checkInChoices = (values: Record<string, unknown> = {}) => ({
  feelings: FEELINGS.map((f) => ({
    value: String(f),
    checked: values.feeling === String(f),
  })),
  topics: CHECK_IN_TOPICS.map((topic) => ({
    value: topic,
    checked: ([] as unknown[]).concat(values.topics ?? []).includes(topic),
  })),
});

export function companionRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const youngPersonOf = (request: FastifyRequest) => {
      const ctx = contextOf(request);
      if (ctx.principal.kind !== 'young_person') throw errors.notFound();
      return ctx;
    };

    app.get('/check-in', (request, reply) => {
      youngPersonOf(request);
      return reply.page('pages/companion/check-in.njk', { ...checkInChoices(), values: {} });
    });

    app.post('/check-in', async (request, reply) => {
      const t = translatorFor(request);
      const ctx = youngPersonOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(checkInSchema, body);
      if (!parsed.ok)
        return reply.status(400).page('pages/companion/check-in.njk', {
          ...checkInChoices(body),
          values: body,
          errors: translatedErrors(byField(parsed.fieldErrors), t),
        });
      const done = await services.companion.checkIn(ctx, parsed.data);
      const due = done.dueOn ? dateIn(request.language.code, 'date', done.dueOn) : '';
      if (parsed.data.notSafe) {
        const message = due ? t('notSafe.adviserTold', { date: due }) : '';
        return reply.redirect(withFlash(request, '/not-safe', message || t('checkIn.thanks')), 303);
      }
      const message = due ? t('checkIn.helpComing', { date: due }) : t('checkIn.thanks');
      return reply.redirect(withFlash(request, '/check-ins', message), 303);
    });

    app.get('/check-ins', async (request, reply) => {
      const ctx = youngPersonOf(request);
      const rows = await services.companion.checkIns(ctx, ctx.principal.id);
      return reply.page('pages/companion/trend.njk', {
        rows,
        chart: checkInTrend(rows),
        done: flashOf(request),
      });
    });

    app.get('/not-safe', async (request, reply) => {
      const ctx = youngPersonOf(request);
      const settings = await services.companion.settings(ctx);
      return reply.page('pages/companion/not-safe.njk', { settings, done: flashOf(request) });
    });

    // Messages: the same pages for a young person and their worker.
    const messagesCtx = (request: FastifyRequest) => {
      const ctx = contextOf(request);
      if (
        ctx.principal.kind === 'staff' &&
        !['personal_adviser', 'social_worker', 'team_manager'].includes(ctx.principal.role)
      )
        throw errors.forbidden();
      return ctx;
    };

    app.get('/messages', async (request, reply) => {
      const ctx = messagesCtx(request);
      const threads = await services.companion.threads(ctx);
      return reply.page('pages/companion/messages.njk', { threads, done: flashOf(request) });
    });

    const newThreadPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      formErrors?: FormErrors,
    ) => {
      const ctx = youngPersonOf(request);
      const record = await services.records.recordSummary(ctx, ctx.principal.id);
      const workers = [
        record.personalAdviserName && record.yp.personalAdviserId
          ? { role: 'personal_adviser', id: record.yp.personalAdviserId, name: record.personalAdviserName }
          : null,
        record.socialWorkerName && record.yp.socialWorkerId
          ? { role: 'social_worker', id: record.yp.socialWorkerId, name: record.socialWorkerName }
          : null,
      ].filter((w) => w !== null);
      const open = await services.companion.officeOpenNow(ctx);
      const settings = await services.companion.settings(ctx);
      return reply.status(formErrors ? 400 : 200).page('pages/companion/new-message.njk', {
        workers: workers.map((w) => ({ ...w, checked: values.to === w.id || workers.length === 1 })),
        values,
        errors: formErrors,
        officeOpen: open,
        settings,
      });
    };

    app.get('/messages/new', (request, reply) => newThreadPage(request, reply, {}));
    app.post('/messages/new', async (request, reply) => {
      const t = translatorFor(request);
      const ctx = youngPersonOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(newThreadSchema, body);
      if (!parsed.ok) return newThreadPage(request, reply, body, translatedErrors(parsed.fieldErrors, t));
      const threadId = await services.companion.startThread(ctx, {
        youngPersonId: ctx.principal.id,
        staffId: parsed.data.to,
        subject: parsed.data.subject,
        body: parsed.data.body,
      });
      return reply.redirect(withFlash(request, `/messages/${threadId}`, t('messages.sent')), 303);
    });

    // A worker writes to a young person allocated to them, from their record.
    const staffNewThreadPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      formErrors?: FormErrors,
    ) => {
      const ctx = staffOf(request);
      const record = await services.records.recordSummary(ctx, idParam(request.params));
      return reply
        .status(formErrors ? 400 : 200)
        .page('pages/companion/staff-new-message.njk', { record, values, errors: formErrors });
    };
    app.get('/young-people/:id/messages/new', (request, reply) => staffNewThreadPage(request, reply, {}));
    app.post('/young-people/:id/messages/new', async (request, reply) => {
      const t = translatorFor(request);
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const body = { ...((request.body ?? {}) as Record<string, unknown>), to: ctx.principal.id };
      const parsed = parseForm(newThreadSchema, body);
      if (!parsed.ok) return staffNewThreadPage(request, reply, body, translatedErrors(parsed.fieldErrors, t));
      const threadId = await services.companion.startThread(ctx, {
        youngPersonId: id,
        staffId: ctx.principal.id,
        subject: parsed.data.subject,
        body: parsed.data.body,
      });
      return reply.redirect(withFlash(request, `/messages/${threadId}`, 'Message sent'), 303);
    });

    const threadPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      formErrors?: FormErrors,
    ) => {
      const ctx = messagesCtx(request);
      const found = await services.companion.thread(ctx, idParam(request.params));
      const open = await services.companion.officeOpenNow(ctx);
      return reply.status(formErrors ? 400 : 200).page('pages/companion/thread.njk', {
        ...found,
        values,
        errors: formErrors,
        officeOpen: open,
        me: ctx.principal.id,
        done: formErrors ? '' : flashOf(request),
      });
    };
    app.get('/messages/:id', (request, reply) => threadPage(request, reply, {}));
    app.post('/messages/:id', async (request, reply) => {
      const t = translatorFor(request);
      const ctx = messagesCtx(request);
      const id = idParam(request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(replySchema, body);
      if (!parsed.ok) return threadPage(request, reply, body, translatedErrors(parsed.fieldErrors, t));
      await services.companion.reply(ctx, id, parsed.data.body);
      return reply.redirect(withFlash(request, `/messages/${id}`, t('messages.sent')), 303);
    });
    app.post('/messages/:id/done', async (request, reply) => {
      const ctx = staffOf(request);
      await services.companion.markThreadDone(ctx, idParam(request.params));
      return reply.redirect(withFlash(request, '/inbox', 'Marked as done'), 303);
    });

    // Staff: one inbox of what needs them.
    app.get('/inbox', async (request, reply) => {
      const ctx = staffOf(request);
      const companion = await services.companion.inbox(ctx);
      const caseload = await services.records.list(ctx, 'caseload', { allocatedTo: ctx.principal.id, pageSize: 5000 });
      // A plan waiting on the worker is due by the young person's next statutory date (plan or review).
      const nextDue = new Map(caseload.rows.map((r) => [r.id, r.statutory.next?.on ?? null]));
      const returned = await services.reviews.returnedTo(ctx);
      const quality = await services.quality.openActions(ctx);
      const toSign = (await services.companion.plansToSign(ctx)).map((p) => ({
        ...p,
        dueOn: nextDue.get(p.youngPersonId) ?? null,
      }));
      return reply.page('pages/companion/inbox.njk', {
        items: inboxItems({
          companion,
          requests: caseload.requests,
          returned: returned.map((p) => ({ ...p, dueOn: nextDue.get(p.youngPersonId) ?? null })),
          quality: quality.rows,
          toSign,
        }),
        team: companion.team,
        today: companion.today,
        done: flashOf(request),
      });
    });
    app.post('/inbox/tasks/:id/done', async (request, reply) => {
      const ctx = staffOf(request);
      await services.companion.markTaskDone(ctx, idParam(request.params));
      return reply.redirect(withFlash(request, '/inbox', 'Marked as done'), 303);
    });

    app.get('/young-people/:id/check-ins', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const rows = await services.companion.checkIns(ctx, id, 50);
      const record = await services.records.recordSummary(ctx, id);
      return reply.page('pages/companion/staff-check-ins.njk', {
        record,
        rows,
        chart: checkInTrend(rows.slice(0, 12)),
      });
    });

    // Administrators: the out-of-hours number and office hours young people are shown.
    app.get('/admin/contact-settings', async (request, reply) => {
      const ctx = staffOf(request);
      authorize(ctx.principal, 'policy.manage');
      const values = await services.companion.settings(ctx);
      return reply.page('pages/admin/contact-settings.njk', { values, done: flashOf(request) });
    });
    app.post('/admin/contact-settings', async (request, reply) => {
      const ctx = staffOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(contactSettingsSchema, body);
      if (!parsed.ok)
        return reply
          .status(400)
          .page('pages/admin/contact-settings.njk', { values: body, errors: toFormErrors(parsed.fieldErrors) });
      await services.companion.saveSettings(ctx, parsed.data);
      return reply.redirect(withFlash(request, '/admin/contact-settings', 'Contact settings saved'), 303);
    });
  });
}
