// Quality assurance (issue 10, part 3): the judging form for an approved plan, and marking a worker's
// quality action done. Thin: parse, call one service, render or redirect.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { dateField, text, toFormErrors } from '../forms.ts';
import { withFlash } from '../flash.ts';
import { idParam } from './records.ts';
import { errors } from '../../errors.ts';
import {
  actionField,
  JUDGEMENT_GRADE_NAMES,
  JUDGEMENT_GRADES,
  MAX_QUALITY_ACTIONS,
  type JudgementInput,
} from '../../domain/plan/index.ts';
import type { QualityService } from '../../services/quality.ts';

type FormData = Awaited<ReturnType<QualityService['form']>>;
type ActionValues = { text: string; worker: string; due: { day: string; month: string; year: string } };
type FormValues = { grade: string; whatIsGood: string; whatMustImprove: string; actions: ActionValues[] };

const versionOf = (request: FastifyRequest) => {
  const n = Number((request.params as { version: string }).version);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw errors.notFound();
  return n;
};

/** The form's fields as typed, and the same as the domain checks them. */
function readForm(body: unknown): { values: FormValues; input: JudgementInput } {
  const actions = Array.from({ length: MAX_QUALITY_ACTIONS }, (_, i) => {
    const f = actionField(i + 1);
    const due = dateField(body, f.due, `The date action ${i + 1} is due`);
    return {
      values: { text: text(body, f.text), worker: text(body, f.worker), due: due.raw },
      input: {
        text: text(body, f.text),
        workerId: text(body, f.worker),
        dueOn: due.value,
        dueError: due.error,
        dueTyped: Boolean(due.raw.day || due.raw.month || due.raw.year),
      },
    };
  });
  const grade = text(body, 'grade');
  const whatIsGood = text(body, 'whatIsGood');
  const whatMustImprove = text(body, 'whatMustImprove');
  return {
    values: { grade, whatIsGood, whatMustImprove, actions: actions.map((a) => a.values) },
    input: { grade, whatIsGood, whatMustImprove, actions: actions.map((a) => a.input) },
  };
}

export function qualityRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const render = (reply: FastifyReply, data: FormData, values: FormValues, fieldErrors?: Record<string, string>) =>
      reply.status(fieldErrors ? 400 : 200).page('pages/quality/judge.njk', {
        ...data,
        gradeItems: JUDGEMENT_GRADES.map((g) => ({
          value: g,
          text: JUDGEMENT_GRADE_NAMES[g],
          checked: g === values.grade,
        })),
        workerItems: (selected: string) =>
          data.workers.map((w) => ({ value: w.id, text: w.displayName, selected: w.id === selected })),
        values,
        fieldIds: Array.from({ length: MAX_QUALITY_ACTIONS }, (_, i) => actionField(i + 1)),
        errors: fieldErrors
          ? toFormErrors(
              fieldErrors,
              Array.from({ length: MAX_QUALITY_ACTIONS }, (_, i) => actionField(i + 1).due),
            )
          : undefined,
      });

    app.get('/young-people/:id/plans/:version/quality', async (request, reply) => {
      const ctx = staffOf(request);
      const data = await services.quality.form(ctx, idParam(request.params), versionOf(request));
      const blank = { day: '', month: '', year: '' };
      const actions = Array.from({ length: MAX_QUALITY_ACTIONS }, () => ({
        text: '',
        worker: data.personalAdviserId ?? '',
        due: { ...blank },
      }));
      return render(reply, data, { grade: '', whatIsGood: '', whatMustImprove: '', actions });
    });

    app.post('/young-people/:id/plans/:version/quality', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const version = versionOf(request);
      const { values, input } = readForm(request.body);
      const result = await services.quality.judge(ctx, id, version, input);
      if (!result.ok) return render(reply, result.data, values, result.fieldErrors);
      return reply.redirect(
        withFlash(request, `/young-people/${id}/plans/${version}`, 'Quality judgement recorded'),
        303,
      );
    });

    app.post('/quality-actions/:actionId/done', async (request, reply) => {
      const ctx = staffOf(request);
      const result = await services.quality.markDone(ctx, idParam(request.params, 'actionId'));
      const message = result.already ? 'That action was already marked done' : 'Action marked done';
      return reply.redirect(withFlash(request, '/', message), 303);
    });
  });
}
