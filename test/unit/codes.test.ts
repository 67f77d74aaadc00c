// Codes become words: SSDA903 legal statuses, placements and reasons care ended, DfE ethnicity codes,
// and the audit trail's action names.
import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_NAMES,
  auditActionName,
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
      ETHNICITY_NAMES,
      AUDIT_ACTION_NAMES,
    ]) {
      for (const [code, words] of Object.entries(names)) {
        expect(words, code).not.toContain(code);
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
