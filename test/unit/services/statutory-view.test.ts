// The statutory view a list shows (src/services/statutory.ts, viewFrom) closes a case on the same day as
// the record page and the late closures (domain/closure.ts closureDue, issue 11 §3): core support ends
// at 21 (Children Act 1989 s23C(6)); a young person who said no after 21 is due to close on that day;
// one who asked for support is supported to 25 (s23CZB).
import { describe, expect, it } from 'vitest';
import type { StatutoryFacts } from '../../../src/data/repositories/statutory.ts';
import { DEFAULT_POLICY } from '../../../src/domain/statutory/index.ts';
import { viewFrom } from '../../../src/services/statutory.ts';

const AS_OF = '2026-11-30';

/** Looked after from 14 to 18, so a former relevant young person; 21 on 2026-06-01. */
function facts(props: Partial<StatutoryFacts>): StatutoryFacts {
  return {
    id: 'yp',
    dateOfBirth: '2005-06-01',
    homeWithParentSince: null,
    detainedOrInHospitalOn16thBirthday: false,
    supportAfter21RequestedOn: null,
    supportAfter21DeclinedOn: null,
    educationProgrammeEndsOn: null,
    councilAccommodationSince: null,
    episodes: [{ start: '2019-06-01', end: '2023-06-01', legalStatus: 'C2' }],
    lastReviewOn: '2026-10-01',
    needsAssessmentOn: '2021-09-01',
    firstPlanOn: '2021-11-01',
    lastAccommodationReviewOn: null,
    lastAdviserVisitOn: '2026-11-01',
    triggers: [],
    personalAdviserId: 'pa',
    ...props,
  };
}

const closeOn = (f: StatutoryFacts) => viewFrom(f, AS_OF, DEFAULT_POLICY).due.find((d) => d.code === 'CLOSE_CASE')?.on;

describe('the day a list says to close the case (closureDue, s23C(6), s23CZB)', () => {
  it.each([
    ['said no after 21: on that day', { supportAfter21DeclinedOn: '2026-08-15' }, '2026-08-15'],
    ['said no before 21: at 21', { supportAfter21DeclinedOn: '2026-03-01' }, '2026-06-01'],
    [
      'asked, then said no after 21: on the day they said no',
      { supportAfter21RequestedOn: '2026-05-01', supportAfter21DeclinedOn: '2026-10-01' },
      '2026-10-01',
    ],
    [
      'asked for support: not within the notice period (due at 25)',
      { supportAfter21RequestedOn: '2026-05-01' },
      undefined,
    ],
  ] as const)('%s', (_, props, expected) => {
    expect(closeOn(facts(props))).toBe(expected);
  });
});
