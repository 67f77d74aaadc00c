// The pathway plan's content, defined once as data. The task list, question pages,
// validation messages, check-answers, print and PDF all read these definitions, so a
// heading is worded (and ordered) the same everywhere — as Gloucestershire aligned the
// planning tool and the plan ("the same headings ... in the same order").
//
// Areas follow Care Leavers (England) Regulations 2010 Schedule 1 in its order; the
// same matters appear in CPPCR 2010 Schedule 8 for eligible children still looked after.

/** Which areas and questions apply to this plan. */
export interface PlanContext {
  /** Unaccompanied or separated child with an immigration claim: adds the immigration area. */
  readonly uasc: boolean;
  /** The first needs assessment and plan (no "progress since last review" yet; reg 42(2) considerations instead). */
  readonly firstPlan: boolean;
}

export const AREA_IDS = [
  'contact-and-support',
  'education-and-training',
  'employment-and-activity',
  'contingency',
  'accommodation',
  'family-and-relationships',
  'independent-living-skills',
  'financial-support',
  'health-and-wellbeing',
  'identity',
  'immigration',
] as const;
export type AreaId = (typeof AREA_IDS)[number];

/**
 * What is special about an area beyond the common questions:
 * support-network — who provides contact and support (Sch 1 para 1 "and who provides it");
 * financial-arrangements — financial support (Sch 1 para 8; practice tips "must");
 * suitability — accommodation suitability against Schedule 2;
 * contingency — circumstances that trigger it and real actions (Sch 1 para 4);
 * immigration-outcomes — a plan for each possible outcome of the claim;
 * adult-services — communication needs and the move to adult social care (issue 12 §6).
 */
export type AreaSpecial =
  | 'support-network'
  | 'financial-arrangements'
  | 'suitability'
  | 'contingency'
  | 'immigration-outcomes'
  | 'adult-services';

/** A prompt for the young person's own words: a hint written as they might say it ("I…"). */
export interface WordsPrompts {
  readonly goingWell: string;
  readonly worries: string;
  readonly wants: string;
}

export interface AreaDefinition {
  readonly id: AreaId;
  /** Heading in staff pages, the manager's queue, print and PDF. */
  readonly staffTitle: string;
  /** Heading the young person sees: plain words, no jargon. */
  readonly youngPersonTitle: string;
  /** One or two short sentences to the young person about what this part is for. */
  readonly youngPersonIntro: string;
  /** What the plan must say here, for the worker. */
  readonly staffHint: string;
  /** The provision the area comes from (relevant and former relevant children). */
  readonly regulation: string;
  /** Short form for tables and test names. */
  readonly regulationShort: string;
  /** The matching provision for eligible children still looked after (CPPCR 2010 Sch 8), where known. */
  readonly eligibleChildRegulation: string;
  /** Where the source could not be confirmed, say so (reference marks it UNVERIFIED). */
  readonly sourceNote?: string;
  readonly prompts: WordsPrompts;
  /** Which common questions the area asks. The contingency plan has its own. */
  readonly asks: {
    readonly outcomes: boolean;
    readonly scales: boolean;
    readonly goal: boolean;
    readonly actions: boolean;
  };
  readonly special: AreaSpecial | null;
  /** Whether the area is part of this young person's plan. */
  readonly appliesTo: (context: Pick<PlanContext, 'uasc'>) => boolean;
}

const always = () => true;
const standard = { outcomes: true, scales: true, goal: true, actions: true } as const;
const sch1 = (para: number) => ({
  regulation: `Care Leavers (England) Regulations 2010, Schedule 1, paragraph ${para}`,
  regulationShort: `Care Leavers Regs 2010 Sch 1 para ${para}`,
});
const sch8 = (para?: number) =>
  `Care Planning, Placement and Case Review (England) Regulations 2010, Schedule 8${para ? `, paragraph ${para}` : ''}`;

