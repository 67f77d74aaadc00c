// Bradford's cohort by age band (issue 10, part 1c): band boundaries, each
// naming its rule, then a hand-computed cohort with the statutory category of each.
import { describe, expect, it } from 'vitest';
import { ageBandOn, cohortByAgeBand, type AgeBand } from '../../../src/domain/oversight/index.ts';
import { DEFAULT_POLICY, type LocalPolicy } from '../../../src/domain/statutory/index.ts';
import { AS_AT, buildYoungPerson, facts, inCare } from './builders.ts';

const FEB_28: LocalPolicy = { ...DEFAULT_POLICY, leapDayBirthday: 'FEB_28' };

describe('age bands on the as-at date (Bradford: 15½, 16 … 20, 21+; an age is attained on the birthday)', () => {
  it.each<[string, string, string, AgeBand | null, LocalPolicy?]>([
    ['15½ on the as-at date (15th birthday + 6 months): 15½', '2011-05-31', AS_AT, '15½'],
    ['15½ the day after: not in the cohort', '2011-06-01', AS_AT, null],
    ['15½ by end-of-month clamping: 31 Aug + 6 months = 28 Feb (§2.2(5))', '2010-08-31', '2026-02-28', '15½'],
    ['day before the 16th birthday: still 15½', '2010-12-01', AS_AT, '15½'],
    ['16th birthday on the as-at date: 16', '2010-11-30', AS_AT, '16'],
    ['17', '2009-06-01', AS_AT, '17'],
    ['18th birthday on the as-at date: 18', '2008-11-30', AS_AT, '18'],
    ['day before the 21st birthday: 20', '2005-12-01', AS_AT, '20'],
    ['21st birthday on the as-at date: 21+', '2005-11-30', AS_AT, '21+'],
    ['24: 21+', '2002-01-01', AS_AT, '21+'],
    ['under 15: not in the cohort', '2013-01-01', AS_AT, null],
    ['born 29 Feb 2008, on 28 Feb 2026, 1 March birthdays (default): 17', '2008-02-29', '2026-02-28', '17'],
    ['the same with 28 February birthdays (council option): 18', '2008-02-29', '2026-02-28', '18', FEB_28],
  ])('%s', (_rule, dateOfBirth, asAt, band, policy) => {
    expect(ageBandOn(dateOfBirth, asAt, policy)).toBe(band);
  });
});

describe('Bradford’s cohort on a hand-computed council: open cases aged 15½+, category by the statutory derivation (§2.3)', () => {
  const people = [
    buildYoungPerson({ id: 'u15', dateOfBirth: '2011-05-31' }), // looked after, 15½
    buildYoungPerson({ id: 'young', dateOfBirth: '2011-06-01' }), // not yet 15½
    buildYoungPerson({ id: 'e17', dateOfBirth: '2009-06-01' }), // looked after 6 years, 17: eligible
    buildYoungPerson({ id: 'r16', dateOfBirth: '2010-01-01', careEpisodes: [inCare('2020-01-01', '2026-06-01')] }),
    buildYoungPerson({
      id: 'f18',
      restricted: true,
      dateOfBirth: '2008-06-01',
      careEpisodes: [inCare('2020-01-01', '2026-06-01')],
    }),
    buildYoungPerson({ id: 'f19', dateOfBirth: '2007-03-01', careEpisodes: [inCare('2020-01-01', '2025-03-01')] }),
    buildYoungPerson({ id: 'q20', dateOfBirth: '2006-01-01', careEpisodes: [inCare('2022-05-01', '2022-06-01')] }),
    buildYoungPerson({ id: 'f21', dateOfBirth: '2005-11-30', careEpisodes: [inCare('2020-01-01', '2023-11-30')] }),
    buildYoungPerson({ id: 'closed', dateOfBirth: '2008-01-01', caseClosedOn: '2026-10-01' }),
  ];
  const cohort = cohortByAgeBand(facts(people), AS_AT);

  it('puts each open case in its band, every band shown even when empty', () => {
    expect(cohort.bands.map((b) => [b.band, b.youngPeople.people.map((p) => p.id)])).toEqual([
      ['15½', ['u15']],
      ['16', ['r16']],
      ['17', ['e17']],
      ['18', ['f18']],
      ['19', ['f19']],
      ['20', ['q20']],
      ['21+', ['f21']],
    ]);
    expect(cohort.total.youngPeople.count).toBe(7);
  });

  it('gives each the category the statutory rules derive, counting the restricted record flagged', () => {
    const ids = (c: keyof typeof cohort.total.byCategory) => cohort.total.byCategory[c].people.map((p) => p.id);
    expect(ids('LOOKED_AFTER_UNDER_16')).toEqual(['u15']);
    expect(ids('ELIGIBLE')).toEqual(['e17']);
    expect(ids('RELEVANT')).toEqual(['r16']);
    expect(ids('FORMER_RELEVANT')).toEqual(['f18', 'f19']);
    expect(ids('QUALIFYING')).toEqual(['q20']);
    expect(ids('FORMER_RELEVANT_21_TO_25')).toEqual(['f21']);
    expect(cohort.bands[3].byCategory.FORMER_RELEVANT.people).toEqual([{ id: 'f18', restricted: true }]);
    expect(cohort.bands[0].byCategory.ELIGIBLE.count).toBe(0);
  });

  it('with no open cases: seven empty bands', () => {
    const empty = cohortByAgeBand(facts([]), AS_AT);
    expect(empty.bands.map((b) => b.youngPeople.count)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});
