// Dip sampling and case-file audits (issue 10, part 4) under /audits: the rounds, drawing a sample,
// a round with its auditors, the audit form for one sampled plan, and the summary by round and team.
// Thin: parse, call one service, render or redirect.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { dateField, text, toFormErrors } from '../forms.ts';
import { flashOf, withFlash } from '../flash.ts';
import { idParam } from './records.ts';
import {
  AUDIT_ANSWER_NAMES,
  AUDIT_ANSWERS,
  AUDIT_CHECKLIST,
  answerField,
  followUpField,
  MAX_FOLLOW_UPS,
  MAX_SAMPLE_SIZE,
  MAX_SEED,
  noteField,
  type AuditInput,
  type DrawInput,
} from '../../domain/audit/index.ts';
import { can } from '../../domain/permissions.ts';
import { JUDGEMENT_GRADE_NAMES, JUDGEMENT_GRADES } from '../../domain/plan/index.ts';
import { CATEGORY_NAMES } from '../../domain/statutory/index.ts';
import type { CaseFileAuditsService } from '../../services/case-file-audits.ts';

type DateRaw = { day: string; month: string; year: string };
type DrawValues = { teamId: string; from: DateRaw; to: DateRaw; category: string; size: string; seed: string };
type DrawForm = Awaited<ReturnType<CaseFileAuditsService['drawForm']>>;
type ItemData = Awaited<ReturnType<CaseFileAuditsService['form']>>;
type AuditValues = {
  answers: Record<string, { answer: string; note: string }>;
  grade: string;
  followUps: { text: string; due: DateRaw }[];
};

function readDraw(body: unknown): { values: DrawValues; input: DrawInput } {
  const from = dateField(body, 'from', 'The first day of the period');
  const to = dateField(body, 'to', 'The last day of the period');
  const values = {
    teamId: text(body, 'teamId'),
    from: from.raw,
    to: to.raw,
    category: text(body, 'category'),
    size: text(body, 'size'),
    seed: text(body, 'seed'),
  };
  return { values, input: { ...values, from, to } };
}

function readAudit(body: unknown): { values: AuditValues; input: AuditInput } {
  const answers = Object.fromEntries(
    AUDIT_CHECKLIST.map((c) => [c.id, { answer: text(body, answerField(c.id)), note: text(body, noteField(c.id)) }]),
  );
  const followUps = Array.from({ length: MAX_FOLLOW_UPS }, (_, i) => {
    const f = followUpField(i + 1);
    const due = dateField(body, f.due, `The date follow-up action ${i + 1} is due`);
    return {
      values: { text: text(body, f.text), due: due.raw },
      input: {
        text: text(body, f.text),
        dueOn: due.value,
        dueError: due.error,
        dueTyped: Boolean(due.raw.day || due.raw.month || due.raw.year),
      },
    };
  });
  const grade = text(body, 'grade');
  return {
    values: { answers, grade, followUps: followUps.map((f) => f.values) },
    input: { answers, grade, followUps: followUps.map((f) => f.input) },
  };
}

const blankDate = (): DateRaw => ({ day: '', month: '', year: '' });
const dueFields = () => Array.from({ length: MAX_FOLLOW_UPS }, (_, i) => followUpField(i + 1).due);

