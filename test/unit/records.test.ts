// The shapes the SSDA903 return accepts for what staff type into a young person's record
// (domain/records.ts, issue 11 §1): each row names the guidance it follows.
import { describe, expect, it } from 'vitest';
import {
  episodeStartProblem,
  normalisePostcode,
  postcodeProblem,
  reasonPlaceChangeProblem,
  upnProblem,
  urnProblem,
} from '../../src/domain/records.ts';

describe('upnProblem (DfE "Unique pupil numbers" guidance: 13 characters, check letter first)', () => {
  it.each([
    ['the guidance’s example', 'H801200001001', null],
    ['a check letter worked out from the numbers', 'B801200005001', null],
    ['a temporary UPN, a letter last', 'U80120000100A', null],
    ['the wrong check letter', 'A801200001001', 'Enter a real UPN: the first letter does not match the numbers'],
    ['12 characters', 'H80120000100', 'UPN must be 13 characters: a letter, then 12 numbers'],
    ['a letter in the middle', 'H8012000A1001', 'UPN must be 13 characters: a letter, then 12 numbers'],
    [
      'a letter never used as a check letter, last',
      'H80120000100I',
      'UPN must be 13 characters: a letter, then 12 numbers',
    ],
  ])('%s: %s', (_, upn, problem) => {
    expect(upnProblem(upn)).toBe(problem);
  });
});

describe('postcodes (SSDA903 HOME_POST and PL_POST: a UK postcode)', () => {
  it.each([
    ['sw1a1aa', 'SW1A 1AA', null],
    [' m1  1ae ', 'M1 1AE', null],
    ['B33 8TH', 'B33 8TH', null],
    ['CR2 6XH', 'CR2 6XH', null],
    ['12345', '12 345', 'Home postcode must be a real UK postcode, like SW1A 1AA'],
    ['SW1A', 'S W1A', 'Home postcode must be a real UK postcode, like SW1A 1AA'],
  ])('%s is written %s', (raw, written, problem) => {
    expect(normalisePostcode(raw)).toBe(written);
    expect(postcodeProblem(written, 'Home postcode')).toBe(problem);
  });
});

describe('urnProblem (SSDA903 URN: the Ofsted unique reference number of the placement)', () => {
  it.each([
    ['SC123456', null],
    ['1234567', null],
    ['123456', null],
    ['SC12345', 'URN must be SC and 6 numbers, or 6 or 7 numbers'],
    ['XX123456', 'URN must be SC and 6 numbers, or 6 or 7 numbers'],
  ])('%s', (urn, problem) => {
    expect(urnProblem(urn)).toBe(problem);
  });
});

describe('reasonPlaceChangeProblem (SSDA903 REASON_PLACE_CHANGE: only when the placement changed, never for T0–T4)', () => {
  it.each([
    ['RNE P, foster placement, with a reason', 'P', 'U4', 'CARPL', null],
    ['RNE B, with a reason', 'B', 'K2', 'CHILD', null],
    ['RNE P without a reason', 'P', 'U4', null, 'Select why the placement changed'],
    [
      'RNE L (legal status only) with a reason',
      'L',
      'U4',
      'CARPL',
      'Only give a reason for a change of placement when the placement changed and is not temporary',
    ],
    ['RNE S (started) without a reason', 'S', 'U4', null, null],
    ['a temporary placement (T1) without a reason', 'P', 'T1', null, null],
    [
      'a temporary placement (T4) with a reason',
      'T',
      'T4',
      'OTHER',
      'Only give a reason for a change of placement when the placement changed and is not temporary',
    ],
  ])('%s', (_, reasonNewEpisode, placementType, reasonPlaceChange, problem) => {
    expect(reasonPlaceChangeProblem({ reasonNewEpisode, placementType, reasonPlaceChange })).toBe(problem);
  });
});

describe('episodeStartProblem (SSDA903 episodes: a change carries on from the day the last episode ended)', () => {
  it.each([
    ['first period, started to be looked after', 'S', '2026-01-10', null, null],
    [
      'first period, a change of placement',
      'P',
      '2026-01-10',
      null,
      'Their first period of care must start with “Started to be looked after”',
    ],
    ['change of placement the day the last ended', 'P', '2026-01-10', '2026-01-10', null],
    [
      'change of legal status a day after the last ended',
      'L',
      '2026-01-11',
      '2026-01-10',
      'A change of legal status or placement starts the day the last period of care ended',
    ],
    ['back in care after a gap', 'S', '2026-03-01', '2026-01-10', null],
  ])('%s', (_, rne, start, lastEnd, problem) => {
    expect(episodeStartProblem(rne, start, lastEnd)).toBe(problem);
  });
});
