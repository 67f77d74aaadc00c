// Password rules: NCSC password guidance and NIST SP 800-63B §5.1.1 — length and a deny list,
// never character-class rules.
import { describe, expect, it } from 'vitest';
import { checkPassword } from '../../src/domain/passwords.ts';

describe('checkPassword', () => {
  it.each([
    ['short', 'abc', 'too_short'],
    ['nine characters', 'abcdefghi', 'too_short'],
    ['common password', 'password123', 'common'],
    ['common password with trailing digits', 'sunshine2026', 'common'],
    ['common password in capitals', 'PASSWORD123', 'common'],
    ['one character repeated', 'aaaaaaaaaaaa', 'common'],
    ['short pattern repeated', 'abcabcabcabc', 'common'],
    ['very long', 'x'.repeat(201), 'too_long'],
    ['three random words', 'purple tractor harbour', null],
    ['lower case only is fine', 'correcthorsebatterystaple', null],
    ['unicode counts as characters', 'ñandú ñandú ñu', null],
  ] as const)('%s', (_name, password, expected) => {
    expect(checkPassword(password)).toBe(expected);
  });

  it('refuses a password containing the person’s name', () => {
    expect(checkPassword('zara-loves-pathway', ['Zara'])).toBe('contains_name');
    expect(checkPassword('zara-loves-pathway', ['Al'])).toBeNull(); // names under 3 letters are ignored
  });
});
