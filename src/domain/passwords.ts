// Password rules, following NCSC and NIST SP 800-63B: length and a deny list of
// common passwords; never rules about character classes.
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_name';

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Password must be ${MIN_PASSWORD_LENGTH} characters or more. Three random words work well`,
  too_long: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`,
  common: 'This password is too easy to guess. Try three random words',
  contains_name: 'Password must not contain your name or username',
};

/** Returns the first problem with a chosen password, or null when it is acceptable. */
export function checkPassword(password: string, personal: readonly string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[0-9!?.]+$/, ''))) return 'common';
  // Repeating one short common password ("passwordpassword") is still a common password.
  for (const size of [1, 2, 3, 4, 5]) {
    if (lower.length % size === 0 && lower === lower.slice(0, size).repeat(lower.length / size)) return 'common';
  }
  if (personal.some((p) => p.length >= 3 && lower.includes(p.toLowerCase()))) return 'contains_name';
  return null;
}
