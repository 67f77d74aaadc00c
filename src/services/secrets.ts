import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. @node-rs/argon2 ships prebuilt
// binaries (no compiler at install) and reads the PHC strings the old `argon2` package wrote.
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let verifications = 0;
/** How many password checks this process has run: lets tests count guesses that reached argon2. */
export const passwordVerifications = () => verifications;

export const hashPassword = (password: string) => hash(password, ARGON2);
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  verifications++;
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
/** Verified against when no account matches, so an unknown email takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined;
export const burnPasswordCheck = async (password: string) => {
  dummyHash ??= hashPassword('not a real password, only for timing');
  await verifyPassword(await dummyHash, password);
};

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A code a young person can type on a phone: 8 characters, no look-alike letters, as XXXX-XXXX. */
export function invitationCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
export const normaliseCode = (code: string) => {
  const bare = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
};

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
