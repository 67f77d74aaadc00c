// The review as one state machine (issue 4, "The review cycle"; DESIGN.md): who may move
// each step, what each step needs, signatures, approval and return.
import { describe, expect, it } from 'vitest';
import {
  availableEvents,
  currentReturnReason,
  emptyPlanContent,
  startReview,
  transition,
  type Actor,
  type RefusalCode,
  type Review,
  type ReviewEvent,
  type ReviewState,
} from '../../../src/domain/plan/index.ts';
import {
  admin,
  adviser,
  completeArea,
  completePlan,
  didNotTakePart,
  drive,
  FIRST,
  inPerson,
  iro,
  manager,
  otherYoungPerson,
  REVIEW,
  reviewIn,
  serviceManager,
  socialWorker,
  started,
  TODAY,
  unallocatedAdviser,
  youngPerson,
} from './builders.ts';

const LATER = '2026-06-10';
const approve: ReviewEvent = {
  type: 'approve',
  rating: 'good',
  feedback: 'Clear actions in the young person’s words.',
};
const edited = (r: Review): ReviewEvent => ({
  type: 'editContent',
  content: { ...r.content, financialArrangements: 'Rent paid by the council; £70 a week.' },
});
const expectRefused = (review: Review, event: ReviewEvent, actor: Actor, code: RefusalCode, today = TODAY) => {
  const result = transition(review, event, actor, today);
  expect(result.ok ? 'accepted' : result.refusal.code).toBe(code);
  return result.ok ? null : result.refusal;
};

describe('issue 4: the review cycle, outcomes → planning → drafting → awaiting signatures → awaiting approval → approved', () => {
  it('runs from start to approval, each step by the person allowed to take it', () => {
    let r = started();
    expect(r.state).toBe('outcomes');
    const path: [ReviewEvent, Actor, ReviewState][] = [
      [{ type: 'completeOutcomes' }, adviser, 'planning'],
      [
        {
          type: 'writeOwnWords',
          areaId: 'health-and-wellbeing',
          words: { goingWell: 'I sleep better.', worries: '', wants: 'I want a counsellor.' },
          scale: 7,
        },
        youngPerson,
        'planning',
      ],
      [{ type: 'completePlanning' }, adviser, 'drafting'],
      [{ type: 'recordParticipation', participation: inPerson }, adviser, 'drafting'],
      [{ type: 'submitForSignatures' }, adviser, 'awaiting_signatures'],
      [{ type: 'signAsYoungPerson' }, youngPerson, 'awaiting_signatures'],
      [{ type: 'signAsWorker' }, adviser, 'awaiting_approval'],
      [approve, manager, 'approved'],
    ];
    for (const [event, actor, state] of path) {
      r = drive(r, [[event, actor]]);
      expect([event.type, r.state]).toEqual([event.type, state]);
    }
    expect(r.approval).toEqual({
      by: 'tm-1',
      on: TODAY,
      rating: 'good',
      feedback: 'Clear actions in the young person’s words.',
    });
    expect(r.youngPersonSignOff).toEqual({ kind: 'signed_on_device', on: TODAY, involvement: null });
    expect(r.workerSignature).toEqual({ staffId: 'pa-1', role: 'personal_adviser', on: TODAY });
    expect(r.content.areas['health-and-wellbeing']?.youngPersonScale).toBe(7);
  });

  it('signatures can come in either order', () => {
    const r = drive(reviewIn('awaiting_signatures'), [
      [{ type: 'signAsWorker' }, adviser],
      [{ type: 'signAsYoungPerson' }, youngPerson],
    ]);
    expect(r.state).toBe('awaiting_approval');
    expect(r.submittedForApprovalOn).toBe(TODAY);
  });
});

