// "How involved did you feel in making this plan?" — asked of the young person when they sign
// (issue 10 §1e), on the Bright Spots scale (Coram Voice / Rees Centre, "Your Life Beyond Care"),
// so the council's figures sit beside the national survey's. Optional: a young person may skip it.
import { z } from 'zod';

export const INVOLVEMENT_QUESTION = 'How involved did you feel in making this plan?';

export const INVOLVEMENT_ANSWERS = ['all_or_most', 'sometimes', 'hardly_ever_or_never', 'dont_know'] as const;
export type InvolvementAnswer = (typeof INVOLVEMENT_ANSWERS)[number];

/** The scale's own words, as the survey asks them. */
export const INVOLVEMENT_ANSWER_NAMES: Record<InvolvementAnswer, string> = {
  all_or_most: 'All or most of the time',
  sometimes: 'Sometimes',
  hardly_ever_or_never: 'Hardly ever or never',
  dont_know: 'I don’t know',
};

export const INVOLVEMENT_NOT_ANSWERED = 'Not answered';

export const INVOLVEMENT_ERROR = 'Select one of the answers, or leave the question blank';

/** The form's value: blank or missing is "not answered" (null); anything else must be one of the four. */
export const involvementSchema = z
  .union([z.literal(''), z.enum(INVOLVEMENT_ANSWERS)], { error: INVOLVEMENT_ERROR })
  .optional()
  .transform((v): InvolvementAnswer | null => (v ? v : null));

export function isInvolvementAnswer(value: unknown): value is InvolvementAnswer {
  return typeof value === 'string' && (INVOLVEMENT_ANSWERS as readonly string[]).includes(value);
}
