// Synthetic pathway plans for the demo council, driven through the real review state machine:
// approved plans for those who have one, and reviews in progress in every state.
import {
  applicableAreas, applicableConsiderations, approvedVersion, startReview, transition, IMMIGRATION_OUTCOME_IDS, SUITABILITY_CHECK_IDS,
  type Actor, type AreaContent, type PlanContent, type PlanContext, type PlanVersion, type Review, type ReviewEvent,
} from '../domain/plan/index.ts';
import type { Random } from './random.ts';

const GOING_WELL = ['I like my college course.', 'I get on with my aunt.', 'I have started boxing on Tuesdays.', 'My flat feels like home now.', 'I am saving a bit each week.', 'I see my little brother every month.'];
const WORRIES = ['I worry about money at the end of the month.', 'I do not sleep well.', 'I am scared of living on my own.', 'I worry my course is too hard.', 'I get lonely at weekends.', 'I am waiting to hear about my visa.'];
const WANTS = ['I want to get my own flat.', 'I want to pass my driving test.', 'I want a job in a garage.', 'I want to see my mum more.', 'I want to learn to cook properly.', 'I want to go to university.'];
const GOALS = ['Keep going to college and finish the year.', 'Move into my own tenancy.', 'Find part-time work.', 'Register with a dentist and a doctor.', 'Build a weekly budget that works.', 'Stay in touch with family safely.'];
const ACTIONS: [what: string, how: string, helps: string][] = [
  ['Apply for the setting-up-home allowance', 'Fill in the form together at the next visit', 'I can buy what I need for the flat'],
  ['Register with a GP near the flat', 'Go to the surgery with my adviser', 'I can see a doctor when I need to'],
  ['Open a bank account', 'Take my ID to the bank on the high street', 'My money is safe and I can budget'],
  ['Go to the college open day', 'Adviser books the place and travel', 'I can choose my next course'],
  ['Join the Thursday cooking group', 'Youth worker introduces me', 'I learn to cook cheap meals'],
  ['Meet the housing officer about a tenancy', 'Adviser arranges the meeting', 'I know my options for moving on'],
];

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function syntheticContent(rng: Random, context: PlanContext, today: string, idFor: () => string): PlanContent {
  const areas: PlanContent['areas'] = {};
  for (const def of applicableAreas(context)) {
    if (def.id === 'contingency') continue;
    const [what, how, helps] = rng.pick(ACTIONS);
    const area: AreaContent = {
      youngPersonWords: { goingWell: rng.chance(0.8) ? rng.pick(GOING_WELL) : '', worries: rng.chance(0.7) ? rng.pick(WORRIES) : '', wants: rng.pick(WANTS) },
      youngPersonScale: rng.int(2, 10),
      workerScale: rng.int(2, 10),
      scaleNotGivenReason: '',
      assessmentOfNeed: `Needs some help with ${def.staffTitle.toLowerCase()}; making progress.`,
      progressSinceLastReview: context.firstPlan ? '' : 'Steady progress since the last review.',
      goal: rng.pick(GOALS),
      actions: [{ id: idFor(), what, who: { kind: rng.chance(0.5) ? 'young_person' : 'adviser' }, how, byWhen: addDays(today, rng.int(30, 160)), howItHelps: helps, status: 'not_started' }],
      noActionsNeeded: false,
      noActionsReason: '',
    };
    areas[def.id] = area;
  }
  return {
    areas,
    supportNetwork: [{ id: idFor(), name: 'Aunt Jo', relationship: 'Aunt', roleInPlan: 'Sunday dinners, and somewhere to stay in a crisis' }],
    financialArrangements: 'Allowance paid weekly; rent paid by the council until the tenancy starts.',
    contingency: {
      triggers: ['Losing my home', 'Leaving college'],
      actions: [{ id: idFor(), circumstance: 'Losing my home', what: 'Emergency place at the supported lodgings scheme', who: { kind: 'adviser' }, how: 'Adviser phones the housing team', howSoon: 'The same day' }],
    },
    accommodationSuitability: Object.fromEntries(SUITABILITY_CHECK_IDS.map((id) => [id, { answer: 'yes', note: '' }])),
    immigrationOutcomes: context.uasc ? Object.fromEntries(IMMIGRATION_OUTCOME_IDS.map((id) => [id, 'Solicitor appointed; support carries on whatever the decision.'])) : {},
    needsAssessmentConsiderations: context.firstPlan ? Object.fromEntries(applicableConsiderations(context).map((c) => [c.id, 'Talked through with them and their carer.'])) : {},
  };
}

export type PlanStage = 'outcomes' | 'planning' | 'drafting' | 'awaiting_signatures' | 'awaiting_approval' | 'returned' | 'approved';

/** A review driven to a stage through the real transitions (throws if the machine refuses a step). */
export function reviewAt(props: { id: string; youngPersonId: string; context: PlanContext; adviserId: string; managerId: string; content: PlanContent; stage: PlanStage; on: string }): Review {
  const adviser: Actor = { kind: 'staff', id: props.adviserId, role: 'personal_adviser' };
  const yp: Actor = { kind: 'young_person', id: props.youngPersonId };
  const manager: Actor = { kind: 'staff', id: props.managerId, role: 'team_manager' };
  const started = startReview({ id: props.id, youngPersonId: props.youngPersonId, context: props.context, allocatedStaffIds: [props.adviserId], content: props.content }, adviser, props.on);
  if (!started.ok) throw new Error(started.refusal.reason);
  const order: PlanStage[] = ['outcomes', 'planning', 'drafting', 'awaiting_signatures', 'awaiting_approval'];
  const upTo = props.stage === 'returned' || props.stage === 'approved' ? 4 : order.indexOf(props.stage);
  const steps: [ReviewEvent, Actor][] = [];
  if (upTo >= 1) steps.push([{ type: 'completeOutcomes' }, adviser]);
  if (upTo >= 2) steps.push([{ type: 'recordParticipation', participation: { ways: ['in_person'], didNotTakePartReason: '', othersConsulted: '' } }, adviser], [{ type: 'completePlanning' }, adviser]);
  if (upTo >= 3) steps.push([{ type: 'submitForSignatures' }, adviser]);
  if (upTo >= 4) steps.push([{ type: 'signAsYoungPerson' }, yp], [{ type: 'signAsWorker' }, adviser]);
  if (props.stage === 'returned') steps.push([{ type: 'return', reason: 'Please add dates to the health actions.' }, manager]);
  if (props.stage === 'approved') steps.push([{ type: 'approve', rating: 'good', feedback: 'Clear, and in their own words.' }, manager]);
  let review = started.review;
  for (const [event, actor] of steps) {
    const next = transition(review, event, actor, props.on);
    if (!next.ok) throw new Error(`${event.type}: ${next.refusal.reason}`);
    review = next.review;
  }
  return review;
}

export const approvedOf = (review: Review, version: number): PlanVersion => approvedVersion(review, version)!;