export function caseFileAuditRoutes({ services }: RouteDeps) {
  const audits = services.caseFileAudits;
  return fp(async (app: FastifyInstance) => {
    const renderDraw = (
      reply: FastifyReply,
      form: DrawForm,
      values: DrawValues,
      fieldErrors?: Record<string, string>,
    ) =>
      reply.status(fieldErrors ? 400 : 200).page('pages/audits/draw.njk', {
        ...form,
        values,
        maxSize: MAX_SAMPLE_SIZE,
        maxSeed: MAX_SEED,
        teamItems: [
          { value: '', text: 'All teams' },
          ...form.teams.map((t) => ({ value: t.id, text: t.name, selected: t.id === values.teamId })),
        ],
        categoryItems: [
          { value: '', text: 'All categories' },
          ...form.categories.map((c) => ({ value: c, text: CATEGORY_NAMES[c], selected: c === values.category })),
        ],
        errors: fieldErrors ? toFormErrors(fieldErrors, ['from', 'to']) : undefined,
      });

    const renderAudit = (
      reply: FastifyReply,
      data: ItemData,
      values: AuditValues,
      fieldErrors?: Record<string, string>,
    ) =>
      reply.status(fieldErrors ? 400 : 200).page('pages/audits/audit.njk', {
        ...data,
        values,
        answerItems: (itemId: string) =>
          AUDIT_ANSWERS.map((a) => ({
            value: a,
            text: AUDIT_ANSWER_NAMES[a],
            checked: values.answers[itemId]?.answer === a,
          })),
        answerNames: AUDIT_ANSWER_NAMES,
        gradeNames: JUDGEMENT_GRADE_NAMES,
        gradeItems: JUDGEMENT_GRADES.map((g) => ({
          value: g,
          text: JUDGEMENT_GRADE_NAMES[g],
          checked: g === values.grade,
        })),
        fields: { answer: answerField, note: noteField },
        followUpIds: Array.from({ length: MAX_FOLLOW_UPS }, (_, i) => followUpField(i + 1)),
        errors: fieldErrors ? toFormErrors(fieldErrors, dueFields()) : undefined,
      });

    app.get('/audits', async (request, reply) => {
      const ctx = staffOf(request);
      const rounds = await audits.rounds(ctx);
      return reply.page('pages/audits/index.njk', {
        rounds,
        mayDraw: can(ctx.principal, 'audit.draw'),
        categoryNames: CATEGORY_NAMES,
      });
    });

    app.get('/audits/draw', async (request, reply) => {
      const form = await audits.drawForm(staffOf(request));
      return renderDraw(reply, form, {
        teamId: '',
        from: blankDate(),
        to: blankDate(),
        category: '',
        size: '10',
        seed: '',
      });
    });

    app.post('/audits/draw', async (request, reply) => {
      const { values, input } = readDraw(request.body);
      const result = await audits.draw(staffOf(request), input);
      if (!result.ok) return renderDraw(reply, result.form, values, result.fieldErrors);
      return reply.redirect(withFlash(request, `/audits/rounds/${result.roundId}`, 'Sample drawn'), 303);
    });

    app.get('/audits/rounds/:roundId', async (request, reply) => {
      const data = await audits.round(staffOf(request), idParam(request.params, 'roundId'));
      return reply.page('pages/audits/round.njk', {
        ...data,
        done: flashOf(request),
        categoryNames: CATEGORY_NAMES,
        gradeNames: JUDGEMENT_GRADE_NAMES,
      });
    });

    app.post('/audits/rounds/:roundId/auditors', async (request, reply) => {
      const ctx = staffOf(request);
      const roundId = idParam(request.params, 'roundId');
      const body = (request.body ?? {}) as Record<string, unknown>;
      const assignments = Object.fromEntries(
        Object.keys(body)
          .filter((k) => k.startsWith('auditor-'))
          .map((k) => [k.slice('auditor-'.length), text(body, k)]),
      );
      const result = await audits.assign(ctx, roundId, assignments);
      if (!result.ok) {
        const data = await audits.round(ctx, roundId);
        return reply.status(400).page('pages/audits/round.njk', {
          ...data,
          categoryNames: CATEGORY_NAMES,
          gradeNames: JUDGEMENT_GRADE_NAMES,
          chosen: assignments,
          errors: toFormErrors(result.fieldErrors),
        });
      }
      return reply.redirect(withFlash(request, `/audits/rounds/${roundId}`, 'Auditors saved'), 303);
    });

    app.get('/audits/items/:itemId', async (request, reply) => {
      const data = await audits.form(staffOf(request), idParam(request.params, 'itemId'));
      return renderAudit(reply, data, {
        // The auditor answers each item: Pathway's evidence is shown beside it, never chosen for them.
        answers: Object.fromEntries(AUDIT_CHECKLIST.map((c) => [c.id, { answer: '', note: '' }])),
        grade: '',
        followUps: Array.from({ length: MAX_FOLLOW_UPS }, () => ({ text: '', due: blankDate() })),
      });
    });

    app.post('/audits/items/:itemId', async (request, reply) => {
      const { values, input } = readAudit(request.body);
      const result = await audits.submit(staffOf(request), idParam(request.params, 'itemId'), input);
      if (!result.ok) return renderAudit(reply, result.data, values, result.fieldErrors);
      return reply.redirect(withFlash(request, `/audits/rounds/${result.roundId}`, 'Audit recorded'), 303);
    });

    app.post('/audit-follow-ups/:followUpId/done', async (request, reply) => {
      const result = await audits.markFollowUpDone(staffOf(request), idParam(request.params, 'followUpId'));
      const message = result.already ? 'That follow-up action was already marked done' : 'Follow-up action marked done';
      return reply.redirect(withFlash(request, '/', message), 303);
    });

    app.get('/audits/summary', async (request, reply) => {
      const data = await audits.summary(staffOf(request));
      return reply.page('pages/audits/summary.njk', {
        ...data,
        gradeNames: JUDGEMENT_GRADE_NAMES,
        grades: JUDGEMENT_GRADES,
      });
    });
  });
}
