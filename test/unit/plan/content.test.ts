// Plan content: schemas and their GOV.UK messages, reg 42(2) considerations, the Schedule 2
// suitability judgement, and the task-list status of each area.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  actionOwnerSchema,
  applicableConsiderations,
  approvalSchema,
  areaContentSchema,
  areaProgress,
  AREA_IDS,
  AREAS,
  contingencySchema,
  disagreementSchema,
  emptyPlanContent,
  IMMIGRATION_OUTCOME_IDS,
  judgeSuitability,
  NEEDS_ASSESSMENT_CONSIDERATIONS,
  outcomesFormMissing,
  paperSignatureSchema,
  participationSchema,
  planContentSchema,
  returnSchema,
  scaleSchema,
  smartActionSchema,
  SPECIAL_CONTENT,
  suitabilityAnswerSchema,
  suitabilityDigit903,
  SUITABILITY_CHECK_IDS,
  supportPersonSchema,
  taskList,
  withAreaEdit,
  youngPersonWordsSchema,
  type AreaContent,
  type AreaId,
  type PlanContent,
  type SuitabilityAnswers,
  type SuitabilityCheckId,
} from '../../../src/domain/plan/index.ts';
import { action, completeArea, completePlan, FIRST, REVIEW, TODAY, UASC_REVIEW } from './builders.ts';

const firstError = (schema: z.ZodType, input: unknown): [string, string] | null => {
  const r = schema.safeParse(input);
  return r.success ? null : [r.error.issues[0].path.join('.'), r.error.issues[0].message];
};
const validAction = {
  id: 'a1',
  what: 'Apply for a provisional driving licence',
  who: { kind: 'young_person' },
  how: 'Online with my personal adviser',
  byWhen: '2026-07-01',
  howItHelps: 'I can learn to drive for work',
};

