// Issue 12 §4: workers' one-page profiles (written by each worker, seen by their young people) and
// "Who has looked at my record" with a way to ask why; the council chooses whether names are shown.
import multipart, { type MultipartFile } from '@fastify/multipart';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PHOTO_UPLOAD_LIMIT, PROFILE_FIELDS } from '../../domain/profiles.ts';
import { errors } from '../../errors.ts';
import { keptPhoto, type PhotoUpload } from '../../services/profiles.ts';
import { translatedErrors } from '../companion-forms.ts';
import { flashOf, withFlash } from '../flash.ts';
import { parseForm, toFormErrors, type FormErrors } from '../forms.ts';
import { buildTranslator, type Translate } from '../i18n.ts';
import { translatorFor } from '../language.ts';
import { dateIn } from '../presenters/dates.ts';
import { askWhySchema, profileSchema, viewPolicySchema } from '../profile-forms.ts';
import { contextOf, staffOf, type RouteDeps } from '../request-context.ts';
import { idParam } from './records.ts';

const PHOTO_MESSAGES = {
  'errors.photoType': 'The photo must be a JPEG or PNG',
  'errors.photoLarge': 'The photo must be smaller than 8 MB',
  'errors.photoBroken': 'The photo could not be read. Try another JPEG or PNG',
} as const;

/** Reads the photo part to its limit; a file past it is marked, not refused with a bare 413. */
async function onFile(this: FastifyRequest, part: MultipartFile) {
  const bytes = await part.toBuffer();
  (part as MultipartFile & { value: PhotoUpload }).value = { bytes, tooLarge: part.file.truncated };
}

const auditIdParam = (params: unknown) => {
  const parsed = z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .safeParse((params as { look: unknown }).look);
  if (!parsed.success) throw errors.notFound();
  return parsed.data;
};

export function profileRoutes({ services }: RouteDeps) {
  const t = buildTranslator();
  return fp(async (app: FastifyInstance) => {
    const profiles = services.profiles;

    // A worker's own profile.
    const editPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values?: Record<string, unknown>,
      formErrors?: FormErrors,
    ) => {
      const ctx = staffOf(request);
      const mine = await profiles.mine(ctx);
      return reply.status(formErrors ? 400 : 200).page('pages/profiles/edit.njk', {
        values: values ?? mine,
        hasPhoto: mine.hasPhoto,
        me: ctx.principal.id,
        errors: formErrors,
        done: formErrors ? '' : flashOf(request),
      });
    };
    app.get('/profile', (request, reply) => editPage(request, reply));

    // The form with a photo, in its own scope: only this route reads multipart bodies.
    await app.register(async (scope) => {
      await scope.register(multipart, {
        attachFieldsToBody: 'keyValues',
        onFile,
        throwFileSizeLimit: false,
        limits: { fileSize: PHOTO_UPLOAD_LIMIT, files: 1, fields: 10, fieldSize: 8 * 1024, parts: 11 },
      });
      scope.post('/profile', async (request, reply) => {
        const ctx = staffOf(request);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const parsed = parseForm(profileSchema, body);
        const upload = body.photo as PhotoUpload | undefined;
        const remove = parsed.ok && parsed.data.removePhoto;
        const chosen = upload && upload.bytes.length > 0 && !remove ? upload : null;
        const photo = chosen ? await keptPhoto(chosen) : null;
        const fieldErrors = {
          ...(parsed.ok ? {} : parsed.fieldErrors),
          ...(typeof photo === 'string' ? { photo: PHOTO_MESSAGES[photo] } : {}),
        };
        if (!parsed.ok || typeof photo === 'string') {
          const values = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, body[f]]));
          return editPage(request, reply, values, toFormErrors(fieldErrors));
        }
        const { removePhoto, ...words } = parsed.data;
        await profiles.saveMine(ctx, { ...words, photo: removePhoto ? null : (photo ?? undefined) });
        return reply.redirect(withFlash(request, '/profile', 'Your profile is saved'), 303);
      });
    });

    // A worker's profile: their young people and their colleagues.
    app.get('/workers/:id', async (request, reply) => {
      const ctx = contextOf(request);
      const worker = await profiles.profile(ctx, idParam(request.params));
      return reply.page('pages/profiles/worker.njk', { worker, youngPerson: ctx.principal.kind === 'young_person' });
    });

    app.get('/workers/:id/photo', async (request, reply) => {
      const ctx = contextOf(request);
      const photo = await profiles.photo(ctx, idParam(request.params));
      return reply
        .header('content-type', photo.type)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'private, no-cache')
        .header('last-modified', photo.updatedAt.toUTCString())
        .send(photo.bytes);
    });

    // Who has looked at my record.
    app.get('/my-record/looks', async (request, reply) => {
      const looks = await profiles.looks(contextOf(request));
      return reply.page('pages/profiles/looks.njk', { ...looks, done: flashOf(request) });
    });

    /** Who looked, and when, in words: in the reader's language on their page, in English for the worker. */
    const lookWords = (
      look: { role: string; teamName: string | null; name: string | null; on: string },
      tr: Translate,
      lng: string,
    ) => {
      const role = tr(`profiles:roles.${look.role}`);
      return {
        who: look.name ? `${look.name}, ${role}` : role,
        team: look.teamName ?? tr('profiles:looks.noTeam'),
        date: dateIn(lng, 'date', look.on),
      };
    };
    const askPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown>,
      formErrors?: FormErrors,
    ) => {
      const look = await profiles.look(contextOf(request), auditIdParam(request.params));
      return reply.status(formErrors ? 400 : 200).page('pages/profiles/ask-why.njk', {
        look,
        words: lookWords(look, translatorFor(request), request.language.code),
        values,
        errors: formErrors,
      });
    };
    app.get('/my-record/looks/:look/ask', (request, reply) => askPage(request, reply, {}));
    app.post('/my-record/looks/:look/ask', async (request, reply) => {
      const ctx = contextOf(request);
      const auditId = auditIdParam(request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(askWhySchema, body);
      if (!parsed.ok)
        return askPage(request, reply, body, translatedErrors(parsed.fieldErrors, translatorFor(request)));
      const look = await profiles.look(ctx, auditId);
      // The question goes to the worker, whose pages are in English; the young person's own words follow it.
      const w = lookWords(look, t, 'en');
      const sent = await profiles.askWhy(ctx, {
        auditId,
        subject: t('profiles:ask.subject'),
        body: `${t('profiles:ask.messageStart', w)}\n\n${parsed.data.body}`,
      });
      return reply.redirect(
        withFlash(
          request,
          `/messages/${sent.threadId}`,
          translatorFor(request)('profiles:ask.sent', { date: dateIn(request.language.code, 'date', sent.dueOn) }),
        ),
        303,
      );
    });

    // The council's policy: names, or role and team only.
    app.get('/admin/record-views', async (request, reply) => {
      const policy = await profiles.viewPolicy(staffOf(request));
      return reply.page('pages/profiles/view-policy.njk', {
        values: { showNames: policy.showNames ? 'yes' : 'no' },
        done: flashOf(request),
      });
    });
    app.post('/admin/record-views', async (request, reply) => {
      const ctx = staffOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseForm(viewPolicySchema, body);
      if (!parsed.ok)
        return reply
          .status(400)
          .page('pages/profiles/view-policy.njk', { values: body, errors: toFormErrors(parsed.fieldErrors) });
      await profiles.saveViewPolicy(ctx, parsed.data.showNames === 'yes');
      return reply.redirect(withFlash(request, '/admin/record-views', 'Policy saved'), 303);
    });
  });
}
