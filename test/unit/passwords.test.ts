// Password rules: NCSC password guidance and NIST SP 800-63B §5.1.1.2 — a minimum length, no
// character-class rules, a blocklist with context-specific words (the service, the council, the
// person), and zxcvbn's strength estimate of 3 or more (issue 7, item 10).
import { describe, expect, it } from 'vitest';
import { checkPassword, personalWords, serviceWords } from '../../src/domain/passwords.ts';

const person = { personal: ['Zara Okafor', 'zara.okafor@leeds.gov.uk', 'zokafor'], council: 'Leeds City Council' };

describe('checkPassword', () => {
  it.each([
    // NIST 800-63B: at least a minimum length, at most a generous maximum.
    ['short', 'abc', 'too_short'],
    ['nine characters', 'abcdefghi', 'too_short'],
    ['very long', 'x'.repeat(201), 'too_long'],
    // NIST 800-63B: "passwords obtained from previous breach corpuses" and commonly used ones (zxcvbn's lists).
    ['common password', 'password123', 'common'],
    ['common password with trailing digits', 'sunshine2026', 'common'],
    ['common password in capitals', 'PASSWORD123', 'common'],
    ['keyboard row', 'qwertyuiop', 'common'],
    ['one character repeated', 'aaaaaaaaaaaa', 'common'],
    ['one character repeated, one digit', 'zzzzzzzzz1', 'common'],
    ['short pattern repeated', 'abcabcabcabc', 'common'],
    ['sequence', 'abcdefghij', 'common'],
    ['l33t common password', 'P@ssw0rd2026', 'common'],
    ['football club and digits', 'liverpool1234', 'common'],
    ['season and year', 'Summer2026!', 'common'],
    // NIST 800-63B: "context-specific words, such as the name of the service".
    ['the published demo password', 'pathway-demo-2026', 'published'],
    ['the demo password in capitals without dashes', 'PATHWAY DEMO 2026', 'published'],
    ['the service name and a year', 'pathway2026', 'contains_service'],
    ['the service name among words', 'my pathway plan rocks', 'contains_service'],
    // NCSC: three random words.
    ['three random words', 'purple tractor harbour', null],
    ['three random words run together', 'tablelampchair', null],
    ['lower case only is fine', 'correcthorsebatterystaple', null],
    ['unicode counts as characters', 'ñandú ñandú ñu kiwi', null],
    ['long passphrase', 'the orange kettle sang to the meadow at midnight', null],
  ] as const)('%s', (_name, password, expected) => {
    expect(checkPassword(password)).toBe(expected);
  });

  it.each([
    // NIST 800-63B: "the username, and derivatives thereof"; the person's name; the council's name.
    ['their given name', 'zara loves kettles', 'contains_name'],
    ['their family name in capitals', 'OKAFOR kettle meadow', 'contains_name'],
    ['their username', 'zokafor purple harbour', 'contains_name'],
    ['their council', 'leeds purple harbour', 'contains_service'],
    ['the council name is not "city"', 'velocity kettle harbour', null],
    ['the email domain is not their name', 'gov purple kettle harbour', null],
    ['none of theirs', 'purple tractor harbour', null],
  ] as const)('for a person: %s', (_name, password, expected) => {
    expect(checkPassword(password, person)).toBe(expected);
  });

  it('ignores names under 3 letters and generic council words', () => {
    expect(checkPassword('al purple tractor harbour', { personal: ['Al'] })).toBeNull();
    expect(personalWords(['Al Li', 'ab.cdef@x.test'])).toEqual(['cdef']);
    expect(serviceWords('Royal Borough of Kingston upon Thames')).toEqual(['pathway', 'kingston', 'thames']);
  });

  it('judges the first 64 characters only, so a very long password cannot tie the server up', () => {
    // zxcvbn's time grows quickly with length: 200 characters took seconds. Only the start is judged,
    // so a weak start is refused whatever follows it.
    expect(checkPassword(`${'a'.repeat(64)} purple tractor harbour kettle`)).toBe('common');
    expect(checkPassword(`purple tractor harbour kettle ${'a'.repeat(64)}`)).toBeNull();
    expect(checkPassword('$1'.repeat(100))).toBe('common');
  });
});
