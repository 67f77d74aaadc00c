// Password hashing: argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane), and hashes written by
// the `argon2` package Pathway used before @node-rs/argon2 still verify (issue 7, item 15).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordVerifications, verifyPassword } from '../../src/services/secrets.ts';

const legacy = JSON.parse(readFileSync(new URL('../fixtures/argon2-legacy.json', import.meta.url), 'utf8')) as {
  hashes: { password: string; hash: string }[];
};

describe('password hashes', () => {
  it('are argon2id with memory 19456 KiB, 2 passes and 1 lane, salted', async () => {
    const a = await hashPassword('copper lantern orchard');
    const b = await hashPassword('copper lantern orchard');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'copper lantern orchard')).toBe(true);
    expect(await verifyPassword(a, 'copper lantern orchard!')).toBe(false);
  });

  it.each(legacy.hashes)(
    'a hash made by the old argon2 package still verifies ($password)',
    async ({ password, hash }) => {
      expect(await verifyPassword(hash, password)).toBe(true);
      expect(await verifyPassword(hash, `${password} `)).toBe(false);
    },
  );

  it('a damaged hash is a wrong password, not an error, and every check is counted', async () => {
    const before = passwordVerifications();
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', 'anything at all')).toBe(false);
    expect(passwordVerifications() - before).toBe(2);
  });
});
