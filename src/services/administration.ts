// Staff and teams, for council administrators. No case content is read here. An administrator
// never sets anyone's password: they give the person a one-time link to set their own.
import { eq, sql } from 'drizzle-orm';
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { authorize, type StaffRole } from '../domain/permissions.ts';
import { checkPassword, PASSWORD_MESSAGES } from '../domain/passwords.ts';
import { councils, staff, teams } from '../data/schema.ts';
import * as people from '../data/repositories/people.ts';
import * as authRepo from '../data/repositories/auth.ts';
import * as linksRepo from '../data/repositories/password-links.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import { PASSWORD_LINK_DAYS } from './password-links.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets.ts';

export type StaffInput = { displayName: string; email: string; role: StaffRole; teamId: string | null };
export type FieldErrors = Record<string, string>;
type Outcome<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };
/** A set-password link, shown once to the administrator to give to the person. */
export type PasswordLink = { token: string; expiresAt: Date };
/** How a role came to be given: a new account, a changed role, or an account turned back on. */
export type RoleGrant = { kind: 'new' | 'role-change' | 'reactivate'; role: StaffRole; from?: StaffRole };

const ACCOUNT_CHANGES_DAYS = 90;

export function administrationService(db: Database, clock: Clock) {
  /** Issues a link inside the caller's transaction, cancelling the person's earlier unused links. */
  async function newLink(tx: Tx, ctx: RequestContext, staffId: string, purpose: 'first' | 'reset') {
    const token = randomToken();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + PASSWORD_LINK_DAYS * 86_400_000);
    const id = await linksRepo.issuePasswordLink(tx, {
      councilId: ctx.principal.councilId,
      staffId,
      tokenHash: sha256(token),
      purpose,
      createdBy: ctx.principal.id,
      createdAt: now,
      expiresAt,
    });
    return { id, token, expiresAt };
  }

  return {
    async staffList(ctx: RequestContext) {
      authorize(ctx.principal, 'staff.manage');
      return db.withCouncil(ctx.principal.councilId, (tx) => people.listStaff(tx));
    },

    async teams(ctx: RequestContext) {
      authorize(ctx.principal, 'teams.manage');
      return db.withCouncil(ctx.principal.councilId, (tx) => people.listTeams(tx));
    },

    async staffMember(ctx: RequestContext, id: string) {
      authorize(ctx.principal, 'staff.manage');
      const row = await db.withCouncil(ctx.principal.councilId, (tx) => people.staffById(tx, id));
      if (!row) throw errors.notFound();
      const { passwordHash, ...member } = row;
      return { ...member, hasPassword: passwordHash !== null };
    },

    /** Adds a member of staff without a password, and makes the link for them to set one. */
    async createStaff(ctx: RequestContext, input: StaffInput): Promise<Outcome<{ id: string; link: PasswordLink }>> {
      authorize(ctx.principal, 'staff.manage');
      // Email addresses are unique across councils (sign-in comes before the council is known).
      const taken = await db.beforeCouncil(
        async (tx) =>
          (await tx.select({ id: staff.id }).from(staff).where(sql`lower(${staff.email}) = lower(${input.email})`))
            .length > 0,
      );
      const emailTaken = {
        ok: false as const,
        fieldErrors: { email: 'An account with this email address already exists' },
      };
      if (taken) return emailTaken;
      return db
        .withCouncil(ctx.principal.councilId, async (tx) => {
          if (input.teamId && !(await people.teamById(tx, input.teamId))) throw errors.notFound('Team not found');
          const [row] = await tx
            .insert(staff)
            .values({
              councilId: ctx.principal.councilId,
              displayName: input.displayName,
              email: input.email,
              role: input.role,
              teamId: input.teamId,
              passwordHash: null,
            })
            .returning({ id: staff.id });
          const link = await newLink(tx, ctx, row.id, 'first');
          const grant: RoleGrant = { kind: 'new', role: input.role };
          await insertAudit(tx, {
            ...auditActor(ctx),
            action: 'staff.create',
            entityType: 'staff',
            entityId: row.id,
            details: { role: input.role, teamId: input.teamId, grant, passwordLink: link.id },
          });
          return { ok: true as const, value: { id: row.id, link: { token: link.token, expiresAt: link.expiresAt } } };
        })
        .catch((error: { cause?: { code?: string } }) => {
          // Added by someone else a moment ago: the unique index refused the second one.
          if (error.cause?.code === '23505') return emailTaken;
          throw error;
        });
    },

    /** A new set-password link for a member of staff (a forgotten password); earlier unused links stop working. */
    async issuePasswordLink(ctx: RequestContext, staffId: string): Promise<PasswordLink> {
      authorize(ctx.principal, 'staff.manage');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const member = await people.staffById(tx, staffId);
        if (!member) throw errors.notFound();
        if (!member.active) throw errors.conflict('This account is turned off. Turn it back on before making a link');
        const purpose = member.passwordHash ? 'reset' : 'first';
        const link = await newLink(tx, ctx, staffId, purpose);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'staff.password-link',
          entityType: 'staff',
          entityId: staffId,
          details: { purpose, passwordLink: link.id },
        });
        return { token: link.token, expiresAt: link.expiresAt };
      });
    },

    async updateStaff(
      ctx: RequestContext,
      id: string,
      input: Omit<StaffInput, 'email'> & { active: boolean; unlock: boolean },
    ): Promise<Outcome<void>> {
      authorize(ctx.principal, 'staff.manage');
      if (id === ctx.principal.id && (!input.active || input.role !== 'council_admin')) {
        return { ok: false, fieldErrors: { role: 'You cannot remove your own administrator access' } };
      }
      await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const before = await people.staffById(tx, id);
        if (!before) throw errors.notFound();
        if (input.teamId && !(await people.teamById(tx, input.teamId))) throw errors.notFound('Team not found');
        await tx
          .update(staff)
          .set({
            displayName: input.displayName,
            role: input.role,
            teamId: input.teamId,
            active: input.active,
            ...(input.unlock ? { lockedUntil: null, failedSignIns: 0 } : {}),
          })
          .where(eq(staff.id, id));
        let sessionsEnded = 0;
        if (!input.active) {
          // Turned off: signed out everywhere at once, and no link of theirs works.
          sessionsEnded = await authRepo.endSessionsOf(tx, 'staff', id);
          await linksRepo.revokePasswordLinks(tx, id, clock.now());
        }
        const grant: RoleGrant | undefined =
          input.active && !before.active
            ? { kind: 'reactivate', role: input.role, from: before.role as StaffRole }
            : input.active && input.role !== before.role
              ? { kind: 'role-change', role: input.role, from: before.role as StaffRole }
              : undefined;
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'staff.update',
          entityType: 'staff',
          entityId: id,
          details: {
            from: { role: before.role, teamId: before.teamId, active: before.active },
            to: { role: input.role, teamId: input.teamId, active: input.active },
            unlocked: input.unlock,
            sessionsEnded,
            ...(grant ? { grant } : {}),
          },
        });
      });
      return { ok: true, value: undefined };
    },

    async createTeam(ctx: RequestContext, input: { name: string; serviceType: string }): Promise<Outcome<string>> {
      authorize(ctx.principal, 'teams.manage');
      return db.withCouncil(ctx.principal.councilId, async (tx): Promise<Outcome<string>> => {
        const [dupe] = await tx
          .select({ id: teams.id })
          .from(teams)
          .where(sql`lower(${teams.name}) = lower(${input.name})`);
        if (dupe) return { ok: false, fieldErrors: { name: 'A team with this name already exists' } };
        const [row] = await tx
          .insert(teams)
          .values({ councilId: ctx.principal.councilId, name: input.name, serviceType: input.serviceType })
          .returning({ id: teams.id });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'team.create',
          entityType: 'team',
          entityId: row.id,
          details: input,
        });
        return { ok: true, value: row.id };
      });
    },

    /** Anyone signed in as staff can change their own password; their other sessions end. */
    async changeOwnPassword(
      ctx: RequestContext,
      input: { current: string; password: string; confirm: string },
    ): Promise<Outcome<{ sessionsEnded: number }>> {
      if (ctx.principal.kind !== 'staff') throw errors.forbidden();
      const me = ctx.principal;
      return db.withCouncil(me.councilId, async (tx): Promise<Outcome<{ sessionsEnded: number }>> => {
        const [row] = await tx.select().from(staff).where(eq(staff.id, me.id));
        if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.current)))
          return { ok: false, fieldErrors: { current: 'Your current password is not right' } };
        const [council] = await tx.select({ name: councils.name }).from(councils).where(eq(councils.id, me.councilId));
        const problem = checkPassword(input.password, {
          personal: [row.email, row.displayName],
          council: council?.name,
        });
        if (problem) return { ok: false, fieldErrors: { password: PASSWORD_MESSAGES[problem] } };
        if (input.password !== input.confirm)
          return { ok: false, fieldErrors: { confirm: 'The passwords do not match' } };
        await tx
          .update(staff)
          .set({ passwordHash: await hashPassword(input.password) })
          .where(eq(staff.id, me.id));
        const sessionsEnded = ctx.sessionId
          ? await authRepo.endSessionsOf(tx, 'staff', me.id, ctx.sessionId)
          : await authRepo.endSessionsOf(tx, 'staff', me.id);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'password.change',
          entityType: 'staff',
          entityId: me.id,
          details: { sessionsEnded },
        });
        return { ok: true, value: { sessionsEnded } };
      });
    },

    /** For service managers: who was given which role, by whom, and every set-password link, in the last 90 days. */
    async accountChanges(ctx: RequestContext) {
      authorize(ctx.principal, 'account-changes.view');
      const since = new Date(clock.now().getTime() - ACCOUNT_CHANGES_DAYS * 86_400_000);
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const grants = (await linksRepo.roleGrantsSince(tx, since)).map(({ details, ...g }) => ({
          ...g,
          grant: (details as { grant: RoleGrant }).grant,
        }));
        const links = await linksRepo.passwordLinksSince(tx, since);
        return { days: ACCOUNT_CHANGES_DAYS, grants, links };
      });
    },
  };
}
export type AdministrationService = ReturnType<typeof administrationService>;
