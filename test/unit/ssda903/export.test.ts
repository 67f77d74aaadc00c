// The rules that write the SSDA903 return (src/domain/ssda903/export.ts), one row per rule, each naming
// the DfE validation rule or guidance it follows (reference/statutory.md §3).
import { describe, expect, it } from 'vitest';
import {
  accommodationCode,
  activityCode,
  buildReturn,
  careLeaverByEpisodes,
  collectionYear,
  episodesInYear,
  type ExportChild,
  type ExportEpisode,
  inTouchCode,
  motherOf,
  oc3Birthday,
  oc3Exclusion,
  oc3Row,
  sexCode,
} from '../../../src/domain/ssda903/export.ts';
import { readReturn } from '../../../src/domain/ssda903/return.ts';
import { toCsv } from '../../../src/domain/oversight/csv.ts';
import { EXPORT_COLUMNS } from '../../../src/domain/ssda903/export.ts';

const episode = (startDate: string, endDate: string | null, more: Partial<ExportEpisode> = {}): ExportEpisode => ({
  startDate,
  endDate,
  reasonNewEpisode: 'S',
  legalStatus: 'C2',
  categoryOfNeed: 'N1',
  placementType: 'U4',
  placementProvider: 'PR1',
  reasonEnded: endDate ? 'E8' : null,
  reasonPlaceChange: null,
  homePostcode: 'LS1 1AA',
  placementPostcode: 'LS2 2BB',
  urn: '1234567',
  ...more,
});

/** A young person born 1 June 2006: 17 on 1 June 2023, 18 in 2024, 19 in 2025 (collection years 2024 to 2026). */
const child = (more: Partial<ExportChild> = {}): ExportChild => ({
  child: 'C1',
  sex: 'female',
  dateOfBirth: '2006-06-01',
  ethnicity: 'WBRI',
  upn: null,
  unaccompaniedAsylumSeeking: false,
  episodes: [episode('2019-01-01', '2024-06-01')],
  contactDates: [],
  activity: [],
  accommodation: [],
  diedOn: null,
  becameParentOn: null,
  declinedSupportOn: null,
  homeWithParentSince: null,
  ...more,
});

describe('the collection year and its layout', () => {
  it('runs from 1 April to 31 March', () => {
    expect(collectionYear(2026)).toEqual({ start: '2025-04-01', end: '2026-03-31' });
  });
  it.each([
    // Rule 101: 1/2 before 2024–25, M/F/U from it.
    ['male', 2024, '1'],
    ['female', 2024, '2'],
    ['other', 2024, null],
    ['male', 2025, 'M'],
    ['female', 2026, 'F'],
    ['not_known', 2025, 'U'],
  ])('sex %s in the year ending March %i is %s (rule 101)', (sex, year, code) => {
    expect(sexCode(sex, year)).toBe(code);
  });
});

describe('episodes in the year', () => {
  const episodes = [
    episode('2020-01-01', '2025-03-31', { reasonEnded: 'X1' }), // ended the day before the year
    episode('2025-03-31', '2025-04-01', { reasonEnded: 'X1' }), // ended on its first day: open in the year
    episode('2025-04-01', '2026-05-01', { reasonEnded: 'E8' }), // ends after the year: open on 31 March
    episode('2026-04-01', null), // starts after the year
  ];
  it('holds every episode open in the year, and writes one that ends after it as open', () => {
    const held = episodesInYear(episodes, 2026);
    expect(held.map((e) => [e.startDate, e.endDate, e.reasonEnded])).toEqual([
      ['2025-03-31', '2025-04-01', 'X1'],
      ['2025-04-01', null, null],
    ]);
  });
});

describe('who is a care leaver by the episodes (rule 1001)', () => {
  it.each([
    ['91 days from the 14th birthday, and after the 16th', [episode('2020-06-01', '2022-08-31')], true],
    ['90 days from the 14th birthday', [episode('2022-03-03', '2022-06-01')], false],
    ['left care before the 16th birthday', [episode('2019-01-01', '2022-06-01')], false],
    ['short breaks only (LS V3, V4)', [episode('2020-06-01', '2023-01-01', { legalStatus: 'V4' })], false],
    ['adopted (last episode ended E11)', [episode('2020-06-01', '2022-08-31', { reasonEnded: 'E11' })], false],
    ['still looked after', [episode('2020-06-01', null)], true],
  ])('%s', (_, episodes, expected) => {
    expect(careLeaverByEpisodes('2006-06-01', episodes, '2025-06-01')).toBe(expected);
  });
});

