// Issue 10, part 3: who may judge a plan, read judgements and mark an action done (permissions.ts), and the
// rules of a judgement (domain/plan/quality-judgement.ts), as tables.
import { describe, expect, it } from 'vitest';
import {
  canCompleteQualityAction,
  canJudgePlan,
  canReadJudgements,
  type Principal,
  type RecordFacts,
  type StaffRole,
} from '../../../src/domain/permissions.ts';
import { checkJudgement, isOverdue, type ActionInput } from '../../../src/domain/plan/index.ts';

const COUNCIL = 'c1';
const me = 'staff-me';
const record = (over: Partial<RecordFacts> = {}): RecordFacts => ({
  id: 'yp1',
  councilId: COUNCIL,
  teamId: 'team-a',
  socialWorkerId: null,
  personalAdviserId: 'pa-1',
  restricted: false,
  namedStaffIds: [],
  lookedAfterNow: false,
  ...over,
});
const staff = (role: StaffRole, teamId: string | null = 'team-a', councilId = COUNCIL): Principal => ({
  kind: 'staff',
  id: me,
  councilId,
  role,
  teamId,
  name: 'Me',
});

describe('canJudgePlan: IROs the plans they may see, team managers their own team’s', () => {
  it.each([
    ['team manager, own team', staff('team_manager'), record(), true],
    ['team manager, another team', staff('team_manager', 'team-b'), record(), false],
    [
      'team manager, allocated to a case in another team',
      staff('team_manager', 'team-b'),
      record({ personalAdviserId: me }),
      false,
    ],
    ['team manager, another council', staff('team_manager', 'team-a', 'c2'), record(), false],
    ['team manager, restricted record not naming them', staff('team_manager'), record({ restricted: true }), false],
    ['IRO, looked after now', staff('independent_reviewing_officer', null), record({ lookedAfterNow: true }), true],
    ['IRO, not looked after', staff('independent_reviewing_officer', null), record(), false],
    ['service manager (reads only)', staff('service_manager', null), record(), false],
    ['personal adviser, allocated', staff('personal_adviser'), record({ personalAdviserId: me }), false],
    ['social worker', staff('social_worker'), record({ socialWorkerId: me }), false],
    ['council administrator', staff('council_admin'), record(), false],
  ] as const)('%s → %s', (_name, who, facts, expected) => {
    expect(canJudgePlan(who, facts)).toBe(expected);
  });
});

describe('canReadJudgements: staff who may see the record, not administrators or the young person', () => {
  it.each([
    ['service manager', staff('service_manager', null), record(), true],
    ['personal adviser, same team', staff('personal_adviser'), record(), true],
    ['personal adviser, other team', staff('personal_adviser', 'team-b'), record(), false],
    ['council administrator', staff('council_admin'), record(), false],
    [
      'the young person',
      { kind: 'young_person', id: 'yp1', councilId: COUNCIL, name: 'A' } as Principal,
      record(),
      false,
    ],
  ] as const)('%s → %s', (_name, who, facts, expected) => {
    expect(canReadJudgements(who, facts)).toBe(expected);
  });
});

describe('canCompleteQualityAction: the worker it is for, or a manager', () => {
  it.each([
    ['the worker it is for', staff('personal_adviser'), me, true],
    ['another worker in the team', staff('personal_adviser'), 'pa-1', false],
    ['the team manager', staff('team_manager'), 'pa-1', true],
    ['a team manager of another team', staff('team_manager', 'team-b'), 'pa-1', false],
    ['a service manager', staff('service_manager', null), 'pa-1', true],
    ['the worker, in another council', staff('personal_adviser', 'team-a', 'c2'), me, false],
  ] as const)('%s → %s', (_name, who, workerId, expected) => {
    expect(canCompleteQualityAction(who, workerId, record())).toBe(expected);
  });
});

const TODAY = '2026-11-23';
const action = (over: Partial<ActionInput> = {}): ActionInput => ({
  text: 'Add real contingency actions',
  workerId: 'pa-1',
  dueOn: '2026-12-10',
  dueError: null,
  dueTyped: true,
  ...over,
});
const empty: ActionInput = { text: '', workerId: 'pa-1', dueOn: null, dueError: null, dueTyped: false };
const judgement = (over: Record<string, unknown> = {}) => ({
  grade: 'requires_improvement',
  whatIsGood: 'Her words are everywhere.',
  whatMustImprove: 'Contingency.',
  actions: [action(), empty, empty],
  ...over,
});
const errorsOf = (input: ReturnType<typeof judgement>) => {
  const result = checkJudgement(input, ['pa-1'], TODAY);
  return result.ok ? {} : result.fieldErrors;
};

describe('checkJudgement', () => {
  it('accepts a judgement with one action, ignoring empty rows, and numbers actions by their row', () => {
    const result = checkJudgement(judgement({ actions: [empty, action()] }), ['pa-1'], TODAY);
    expect(result).toEqual({
      ok: true,
      value: {
        grade: 'requires_improvement',
        whatIsGood: 'Her words are everywhere.',
        whatMustImprove: 'Contingency.',
        actions: [{ position: 2, text: 'Add real contingency actions', workerId: 'pa-1', dueOn: '2026-12-10' }],
      },
    });
  });

  it.each([
    ['no grade', { grade: '' }, 'grade', 'Select a grade'],
    ['a grade not on the scale', { grade: 'excellent' }, 'grade', 'Select a grade'],
    ['nothing good written', { whatIsGood: '   ' }, 'whatIsGood', 'Enter what is good about the plan'],
    ['nothing to improve written', { whatMustImprove: '' }, 'whatMustImprove', 'Enter what must improve'],
    [
      'a due date yesterday',
      { actions: [action({ dueOn: '2026-11-22' })] },
      'action1Due',
      'The date action 1 is due must be today or in the future',
    ],
    [
      'a date that is not real',
      { actions: [action({ dueOn: null, dueError: 'The date action 1 is due must be a real date' })] },
      'action1Due',
      'The date action 1 is due must be a real date',
    ],
    [
      'an action with no date',
      { actions: [action({ dueOn: null, dueTyped: false })] },
      'action1Due',
      'Enter the date action 1 is due',
    ],
    ['a date with no action', { actions: [action({ text: '' })] }, 'action1Text', 'Enter action 1'],
    [
      'a worker not offered',
      { actions: [action({ workerId: 'someone' })] },
      'action1Worker',
      'Select who action 1 is for',
    ],
    [
      'inadequate with no action',
      { grade: 'inadequate', actions: [empty] },
      'action1Text',
      'Enter at least one action for the worker when the plan is not yet good',
    ],
  ] as const)('%s', (_name, over, field, message) => {
    expect(errorsOf(judgement(over as Record<string, unknown>))[field]).toBe(message);
  });

  it('accepts a due date of today, and a good plan with no actions', () => {
    expect(checkJudgement(judgement({ actions: [action({ dueOn: TODAY })] }), ['pa-1'], TODAY).ok).toBe(true);
    expect(checkJudgement(judgement({ grade: 'good', actions: [empty] }), ['pa-1'], TODAY).ok).toBe(true);
  });
});

describe('isOverdue', () => {
  it.each([
    ['due yesterday, open', '2026-11-22', null, true],
    ['due today, open', TODAY, null, false],
    ['due yesterday, done', '2026-11-22', new Date('2026-11-22T10:00:00Z'), false],
  ] as const)('%s → %s', (_name, dueOn, doneAt, expected) => {
    expect(isOverdue({ dueOn, doneAt }, TODAY)).toBe(expected);
  });
});
