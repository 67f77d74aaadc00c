// What a pathway plan holds, the schemas that check it at every boundary (forms and API),
// the reg 42(2) needs-assessment considerations, the Schedule 2 suitability judgement,
// and the task-list status of each section. Pure: dates are passed in.
import { z } from 'zod';
import { compareDates, isIsoDate, type IsoDate } from '../statutory/dates.ts';
import {
  ACTION_OWNER_KINDS,
  ACTION_STATUSES,
  applicableAreas,
  areaById,
  AREA_IDS,
  CLOSED_ACTION_STATUSES,
  IMMIGRATION_OUTCOME_IDS,
  IMMIGRATION_OUTCOMES,
  SUITABILITY_ANSWERS,
  SUITABILITY_CHECK_IDS,
  SUITABILITY_CHECKS,
  TEXT_LIMITS,
  type ActionOwnerKind,
  type ActionStatus,
  type AreaId,
  type AreaSpecial,
  type ImmigrationOutcomeId,
  type PlanContext,
  type SuitabilityAnswerValue,
  type SuitabilityCheckId,
} from './areas.ts';

// ---------------------------------------------------------------------------
// Types

/** 0 (really badly) to 10 (really well); null when not given. */
export type Scale = number | null;

/** The young person's own words (practice tips: "My Pathway Plan; My Voice"). Empty string: not written. */
export interface YoungPersonWords {
  goingWell: string;
  worries: string;
  wants: string;
  /** What they do not agree with in this area, in their own words: stays visible on the plan and to the manager. */
  disagreement?: string;
}

/** Who will do it. `name` (and role) is required when `kind` is 'other'. */
export interface ActionOwner {
  kind: ActionOwnerKind;
  name?: string;
}

/** Practice tips, SMART plans: "who will do what, how, by when and how will this help?" */
export interface SmartAction {
  /** Stable across versions: the diff between reviews follows an action by its id. */
  id: string;
  what: string;
  who: ActionOwner;
  how: string;
  byWhen: IsoDate;
  howItHelps: string;
  status: ActionStatus;
  completedOn?: IsoDate | null;
}

export interface AreaContent {
  youngPersonWords: YoungPersonWords;
  youngPersonScale: Scale;
  workerScale: Scale;
  /** Completes the area without both scales (for example, the young person chose not to score it). */
  scaleNotGivenReason: string;
  /** Outcomes form (Gloucestershire letter): assessed afresh at each review. */
  assessmentOfNeed: string;
  progressSinceLastReview: string;
  /** What the young person is working towards or sustaining (practice tips: SMART plans). */
  goal: string;
  actions: SmartAction[];
  noActionsNeeded: boolean;
  noActionsReason: string;
}

/** Someone with a part in the plan (practice tips: "clearly identify the roles of each person"). */
export interface SupportPerson {
  id: string;
  name: string;
  /** Who they are to the young person: "Aunt", "Foster carer", "Personal adviser". */
  relationship: string;
  roleInPlan: string;
}

/** An action taken when the contingency plan starts: real, with who and how soon. */
export interface ContingencyAction {
  id: string;
  /** Which circumstance it answers, when it is not all of them. */
  circumstance: string;
  what: string;
  who: ActionOwner;
  how: string;
  howSoon: string;
}

/** Care Leavers Regs 2010 Sch 1 para 4; practice tips "musts": "in what circumstances it will be activated". */
export interface ContingencyPlan {
  triggers: string[];
  actions: ContingencyAction[];
}

export interface SuitabilityAnswer {
  answer: SuitabilityAnswerValue;
  note: string;
}
export type SuitabilityAnswers = Partial<Record<SuitabilityCheckId, SuitabilityAnswer>>;

export const NEEDS_ASSESSMENT_CONSIDERATION_IDS = [
  'health-and-development',
  'education-training-employment',
  'immigration-status',
  'support-from-family-and-others',
  'finances',
  'independent-living-skills',
  'care-support-and-accommodation',
  'wishes-and-feelings',
  'views-of-others',
] as const;
export type NeedsAssessmentConsiderationId = (typeof NEEDS_ASSESSMENT_CONSIDERATION_IDS)[number];

