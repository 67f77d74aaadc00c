// Subject access (issue 11 §6): a confirm page, then the ZIP of everything held about one young person.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { HELD_FILES } from '../../domain/subject-access.ts';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { subjectAccessZip } from '../subject-access-zip.ts';
import { idParam } from './records.ts';

export function subjectAccessRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    app.get('/young-people/:id/subject-access', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const person = await services.subjectAccess.confirm(ctx, id);
      return reply.page('pages/subject-access/confirm.njk', { person, held: Object.values(HELD_FILES) });
    });

    app.post('/young-people/:id/subject-access', async (request, reply) => {
      const ctx = staffOf(request);
      const id = idParam(request.params);
      const { zip, fileName } = await services.subjectAccess.gather(ctx, id, subjectAccessZip);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength));
    });
  });
}
