// The case-file audit checklist (issue 10 §4: "plan started before 16, the young person's voice,
// contingency with real actions, money, health, education and PEP, work or training, contact, reviewed
// within 6 months, the young person has a copy, signed by both, SMART actions"), and the checks of an
// auditor's submission (a grade and follow-up actions for the worker).
import { describe, expect, it } from 'vitest';
import {
  AUDIT_CHECKLIST,
  AUDIT_ITEM_IDS,
  answerField,
  checkAudit,
  checklistEvidence,
  countAnswers,
  followUpField,
  noteField,
  type AuditInput,
  type AuditItemId,
  type CaseFile,
} from '../../../src/domain/audit/index.ts';
import { action, completeArea, completePlan, REVIEW } from '../plan/builders.ts';

const plan = (over: Partial<CaseFile['plan']> = {}): CaseFile['plan'] => ({
  versionNumber: 2,
  approvedOn: '2026-06-01',
  context: REVIEW,
  content: completePlan(REVIEW),
  youngPersonSignOff: { kind: 'signed_on_device', on: '2026-05-28' },
  workerSignature: { staffId: 'pa-1', role: 'personal_adviser', on: '2026-05-29' },
  ...over,
});
const caseFile = (over: Partial<CaseFile> = {}): CaseFile => ({
  plan: plan(),
  dateOfBirth: '2009-03-10', // 16 on 10 March 2025
  planningStartedOn: '2025-01-05',
  firstLookedAfterOn: '2020-01-01',
  lookedAfterOnApproval: false,
  previousApprovedOn: '2026-01-15',
  hasAccount: true,
  ...over,
});
const suggested = (file: CaseFile, item: AuditItemId) => checklistEvidence(file)[item].suggested;
const withContent = (edit: (c: ReturnType<typeof completePlan>) => void) => {
  const content = completePlan(REVIEW);
  edit(content);
  return caseFile({ plan: plan({ content }) });
};

describe('the checklist holds the twelve items of issue 10 §4, each worded and sourced', () => {
  it('in the order the issue lists them', () => {
    expect(AUDIT_CHECKLIST.map((i) => i.id)).toEqual([...AUDIT_ITEM_IDS]);
    expect(AUDIT_CHECKLIST).toHaveLength(12);
    for (const item of AUDIT_CHECKLIST) {
      expect(item.wording).toMatch(/\?$/);
      expect(item.source).not.toBe('');
    }
  });
  it('a complete, signed, timely plan meets every item its records can answer', () => {
    const evidence = checklistEvidence(caseFile());
    for (const id of AUDIT_ITEM_IDS) expect([id, evidence[id].suggested]).toEqual([id, 'met']);
  });
});

describe('evidence from Pathway’s records, item by item', () => {
  it.each<[string, AuditItemId, CaseFile, string | null]>([
    [
      'first plan started the day before the 16th birthday: met',
      'plan-started-before-16',
      caseFile({ planningStartedOn: '2025-03-09' }),
      'met',
    ],
    [
      'first plan started on the 16th birthday: not met',
      'plan-started-before-16',
      caseFile({ planningStartedOn: '2025-03-10' }),
      'not_met',
    ],
    [
      'first looked after on the 16th birthday: not applicable',
      'plan-started-before-16',
      caseFile({ firstLookedAfterOn: '2025-03-10', planningStartedOn: '2025-06-01' }),
      'not_applicable',
    ],
    [
      'no record of the first plan starting: the records cannot tell',
      'plan-started-before-16',
      caseFile({ planningStartedOn: null }),
      null,
    ],
    [
      'reviewed exactly 6 months after the plan before: met',
      'reviewed-within-6-months',
      caseFile({ previousApprovedOn: '2025-12-01' }),
      'met',
    ],
    [
      'reviewed 6 months and a day after: not met',
      'reviewed-within-6-months',
      caseFile({ previousApprovedOn: '2025-11-30' }),
      'not_met',
    ],
    [
      'the first plan: not applicable',
      'reviewed-within-6-months',
      caseFile({ previousApprovedOn: null }),
      'not_applicable',
    ],
    [
      'no account: the records cannot tell whether they have a copy',
      'young-person-has-copy',
      caseFile({ hasAccount: false }),
      null,
    ],
    [
      'the young person disagreed instead of signing: partly',
      'signed-by-both',
      caseFile({
        plan: plan({
          youngPersonSignOff: {
            kind: 'disagreement',
            inTheirWords: 'No',
            on: '2026-05-28',
            recordedBy: 'young_person',
          },
        }),
      }),
      'partly',
    ],
    [
      'signed on paper and by the worker: met',
      'signed-by-both',
      caseFile({
        plan: plan({
          youngPersonSignOff: {
            kind: 'signed_on_paper',
            signedOn: '2026-05-20',
            recordedBy: 'pa-1',
            recordedOn: '2026-05-21',
          },
        }),
      }),
      'met',
    ],
    [
      'neither signed: not met',
      'signed-by-both',
      caseFile({ plan: plan({ youngPersonSignOff: null, workerSignature: null }) }),
      'not_met',
    ],
    [
      'no financial arrangements: not met',
      'money',
      withContent((c) => {
        c.financialArrangements = ' ';
      }),
      'not_met',
    ],
    [
      'the young person’s words missing in one area: partly',
      'young-persons-voice',
      withContent((c) => {
        c.areas.identity = completeArea({
          youngPersonWords: { goingWell: '', worries: '', wants: '' },
          youngPersonScale: null,
        });
      }),
      'partly',
    ],
    [
      '“make a new plan” as the contingency: partly',
      'contingency',
      withContent((c) => {
        c.contingency.actions[0].what = 'Make a new plan';
      }),
      'partly',
    ],
    [
      'no contingency actions: not met',
      'contingency',
      withContent((c) => {
        c.contingency.actions = [];
      }),
      'not_met',
    ],
    [
      'health area empty: not met',
      'health',
      withContent((c) => {
        c.areas['health-and-wellbeing'] = completeArea({ assessmentOfNeed: '', goal: '', actions: [] });
      }),
      'not_met',
    ],
    [
      'work area with no goal: partly',
      'work-or-training',
      withContent((c) => {
        c.areas['employment-and-activity'] = completeArea({ goal: '' });
      }),
      'partly',
    ],
    [
      'no one in the support network: not met',
      'contact',
      withContent((c) => {
        c.supportNetwork = [];
      }),
      'not_met',
    ],
    [
      'one action without a date: partly',
      'smart-actions',
      withContent((c) => {
        c.areas.identity = completeArea({ actions: [action({ byWhen: '' })] });
      }),
      'partly',
    ],
    [
      'no actions at all: not met',
      'smart-actions',
      withContent((c) => {
        for (const a of Object.values(c.areas)) if (a) a.actions = [];
      }),
      'not_met',
    ],
  ])('%s', (_rule, item, file, expected) => {
    expect(suggested(file, item)).toBe(expected);
    expect(checklistEvidence(file)[item].text).not.toBe('');
  });

  it('an action due after approval is not counted as overdue: the checks run as at the approval date', () => {
    const file = withContent((c) => {
      c.areas.identity = completeArea({ actions: [action({ byWhen: '2026-06-02' })] });
    });
    expect(suggested(file, 'smart-actions')).toBe('met');
  });
  it('a looked-after young person: the education evidence asks for the personal education plan', () => {
    expect(checklistEvidence(caseFile({ lookedAfterOnApproval: true }))['education-and-pep'].text).toMatch(
      /personal education plan/,
    );
    expect(checklistEvidence(caseFile())['education-and-pep'].text).not.toMatch(/personal education plan/);
  });
  it('dates in the evidence are written as GOV.UK dates', () => {
    expect(checklistEvidence(caseFile())['reviewed-within-6-months'].text).toContain('15 January 2026');
  });
});

