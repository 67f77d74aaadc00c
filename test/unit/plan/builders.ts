// Test data builders for the plan domain: a complete plan, an area, an action, actors,
// and a review driven to any state through the real transitions.
import {
  emptyAdultServices,
  applicableAreas,
  applicableConsiderations,
  IMMIGRATION_OUTCOME_IDS,
  SUITABILITY_CHECK_IDS,
  startReview,
  transition,
  type Actor,
  type AreaContent,
  type Participation,
  type PlanContent,
  type PlanContext,
  type Review,
  type ReviewEvent,
  type SmartAction,
} from '../../../src/domain/plan/index.ts';

export const TODAY = '2026-06-01';
export const FIRST: PlanContext = { uasc: false, firstPlan: true };
export const REVIEW: PlanContext = { uasc: false, firstPlan: false };
export const UASC_REVIEW: PlanContext = { uasc: true, firstPlan: false };

export const youngPerson: Actor = { kind: 'young_person', id: 'yp-1' };
export const otherYoungPerson: Actor = { kind: 'young_person', id: 'yp-2' };
export const adviser: Actor = { kind: 'staff', id: 'pa-1', role: 'personal_adviser' };
export const socialWorker: Actor = { kind: 'staff', id: 'sw-1', role: 'social_worker' };
export const unallocatedAdviser: Actor = { kind: 'staff', id: 'pa-9', role: 'personal_adviser' };
export const manager: Actor = { kind: 'staff', id: 'tm-1', role: 'team_manager' };
export const iro: Actor = { kind: 'staff', id: 'iro-1', role: 'independent_reviewing_officer' };
export const serviceManager: Actor = { kind: 'staff', id: 'sm-1', role: 'service_manager' };
export const admin: Actor = { kind: 'staff', id: 'ad-1', role: 'council_admin' };

let counter = 0;
export function action(over: Partial<SmartAction> = {}): SmartAction {
  counter++;
  return {
    id: `act-${counter}`,
    what: 'Register with a doctor near the new flat',
    who: { kind: 'young_person' },
    how: 'Go to the surgery on Mill Street with my personal adviser',
    byWhen: '2026-09-01',
    howItHelps: 'I can get help when I am ill',
    status: 'not_started',
    ...over,
  };
}

export function completeArea(over: Partial<AreaContent> = {}): AreaContent {
  return {
    youngPersonWords: {
      goingWell: 'I like my college course.',
      worries: 'I worry about money.',
      wants: 'I want my own flat.',
    },
    youngPersonScale: 6,
    workerScale: 5,
    scaleNotGivenReason: '',
    assessmentOfNeed: 'Settled, attends college, needs help with budgeting.',
    progressSinceLastReview: 'Started college in September.',
    goal: 'To finish the first year of college.',
    actions: [action()],
    noActionsNeeded: false,
    noActionsReason: '',
    ...over,
  };
}

export function completePlan(context: PlanContext = REVIEW): PlanContent {
  const areas: PlanContent['areas'] = {};
  for (const def of applicableAreas(context)) if (def.id !== 'contingency') areas[def.id] = completeArea();
  return {
    areas,
    supportNetwork: [
      {
        id: 'p-1',
        name: 'Sam Jones',
        relationship: 'Personal adviser',
        roleInPlan: 'Sees me every two weeks and helps with money',
      },
    ],
    financialArrangements: 'Council pays rent directly; £60 a week allowance until Universal Credit starts.',
    adultServices: emptyAdultServices(),
    contingency: {
      triggers: ['I lose my flat'],
      actions: [
        {
          id: 'c-1',
          circumstance: 'I lose my flat',
          what: 'Emergency place at the supported lodgings on Park Road',
          who: { kind: 'adviser' },
          how: 'Personal adviser phones the housing team',
          howSoon: 'The same day',
        },
      ],
    },
    accommodationSuitability: Object.fromEntries(SUITABILITY_CHECK_IDS.map((id) => [id, { answer: 'yes', note: '' }])),
    immigrationOutcomes: context.uasc
      ? Object.fromEntries(IMMIGRATION_OUTCOME_IDS.map((id) => [id, 'Solicitor appointed; support continues.']))
      : {},
    needsAssessmentConsiderations: context.firstPlan
      ? Object.fromEntries(applicableConsiderations(context).map((c) => [c.id, 'Considered with the young person.']))
      : {},
  };
}

export const inPerson: Participation = { ways: ['in_person'], didNotTakePartReason: '', othersConsulted: '' };
export const didNotTakePart: Participation = {
  ways: ['did_not_take_part'],
  didNotTakePartReason: 'In hospital',
  othersConsulted: 'Ward nurse and foster carer',
};

/** Apply events in order; throws on the first refusal (so a builder can't silently stop early). */
export function drive(review: Review, steps: [ReviewEvent, Actor][], today = TODAY): Review {
  let r = review;
  for (const [event, actor] of steps) {
    const result = transition(r, event, actor, today);
    if (!result.ok) throw new Error(`${event.type} refused: ${result.refusal.code} — ${result.refusal.reason}`);
    r = result.review;
  }
  return r;
}

export function started(context: PlanContext = REVIEW, content: PlanContent = completePlan(context)): Review {
  const result = startReview(
    { id: 'rev-1', youngPersonId: 'yp-1', context, allocatedStaffIds: ['pa-1', 'sw-1'], content },
    adviser,
    TODAY,
  );
  if (!result.ok) throw new Error(result.refusal.reason);
  return result.review;
}

type Stage =
  | 'outcomes'
  | 'planning'
  | 'drafting'
  | 'awaiting_signatures'
  | 'awaiting_approval'
  | 'returned'
  | 'approved';

/** A review with complete content, driven by the allocated adviser to the given state. */
export function reviewIn(stage: Stage, context: PlanContext = REVIEW): Review {
  const steps: [ReviewEvent, Actor][] = [];
  const order: Stage[] = ['outcomes', 'planning', 'drafting', 'awaiting_signatures', 'awaiting_approval'];
  const upTo = stage === 'returned' || stage === 'approved' ? 4 : order.indexOf(stage);
  if (upTo >= 1) steps.push([{ type: 'completeOutcomes' }, adviser]);
  if (upTo >= 2)
    steps.push(
      [{ type: 'recordParticipation', participation: inPerson }, adviser],
      [{ type: 'completePlanning' }, adviser],
    );
  if (upTo >= 3) steps.push([{ type: 'submitForSignatures' }, adviser]);
  if (upTo >= 4) steps.push([{ type: 'signAsYoungPerson' }, youngPerson], [{ type: 'signAsWorker' }, adviser]);
  if (stage === 'returned') steps.push([{ type: 'return', reason: 'The health actions need dates.' }, manager]);
  if (stage === 'approved')
    steps.push([{ type: 'approve', rating: 'good', feedback: 'Clear and in the young person’s words.' }, manager]);
  return drive(started(context), steps);
}