describe('who has an OC3 row', () => {
  it.each([
    ['16 all year (rule 391)', child({ dateOfBirth: '2009-06-01' }), 2026, 'no-birthday'],
    ['22nd birthday in the year (17th to 21st only)', child({ dateOfBirth: '2003-06-01' }), 2026, 'no-birthday'],
    ['never looked after (rule 1002)', child({ episodes: [] }), 2026, 'never-looked-after'],
    [
      'died in care (rule 1000)',
      child({ episodes: [episode('2019-01-01', '2023-01-01', { reasonEnded: 'E2' })] }),
      2026,
      'died-in-care',
    ],
    [
      'care transferred to another council (rule 1011)',
      child({ episodes: [episode('2019-01-01', '2023-01-01', { reasonEnded: 'E3' })] }),
      2026,
      'transferred',
    ],
    [
      'not relevant or former relevant (rule 1001)',
      child({ episodes: [episode('2019-01-01', '2021-01-01')] }),
      2026,
      'not-care-leaver',
    ],
    ['17 and looked after on the birthday (rule 1007)', child(), 2024, 'looked-after-on-birthday'],
    [
      '18 and left care on the birthday, from 2023–24 (rule 1016)',
      child({ episodes: [episode('2019-01-01', '2024-06-01')] }),
      2025,
      'left-care-after-birthday',
    ],
    [
      'the same before 2023–24',
      child({ dateOfBirth: '2004-06-01', episodes: [episode('2017-01-01', '2022-06-01')] }),
      2023,
      null,
    ],
    [
      '17 and left care at 16 (a relevant child)',
      child({ episodes: [episode('2019-01-01', '2023-01-01')] }),
      2024,
      null,
    ],
    ['19 and left care at 18 (former relevant)', child(), 2026, null],
    ['21st birthday in the year', child(), 2028, null],
  ])('%s', (_, c, year, expected) => {
    expect(oc3Exclusion(c, year)).toBe(expected);
  });

  it('finds the one 17th to 21st birthday in the year', () => {
    expect(oc3Birthday('2006-06-01', 2026)).toEqual({ age: 19, on: '2025-06-01' });
    expect(oc3Birthday('2006-03-31', 2023)).toEqual({ age: 17, on: '2023-03-31' });
    expect(oc3Birthday('2006-04-01', 2023)).toBeNull();
  });
});

describe('IN_TOUCH, ACTIV and ACCOM around the birthday (rules 131, 132, 133, 344, 345)', () => {
  const on = '2025-06-01';
  it.each([
    ['a contact 3 months before the birthday', child({ contactDates: ['2025-03-01'] }), 'YES'],
    ['a contact 1 month after it', child({ contactDates: ['2025-07-01'] }), 'YES'],
    ['a contact 1 month and a day after it', child({ contactDates: ['2025-07-02'] }), 'NO'],
    ['a contact the day before the window', child({ contactDates: ['2025-02-28'] }), 'NO'],
    [
      'died (closed for death) before the window closed',
      child({ diedOn: '2025-06-20', contactDates: ['2025-05-01'] }),
      'DIED',
    ],
    ['home with a parent for 6 months by the birthday', child({ homeWithParentSince: '2024-12-01' }), 'RHOM'],
    ['home with a parent for less than 6 months', child({ homeWithParentSince: '2024-12-02' }), 'NO'],
    ['declined support and no contact', child({ declinedSupportOn: '2025-01-01' }), 'NREQ'],
    ['declined support but in touch', child({ declinedSupportOn: '2025-01-01', contactDates: [on] }), 'YES'],
  ])('%s', (_, c, code) => {
    expect(inTouchCode(c, on)).toBe(code);
  });

  const recorded = child({
    activity: [
      { on: '2024-01-01', code: 'G5' },
      { on: '2025-06-01', code: 'F2' },
      { on: '2025-06-02', code: 'F5' },
    ],
    accommodation: [
      { on: '2024-01-01', code: 'D', suitable: true },
      { on: '2025-05-01', code: 'U', suitable: false },
    ],
  });
  it.each([
    ['in touch: the activity on the birthday', 'YES', 'F2', 'U2'],
    ['not in touch: 0 and 0', 'NO', '0', '0'],
    ['died: 0 and 0 (rule 344)', 'DIED', '0', '0'],
    ['returned home: 0 and 0 (rule 344)', 'RHOM', '0', '0'],
  ])('%s', (_, inTouch, activity, accommodation) => {
    expect(activityCode(recorded, on, inTouch)).toBe(activity);
    expect(accommodationCode(recorded, on, inTouch)).toBe(accommodation);
  });
  it.each([
    ['S', true, 'S2'],
    ['X', true, 'X2'],
    ['Z', true, 'Z1'],
    ['B', false, 'B2'],
  ])('accommodation %s (suitable %s) is %s: S and X are never suitable (rule 133)', (code, suitable, expected) => {
    expect(accommodationCode(child({ accommodation: [{ on: '2020-01-01', code, suitable }] }), on, 'YES')).toBe(
      expected,
    );
  });
});