export interface PlanContent {
  areas: Partial<Record<AreaId, AreaContent>>;
  supportNetwork: SupportPerson[];
  /** Sch 1 para 8; practice tips "musts": details of financial responsibilities. */
  financialArrangements: string;
  contingency: ContingencyPlan;
  accommodationSuitability: SuitabilityAnswers;
  immigrationOutcomes: Partial<Record<ImmigrationOutcomeId, string>>;
  /** First needs assessment only (CPPCR 2010 reg 42(2)). */
  needsAssessmentConsiderations: Partial<Record<NeedsAssessmentConsiderationId, string>>;
  /** Issue 12 §6: how they communicate, and their move to adult services (with the health area). */
  adultServices: AdultServices;
}

/**
 * For disabled young people: how they communicate and take part, and the move to adult social care — the
 * date of the needs assessment under the Care Act 2014 (s 58–59, a child's needs assessment before 18) and
 * who their adult social care worker is. Empty for most young people; plans made before it read as empty.
 */
export interface AdultServices {
  communicationNeeds: string;
  careActAssessmentOn: IsoDate | null;
  adultSocialCareWorker: string;
}
export const emptyAdultServices = (): AdultServices => ({
  communicationNeeds: '',
  careActAssessmentOn: null,
  adultSocialCareWorker: '',
});

export const PARTICIPATION_WAYS = [
  'in_person',
  'on_their_phone',
  'through_an_advocate',
  'through_an_interpreter',
  'did_not_take_part',
] as const;
export type ParticipationWay = (typeof PARTICIPATION_WAYS)[number];
export const PARTICIPATION_WAY_NAMES: Record<ParticipationWay, string> = {
  in_person: 'In person',
  on_their_phone: 'On their own phone, tablet or computer',
  through_an_advocate: 'Through an advocate',
  through_an_interpreter: 'Through an interpreter',
  did_not_take_part: 'They did not take part',
};

/** How the young person took part in this review (Care Leavers Regs regs 4–6: views sought and recorded). */
export interface Participation {
  ways: ParticipationWay[];
  didNotTakePartReason: string;
  /** Practice tips "musts": if they cannot engage, others who know them are consulted. */
  othersConsulted: string;
}

export const QUALITY_RATINGS = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
export type QualityRating = (typeof QUALITY_RATINGS)[number];
export const QUALITY_RATING_NAMES: Record<QualityRating, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
};

// ---------------------------------------------------------------------------
// Empty content and safe reading

export function emptyAreaContent(): AreaContent {
  return {
    youngPersonWords: { goingWell: '', worries: '', wants: '' },
    youngPersonScale: null,
    workerScale: null,
    scaleNotGivenReason: '',
    assessmentOfNeed: '',
    progressSinceLastReview: '',
    goal: '',
    actions: [],
    noActionsNeeded: false,
    noActionsReason: '',
  };
}

export function emptyPlanContent(): PlanContent {
  return {
    areas: {},
    supportNetwork: [],
    financialArrangements: '',
    contingency: { triggers: [], actions: [] },
    accommodationSuitability: {},
    immigrationOutcomes: {},
    needsAssessmentConsiderations: {},
    adultServices: emptyAdultServices(),
  };
}

/** An area's content, empty when nothing has been written yet. */
export function areaContentOf(content: PlanContent, areaId: AreaId): AreaContent {
  return content.areas[areaId] ?? emptyAreaContent();
}

/** The part of the plan each area's special questions write, beside the area itself. */
export const SPECIAL_CONTENT: Record<
  AreaSpecial,
  Exclude<keyof PlanContent, 'areas' | 'needsAssessmentConsiderations'>
> = {
  'support-network': 'supportNetwork',
  'financial-arrangements': 'financialArrangements',
  contingency: 'contingency',
  suitability: 'accommodationSuitability',
  'immigration-outcomes': 'immigrationOutcomes',
  'adult-services': 'adultServices',
};

/**
 * One area page's save, applied to the plan as it is saved now: only that area and its own special
 * part are taken from the page, everything else stays as the latest save left it. A page opened
 * earlier holds an old copy of the other parts; writing them back would undo a save made meanwhile.
 */
export function withAreaEdit(current: PlanContent, edited: PlanContent, areaId: AreaId): PlanContent {
  const next: PlanContent = { ...current, areas: { ...current.areas, [areaId]: areaContentOf(edited, areaId) } };
  const special = areaById(areaId).special;
  if (special) {
    const key = SPECIAL_CONTENT[special];
    (next as Record<typeof key, unknown>)[key] = edited[key];
  }
  return next;
}

