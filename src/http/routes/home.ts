import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { contextOf, type RouteDeps } from '../request-context.ts';
import { ukDate } from '../../domain/clock.ts';
import { flashOf } from '../flash.ts';
import { checkInChoices } from './companion.ts';

export function homeRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.get('/help/:page', async (request, reply) => {
      const { page } = request.params as { page: string };
      if (page !== 'accessibility' && page !== 'privacy') return reply.callNotFound();
      return reply.page(`pages/help/${page}.njk`, {});
    });

    app.get('/', async (request, reply) => {
      const ctx = contextOf(request);
      const p = ctx.principal;
      const today = ukDate(services.clock.now());
      // A supporter has one place: the plan of the young person who named them.
      if (p.kind === 'supporter') return reply.redirect('/my-plan', 303);
      if (p.kind === 'young_person') {
        const record = await services.records.recordSummary(ctx, p.id);
        return reply.page('pages/home/young-person.njk', {
          record,
          ...checkInChoices(),
          values: {},
          unreadMessages: await services.companion.unreadCount(ctx),
          workerProfiles: await services.profiles.workersOf(ctx, record.yp),
          welcome: (request.query as Record<string, string>).welcome === '1',
        });
      }
      switch (p.role) {
        case 'personal_adviser':
        case 'social_worker': {
          const caseload = await services.records.list(ctx, 'caseload', { allocatedTo: p.id, pageSize: 10 });
          const returned = await services.reviews.returnedTo(ctx);
          const quality = await services.quality.openActions(ctx);
          const done = flashOf(request);
          const audits = await services.caseFileAudits.followUps(ctx);
          const unreadMessages = await services.companion.unreadCount(ctx);
          return reply.page('pages/home/worker.njk', {
            caseload,
            returned,
            quality,
            audits,
            done,
            today,
            unreadMessages,
          });
        }
        case 'team_manager': {
          const team = await services.records.list(ctx, 'team', { teamId: p.teamId ?? undefined, pageSize: 10 });
          const caseload = await services.records.list(ctx, 'caseload', { allocatedTo: p.id, pageSize: 0 });
          const teams = await services.records.teams(p);
          return reply.page('pages/home/team-manager.njk', {
            teamList: team,
            teamTotal: team.total,
            caseloadTotal: caseload.total,
            team: teams.find((t) => t.id === p.teamId) ?? null,
            today,
          });
        }
        case 'independent_reviewing_officer': {
          const lookedAfter = await services.records.list(ctx, 'looked-after', { lookedAfterOnly: true, pageSize: 25 });
          return reply.page('pages/home/iro.njk', { lookedAfter, today });
        }
        case 'service_manager': {
          const teams = await services.records.teams(p);
          return reply.page('pages/home/service-manager.njk', {
            teams,
            total: teams.reduce((n, t) => n + t.youngPeopleCount, 0),
          });
        }
        case 'council_admin': {
          const [staff, teams, invitations] = await Promise.all([
            services.admin.staffList(ctx),
            services.admin.teams(ctx),
            services.invitations.listOpen(ctx),
          ]);
          return reply.page('pages/home/admin.njk', {
            staffCount: staff.filter((s) => s.active).length,
            lockedCount: staff.filter((s) => s.lockedUntil && s.lockedUntil > services.clock.now()).length,
            teams,
            invitationCount: invitations.length,
          });
        }
      }
    });
  });
}