describe('issue 4: only the roles allowed may move each step', () => {
  type Row = [
    source: string,
    state: Parameters<typeof reviewIn>[0],
    event: ReviewEvent,
    actor: Actor,
    refusal: RefusalCode | null,
  ];
  const rows: Row[] = [
    // Allocated worker: everything up to signatures.
    ['allocated adviser completes the outcomes form', 'outcomes', { type: 'completeOutcomes' }, adviser, null],
    [
      'allocated social worker completes the outcomes form',
      'outcomes',
      { type: 'completeOutcomes' },
      socialWorker,
      null,
    ],
    [
      'an adviser not allocated to them may not',
      'outcomes',
      { type: 'completeOutcomes' },
      unallocatedAdviser,
      'not_allocated',
    ],
    ['a team manager does not write the plan', 'outcomes', { type: 'completeOutcomes' }, manager, 'not_permitted'],
    [
      'the young person does not complete the outcomes form',
      'outcomes',
      { type: 'completeOutcomes' },
      youngPerson,
      'not_permitted',
    ],
    ['an IRO reads plans, does not move them', 'drafting', { type: 'submitForSignatures' }, iro, 'not_permitted'],
    [
      'a service manager does not move plans',
      'drafting',
      { type: 'submitForSignatures' },
      serviceManager,
      'not_permitted',
    ],
    [
      'an administrator never touches case content',
      'drafting',
      { type: 'editContent', content: emptyPlanContent() },
      admin,
      'not_permitted',
    ],
    // Young person: their own words, their own signature, their own disagreement.
    [
      'the young person writes their own words',
      'planning',
      {
        type: 'writeOwnWords',
        areaId: 'identity',
        words: { goingWell: 'I go to church.', worries: '', wants: '' },
        scale: 8,
      },
      youngPerson,
      null,
    ],
    [
      'the worker may type their words alongside them',
      'planning',
      {
        type: 'writeOwnWords',
        areaId: 'identity',
        words: { goingWell: 'I go to church.', worries: '', wants: '' },
        scale: 8,
      },
      adviser,
      null,
    ],
    [
      'another young person may not write in this plan',
      'planning',
      { type: 'writeOwnWords', areaId: 'identity', words: { goingWell: 'x', worries: '', wants: '' }, scale: null },
      otherYoungPerson,
      'not_own_plan',
    ],
    [
      'the young person may not edit the worker’s content',
      'drafting',
      { type: 'editContent', content: emptyPlanContent() },
      youngPerson,
      'not_permitted',
    ],
    ['the young person signs their own plan', 'awaiting_signatures', { type: 'signAsYoungPerson' }, youngPerson, null],
    [
      'another young person may not sign it',
      'awaiting_signatures',
      { type: 'signAsYoungPerson' },
      otherYoungPerson,
      'not_own_plan',
    ],
    [
      'the worker may not sign as the young person',
      'awaiting_signatures',
      { type: 'signAsYoungPerson' },
      adviser,
      'not_permitted',
    ],
    [
      'the young person may not sign as the worker',
      'awaiting_signatures',
      { type: 'signAsWorker' },
      youngPerson,
      'not_permitted',
    ],
    [
      'the young person may record their disagreement',
      'awaiting_signatures',
      { type: 'recordDisagreement', inTheirWords: 'I do not want to move to Stroud.' },
      youngPerson,
      null,
    ],
    // Team manager: approve or return.
    ['a team manager approves', 'awaiting_approval', approve, manager, null],
    ['a worker may not approve', 'awaiting_approval', approve, adviser, 'not_permitted'],
    ['a service manager may not approve', 'awaiting_approval', approve, serviceManager, 'not_permitted'],
    ['the young person may not approve', 'awaiting_approval', approve, youngPerson, 'not_permitted'],
    ['a team manager returns', 'awaiting_approval', { type: 'return', reason: 'Add dates' }, manager, null],
    ['an IRO may not return', 'awaiting_approval', { type: 'return', reason: 'Add dates' }, iro, 'not_permitted'],
    // State.
    ['no approval before signatures', 'drafting', approve, manager, 'wrong_state'],
    ['no signatures before submission', 'drafting', { type: 'signAsYoungPerson' }, youngPerson, 'wrong_state'],
    ['no planning step before the outcomes form', 'outcomes', { type: 'completePlanning' }, adviser, 'wrong_state'],
    ['resubmit only a returned plan', 'drafting', { type: 'resubmit' }, adviser, 'wrong_state'],
  ];
  it.each(rows)('%s', (_source, state, event, actor, refusal) => {
    const result = transition(reviewIn(state), event, actor, TODAY);
    expect(result.ok ? null : result.refusal.code).toBe(refusal);
  });
});