export const isClosedAction = (action: Pick<SmartAction, 'status'>): boolean =>
  CLOSED_ACTION_STATUSES.includes(action.status);
const filled = (s: string | null | undefined): boolean => typeof s === 'string' && s.trim() !== '';

/** The young person's voice is present when they wrote something or gave a scale. */
export function hasYoungPersonVoice(area: AreaContent): boolean {
  const w = area.youngPersonWords;
  return filled(w.goingWell) || filled(w.worries) || filled(w.wants) || area.youngPersonScale !== null;
}

// ---------------------------------------------------------------------------
// Needs assessment: CPPCR 2010 reg 42(2), for the first assessment. Wording paraphrases the
// reference (§1.2); sub-paragraph letters other than (ba) were not given there, so not cited.

export interface NeedsAssessmentConsideration {
  readonly id: NeedsAssessmentConsiderationId;
  readonly wording: string;
  readonly hint: string;
  readonly regulation: string;
  readonly relatedAreas: readonly AreaId[];
  readonly appliesTo: (context: Pick<PlanContext, 'uasc'>) => boolean;
  readonly sourceNote?: string;
}

const REG_42_2 = 'Care Planning, Placement and Case Review (England) Regulations 2010, regulation 42(2)';
const allYoungPeople = () => true;

export const NEEDS_ASSESSMENT_CONSIDERATIONS: readonly NeedsAssessmentConsideration[] = [
  {
    id: 'health-and-development',
    wording: 'Their health (physical, emotional and mental) and development',
    hint: 'Include emotional and behavioural development.',
    regulation: REG_42_2,
    relatedAreas: ['health-and-wellbeing'],
    appliesTo: allYoungPeople,
  },
  {
    id: 'education-training-employment',
    wording: 'Their continuing need for education, training or employment',
    hint: 'Include what the personal education plan says.',
    regulation: REG_42_2,
    relatedAreas: ['education-and-training', 'employment-and-activity'],
    appliesTo: allYoungPeople,
  },
  {
    id: 'immigration-status',
    wording: 'Any needs arising from their immigration status',
    hint: 'Include the stage of the claim and the support they need for each possible outcome.',
    regulation: `${REG_42_2}(ba)`,
    relatedAreas: ['immigration'],
    appliesTo: (context) => context.uasc,
    sourceNote:
      'Reg 42(2)(ba) refers to a status in CPPCR reg 5(1)(f); that it covers immigration status is marked UNVERIFIED in the reference.',
  },
  {
    id: 'support-from-family-and-others',
    wording: 'The support available to them from members of their family and other connected people',
    hint: 'Who they can rely on, and how.',
    regulation: REG_42_2,
    relatedAreas: ['family-and-relationships', 'contact-and-support'],
    appliesTo: allYoungPeople,
  },
  {
    id: 'finances',
    wording: 'Their actual and expected financial resources, and their ability to manage their money',
    hint: 'Income, benefits, savings, debts and budgeting.',
    regulation: REG_42_2,
    relatedAreas: ['financial-support'],
    appliesTo: allYoungPeople,
  },
  {
    id: 'independent-living-skills',
    wording: 'The practical and other skills they have for living independently',
    hint: 'Cooking, shopping, bills, tenancy, travel.',
    regulation: REG_42_2,
    relatedAreas: ['independent-living-skills'],
    appliesTo: allYoungPeople,
  },
  {
    id: 'care-support-and-accommodation',
    wording: 'Their need for continuing care, support and accommodation',
    hint: 'Including whether staying put is right for them.',
    regulation: REG_42_2,
    relatedAreas: ['accommodation', 'contact-and-support'],
    appliesTo: allYoungPeople,
  },
  {
    id: 'wishes-and-feelings',
    wording:
      'The wishes and feelings of the young person, their parents or anyone with parental responsibility, and their carer',
    hint: 'In their own words where you can.',
    regulation: REG_42_2,
    relatedAreas: [],
    appliesTo: allYoungPeople,
  },
  {
    id: 'views-of-others',
    wording:
      'The views of others involved: their school or college, independent reviewing officer, personal adviser, health professionals and anyone else relevant',
    hint: 'Say who you asked and what they said.',
    regulation: REG_42_2,
    relatedAreas: [],
    appliesTo: allYoungPeople,
  },
];

