// The language a young person reads Pathway in (issue 12 §5), saved on their account so it follows
// them to another device: written with its audit row in one transaction, read back at sign-in.
import { eq } from 'drizzle-orm';
import type { Database } from '../data/db.ts';
import { youngPersonAccounts } from '../data/schema.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import { errors } from '../errors.ts';
import { auditActor, type RequestContext } from './context.ts';

export function languagesService(db: Database) {
  return {
    /** Saves the young person's own choice (only their own account; staff have no language to save). */
    async choose(ctx: RequestContext, language: string): Promise<void> {
      const p = ctx.principal;
      if (p.kind !== 'young_person') throw errors.forbidden();
      await db.withCouncil(p.councilId, async (tx) => {
        await tx.update(youngPersonAccounts).set({ language }).where(eq(youngPersonAccounts.youngPersonId, p.id));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'account.language',
          youngPersonId: p.id,
          details: { language },
        });
      });
    },

    /** Turns easy read on or off on the young person's own account (issue 12 §6), audited in the same transaction. */
    async chooseEasyRead(ctx: RequestContext, on: boolean): Promise<void> {
      const p = ctx.principal;
      if (p.kind !== 'young_person') throw errors.forbidden();
      await db.withCouncil(p.councilId, async (tx) => {
        await tx.update(youngPersonAccounts).set({ easyRead: on }).where(eq(youngPersonAccounts.youngPersonId, p.id));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'account.easy-read',
          youngPersonId: p.id,
          details: { easyRead: on },
        });
      });
    },
  };
}