describe('issue 4: no one approves a plan they drafted or signed', () => {
  it('a manager who started and wrote the plan (role since changed) may not approve it', () => {
    const promoted: Actor = { kind: 'staff', id: 'pa-1', role: 'team_manager' };
    const refusal = expectRefused(reviewIn('awaiting_approval'), approve, promoted, 'self_approval');
    expect(refusal?.reason).toMatch(/cannot approve a plan you wrote or signed/);
  });
  it('a manager who signed as the worker may not approve it', () => {
    const r: Review = {
      ...reviewIn('awaiting_approval'),
      workerSignature: { staffId: 'tm-1', role: 'social_worker', on: TODAY },
    };
    expectRefused(r, approve, manager, 'self_approval');
  });
  it('a manager who edited the plan may not approve it', () => {
    const r: Review = { ...reviewIn('awaiting_approval'), contributors: ['pa-1', 'tm-1'] };
    expectRefused(r, approve, manager, 'self_approval');
  });
  it('another manager may', () => {
    const r: Review = { ...reviewIn('awaiting_approval'), contributors: ['pa-1', 'tm-1'] };
    expect(transition(r, approve, { kind: 'staff', id: 'tm-2', role: 'team_manager' }, TODAY).ok).toBe(true);
  });
  it('every worker who moved the plan on is recorded as a contributor', () => {
    const r = drive(started(), [[{ type: 'completeOutcomes' }, socialWorker]]);
    expect(r.contributors).toEqual(['pa-1', 'sw-1']);
  });
  it('pages do not offer "approve" to a contributor', () => {
    const r: Review = { ...reviewIn('awaiting_approval'), contributors: ['pa-1', 'tm-1'] };
    expect(availableEvents(r, manager)).toEqual(['return']);
    expect(availableEvents(r, { kind: 'staff', id: 'tm-2', role: 'team_manager' })).toEqual(['approve', 'return']);
  });
});

describe('what each step needs', () => {
  it('Gloucestershire letter: the outcomes form records the assessment of need and progress before planning', () => {
    const r = started(REVIEW, {
      ...completePlan(REVIEW),
      areas: { ...completePlan(REVIEW).areas, accommodation: completeArea({ progressSinceLastReview: '' }) },
    });
    const refusal = expectRefused(r, { type: 'completeOutcomes' }, adviser, 'incomplete');
    expect(refusal?.missing?.map((m) => m.field)).toEqual(['areas.accommodation.progressSinceLastReview']);
  });
  it('CPPCR reg 42(2): a first assessment needs each consideration', () => {
    const r = started(FIRST, { ...completePlan(FIRST), needsAssessmentConsiderations: {} });
    const refusal = expectRefused(r, { type: 'completeOutcomes' }, adviser, 'incomplete');
    expect(refusal?.missing).toHaveLength(8);
  });
  it('practice tips “My Voice”: planning needs the young person’s voice somewhere…', () => {
    const content = completePlan(REVIEW);
    for (const area of Object.values(content.areas))
      if (area)
        Object.assign(area, { youngPersonWords: { goingWell: '', worries: '', wants: '' }, youngPersonScale: null });
    const r = drive(started(REVIEW, content), [[{ type: 'completeOutcomes' }, adviser]]);
    expectRefused(r, { type: 'completePlanning' }, adviser, 'young_person_voice_missing');
    // …or a record that they did not take part, why, and who else was asked (practice tips “musts”).
    const recorded = drive(r, [[{ type: 'recordParticipation', participation: didNotTakePart }, adviser]]);
    expect(transition(recorded, { type: 'completePlanning' }, adviser, TODAY).ok).toBe(true);
  });
  it('issue 4: how the young person took part is required before submission', () => {
    const r = drive(started(), [
      [{ type: 'completeOutcomes' }, adviser],
      [
        {
          type: 'writeOwnWords',
          areaId: 'identity',
          words: { goingWell: 'I speak Tigrinya.', worries: '', wants: '' },
          scale: 7,
        },
        youngPerson,
      ],
      [{ type: 'completePlanning' }, adviser],
    ]);
    expectRefused(r, { type: 'submitForSignatures' }, adviser, 'participation_missing');
  });
  it('practice tips: complete every part — an incomplete area stops submission, and says which', () => {
    const r = drive(reviewIn('drafting'), [
      [
        {
          type: 'editContent',
          content: { ...reviewIn('drafting').content, contingency: { triggers: [], actions: [] } },
        },
        adviser,
      ],
    ]);
    const refusal = expectRefused(r, { type: 'submitForSignatures' }, adviser, 'incomplete');
    expect(refusal?.missing?.map((m) => m.message)).toEqual([
      'Contingency plan: add at least one circumstance that would start the contingency plan',
      'Contingency plan: add at least one action to take if the plan stops working',
    ]);
  });
});

