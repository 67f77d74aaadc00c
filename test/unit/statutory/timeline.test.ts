// The `pathway timeline` contract (reference §7) as pure functions.
import { describe, it, expect } from 'vitest';
import {
  timeline,
  timelineLine,
  parseTimelineInput,
  isTimelineError,
  type TimelineInput,
} from '../../../src/domain/statutory/index.ts';

const KEYS = [
  'category',
  'eligibleFrom',
  'relevantFrom',
  'needsAssessmentDue',
  'firstPlanDue',
  'nextReviewDue',
  'formerRelevantFrom',
  'supportEndsOn',
  'personalAdviserAvailableUntil',
  'flags',
  'rules',
];

const EXAMPLE_LINE =
  '{"dateOfBirth":"2010-03-15","asOf":"2026-04-20","episodes":[{"start":"2023-01-10","end":null,"legalStatus":"C2"}],"lastReviewOn":"2026-04-01","hasPathwayPlan":true,"homeWithParentSince":null,"detainedOrInHospitalOn16thBirthday":false,"requestedSupportAfter21":false,"educationProgrammeEndsOn":null}';
const EXAMPLE_OUTPUT =
  '{"category":"eligible","eligibleFrom":"2026-03-15","relevantFrom":null,"needsAssessmentDue":"2026-06-15","firstPlanDue":"2026-06-15","nextReviewDue":"2026-10-01","formerRelevantFrom":"2028-03-15","supportEndsOn":"2031-03-15","personalAdviserAvailableUntil":"2035-03-15","flags":[],"rules":["PARA19B","CPPCR_REG40","CPPCR_REG42"]}';

describe('§7 output: every key present, in order, null where it does not apply', () => {
  it('the §7 example line gives the §7 example output, byte for byte', () => {
    expect(JSON.stringify(timelineLine(EXAMPLE_LINE))).toBe(EXAMPLE_OUTPUT);
  });

  it.each<[string, TimelineInput]>([
    [
      'looked-after-under-16',
      { dateOfBirth: '2010-09-01', asOf: '2026-06-01', episodes: [{ start: '2025-01-01', end: null }] },
    ],
    [
      'looked-after-not-yet-eligible',
      { dateOfBirth: '2010-01-10', asOf: '2026-04-10', episodes: [{ start: '2026-01-10', end: null }] },
    ],
    ['eligible', { dateOfBirth: '2010-01-10', asOf: '2026-05-01', episodes: [{ start: '2026-01-10', end: null }] }],
    [
      'relevant',
      { dateOfBirth: '2008-11-05', asOf: '2026-03-01', episodes: [{ start: '2024-01-01', end: '2026-02-01' }] },
    ],
    [
      'former-relevant',
      { dateOfBirth: '2006-05-20', asOf: '2025-08-01', episodes: [{ start: '2019-05-01', end: '2024-05-20' }] },
    ],
    [
      'former-relevant-21-to-25',
      { dateOfBirth: '2003-09-01', asOf: '2025-10-01', episodes: [{ start: '2018-01-01', end: '2021-09-01' }] },
    ],
    [
      'qualifying',
      { dateOfBirth: '2007-03-01', asOf: '2025-06-01', episodes: [{ start: '2024-12-31', end: '2025-03-01' }] },
    ],
    [
      'short-breaks-only',
      {
        dateOfBirth: '2009-06-01',
        asOf: '2025-07-01',
        episodes: [{ start: '2025-06-05', end: '2025-06-12', legalStatus: 'V4' }],
      },
    ],
    ['none', { dateOfBirth: '2009-02-10', asOf: '2025-06-01', episodes: [] }],
  ])('%s', (category, input) => {
    const output = timeline(input);
    expect(output.category).toBe(category);
    expect(Object.keys(output)).toEqual(KEYS);
    for (const key of KEYS.slice(1, -2)) {
      const value = (output as unknown as Record<string, unknown>)[key];
      expect(value === null || /^\d{4}-\d{2}-\d{2}$/.test(String(value))).toBe(true);
    }
    expect(Array.isArray(output.flags) && Array.isArray(output.rules)).toBe(true);
  });

  it('`"shortBreak": true` marks a short-break episode as LS V3/V4 does', () => {
    const output = timelineLine(
      '{"dateOfBirth":"2009-06-01","asOf":"2025-07-01","episodes":[{"start":"2025-06-05","end":"2025-06-12","shortBreak":true}]}',
    );
    expect(output).toMatchObject({ category: 'short-breaks-only' });
  });

  it('only dateOfBirth, asOf and episodes are required; unknown keys are ignored', () => {
    const output = timelineLine(
      '{"dateOfBirth":"2010-01-10","asOf":"2026-05-01","episodes":[{"start":"2026-01-10"}],"caseNumber":"A12"}',
    );
    expect(output).toMatchObject({ category: 'eligible', eligibleFrom: '2026-04-11' });
  });

  it('nextReviewDue is lastReviewOn + 6 months where a review date is known, null where not', () => {
    const base = { dateOfBirth: '2010-03-15', asOf: '2026-04-20', episodes: [{ start: '2023-01-10', end: null }] };
    expect(timeline({ ...base, lastReviewOn: '2025-12-31' }).nextReviewDue).toBe('2026-06-30');
    expect(timeline(base).nextReviewDue).toBeNull();
  });

  it('"asOf": "today" reads the date passed in (the CLI passes the current date)', () => {
    const line = '{"dateOfBirth":"2010-01-10","asOf":"today","episodes":[{"start":"2026-01-10","end":null}]}';
    expect(timelineLine(line, '2026-04-10')).toMatchObject({ category: 'looked-after-not-yet-eligible' });
    expect(timelineLine(line, '2026-04-11')).toMatchObject({ category: 'eligible' });
    expect(timelineLine(line)).toEqual({ error: expect.stringContaining('asOf') });
  });
});

