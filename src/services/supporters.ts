// A young person's supporters (issue 12 §6). The young person names someone — an advocate, a carer, family or
// a friend — and what they may do: read the plan, or read it and help write the young person's part. They get a
// one-time link and code (7 days) to give that person, who chooses a username and password and signs in as a
// supporter: a principal that reaches only that young person's plan pages (permissions.ts canReachPlan,
// http/supporter-guard.ts). The young person sees everyone with access and removes anyone at once; removing
// ends that person's sessions in the same transaction. Their worker sees who has access on the record.
import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { authorize } from '../domain/permissions.ts';
import { SUPPORTER_INVITATION_DAYS, type SupporterForm, supporterStatus } from '../domain/supporters.ts';
import * as authRepo from '../data/repositories/auth.ts';
import * as repo from '../data/repositories/supporters.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { RecordsService } from './records.ts';
import type { AddressAttempts } from './attempts.ts';
import type { SessionsService } from './sessions.ts';
import type { AcceptProps, AcceptResult, Credential } from './invitations.ts';
import { acceptInvitation, credentialLookup, newAccountErrors } from './invitations.ts';
import { hashPassword, invitationCode, randomToken, sha256 } from './secrets.ts';

/** No young person's id: a supporter's username is checked against every account. */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

export function supportersService(
  db: Database,
  clock: Clock,
  records: RecordsService,
  { attempts, sessions }: { attempts: AddressAttempts; sessions: SessionsService },
) {
  const findCounted = (credential: Credential, address: string) =>
    attempts.counted(address, () =>
      db.beforeCouncil((tx) => repo.liveSupporterInvitation(tx, credentialLookup(credential), clock.now())),
    );
  /** The young person managing their own supporters: no one else may. */
  const ownerOf = (ctx: RequestContext) => {
    authorize(ctx.principal, 'supporters.manage');
    if (ctx.principal.kind !== 'young_person') throw errors.forbidden();
    return ctx.principal;
  };

  return {
    /** The young person names a supporter; returns the link token and code, shown once. */
    async add(ctx: RequestContext, form: SupporterForm) {
      const p = ownerOf(ctx);
      const token = randomToken();
      const code = invitationCode();
      const expiresAt = new Date(clock.now().getTime() + SUPPORTER_INVITATION_DAYS * 86_400_000);
      const result = await db.withCouncil(p.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, p.id, 'supporter.add', { auditAllowed: false, write: true });
        if (opened.denied) return opened;
        const id = await repo.insertSupporter(tx, {
          councilId: p.councilId,
          youngPersonId: p.id,
          name: form.name,
          relationship: form.relationship,
          access: form.access,
          linkTokenHash: sha256(token),
          codeHash: sha256(code),
          expiresAt,
        });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'supporter.add',
          youngPersonId: p.id,
          entityType: 'supporter',
          entityId: id,
          details: { relationship: form.relationship, access: form.access },
        });
        return { denied: false as const, id };
      });
      if (result.denied) throw errors.forbiddenAudited('You cannot add someone to your plan');
      return { id: result.id, token, code, expiresAt, name: form.name };
    },

    /** The young person's supporters (not those removed), with where each stands. Reading them is audited. */
    async mine(ctx: RequestContext) {
      const p = ownerOf(ctx);
      return records.audited(ctx, p.id, 'supporters.view', async (tx) =>
        (await repo.supportersOf(tx, p.id, false)).map((s) => ({ ...s, status: supporterStatus(s, clock.now()) })),
      );
    },

    /**
     * Removes a supporter at once: their access and every session they have end in this transaction (a save
     * of theirs in progress either committed before, or waits and is then refused; see repo.supporterLive).
     */
    async remove(ctx: RequestContext, supporterId: string) {
      const p = ownerOf(ctx);
      const result = await db.withCouncil(p.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, p.id, 'supporter.remove', {
          auditAllowed: false,
          write: true,
          whileClosed: true,
        });
        if (opened.denied) return opened;
        const removed = await repo.removeSupporter(tx, p.id, supporterId, clock.now());
        if (!removed) return { denied: false as const, removed: false };
        const ended = await authRepo.endSessionsOf(tx, 'supporter', supporterId);
        const audited = { ...auditActor(ctx), youngPersonId: p.id, entityType: 'supporter', entityId: supporterId };
        await insertAudit(tx, { ...audited, action: 'supporter.remove', details: { sessionsEnded: ended } });
        // Their link and code, never used, are cancelled with them (migration 034).
        if (removed.linkRevoked) await insertAudit(tx, { ...audited, action: 'supporter.link-revoke' });
        return { denied: false as const, removed: true, linkRevoked: removed.linkRevoked };
      });
      if (result.denied) throw errors.forbiddenAudited('You cannot change who sees your plan');
      if (!result.removed) throw errors.notFound('This person has already been removed');
      return { linkRevoked: result.linkRevoked };
    },

    /**
     * Whether a link or code that no longer works was cancelled by the young person (they removed that supporter
     * before it was used). The refused use is audited in the young person's record; the page says it plainly.
     */
    async cancelled(credential: Credential, requestId: string): Promise<boolean> {
      const row = await db.beforeCouncil((tx) => repo.revokedSupporterInvitation(tx, credentialLookup(credential)));
      if (!row) return false;
      await db.withCouncil(row.councilId, (tx) =>
        insertAudit(tx, {
          councilId: row.councilId,
          actorKind: 'supporter',
          actorId: row.id,
          action: 'supporter.account-create',
          outcome: 'denied',
          youngPersonId: row.youngPersonId,
          entityType: 'supporter',
          entityId: row.id,
          requestId,
          details: { reason: 'link cancelled' },
        }),
      );
      return true;
    },

    /** Whose plan an invitation is for, if it can still be used. A wrong code or link counts against the address. */
    async find(credential: Credential, address: string) {
      const row = await findCounted(credential, address);
      return row ? { name: row.youngPersonName, supporterName: row.name } : null;
    },

    /**
     * Uses an invitation: the supporter chooses a username and password (the same rules as young people) and
     * is signed in. Claiming the invitation, writing the account and starting the session are one transaction.
     */
    async accept(props: AcceptProps): Promise<AcceptResult> {
      const now = clock.now();
      const row = await findCounted(props.credential, props.address);
      if (!row) return { ok: false, expired: true };
      const name = row.youngPersonName;
      const username = props.username.trim();
      const fieldErrors = await newAccountErrors({
        ...props,
        personal: [row.name],
        council: row.councilName,
        taken: (wanted) => db.beforeCouncil((tx) => authRepo.usernameTaken(tx, wanted, NO_ONE)),
      });
      if (Object.keys(fieldErrors).length) return { ok: false, name, fieldErrors };
      const passwordHash = await hashPassword(props.password);
      const who = { councilId: row.councilId, kind: 'supporter' as const, principalId: row.id, name };
      return acceptInvitation(db, sessions, who, props, async (tx) => {
        if (!(await repo.claimSupporterInvitation(tx, row.id, { username, passwordHash }, now))) return false;
        await insertAudit(tx, {
          councilId: row.councilId,
          actorKind: 'supporter',
          actorId: row.id,
          action: 'supporter.account-create',
          youngPersonId: row.youngPersonId,
          entityType: 'supporter',
          entityId: row.id,
          requestId: props.requestId,
        });
        return true;
      });
    },
  };
}
export type SupportersService = ReturnType<typeof supportersService>;
