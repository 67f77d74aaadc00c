// Issue 10 §1e: at signing the young person may answer "How involved did you feel in making this
// plan?" on the Bright Spots scale; skipping it is recorded as not answered, any other value refused.
import { describe, expect, it } from 'vitest';
import {
  INVOLVEMENT_ANSWERS,
  involvementSchema,
  transition,
  type InvolvementAnswer,
  type ReviewEvent,
} from '../../../src/domain/plan/index.ts';
import { adviser, reviewIn, TODAY, youngPerson } from './builders.ts';

describe('issue 10 §1e: the involvement answer is stored with the signature', () => {
  it.each<[string, ReviewEvent, 'young_person' | 'worker', InvolvementAnswer | null]>([
    [
      'signed on their device, answered',
      { type: 'signAsYoungPerson', involvement: 'sometimes' },
      'young_person',
      'sometimes',
    ],
    ['signed on their device, skipped: not answered', { type: 'signAsYoungPerson' }, 'young_person', null],
    [
      'signed on paper, the answer they gave on paper',
      { type: 'recordPaperSignature', signedOn: TODAY, involvement: 'dont_know' },
      'worker',
      'dont_know',
    ],
    [
      'signed on paper, no answer',
      { type: 'recordPaperSignature', signedOn: TODAY, involvement: null },
      'worker',
      null,
    ],
  ])('%s', (_rule, event, who, stored) => {
    const result = transition(reviewIn('awaiting_signatures'), event, who === 'worker' ? adviser : youngPerson, TODAY);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.review.youngPersonSignOff).toMatchObject({ involvement: stored });
  });

  it.each<[string, ReviewEvent]>([
    ['on their device', { type: 'signAsYoungPerson', involvement: 'always' as InvolvementAnswer }],
    ['on paper', { type: 'recordPaperSignature', signedOn: TODAY, involvement: 'never' as InvolvementAnswer }],
  ])('refuses a value off the scale, signed %s, and records no signature', (_how, event) => {
    const review = reviewIn('awaiting_signatures');
    const result = transition(review, event, event.type === 'signAsYoungPerson' ? youngPerson : adviser, TODAY);
    expect(result.ok ? 'accepted' : result.refusal.code).toBe('invalid_input');
  });
});

describe('issue 10 §1e: the form value — blank is not answered, one of four, nothing else', () => {
  it.each<[string, unknown, InvolvementAnswer | null | 'error']>([
    ...INVOLVEMENT_ANSWERS.map((a): [string, unknown, InvolvementAnswer] => [a, a, a]),
    ['blank', '', null],
    ['missing', undefined, null],
    ['a word off the scale', 'always', 'error'],
    ['a list', ['sometimes'], 'error'],
  ])('%s', (_what, value, expected) => {
    const parsed = involvementSchema.safeParse(value);
    expect(parsed.success ? parsed.data : 'error').toBe(expected);
  });
});
