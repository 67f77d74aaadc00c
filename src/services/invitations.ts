// A worker invites a young person; the young person opens a one-time link or types a code,
// chooses a username and password, and is signed in.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { authorize } from '../domain/permissions.ts';
import { checkPassword, PASSWORD_MESSAGES } from '../domain/passwords.ts';
import { invitations, youngPeople, youngPersonAccounts } from '../data/schema.ts';
import * as authRepo from '../data/repositories/auth.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { RecordsService } from './records.ts';
import { hashPassword, invitationCode, normaliseCode, randomToken, sha256 } from './secrets.ts';
import { ADDRESS_LIMIT, ADDRESS_WINDOW_MINUTES } from './authentication.ts';

export const INVITATION_DAYS = 7;

export type Credential = { kind: 'link'; token: string } | { kind: 'code'; code: string };

export function invitationsService(db: Database, clock: Clock, records: RecordsService) {
  const lookup = (c: Credential) =>
    c.kind === 'link' ? { linkTokenHash: sha256(c.token) } : { codeHash: sha256(normaliseCode(c.code)) };

  return {
    /** Creates an invitation (replacing any open one) and returns the link token and code, shown once. */
    async create(ctx: RequestContext, youngPersonId: string) {
      authorize(ctx.principal, 'invitation.create');
      const token = randomToken();
      const code = invitationCode();
      const expiresAt = new Date(clock.now().getTime() + INVITATION_DAYS * 86_400_000);
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, youngPersonId, 'invitation.create');
        if (opened.denied) return opened;
        await tx.update(invitations).set({ revokedAt: clock.now() }).where(and(eq(invitations.youngPersonId, youngPersonId), isNull(invitations.usedAt), isNull(invitations.revokedAt)));
        const [row] = await tx
          .insert(invitations)
          .values({ councilId: ctx.principal.councilId, youngPersonId, linkTokenHash: sha256(token), codeHash: sha256(code), createdBy: ctx.principal.id, expiresAt })
          .returning({ id: invitations.id });
        return { denied: false as const, id: row.id };
      });
      if (result.denied) throw errors.forbiddenAudited('You do not have permission to invite this young person');
      return { id: result.id, token, code, expiresAt };
    },

    async revoke(ctx: RequestContext, invitationId: string) {
      authorize(ctx.principal, 'invitation.manage');
      await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const [row] = await tx.update(invitations).set({ revokedAt: clock.now() }).where(and(eq(invitations.id, invitationId), isNull(invitations.usedAt), isNull(invitations.revokedAt))).returning();
        if (!row) throw errors.notFound('This invitation has already been used, revoked or does not exist');
        await insertAudit(tx, { ...auditActor(ctx), action: 'invitation.revoke', youngPersonId: row.youngPersonId, entityType: 'invitation', entityId: row.id });
      });
    },

    /** Outstanding invitations, for administrators: names only, no case content. */
    async listOpen(ctx: RequestContext) {
      authorize(ctx.principal, 'invitation.manage');
      return db.withCouncil(ctx.principal.councilId, (tx) =>
        tx
          .select({ id: invitations.id, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt, givenName: youngPeople.givenName, familyName: youngPeople.familyName, reference: youngPeople.reference })
          .from(invitations)
          .innerJoin(youngPeople, eq(youngPeople.id, invitations.youngPersonId))
          .where(and(isNull(invitations.usedAt), isNull(invitations.revokedAt)))
          .orderBy(invitations.expiresAt),
      );
    },

    /** Who an invitation is for, if it is still valid. Failed look-ups count towards the address's limit. */
    async find(credential: Credential, address: string) {
      const now = clock.now();
      return db.beforeCouncil(async (tx) => {
        if ((await authRepo.recentFailures(tx, address, new Date(now.getTime() - ADDRESS_WINDOW_MINUTES * 60_000))) >= ADDRESS_LIMIT) {
          throw errors.tooManyAttempts(`Too many tries. Wait ${ADDRESS_WINDOW_MINUTES} minutes and try again`);
        }
        const row = await authRepo.liveInvitation(tx, lookup(credential), now);
        if (!row) await authRepo.recordFailure(tx, address);
        return row ? { name: row.preferredName || row.givenName, youngPersonId: row.invitation.youngPersonId } : null;
      });
    },

    /**
     * Uses an invitation: sets the young person's username and password (a new account, or a new
     * password for an existing one) and returns who to sign in. Errors are per field.
     */
    async accept(props: { credential: Credential; username: string; password: string; confirm: string; requestId: string }) {
      const now = clock.now();
      const fieldErrors: Record<string, string> = {};
      const username = props.username.trim();
      if (!/^[A-Za-z0-9._@+-]{3,60}$/.test(username)) fieldErrors.username = 'Username must be 3 to 60 letters, numbers, dots, dashes or @';
      const problem = checkPassword(props.password, [username]);
      if (problem) fieldErrors.password = PASSWORD_MESSAGES[problem];
      else if (props.password !== props.confirm) fieldErrors.confirm = 'The passwords do not match';
      return db.beforeCouncil(async (tx) => {
        const row = await authRepo.liveInvitation(tx, lookup(props.credential), now);
        if (!row) return { ok: false as const, expired: true as const };
        const inv = row.invitation;
        const personal = [row.givenName, row.familyName, row.preferredName ?? ''];
        if (!fieldErrors.password && checkPassword(props.password, personal) === 'contains_name') fieldErrors.password = PASSWORD_MESSAGES.contains_name;
        if (!fieldErrors.username && (await authRepo.usernameTaken(tx, username, inv.youngPersonId))) fieldErrors.username = 'This username is already taken. Try another';
        if (Object.keys(fieldErrors).length) return { ok: false as const, fieldErrors };
        const passwordHash = await hashPassword(props.password);
        const [existing] = await tx.select({ id: youngPersonAccounts.id }).from(youngPersonAccounts).where(eq(youngPersonAccounts.youngPersonId, inv.youngPersonId));
        if (existing) {
          await tx.update(youngPersonAccounts).set({ username, passwordHash, failedSignIns: 0, lockedUntil: null }).where(eq(youngPersonAccounts.id, existing.id));
        } else {
          await tx.insert(youngPersonAccounts).values({ councilId: inv.councilId, youngPersonId: inv.youngPersonId, username, passwordHash });
        }
        await tx.update(invitations).set({ usedAt: now }).where(eq(invitations.id, inv.id));
        await insertAudit(tx, { councilId: inv.councilId, actorKind: 'young_person', actorId: inv.youngPersonId, action: existing ? 'account.password-reset' : 'account.create', youngPersonId: inv.youngPersonId, entityType: 'invitation', entityId: inv.id, requestId: props.requestId });
        return { ok: true as const, councilId: inv.councilId, youngPersonId: inv.youngPersonId };
      });
    },
  };
}
export type InvitationsService = ReturnType<typeof invitationsService>;
