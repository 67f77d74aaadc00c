// Reads and writes behind importing the SSDA903 return (issue 11 §4): records matched on their CHILD id.
import { and, eq, gte, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import {
  allocations,
  careEpisodes,
  councils,
  dateOfBirthHistory,
  lookedAfterReviews,
  missingEpisodes,
  ssda903Uploads,
  staff,
  teams,
  youngPeople,
} from '../schema.ts';

export type CareEpisodeRow = typeof careEpisodes.$inferSelect;
export type ImportedPerson = typeof youngPeople.$inferSelect;

/** One import at a time per council: a second waits, then sees what the first wrote. */
export async function lockCouncilImport(tx: Tx, councilId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`ssda903-import:${councilId}`}))`);
}

export async function councilIdBySlug(tx: Tx, slug: string): Promise<string | null> {
  const [row] = await tx.select({ id: councils.id }).from(councils).where(eq(councils.slug, slug));
  return row?.id ?? null;
}

/** Every record that came from a return, locked: editors of one of them wait for the import. */
export async function importedPeople(tx: Tx) {
  return tx.select().from(youngPeople).where(isNotNull(youngPeople.ssda903Id)).for('update');
}

/** Which of these references other records (not from the return) already have, in lower case. */
export async function referencesTaken(tx: Tx, references: readonly string[]): Promise<Set<string>> {
  if (!references.length) return new Set();
  const rows = await tx
    .select({ reference: youngPeople.reference })
    .from(youngPeople)
    .where(
      and(
        inArray(
          sql`lower(${youngPeople.reference})`,
          references.map((r) => r.toLowerCase()),
        ),
        isNull(youngPeople.ssda903Id),
      ),
    );
  return new Set(rows.map((r) => r.reference.toLowerCase()));
}

export async function teamsByName(tx: Tx) {
  const rows = await tx.select({ id: teams.id, name: teams.name }).from(teams);
  return new Map(rows.map((t) => [t.name.trim().toLowerCase(), t]));
}

export async function staffByEmail(tx: Tx) {
  const rows = await tx
    .select({ id: staff.id, email: staff.email, role: staff.role, teamId: staff.teamId, active: staff.active })
    .from(staff);
  return new Map(rows.map((s) => [s.email.toLowerCase(), s]));
}

export async function episodesOf(tx: Tx, youngPersonIds: readonly string[]) {
  if (!youngPersonIds.length) return [];
  return tx
    .select()
    .from(careEpisodes)
    .where(inArray(careEpisodes.youngPersonId, [...youngPersonIds]));
}

export type EpisodeRow = typeof careEpisodes.$inferInsert;

/** Inserts care episodes a few hundred rows a statement: an import adds tens of thousands. */
export async function insertEpisodes(tx: Tx, rows: readonly EpisodeRow[]) {
  for (let i = 0; i < rows.length; i += EPISODES_A_STATEMENT)
    await tx.insert(careEpisodes).values(rows.slice(i, i + EPISODES_A_STATEMENT));
}
const EPISODES_A_STATEMENT = 500;

/** The record of each of these CHILD ids, by CHILD id. */
export async function idsByChild(tx: Tx, children: readonly string[]): Promise<Map<string, string>> {
  if (!children.length) return new Map();
  const rows = await tx
    .select({ id: youngPeople.id, child: youngPeople.ssda903Id })
    .from(youngPeople)
    .where(inArray(youngPeople.ssda903Id, [...children]));
  return new Map(rows.map((r) => [r.child as string, r.id]));
}

/** Looked-after reviews from reviews.csv: a review already held for that day takes the return's code. */
export async function upsertReviews(tx: Tx, rows: readonly (typeof lookedAfterReviews.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += EPISODES_A_STATEMENT)
    await tx
      .insert(lookedAfterReviews)
      .values(rows.slice(i, i + EPISODES_A_STATEMENT))
      .onConflictDoUpdate({
        target: [lookedAfterReviews.youngPersonId, lookedAfterReviews.reviewedOn],
        set: { participation: sql`excluded.participation` },
      });
}

/** Missing episodes from missing.csv: one already held (same kind and start) takes the return's end. */
export async function upsertMissing(tx: Tx, rows: readonly (typeof missingEpisodes.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += EPISODES_A_STATEMENT)
    await tx
      .insert(missingEpisodes)
      .values(rows.slice(i, i + EPISODES_A_STATEMENT))
      .onConflictDoUpdate({
        target: [missingEpisodes.youngPersonId, missingEpisodes.kind, missingEpisodes.startDate],
        set: { endDate: sql`excluded.end_date` },
      });
}

export async function updateEpisode(tx: Tx, id: string, set: Partial<typeof careEpisodes.$inferInsert>) {
  await tx.update(careEpisodes).set(set).where(eq(careEpisodes.id, id));
}

export async function recordDateOfBirth(
  tx: Tx,
  row: { councilId: string; youngPersonId: string; dateOfBirth: string; recordedBy: string | null },
) {
  await tx.insert(dateOfBirthHistory).values({
    ...row,
    ageAssessed: false,
    reason: 'Changed by an SSDA903 import',
  });
}

export async function openAllocationsOf(tx: Tx, youngPersonIds: readonly string[]) {
  if (!youngPersonIds.length) return [];
  return tx
    .select()
    .from(allocations)
    .where(and(inArray(allocations.youngPersonId, [...youngPersonIds]), isNull(allocations.endDate)));
}

export async function changeAllocationStaff(tx: Tx, id: string, staffId: string) {
  await tx.update(allocations).set({ staffId }).where(eq(allocations.id, id));
}

/** Keeps uploaded files with their preview until the import is confirmed (migration 022). */
export async function insertUpload(tx: Tx, row: typeof ssda903Uploads.$inferInsert): Promise<string> {
  const [{ id }] = await tx.insert(ssda903Uploads).values(row).returning({ id: ssda903Uploads.id });
  return id;
}

/** An upload by this administrator, if it is still kept (uploaded since `since`). */
export async function uploadOf(tx: Tx, id: string, uploadedBy: string, since: Date) {
  const [row] = await tx
    .select()
    .from(ssda903Uploads)
    .where(
      and(eq(ssda903Uploads.id, id), eq(ssda903Uploads.uploadedBy, uploadedBy), gte(ssda903Uploads.uploadedAt, since)),
    );
  return row ?? null;
}

export async function deleteUpload(tx: Tx, id: string) {
  await tx.delete(ssda903Uploads).where(eq(ssda903Uploads.id, id));
}

/** Uploads nobody confirmed in time: their files are not kept. */
export async function deleteUploadsBefore(tx: Tx, before: Date) {
  await tx.delete(ssda903Uploads).where(lt(ssda903Uploads.uploadedAt, before));
}
