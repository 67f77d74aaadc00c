import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { contextOf, type RouteDeps } from '../request-context.ts';
import { idParam } from './records.ts';

/** JSON API for the same use cases. Errors are RFC 9457 problem bodies (see app.ts). */
export function apiRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.get('/api/v1/young-people/:id', async (request) => {
      const ctx = contextOf(request);
      const record = await services.records.recordSummary(ctx, idParam(request.params));
      const yp = record.yp;
      return {
        id: yp.id,
        reference: yp.reference,
        givenName: yp.givenName,
        familyName: yp.familyName,
        preferredName: yp.preferredName,
        pronouns: yp.pronouns,
        dateOfBirth: yp.dateOfBirth,
        dateOfBirthAgeAssessed: yp.dateOfBirthAgeAssessed,
        sex: yp.sex,
        ethnicity: yp.ethnicity,
        firstLanguage: yp.firstLanguage,
        interpreterNeeded: yp.interpreterNeeded,
        communicationNeeds: yp.communicationNeeds,
        unaccompaniedAsylumSeeking: yp.unaccompaniedAsylumSeeking,
        team: { id: yp.teamId, name: record.teamName },
        socialWorker: record.socialWorkerName,
        personalAdviser: record.personalAdviserName,
        caseStatus: yp.caseStatus,
        closedOn: yp.closedOn,
        closureReason: yp.closureReason,
        careEpisodes: record.episodes.map((e) => ({
          startDate: e.startDate,
          endDate: e.endDate,
          legalStatus: e.legalStatus,
          placementType: e.placementType,
          reasonEnded: e.reasonEnded,
        })),
        allocations: record.allocations,
      };
    });
  });
}