export const AREAS: readonly AreaDefinition[] = [
  {
    id: 'contact-and-support',
    staffTitle: 'Contact and personal support',
    youngPersonTitle: 'People who support you',
    youngPersonIntro: 'Who you see and how often. Who you can call when you need help.',
    staffHint:
      'The nature and level of contact and personal support, and who will provide it. Name each person and their part in the plan.',
    ...sch1(1),
    eligibleChildRegulation: sch8(2),
    prompts: {
      goingWell: 'I can text my personal adviser when I need help.',
      worries: 'I worry I will have nobody to call at the weekend.',
      wants: 'I want to see my personal adviser every two weeks.',
    },
    asks: standard,
    special: 'support-network',
    appliesTo: always,
  },
  {
    id: 'education-and-training',
    staffTitle: 'Education and training',
    youngPersonTitle: 'School, college and training',
    youngPersonIntro: 'What you are learning now. What you want to learn next.',
    staffHint:
      'A detailed plan for education or training: the support needed and any equipment (for example a laptop). For eligible children the personal education plan feeds into this.',
    ...sch1(2),
    eligibleChildRegulation: sch8(4),
    prompts: {
      goingWell: 'I go to college every day and I like my course.',
      worries: 'I worry I will not pass my maths exam.',
      wants: 'I want to study hair and beauty next year.',
    },
    asks: standard,
    special: null,
    appliesTo: always,
  },
  {
    id: 'employment-and-activity',
    staffTitle: 'Employment or other purposeful activity',
    youngPersonTitle: 'Work and things you do',
    youngPersonIntro: 'Jobs, apprenticeships, volunteering and how you spend your time.',
    staffHint: 'How the council will help the young person find employment or other purposeful activity or occupation.',
    ...sch1(3),
    eligibleChildRegulation: sch8(5),
    prompts: {
      goingWell: 'I volunteer at the food bank on Saturdays.',
      worries: 'I do not know how to write a CV.',
      wants: 'I want a part-time job in a shop.',
    },
    asks: standard,
    special: null,
    appliesTo: always,
  },
  {
    id: 'contingency',
    staffTitle: 'Contingency plan',
    youngPersonTitle: 'If things go wrong',
    youngPersonIntro: 'What could go wrong for you, and what will happen straight away if it does.',
    staffHint:
      'The circumstances that would start the contingency plan, and the real actions that will then be taken: who will do what, and how soon. Not "make another plan".',
    ...sch1(4),
    eligibleChildRegulation: sch8(10),
    prompts: {
      goingWell: 'I know who to call if I lose my flat.',
      worries: 'I worry about what happens if my placement ends.',
      wants: 'I want to know where I can stay if things go wrong.',
    },
    asks: { outcomes: false, scales: false, goal: false, actions: false },
    special: 'contingency',
    appliesTo: always,
  },
  {
    id: 'accommodation',
    staffTitle: 'Accommodation and its suitability',
    youngPersonTitle: 'Where you live',
    youngPersonIntro: 'Your home now, and where you want to live in the future.',
    staffHint:
      'Details of the accommodation, with an assessment of its suitability in the light of the young person’s needs and the matters in Schedule 2 that were considered.',
    ...sch1(5),
    eligibleChildRegulation: sch8(),
    prompts: {
      goingWell: 'I feel safe where I live.',
      worries: 'I worry I cannot pay the bills.',
      wants: 'I want my own flat near my sister.',
    },
    asks: standard,
    special: 'suitability',
    appliesTo: always,
  },
  {
    id: 'family-and-relationships',
    staffTitle: 'Family and social relationships',
    youngPersonTitle: 'Family and friends',
    youngPersonIntro: 'The people who matter to you, and seeing them.',
    staffHint:
      'The support to be provided to develop and sustain family and social relationships, including contact with family, friends and carers.',
    ...sch1(6),
    eligibleChildRegulation: sch8(),
    prompts: {
      goingWell: 'I see my brother every Sunday.',
      worries: 'I worry about my friendships.',
      wants: 'I want to see my nan more often.',
    },
    asks: standard,
    special: null,
    appliesTo: always,
  },
  {
    id: 'independent-living-skills',
    staffTitle: 'Practical and independent living skills',
    youngPersonTitle: 'Everyday living skills',
    youngPersonIntro: 'Cooking, shopping, paying bills and looking after your home.',
    staffHint: 'A programme to develop the practical and other skills the young person needs to live independently.',
    ...sch1(7),
    eligibleChildRegulation: sch8(7),
    prompts: {
      goingWell: 'I can cook three meals on my own.',
      worries: 'I do not know how to pay a gas bill.',
      wants: 'I want to learn to budget for food.',
    },
    asks: standard,
    special: null,
    appliesTo: always,
  },
  {
    id: 'financial-support',
    staffTitle: 'Financial support',
    youngPersonTitle: 'Money',
    youngPersonIntro: 'The money you get, what it is for, and help to manage it.',
    staffHint:
      'The financial support to be provided, in particular for accommodation and maintenance, and who is responsible for what.',
    ...sch1(8),
    eligibleChildRegulation: sch8(),
    prompts: {
      goingWell: 'I save a little money every week.',
      worries: 'I worry about debt.',
      wants: 'I want to open a bank account.',
    },
    asks: standard,
    special: 'financial-arrangements',
    appliesTo: always,
  },
  {
    id: 'health-and-wellbeing',
    staffTitle: 'Health, including mental health',
    youngPersonTitle: 'Your health and feelings',
    youngPersonIntro: 'Your body, your mind and how you feel.',
    staffHint:
      'The young person’s health needs, including any mental health needs and their emotional and behavioural development, and how they will be met.',
    ...sch1(9),
    eligibleChildRegulation: sch8(9),
    prompts: {
      goingWell: 'I am registered with a doctor and a dentist.',
      worries: 'I feel low a lot of the time.',
      wants: 'I want someone to talk to about how I feel.',
    },
    asks: standard,
    special: 'adult-services',
    appliesTo: always,
  },
  {
    id: 'identity',
    staffTitle: 'Identity: religion, culture, ethnicity and language',
    youngPersonTitle: 'Who you are',
    youngPersonIntro: 'Your faith, culture, background and languages.',
    staffHint:
      'The arrangements to meet the young person’s identity needs, with particular regard to religion, racial origin, and cultural and linguistic background.',
    ...sch1(10),
    eligibleChildRegulation: sch8(),
    prompts: {
      goingWell: 'I go to the mosque with my friends.',
      worries: 'I am losing my first language.',
      wants: 'I want to know more about my family history.',
    },
    asks: standard,
    special: null,
    appliesTo: always,
  },
  {
    id: 'immigration',
    staffTitle: 'Immigration status',
    youngPersonTitle: 'Your right to stay in the UK',
    youngPersonIntro: 'Your asylum or immigration case. What will happen for each possible decision.',
    staffHint:
      'Needs arising from immigration status, and a plan for each possible outcome of the claim: while it is decided, if leave is granted, and if all appeal rights are exhausted.',
    regulation:
      'Care Planning, Placement and Case Review (England) Regulations 2010, regulation 42(2)(ba); DfE statutory guidance on unaccompanied asylum-seeking children',
    regulationShort: 'CPPCR 2010 reg 42(2)(ba); UASC guidance',
    eligibleChildRegulation:
      'Care Planning, Placement and Case Review (England) Regulations 2010, regulation 42(2)(ba)',
    sourceNote:
      'An immigration item in Care Leavers Regs Sch 1 and "triple planning" are marked UNVERIFIED in the reference (§1.4, §1.6).',
    prompts: {
      goingWell: 'I have a solicitor who explains my case to me.',
      worries: 'I worry about what happens if my claim is refused.',
      wants: 'I want to know when I will get a decision.',
    },
    asks: standard,
    special: 'immigration-outcomes',
    appliesTo: (context) => context.uasc,
  },
];

