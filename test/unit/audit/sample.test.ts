// Dip sampling (issue 10 §4): "a service manager draws a random sample of N plans (a team, a period, a
// category); the draw is reproducible (the seed is recorded)".
import { describe, expect, it } from 'vitest';
import {
  checkDraw,
  drawSample,
  samplePopulation,
  type DrawInput,
  type SampleCandidate,
  type SampleFilters,
} from '../../../src/domain/audit/index.ts';

const plan = (over: Partial<SampleCandidate> & Pick<SampleCandidate, 'youngPersonId'>): SampleCandidate => ({
  planVersionId: `${over.youngPersonId}-v${over.version ?? 1}`,
  version: 1,
  approvedOn: '2026-03-15',
  teamId: 'north',
  category: 'RELEVANT',
  ...over,
});

const everyone: SampleFilters = { teamId: null, from: '2026-01-01', to: '2026-06-30', category: null };
const many = Array.from({ length: 40 }, (_, i) =>
  plan({ youngPersonId: `yp-${String(i).padStart(2, '0')}`, teamId: i % 2 ? 'north' : 'south' }),
);
const ids = (s: readonly SampleCandidate[]) => s.map((c) => c.planVersionId);

describe('the draw is reproducible from the recorded seed (issue 10 §4)', () => {
  it('the same seed gives the same sample, whatever order the records arrive in', () => {
    const first = drawSample(many, everyone, 10, 12345);
    const again = drawSample([...many].reverse(), everyone, 10, 12345);
    expect(ids(again)).toEqual(ids(first));
    expect(new Set(ids(first)).size).toBe(10);
  });
  it('a different seed gives a different sample', () => {
    expect(ids(drawSample(many, everyone, 10, 12346))).not.toEqual(ids(drawSample(many, everyone, 10, 12345)));
  });
  it('every plan can be drawn: over many seeds each of the 40 is drawn at least once', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) for (const id of ids(drawSample(many, everyone, 3, seed))) seen.add(id);
    expect(seen.size).toBe(40);
  });
  it.each<[string, number, number]>([
    ['N larger than the population gives every plan once', 100, 40],
    ['N equal to the population gives every plan once', 40, 40],
    ['N of 0 gives none', 0, 0],
  ])('%s', (_rule, size, expected) => {
    const drawn = drawSample(many, everyone, size, 7);
    expect(drawn).toHaveLength(expected);
    expect(new Set(ids(drawn)).size).toBe(expected);
  });
  it('an empty population gives an empty sample', () => {
    expect(drawSample([], everyone, 5, 1)).toEqual([]);
  });
  it('refuses a seed the generator cannot hold exactly', () => {
    expect(() => drawSample(many, everyone, 5, -1)).toThrow(RangeError);
    expect(() => drawSample(many, everyone, 5, 2 ** 32)).toThrow(RangeError);
    expect(() => drawSample(many, everyone, 5, 1.5)).toThrow(RangeError);
  });
});

describe('the population: latest approved plan per young person in the team, period and category', () => {
  const rows = [
    plan({ youngPersonId: 'a', version: 1, approvedOn: '2026-01-10' }),
    plan({ youngPersonId: 'a', version: 2, approvedOn: '2026-05-10' }),
    plan({ youngPersonId: 'a', version: 3, approvedOn: '2026-07-01' }),
    plan({ youngPersonId: 'b', approvedOn: '2026-01-01' }),
    plan({ youngPersonId: 'c', approvedOn: '2026-06-30' }),
    plan({ youngPersonId: 'd', approvedOn: '2025-12-31' }),
    plan({ youngPersonId: 'e', teamId: 'south' }),
    plan({ youngPersonId: 'f', category: 'ELIGIBLE' }),
    plan({ youngPersonId: 'g', teamId: null }),
  ];
  it.each<[string, Partial<SampleFilters>, string[]]>([
    [
      'a period: both ends inclusive; a version after it is left out, the latest inside it kept',
      { teamId: null },
      ['a-v2', 'b-v1', 'c-v1', 'e-v1', 'f-v1', 'g-v1'],
    ],
    ['a team: only plans approved while the case was in that team', { teamId: 'south' }, ['e-v1']],
    ['a category', { category: 'ELIGIBLE' }, ['f-v1']],
    ['team and category together', { teamId: 'north', category: 'RELEVANT' }, ['a-v2', 'b-v1', 'c-v1']],
    ['a period with no approvals', { from: '2024-01-01', to: '2024-12-31' }, []],
  ])('%s', (_rule, over, expected) => {
    expect(ids(samplePopulation(rows, { ...everyone, ...over }))).toEqual(expected);
  });
  it('the sample is drawn from the filtered population only', () => {
    const drawn = drawSample(rows, { ...everyone, teamId: 'north', category: 'RELEVANT' }, 10, 99);
    expect(ids(drawn).sort()).toEqual(['a-v2', 'b-v1', 'c-v1']);
  });
});

