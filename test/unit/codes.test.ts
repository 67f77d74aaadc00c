// Codes become words: SSDA903 legal statuses, placements and reasons care ended, DfE ethnicity codes,
// and the audit trail's action names.
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_NAMES,
  auditActionName,
  CATEGORY_OF_NEED_NAMES,
  PLACEMENT_PROVIDER_NAMES,
  REASON_NEW_EPISODE_NAMES,
  REASON_PLACE_CHANGE_NAMES,
  codeItems,
  codeName,
  ETHNICITY_NAMES,
  LEGAL_STATUS_NAMES,
  PLACEMENT_NAMES,
  REASON_ENDED_NAMES,
} from '../../src/domain/codes.ts';

describe('codeName', () => {
  it.each([
    [LEGAL_STATUS_NAMES, 'V2', 'Accommodated under section 20'],
    [LEGAL_STATUS_NAMES, 'C2', 'Full care order'],
    [PLACEMENT_NAMES, 'U5', 'Foster placement with another foster carer who is also an approved adopter'],
    [PLACEMENT_NAMES, 'k2', 'Children’s home'],
    [REASON_ENDED_NAMES, 'E13', 'Left care to live with parents, relatives or others without parental responsibility'],
    [REASON_ENDED_NAMES, 'X1', 'Placement changed, still looked after'],
    [ETHNICITY_NAMES, 'WBRI', 'White British'],
    [CATEGORY_OF_NEED_NAMES, 'N1', 'Abuse or neglect'],
    [PLACEMENT_PROVIDER_NAMES, 'PR1', 'The council’s own provision'],
    [REASON_NEW_EPISODE_NAMES, 'S', 'Started to be looked after'],
    [REASON_PLACE_CHANGE_NAMES, 'CARPL', 'Change to or carrying out of the care plan'],
    [REASON_ENDED_NAMES, 'E17', 'Aged 18 or over and stayed with their carers (staying put)'],
    [ETHNICITY_NAMES, ' bafr ', 'Black African'],
  ])('%#: %s gives words', (names, code, words) => {
    expect(codeName(names, code)).toBe(words);
  });

  it('shows a code the list does not know as it is, and nothing for no code', () => {
    expect(codeName(PLACEMENT_NAMES, 'Q9')).toBe('Q9');
    expect(codeName(PLACEMENT_NAMES, null)).toBe('');
    expect(codeName(PLACEMENT_NAMES, '')).toBe('');
  });

  it('every code in the lists has words that are not the code itself', () => {
    for (const names of [
      LEGAL_STATUS_NAMES,
      PLACEMENT_NAMES,
      REASON_ENDED_NAMES,
      REASON_NEW_EPISODE_NAMES,
      CATEGORY_OF_NEED_NAMES,
      PLACEMENT_PROVIDER_NAMES,
      REASON_PLACE_CHANGE_NAMES,
      ETHNICITY_NAMES,
      AUDIT_ACTION_NAMES,
    ]) {
      for (const [code, words] of Object.entries(names)) {
        // A one-letter code (RNE's S, L, P…) is in many words; it is the code shown alone that must not be.
        if (code.length > 1) expect(words, code).not.toContain(code);
        else expect(words, code).not.toBe(code);
        expect(words.length, code).toBeGreaterThan(2);
      }
    }
  });
});

describe('auditActionName', () => {
  it.each([
    ['record.view', 'Looked at the record'],
    ['audit.view', 'Looked at who has seen the record'],
    ['review.signAsYoungPerson', 'Young person signed the plan'],
    ['care-episode.add', 'Added a period of care'],
    // Not in the list: spelt out from its name, never shown as a code.
    ['review.someNewStep', 'Review some new step'],
    ['list.caseload', 'List caseload'],
  ])('%s → %s', (action, words) => {
    expect(auditActionName(action)).toBe(words);
  });
});

describe('codeItems', () => {
  it('gives a select a "Choose one" first, then the words with the code after them, the chosen one selected', () => {
    const items = codeItems(LEGAL_STATUS_NAMES, 'C2');
    expect(items[0]).toEqual({ value: '', text: 'Choose one' });
    expect(items.find((i) => i.value === 'C2')).toEqual({ value: 'C2', text: 'Full care order (C2)', selected: true });
    expect(items.filter((i) => 'selected' in i && i.selected)).toHaveLength(1);
  });
});

// The DfE SSDA903 code lists, whole: a code the return accepts is one a person can choose (issue 11 §1).
describe('the SSDA903 episode code lists', () => {
  it.each([
    ['PLACE', PLACEMENT_NAMES, 'A3 A4 A5 A6 H5 K1 K2 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1'],
    ['REC', REASON_ENDED_NAMES, 'E11 E12 E13 E14 E15 E16 E17 E2 E3 E41 E45 E46 E47 E48 E4A E4B E5 E6 E7 E8 E9 X1'],
    ['RNE', REASON_NEW_EPISODE_NAMES, 'B L P S T U'],
    ['CIN', CATEGORY_OF_NEED_NAMES, 'N1 N2 N3 N4 N5 N6 N7 N8'],
    ['PLACE_PROVIDER', PLACEMENT_PROVIDER_NAMES, 'PR0 PR1 PR2 PR3 PR4 PR5'],
    [
      'REASON_PLACE_CHANGE',
      REASON_PLACE_CHANGE_NAMES,
      'ALLEG APPRR CARPL CHILD CLOSE CREQB CREQO CUSTOD LAREQ OTHER PLACE STAND',
    ],
  ])('%s', (_field, names, codes) => {
    expect(Object.keys(names).sort()).toEqual(codes.split(' ').sort());
  });
});
