// Quality warnings from the practice tips ("what good looks like", "what inadequate looks
// like", SMART plans, My Voice) for the worker and the manager.
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  isNotARealAction,
  jargonIn,
  qualityWarnings,
  type PlanContent,
  type QualityCode,
} from '../../../src/domain/plan/index.ts';
import { action, completeArea, completePlan, REVIEW, TODAY, UASC_REVIEW } from './builders.ts';

const health =
  (over: Parameters<typeof completeArea>[0]) =>
  (p: PlanContent): PlanContent => ({ ...p, areas: { ...p.areas, 'health-and-wellbeing': completeArea(over) } });

describe('a complete, good plan has no warnings', () => {
  it.each([
    ['review', REVIEW],
    ['UASC review', UASC_REVIEW],
  ] as const)('%s', (_d, context) => expect(qualityWarnings(completePlan(context), context, TODAY)).toEqual([]));
});

describe('each check, with the standard it comes from', () => {
  type Row = [
    source: string,
    description: string,
    change: (p: PlanContent) => PlanContent,
    code: QualityCode,
    message: string,
  ];
  const rows: Row[] = [
    [
      'practice tips: SMART — who',
      'an action for "someone else" with no name',
      health({ actions: [action({ what: 'Book a dentist', who: { kind: 'other' } })] }),
      'action_missing_who',
      'Health, including mental health: ‘Book a dentist’ does not say who will do it.',
    ],
    [
      'practice tips: SMART — by when',
      'an action without a date',
      health({ actions: [action({ what: 'Book a dentist', byWhen: '' })] }),
      'action_missing_when',
      'Health, including mental health: ‘Book a dentist’ does not say by when.',
    ],
    [
      'practice tips: SMART — how, how it helps',
      'an action without how or how it helps',
      health({ actions: [action({ what: 'Book a dentist', how: '', howItHelps: ' ' })] }),
      'action_missing_detail',
      'Health, including mental health: ‘Book a dentist’ does not say how, how it will help.',
    ],
    [
      'practice tips: plans must be made in time and reviewed in time',
      'an open action past its date',
      health({ actions: [action({ what: 'Book a dentist', byWhen: '2026-03-03', status: 'in_progress' })] }),
      'action_date_passed',
      'Health, including mental health: ‘Book a dentist’ was due by 3 March 2026 and is not done. Update the date or the status.',
    ],
    [
      'Care Leavers Regs Sch 1 para 4; practice tips: real actions, not “make another plan”',
      'make another plan',
      (p) => ({
        ...p,
        contingency: {
          ...p.contingency,
          actions: [{ ...p.contingency.actions[0], what: 'Make another plan with the young person' }],
        },
      }),
      'contingency_not_a_real_action',
      'Contingency plan: ‘Make another plan with the young person’ is not a real action. Say what will actually happen, who will do it and how soon.',
    ],
    [
      'Care Leavers Regs Sch 1 para 4; practice tips “musts”: in what circumstances it will be activated',
      'no triggers',
      (p) => ({ ...p, contingency: { ...p.contingency, triggers: [] } }),
      'contingency_missing_triggers',
      'The contingency plan does not say in what circumstances it will start.',
    ],
    [
      'Care Leavers Regs Sch 1 para 4',
      'no contingency actions',
      (p) => ({ ...p, contingency: { ...p.contingency, actions: [] } }),
      'contingency_missing_actions',
      'The contingency plan has no actions. Say what will happen if something goes wrong.',
    ],
    [
      'practice tips: My Voice — the voice of the young person must be evident throughout',
      'no words or scale from the young person',
      health({ youngPersonWords: { goingWell: '', worries: '', wants: '' }, youngPersonScale: null }),
      'young_person_voice_missing',
      'Health, including mental health: the young person’s own words are missing.',
    ],
    [
      'practice tips: a clear statement of what they are working towards or sustaining',
      'no goal',
      health({ goal: '' }),
      'goal_missing',
      'Health, including mental health: there is no statement of what the young person is working towards or sustaining.',
    ],
    [
      'practice tips: inadequate — plans identify the need but not how to meet it',
      'a need with no open action',
      health({ actions: [action({ status: 'done' })] }),
      'need_without_action',
      'Health, including mental health: a need is assessed but no action says how it will be met.',
    ],
    [
      'practice tips: always use plain language and no jargon',
      '"LA" and "PWP" in an action',
      health({ actions: [action({ what: 'LA to fund gym pass per PWP' })] }),
      'jargon',
      'Health, including mental health: use plain words instead of ‘LA’, ‘PWP’. The young person reads this plan.',
    ],
    [
      'Care Leavers Regs reg 9, Sch 2',
      'unsuitable accommodation and no action',
      (p) => ({
        ...p,
        accommodationSuitability: { ...p.accommodationSuitability, safety: { answer: 'no', note: 'Damp' } },
        areas: {
          ...p.areas,
          accommodation: completeArea({ actions: [], noActionsNeeded: true, noActionsReason: 'x' }),
        },
      }),
      'unsuitable_accommodation_without_action',
      'Accommodation and its suitability: the accommodation is not suitable but no action says what will change.',
    ],
    [
      'Care Leavers Regs Sch 1 para 1; practice tips: identify the roles of each person',
      'nobody in the support network',
      (p) => ({ ...p, supportNetwork: [] }),
      'support_network_missing',
      'No one is named as supporting the young person. Say who they are and what each person will do.',
    ],
    [
      'Care Leavers Regs Sch 1 para 1; practice tips: identify the roles of each person',
      'a person without a role',
      (p) => ({ ...p, supportNetwork: [{ id: 'x', name: 'Aunt Jo', relationship: 'Aunt', roleInPlan: '' }] }),
      'support_role_missing',
      'Aunt Jo in the support network has no part in the plan. Say what they will do.',
    ],
    [
      'Care Leavers Regs Sch 1 para 8; practice tips “musts”: financial responsibilities',
      'no financial arrangements',
      (p) => ({ ...p, financialArrangements: '' }),
      'financial_arrangements_missing',
      'The plan does not say what financial support there is or who is responsible for what.',
    ],
  ];
  it.each(rows)('%s — %s', (_source, _d, change, code, message) => {
    const warnings = qualityWarnings(change(completePlan(REVIEW)), REVIEW, TODAY);
    expect(warnings.map((w) => w.code)).toEqual([code]);
    expect(warnings[0].message).toBe(message);
    expect(warnings[0].source).toBeTruthy();
  });
});

