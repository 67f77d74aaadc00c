// One auditor's answers to the checklist for one sampled plan (issue 10 §4): an answer and a note per
// item, an overall grade on the Ofsted scale, and follow-up actions for the worker with due dates.
// Pure: today's date is passed in. Each submission is kept; the latest is the one shown.
import { JUDGEMENT_GRADES, type JudgementGrade } from '../plan/index.ts';
import { compareDates, type IsoDate } from '../statutory/index.ts';
import { AUDIT_ANSWERS, AUDIT_CHECKLIST, type AuditAnswer, type AuditItemId } from './checklist.ts';

export const MAX_FOLLOW_UPS = 3;
export const NOTE_LIMIT = 2000;
export const FOLLOW_UP_LIMIT = 500;

/** Field ids as the form and its error summary name them. */
export const answerField = (item: AuditItemId) => `answer-${item}`;
export const noteField = (item: AuditItemId) => `note-${item}`;
export const followUpField = (n: number) => ({ text: `followUp${n}Text`, due: `followUp${n}Due` });

export type FollowUpInput = {
  text: string;
  /** The due date when it is a real date; `dueError` says what is wrong otherwise. */
  dueOn: IsoDate | null;
  dueError: string | null;
  dueTyped: boolean;
};

export type AuditInput = {
  answers: Partial<Record<AuditItemId, { answer: string; note: string }>>;
  grade: string;
  followUps: FollowUpInput[];
};

export type ValidAudit = {
  answers: { item: AuditItemId; answer: AuditAnswer; note: string }[];
  grade: JudgementGrade;
  followUps: { position: number; text: string; dueOn: IsoDate }[];
};

const isAnswer = (v: string): v is AuditAnswer => (AUDIT_ANSWERS as readonly string[]).includes(v);
const isGrade = (v: string): v is JudgementGrade => (JUDGEMENT_GRADES as readonly string[]).includes(v);

/**
 * Checks a submission. Every item needs an answer; an item not met or partly met needs a note (the
 * worker must know what to put right). A plan graded below good needs at least one follow-up action.
 * A follow-up row left empty is ignored; a due date must be today or later.
 */
export function checkAudit(
  input: AuditInput,
  today: IsoDate,
): { ok: true; value: ValidAudit } | { ok: false; fieldErrors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const answers: ValidAudit['answers'] = [];
  AUDIT_CHECKLIST.forEach((item, i) => {
    const given = input.answers[item.id] ?? { answer: '', note: '' };
    const note = given.note.trim();
    if (!isAnswer(given.answer)) errors[answerField(item.id)] = `Select an answer for question ${i + 1}`;
    else if ((given.answer === 'not_met' || given.answer === 'partly') && !note)
      errors[noteField(item.id)] = `Enter a note saying what is missing for question ${i + 1}`;
    if (note.length > NOTE_LIMIT)
      errors[noteField(item.id)] =
        `The note for question ${i + 1} must be ${NOTE_LIMIT.toLocaleString('en-GB')} characters or fewer`;
    if (isAnswer(given.answer)) answers.push({ item: item.id, answer: given.answer, note });
  });
  if (!isGrade(input.grade)) errors.grade = 'Select a grade';

  const followUps: ValidAudit['followUps'] = [];
  input.followUps.slice(0, MAX_FOLLOW_UPS).forEach((f, i) => {
    const n = i + 1;
    const field = followUpField(n);
    const text = f.text.trim();
    if (!text && !f.dueTyped) return;
    if (!text) errors[field.text] = `Enter follow-up action ${n}`;
    else if (text.length > FOLLOW_UP_LIMIT)
      errors[field.text] = `Follow-up action ${n} must be ${FOLLOW_UP_LIMIT} characters or fewer`;
    if (!f.dueTyped || !f.dueOn) errors[field.due] = f.dueError ?? `Enter the date follow-up action ${n} is due`;
    else if (compareDates(f.dueOn, today) < 0)
      errors[field.due] = `The date follow-up action ${n} is due must be today or in the future`;
    if (text && f.dueOn && !errors[field.text] && !errors[field.due])
      followUps.push({ position: n, text, dueOn: f.dueOn });
  });
  if (
    (input.grade === 'requires_improvement' || input.grade === 'inadequate') &&
    !input.followUps.some((f) => f.text.trim() || f.dueTyped) &&
    !errors[followUpField(1).text]
  )
    errors[followUpField(1).text] = 'Enter at least one follow-up action for the worker when the plan is not yet good';

  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return { ok: true, value: { answers, grade: input.grade as JudgementGrade, followUps } };
}

/** How many items of a submission were not met, and partly met: the summary's columns. */
export function countAnswers(answers: readonly { answer: string }[]): Record<AuditAnswer, number> {
  const out = { met: 0, partly: 0, not_met: 0, not_applicable: 0 };
  for (const a of answers) if (isAnswer(a.answer)) out[a.answer] += 1;
  return out;
}
