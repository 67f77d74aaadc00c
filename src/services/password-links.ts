// A member of staff sets their own password through a one-time link an administrator gave them:
// their first password, or a new one after a reset. The administrator never knows it. Using the
// link ends every session the person had and signs them in.
import { eq } from 'drizzle-orm';
import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { checkPassword, PASSWORD_MESSAGES } from '../domain/passwords.ts';
import { passwordLinks, staff } from '../data/schema.ts';
import * as authRepo from '../data/repositories/auth.ts';
import * as linksRepo from '../data/repositories/password-links.ts';
import { claimOnce } from '../data/repositories/one-time.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import type { AddressAttempts } from './attempts.ts';
import type { SessionsService } from './sessions.ts';
import { hashPassword, sha256 } from './secrets.ts';

export const PASSWORD_LINK_DAYS = 7;

export type SetPasswordResult =
  | { ok: true; token: string }
  | { ok: false; expired: true }
  | { ok: false; name: string; fieldErrors: Record<string, string> };

export function passwordLinksService(db: Database, clock: Clock, attempts: AddressAttempts, sessions: SessionsService) {
  /** The live link for a token, as one counted attempt for the address. */
  const findCounted = (token: string, address: string) =>
    attempts.counted(address, async () =>
      /^[\w-]{20,100}$/.test(token)
        ? db.beforeCouncil((tx) => linksRepo.livePasswordLink(tx, sha256(token), clock.now()))
        : null,
    );

  return {
    /** Who a link is for, if it can still be used. */
    async find(token: string, address: string) {
      const link = await findCounted(token, address);
      return link ? { name: link.displayName, email: link.email, purpose: link.purpose } : null;
    },

    /** Sets the password, once: the link is claimed in the transaction that writes the password and the session. */
    async use(props: {
      token: string;
      password: string;
      confirm: string;
      address: string;
      userAgent: string | undefined;
      requestId: string;
    }): Promise<SetPasswordResult> {
      const now = clock.now();
      const link = await findCounted(props.token, props.address);
      if (!link) return { ok: false, expired: true };
      const problem = checkPassword(props.password, {
        personal: [link.displayName, link.email],
        council: link.councilName,
      });
      const fieldErrors: Record<string, string> = {};
      if (problem) fieldErrors.password = PASSWORD_MESSAGES[problem];
      else if (props.password !== props.confirm) fieldErrors.confirm = 'The passwords do not match';
      if (Object.keys(fieldErrors).length) return { ok: false, name: link.displayName, fieldErrors };
      const passwordHash = await hashPassword(props.password);
      return db.withCouncil(link.councilId, async (tx): Promise<SetPasswordResult> => {
        if (!(await claimOnce(tx, passwordLinks, link.id, now))) return { ok: false, expired: true };
        await tx
          .update(staff)
          .set({ passwordHash, failedSignIns: 0, lockedUntil: null, lastSignInAt: now })
          .where(eq(staff.id, link.staffId));
        // Whoever was signed in as this person, with the old password, is signed out.
        const ended = await authRepo.endSessionsOf(tx, 'staff', link.staffId);
        await insertAudit(tx, {
          councilId: link.councilId,
          actorKind: 'staff',
          actorId: link.staffId,
          action: 'password.set',
          entityType: 'staff',
          entityId: link.staffId,
          requestId: props.requestId,
          details: { purpose: link.purpose, passwordLink: link.id, sessionsEnded: ended },
        });
        const session = await sessions.start(tx, {
          councilId: link.councilId,
          kind: 'staff',
          principalId: link.staffId,
          userAgent: props.userAgent,
          address: props.address,
        });
        return { ok: true, token: session.token };
      });
    },
  };
}
export type PasswordLinksService = ReturnType<typeof passwordLinksService>;
