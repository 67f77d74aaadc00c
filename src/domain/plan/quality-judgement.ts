// A quality judgement of an approved plan (issue 10, part 3): the Ofsted grade, what is good, what must
// improve, and up to three actions for the worker with a due date. Pure: today's date is passed in.
import { compareDates, type IsoDate } from '../statutory/dates.ts';
import { QUALITY_RATINGS, type QualityRating } from './content.ts';

/** The Ofsted scale, in the words Ofsted uses (Social care common inspection framework). */
export const JUDGEMENT_GRADES = QUALITY_RATINGS;
export type JudgementGrade = QualityRating;
export const JUDGEMENT_GRADE_NAMES: Record<JudgementGrade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement to be good',
  inadequate: 'Inadequate',
};

export const MAX_QUALITY_ACTIONS = 3;
export const JUDGEMENT_TEXT_LIMIT = 4000;
export const ACTION_TEXT_LIMIT = 500;

/** One action row of the form as typed; the date already read from its GOV.UK date input. */
export type ActionInput = {
  text: string;
  workerId: string;
  /** The due date when it is a real date; `dueError` says what is wrong otherwise. */
  dueOn: IsoDate | null;
  dueError: string | null;
  /** Whether any part of the date was typed. */
  dueTyped: boolean;
};

export type JudgementInput = {
  grade: string;
  whatIsGood: string;
  whatMustImprove: string;
  actions: ActionInput[];
};

export type ValidJudgement = {
  grade: JudgementGrade;
  whatIsGood: string;
  whatMustImprove: string;
  actions: { position: number; text: string; workerId: string; dueOn: IsoDate }[];
};

/** Field ids of action n (1-based), as the form and its error summary name them. */
export const actionField = (n: number) => ({
  text: `action${n}Text`,
  worker: `action${n}Worker`,
  due: `action${n}Due`,
});

const isGrade = (v: string): v is JudgementGrade => (JUDGEMENT_GRADES as readonly string[]).includes(v);

/**
 * Checks a judgement. An action row left empty is ignored. A plan that requires improvement or is
 * inadequate needs at least one action (otherwise nothing follows from the judgement). A due date
 * must be today or later: an action set already overdue is a mistake.
 */
export function checkJudgement(
  input: JudgementInput,
  workerIds: readonly string[],
  today: IsoDate,
): { ok: true; value: ValidJudgement } | { ok: false; fieldErrors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const whatIsGood = input.whatIsGood.trim();
  const whatMustImprove = input.whatMustImprove.trim();
  if (!isGrade(input.grade)) errors.grade = 'Select a grade';
  if (!whatIsGood) errors.whatIsGood = 'Enter what is good about the plan';
  else if (whatIsGood.length > JUDGEMENT_TEXT_LIMIT)
    errors.whatIsGood = `What is good must be ${JUDGEMENT_TEXT_LIMIT.toLocaleString('en-GB')} characters or fewer`;
  if (!whatMustImprove) errors.whatMustImprove = 'Enter what must improve';
  else if (whatMustImprove.length > JUDGEMENT_TEXT_LIMIT)
    errors.whatMustImprove = `What must improve must be ${JUDGEMENT_TEXT_LIMIT.toLocaleString('en-GB')} characters or fewer`;

  const actions: ValidJudgement['actions'] = [];
  input.actions.slice(0, MAX_QUALITY_ACTIONS).forEach((action, i) => {
    const n = i + 1;
    const f = actionField(n);
    const text = action.text.trim();
    if (!text && !action.dueTyped) return;
    if (!text) errors[f.text] = `Enter action ${n}`;
    else if (text.length > ACTION_TEXT_LIMIT)
      errors[f.text] = `Action ${n} must be ${ACTION_TEXT_LIMIT} characters or fewer`;
    if (!workerIds.includes(action.workerId)) errors[f.worker] = `Select who action ${n} is for`;
    if (!action.dueTyped) errors[f.due] = `Enter the date action ${n} is due`;
    else if (action.dueError || !action.dueOn) errors[f.due] = action.dueError ?? `Enter the date action ${n} is due`;
    else if (compareDates(action.dueOn, today) < 0)
      errors[f.due] = `The date action ${n} is due must be today or in the future`;
    if (text && action.dueOn && !errors[f.due] && !errors[f.worker] && !errors[f.text])
      actions.push({ position: n, text, workerId: action.workerId, dueOn: action.dueOn });
  });
  if (
    isGrade(input.grade) &&
    (input.grade === 'requires_improvement' || input.grade === 'inadequate') &&
    !input.actions.some((a) => a.text.trim() || a.dueTyped)
  ) {
    errors[actionField(1).text] = 'Enter at least one action for the worker when the plan is not yet good';
  }
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return { ok: true, value: { grade: input.grade as JudgementGrade, whatIsGood, whatMustImprove, actions } };
}

/** An open action is overdue the day after its due date. */
export function isOverdue(action: { dueOn: IsoDate; doneAt: Date | null }, today: IsoDate): boolean {
  return action.doneAt === null && compareDates(action.dueOn, today) < 0;
}
