// Changing a plan after it was sent for signatures: what people are warned of before, and told after
// (issue 8, item 3). The rule itself is the review machine's (editing after signing clears both signatures).
import { describe, expect, it } from 'vitest';
import { editUndid, editWouldUndo, transition, type Review } from '../../../src/domain/plan/index.ts';
import { adviser, reviewIn, TODAY, youngPerson } from './builders.ts';

const signedByYoungPerson = (): Review => {
  const r = transition(reviewIn('drafting'), { type: 'submitForSignatures' }, adviser, TODAY);
  if (!r.ok) throw new Error(r.refusal.reason);
  const s = transition(r.review, { type: 'signAsYoungPerson' }, youngPerson, TODAY);
  if (!s.ok) throw new Error(s.refusal.reason);
  return s.review;
};
const edited = (review: Review) => {
  const r = transition(
    review,
    {
      type: 'editContent',
      content: { ...review.content, financialArrangements: `${review.content.financialArrangements} (changed)` },
    },
    adviser,
    TODAY,
  );
  if (!r.ok) throw new Error(r.refusal.reason);
  return r.review;
};

describe('editWouldUndo: the warning before an edit', () => {
  it.each([
    [
      'planning',
      () => reviewIn('planning'),
      { backToWriting: false, signaturesTakenOff: [], leavesApprovalQueue: false },
    ],
    [
      'drafting',
      () => reviewIn('drafting'),
      { backToWriting: false, signaturesTakenOff: [], leavesApprovalQueue: false },
    ],
    [
      'signed by the young person only',
      signedByYoungPerson,
      { backToWriting: true, signaturesTakenOff: ['young_person'], leavesApprovalQueue: false },
    ],
    [
      'waiting for the manager',
      () => reviewIn('awaiting_approval'),
      { backToWriting: true, signaturesTakenOff: ['young_person', 'worker'], leavesApprovalQueue: true },
    ],
    [
      'returned by the manager',
      () => reviewIn('returned'),
      { backToWriting: true, signaturesTakenOff: ['young_person', 'worker'], leavesApprovalQueue: false },
    ],
  ] as const)('%s', (_name, review, expected) => {
    expect(editWouldUndo(review())).toEqual(expected);
  });
});

describe('editUndid: what an edit did, for the message after saving', () => {
  it('an edit while waiting for the manager took both signatures off and left the queue', () => {
    const before = reviewIn('awaiting_approval');
    const after = edited(before);
    expect(after.state).toBe('drafting');
    expect(editUndid(before, after)).toEqual({
      backToWriting: true,
      signaturesTakenOff: ['young_person', 'worker'],
      leavesApprovalQueue: true,
    });
  });
  it('a save that changed nothing undid nothing', () => {
    const before = reviewIn('awaiting_approval');
    expect(editUndid(before, before)).toEqual({
      backToWriting: false,
      signaturesTakenOff: [],
      leavesApprovalQueue: false,
    });
  });
  it('an edit while the plan is being written undid nothing', () => {
    const before = reviewIn('drafting');
    expect(editUndid(before, edited(before))).toEqual({
      backToWriting: false,
      signaturesTakenOff: [],
      leavesApprovalQueue: false,
    });
  });
});
