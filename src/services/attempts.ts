// The per-address limit on guesses (sign-in, invitation codes and links, set-password links):
// 20 failed attempts from one network address in 15 minutes, then a wait. An attempt is reserved
// before anything is checked, under a lock on the address, so parallel requests cannot all slip
// under the limit; an attempt that turns out right is given back.
import type { Database } from '../data/db.ts';
import * as authRepo from '../data/repositories/auth.ts';
import { errors } from '../errors.ts';

export const ADDRESS_LIMIT = 20;
export const ADDRESS_WINDOW_MINUTES = 15;

// The window is timed by the database's clock (see repositories/auth.ts), not the app's.
export function addressAttempts(db: Database) {
  const giveBack = async (attempt: number) => db.beforeCouncil((tx) => authRepo.deleteFailure(tx, attempt));
  return {
    /** Reserves an attempt for an address; null when it has used up its attempts for now. */
    async reserve(address: string): Promise<number | null> {
      return db.beforeCouncil(async (tx) => {
        await authRepo.lockAddress(tx, address);
        if ((await authRepo.recentFailures(tx, address, ADDRESS_WINDOW_MINUTES)) >= ADDRESS_LIMIT) return null;
        return authRepo.recordFailure(tx, address);
      });
    },

    /** The attempt was right (or never checked anything): it does not count against the address. */
    giveBack,

    /**
     * Looks up a code or link as one counted attempt: refused (429) when the address has used up
     * its tries, given back when the look-up finds what was asked for.
     */
    async counted<T>(address: string, lookup: () => Promise<T | null>): Promise<T | null> {
      const attempt = await this.reserve(address);
      if (attempt === null)
        throw errors.tooManyAttempts(
          `Too many tries from this device. Wait ${ADDRESS_WINDOW_MINUTES} minutes and try again`,
        );
      const found = await lookup();
      if (found) await giveBack(attempt);
      return found;
    },
  };
}
export type AddressAttempts = ReturnType<typeof addressAttempts>;
