// Staff and teams, for council administrators. No case content is read here.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { authorize, type StaffRole } from '../domain/permissions.ts';
import { checkPassword, PASSWORD_MESSAGES } from '../domain/passwords.ts';
import { staff, teams } from '../data/schema.ts';
import * as people from '../data/repositories/people.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';
import { hashPassword, verifyPassword } from './secrets.ts';

export type StaffInput = { displayName: string; email: string; role: StaffRole; teamId: string | null };
export type FieldErrors = Record<string, string>;
type Outcome<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

export function administrationService(db: Database, clock: Clock) {
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
      return row;
    },

    async createStaff(ctx: RequestContext, input: StaffInput & { password: string }): Promise<Outcome<string>> {
      authorize(ctx.principal, 'staff.manage');
      const problem = checkPassword(input.password, [input.email.split('@')[0], ...input.displayName.split(/\s+/)]);
      if (problem) return { ok: false, fieldErrors: { password: PASSWORD_MESSAGES[problem] } };
      const passwordHash = await hashPassword(input.password);
      // Email addresses are unique across councils (sign-in comes before the council is known).
      const taken = await db.beforeCouncil(async (tx) => (await tx.select({ id: staff.id }).from(staff).where(sql`lower(${staff.email}) = lower(${input.email})`)).length > 0);
      if (taken) return { ok: false, fieldErrors: { email: 'An account with this email address already exists' } };
      const id = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        if (input.teamId && !(await people.teamById(tx, input.teamId))) throw errors.notFound('Team not found');
        const [row] = await tx.insert(staff).values({ councilId: ctx.principal.councilId, displayName: input.displayName, email: input.email, role: input.role, teamId: input.teamId, passwordHash }).returning({ id: staff.id });
        await insertAudit(tx, { ...auditActor(ctx), action: 'staff.create', entityType: 'staff', entityId: row.id, details: { role: input.role, teamId: input.teamId } });
        return row.id;
      });
      return { ok: true, value: id };
    },

    async updateStaff(ctx: RequestContext, id: string, input: Omit<StaffInput, 'email'> & { active: boolean; unlock: boolean }): Promise<Outcome<void>> {
      authorize(ctx.principal, 'staff.manage');
      if (id === ctx.principal.id && (!input.active || input.role !== 'council_admin')) {
        return { ok: false, fieldErrors: { role: 'You cannot remove your own administrator access' } };
      }
      await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const before = await people.staffById(tx, id);
        if (!before) throw errors.notFound();
        if (input.teamId && !(await people.teamById(tx, input.teamId))) throw errors.notFound('Team not found');
        await tx.update(staff).set({ displayName: input.displayName, role: input.role, teamId: input.teamId, active: input.active, ...(input.unlock ? { lockedUntil: null, failedSignIns: 0 } : {}) }).where(eq(staff.id, id));
        await insertAudit(tx, { ...auditActor(ctx), action: 'staff.update', entityType: 'staff', entityId: id, details: { from: { role: before.role, teamId: before.teamId, active: before.active }, to: { role: input.role, teamId: input.teamId, active: input.active }, unlocked: input.unlock } });
      });
      return { ok: true, value: undefined };
    },

    async createTeam(ctx: RequestContext, input: { name: string; serviceType: string }): Promise<Outcome<string>> {
      authorize(ctx.principal, 'teams.manage');
      return db.withCouncil(ctx.principal.councilId, async (tx): Promise<Outcome<string>> => {
        const [dupe] = await tx.select({ id: teams.id }).from(teams).where(sql`lower(${teams.name}) = lower(${input.name})`);
        if (dupe) return { ok: false, fieldErrors: { name: 'A team with this name already exists' } };
        const [row] = await tx.insert(teams).values({ councilId: ctx.principal.councilId, name: input.name, serviceType: input.serviceType }).returning({ id: teams.id });
        await insertAudit(tx, { ...auditActor(ctx), action: 'team.create', entityType: 'team', entityId: row.id, details: input });
        return { ok: true, value: row.id };
      });
    },

    /** Anyone signed in as staff can change their own password. */
    async changeOwnPassword(ctx: RequestContext, input: { current: string; password: string; confirm: string }): Promise<Outcome<void>> {
      if (ctx.principal.kind !== 'staff') throw errors.forbidden();
      const me = ctx.principal;
      return db.withCouncil(me.councilId, async (tx): Promise<Outcome<void>> => {
        const [row] = await tx.select().from(staff).where(eq(staff.id, me.id));
        if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.current))) return { ok: false, fieldErrors: { current: 'Your current password is not right' } };
        const problem = checkPassword(input.password, [row.email.split('@')[0], ...row.displayName.split(/\s+/)]);
        if (problem) return { ok: false, fieldErrors: { password: PASSWORD_MESSAGES[problem] } };
        if (input.password !== input.confirm) return { ok: false, fieldErrors: { confirm: 'The passwords do not match' } };
        await tx.update(staff).set({ passwordHash: await hashPassword(input.password) }).where(eq(staff.id, me.id));
        await insertAudit(tx, { ...auditActor(ctx), action: 'password.change', entityType: 'staff', entityId: me.id });
        return { ok: true, value: undefined };
      });
    },
  };
}
export type AdministrationService = ReturnType<typeof administrationService>;
