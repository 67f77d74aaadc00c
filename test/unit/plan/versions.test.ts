// Versions: the approved plan is kept as approved; the next review starts from it without
// closed actions; progress since last review is the difference between versions (DESIGN.md:
// the review cycle; practice tips: SMART plans).
import { describe, expect, it } from 'vitest';
import {
  approvedVersion,
  completedActionsHistory,
  compareScales,
  FIELDS_ANSWERED_AFRESH,
  prefillNextReview,
  progressSinceLastReview,
  type PlanContent,
  type Scale,
  type VersionLike,
} from '../../../src/domain/plan/index.ts';
import { action, completeArea, completePlan, REVIEW, reviewIn, UASC_REVIEW } from './builders.ts';

const withArea = (base: PlanContent, over: Parameters<typeof completeArea>[0]): PlanContent => ({
  ...base,
  areas: { ...base.areas, 'health-and-wellbeing': completeArea(over) },
});

describe('issue 4: the approved plan version is immutable', () => {
  it('an approved review becomes a frozen version', () => {
    const v = approvedVersion(reviewIn('approved'), 3)!;
    expect(v).toMatchObject({
      reviewId: 'rev-1',
      youngPersonId: 'yp-1',
      versionNumber: 3,
      approvedOn: '2026-06-01',
      approval: { rating: 'good' },
    });
    expect(Object.isFrozen(v)).toBe(true);
    expect(Object.isFrozen(v.content.areas['health-and-wellbeing']!.actions[0])).toBe(true);
    expect(() => {
      (v.content as { financialArrangements: string }).financialArrangements = 'changed';
    }).toThrow(TypeError);
  });
  it('the version does not share objects with the review it came from', () => {
    const review = reviewIn('approved');
    const v = approvedVersion(review, 1)!;
    expect(v.content).toEqual(review.content);
    expect(v.content).not.toBe(review.content);
  });
  it.each(['drafting', 'awaiting_approval', 'returned'] as const)('a review at %s is not a version', (state) => {
    expect(approvedVersion(reviewIn(state), 1)).toBeNull();
  });
});

describe('issue 4: the next review starts pre-filled from the approved plan', () => {
  const done = action({ status: 'done', completedOn: '2026-05-01' });
  const dropped = action({ status: 'no_longer_needed' });
  const open = action({ status: 'in_progress' });
  const notStarted = action({ status: 'not_started' });
  const previous = withArea(completePlan(REVIEW), {
    actions: [done, open, dropped, notStarted],
    noActionsNeeded: false,
  });
  const next = prefillNextReview({ content: previous });
  const health = next.areas['health-and-wellbeing']!;

  it('practice tips: “don’t keep in historical actions that have been completed” — done and no-longer-needed actions drop out', () => {
    expect(health.actions.map((a) => a.id)).toEqual([open.id, notStarted.id]);
    expect(health.actions[0].status).toBe('in_progress');
  });
  it.each(FIELDS_ANSWERED_AFRESH.map((f) => [f]))(
    'Gloucestershire letter: the outcomes form is answered afresh — %s is cleared',
    (field) => {
      const empty = {
        youngPersonScale: null,
        workerScale: null,
        scaleNotGivenReason: '',
        assessmentOfNeed: '',
        progressSinceLastReview: '',
        noActionsNeeded: false,
        noActionsReason: '',
      } as const;
      expect(health[field]).toEqual(empty[field]);
    },
  );
  it('goals and the young person’s words are kept as a starting point', () => {
    expect(health.goal).toBe(previous.areas['health-and-wellbeing']!.goal);
    expect(health.youngPersonWords).toEqual(previous.areas['health-and-wellbeing']!.youngPersonWords);
  });
  it('support network, money, contingency, suitability and immigration plans are kept', () => {
    const uasc = completePlan(UASC_REVIEW);
    const n = prefillNextReview({ content: uasc });
    expect([
      n.supportNetwork,
      n.financialArrangements,
      n.contingency,
      n.accommodationSuitability,
      n.immigrationOutcomes,
    ]).toEqual([
      uasc.supportNetwork,
      uasc.financialArrangements,
      uasc.contingency,
      uasc.accommodationSuitability,
      uasc.immigrationOutcomes,
    ]);
  });
  it('CPPCR reg 42(2) considerations belong to the first assessment only', () => {
    const first = { ...completePlan(REVIEW), needsAssessmentConsiderations: { finances: 'Has savings' } };
    expect(prefillNextReview({ content: first }).needsAssessmentConsiderations).toEqual({});
  });
  it('the approved version is not changed by pre-filling', () => {
    const frozen = approvedVersion(reviewIn('approved'), 1)!;
    expect(() => prefillNextReview(frozen)).not.toThrow();
    expect(frozen.content.areas['health-and-wellbeing']!.workerScale).toBe(5);
  });
});

