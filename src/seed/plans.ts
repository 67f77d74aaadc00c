// Synthetic pathway plans for the demo council, driven through the real review state machine:
// approved plans for those who have one, and reviews in progress in every state.
import {
  emptyAdultServices,
  applicableAreas,
  applicableConsiderations,
  approvedVersion,
  startReview,
  transition,
  IMMIGRATION_OUTCOME_IDS,
  SUITABILITY_CHECK_IDS,
  type Actor,
  type AreaContent,
  type AreaId,
  type InvolvementAnswer,
  type PlanContent,
  type PlanContext,
  type PlanVersion,
  type Review,
  type ReviewEvent,
} from '../domain/plan/index.ts';
import type { Random } from './random.ts';

/** What a young person and their adviser would write about one part of the plan. */
type AreaWords = {
  goingWell: string[];
  worries: string[];
  wants: string[];
  goals: string[];
  actions: [what: string, how: string, helps: string][];
};

/**
 * Words for each part of the plan, so an action sits in the part it belongs to (a GP under health,
 * a bank account under money). Checked over a whole generated council by test/unit/generator.test.ts.
 */
export const AREA_WORDS: Record<Exclude<AreaId, 'contingency'>, AreaWords> = {
  'contact-and-support': {
    goingWell: ['I can phone my adviser when I need to.', 'My mentor meets me every fortnight.'],
    worries: ['I do not always know who to call.', 'I worry my adviser will change again.'],
    wants: ['I want someone to talk to at weekends.', 'I want to meet my adviser somewhere quieter.'],
    goals: ['Know who to call for help, day or night.', 'Keep in touch with my adviser every month.'],
    actions: [
      [
        'Save the out-of-hours number in my phone',
        'Adviser gives me the number at the next visit',
        'I know who to call at night',
      ],
      ['Meet my new mentor', 'Adviser introduces us at the youth centre', 'I have someone to talk to'],
    ],
  },
  'education-and-training': {
    goingWell: ['I like my college course.', 'I passed my English resit.'],
    worries: ['I worry my course is too hard.', 'I find it hard to get to college on time.'],
    wants: ['I want to go to university.', 'I want to start an apprenticeship.'],
    goals: ['Keep going to college and finish the year.', 'Choose a course for next September.'],
    actions: [
      ['Go to the college open day', 'Adviser books the place and travel', 'I can choose my next course'],
      ['Apply for the college bursary', 'Fill in the form with my tutor', 'I can pay for books and travel'],
    ],
  },
  'employment-and-activity': {
    goingWell: ['I have started boxing on Tuesdays.', 'I volunteer at the food bank.'],
    worries: ['I do not know how to write a CV.', 'I am nervous about interviews.'],
    wants: ['I want a job in a garage.', 'I want a Saturday job.'],
    goals: ['Find part-time work.', 'Keep going to boxing every week.'],
    actions: [
      ['Write a CV', 'Work on it with the employment coach', 'I can apply for jobs'],
      ['Go to the jobs fair at the town hall', 'Adviser goes with me', 'I meet employers who are hiring'],
    ],
  },
  accommodation: {
    goingWell: ['My flat feels like home now.', 'I get on with my landlady.'],
    worries: ['I am scared of living on my own.', 'The heating in my room does not work.'],
    wants: ['I want to get my own flat.', 'I want to stay put with my carers until I am 21.'],
    goals: ['Move into my own tenancy.', 'Keep my tenancy going.'],
    actions: [
      ['Meet the housing officer about a tenancy', 'Adviser arranges the meeting', 'I know my options for moving on'],
      ['Report the broken heating to the landlord', 'Adviser helps me write the email', 'My room is warm'],
    ],
  },
  'family-and-relationships': {
    goingWell: ['I get on with my aunt.', 'I see my little brother every month.'],
    worries: ['I worry about my mum.', 'I get lonely at weekends.'],
    wants: ['I want to see my mum more.', 'I want to meet my sister more often.'],
    goals: ['Stay in touch with family safely.', 'See my brother every month.'],
    actions: [
      [
        'Arrange a monthly visit to my brother',
        'Social worker agrees dates with his carers',
        'I keep in touch with him',
      ],
      [
        'Talk about family time at the next visit',
        'Adviser makes time for it',
        'I see my family in a way that feels safe',
      ],
    ],
  },
  'independent-living-skills': {
    goingWell: ['I can cook a few meals now.', 'I do my own washing.'],
    worries: ['I do not know how to cook properly.', 'I forget to do my shopping.'],
    wants: ['I want to learn to cook properly.', 'I want to pass my driving test.'],
    goals: ['Cook for myself most days.', 'Learn to get around on my own.'],
    actions: [
      ['Join the Thursday cooking group', 'Youth worker introduces me', 'I learn to cook cheap meals'],
      ['Plan a week of shopping', 'Practise with my keyworker', 'I can look after myself'],
    ],
  },
  'financial-support': {
    goingWell: ['I am saving a bit each week.', 'I paid my phone bill on time.'],
    worries: ['I worry about money at the end of the month.', 'I have some debt on my phone.'],
    wants: ['I want to save for a deposit.', 'I want to understand my benefits.'],
    goals: ['Build a weekly budget that works.', 'Save something every week.'],
    actions: [
      ['Open a bank account', 'Take my ID to the bank on the high street', 'My money is safe and I can budget'],
      [
        'Apply for the setting-up-home allowance',
        'Fill in the form together at the next visit',
        'I can buy what I need for the flat',
      ],
    ],
  },
  'health-and-wellbeing': {
    goingWell: ['I am sleeping better.', 'I go to the gym twice a week.'],
    worries: ['I do not sleep well.', 'I feel low some days.'],
    wants: ['I want to talk to someone about how I feel.', 'I want to get fitter.'],
    goals: ['Register with a dentist and a doctor.', 'Look after my mental health.'],
    actions: [
      ['Register with a GP near the flat', 'Go to the surgery with my adviser', 'I can see a doctor when I need to'],
      ['Book a dentist check-up', 'Adviser finds a dentist taking NHS patients', 'My teeth are looked after'],
    ],
  },
  identity: {
    goingWell: ['I go to the mosque on Fridays.', 'I have my birth certificate now.'],
    worries: ['I do not have any photo ID.', 'I miss speaking my own language.'],
    wants: ['I want a passport.', 'I want to learn about my family history.'],
    goals: ['Have my own ID documents.', 'Stay connected to my culture.'],
    actions: [
      [
        'Apply for a provisional driving licence as photo ID',
        'Adviser helps with the form and photos',
        'I can prove who I am',
      ],
      [
        'Find a community group that speaks my language',
        'Adviser looks for groups nearby',
        'I feel connected to my culture',
      ],
    ],
  },
  immigration: {
    goingWell: ['My solicitor explains things to me.', 'I went to my Home Office interview.'],
    worries: ['I am waiting to hear about my visa.', 'I worry about my appeal.'],
    wants: ['I want to know what happens next with my claim.', 'I want to stay in the UK.'],
    goals: ['Keep my claim on track with my solicitor.', 'Understand my immigration options.'],
    actions: [
      ['Meet my immigration solicitor', 'Adviser books the appointment and an interpreter', 'I understand my claim'],
      ['Keep copies of my Home Office letters', 'Adviser gives me a folder', 'Nothing important gets lost'],
    ],
  },
};

