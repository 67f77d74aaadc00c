// Workers' one-page profiles and "Who has looked at my record" (issue 12 §4). Each use opens one
// transaction, checks permission, and writes its audit row in it; refusals are audited too.
import { supporterLooksAt } from '../data/repositories/supporters.ts';
import { supporterLooksShown } from '../domain/supporters.ts';
import sharp from 'sharp';
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { authorize, can } from '../domain/permissions.ts';
import {
  looksShown,
  PHOTO_KEPT_LIMIT,
  PHOTO_SIDE,
  PHOTO_UPLOAD_LIMIT,
  photoTypeOf,
  PROFILE_FIELDS,
} from '../domain/profiles.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { insertThread } from '../data/repositories/companion.ts';
import * as repo from '../data/repositories/profiles.ts';
import { errors } from '../errors.ts';
import { sendMessage } from './companion.ts';
import { auditActor, type RequestContext } from './context.ts';
import type { RecordsService } from './records.ts';

/** Looks read from the audit trail for one page, and the lines shown from them (one a person a day). */
const LOOKS_READ = 1000;
export const LOOKS_SHOWN = 100;

export type PhotoUpload = { bytes: Buffer; tooLarge: boolean };
/** Why a photo was refused: a translation key in the profiles namespace. */
export type PhotoRefusal = 'errors.photoType' | 'errors.photoLarge' | 'errors.photoBroken';

/**
 * A photo as it is kept: checked by its first bytes (JPEG or PNG only, whatever it claims to be), decoded,
 * turned upright, made at most PHOTO_SIDE pixels a side and written again as a JPEG without its metadata
 * (a phone's photo carries where it was taken). A file that only looks like an image fails to decode.
 */