describe('issue 4: both sign — on their device, on paper, or their disagreement in their own words', () => {
  const waiting = () => reviewIn('awaiting_signatures');
  it('signed on paper: recorded by the worker with the date', () => {
    const r = drive(waiting(), [[{ type: 'recordPaperSignature', signedOn: TODAY }, adviser]], LATER);
    expect(r.youngPersonSignOff).toEqual({
      kind: 'signed_on_paper',
      signedOn: TODAY,
      recordedBy: 'pa-1',
      recordedOn: LATER,
      involvement: null,
    });
  });
  it.each([
    ['a date in the future', '2026-06-20', 'The date must be today or in the past'],
    [
      'before the plan was last changed',
      '2026-05-31',
      'The young person signed before the plan was last changed: ask them to sign this version.',
    ],
    ['not a real date', '2026-02-30', 'Enter a real date'],
  ])('a paper signature dated %s is refused', (_d, signedOn, reason) => {
    expect(
      expectRefused(waiting(), { type: 'recordPaperSignature', signedOn }, adviser, 'invalid_input', LATER)?.reason,
    ).toBe(reason);
  });
  it('Volume 3 guidance (Medway): the young person’s disagreement in their words stands instead of a signature', () => {
    const r = drive(waiting(), [
      [{ type: 'recordDisagreement', inTheirWords: ' I do not want to move to Stroud. ' }, youngPerson],
      [{ type: 'signAsWorker' }, adviser],
    ]);
    expect(r.state).toBe('awaiting_approval');
    expect(r.youngPersonSignOff).toEqual({
      kind: 'disagreement',
      inTheirWords: 'I do not want to move to Stroud.',
      on: TODAY,
      recordedBy: 'young_person',
    });
  });
  it('a disagreement written on paper may be typed in by the worker, marked as theirs', () => {
    const r = drive(waiting(), [[{ type: 'recordDisagreement', inTheirWords: 'Not Stroud.' }, adviser]]);
    expect(r.youngPersonSignOff).toMatchObject({ kind: 'disagreement', recordedBy: 'pa-1' });
  });
  it('a disagreement needs words', () => {
    expectRefused(waiting(), { type: 'recordDisagreement', inTheirWords: '  ' }, youngPerson, 'invalid_input');
  });
  it('one sign-off each: no second signature', () => {
    const r = drive(waiting(), [[{ type: 'signAsYoungPerson' }, youngPerson]]);
    expectRefused(r, { type: 'recordDisagreement', inTheirWords: 'Changed my mind' }, youngPerson, 'already_signed');
    expectRefused(
      drive(waiting(), [[{ type: 'signAsWorker' }, adviser]]),
      { type: 'signAsWorker' },
      socialWorker,
      'already_signed',
    );
  });
  it('“not signed” only when the young person did not take part, with a reason', () => {
    expectRefused(waiting(), { type: 'recordNotSigned', reason: 'Would not sign' }, adviser, 'invalid_input');
    const r: Review = { ...waiting(), participation: didNotTakePart };
    expectRefused(r, { type: 'recordNotSigned', reason: '' }, adviser, 'invalid_input');
    const signed = drive(r, [
      [{ type: 'recordNotSigned', reason: 'In hospital' }, adviser],
      [{ type: 'signAsWorker' }, adviser],
    ]);
    expect(signed.state).toBe('awaiting_approval');
  });
  it('Gloucestershire audit: plans signed by both parties — no approval without both', () => {
    const r: Review = { ...reviewIn('awaiting_approval'), youngPersonSignOff: null };
    expectRefused(r, approve, manager, 'signatures_missing');
  });
});

