// A refused save (two people saved the same part) puts both texts in the box, so Save deletes nothing
// (issue 8, item 8).
import { describe, expect, it } from 'vitest';
import { keepBoth, keptBothFields } from '../../../src/domain/plan/index.ts';

describe('keepBoth: the text a box holds after a refused save', () => {
  it.each([
    [
      'both wrote different words',
      'I want to live near my sister',
      'I want to go to college',
      '[Already saved]\nI want to live near my sister\n\n[What you wrote]\nI want to go to college',
    ],
    ['nothing saved yet', '', 'I want to go to college', 'I want to go to college'],
    ['they wrote nothing', 'I want to live near my sister', '', 'I want to live near my sister'],
    ['the same words', 'Same words', ' Same words ', 'Same words'],
    [
      'they only added to what is saved',
      'I want a flat',
      'I want a flat near the bus stop',
      'I want a flat near the bus stop',
    ],
    [
      'the saved text only added to theirs',
      'I want a flat near the bus stop',
      'I want a flat',
      'I want a flat near the bus stop',
    ],
    ['both empty', '', '', ''],
  ])('%s', (_name, saved, yours, expected) => {
    expect(keepBoth(saved, yours)).toBe(expected);
  });
});

describe('keptBothFields', () => {
  it('names only the boxes that hold two texts', () => {
    const result = keptBothFields(
      { wants: 'Saved want', worries: 'Money', goingWell: '' },
      { wants: 'My want', worries: 'Money', goingWell: 'Football' },
    );
    expect(result.both).toEqual(['wants']);
    expect(result.values).toEqual({
      wants: '[Already saved]\nSaved want\n\n[What you wrote]\nMy want',
      worries: 'Money',
      goingWell: 'Football',
    });
  });
});