export async function keptPhoto(upload: PhotoUpload): Promise<{ bytes: Buffer; type: 'image/jpeg' } | PhotoRefusal> {
  if (upload.tooLarge || upload.bytes.length > PHOTO_UPLOAD_LIMIT) return 'errors.photoLarge';
  if (!photoTypeOf(upload.bytes)) return 'errors.photoType';
  try {
    const bytes = await sharp(upload.bytes, { failOn: 'error', limitInputPixels: 50_000_000 })
      .rotate()
      .resize(PHOTO_SIDE, PHOTO_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
    return bytes.length <= PHOTO_KEPT_LIMIT ? { bytes, type: 'image/jpeg' } : 'errors.photoLarge';
  } catch {
    return 'errors.photoBroken';
  }
}

export type ProfileInput = repo.ProfileText & { photo?: { bytes: Buffer; type: string } | null };

export function profilesService(db: Database, clock: Clock, records: RecordsService) {
  /**
   * May the principal see this worker's profile? Staff see their colleagues'; a young person sees their
   * own personal adviser's and social worker's (the workers on their home), no one else's.
   */
  async function mayRead(tx: Tx, ctx: RequestContext, staffId: string, action: string) {
    const p = ctx.principal;
    if (p.kind === 'staff') return true;
    if (p.kind !== 'young_person') return false;
    const opened = await records.openRecord(tx, ctx, p.id, action, {
      auditAllowed: false,
      rule: (principal, facts) =>
        principal.id === facts.id && [facts.personalAdviserId, facts.socialWorkerId].includes(staffId),
      details: { staffId },
    });
    return !opened.denied;
  }

  return {
    /** The signed-in worker's own profile, to edit. */
    async mine(ctx: RequestContext) {
      authorize(ctx.principal, 'profile.write');
      return db.withCouncil(ctx.principal.councilId, async (tx) => {
        const [row] = await repo.profilesOf(tx, [ctx.principal.id]);
        return row;
      });
    },

    /** A worker writes their own profile, and only their own: the principal is the profile. Audited. */
    async saveMine(ctx: RequestContext, input: ProfileInput) {
      authorize(ctx.principal, 'profile.write');
      const p = ctx.principal;
      await db.withCouncil(p.councilId, async (tx) => {
        await repo.saveProfile(tx, { ...input, staffId: p.id, councilId: p.councilId });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'profile.update',
          entityType: 'staff_profile',
          entityId: p.id,
          details: {
            written: PROFILE_FIELDS.filter((f) => input[f] !== ''),
            photo: input.photo === undefined ? 'kept' : input.photo === null ? 'removed' : 'new',
          },
        });
      });
    },

    /** A worker's profile page. Anyone who may not see it is told it does not exist; audited. */
    async profile(ctx: RequestContext, staffId: string) {
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
        const [row] = (await mayRead(tx, ctx, staffId, 'profile.view')) ? await repo.profilesOf(tx, [staffId]) : [];
        const refused = !row || (ctx.principal.kind !== 'staff' && !row.active);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'profile.view',
          outcome: refused ? 'denied' : 'allowed',
          entityType: 'staff_profile',
          entityId: staffId,
        });
        return refused ? null : row;
      });
      if (!result) throw errors.notFoundAudited();
      return result;
    },

    /** A worker's photo, for those who may see their profile (not audited again: the page was). */
    async photo(ctx: RequestContext, staffId: string) {
      const result = await db.withCouncil(ctx.principal.councilId, async (tx) =>
        (await mayRead(tx, ctx, staffId, 'profile.photo')) ? repo.photoOf(tx, staffId) : null,
      );
      if (!result) throw errors.notFound();
      return result;
    },

    /** The profiles of the young person's personal adviser and social worker, for their home. */
    async workersOf(ctx: RequestContext, workers: { personalAdviserId: string | null; socialWorkerId: string | null }) {
      const p = ctx.principal;
      if (p.kind !== 'young_person') return [];
      const roles = [
        { id: workers.personalAdviserId, role: 'personal_adviser' },
        { id: workers.socialWorkerId, role: 'social_worker' },
      ].filter((w): w is { id: string; role: string } => w.id !== null);
      const rows = await db.withCouncil(p.councilId, (tx) =>
        repo.profilesOf(
          tx,
          roles.map((w) => w.id),
        ),
      );
      return roles.flatMap((w) => {
        const row = rows.find((r) => r.staffId === w.id);
        return row ? [{ ...row, asRole: w.role }] : [];
      });
    },

    /**
     * "Who has looked at my record": the staff who opened or changed it, one line a person a day, with
     * names as the council's policy says. Only the young person reads their own; reading it is audited
     * (as the young person's action, so it is never listed back to them as a look by staff).
     */
    async looks(ctx: RequestContext) {
      const p = ctx.principal;
      if (p.kind !== 'young_person') throw errors.notFound();
      authorize(p, 'record-views.view');
      return db.withCouncil(p.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, p.id, 'record-views.view', { auditAllowed: false });
        if (opened.denied) throw errors.notFound();
        const policy = await repo.viewPolicy(tx);
        const shown = looksShown(await repo.staffLooksAt(tx, p.id, LOOKS_READ), policy.showNames).slice(0, LOOKS_SHOWN);
        // The people they named to read their plan (issue 12 §6): by name, since the young person chose them.
        const supporters = supporterLooksShown(await supporterLooksAt(tx, p.id, LOOKS_READ)).slice(0, LOOKS_SHOWN);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'record-views.view',
          youngPersonId: p.id,
          entityType: 'young_person',
          entityId: p.id,
          details: { shown: shown.length, namesShown: policy.showNames },
        });
        return { rows: shown, showNames: policy.showNames, supporters };
      });
    },

    /** One line of "Who has looked", for the "Ask why" page: only a staff look at their own record. */
    async look(ctx: RequestContext, auditId: number) {
      const p = ctx.principal;
      if (p.kind !== 'young_person') throw errors.notFound();
      authorize(p, 'record-views.view');
      const found = await db.withCouncil(p.councilId, async (tx) => {
        const row = await repo.staffLook(tx, p.id, auditId);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'record-views.view',
          outcome: row ? 'allowed' : 'denied',
          youngPersonId: p.id,
          entityType: 'young_person',
          entityId: p.id,
          details: { auditId },
        });
        return row ? looksShown([row], (await repo.viewPolicy(tx)).showNames)[0] : null;
      });
      if (!found) throw errors.notFoundAudited();
      return found;
    },

    /**
     * "Ask why": the young person's question goes as a message to their personal adviser (their social
     * worker without one, their team's manager without either), due an answer the next working day. It
     * names the look as the young person saw it (names only if the policy shows them). Audited.
     */
    async askWhy(ctx: RequestContext, input: { auditId: number; subject: string; body: string }) {
      const p = ctx.principal;
      if (p.kind !== 'young_person') throw errors.notFound();
      authorize(p, 'record-views.view');
      authorize(p, 'messages.use');
      const result = await db.withCouncil(p.councilId, async (tx) => {
        const opened = await records.openRecord(tx, ctx, p.id, 'record-views.ask-why', {
          auditAllowed: false,
          write: true,
        });
        if (opened.denied) return null;
        const f = opened.facts;
        const look = await repo.staffLook(tx, p.id, input.auditId);
        const to = look && (f.personalAdviserId ?? f.socialWorkerId ?? (await repo.teamManagerOf(tx, f.teamId)));
        if (!to) {
          const refused = { action: 'record-views.ask-why', outcome: 'denied' as const, youngPersonId: p.id };
          await insertAudit(tx, { ...auditActor(ctx), ...refused, details: { auditId: input.auditId, look: !!look } });
          return null;
        }
        const threadId = await insertThread(tx, {
          councilId: p.councilId,
          youngPersonId: p.id,
          staffId: to,
          subject: input.subject,
        });
        const message = await sendMessage(
          tx,
          ctx,
          ukDate(clock.now()),
          { threadId, youngPersonId: p.id, body: input.body, started: true },
          { askedWhy: input.auditId },
        );
        return { threadId, dueOn: message.dueOn as string };
      });
      if (!result) throw errors.notFoundAudited();
      return result;
    },

    /** The council's policy: whether young people see the names of the staff who looked. */
    viewPolicy(ctx: RequestContext) {
      authorize(ctx.principal, 'policy.manage');
      return db.withCouncil(ctx.principal.councilId, repo.viewPolicy);
    },

    async saveViewPolicy(ctx: RequestContext, showNames: boolean) {
      authorize(ctx.principal, 'policy.manage');
      await db.withCouncil(ctx.principal.councilId, async (tx) => {
        await repo.saveViewPolicy(tx, { councilId: ctx.principal.councilId, showNames, by: ctx.principal.id });
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'record-view-policy.update',
          entityType: 'council',
          entityId: ctx.principal.councilId,
          details: { showNames },
        });
      });
    },

    /** May this principal write a profile (for the link in the account menu)? */
    canWrite: (ctx: RequestContext) => can(ctx.principal, 'profile.write'),
  };
}
export type ProfilesService = ReturnType<typeof profilesService>;
