// The SSDA903 return as a download (issue 11 §4): /returns/ssda903 lets a service manager or an
// administrator choose the collection year; /returns/ssda903/download sends that year's files as one
// ZIP (header, episodes, UASC, OC3, and problems.csv listing any record to put right). A plain GET
// form, so it works without JavaScript. The export itself is audited by the service.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { returnZip } from '../../services/ssda903-export.ts';
import { toFormErrors } from '../forms.ts';

export function ssda903ExportRoutes({ services }: RouteDeps) {
  const exporter = services.ssda903Export;
  return fp(async (app: FastifyInstance) => {
    app.get('/returns/ssda903', async (request, reply) => {
      const ctx = staffOf(request);
      exporter.mayExport(ctx);
      const { years, suggested } = exporter.yearsOffered();
      return reply.page('pages/returns/ssda903.njk', { years, selected: suggested });
    });

    app.get('/returns/ssda903/download', async (request, reply) => {
      const ctx = staffOf(request);
      exporter.mayExport(ctx);
      const { years, suggested } = exporter.yearsOffered();
      const query = z
        .object({
          year: z.coerce
            .number()
            .int()
            .refine((y) => years.includes(y)),
        })
        .safeParse(request.query);
      if (!query.success)
        return reply.status(400).page('pages/returns/ssda903.njk', {
          years,
          selected: suggested,
          errors: toFormErrors({ year: 'Choose the collection year from the list' }),
        });
      const result = await exporter.exportAsStaff(ctx, query.data.year);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="ssda903-${query.data.year}.zip"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(returnZip(result)));
    });
  });
}