describe('§7 bad input: one {"error": "..."} object for that line', () => {
  it.each([
    ['not JSON', 'bad', /not valid JSON/],
    ['a JSON array', '[1,2]', /JSON object/],
    ['a JSON string', '"2010-01-01"', /JSON object/],
    ['missing dateOfBirth', '{"asOf":"2026-01-01","episodes":[]}', /missing field: dateOfBirth/],
    ['missing asOf', '{"dateOfBirth":"2010-01-01","episodes":[]}', /missing field: asOf/],
    ['missing episodes', '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01"}', /missing field: episodes/],
    ['null dateOfBirth', '{"dateOfBirth":null,"asOf":"2026-01-01","episodes":[]}', /missing field: dateOfBirth/],
    [
      'impossible date of birth',
      '{"dateOfBirth":"2010-02-30","asOf":"2026-01-01","episodes":[]}',
      /dateOfBirth is not a real date/,
    ],
    [
      'date with a time',
      '{"dateOfBirth":"2010-02-01T00:00:00Z","asOf":"2026-01-01","episodes":[]}',
      /dateOfBirth is not a real date/,
    ],
    ['impossible asOf', '{"dateOfBirth":"2010-01-01","asOf":"2026-13-01","episodes":[]}', /asOf is not a real date/],
    [
      'episodes not an array',
      '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01","episodes":{}}',
      /episodes must be an array/,
    ],
    [
      'episode not an object',
      '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01","episodes":["2024-01-01"]}',
      /episodes\[0\] must be an object/,
    ],
    [
      'episode without start',
      '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01","episodes":[{"end":null}]}',
      /missing field: episodes\[0\]\.start/,
    ],
    [
      'impossible episode end',
      '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01","episodes":[{"start":"2024-01-01","end":"2024-02-31"}]}',
      /episodes\[0\]\.end is not a real date/,
    ],
    [
      'end before start',
      '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01","episodes":[{"start":"2024-01-01","end":null},{"start":"2025-03-01","end":"2025-02-01"}]}',
      /episodes\[1\]\.end \(2025-02-01\) is before episodes\[1\]\.start \(2025-03-01\)/,
    ],
    [
      'episode before birth',
      '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01","episodes":[{"start":"2009-01-01","end":null}]}',
      /before dateOfBirth/,
    ],
    [
      'asOf before birth',
      '{"dateOfBirth":"2010-01-01","asOf":"2009-01-01","episodes":[]}',
      /asOf \(2009-01-01\) is before dateOfBirth/,
    ],
    [
      'impossible optional date',
      '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01","episodes":[],"lastReviewOn":"2025-06-31"}',
      /lastReviewOn is not a real date/,
    ],
    [
      'a boolean given as text',
      '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01","episodes":[],"hasPathwayPlan":"yes"}',
      /hasPathwayPlan must be true, false or null/,
    ],
    [
      'legal status not text',
      '{"dateOfBirth":"2010-01-01","asOf":"2026-01-01","episodes":[{"start":"2024-01-01","legalStatus":3}]}',
      /legalStatus must be a string/,
    ],
  ])('%s', (_name, line, message) => {
    const output = timelineLine(line);
    expect(isTimelineError(output)).toBe(true);
    expect(Object.keys(output)).toEqual(['error']);
    expect((output as { error: string }).error).toMatch(message);
  });

  it('an episode ending on its start day (0 days) is not an error', () => {
    expect(
      parseTimelineInput({
        dateOfBirth: '2010-01-01',
        asOf: '2026-01-01',
        episodes: [{ start: '2024-01-01', end: '2024-01-01' }],
      }).ok,
    ).toBe(true);
  });
});