describe('schemas give GOV.UK-style error messages', () => {
  type Row = [
    source: string,
    description: string,
    schema: z.ZodType,
    input: unknown,
    expected: [string, string] | null,
  ];
  const action = smartActionSchema({ today: TODAY });
  const rows: Row[] = [
    ['practice tips: SMART actions', 'a complete action', action, validAction, null],
    [
      'practice tips: SMART actions — what',
      'no "what"',
      action,
      { ...validAction, what: '  ' },
      ['what', 'Enter what will be done'],
    ],
    [
      'practice tips: SMART actions — who',
      'no owner',
      action,
      { ...validAction, who: {} },
      ['who.kind', 'Select who will do it'],
    ],
    [
      'practice tips: SMART actions — who',
      '"someone else" with no name',
      action,
      { ...validAction, who: { kind: 'other' } },
      ['who.name', 'Enter the name and role of the person who will do it'],
    ],
    [
      'practice tips: SMART actions — how',
      'no "how"',
      action,
      { ...validAction, how: '' },
      ['how', 'Enter how it will be done'],
    ],
    [
      'practice tips: SMART actions — by when',
      'no date',
      action,
      { ...validAction, byWhen: '' },
      ['byWhen', 'Enter the date it will be done by'],
    ],
    [
      'practice tips: SMART actions — by when',
      'not a real date',
      action,
      { ...validAction, byWhen: '2026-02-30' },
      ['byWhen', 'Enter a real date'],
    ],
    [
      'practice tips: SMART actions — timely',
      'an open action dated today',
      action,
      { ...validAction, byWhen: TODAY },
      ['byWhen', 'Enter a date in the future'],
    ],
    [
      'practice tips: SMART actions — timely',
      'an open action dated in the past',
      action,
      { ...validAction, byWhen: '2026-01-01' },
      ['byWhen', 'Enter a date in the future'],
    ],
    [
      'practice tips: SMART actions — timely',
      'a done action dated in the past is history, not a new date',
      action,
      { ...validAction, byWhen: '2026-01-01', status: 'done' },
      null,
    ],
    [
      'practice tips: SMART actions — timely',
      'a stored plan re-read without today',
      smartActionSchema(),
      { ...validAction, byWhen: '2026-01-01' },
      null,
    ],
    [
      'practice tips: SMART actions — how it helps',
      'no "how it helps"',
      action,
      { ...validAction, howItHelps: '' },
      ['howItHelps', 'Enter how this will help'],
    ],
    [
      'practice tips: SMART actions',
      'what over 1,000 characters',
      action,
      { ...validAction, what: 'x'.repeat(1001) },
      ['what', 'What will be done must be 1,000 characters or fewer'],
    ],
    ['practice tips: My Voice', 'the young person’s words are optional', youngPersonWordsSchema, {}, null],
    [
      'practice tips: My Voice',
      'their words have a limit',
      youngPersonWordsSchema,
      { worries: 'x'.repeat(2001) },
      ['worries', 'What worries me must be 2,000 characters or fewer'],
    ],
    [
      'practice tips: no actions needed needs a reason',
      '"no actions needed" without a reason',
      areaContentSchema(),
      { noActionsNeeded: true },
      ['noActionsReason', 'Enter why no actions are needed'],
    ],
    [
      'Care Leavers Regs Sch 1 para 1: who provides support',
      'support person without a role',
      supportPersonSchema,
      { id: 'p', name: 'Jo', relationship: 'Aunt', roleInPlan: '' },
      ['roleInPlan', 'Enter what they will do to support the young person'],
    ],
    [
      'Care Leavers Regs Sch 1 para 4: contingency',
      'contingency action without "how soon"',
      contingencySchema,
      {
        triggers: ['I lose my flat'],
        actions: [{ id: 'c', what: 'Emergency bed', who: { kind: 'adviser' }, howSoon: '' }],
      },
      ['actions.0.howSoon', 'Enter how soon it will be done'],
    ],
    [
      'Care Leavers Regs Sch 1 para 4: contingency',
      'an empty trigger',
      contingencySchema,
      { triggers: [' '] },
      ['triggers.0', 'Enter the circumstance that would start the contingency plan'],
    ],
    [
      'Care Leavers Regs Sch 2: suitability',
      'no answer',
      suitabilityAnswerSchema,
      {},
      ['answer', 'Select yes, no or not known'],
    ],
    [
      'Care Leavers Regs Sch 2: suitability',
      '"no" without a note',
      suitabilityAnswerSchema,
      { answer: 'no' },
      ['note', 'Enter what the problem is and what will be done about it'],
    ],
    [
      'Care Leavers Regs regs 4–6: young person involved',
      'participation not given',
      participationSchema,
      {},
      ['ways', 'Select how the young person took part'],
    ],
    [
      'practice tips “musts”: if the young person cannot engage, others who know them',
      'did not take part, no reason',
      participationSchema,
      { ways: ['did_not_take_part'], othersConsulted: 'Carer' },
      ['didNotTakePartReason', 'Enter why the young person did not take part'],
    ],
    [
      'practice tips “musts”: if the young person cannot engage, others who know them',
      'did not take part, nobody else asked',
      participationSchema,
      { ways: ['did_not_take_part'], didNotTakePartReason: 'In hospital' },
      ['othersConsulted', 'Enter who you spoke to who knows the young person'],
    ],
    [
      'GOV.UK exclusive checkbox',
      'did not take part and in person',
      participationSchema,
      { ways: ['did_not_take_part', 'in_person'], didNotTakePartReason: 'x', othersConsulted: 'y' },
      ['ways', 'Select how the young person took part, or select ‘They did not take part’'],
    ],
    [
      'issue 4: approval records a quality rating',
      'approval without rating',
      approvalSchema,
      { feedback: 'Good' },
      ['rating', 'Select a quality rating'],
    ],
    [
      'issue 4: approval records feedback',
      'approval without feedback',
      approvalSchema,
      { rating: 'good', feedback: '' },
      ['feedback', 'Enter feedback for the worker'],
    ],
    [
      'issue 4: return requires a reason',
      'return without reason',
      returnSchema,
      { reason: ' ' },
      ['reason', 'Enter why you are returning the plan'],
    ],
    [
      'Volume 3 guidance: disagreement recorded',
      'disagreement without words',
      disagreementSchema,
      { inTheirWords: '' },
      ['inTheirWords', 'Enter what you do not agree with'],
    ],
    [
      'issue 4: signed on paper with the date',
      'paper signature in the future',
      paperSignatureSchema(TODAY),
      { signedOn: '2026-06-02' },
      ['signedOn', 'The date must be today or in the past'],
    ],
    [
      'issue 4: signed on paper with the date',
      'paper signature today',
      paperSignatureSchema(TODAY),
      { signedOn: TODAY },
      null,
    ],
  ];
  it.each(rows)('%s — %s', (_source, _description, schema, input, expected) => {
    expect(firstError(schema, input)).toEqual(expected);
  });

  it('a form’s "other" owner keeps the name; other owners drop it', () => {
    expect(actionOwnerSchema.parse({ kind: 'other', name: ' Jo Smith, housing officer ' })).toEqual({
      kind: 'other',
      name: 'Jo Smith, housing officer',
    });
    expect(actionOwnerSchema.parse({ kind: 'adviser', name: 'ignored' })).toEqual({ kind: 'adviser' });
  });
  it('a stored complete plan parses back to itself', () => {
    const plan = completePlan(UASC_REVIEW);
    expect(planContentSchema().parse(plan)).toEqual(plan);
  });
  it('an empty body parses to an empty plan', () => {
    expect(planContentSchema().parse({})).toEqual(emptyPlanContent());
  });
});

