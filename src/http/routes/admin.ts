import fp from 'fastify-plugin';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { parseForm, text, toFormErrors } from '../forms.ts';
import { idParam } from './records.ts';
import { ROLE_NAMES, STAFF_ROLES } from '../../domain/permissions.ts';

const SERVICE_TYPES = {
  leaving_care: 'Leaving care',
  looked_after_13_25: 'Looked after 13 to 25',
  disabled_children: 'Disabled children',
} as const;

const teamField = z
  .string()
  .refine((v) => v === '' || z.string().uuid().safeParse(v).success, 'Select a team')
  .transform((v) => (v === '' ? null : v));
const roleField = z.enum(STAFF_ROLES, { message: 'Select a role' });
const nameField = z.string().trim().min(1, 'Enter their full name').max(120, 'Name must be 120 characters or fewer');

const newStaffForm = z.object({
  displayName: nameField,
  email: z
    .string()
    .trim()
    .min(1, 'Enter their email address')
    .max(200, 'Email address must be 200 characters or fewer')
    .email('Enter an email address in the correct format, like name@council.gov.uk'),
  role: roleField,
  teamId: teamField,
});
const editStaffForm = z.object({
  displayName: nameField,
  role: roleField,
  teamId: teamField,
  active: z.enum(['yes', 'no'], { message: 'Select whether the account is active' }).transform((v) => v === 'yes'),
  unlock: z
    .string()
    .optional()
    .transform((v) => v === 'yes'),
});
const teamForm = z.object({
  name: z.string().trim().min(1, 'Enter the team name').max(80, 'Team name must be 80 characters or fewer'),
  serviceType: z.enum(['leaving_care', 'looked_after_13_25', 'disabled_children'], {
    message: 'Select the type of service',
  }),
});
export function adminRoutes({ services, config }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const roles = STAFF_ROLES.map((r) => ({ value: r, text: ROLE_NAMES[r] }));
    const serviceTypes = Object.entries(SERVICE_TYPES).map(([value, label]) => ({ value, text: label }));
    const passwordLinkUrl = (token: string) => `${config.publicUrl}/set-password/${token}`;

    app.get('/admin/staff', async (request, reply) => {
      const ctx = staffOf(request);
      const staff = await services.admin.staffList(ctx);
      return reply.page('pages/admin/staff.njk', { staff, now: services.clock.now() });
    });

    app.get('/admin/staff/new', async (request, reply) => {
      const ctx = staffOf(request);
      return reply.page('pages/admin/staff-form.njk', {
        isNew: true,
        roles,
        teams: await services.admin.teams(ctx),
        values: {},
      });
    });

    app.post('/admin/staff/new', async (request, reply) => {
      const ctx = staffOf(request);
      const body = request.body as Record<string, unknown>;
      const values = {
        displayName: text(body, 'displayName'),
        email: text(body, 'email'),
        role: text(body, 'role'),
        teamId: text(body, 'teamId'),
      };
      const parsed = parseForm(newStaffForm, body);
      const result = parsed.ok ? await services.admin.createStaff(ctx, parsed.data) : null;
      if (!parsed.ok || !result?.ok) {
        const errs = parsed.ok ? toFormErrors(result && !result.ok ? result.fieldErrors : {}) : parsed.errors;
        return reply.status(400).page('pages/admin/staff-form.njk', {
          isNew: true,
          roles,
          teams: await services.admin.teams(ctx),
          values,
          errors: errs,
        });
      }
      // The link is shown on this page only: it is not kept anywhere it could be shown again.
      const { id, link } = result.value;
      return reply.page('pages/admin/password-link.njk', {
        isNew: true,
        member: { id, displayName: parsed.data.displayName },
        link: passwordLinkUrl(link.token),
        expiresAt: link.expiresAt,
      });
    });

    app.post('/admin/staff/:id/password-link', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const member = await services.admin.staffMember(ctx, id);
      const link = await services.admin.issuePasswordLink(ctx, id);
      return reply.page('pages/admin/password-link.njk', {
        isNew: false,
        member,
        link: passwordLinkUrl(link.token),
        expiresAt: link.expiresAt,
      });
    });

    app.get('/admin/staff/:id', async (request, reply) => {
      const ctx = staffOf(request);
      const member = await services.admin.staffMember(ctx, idParam(request.params));
      return reply.page('pages/admin/staff-form.njk', {
        isNew: false,
        member,
        roles,
        teams: await services.admin.teams(ctx),
        values: {
          displayName: member.displayName,
          email: member.email,
          role: member.role,
          teamId: member.teamId ?? '',
          active: member.active ? 'yes' : 'no',
        },
        locked: member.lockedUntil && member.lockedUntil > services.clock.now(),
      });
    });

    app.post('/admin/staff/:id', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const member = await services.admin.staffMember(ctx, id);
      const body = request.body as Record<string, unknown>;
      const parsed = parseForm(editStaffForm, body);
      const result = parsed.ok ? await services.admin.updateStaff(ctx, id, parsed.data) : null;
      if (!parsed.ok || !result?.ok) {
        const errs = parsed.ok ? toFormErrors(result && !result.ok ? result.fieldErrors : {}) : parsed.errors;
        const values = {
          displayName: text(body, 'displayName'),
          email: member.email,
          role: text(body, 'role'),
          teamId: text(body, 'teamId'),
          active: text(body, 'active'),
        };
        return reply.status(400).page('pages/admin/staff-form.njk', {
          isNew: false,
          member,
          roles,
          teams: await services.admin.teams(ctx),
          values,
          errors: errs,
        });
      }
      return reply.redirect('/admin/staff?updated=1', 303);
    });

    app.get('/admin/teams', async (request, reply) => {
      const ctx = staffOf(request);
      return reply.page('pages/admin/teams.njk', {
        teams: await services.admin.teams(ctx),
        serviceTypes,
        serviceTypeNames: SERVICE_TYPES,
        values: {},
      });
    });

    app.post('/admin/teams', async (request, reply) => {
      const ctx = staffOf(request);
      const body = request.body as Record<string, unknown>;
      const parsed = parseForm(teamForm, body);
      const result = parsed.ok ? await services.admin.createTeam(ctx, parsed.data) : null;
      if (!parsed.ok || !result?.ok) {
        const errs = parsed.ok ? toFormErrors(result && !result.ok ? result.fieldErrors : {}) : parsed.errors;
        return reply.status(400).page('pages/admin/teams.njk', {
          teams: await services.admin.teams(ctx),
          serviceTypes,
          serviceTypeNames: SERVICE_TYPES,
          values: { name: text(body, 'name'), serviceType: text(body, 'serviceType') },
          errors: errs,
        });
      }
      return reply.redirect('/admin/teams?created=1', 303);
    });

    app.get('/admin/invitations', async (request, reply) => {
      const ctx = staffOf(request);
      return reply.page('pages/admin/invitations.njk', { invitations: await services.invitations.listOpen(ctx) });
    });

    app.post('/admin/invitations/:id/revoke', async (request, reply) => {
      const ctx = staffOf(request);
      await services.invitations.revoke(ctx, idParam(request.params));
      return reply.redirect('/admin/invitations?revoked=1', 303);
    });
  });
}
