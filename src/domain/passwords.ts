// Password rules, following NCSC's password guidance ("three random words"; block the most common
// passwords; no complexity rules) and NIST SP 800-63B §5.1.1.2 (rev. 3; §3.1.1.2 in rev. 4):
// a minimum length, no character-class rules, and a check against a blocklist of "commonly-used,
// expected, or compromised" values, including "context-specific words, such as the name of the
// service, the username, and derivatives thereof". Strength is estimated with zxcvbn (the
// estimator NCSC and NIST's examples point to): a score of 3 ("safely unguessable") or more.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;
/** zxcvbn's score: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_STRENGTH_SCORE = 3;
/** The demo council's password, published in the README: never a real account's password. */
export const DEMO_PASSWORD = 'pathway-demo-2026';
const SERVICE_WORDS = ['pathway'];
// Words in many councils' names that say nothing about this council.
const GENERIC_COUNCIL_WORDS = new Set([
  'council',
  'city',
  'county',
  'borough',
  'district',
  'metropolitan',
  'royal',
  'london',
  'upon',
  'with',
  'and',
  'the',
]);
// Enough of a password to judge it: zxcvbn's time grows quickly with length, and a password
// whose first 64 characters are strong is strong.
const ESTIMATE_LENGTH = 64;

export type PasswordProblem = 'too_short' | 'too_long' | 'published' | 'contains_service' | 'contains_name' | 'common';

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Password must be ${MIN_PASSWORD_LENGTH} characters or more. Three random words work well`,
  too_long: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`,
  published: 'This password is published in Pathway’s instructions. Choose a different one',
  contains_service: 'Password must not contain the name of this service or your council',
  contains_name: 'Password must not contain your name, email address or username',
  common: 'This password is too easy to guess. Try three random words',
};

/** What is known about the person choosing the password. */
export type PasswordContext = {
  /** Their names, email address, username. */
  personal?: readonly (string | null | undefined)[];
  /** Their council's name. */
  council?: string | null;
};

const compact = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Words of a person's names, email address (the part before @) and username, 3 letters or more. */
export function personalWords(values: readonly (string | null | undefined)[]): string[] {
  return values.flatMap((v) => (v ? words(v.split('@')[0]) : [])).filter((w) => w.length >= 3);
}

/** The service's name and the distinctive words of the council's name. */
export function serviceWords(council: string | null | undefined): string[] {
  const own = council ? words(council).filter((w) => w.length >= 4 && !GENERIC_COUNCIL_WORDS.has(w)) : [];
  return [...SERVICE_WORDS, ...own];
}

let estimator: ZxcvbnFactory | undefined;
/** Built on first use: loading the dictionaries takes about a second, which start-up need not wait for. */
function strength(password: string, userInputs: string[]): number {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    maxLength: ESTIMATE_LENGTH,
    l33tMaxSubstitutions: 20,
  });
  return estimator.check(password, userInputs).score;
}

/** Returns the first problem with a chosen password, or null when it is acceptable. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const bare = compact(password);
  const lower = password.toLowerCase();
  const has = (word: string) => lower.includes(word) || bare.includes(compact(word));
  if (bare === compact(DEMO_PASSWORD)) return 'published';
  const service = serviceWords(context.council);
  if (service.some(has)) return 'contains_service';
  const personal = personalWords(context.personal ?? []);
  if (personal.some(has)) return 'contains_name';
  if (strength(password, [...service, ...personal]) < MIN_STRENGTH_SCORE) return 'common';
  return null;
}
