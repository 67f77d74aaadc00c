// Importing the SSDA903 return from a page (issue 11 §4): an administrator uploads the files, sees the
// dry run's preview (or every error, by file, line and column), then confirms. The files are kept with the
// preview between the two steps (migration 022), so nothing is chosen twice and the import is what was seen.
import multipart, { type MultipartFile } from '@fastify/multipart';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../domain/permissions.ts';
import type { ImportError } from '../../domain/ssda903/files.ts';
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES, type UploadedFile } from '../../domain/ssda903/upload.ts';
import { errors as appErrors } from '../../errors.ts';
import { flashOf, withFlash } from '../flash.ts';
import { staffOf, type RouteDeps } from '../request-context.ts';
import { idParam } from './records.ts';

/** The error summary links to the file input; the table below it lists every error. */
const SUMMARY_ITEMS = 10;
const TABLE_ROWS = 500;
const PATH = '/admin/import-903';

const formSchema = z.object({ team: z.string().trim().max(200).optional().catch(undefined) });

/** Reads each file part to its limit; a file past it is marked, not refused with a bare 413. */
async function onFile(this: FastifyRequest, part: MultipartFile) {
  const bytes = await part.toBuffer();
  (part as MultipartFile & { value: UploadedFile }).value = {
    name: part.filename,
    bytes,
    tooLarge: part.file.truncated,
  };
}

function uploadsOf(body: unknown): UploadedFile[] {
  const files = (body as Record<string, unknown> | undefined)?.files;
  const list = Array.isArray(files) ? files : files ? [files] : [];
  return list.filter(
    (f): f is UploadedFile => typeof f === 'object' && f !== null && 'bytes' in f && 'name' in f && 'tooLarge' in f,
  );
}

const where = (e: ImportError) =>
  [e.file || 'The upload', e.line > 0 ? `line ${e.line}` : '', e.column ? `column ${e.column}` : '']
    .filter(Boolean)
    .join(', ');

export function ssda903ImportRoutes({ services }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const importer = services.ssda903Import;

    const uploadPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      found: { errors?: ImportError[]; team?: string; status?: number } = {},
    ) => {
      const ctx = staffOf(request);
      const teams = await services.admin.teams(ctx);
      const list = found.errors ?? [];
      const errors = list.length
        ? {
            summary: [
              ...list.slice(0, SUMMARY_ITEMS).map((e) => ({ text: `${where(e)}: ${e.reason}`, href: '#files' })),
              ...(list.length > SUMMARY_ITEMS
                ? [
                    {
                      text: `And ${list.length - SUMMARY_ITEMS} more: every error is in the table below`,
                      href: '#errors',
                    },
                  ]
                : []),
            ],
            fields: {
              files: {
                text: `The return was not imported: ${list.length} ${list.length === 1 ? 'error' : 'errors'}. Nothing was written`,
              },
            },
          }
        : null;
      return reply.status(found.status ?? 200).page('pages/admin/import-903.njk', {
        teams,
        team: found.team ?? '',
        errors,
        errorRows: list.slice(0, TABLE_ROWS),
        errorCount: list.length,
        maxMb: MAX_UPLOAD_FILE_BYTES / 1024 / 1024,
        done: flashOf(request),
      });
    };

    app.get(PATH, (request, reply) => {
      authorize(staffOf(request).principal, 'records.import');
      return uploadPage(request, reply);
    });

    app.get(`${PATH}/:id`, async (request, reply) => {
      const ctx = staffOf(request);
      const upload = await importer.upload(ctx, idParam(request.params));
      if (!upload) throw appErrors.notFound('These files are no longer kept. Upload them again');
      return reply.page('pages/admin/import-903-preview.njk', { upload, summary: upload.summary });
    });

    app.post(`${PATH}/:id`, async (request, reply) => {
      const ctx = staffOf(request);
      const result = await importer.confirmUpload(ctx, idParam(request.params));
      if (!result.ok && 'gone' in result) throw appErrors.notFound('These files are no longer kept. Upload them again');
      if (!result.ok) return uploadPage(request, reply, { errors: result.errors, status: 400 });
      const s = result.summary;
      const message = `Imported: ${s.created} young people added, ${s.updated} updated, ${s.unchanged} unchanged`;
      return reply.redirect(withFlash(request, PATH, message), 303);
    });

    // The upload itself, in its own scope: only this route reads multipart bodies.
    await app.register(async (scope) => {
      await scope.register(multipart, {
        attachFieldsToBody: 'keyValues',
        onFile,
        throwFileSizeLimit: false,
        limits: {
          fileSize: MAX_UPLOAD_FILE_BYTES,
          files: MAX_UPLOAD_FILES,
          fields: 5,
          fieldSize: 1024,
          parts: MAX_UPLOAD_FILES + 5,
        },
      });
      scope.post(PATH, async (request, reply) => {
        const ctx = staffOf(request);
        const form = formSchema.parse(request.body ?? {});
        const team = form.team || undefined;
        const result = await importer.previewUpload(ctx, uploadsOf(request.body), { defaultTeam: team });
        if (!result.ok) return uploadPage(request, reply, { errors: result.errors, team, status: 400 });
        return reply.redirect(`${PATH}/${result.uploadId}`, 303);
      });
    });
  });
}
