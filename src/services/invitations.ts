// A worker invites a young person; the young person opens a one-time link or types a code,
// chooses a username and password, and is signed in.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { authorize } from '../domain/permissions.ts';
import { checkPassword } from '../domain/passwords.ts';
import { invitations, youngPeople, youngPersonAccounts } from '../data/schema.ts';
import * as authRepo from '../data/repositories/auth.ts';
import { claimOnce } from '../data/repositories/one-time.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { RecordsService } from './records.ts';
import { hashPassword, invitationCode, normaliseCode, randomToken, sha256 } from './secrets.ts';
import type { AddressAttempts } from './attempts.ts';
import type { SessionStart, SessionsService } from './sessions.ts';

export const INVITATION_DAYS = 7;

export type Credential = { kind: 'link'; token: string } | { kind: 'code'; code: string };
/** What someone sends to use an invitation: the link or code, the username and password they chose. */
export type AcceptProps = {
  credential: Credential;
  username: string;
  password: string;
  confirm: string;
  requestId: string;
  address: string;
  userAgent: string | undefined;
};
export type AcceptResult =
  | { ok: true; token: string }
  | { ok: false; expired: true }
  /** Field errors are translation keys (src/locales): the young person reads them in their language. */
  | { ok: false; name: string; fieldErrors: Record<string, string> };

export const USERNAME_TAKEN = 'invite.errors.usernameTaken';

/**
 * The checks on a username and password someone chooses through an invitation (a young person, or their
 * supporter): field errors as translation keys, none when all is well. `taken` asks whether the name is in use.
 */
export async function newAccountErrors(props: {
  username: string;
  password: string;
  confirm: string;
  personal: (string | null)[];
  council: string;
  taken: (username: string) => Promise<boolean>;
}): Promise<Record<string, string>> {
  const fieldErrors: Record<string, string> = {};
  const username = props.username.trim();
  if (!/^[A-Za-z0-9._@+-]{3,60}$/.test(username)) fieldErrors.username = 'invite.errors.username';
  const problem = checkPassword(props.password, { personal: [username, ...props.personal], council: props.council });
  if (problem) fieldErrors.password = `invite.errors.password.${problem}`;
  else if (props.password !== props.confirm) fieldErrors.confirm = 'invite.errors.mismatch';
  if (!fieldErrors.username && (await props.taken(username))) fieldErrors.username = USERNAME_TAKEN;
  return fieldErrors;
}

/** Whether a failed write was the unique index refusing a username someone took a moment ago. */
const isUsernameClash = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === '23505';

/**
 * Uses an invitation in one transaction: `claim` takes it (false when someone used it first), writes the
 * account and its audit row; then the new account's session starts in the same transaction. Someone else
 * taking the username a moment ago comes back as a field error, with nothing used up.
 */
export async function acceptInvitation(
  db: Database,
  sessions: SessionsService,
  who: Omit<SessionStart, 'userAgent' | 'address'> & { name: string },
  props: { userAgent: string | undefined; address: string },
  claim: (tx: Tx) => Promise<boolean>,
): Promise<AcceptResult> {
  try {
    return await db.withCouncil(who.councilId, async (tx): Promise<AcceptResult> => {
      if (!(await claim(tx))) return { ok: false, expired: true };
      const { name: _, ...start } = who;
      const session = await sessions.start(tx, { ...start, userAgent: props.userAgent, address: props.address });
      return { ok: true, token: session.token };
    });
  } catch (error) {
    if (isUsernameClash(error)) return { ok: false, name: who.name, fieldErrors: { username: USERNAME_TAKEN } };
    throw error;
  }
}

/** How an invitation is found: by the hash of its link's token, or of its code as typed. */
export const credentialLookup = (c: Credential) =>
  c.kind === 'link' ? { linkTokenHash: sha256(c.token) } : { codeHash: sha256(normaliseCode(c.code)) };
const lookup = credentialLookup;