const TODAY = '2026-07-01';
const allMet = (): AuditInput['answers'] =>
  Object.fromEntries(AUDIT_ITEM_IDS.map((id) => [id, { answer: 'met', note: '' }]));
const blankFollowUp = { text: '', dueOn: null, dueError: null, dueTyped: false };
const input = (over: Partial<AuditInput> = {}): AuditInput => ({
  answers: allMet(),
  grade: 'good',
  followUps: [blankFollowUp, blankFollowUp, blankFollowUp],
  ...over,
});

describe('an auditor’s submission (issue 10 §4: a grade and follow-up actions for the worker)', () => {
  it('every item answered and a grade: accepted, empty follow-up rows ignored', () => {
    const result = checkAudit(input(), TODAY);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.answers).toHaveLength(12);
      expect(result.value.followUps).toEqual([]);
    }
  });
  it.each<[string, AuditInput, Record<string, string>]>([
    [
      'an item not answered',
      input({ answers: { ...allMet(), money: { answer: '', note: '' } } }),
      { [answerField('money')]: 'Select an answer for question 4' },
    ],
    [
      'an answer not on the list',
      input({ answers: { ...allMet(), money: { answer: 'maybe', note: '' } } }),
      { [answerField('money')]: 'Select an answer for question 4' },
    ],
    [
      'not met without a note',
      input({ answers: { ...allMet(), health: { answer: 'not_met', note: ' ' } } }),
      { [noteField('health')]: 'Enter a note saying what is missing for question 5' },
    ],
    ['no grade', input({ grade: '' }), { grade: 'Select a grade' }],
    [
      'graded inadequate with no follow-up action',
      input({ grade: 'inadequate' }),
      { [followUpField(1).text]: 'Enter at least one follow-up action for the worker when the plan is not yet good' },
    ],
    [
      'a follow-up due yesterday',
      input({ followUps: [{ text: 'Add money', dueOn: '2026-06-30', dueError: null, dueTyped: true }] }),
      { [followUpField(1).due]: 'The date follow-up action 1 is due must be today or in the future' },
    ],
    [
      'a follow-up with a date but no words',
      input({ followUps: [{ text: '', dueOn: '2026-07-30', dueError: null, dueTyped: true }] }),
      { [followUpField(1).text]: 'Enter follow-up action 1' },
    ],
    [
      'a follow-up with words but no date',
      input({ followUps: [{ text: 'Add money', dueOn: null, dueError: null, dueTyped: false }] }),
      { [followUpField(1).due]: 'Enter the date follow-up action 1 is due' },
    ],
  ])('%s', (_rule, given, expected) => {
    const result = checkAudit(given, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors).toEqual(expected);
  });
  it('a follow-up due today is accepted, partly met with a note is accepted', () => {
    const result = checkAudit(
      input({
        grade: 'requires_improvement',
        answers: { ...allMet(), money: { answer: 'partly', note: 'No amounts' } },
        followUps: [{ text: 'Add the weekly amounts', dueOn: TODAY, dueError: null, dueTyped: true }],
      }),
      TODAY,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { followUps: [{ position: 1, text: 'Add the weekly amounts', dueOn: TODAY }] },
    });
  });
  it('counts answers for the summary', () => {
    expect(
      countAnswers([{ answer: 'met' }, { answer: 'not_met' }, { answer: 'not_met' }, { answer: 'partly' }]),
    ).toEqual({
      met: 1,
      partly: 1,
      not_met: 2,
      not_applicable: 0,
    });
  });
});