describe('issue 4: editing content after signing invalidates signatures (back to drafting)', () => {
  it.each(['awaiting_signatures', 'awaiting_approval', 'returned'] as const)(
    'an edit at %s clears both signatures',
    (state) => {
      let r = reviewIn(state);
      if (state === 'awaiting_signatures') r = drive(r, [[{ type: 'signAsYoungPerson' }, youngPerson]]);
      const after = drive(r, [[edited(r), adviser]], LATER);
      expect(after.state).toBe('drafting');
      expect(after.youngPersonSignOff).toBeNull();
      expect(after.workerSignature).toBeNull();
      expect(after.contentChangedOn).toBe(LATER);
    },
  );
  it('the young person changing their words after signing also sends it back', () => {
    const r = reviewIn('awaiting_approval');
    const after = drive(r, [
      [
        {
          type: 'writeOwnWords',
          areaId: 'identity',
          words: { goingWell: 'New words', worries: '', wants: '' },
          scale: 9,
        },
        youngPerson,
      ],
    ]);
    expect([after.state, after.youngPersonSignOff, after.workerSignature]).toEqual(['drafting', null, null]);
  });
  it('saving the same content again changes nothing', () => {
    const r = reviewIn('awaiting_approval');
    const after = drive(r, [[{ type: 'editContent', content: structuredClone(r.content) }, adviser]], LATER);
    expect(after.state).toBe('awaiting_approval');
    expect(after.workerSignature).not.toBeNull();
  });
  it('a paper signature must be dated on or after the last change', () => {
    const r = drive(
      reviewIn('awaiting_signatures'),
      [
        [edited(reviewIn('awaiting_signatures')), adviser],
        [{ type: 'submitForSignatures' }, adviser],
      ],
      LATER,
    );
    expectRefused(r, { type: 'recordPaperSignature', signedOn: TODAY }, adviser, 'invalid_input', LATER);
  });
});

describe('issue 4: a manager approves with a quality rating and feedback, or returns it with a reason', () => {
  it.each([
    ['no feedback', { type: 'approve', rating: 'good', feedback: ' ' } as ReviewEvent, 'Enter feedback for the worker'],
    [
      'no rating',
      { type: 'approve', rating: 'excellent', feedback: 'x' } as unknown as ReviewEvent,
      'Select a quality rating',
    ],
    ['return without a reason', { type: 'return', reason: '' } as ReviewEvent, 'Enter why you are returning the plan'],
  ])('%s is refused', (_d, event, reason) => {
    expect(expectRefused(reviewIn('awaiting_approval'), event, manager, 'invalid_input')?.reason).toBe(reason);
  });
  it.each(['outstanding', 'good', 'requires_improvement', 'inadequate'] as const)(
    'Ofsted grades (reference §5.1): %s is recorded',
    (rating) => {
      const r = drive(reviewIn('awaiting_approval'), [[{ type: 'approve', rating, feedback: 'Feedback' }, manager]]);
      expect(r.approval?.rating).toBe(rating);
    },
  );
  it('the return reason is kept and shown to the worker and young person until it is resubmitted', () => {
    const r = reviewIn('returned');
    expect(r.returns).toEqual([{ reason: 'The health actions need dates.', by: 'tm-1', on: TODAY }]);
    expect(currentReturnReason(r)?.reason).toBe('The health actions need dates.');
    const changing = drive(r, [[edited(r), adviser]]);
    expect(changing.state).toBe('drafting');
    expect(currentReturnReason(changing)?.reason).toBe('The health actions need dates.');
    const resubmitted = drive(changing, [
      [{ type: 'submitForSignatures' }, adviser],
      [{ type: 'signAsYoungPerson' }, youngPerson],
      [{ type: 'signAsWorker' }, adviser],
    ]);
    expect(resubmitted.state).toBe('awaiting_approval');
    expect(currentReturnReason(resubmitted)).toBeNull();
    // Changed again after it was sent back: the old reason was answered, so it is not shown again.
    const again: ReviewEvent = {
      type: 'editContent',
      content: { ...resubmitted.content, financialArrangements: 'Rent paid by the council; £75 a week.' },
    };
    const changedAgain = drive(resubmitted, [[again, adviser]]);
    expect(changedAgain.state).toBe('drafting');
    expect(currentReturnReason(changedAgain)).toBeNull();
  });
  it('returned with no change needed to the content (for example, participation): resubmit goes straight back', () => {
    const r = drive(
      reviewIn('returned'),
      [
        [
          {
            type: 'recordParticipation',
            participation: {
              ways: ['in_person', 'through_an_interpreter'],
              didNotTakePartReason: '',
              othersConsulted: '',
            },
          },
          adviser,
        ],
        [{ type: 'resubmit' }, adviser],
      ],
      LATER,
    );
    expect(r.state).toBe('awaiting_approval');
    expect(r.submittedForApprovalOn).toBe(LATER);
    expect(r.youngPersonSignOff).not.toBeNull();
  });
});