const AREAS_BY_ID = new Map<AreaId, AreaDefinition>(AREAS.map((a) => [a.id, a]));

export function isAreaId(value: unknown): value is AreaId {
  return typeof value === 'string' && AREAS_BY_ID.has(value as AreaId);
}

export function areaById(id: AreaId): AreaDefinition {
  const area = AREAS_BY_ID.get(id);
  if (!area) throw new RangeError(`Unknown plan area: ${id}`);
  return area;
}

/** The areas in this young person's plan, in plan order. */
export function applicableAreas(context: Pick<PlanContext, 'uasc'>): AreaDefinition[] {
  return AREAS.filter((a) => a.appliesTo(context));
}

// ---------------------------------------------------------------------------
// The questions asked in every area (forms as data). Young people's wording is
// written to "you"; the worker's follows the councils' outcomes form and the practice tips.

export const TEXT_LIMITS = { youngPersonWords: 2000, long: 5000, short: 1000, name: 200 } as const;

export interface FieldDefinition {
  readonly name: string;
  readonly staffLabel: string;
  /** Label on the young person's pages (null: the young person is not asked). */
  readonly youngPersonLabel: string | null;
  readonly hint?: string;
  readonly youngPersonHint?: string;
  readonly input: 'textarea' | 'text' | 'scale' | 'date' | 'radios' | 'checkbox';
  readonly maxLength?: number;
  /** Who writes it. The worker may type the young person's words alongside them, in their words. */
  readonly writtenBy: 'young_person' | 'worker';
  /** Which step of the review asks it (Gloucestershire letter: outcomes form → planning tool → plan). */
  readonly step: 'outcomes' | 'planning' | 'drafting';
}