export function applicableConsiderations(context: Pick<PlanContext, 'uasc'>): NeedsAssessmentConsideration[] {
  return NEEDS_ASSESSMENT_CONSIDERATIONS.filter((c) => c.appliesTo(context));
}

// ---------------------------------------------------------------------------
// Accommodation suitability: Care Leavers Regs 2010 reg 9 and Schedule 2

export type SuitabilityJudgement = 'suitable' | 'not_suitable' | 'not_yet_decided';
export const SUITABILITY_JUDGEMENT_NAMES: Record<SuitabilityJudgement, string> = {
  suitable: 'Suitable',
  not_suitable: 'Not suitable',
  not_yet_decided: 'Not yet decided',
};

export interface SuitabilityResult {
  judgement: SuitabilityJudgement;
  /** Matters about the accommodation answered "no". */
  notSuitableBecause: SuitabilityCheckId[];
  /** Matters about the young person answered "no": support, and a recorded reason, are needed. */
  supportNeeded: SuitabilityCheckId[];
  notKnown: SuitabilityCheckId[];
  unanswered: SuitabilityCheckId[];
}

/**
 * A known failing decides: any "no" about the accommodation makes it not suitable. Otherwise
 * it is suitable only when every matter is answered and none is "not known".
 */
export function judgeSuitability(answers: SuitabilityAnswers): SuitabilityResult {
  const result: SuitabilityResult = {
    judgement: 'suitable',
    notSuitableBecause: [],
    supportNeeded: [],
    notKnown: [],
    unanswered: [],
  };
  for (const check of SUITABILITY_CHECKS) {
    const answer = answers[check.id]?.answer;
    if (answer === undefined) result.unanswered.push(check.id);
    else if (answer === 'not_known') result.notKnown.push(check.id);
    else if (answer === 'no')
      (check.noMeans === 'not_suitable' ? result.notSuitableBecause : result.supportNeeded).push(check.id);
  }
  if (result.notSuitableBecause.length) result.judgement = 'not_suitable';
  else if (result.unanswered.length || result.notKnown.length) result.judgement = 'not_yet_decided';
  return result;
}

/** SSDA903 ACCOM suitability digit: 1 considered suitable, 2 not suitable (reference §3.2); null when undecided. */
export function suitabilityDigit903(judgement: SuitabilityJudgement): '1' | '2' | null {
  return judgement === 'suitable' ? '1' : judgement === 'not_suitable' ? '2' : null;
}

// ---------------------------------------------------------------------------
// Schemas: every boundary (form or API) parses with these. Messages follow the GOV.UK
// error message patterns; the http layer maps issue paths to fields.

const withCommas = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const tooLong = (label: string, max: number) => `${label} must be ${withCommas(max)} characters or fewer`;

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: tooLong(label, max) })
    .default('');
const requiredText = (label: string, max: number, emptyMessage: string) =>
  z
    .string({ error: emptyMessage })
    .trim()
    .min(1, { error: emptyMessage })
    .max(max, { error: tooLong(label, max) });
const isoDate = (emptyMessage: string) =>
  z
    .string({ error: emptyMessage })
    .trim()
    .min(1, { error: emptyMessage })
    .refine(isIsoDate, { error: 'Enter a real date' });

export const MESSAGES = {
  scale: 'Scale must be a number from 0 to 10',
  futureDate: 'Enter a date in the future',
  notFutureDate: 'The date must be today or in the past',
} as const;

/** Accepts a number, a numeric string from a form, or empty (null). */
export const scaleSchema = z.preprocess((value) => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}, z
  .number({ error: MESSAGES.scale })
  .int({ error: MESSAGES.scale })
  .min(0, { error: MESSAGES.scale })
  .max(10, { error: MESSAGES.scale })
  .nullable());

export const youngPersonWordsSchema = z.object({
  goingWell: optionalText('What is going well', TEXT_LIMITS.youngPersonWords),
  worries: optionalText('What worries me', TEXT_LIMITS.youngPersonWords),
  wants: optionalText('What I want', TEXT_LIMITS.youngPersonWords),
  // Optional, so plans written before it existed read back unchanged.
  disagreement: z
    .string({ error: 'What I do not agree with must be text' })
    .trim()
    .max(TEXT_LIMITS.youngPersonWords, { error: tooLong('What I do not agree with', TEXT_LIMITS.youngPersonWords) })
    .optional(),
});

