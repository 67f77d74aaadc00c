// A young person's record made restricted for the length of a check, then put back as it was, for
// HTTP tests that a list counts a restricted record and names it only to the staff named on it.
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/data/db.ts';
import { restrictedRecordAccess, youngPeople } from '../../src/data/schema.ts';

export async function whileRestricted(
  db: Database,
  record: { councilId: string; youngPersonId: string },
  check: (nameOnIt: (staffId: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const { councilId, youngPersonId } = record;
  await db.system((tx) => tx.update(youngPeople).set({ restricted: true }).where(eq(youngPeople.id, youngPersonId)));
  try {
    await check((staffId) =>
      db.system(async (tx) => {
        await tx.insert(restrictedRecordAccess).values({ councilId, youngPersonId, staffId });
      }),
    );
  } finally {
    await db.system(async (tx) => {
      await tx.delete(restrictedRecordAccess).where(eq(restrictedRecordAccess.youngPersonId, youngPersonId));
      await tx.update(youngPeople).set({ restricted: false }).where(eq(youngPeople.id, youngPersonId));
    });
  }
}