export const AREA_FIELDS = {
  goingWell: {
    name: 'goingWell',
    staffLabel: 'What is going well (in the young person’s words)',
    youngPersonLabel: 'What is going well',
    input: 'textarea',
    maxLength: TEXT_LIMITS.youngPersonWords,
    writtenBy: 'young_person',
    step: 'planning',
  },
  worries: {
    name: 'worries',
    staffLabel: 'What worries them (in the young person’s words)',
    youngPersonLabel: 'What worries me',
    input: 'textarea',
    maxLength: TEXT_LIMITS.youngPersonWords,
    writtenBy: 'young_person',
    step: 'planning',
  },
  wants: {
    name: 'wants',
    staffLabel: 'What they want (in the young person’s words)',
    youngPersonLabel: 'What I want',
    input: 'textarea',
    maxLength: TEXT_LIMITS.youngPersonWords,
    writtenBy: 'young_person',
    step: 'planning',
  },
  youngPersonScale: {
    name: 'youngPersonScale',
    staffLabel: 'Young person’s scale (0 to 10)',
    youngPersonLabel: 'How are things going?',
    youngPersonHint: 'Choose a number from 0 to 10. 0 means really badly. 10 means really well.',
    input: 'scale',
    writtenBy: 'young_person',
    step: 'planning',
  },
  workerScale: {
    name: 'workerScale',
    staffLabel: 'Your scale (0 to 10)',
    youngPersonLabel: null,
    hint: 'Share your scaling and your reasons with the young person.',
    input: 'scale',
    writtenBy: 'worker',
    step: 'drafting',
  },
  scaleNotGivenReason: {
    name: 'scaleNotGivenReason',
    staffLabel: 'Why a scale was not given',
    youngPersonLabel: null,
    hint: 'For example, the young person did not want to score this area.',
    input: 'textarea',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
  assessmentOfNeed: {
    name: 'assessmentOfNeed',
    staffLabel: 'Assessment of need',
    youngPersonLabel: null,
    hint: 'Strengths, needs and risks, and the impact of their history. Use plain language: the young person will read this.',
    input: 'textarea',
    maxLength: TEXT_LIMITS.long,
    writtenBy: 'worker',
    step: 'outcomes',
  },
  progressSinceLastReview: {
    name: 'progressSinceLastReview',
    staffLabel: 'Progress since the last review',
    youngPersonLabel: null,
    hint: 'What has changed and what has been achieved since the last plan.',
    input: 'textarea',
    maxLength: TEXT_LIMITS.long,
    writtenBy: 'worker',
    step: 'outcomes',
  },
  goal: {
    name: 'goal',
    staffLabel: 'What the young person is working towards or sustaining',
    youngPersonLabel: 'What I am working towards',
    hint: 'A clear statement of the goal, and whether it needs to change.',
    input: 'textarea',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
  noActionsNeeded: {
    name: 'noActionsNeeded',
    staffLabel: 'No actions are needed in this area',
    youngPersonLabel: null,
    input: 'checkbox',
    writtenBy: 'worker',
    step: 'drafting',
  },
  noActionsReason: {
    name: 'noActionsReason',
    staffLabel: 'Why no actions are needed',
    youngPersonLabel: null,
    input: 'textarea',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
} as const satisfies Record<string, FieldDefinition>;

/** A SMART action: who will do what, how, by when, and how it helps (practice tips: SMART plans). */
export const ACTION_FIELDS = {
  what: {
    name: 'what',
    staffLabel: 'What will be done',
    youngPersonLabel: 'What will happen',
    input: 'textarea',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
  who: {
    name: 'who',
    staffLabel: 'Who will do it',
    youngPersonLabel: 'Who will do it',
    input: 'radios',
    writtenBy: 'worker',
    step: 'drafting',
  },
  whoName: {
    name: 'whoName',
    staffLabel: 'Name and role of the person who will do it',
    youngPersonLabel: 'Who',
    input: 'text',
    maxLength: TEXT_LIMITS.name,
    writtenBy: 'worker',
    step: 'drafting',
  },
  how: {
    name: 'how',
    staffLabel: 'How it will be done',
    youngPersonLabel: 'How',
    input: 'textarea',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
  byWhen: {
    name: 'byWhen',
    staffLabel: 'By when',
    youngPersonLabel: 'By when',
    hint: 'For example, 27 3 2027',
    input: 'date',
    writtenBy: 'worker',
    step: 'drafting',
  },
  howItHelps: {
    name: 'howItHelps',
    staffLabel: 'How this will help',
    youngPersonLabel: 'How this will help me',
    input: 'textarea',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
  status: {
    name: 'status',
    staffLabel: 'Status',
    youngPersonLabel: 'Is it done?',
    input: 'radios',
    writtenBy: 'worker',
    step: 'drafting',
  },
} as const satisfies Record<string, FieldDefinition>;

export const ACTION_OWNER_KINDS = ['young_person', 'adviser', 'other'] as const;
export type ActionOwnerKind = (typeof ACTION_OWNER_KINDS)[number];
export const ACTION_OWNER_NAMES: Record<ActionOwnerKind, { staff: string; youngPerson: string }> = {
  young_person: { staff: 'The young person', youngPerson: 'Me' },
  adviser: { staff: 'Personal adviser or social worker', youngPerson: 'My personal adviser or social worker' },
  other: { staff: 'Someone else', youngPerson: 'Someone else' },
};

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done', 'no_longer_needed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_NAMES: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  no_longer_needed: 'No longer needed',
};
/** Closed actions leave the live plan at the next review but stay in history (practice tips: SMART plans). */
export const CLOSED_ACTION_STATUSES: readonly ActionStatus[] = ['done', 'no_longer_needed'];

// ---------------------------------------------------------------------------
// Contingency (Sch 1 para 4; practice tips "musts": "in what circumstances it will be activated").

/** Examples offered to start the conversation; the plan records the young person's own circumstances. */
export const CONTINGENCY_TRIGGER_EXAMPLES: readonly { staff: string; youngPerson: string }[] = [
  { staff: 'Placement or tenancy breaks down, or notice is given', youngPerson: 'I lose my home or have to leave' },
  { staff: 'Loss of education, training or employment', youngPerson: 'I lose my job, course or apprenticeship' },
  { staff: 'Financial crisis or debt', youngPerson: 'I run out of money or get into debt' },
  { staff: 'Deterioration in physical or mental health', youngPerson: 'My health or mental health gets worse' },
  { staff: 'Loss of contact with the personal adviser', youngPerson: 'I lose touch with my personal adviser' },
  { staff: 'Custody, or release from custody', youngPerson: 'I go to prison or come out of prison' },
];

export const CONTINGENCY_FIELDS = {
  triggers: {
    name: 'triggers',
    staffLabel: 'When the contingency plan starts',
    youngPersonLabel: 'If this happens',
    hint: 'Add each circumstance that would start the contingency plan.',
    input: 'textarea',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
  circumstance: {
    name: 'circumstance',
    staffLabel: 'If this happens (optional)',
    youngPersonLabel: 'If this happens',
    input: 'text',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
  what: {
    name: 'what',
    staffLabel: 'What will be done',
    youngPersonLabel: 'What will happen',
    hint: 'A real action, not "make another plan".',
    input: 'textarea',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
  who: {
    name: 'who',
    staffLabel: 'Who will do it',
    youngPersonLabel: 'Who will do it',
    input: 'radios',
    writtenBy: 'worker',
    step: 'drafting',
  },
  how: {
    name: 'how',
    staffLabel: 'How it will be done (optional)',
    youngPersonLabel: 'How',
    input: 'textarea',
    maxLength: TEXT_LIMITS.short,
    writtenBy: 'worker',
    step: 'drafting',
  },
  howSoon: {
    name: 'howSoon',
    staffLabel: 'How soon',
    youngPersonLabel: 'How soon',
    hint: 'For example, the same day.',
    input: 'text',
    maxLength: TEXT_LIMITS.name,
    writtenBy: 'worker',
    step: 'drafting',
  },
} as const satisfies Record<string, FieldDefinition>;

// ---------------------------------------------------------------------------
// Accommodation suitability: Care Leavers (England) Regulations 2010 Schedule 2 (with reg 9).
// Each check is a question whose good answer is "yes".

export const SUITABILITY_CHECK_IDS = [
  'facilities',
  'repair',
  'safety',
  'location',
  'support',
  'tenancy',
  'affordability',
  'views',
  'rights',
  'funding',
] as const;
export type SuitabilityCheckId = (typeof SUITABILITY_CHECK_IDS)[number];

export interface SuitabilityCheck {
  readonly id: SuitabilityCheckId;
  readonly about: 'accommodation' | 'young_person';
  /** The Schedule 2 matter, as the regulation names it. */
  readonly matter: string;
  readonly question: string;
  readonly regulation: string;
  /**
   * A "no" to a matter about the accommodation makes it not suitable. A "no" to a matter
   * about the young person's views or understanding calls for support and a recorded
   * reason, not by itself a finding that the place is unsuitable (interpretation).
   */
  readonly noMeans: 'not_suitable' | 'support_needed';
}

const sch2 = (para: 1 | 2, letter: string) =>
  `Care Leavers (England) Regulations 2010, Schedule 2, paragraph ${para}(${letter})`;

export const SUITABILITY_CHECKS: readonly SuitabilityCheck[] = [
  {
    id: 'facilities',
    about: 'accommodation',
    matter: 'Facilities and services provided',
    question: 'Does it have the facilities and services the young person needs?',
    regulation: sch2(1, 'a'),
    noMeans: 'not_suitable',
  },
  {
    id: 'repair',
    about: 'accommodation',
    matter: 'State of repair',
    question: 'Is it in a good state of repair?',
    regulation: sch2(1, 'b'),
    noMeans: 'not_suitable',
  },
  {
    id: 'safety',
    about: 'accommodation',
    matter: 'Safety',
    question: 'Is it safe for the young person?',
    regulation: sch2(1, 'c'),
    noMeans: 'not_suitable',
  },
  {
    id: 'location',
    about: 'accommodation',
    matter: 'Location',
    question: 'Is the location right for them, for example near college, work, family and support?',
    regulation: sch2(1, 'd'),
    noMeans: 'not_suitable',
  },
  {
    id: 'support',
    about: 'accommodation',
    matter: 'Support provided',
    question: 'Is the support they need provided there?',
    regulation: sch2(1, 'e'),
    noMeans: 'not_suitable',
  },
  {
    id: 'tenancy',
    about: 'accommodation',
    matter: 'Tenancy status',
    question: 'Is their tenancy or licence secure and right for them?',
    regulation: sch2(1, 'f'),
    noMeans: 'not_suitable',
  },
  {
    id: 'affordability',
    about: 'accommodation',
    matter: 'Financial commitments and their affordability',
    question: 'Can they afford the financial commitments involved?',
    regulation: sch2(1, 'g'),
    noMeans: 'not_suitable',
  },
  {
    id: 'views',
    about: 'young_person',
    matter: 'The young person’s views about the accommodation',
    question: 'Is the young person happy to live there?',
    regulation: sch2(2, 'a'),
    noMeans: 'support_needed',
  },
  {
    id: 'rights',
    about: 'young_person',
    matter: 'Their understanding of their rights and responsibilities',
    question: 'Do they understand their rights and responsibilities there?',
    regulation: sch2(2, 'b'),
    noMeans: 'support_needed',
  },
  {
    id: 'funding',
    about: 'young_person',
    matter: 'Their understanding of funding arrangements',
    question: 'Do they understand how the accommodation is paid for?',
    regulation: sch2(2, 'c'),
    noMeans: 'support_needed',
  },
];

export const SUITABILITY_ANSWERS = ['yes', 'no', 'not_known'] as const;
export type SuitabilityAnswerValue = (typeof SUITABILITY_ANSWERS)[number];
export const SUITABILITY_ANSWER_NAMES: Record<SuitabilityAnswerValue, string> = {
  yes: 'Yes',
  no: 'No',
  not_known: 'Not known',
};

// ---------------------------------------------------------------------------
// Immigration: a plan for each possible outcome of the claim (UASC guidance; UNVERIFIED in the reference).

export const IMMIGRATION_OUTCOME_IDS = ['awaiting-decision', 'leave-granted', 'no-right-to-stay'] as const;
export type ImmigrationOutcomeId = (typeof IMMIGRATION_OUTCOME_IDS)[number];

export const IMMIGRATION_OUTCOMES: readonly {
  id: ImmigrationOutcomeId;
  staffTitle: string;
  youngPersonTitle: string;
}[] = [
  {
    id: 'awaiting-decision',
    staffTitle: 'While the claim or appeal is being decided',
    youngPersonTitle: 'While you wait for a decision',
  },
  {
    id: 'leave-granted',
    staffTitle: 'If leave to remain is granted',
    youngPersonTitle: 'If you get permission to stay in the UK',
  },
  {
    id: 'no-right-to-stay',
    staffTitle: 'If all appeal rights are exhausted',
    youngPersonTitle: 'If you are told you cannot stay in the UK',
  },
];