/** The part of an area the young person writes (or the worker types alongside them, in their words). */
export const youngPersonPartSchema = z.object({
  youngPersonWords: youngPersonWordsSchema.default({ goingWell: '', worries: '', wants: '' }),
  youngPersonScale: scaleSchema,
});

export const actionOwnerSchema = z
  .object({
    kind: z.enum(ACTION_OWNER_KINDS, { error: 'Select who will do it' }),
    name: z
      .string()
      .trim()
      .max(TEXT_LIMITS.name, { error: tooLong('Name', TEXT_LIMITS.name) })
      .optional(),
  })
  .superRefine((who, ctx) => {
    if (who.kind === 'other' && !filled(who.name))
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'Enter the name and role of the person who will do it' });
  })
  .transform((who): ActionOwner => (who.kind === 'other' ? { kind: who.kind, name: who.name } : { kind: who.kind }));

/**
 * A SMART action. With `today`, an open action's date must be after today (practice tips:
 * "Timely"); without it (re-reading a stored plan) past dates are allowed.
 */
export function smartActionSchema(options: { today?: IsoDate } = {}) {
  return z
    .object({
      id: z.string({ error: 'Action id is missing' }).min(1, { error: 'Action id is missing' }),
      what: requiredText('What will be done', TEXT_LIMITS.short, 'Enter what will be done'),
      who: actionOwnerSchema,
      how: requiredText('How it will be done', TEXT_LIMITS.short, 'Enter how it will be done'),
      byWhen: isoDate('Enter the date it will be done by'),
      howItHelps: requiredText('How this will help', TEXT_LIMITS.short, 'Enter how this will help'),
      status: z.enum(ACTION_STATUSES, { error: 'Select the status of the action' }).default('not_started'),
      completedOn: z.string().refine(isIsoDate, { error: 'Enter a real date' }).nullable().optional(),
    })
    .superRefine((action, ctx) => {
      const today = options.today;
      if (today && !isClosedAction(action) && isIsoDate(action.byWhen) && compareDates(action.byWhen, today) <= 0) {
        ctx.addIssue({ code: 'custom', path: ['byWhen'], message: MESSAGES.futureDate });
      }
    });
}

const workerAreaShape = (options: { today?: IsoDate }) => ({
  workerScale: scaleSchema,
  scaleNotGivenReason: optionalText('Why a scale was not given', TEXT_LIMITS.short),
  assessmentOfNeed: optionalText('Assessment of need', TEXT_LIMITS.long),
  progressSinceLastReview: optionalText('Progress since the last review', TEXT_LIMITS.long),
  goal: optionalText('What the young person is working towards', TEXT_LIMITS.short),
  actions: z.array(smartActionSchema(options)).default([]),
  noActionsNeeded: z.boolean().default(false),
  noActionsReason: optionalText('Why no actions are needed', TEXT_LIMITS.short),
});

const reasonWhenNoActions = (area: { noActionsNeeded: boolean; noActionsReason: string }, ctx: z.RefinementCtx) => {
  if (area.noActionsNeeded && !filled(area.noActionsReason))
    ctx.addIssue({ code: 'custom', path: ['noActionsReason'], message: 'Enter why no actions are needed' });
};

/** The worker's part of an area: outcomes form and plan. */
export function workerAreaSchema(options: { today?: IsoDate } = {}) {
  return z.object(workerAreaShape(options)).superRefine(reasonWhenNoActions);
}

/** A whole area: the young person's part and the worker's. */
export function areaContentSchema(options: { today?: IsoDate } = {}) {
  return z.object({ ...youngPersonPartSchema.shape, ...workerAreaShape(options) }).superRefine(reasonWhenNoActions);
}

export const supportPersonSchema = z.object({
  id: z.string().min(1, { error: 'Person id is missing' }),
  name: requiredText('Name', TEXT_LIMITS.name, 'Enter the person’s name'),
  relationship: requiredText('Who they are', TEXT_LIMITS.name, 'Enter who they are to the young person'),
  roleInPlan: requiredText(
    'Their part in the plan',
    TEXT_LIMITS.short,
    'Enter what they will do to support the young person',
  ),
});

