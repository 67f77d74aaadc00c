// The review as one state machine (issue 4, "The review cycle"):
//   outcomes → planning → drafting → awaiting_signatures → awaiting_approval → approved
// with `returned` (the manager's reason shown to worker and young person) leading back to
// drafting or straight to resubmission. `transition` is pure: the caller passes the actor
// and today's date, and stores what comes back. Permissions on the record itself (own
// caseload, own team) are the services' job; this module checks roles, allocation and state.
import type { StaffRole } from '../permissions.ts';
import { compareDates, isIsoDate, type IsoDate } from '../statutory/dates.ts';
import { areaById, isAreaId, type AreaId, type PlanContext } from './areas.ts';
import {
  areaContentOf,
  hasYoungPersonVoice,
  outcomesFormMissing,
  QUALITY_RATINGS,
  taskList,
  type MissingItem,
  type Participation,
  type PlanContent,
  type QualityRating,
  type Scale,
  type YoungPersonWords,
} from './content.ts';
import { isInvolvementAnswer, type InvolvementAnswer } from './involvement.ts';

export const REVIEW_STATES = [
  'outcomes',
  'planning',
  'drafting',
  'awaiting_signatures',
  'awaiting_approval',
  'returned',
  'approved',
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Words for the state, for staff and for the young person. */
export const REVIEW_STATE_NAMES: Record<ReviewState, { staff: string; youngPerson: string }> = {
  outcomes: { staff: 'Outcomes form', youngPerson: 'Your worker is getting ready' },
  planning: { staff: 'Planning with the young person', youngPerson: 'Have your say' },
  drafting: { staff: 'Writing the plan', youngPerson: 'Your plan is being written' },
  awaiting_signatures: { staff: 'Waiting for signatures', youngPerson: 'Ready for you to read and sign' },
  awaiting_approval: { staff: 'Waiting for a manager to approve', youngPerson: 'Waiting for a manager to check it' },
  returned: { staff: 'Returned by the manager', youngPerson: 'Sent back for changes' },
  approved: { staff: 'Approved', youngPerson: 'Your plan is ready' },
};

export type Actor = { kind: 'young_person'; id: string } | { kind: 'staff'; id: string; role: StaffRole };

/**
 * The young person's side of the sign-off: a signature, or their disagreement in their own words.
 * A signature carries their answer to "How involved did you feel in making this plan?" (issue 10
 * §1e): null when they skipped it; absent on plans signed before the question was asked.
 */
export type YoungPersonSignOff =
  | { kind: 'signed_on_device'; on: IsoDate; involvement?: InvolvementAnswer | null }
  | {
      kind: 'signed_on_paper';
      signedOn: IsoDate;
      recordedBy: string;
      recordedOn: IsoDate;
      involvement?: InvolvementAnswer | null;
    }
  /** `recordedBy`: 'young_person' when they wrote it themselves, else the staff id that typed it from paper. */
  | { kind: 'disagreement'; inTheirWords: string; on: IsoDate; recordedBy: string }
  | { kind: 'not_signed'; reason: string; recordedBy: string; on: IsoDate };

export interface WorkerSignature {
  staffId: string;
  role: StaffRole;
  on: IsoDate;
}

export interface ReturnRecord {
  reason: string;
  by: string;
  on: IsoDate;
  /** When the plan went back to the manager after this return: the reason is answered. */
  resentOn?: IsoDate;
}

export interface Approval {
  by: string;
  on: IsoDate;
  rating: QualityRating;
  feedback: string;
}

export interface Review {
  id: string;
  youngPersonId: string;
  /** Which areas and questions apply: UASC, first plan. */
  context: PlanContext;
  /** The personal adviser and/or social worker allocated to the young person. */
  allocatedStaffIds: readonly string[];
  state: ReviewState;
  startedOn: IsoDate;
  startedBy: string;
  content: PlanContent;
  /** Last day the content changed: a paper signature must not be older than this. */
  contentChangedOn: IsoDate;
  participation: Participation | null;
  /** Staff who wrote or moved the plan on: none of them may approve it. */
  contributors: readonly string[];
  youngPersonSignOff: YoungPersonSignOff | null;
  workerSignature: WorkerSignature | null;
  submittedForSignaturesOn: IsoDate | null;
  submittedForApprovalOn: IsoDate | null;
  /** Every return, oldest first; the last one is shown while the plan is being changed. */
  returns: readonly ReturnRecord[];
  approval: Approval | null;
}

export type ReviewEvent =
  | { type: 'completeOutcomes' }
  | { type: 'completePlanning' }
  | { type: 'editContent'; content: PlanContent }
  | { type: 'writeOwnWords'; areaId: AreaId; words: YoungPersonWords; scale: Scale }
  | { type: 'recordParticipation'; participation: Participation }
  | { type: 'submitForSignatures' }
  | { type: 'signAsYoungPerson'; involvement?: InvolvementAnswer | null }
  | { type: 'recordPaperSignature'; signedOn: IsoDate; involvement?: InvolvementAnswer | null }
  | { type: 'recordDisagreement'; inTheirWords: string }
  | { type: 'recordNotSigned'; reason: string }
  | { type: 'signAsWorker' }
  | { type: 'approve'; rating: QualityRating; feedback: string }
  | { type: 'return'; reason: string }
  | { type: 'resubmit' };
export type ReviewEventType = ReviewEvent['type'];

export const REVIEW_EVENT_TYPES: readonly ReviewEventType[] = [
  'completeOutcomes',
  'completePlanning',
  'editContent',
  'writeOwnWords',
  'recordParticipation',
  'submitForSignatures',
  'signAsYoungPerson',
  'recordPaperSignature',
  'recordDisagreement',
  'recordNotSigned',
  'signAsWorker',
  'approve',
  'return',
  'resubmit',
];

export type RefusalCode =
  | 'not_permitted' // this role may never do this
  | 'not_allocated' // staff, but not the allocated worker
  | 'not_own_plan' // a young person acting on someone else's plan
  | 'wrong_state'
  | 'plan_is_approved'
  | 'self_approval'
  | 'incomplete'
  | 'participation_missing'
  | 'young_person_voice_missing'
  | 'signatures_missing'
  | 'already_signed'
  | 'invalid_input';

export interface Refusal {
  code: RefusalCode;
  /** Plain words, fit to show to the person who tried. */
  reason: string;
  /** What is still to do, for `incomplete`. */
  missing?: MissingItem[];
}

export type TransitionResult = { ok: true; review: Review } | { ok: false; refusal: Refusal };

const refuse = (code: RefusalCode, reason: string, missing?: MissingItem[]): TransitionResult => ({
  ok: false,
  refusal: missing ? { code, reason, missing } : { code, reason },
});
const accept = (review: Review): TransitionResult => ({ ok: true, review });
const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';

// ---------------------------------------------------------------------------
// Who may do what, and when

type Who = 'young_person' | 'worker' | 'manager';

/** Workers: a personal adviser or social worker allocated to the young person. */
const WORKER_ROLES: readonly StaffRole[] = ['personal_adviser', 'social_worker'];
const EDITABLE: readonly ReviewState[] = [
  'outcomes',
  'planning',
  'drafting',
  'awaiting_signatures',
  'awaiting_approval',
  'returned',
];

const RULES: Record<ReviewEventType, { who: readonly Who[]; from: readonly ReviewState[] }> = {
  completeOutcomes: { who: ['worker'], from: ['outcomes'] },
  completePlanning: { who: ['worker'], from: ['planning'] },
  // Editing after signing sends the plan back to drafting and clears both signatures.
  editContent: { who: ['worker'], from: EDITABLE },
  // The young person writes their own words; the worker may type them alongside them.
  writeOwnWords: { who: ['young_person', 'worker'], from: EDITABLE },
  recordParticipation: { who: ['worker'], from: EDITABLE },
  submitForSignatures: { who: ['worker'], from: ['drafting'] },
  signAsYoungPerson: { who: ['young_person'], from: ['awaiting_signatures'] },
  recordPaperSignature: { who: ['worker'], from: ['awaiting_signatures'] },
  // A disagreement written on paper may be typed in by the worker, in the young person's words.
  recordDisagreement: { who: ['young_person', 'worker'], from: ['awaiting_signatures'] },
  recordNotSigned: { who: ['worker'], from: ['awaiting_signatures'] },
  signAsWorker: { who: ['worker'], from: ['awaiting_signatures'] },
  approve: { who: ['manager'], from: ['awaiting_approval'] },
  return: { who: ['manager'], from: ['awaiting_approval'] },
  resubmit: { who: ['worker'], from: ['returned'] },
};

/** Checks role, allocation and ownership; null when the actor may attempt the event. */
function roleRefusal(review: Review, type: ReviewEventType, actor: Actor): Refusal | null {
  const who = RULES[type].who;
  if (actor.kind === 'young_person') {
    if (!who.includes('young_person'))
      return { code: 'not_permitted', reason: 'Your worker or their manager does this part.' };
    if (actor.id !== review.youngPersonId)
      return { code: 'not_own_plan', reason: 'You can only do this on your own plan.' };
    return null;
  }
  if (WORKER_ROLES.includes(actor.role) && who.includes('worker')) {
    return review.allocatedStaffIds.includes(actor.id)
      ? null
      : {
          code: 'not_allocated',
          reason: 'Only the personal adviser or social worker allocated to this young person can do this.',
        };
  }
  if (actor.role === 'team_manager' && who.includes('manager')) return null;
  const needed = who.includes('manager')
    ? 'a team manager'
    : who.includes('worker')
      ? 'the allocated personal adviser or social worker'
      : 'the young person';
  return { code: 'not_permitted', reason: `Only ${needed} can do this.` };
}

function stateRefusal(review: Review, type: ReviewEventType): Refusal | null {
  if (review.state === 'approved')
    return {
      code: 'plan_is_approved',
      reason: 'This plan has been approved and cannot be changed. Start a new review to change it.',
    };
  if (RULES[type].from.includes(review.state)) return null;
  return {
    code: 'wrong_state',
    reason: `This cannot be done while the plan is at “${REVIEW_STATE_NAMES[review.state].staff}”.`,
  };
}

/** The events this actor may try now (role, allocation and state only), for showing buttons. */
export function availableEvents(review: Review, actor: Actor): ReviewEventType[] {
  return REVIEW_EVENT_TYPES.filter(
    (type) =>
      !stateRefusal(review, type) &&
      !roleRefusal(review, type, actor) &&
      !(type === 'approve' && isContributor(review, actor.id)),
  );
}

function isContributor(review: Review, staffId: string): boolean {
  return (
    review.contributors.includes(staffId) || review.workerSignature?.staffId === staffId || review.startedBy === staffId
  );
}

// ---------------------------------------------------------------------------
// Starting a review

export interface StartReviewInput {
  id: string;
  youngPersonId: string;
  context: PlanContext;
  allocatedStaffIds: readonly string[];
  /** Empty for a first plan; `prefillNextReview(previous)` for a review. */
  content: PlanContent;
}

/** A review starts at the outcomes form, begun by an allocated worker. */
export function startReview(input: StartReviewInput, actor: Actor, today: IsoDate): TransitionResult {
  if (actor.kind !== 'staff' || !WORKER_ROLES.includes(actor.role))
    return refuse('not_permitted', 'Only the allocated personal adviser or social worker can start a review.');
  if (!input.allocatedStaffIds.includes(actor.id))
    return refuse(
      'not_allocated',
      'Only the personal adviser or social worker allocated to this young person can start a review.',
    );
  if (!isIsoDate(today)) return refuse('invalid_input', 'Today’s date is not a real date.');
  return accept({
    id: input.id,
    youngPersonId: input.youngPersonId,
    context: input.context,
    allocatedStaffIds: [...input.allocatedStaffIds],
    state: 'outcomes',
    startedOn: today,
    startedBy: actor.id,
    content: input.content,
    contentChangedOn: today,
    participation: null,
    contributors: [actor.id],
    youngPersonSignOff: null,
    workerSignature: null,
    submittedForSignaturesOn: null,
    submittedForApprovalOn: null,
    returns: [],
    approval: null,
  });
}

// ---------------------------------------------------------------------------
// The transition function

export function transition(review: Review, event: ReviewEvent, actor: Actor, today: IsoDate): TransitionResult {
  const blocked = stateRefusal(review, event.type) ?? roleRefusal(review, event.type, actor);
  if (blocked) return { ok: false, refusal: blocked };
  if (!isIsoDate(today)) return refuse('invalid_input', 'Today’s date is not a real date.');
  const byStaff = actor.kind === 'staff';
  // Any staff action that shapes the plan makes that person a contributor, who may not approve it.
  const noted = (r: Review): Review =>
    byStaff && !r.contributors.includes(actor.id) ? { ...r, contributors: [...r.contributors, actor.id] } : r;

  switch (event.type) {
    case 'completeOutcomes': {
      const missing = outcomesFormMissing(review.content, review.context);
      if (missing.length) return refuse('incomplete', 'Complete the outcomes form first.', missing);
      return accept(noted({ ...review, state: 'planning' }));
    }

    case 'completePlanning': {
      // Practice tips: "the voice of the young person must be evident throughout".
      const voiced = Object.values(review.content.areas).some((a) => a && hasYoungPersonVoice(a));
      const didNotTakePart = review.participation?.ways.includes('did_not_take_part') ?? false;
      if (!voiced && !didNotTakePart) {
        return refuse(
          'young_person_voice_missing',
          'Add the young person’s own words or scales in at least one area, or record that they did not take part and why.',
        );
      }
      return accept(noted({ ...review, state: 'drafting' }));
    }

    case 'editContent':
      return accept(noted(withContent(review, event.content, today)));

    case 'writeOwnWords': {
      if (!isAreaId(event.areaId) || !areaById(event.areaId).appliesTo(review.context))
        return refuse('invalid_input', 'This part is not in this plan.');
      if (event.scale !== null && !(Number.isInteger(event.scale) && event.scale >= 0 && event.scale <= 10))
        return refuse('invalid_input', 'Scale must be a number from 0 to 10');
      const area = areaContentOf(review.content, event.areaId);
      const content: PlanContent = {
        ...review.content,
        areas: {
          ...review.content.areas,
          [event.areaId]: { ...area, youngPersonWords: { ...event.words }, youngPersonScale: event.scale },
        },
      };
      const next = withContent(review, content, today);
      return accept(byStaff ? noted(next) : next);
    }

    case 'recordParticipation':
      return accept(noted({ ...review, participation: event.participation }));

    case 'submitForSignatures': {
      if (!participationRecorded(review.participation))
        return refuse(
          'participation_missing',
          'Record how the young person took part before sending the plan for signatures.',
        );
      const missing = taskList(review.content, review.context).flatMap((s) =>
        s.missing.map((m) => ({
          field: m.field,
          message: `${areaById(s.areaId).staffTitle}: ${lowerFirst(m.message)}`,
        })),
      );
      if (missing.length)
        return refuse('incomplete', 'Complete every part of the plan before sending it for signatures.', missing);
      return accept(
        noted({
          ...review,
          state: 'awaiting_signatures',
          submittedForSignaturesOn: today,
          youngPersonSignOff: null,
          workerSignature: null,
        }),
      );
    }

    case 'signAsYoungPerson': {
      if (review.youngPersonSignOff)
        return refuse('already_signed', 'You have already signed or said what you do not agree with.');
      const involvement = event.involvement ?? null;
      if (involvement !== null && !isInvolvementAnswer(involvement))
        return refuse('invalid_input', 'Select one of the answers, or leave the question blank');
      return accept(
        afterSignature({ ...review, youngPersonSignOff: { kind: 'signed_on_device', on: today, involvement } }, today),
      );
    }

    case 'recordPaperSignature': {
      if (review.youngPersonSignOff)
        return refuse('already_signed', 'The young person’s signature or disagreement is already recorded.');
      if (!isIsoDate(event.signedOn)) return refuse('invalid_input', 'Enter a real date');
      if (compareDates(event.signedOn, today) > 0)
        return refuse('invalid_input', 'The date must be today or in the past');
      if (compareDates(event.signedOn, review.contentChangedOn) < 0)
        return refuse(
          'invalid_input',
          'The young person signed before the plan was last changed: ask them to sign this version.',
        );
      const involvement = event.involvement ?? null;
      if (involvement !== null && !isInvolvementAnswer(involvement))
        return refuse('invalid_input', 'Select one of the answers, or leave the question blank');
      return accept(
        afterSignature(
          noted({
            ...review,
            youngPersonSignOff: {
              kind: 'signed_on_paper',
              signedOn: event.signedOn,
              recordedBy: actor.id,
              recordedOn: today,
              involvement,
            },
          }),
          today,
        ),
      );
    }

    case 'recordDisagreement': {
      if (review.youngPersonSignOff)
        return refuse('already_signed', 'A signature or disagreement is already recorded.');
      if (!filled(event.inTheirWords)) return refuse('invalid_input', 'Enter what you do not agree with');
      const recordedBy = actor.kind === 'young_person' ? 'young_person' : actor.id;
      return accept(
        afterSignature(
          {
            ...review,
            youngPersonSignOff: {
              kind: 'disagreement',
              inTheirWords: event.inTheirWords.trim(),
              on: today,
              recordedBy,
            },
          },
          today,
        ),
      );
    }

    case 'recordNotSigned': {
      // Only when the young person did not take part: otherwise they sign or say what they disagree with.
      if (!review.participation?.ways.includes('did_not_take_part'))
        return refuse(
          'invalid_input',
          'The young person took part: record their signature or their disagreement in their words.',
        );
      if (review.youngPersonSignOff)
        return refuse('already_signed', 'The young person’s signature or disagreement is already recorded.');
      if (!filled(event.reason)) return refuse('invalid_input', 'Enter why the young person has not signed');
      return accept(
        afterSignature(
          noted({
            ...review,
            youngPersonSignOff: { kind: 'not_signed', reason: event.reason.trim(), recordedBy: actor.id, on: today },
          }),
          today,
        ),
      );
    }

    case 'signAsWorker':
      if (review.workerSignature) return refuse('already_signed', 'The worker has already signed this plan.');
      if (actor.kind !== 'staff')
        return refuse('not_permitted', 'Only the allocated personal adviser or social worker can do this.');
      return accept(
        afterSignature(
          noted({ ...review, workerSignature: { staffId: actor.id, role: actor.role, on: today } }),
          today,
        ),
      );

    case 'approve': {
      if (isContributor(review, actor.id))
        return refuse('self_approval', 'You cannot approve a plan you wrote or signed. Ask another team manager.');
      if (!review.youngPersonSignOff || !review.workerSignature)
        return refuse('signatures_missing', 'The plan needs both signatures before it can be approved.');
      if (!QUALITY_RATINGS.includes(event.rating)) return refuse('invalid_input', 'Select a quality rating');
      if (!filled(event.feedback)) return refuse('invalid_input', 'Enter feedback for the worker');
      return accept({
        ...review,
        state: 'approved',
        approval: { by: actor.id, on: today, rating: event.rating, feedback: event.feedback.trim() },
      });
    }

    case 'return':
      if (!filled(event.reason)) return refuse('invalid_input', 'Enter why you are returning the plan');
      return accept({
        ...review,
        state: 'returned',
        returns: [...review.returns, { reason: event.reason.trim(), by: actor.id, on: today }],
      });

    case 'resubmit':
      // Unchanged since it was signed: straight back to the manager. Changed plans go through drafting and signatures again.
      if (!review.youngPersonSignOff || !review.workerSignature)
        return refuse('signatures_missing', 'The plan needs both signatures before it goes back to the manager.');
      if (!participationRecorded(review.participation))
        return refuse('participation_missing', 'Record how the young person took part.');
      return accept(noted(resent({ ...review, state: 'awaiting_approval', submittedForApprovalOn: today }, today)));
  }
}

/** Back with the manager: the last return has been answered. */
function resent(review: Review, today: IsoDate): Review {
  const last = review.returns.at(-1);
  if (!last || last.resentOn) return review;
  return { ...review, returns: [...review.returns.slice(0, -1), { ...last, resentOn: today }] };
}

/** New content: unchanged content changes nothing; changed content after signing clears both signatures. */
function withContent(review: Review, content: PlanContent, today: IsoDate): Review {
  if (sameJson(review.content, content)) return review;
  const signedOrSubmitted = ['awaiting_signatures', 'awaiting_approval', 'returned'].includes(review.state);
  return {
    ...review,
    content,
    contentChangedOn: today,
    ...(signedOrSubmitted
      ? {
          state: 'drafting' as const,
          youngPersonSignOff: null,
          workerSignature: null,
          submittedForSignaturesOn: null,
          submittedForApprovalOn: null,
        }
      : {}),
  };
}

/** Both sides have signed (or the young person recorded their disagreement): on to the manager. */
function afterSignature(review: Review, today: IsoDate): Review {
  return review.youngPersonSignOff && review.workerSignature
    ? resent({ ...review, state: 'awaiting_approval', submittedForApprovalOn: today }, today)
    : review;
}

export function participationRecorded(p: Participation | null): boolean {
  if (!p || p.ways.length === 0) return false;
  if (p.ways.includes('did_not_take_part'))
    return p.ways.length === 1 && filled(p.didNotTakePartReason) && filled(p.othersConsulted);
  return true;
}

/** The reason the plan was last returned, shown to the worker and the young person while it is being changed. */
export function currentReturnReason(review: Pick<Review, 'state' | 'returns'>): ReturnRecord | null {
  if (review.state === 'approved' || review.returns.length === 0) return null;
  if (review.state === 'awaiting_approval') return null;
  const last = review.returns[review.returns.length - 1];
  return last.resentOn ? null : last;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Key-order-insensitive equality of plain JSON data (content arrives from forms and the database). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ak.length === bk.length &&
    ak.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