describe('what is not a warning', () => {
  it.each([
    ['an action due today', health({ actions: [action({ byWhen: TODAY })] })],
    [
      'a done action with a past date',
      health({ actions: [action({ byWhen: '2026-01-01', status: 'done' }), action()] }),
    ],
    [
      'no actions, with the reason why none are needed',
      health({ actions: [], noActionsNeeded: true, noActionsReason: 'Well; sustaining' }),
    ],
    ['“Lara” is a name, not “LA”', health({ goal: 'To visit Lara and Paul' })],
    [
      'the young person chose not to score, with their words and a reason',
      health({ youngPersonScale: null, scaleNotGivenReason: 'Did not want to' }),
    ],
  ])('%s', (_d, change) => expect(qualityWarnings(change(completePlan(REVIEW)), REVIEW, TODAY)).toEqual([]));
});

describe('practice tips: real actions, not “make another plan”', () => {
  it.each([
    ['Make another plan', true],
    ['PA to make a new plan', true],
    ['Review the plan at the next meeting', true],
    ['Reassess needs', true],
    ['To be discussed', true],
    ['Accommodation TBC', true],
    ['Emergency bed at Park Road supported lodgings the same day', false],
    ['Personal adviser phones the housing options team', false],
  ])('%s → %s', (text, expected) => expect(isNotARealAction(text)).toBe(expected));
});

describe('practice tips: plain language — abbreviations', () => {
  it.each([
    ['The LA will pay', ['LA']],
    ['See PWP and LAC review', ['PWP', 'LAC']],
    ['My PA will call', ['PA']],
    ['Lara and Paul', []],
    ['Plan with UASC team; NEET', ['UASC', 'NEET']],
  ])('%s → %j', (text, terms) => expect(jargonIn(text)).toEqual(terms));
});

describe('GOV.UK style dates in messages', () => {
  it.each([
    ['2026-03-03', '3 March 2026'],
    ['2025-12-25', '25 December 2025'],
  ])('%s → %s', (iso, text) => expect(formatDate(iso)).toBe(text));
});

describe('UASC guidance — the immigration area is checked like the others', () => {
  it('a missing goal in the immigration area is flagged only for a UASC plan', () => {
    const change = (p: PlanContent): PlanContent => ({
      ...p,
      areas: { ...p.areas, immigration: completeArea({ goal: '' }) },
    });
    expect(
      qualityWarnings(change(completePlan(UASC_REVIEW)), UASC_REVIEW, TODAY).map((w) => [w.code, w.areaId]),
    ).toEqual([['goal_missing', 'immigration']]);
    expect(qualityWarnings(change(completePlan(REVIEW)), REVIEW, TODAY)).toEqual([]);
  });
});