describe('issue 4: the young person and the worker rate how things are going 0–10', () => {
  it.each([
    [0, 0],
    [10, 10],
    ['7', 7],
    [' 3 ', 3],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => expect(scaleSchema.parse(input)).toBe(expected));
  it.each([[11], [-1], [3.5], ['seven'], ['7.5'], [true]])('%j → "Scale must be a number from 0 to 10"', (input) => {
    expect(firstError(scaleSchema, input)).toEqual(['', 'Scale must be a number from 0 to 10']);
  });
});

describe('CPPCR 2010 reg 42(2) — considerations for a first needs assessment', () => {
  it.each([
    ['health-and-development', /health \(physical, emotional and mental\) and development/],
    ['education-training-employment', /education, training or employment/],
    ['support-from-family-and-others', /family and other connected people/],
    ['finances', /financial resources.*manage their money/],
    ['independent-living-skills', /skills they have for living independently/],
    ['care-support-and-accommodation', /continuing care, support and accommodation/],
    ['wishes-and-feelings', /wishes and feelings of the young person, their parents .* and their carer/],
    ['views-of-others', /school or college, independent reviewing officer, personal adviser, health professionals/],
  ])('reg 42(2) — %s', (id, wording) => {
    const c = NEEDS_ASSESSMENT_CONSIDERATIONS.find((x) => x.id === id)!;
    expect(c.wording).toMatch(wording);
    expect(c.regulation).toBe('Care Planning, Placement and Case Review (England) Regulations 2010, regulation 42(2)');
  });
  it.each([
    [false, 8],
    [true, 9],
  ])('reg 42(2)(ba) — immigration needs considered when UASC is %s (%i considerations)', (uasc, count) => {
    expect(applicableConsiderations({ uasc })).toHaveLength(count);
    expect(applicableConsiderations({ uasc }).some((c) => c.id === 'immigration-status')).toBe(uasc);
  });
});

describe('Care Leavers Regs 2010 reg 9 and Sch 2 — suitability judgement', () => {
  const all = (answer: 'yes' | 'no' | 'not_known'): SuitabilityAnswers =>
    Object.fromEntries(SUITABILITY_CHECK_IDS.map((id) => [id, { answer, note: '' }]));
  const withAnswer = (id: SuitabilityCheckId, answer: 'yes' | 'no' | 'not_known'): SuitabilityAnswers => ({
    ...all('yes'),
    [id]: { answer, note: 'x' },
  });
  const without = (id: SuitabilityCheckId): SuitabilityAnswers =>
    Object.fromEntries(Object.entries(all('yes')).filter(([k]) => k !== id));
  it.each<
    [
      string,
      SuitabilityAnswers,
      string,
      Partial<Record<'notSuitableBecause' | 'supportNeeded' | 'notKnown' | 'unanswered', string[]>>,
    ]
  >([
    ['Sch 2 para 1 — every matter "yes"', all('yes'), 'suitable', {}],
    ['Sch 2 para 1(c) — not safe', withAnswer('safety', 'no'), 'not_suitable', { notSuitableBecause: ['safety'] }],
    [
      'Sch 2 para 1(g) — not affordable',
      withAnswer('affordability', 'no'),
      'not_suitable',
      { notSuitableBecause: ['affordability'] },
    ],
    [
      'Sch 2 para 1 — a known failing decides even with gaps',
      { ...withAnswer('repair', 'no'), location: { answer: 'not_known', note: '' } },
      'not_suitable',
      { notSuitableBecause: ['repair'], notKnown: ['location'] },
    ],
    [
      'Sch 2 para 2(b) — does not understand rights: support, not unsuitable',
      withAnswer('rights', 'no'),
      'suitable',
      { supportNeeded: ['rights'] },
    ],
    [
      'Sch 2 para 2(a) — not happy there: support and a reason',
      withAnswer('views', 'no'),
      'suitable',
      { supportNeeded: ['views'] },
    ],
    ['Sch 2 — a matter not known', withAnswer('tenancy', 'not_known'), 'not_yet_decided', { notKnown: ['tenancy'] }],
    ['Sch 2 — a matter not answered', without('support'), 'not_yet_decided', { unanswered: ['support'] }],
    ['Sch 2 — nothing answered', {}, 'not_yet_decided', { unanswered: [...SUITABILITY_CHECK_IDS] }],
  ])('%s → %s', (_source, answers, judgement, lists) => {
    const result = judgeSuitability(answers);
    expect(result.judgement).toBe(judgement);
    expect(result).toMatchObject({ notSuitableBecause: [], supportNeeded: [], notKnown: [], unanswered: [], ...lists });
  });
  it.each([
    ['suitable', '1'],
    ['not_suitable', '2'],
    ['not_yet_decided', null],
  ] as const)('SSDA903 ACCOM suitability digit (reference §3.2): %s → %s', (judgement, digit) =>
    expect(suitabilityDigit903(judgement)).toBe(digit),
  );
});

describe('task list: when is an area completed', () => {
  const plan = (areaId: AreaId, area: Partial<AreaContent> | null, over: Partial<PlanContent> = {}): PlanContent => {
    const base = completePlan(REVIEW);
    const areas = { ...base.areas };
    if (area === null) delete areas[areaId];
    else areas[areaId] = completeArea(area);
    return { ...base, areas, ...over };
  };
  type Row = [source: string, description: string, content: PlanContent, status: string, missingField?: string];
  const rows: Row[] = [
    [
      'practice tips: SMART plans',
      'goal, assessment, both scales and an action',
      plan('education-and-training', {}),
      'completed',
    ],
    [
      'issue 4: nothing written yet',
      'an empty area',
      plan('education-and-training', null),
      'not_started',
      'areas.education-and-training.assessmentOfNeed',
    ],
    [
      'practice tips: a clear statement of what they are working towards or sustaining',
      'no goal',
      plan('education-and-training', { goal: '' }),
      'in_progress',
      'areas.education-and-training.goal',
    ],
    [
      'Gloucestershire letter: outcomes form records the assessment of need',
      'no assessment of need',
      plan('education-and-training', { assessmentOfNeed: '' }),
      'in_progress',
      'areas.education-and-training.assessmentOfNeed',
    ],
    [
      'Gloucestershire letter: outcomes form records the review of progress',
      'no progress since last review',
      plan('education-and-training', { progressSinceLastReview: '' }),
      'in_progress',
      'areas.education-and-training.progressSinceLastReview',
    ],
    [
      'issue 4: both scales or a reason',
      'young person’s scale missing',
      plan('education-and-training', { youngPersonScale: null }),
      'in_progress',
      'areas.education-and-training.workerScale',
    ],
    [
      'issue 4: both scales or a reason',
      'scales missing with a reason',
      plan('education-and-training', {
        youngPersonScale: null,
        workerScale: null,
        scaleNotGivenReason: 'Did not want to score this',
      }),
      'completed',
    ],
    [
      'issue 4: at least one action',
      'no actions',
      plan('education-and-training', { actions: [] }),
      'in_progress',
      'areas.education-and-training.actions',
    ],
    [
      'issue 4: at least one action',
      'only an action no longer needed',
      plan('education-and-training', { actions: [action({ status: 'no_longer_needed' })] }),
      'in_progress',
      'areas.education-and-training.actions',
    ],
    [
      'issue 4: unless "no actions needed" with a reason',
      'no actions needed, with a reason',
      plan('education-and-training', {
        actions: [],
        noActionsNeeded: true,
        noActionsReason: 'Settled at university; sustaining',
      }),
      'completed',
    ],
    [
      'issue 4: unless "no actions needed" with a reason',
      'no actions needed, no reason',
      plan('education-and-training', { actions: [], noActionsNeeded: true }),
      'in_progress',
      'areas.education-and-training.actions',
    ],
    [
      'practice tips: My Voice — only the young person has written',
      'young person’s words only',
      plan('education-and-training', { ...emptyArea(), youngPersonScale: 3 }),
      'in_progress',
    ],
  ];
  it.each(rows)('%s — %s → %s', (_source, _d, content, status, missingField) => {
    const progress = areaProgress('education-and-training', content, REVIEW);
    expect(progress.status).toBe(status);
    if (missingField) expect(progress.missing.map((m) => m.field)).toContain(missingField);
  });

  it('first plan: progress since last review is not asked', () => {
    const content = plan('education-and-training', { progressSinceLastReview: '' });
    expect(areaProgress('education-and-training', content, FIRST).status).toBe('completed');
  });

  type SpecialRow = [source: string, areaId: AreaId, content: PlanContent, status: string, missingField: string | null];
  const base = completePlan(UASC_REVIEW);
  const specialRows: SpecialRow[] = [
    [
      'Care Leavers Regs Sch 1 para 1 — who provides support',
      'contact-and-support',
      { ...base, supportNetwork: [] },
      'in_progress',
      'supportNetwork',
    ],
    [
      'Care Leavers Regs Sch 1 para 8 — financial support',
      'financial-support',
      { ...base, financialArrangements: ' ' },
      'in_progress',
      'financialArrangements',
    ],
    [
      'Care Leavers Regs Sch 1 para 5, Sch 2 — suitability decided',
      'accommodation',
      {
        ...base,
        accommodationSuitability: { ...base.accommodationSuitability, safety: { answer: 'not_known', note: '' } },
      },
      'in_progress',
      'accommodationSuitability',
    ],
    [
      'Care Leavers Regs Sch 1 para 5, Sch 2 — "not suitable" is a decision',
      'accommodation',
      {
        ...base,
        accommodationSuitability: { ...base.accommodationSuitability, safety: { answer: 'no', note: 'Damp' } },
      },
      'completed',
      null,
    ],
    [
      'Care Leavers Regs Sch 1 para 4 — contingency triggers',
      'contingency',
      { ...base, contingency: { ...base.contingency, triggers: [] } },
      'in_progress',
      'contingency.triggers',
    ],
    [
      'Care Leavers Regs Sch 1 para 4 — contingency actions',
      'contingency',
      { ...base, contingency: { ...base.contingency, actions: [] } },
      'in_progress',
      'contingency.actions',
    ],
    ['Care Leavers Regs Sch 1 para 4 — contingency complete', 'contingency', base, 'completed', null],
    [
      'Care Leavers Regs Sch 1 para 4 — contingency not started',
      'contingency',
      { ...base, contingency: { triggers: [], actions: [] } },
      'not_started',
      'contingency.triggers',
    ],
    [
      'UASC guidance — a plan for each outcome',
      'immigration',
      { ...base, immigrationOutcomes: { 'leave-granted': 'x', 'awaiting-decision': 'y' } },
      'in_progress',
      'immigrationOutcomes.no-right-to-stay',
    ],
    ['UASC guidance — all three outcomes planned', 'immigration', base, 'completed', null],
  ];
  it.each(specialRows)('%s (%s) → %s', (_source, areaId, content, status, missingField) => {
    const progress = areaProgress(areaId, content, UASC_REVIEW);
    expect(progress.status).toBe(status);
    if (missingField) expect(progress.missing.map((m) => m.field)).toContain(missingField);
    else expect(progress.missing).toEqual([]);
  });

  it.each([
    [REVIEW, 10],
    [UASC_REVIEW, 11],
  ])('the task list has one row per area in this plan', (context, rows) => {
    const list = taskList(completePlan(context), context);
    expect(list).toHaveLength(rows);
    expect(list.every((s) => s.status === 'completed')).toBe(true);
  });
  it('a new plan is all "not started"', () => {
    expect(taskList(emptyPlanContent(), FIRST).map((s) => s.status)).toEqual(Array(10).fill('not_started'));
  });
});

describe('Gloucestershire letter: the outcomes form starts the review', () => {
  it('review: every area needs an assessment of need and progress since the last review', () => {
    const missing = outcomesFormMissing(emptyPlanContent(), REVIEW).map((m) => m.field);
    expect(missing).toContain('areas.health-and-wellbeing.assessmentOfNeed');
    expect(missing).toContain('areas.health-and-wellbeing.progressSinceLastReview');
    expect(missing.some((f) => f.startsWith('areas.contingency'))).toBe(false);
    expect(missing.some((f) => f.startsWith('needsAssessmentConsiderations'))).toBe(false);
  });
  it('CPPCR reg 42(2) — a first assessment considers each matter instead of progress', () => {
    const missing = outcomesFormMissing(emptyPlanContent(), FIRST).map((m) => m.field);
    expect(missing).toContain('needsAssessmentConsiderations.wishes-and-feelings');
    expect(missing).not.toContain('needsAssessmentConsiderations.immigration-status');
    expect(missing.some((f) => f.endsWith('progressSinceLastReview'))).toBe(false);
  });
  it('CPPCR reg 42(2)(ba) — for a UASC first assessment, immigration needs too', () => {
    const missing = outcomesFormMissing(emptyPlanContent(), { uasc: true, firstPlan: true }).map((m) => m.field);
    expect(missing).toContain('needsAssessmentConsiderations.immigration-status');
    expect(missing).toContain('areas.immigration.assessmentOfNeed');
  });
  it('a complete plan leaves nothing missing', () => {
    expect(outcomesFormMissing(completePlan(FIRST), FIRST)).toEqual([]);
    expect(outcomesFormMissing(completePlan(UASC_REVIEW), UASC_REVIEW)).toEqual([]);
  });
});

function emptyArea(): Partial<AreaContent> {
  return {
    youngPersonScale: null,
    workerScale: null,
    assessmentOfNeed: '',
    progressSinceLastReview: '',
    goal: '',
    actions: [],
    youngPersonWords: { goingWell: '', worries: '', wants: '' },
  };
}

describe('saving one area never undoes another (issue 7: lost saves when two parts are saved at once)', () => {
  // The page was opened on an old copy of the plan; meanwhile every part was saved by someone else.
  const opened = completePlan(UASC_REVIEW);
  const savedSince: PlanContent = {
    ...completePlan(UASC_REVIEW),
    supportNetwork: [{ id: 'p-new', name: 'Saved since', relationship: 'Friend', roleInPlan: 'Saved since' }],
    financialArrangements: 'Saved since',
    contingency: { triggers: ['Saved since'], actions: [] },
    accommodationSuitability: {},
    immigrationOutcomes: Object.fromEntries(IMMIGRATION_OUTCOME_IDS.map((id) => [id, 'Saved since'])),
    needsAssessmentConsiderations: { finances: 'Saved since' },
    areas: Object.fromEntries(AREA_IDS.map((id) => [id, completeArea({ goal: `Saved since in ${id}` })])),
  };
  const specialOf = (id: AreaId) => AREAS.find((a) => a.id === id)!.special;

  it.each(AREA_IDS.map((id) => [id, specialOf(id) ?? 'none'] as const))(
    '%s (special part: %s) writes only its own parts',
    (id, special) => {
      const edited: PlanContent = {
        ...opened,
        areas: { ...opened.areas, [id]: completeArea({ goal: `Edited ${id}` }) },
      };
      const next = withAreaEdit(savedSince, edited, id);
      expect(next.areas[id]!.goal).toBe(`Edited ${id}`);
      for (const other of AREA_IDS.filter((a) => a !== id))
        expect(next.areas[other]!.goal).toBe(`Saved since in ${other}`);
      expect(next.needsAssessmentConsiderations).toEqual(savedSince.needsAssessmentConsiderations);
      for (const [s, key] of Object.entries(SPECIAL_CONTENT)) {
        expect(next[key]).toEqual(s === special ? edited[key] : savedSince[key]);
      }
    },
  );
});