describe('the draw form (a team, a period, a category, N and an optional seed)', () => {
  const TODAY = '2026-11-23';
  const date = (value: string | null, error: string | null = null) => ({ value, error });
  const input = (over: Partial<DrawInput> = {}): DrawInput => ({
    teamId: '',
    from: date('2026-01-01'),
    to: date('2026-06-30'),
    category: '',
    size: '10',
    seed: '',
    ...over,
  });
  const check = (over: Partial<DrawInput>) => checkDraw(input(over), ['north'], ['RELEVANT', 'ELIGIBLE'], TODAY);

  it('all teams and categories, no seed: accepted with nulls', () => {
    expect(check({})).toEqual({
      ok: true,
      value: { filters: { teamId: null, from: '2026-01-01', to: '2026-06-30', category: null }, size: 10, seed: null },
    });
  });
  it('a team, a category, a seed of 0 and the largest seed', () => {
    expect(check({ teamId: 'north', category: 'ELIGIBLE', seed: '0' })).toMatchObject({
      ok: true,
      value: { filters: { teamId: 'north', category: 'ELIGIBLE' }, seed: 0 },
    });
    expect(check({ seed: '4294967295' })).toMatchObject({ ok: true, value: { seed: 4294967295 } });
  });
  it.each<[string, Partial<DrawInput>, Record<string, string>]>([
    ['a team not in the council', { teamId: 'south' }, { teamId: 'Select a team, or all teams' }],
    ['a category not on the list', { category: 'NONE' }, { category: 'Select a category, or all categories' }],
    [
      'no period',
      { from: date(null), to: date(null) },
      { from: 'Enter the first day of the period', to: 'Enter the last day of the period' },
    ],
    [
      'a date not real keeps its own message',
      { from: date(null, 'The first day of the period must be a real date') },
      { from: 'The first day of the period must be a real date' },
    ],
    [
      'the period the wrong way round',
      { from: date('2026-07-01') },
      { to: 'The last day of the period must be the same as or after the first day' },
    ],
    [
      'a period ending tomorrow',
      { to: date('2026-11-24') },
      { to: 'The last day of the period must be today or in the past' },
    ],
    ['N of 0', { size: '0' }, { size: 'How many plans must be a whole number from 1 to 100' }],
    ['N of 101', { size: '101' }, { size: 'How many plans must be a whole number from 1 to 100' }],
    ['N not whole', { size: '2.5' }, { size: 'How many plans must be a whole number from 1 to 100' }],
    ['N empty', { size: ' ' }, { size: 'Enter how many plans to sample' }],
    [
      'a seed past 32 bits',
      { seed: '4294967296' },
      { seed: 'The seed must be a whole number from 0 to 4294967295, or left empty' },
    ],
    [
      'a negative seed',
      { seed: '-1' },
      { seed: 'The seed must be a whole number from 0 to 4294967295, or left empty' },
    ],
  ])('%s', (_rule, over, expected) => {
    expect(check(over)).toEqual({ ok: false, fieldErrors: expected });
  });
  it('a period ending today is accepted', () => {
    expect(check({ to: date(TODAY) }).ok).toBe(true);
  });
});