describe('issue 4: “progress since last review” shows area by area what changed', () => {
  it.each<[Scale, Scale, number | null, string]>([
    [4, 7, 3, 'better'],
    [7, 4, -3, 'worse'],
    [5, 5, 0, 'same'],
    [null, 6, null, 'not_comparable'],
    [6, null, null, 'not_comparable'],
    [0, 10, 10, 'better'],
  ])('practice tips: scaling — %s → %s is %s (%s)', (before, after, change, direction) => {
    expect(compareScales(before, after)).toEqual({ before, after, change, direction });
  });

  const carried = action({ status: 'in_progress' });
  const finished = action({ status: 'in_progress' });
  const abandoned = action({ status: 'not_started' });
  const deleted = action({ status: 'not_started' });
  const base = completePlan(REVIEW); // the same other areas before and after
  const previous = withArea(base, {
    youngPersonScale: 3,
    workerScale: 4,
    goal: 'To see a counsellor',
    actions: [carried, finished, abandoned, deleted],
  });
  const added = action({ status: 'not_started' });
  const addedAndDone = action({ status: 'done' });
  const current = withArea(base, {
    youngPersonScale: 6,
    workerScale: 4,
    goal: 'To keep seeing my counsellor',
    actions: [
      carried,
      { ...finished, status: 'done', completedOn: '2026-05-20' },
      { ...abandoned, status: 'no_longer_needed' },
      added,
      addedAndDone,
    ],
  });
  const progress = progressSinceLastReview(previous, current, REVIEW);
  const health = progress.areas.find((a) => a.areaId === 'health-and-wellbeing')!;

  it('scale changes for the young person and the worker', () => {
    expect(health.youngPersonScale).toMatchObject({ before: 3, after: 6, change: 3, direction: 'better' });
    expect(health.workerScale).toMatchObject({ change: 0, direction: 'same' });
  });
  it('practice tips: “if this needs to change” — goal changed or not', () => {
    expect(health.goal).toEqual({
      changed: true,
      before: 'To see a counsellor',
      after: 'To keep seeing my counsellor',
    });
  });
  it('practice tips: show progress — actions completed since, including ones added and done in between', () => {
    expect(health.actionsCompleted.map((a) => a.id)).toEqual([finished.id, addedAndDone.id]);
  });
  it('actions no longer needed, new, carried forward', () => {
    expect(health.actionsNoLongerNeeded.map((a) => a.id)).toEqual([abandoned.id]);
    expect(health.actionsAdded.map((a) => a.id)).toEqual([added.id]);
    expect(health.actionsCarriedForward.map((a) => a.id)).toEqual([carried.id]);
  });
  it('an open action that vanished without being closed is shown, not lost', () => {
    expect(health.actionsRemoved.map((a) => a.id)).toEqual([deleted.id]);
  });
  it('areas with nothing changed say so; every area in the plan is listed in plan order, contingency apart', () => {
    expect(health.changed).toBe(true);
    expect(progress.areas.find((a) => a.areaId === 'identity')!.changed).toBe(false);
    expect(progress.areas.map((a) => a.areaId)).toEqual([
      'contact-and-support',
      'education-and-training',
      'employment-and-activity',
      'accommodation',
      'family-and-relationships',
      'independent-living-skills',
      'financial-support',
      'health-and-wellbeing',
      'identity',
    ]);
    expect(health.staffTitle).toBe('Health, including mental health');
    expect(health.youngPersonTitle).toBe('Your health and feelings');
  });
  it('Care Leavers Regs Sch 1 para 4 — contingency changes are listed on their own', () => {
    const before = completePlan(REVIEW);
    const after: PlanContent = {
      ...before,
      contingency: {
        triggers: ['I lose my job'],
        actions: [
          {
            id: 'c-2',
            circumstance: '',
            what: 'Help to claim Universal Credit',
            who: { kind: 'adviser' },
            how: '',
            howSoon: 'Within a week',
          },
        ],
      },
    };
    expect(progressSinceLastReview(before, after, REVIEW).contingency).toMatchObject({
      triggersAdded: ['I lose my job'],
      triggersRemoved: ['I lose my flat'],
      actionsAdded: [{ id: 'c-2' }],
      actionsRemoved: [{ id: 'c-1' }],
      changed: true,
    });
    expect(progressSinceLastReview(before, before, REVIEW).contingency.changed).toBe(false);
  });
  it('without a context, the areas either version has', () => {
    const a: PlanContent = { ...completePlan(REVIEW), areas: { identity: completeArea() } };
    expect(progressSinceLastReview(a, a).areas.map((x) => x.areaId)).toEqual(['identity']);
  });
  it('CPPCR reg 42(2)(ba): the immigration area is compared for UASC young people', () => {
    const p = progressSinceLastReview(completePlan(UASC_REVIEW), completePlan(UASC_REVIEW), UASC_REVIEW);
    expect(p.areas.map((a) => a.areaId)).toContain('immigration');
  });
});

describe('DESIGN.md: completed actions leave the live plan but stay in history', () => {
  const a1 = action({ status: 'in_progress' });
  const a2 = action({ status: 'done' });
  const v = (
    n: number,
    approvedOn: string,
    health: Parameters<typeof completeArea>[0],
    identity?: Parameters<typeof completeArea>[0],
  ): VersionLike => ({
    versionNumber: n,
    approvedOn,
    content: {
      ...withArea(completePlan(REVIEW), health),
      ...(identity
        ? { areas: { ...withArea(completePlan(REVIEW), health).areas, identity: completeArea(identity) } }
        : {}),
    },
  });
  const versions = [
    v(
      2,
      '2026-06-01',
      { actions: [{ ...a1, status: 'done' }] },
      { actions: [action({ id: 'id-1', status: 'no_longer_needed' })] },
    ),
    v(1, '2025-12-01', { actions: [a1, a2] }),
    v(3, '2026-12-01', { actions: [{ ...a1, status: 'done' }] }),
  ];
  const history = completedActionsHistory(versions);
  it('each closed action once, in the first version that showed it closed, oldest first', () => {
    expect(history.map((h) => [h.action.id, h.versionNumber, h.approvedOn, h.status, h.areaId])).toEqual([
      [a2.id, 1, '2025-12-01', 'done', 'health-and-wellbeing'],
      [a1.id, 2, '2026-06-01', 'done', 'health-and-wellbeing'],
      ['id-1', 2, '2026-06-01', 'no_longer_needed', 'identity'],
    ]);
  });
  it('no versions, no history', () => expect(completedActionsHistory([])).toEqual([]));
});