export function invitationsService(
  db: Database,
  clock: Clock,
  records: RecordsService,
  attempts: AddressAttempts,
  sessions: SessionsService,
) {
  /** The live invitation for a code or link, as one counted attempt for the address. */
  const findCounted = (credential: Credential, address: string) =>
    attempts.counted(address, () =>
      db.beforeCouncil((tx) => authRepo.liveInvitation(tx, lookup(credential), clock.now())),
    );

  return {
    /** Creates an invitation (replacing any open one) and returns the link token and code, shown once. */
    async create(ctx: RequestContext, youngPersonId: string) {
      authorize(ctx.principal, 'invitation.create');
      const token = randomToken();
      const code = invitationCode();
      const expiresAt = new Date(clock.now().getTime() + INVITATION_DAYS * 86_400_000);
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, youngPersonId, 'invitation.create', { write: true });
        if (opened.denied) return opened;
        const id = await authRepo.issueInvitation(
          tx,
          {
            councilId: ctx.principal.councilId,
            youngPersonId,
            linkTokenHash: sha256(token),
            codeHash: sha256(code),
            createdBy: ctx.principal.id,
            expiresAt,
          },
          clock.now(),
        );
        return { denied: false as const, id };
      });
      if (result.denied) throw errors.forbiddenAudited('You do not have permission to invite this young person');
      return { id: result.id, token, code, expiresAt };
    },

    async revoke(ctx: RequestContext, invitationId: string) {
      authorize(ctx.principal, 'invitation.manage');
      await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const [row] = await tx
          .update(invitations)
          .set({ revokedAt: clock.now() })
          .where(and(eq(invitations.id, invitationId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
          .returning();
        if (!row) throw errors.notFound('This invitation has already been used, revoked or does not exist');
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'invitation.revoke',
          youngPersonId: row.youngPersonId,
          entityType: 'invitation',
          entityId: row.id,
        });
      });
    },

    /** Outstanding invitations, for administrators: names only, no case content. */
    async listOpen(ctx: RequestContext) {
      authorize(ctx.principal, 'invitation.manage');
      return db.withCouncil(ctx.principal.councilId, (tx) =>
        tx
          .select({
            id: invitations.id,
            createdAt: invitations.createdAt,
            expiresAt: invitations.expiresAt,
            givenName: youngPeople.givenName,
            familyName: youngPeople.familyName,
            reference: youngPeople.reference,
          })
          .from(invitations)
          .innerJoin(youngPeople, eq(youngPeople.id, invitations.youngPersonId))
          .where(and(isNull(invitations.usedAt), isNull(invitations.revokedAt)))
          .orderBy(invitations.expiresAt),
      );
    },

    /** Who an invitation is for, if it is still valid. A wrong code or link counts against the address. */
    async find(credential: Credential, address: string) {
      const row = await findCounted(credential, address);
      return row ? { name: row.preferredName || row.givenName, youngPersonId: row.invitation.youngPersonId } : null;
    },

    /**
     * Uses an invitation: sets the young person's username and password (a new account, or a new
     * password for an existing one, which ends their other sessions) and signs them in. The
     * invitation is claimed in the same transaction that writes the account and the session, so
     * however many people send the same code at once, one account and one session come of it.
     */
    async accept(props: AcceptProps): Promise<AcceptResult> {
      const now = clock.now();
      const row = await findCounted(props.credential, props.address);
      if (!row) return { ok: false, expired: true };
      const inv = row.invitation;
      const name = row.preferredName || row.givenName;
      const username = props.username.trim();
      const fieldErrors = await newAccountErrors({
        ...props,
        personal: [row.givenName, row.familyName, row.preferredName],
        council: row.councilName,
        taken: (name) => db.beforeCouncil((tx) => authRepo.usernameTaken(tx, name, inv.youngPersonId)),
      });
      if (Object.keys(fieldErrors).length) return { ok: false, name, fieldErrors };
      const passwordHash = await hashPassword(props.password);
      const who = { councilId: inv.councilId, kind: 'young_person' as const, principalId: inv.youngPersonId, name };
      return acceptInvitation(db, sessions, who, props, async (tx) => {
        if (!(await claimOnce(tx, invitations, inv.id, now))) return false;
        const [existing] = await tx
          .select({ id: youngPersonAccounts.id })
          .from(youngPersonAccounts)
          .where(eq(youngPersonAccounts.youngPersonId, inv.youngPersonId));
        if (existing) {
          await tx
            .update(youngPersonAccounts)
            .set({ username, passwordHash, failedSignIns: 0, lockedUntil: null })
            .where(eq(youngPersonAccounts.id, existing.id));
        } else {
          await tx
            .insert(youngPersonAccounts)
            .values({ councilId: inv.councilId, youngPersonId: inv.youngPersonId, username, passwordHash });
        }
        // A new password ends every session signed in with the old one.
        const ended = await authRepo.endSessionsOf(tx, 'young_person', inv.youngPersonId);
        await insertAudit(tx, {
          councilId: inv.councilId,
          actorKind: 'young_person',
          actorId: inv.youngPersonId,
          action: existing ? 'account.password-reset' : 'account.create',
          youngPersonId: inv.youngPersonId,
          entityType: 'invitation',
          entityId: inv.id,
          requestId: props.requestId,
          details: { sessionsEnded: ended },
        });
        return true;
      });
    },
  };
}
export type InvitationsService = ReturnType<typeof invitationsService>;