describe('records the return cannot carry as they stand', () => {
  it('lists in touch with nothing recorded (rule 345)', () => {
    const r = oc3Row(child({ contactDates: ['2025-06-01'] }), 2026);
    expect(r?.row).toMatchObject({ inTouch: 'YES', activity: '0', accommodation: '0' });
    expect(r?.problems.map((p) => p.column)).toEqual(['ACTIV', 'ACCOM']);
  });
  it('lists staying put at 17 (rule 3001) and a foyer under 18 (rule 347)', () => {
    const at17 = child({
      episodes: [episode('2019-01-01', '2023-01-01')],
      contactDates: ['2023-06-01'],
      activity: [{ on: '2023-01-01', code: 'F2' }],
      accommodation: [{ on: '2023-01-01', code: 'Z', suitable: true }],
    });
    expect(oc3Row(at17, 2024)?.problems.map((p) => p.reason)).toEqual([expect.stringContaining('rule 3001')]);
    const foyer = { ...at17, accommodation: [{ on: '2023-01-01', code: 'T', suitable: true }] };
    expect(oc3Row(foyer, 2024)?.problems.map((p) => p.reason)).toEqual([expect.stringContaining('rule 347')]);
  });
});

describe('the whole return', () => {
  const looked = child({
    child: 'A',
    episodes: [episode('2024-01-01', null)],
    unaccompaniedAsylumSeeking: true,
    dateOfBirth: '2009-05-05',
    sex: 'male',
  });
  const leaver = child({
    child: 'B',
    contactDates: ['2025-06-01'],
    activity: [{ on: '2024-01-01', code: 'F2' }],
    accommodation: [{ on: '2024-01-01', code: 'D', suitable: true }],
  });
  const mother = child({
    child: 'C',
    dateOfBirth: '2008-01-01',
    episodes: [episode('2023-01-01', null)],
    becameParentOn: '2025-09-09',
  });
  const built = buildReturn([mother, leaver, looked, child({ child: 'D', episodes: [] })], 2026);

  it('has a header row for everyone looked after in the year or in OC3, sorted by CHILD', () => {
    expect(built.header.map((r) => r[0])).toEqual(['A', 'B', 'C']);
    expect(built.header[0]).toEqual(['A', 'M', '05/05/2009', 'WBRI', '', '', '']);
  });
  it('writes UASC with the status ceasing on the 18th birthday (rule 205B)', () => {
    expect(built.uasc).toEqual([['A', 'M', '05/05/2009', '05/05/2027']]);
  });
  it('writes MOTHER for a young woman looked after in the year, blank for one only in OC3 (rules 393, 165)', () => {
    expect(built.header[2].slice(5)).toEqual(['1', '09/09/2025']);
    expect(built.header[1].slice(5)).toEqual(['', '']);
    expect(motherOf(mother, true, 2025)).toEqual({ mother: '0', childBorn: '' });
  });
  it('writes OC3 in the DfE codes', () => {
    expect(built.oc3).toEqual([['B', '01/06/2006', 'YES', 'F2', 'D1']]);
    expect(built.problems).toEqual([]);
  });
  it('reads back by the import with no error: the same columns and codes', () => {
    const files = Object.fromEntries(
      (['header.csv', 'episodes.csv', 'uasc.csv', 'oc3.csv'] as const).map((f) => [
        f,
        toCsv(
          EXPORT_COLUMNS[f],
          { 'header.csv': built.header, 'episodes.csv': built.episodes, 'uasc.csv': built.uasc, 'oc3.csv': built.oc3 }[
            f
          ],
        ),
      ]),
    );
    const read = readReturn(files);
    expect(read.errors).toEqual([]);
    expect(read.children.map((c) => c.child)).toEqual(['A', 'B', 'C']);
  });
});

describe('reviews.csv and missing.csv: what Pathway holds from an imported return, for the year', () => {
  const held = child({
    child: 'R',
    dateOfBirth: '2010-02-02',
    episodes: [episode('2024-01-01', null)],
    reviews: [
      { reviewedOn: '2025-03-31', participation: 'PN1' }, // the year before
      { reviewedOn: '2026-03-31', participation: 'PN7' }, // 31 March: in the year
      { reviewedOn: '2025-04-01', participation: 'PN3' }, // 1 April: in the year
      { reviewedOn: '2026-04-01', participation: 'PN1' }, // the year after
    ],
    missing: [
      { kind: 'M', startDate: '2025-05-01', endDate: '2025-05-02' },
      { kind: 'A', startDate: '2026-03-30', endDate: '2026-04-02' }, // ends after 31 March: written open
      { kind: 'M', startDate: '2025-03-30', endDate: '2025-04-02' }, // started the year before
    ],
  });
  const built = buildReturn([held, child({ child: 'S', episodes: [], reviews: held.reviews })], 2026);

  it('writes the reviews of the year, oldest first, for those looked after in it', () => {
    expect(built.reviews).toEqual([
      ['R', '02/02/2010', '01/04/2025', 'PN3'],
      ['R', '02/02/2010', '31/03/2026', 'PN7'],
    ]);
  });
  it('writes the missing episodes that started in the year; one ending after 31 March without its end', () => {
    expect(built.missing).toEqual([
      ['R', '02/02/2010', 'M', '01/05/2025', '02/05/2025'],
      ['R', '02/02/2010', 'A', '30/03/2026', ''],
    ]);
  });
});