describe('issue 4: the approved plan version is immutable', () => {
  const events: [ReviewEvent, Actor][] = [
    [{ type: 'editContent', content: emptyPlanContent() }, adviser],
    [
      { type: 'writeOwnWords', areaId: 'identity', words: { goingWell: 'x', worries: '', wants: '' }, scale: 1 },
      youngPerson,
    ],
    [{ type: 'recordParticipation', participation: inPerson }, adviser],
    [{ type: 'return', reason: 'Changed my mind' }, manager],
    [approve, { kind: 'staff', id: 'tm-2', role: 'team_manager' }],
  ];
  it.each(events)('%o is refused once approved', (event, actor) => {
    expect(expectRefused(reviewIn('approved'), event, actor, 'plan_is_approved')?.reason).toMatch(/Start a new review/);
  });
  it('no one is offered anything on an approved plan', () => {
    for (const actor of [adviser, youngPerson, manager])
      expect(availableEvents(reviewIn('approved'), actor)).toEqual([]);
  });
});

describe('starting a review', () => {
  it.each([
    ['the allocated adviser', adviser, null],
    ['the allocated social worker', socialWorker, null],
    ['an adviser not allocated', unallocatedAdviser, 'not_allocated'],
    ['a team manager', manager, 'not_permitted'],
    ['the young person (asks for one through review.request instead)', youngPerson, 'not_permitted'],
  ] as const)('%s', (_d, actor, refusal) => {
    const result = startReview(
      {
        id: 'r',
        youngPersonId: 'yp-1',
        context: REVIEW,
        allocatedStaffIds: ['pa-1', 'sw-1'],
        content: emptyPlanContent(),
      },
      actor,
      TODAY,
    );
    expect(result.ok ? null : result.refusal.code).toBe(refusal);
  });
  it('starts at the outcomes form with nothing signed', () => {
    const r = started();
    expect(r).toMatchObject({
      state: 'outcomes',
      startedOn: TODAY,
      startedBy: 'pa-1',
      contributors: ['pa-1'],
      youngPersonSignOff: null,
      workerSignature: null,
      approval: null,
      returns: [],
    });
  });
});

describe('what pages may offer', () => {
  it.each<[ReviewState & Parameters<typeof reviewIn>[0], Actor, string[]]>([
    ['outcomes', adviser, ['completeOutcomes', 'editContent', 'writeOwnWords', 'recordParticipation']],
    ['planning', youngPerson, ['writeOwnWords']],
    ['awaiting_signatures', youngPerson, ['writeOwnWords', 'signAsYoungPerson', 'recordDisagreement']],
    [
      'awaiting_signatures',
      adviser,
      [
        'editContent',
        'writeOwnWords',
        'recordParticipation',
        'recordPaperSignature',
        'recordDisagreement',
        'recordNotSigned',
        'signAsWorker',
      ],
    ],
    ['awaiting_approval', manager, ['approve', 'return']],
    ['awaiting_approval', iro, []],
    ['returned', adviser, ['editContent', 'writeOwnWords', 'recordParticipation', 'resubmit']],
  ])('%s, %o', (state, actor, expected) => {
    expect(availableEvents(reviewIn(state), actor)).toEqual(expected);
  });
});