export const contingencyActionSchema = z.object({
  id: z.string().min(1, { error: 'Action id is missing' }),
  circumstance: optionalText('If this happens', TEXT_LIMITS.short),
  what: requiredText('What will be done', TEXT_LIMITS.short, 'Enter what will be done'),
  who: actionOwnerSchema,
  how: optionalText('How it will be done', TEXT_LIMITS.short),
  howSoon: requiredText('How soon', TEXT_LIMITS.name, 'Enter how soon it will be done'),
});

export const contingencySchema = z.object({
  triggers: z
    .array(
      requiredText(
        'The circumstance',
        TEXT_LIMITS.short,
        'Enter the circumstance that would start the contingency plan',
      ),
    )
    .default([]),
  actions: z.array(contingencyActionSchema).default([]),
});

export const suitabilityAnswerSchema = z
  .object({
    answer: z.enum(SUITABILITY_ANSWERS, { error: 'Select yes, no or not known' }),
    note: optionalText('Note', TEXT_LIMITS.short),
  })
  .superRefine((a, ctx) => {
    if (a.answer === 'no' && !filled(a.note))
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'Enter what the problem is and what will be done about it',
      });
  });

export const suitabilitySchema = z.partialRecord(z.enum(SUITABILITY_CHECK_IDS), suitabilityAnswerSchema);

export const immigrationOutcomesSchema = z.partialRecord(
  z.enum(IMMIGRATION_OUTCOME_IDS),
  optionalText('The plan for this outcome', TEXT_LIMITS.long),
);

export const needsAssessmentConsiderationsSchema = z.partialRecord(
  z.enum(NEEDS_ASSESSMENT_CONSIDERATION_IDS),
  optionalText('What was considered', TEXT_LIMITS.long),
);

export const adultServicesSchema = z.object({
  communicationNeeds: optionalText('Communication needs', TEXT_LIMITS.long),
  careActAssessmentOn: isoDate('Enter the Care Act assessment date').nullable().default(null),
  adultSocialCareWorker: optionalText('Adult social care worker', TEXT_LIMITS.short),
});

/** The whole plan, for the API and for re-reading stored versions (no `today`: past dates allowed). */
export function planContentSchema(options: { today?: IsoDate } = {}) {
  return z.object({
    areas: z.partialRecord(z.enum(AREA_IDS), areaContentSchema(options)).default({}),
    supportNetwork: z.array(supportPersonSchema).default([]),
    financialArrangements: optionalText('Financial arrangements', TEXT_LIMITS.long),
    contingency: contingencySchema.default({ triggers: [], actions: [] }),
    accommodationSuitability: suitabilitySchema.default({}),
    immigrationOutcomes: immigrationOutcomesSchema.default({}),
    needsAssessmentConsiderations: needsAssessmentConsiderationsSchema.default({}),
    adultServices: adultServicesSchema.default(emptyAdultServices()),
  });
}

export const participationSchema = z
  .object({
    ways: z.array(z.enum(PARTICIPATION_WAYS, { error: 'Select how the young person took part' })).default([]),
    didNotTakePartReason: optionalText('Why they did not take part', TEXT_LIMITS.short),
    othersConsulted: optionalText('Who else was asked', TEXT_LIMITS.short),
  })
  .superRefine((p, ctx) => {
    const didNot = p.ways.includes('did_not_take_part');
    if (p.ways.length === 0)
      ctx.addIssue({ code: 'custom', path: ['ways'], message: 'Select how the young person took part' });
    else if (didNot && p.ways.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['ways'],
        message: 'Select how the young person took part, or select ‘They did not take part’',
      });
    if (didNot && !filled(p.didNotTakePartReason))
      ctx.addIssue({
        code: 'custom',
        path: ['didNotTakePartReason'],
        message: 'Enter why the young person did not take part',
      });
    if (didNot && !filled(p.othersConsulted))
      ctx.addIssue({
        code: 'custom',
        path: ['othersConsulted'],
        message: 'Enter who you spoke to who knows the young person',
      });
  });