const addDays = (iso: string, n: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function syntheticContent(rng: Random, context: PlanContext, today: string, idFor: () => string): PlanContent {
  const areas: PlanContent['areas'] = {};
  for (const def of applicableAreas(context)) {
    if (def.id === 'contingency') continue;
    const words = AREA_WORDS[def.id as keyof typeof AREA_WORDS];
    const [what, how, helps] = rng.pick(words.actions);
    const area: AreaContent = {
      youngPersonWords: {
        goingWell: rng.chance(0.8) ? rng.pick(words.goingWell) : '',
        worries: rng.chance(0.7) ? rng.pick(words.worries) : '',
        wants: rng.pick(words.wants),
      },
      youngPersonScale: rng.int(2, 10),
      workerScale: rng.int(2, 10),
      scaleNotGivenReason: '',
      assessmentOfNeed: `Needs some help with ${def.staffTitle.toLowerCase()}; making progress.`,
      progressSinceLastReview: context.firstPlan ? '' : 'Steady progress since the last review.',
      goal: rng.pick(words.goals),
      actions: [
        {
          id: idFor(),
          what,
          who: { kind: rng.chance(0.5) ? 'young_person' : 'adviser' },
          how,
          byWhen: addDays(today, rng.int(30, 160)),
          howItHelps: helps,
          status: 'not_started',
        },
      ],
      noActionsNeeded: false,
      noActionsReason: '',
    };
    areas[def.id] = area;
  }
  return {
    areas,
    supportNetwork: [
      {
        id: idFor(),
        name: 'Aunt Jo',
        relationship: 'Aunt',
        roleInPlan: 'Sunday dinners, and somewhere to stay in a crisis',
      },
    ],
    financialArrangements: 'Allowance paid weekly; rent paid by the council until the tenancy starts.',
    adultServices: emptyAdultServices(),
    contingency: {
      triggers: ['Losing my home', 'Leaving college'],
      actions: [
        {
          id: idFor(),
          circumstance: 'Losing my home',
          what: 'Emergency place at the supported lodgings scheme',
          who: { kind: 'adviser' },
          how: 'Adviser phones the housing team',
          howSoon: 'The same day',
        },
      ],
    },
    accommodationSuitability: Object.fromEntries(SUITABILITY_CHECK_IDS.map((id) => [id, { answer: 'yes', note: '' }])),
    immigrationOutcomes: context.uasc
      ? Object.fromEntries(
          IMMIGRATION_OUTCOME_IDS.map((id) => [id, 'Solicitor appointed; support carries on whatever the decision.']),
        )
      : {},
    needsAssessmentConsiderations: context.firstPlan
      ? Object.fromEntries(
          applicableConsiderations(context).map((c) => [c.id, 'Talked through with them and their carer.']),
        )
      : {},
  };
}

export type PlanStage =
  | 'outcomes'
  | 'planning'
  | 'drafting'
  | 'awaiting_signatures'
  | 'awaiting_approval'
  | 'returned'
  | 'approved';

/**
 * The young person's answer to "How involved did you feel in making this plan?" (issue 10 §1e), taken
 * from the review's id so the seed's random streams stay as they were: about Gloucestershire's Bright
 * Spots mix (9 in 16 all or most of the time, 4 sometimes, 1 hardly ever, 1 don't know), 1 in 16 skipped.
 */
export function seededInvolvement(reviewId: string): InvolvementAnswer | null {
  const digit = Number.parseInt(reviewId.charAt(0), 16);
  if (digit <= 8) return 'all_or_most';
  if (digit <= 12) return 'sometimes';
  return (['hardly_ever_or_never', 'dont_know', null] as const)[digit - 13] ?? null;
}

/** A review driven to a stage through the real transitions (throws if the machine refuses a step). */
export function reviewAt(props: {
  id: string;
  youngPersonId: string;
  context: PlanContext;
  adviserId: string;
  managerId: string;
  content: PlanContent;
  stage: PlanStage;
  on: string;
}): Review {
  const adviser: Actor = { kind: 'staff', id: props.adviserId, role: 'personal_adviser' };
  const yp: Actor = { kind: 'young_person', id: props.youngPersonId };
  const manager: Actor = { kind: 'staff', id: props.managerId, role: 'team_manager' };
  const started = startReview(
    {
      id: props.id,
      youngPersonId: props.youngPersonId,
      context: props.context,
      allocatedStaffIds: [props.adviserId],
      content: props.content,
    },
    adviser,
    props.on,
  );
  if (!started.ok) throw new Error(started.refusal.reason);
  const order: PlanStage[] = ['outcomes', 'planning', 'drafting', 'awaiting_signatures', 'awaiting_approval'];
  const upTo = props.stage === 'returned' || props.stage === 'approved' ? 4 : order.indexOf(props.stage);
  const steps: [ReviewEvent, Actor][] = [];
  if (upTo >= 1) steps.push([{ type: 'completeOutcomes' }, adviser]);
  if (upTo >= 2)
    steps.push(
      [
        {
          type: 'recordParticipation',
          participation: { ways: ['in_person'], didNotTakePartReason: '', othersConsulted: '' },
        },
        adviser,
      ],
      [{ type: 'completePlanning' }, adviser],
    );
  if (upTo >= 3) steps.push([{ type: 'submitForSignatures' }, adviser]);
  if (upTo >= 4)
    steps.push(
      [{ type: 'signAsYoungPerson', involvement: seededInvolvement(props.id) }, yp],
      [{ type: 'signAsWorker' }, adviser],
    );
  if (props.stage === 'returned')
    steps.push([{ type: 'return', reason: 'Please add dates to the health actions.' }, manager]);
  if (props.stage === 'approved')
    steps.push([{ type: 'approve', rating: 'good', feedback: 'Clear, and in their own words.' }, manager]);
  let review = started.review;
  for (const [event, actor] of steps) {
    const next = transition(review, event, actor, props.on);
    if (!next.ok) throw new Error(`${event.type}: ${next.refusal.reason}`);
    review = next.review;
  }
  return review;
}

export const approvedOf = (review: Review, version: number): PlanVersion => approvedVersion(review, version)!;
