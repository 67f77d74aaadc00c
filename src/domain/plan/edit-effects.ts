// Changing a plan's content after it was sent for signatures takes it back to drafting and clears both
// signatures (review-machine.ts, withContent). People are told before they change it and after.
import type { Review } from './review-machine.ts';

export type EditEffects = {
  /** The plan goes back to being written and must be sent for signatures again. */
  backToWriting: boolean;
  /** Who had signed (or said what they do not agree with) and will need to again. */
  signaturesTakenOff: ('young_person' | 'worker')[];
  /** It was waiting for a manager to approve, and is no longer. */
  leavesApprovalQueue: boolean;
};

const AFTER_SENDING: readonly Review['state'][] = ['awaiting_signatures', 'awaiting_approval', 'returned'];

/** What changing the content would undo now: for the warning on the page before anyone edits. */
export function editWouldUndo(review: Pick<Review, 'state' | 'youngPersonSignOff' | 'workerSignature'>): EditEffects {
  const after = AFTER_SENDING.includes(review.state);
  return {
    backToWriting: after,
    signaturesTakenOff: after
      ? [
          ...(review.youngPersonSignOff ? ['young_person' as const] : []),
          ...(review.workerSignature ? ['worker' as const] : []),
        ]
      : [],
    leavesApprovalQueue: review.state === 'awaiting_approval',
  };
}

/** What a save did undo, comparing the review before and after: for the message after saving. */
export function editUndid(before: Review, after: Review): EditEffects {
  const would = editWouldUndo(before);
  const nothing: EditEffects = { backToWriting: false, signaturesTakenOff: [], leavesApprovalQueue: false };
  return after.state === 'drafting' && would.backToWriting ? would : nothing;
}