export const approvalSchema = z.object({
  rating: z.enum(QUALITY_RATINGS, { error: 'Select a quality rating' }),
  feedback: requiredText('Feedback', TEXT_LIMITS.long, 'Enter feedback for the worker'),
});

export const returnSchema = z.object({
  reason: requiredText('Reason', TEXT_LIMITS.long, 'Enter why you are returning the plan'),
});

/** The young person's disagreement, in their own words (written to them). */
export const disagreementSchema = z.object({
  inTheirWords: requiredText(
    'What you do not agree with',
    TEXT_LIMITS.youngPersonWords,
    'Enter what you do not agree with',
  ),
});

export const notSignedSchema = z.object({
  reason: requiredText('Reason', TEXT_LIMITS.short, 'Enter why the young person has not signed'),
});

/** A paper signature is dated on or before the day it is recorded. */
export function paperSignatureSchema(today: IsoDate) {
  return z.object({
    signedOn: isoDate('Enter the date the young person signed').refine((d) => compareDates(d, today) <= 0, {
      error: MESSAGES.notFutureDate,
    }),
  });
}

// ---------------------------------------------------------------------------
// Task list: the status of each section

export type SectionStatus = 'not_started' | 'in_progress' | 'completed';
export const SECTION_STATUS_NAMES: Record<SectionStatus, string> = {
  not_started: 'Not yet started',
  in_progress: 'In progress',
  completed: 'Completed',
};

/** Something still to do, in the worker's words, with the field to link to. */
export interface MissingItem {
  field: string;
  message: string;
}

export interface SectionProgress {
  areaId: AreaId;
  status: SectionStatus;
  missing: MissingItem[];
}

function somethingWritten(area: AreaContent): boolean {
  return (
    hasYoungPersonVoice(area) ||
    area.workerScale !== null ||
    [
      area.scaleNotGivenReason,
      area.assessmentOfNeed,
      area.progressSinceLastReview,
      area.goal,
      area.noActionsReason,
    ].some(filled) ||
    area.actions.length > 0 ||
    area.noActionsNeeded
  );
}

/** Has anything been written about communication or adult services? (Nothing is required: most need none.) */
export function adultServicesWritten(a: AdultServices): boolean {
  return filled(a.communicationNeeds) || a.careActAssessmentOn !== null || filled(a.adultSocialCareWorker);
}

function specialStarted(areaId: AreaId, content: PlanContent): boolean {
  switch (areaById(areaId).special) {
    case 'support-network':
      return content.supportNetwork.length > 0;
    case 'financial-arrangements':
      return filled(content.financialArrangements);
    case 'suitability':
      return Object.keys(content.accommodationSuitability).length > 0;
    case 'contingency':
      return content.contingency.triggers.length > 0 || content.contingency.actions.length > 0;
    case 'immigration-outcomes':
      return Object.values(content.immigrationOutcomes).some(filled);
    case 'adult-services':
      return adultServicesWritten(content.adultServices);
    default:
      return false;
  }
}

function specialMissing(areaId: AreaId, content: PlanContent): MissingItem[] {
  const missing: MissingItem[] = [];
  switch (areaById(areaId).special) {
    case 'support-network':
      if (content.supportNetwork.length === 0)
        missing.push({
          field: 'supportNetwork',
          message: 'Add at least one person who supports the young person, and their part in the plan',
        });
      break;
    case 'financial-arrangements':
      if (!filled(content.financialArrangements))
        missing.push({
          field: 'financialArrangements',
          message: 'Write the financial support and who is responsible for what',
        });
      break;
    case 'suitability': {
      const s = judgeSuitability(content.accommodationSuitability);
      if (s.unanswered.length)
        missing.push({ field: 'accommodationSuitability', message: 'Answer every accommodation suitability question' });
      else if (s.judgement === 'not_yet_decided')
        missing.push({
          field: 'accommodationSuitability',
          message: 'Find out the answers marked ‘not known’ so suitability can be decided',
        });
      break;
    }
    case 'contingency':
      if (content.contingency.triggers.filter(filled).length === 0)
        missing.push({
          field: 'contingency.triggers',
          message: 'Add at least one circumstance that would start the contingency plan',
        });
      if (content.contingency.actions.length === 0)
        missing.push({
          field: 'contingency.actions',
          message: 'Add at least one action to take if the plan stops working',
        });
      break;
    case 'immigration-outcomes':
      for (const outcome of IMMIGRATION_OUTCOMES) {
        if (!filled(content.immigrationOutcomes[outcome.id]))
          missing.push({
            field: `immigrationOutcomes.${outcome.id}`,
            message: `Write the plan ${outcome.staffTitle.charAt(0).toLowerCase()}${outcome.staffTitle.slice(1)}`,
          });
      }
      break;
  }
  return missing;
}

/**
 * An area is completed when it has a goal, the worker's assessment of need (and progress
 * since the last review, after the first plan), both scales or a reason, and at least one
 * action unless the worker says why none is needed — plus what its special part requires.
 */
export function areaProgress(areaId: AreaId, content: PlanContent, context: PlanContext): SectionProgress {
  const def = areaById(areaId);
  const area = areaContentOf(content, areaId);
  const at = (field: string) => `areas.${areaId}.${field}`;
  const missing: MissingItem[] = [];
  if (def.asks.outcomes) {
    if (!filled(area.assessmentOfNeed))
      missing.push({ field: at('assessmentOfNeed'), message: 'Write the assessment of need' });
    if (!context.firstPlan && !filled(area.progressSinceLastReview))
      missing.push({ field: at('progressSinceLastReview'), message: 'Write the progress since the last review' });
  }
  if (
    def.asks.scales &&
    (area.youngPersonScale === null || area.workerScale === null) &&
    !filled(area.scaleNotGivenReason)
  ) {
    missing.push({ field: at('workerScale'), message: 'Give both scales, or say why a scale was not given' });
  }
  if (def.asks.goal && !filled(area.goal))
    missing.push({ field: at('goal'), message: 'Write what the young person is working towards or sustaining' });
  if (def.asks.actions) {
    const hasAction = area.actions.some((a) => a.status !== 'no_longer_needed');
    const saidNone = area.noActionsNeeded && filled(area.noActionsReason);
    if (!hasAction && !saidNone)
      missing.push({ field: at('actions'), message: 'Add at least one action, or say why no actions are needed' });
  }
  missing.push(...specialMissing(areaId, content));
  const started = somethingWritten(area) || specialStarted(areaId, content);
  const status: SectionStatus = missing.length === 0 ? 'completed' : started ? 'in_progress' : 'not_started';
  return { areaId, status, missing };
}

/** The task list: every area in this young person's plan, in plan order. */
export function taskList(content: PlanContent, context: PlanContext): SectionProgress[] {
  return applicableAreas(context).map((a) => areaProgress(a.id, content, context));
}

/**
 * The outcomes form (Gloucestershire letter: "the start of the reviewing process ... records
 * the assessment of need and the review of progress"); for a first plan, the reg 42(2)
 * considerations instead of progress.
 */
export function outcomesFormMissing(content: PlanContent, context: PlanContext): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const def of applicableAreas(context)) {
    if (!def.asks.outcomes) continue;
    const area = areaContentOf(content, def.id);
    if (!filled(area.assessmentOfNeed))
      missing.push({
        field: `areas.${def.id}.assessmentOfNeed`,
        message: `${def.staffTitle}: write the assessment of need`,
      });
    if (!context.firstPlan && !filled(area.progressSinceLastReview))
      missing.push({
        field: `areas.${def.id}.progressSinceLastReview`,
        message: `${def.staffTitle}: write the progress since the last review`,
      });
  }
  if (context.firstPlan) {
    for (const c of applicableConsiderations(context)) {
      if (!filled(content.needsAssessmentConsiderations[c.id]))
        missing.push({
          field: `needsAssessmentConsiderations.${c.id}`,
          message: `Needs assessment: write what was considered about ${c.wording.charAt(0).toLowerCase()}${c.wording.slice(1)}`,
        });
    }
  }
  return missing;
}

// Compile-time check that the schemas produce the hand-written types the other layers use.
type Produces<S extends z.ZodType, T> = z.output<S> extends T ? true : never;
const schemasMatchTypes: [
  Produces<ReturnType<typeof smartActionSchema>, SmartAction>,
  Produces<ReturnType<typeof areaContentSchema>, AreaContent>,
  Produces<ReturnType<typeof planContentSchema>, PlanContent>,
  Produces<typeof participationSchema, Participation>,
] = [true, true, true, true];
void schemasMatchTypes;
