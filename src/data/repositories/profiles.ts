// Workers' profiles, the council's record-view policy, and the staff looks at a record (migration 028).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { councilRecordViewPolicy, staffProfiles } from '../profiles-schema.ts';
import { auditEvents, staff, teams } from '../schema.ts';
import type { ProfileField } from '../../domain/profiles.ts';

export type ProfileText = Record<ProfileField, string>;

const profileColumns = {
  staffId: staff.id,
  name: staff.displayName,
  role: staff.role,
  teamName: teams.name,
  active: staff.active,
  aboutMe: sql<string>`coalesce(${staffProfiles.aboutMe}, '')`,
  howIWork: sql<string>`coalesce(${staffProfiles.howIWork}, '')`,
  whenAround: sql<string>`coalesce(${staffProfiles.whenAround}, '')`,
  howToReach: sql<string>`coalesce(${staffProfiles.howToReach}, '')`,
  languages: sql<string>`coalesce(${staffProfiles.languages}, '')`,
  hasPhoto: sql<boolean>`${staffProfiles.photo} IS NOT NULL`,
  updatedAt: staffProfiles.updatedAt,
};

/** Staff with their profiles (empty where they have not written one), without the photo's bytes. */
export function profilesOf(tx: Tx, staffIds: string[]) {
  if (staffIds.length === 0) return Promise.resolve([]);
  return tx
    .select(profileColumns)
    .from(staff)
    .leftJoin(staffProfiles, eq(staffProfiles.staffId, staff.id))
    .leftJoin(teams, eq(teams.id, staff.teamId))
    .where(inArray(staff.id, staffIds));
}

/** Writes a worker's profile; `photo` undefined keeps the one they have, null removes it. */
export async function saveProfile(
  tx: Tx,
  row: ProfileText & { staffId: string; councilId: string; photo?: { bytes: Buffer; type: string } | null },
): Promise<void> {
  const { staffId, councilId, photo, ...words } = row;
  const photoColumns = photo === undefined ? {} : { photo: photo?.bytes ?? null, photoType: photo?.type ?? null };
  const values = { ...words, ...photoColumns, updatedAt: sql`now()` };
  await tx
    .insert(staffProfiles)
    .values({ staffId, councilId, ...values })
    .onConflictDoUpdate({ target: staffProfiles.staffId, set: values });
}

export async function photoOf(tx: Tx, staffId: string) {
  const [row] = await tx
    .select({ bytes: staffProfiles.photo, type: staffProfiles.photoType, updatedAt: staffProfiles.updatedAt })
    .from(staffProfiles)
    .where(eq(staffProfiles.staffId, staffId));
  return row?.bytes && row.type ? { bytes: row.bytes, type: row.type, updatedAt: row.updatedAt } : null;
}

export async function viewPolicy(tx: Tx): Promise<{ showNames: boolean }> {
  const [row] = await tx.select({ showNames: councilRecordViewPolicy.showNames }).from(councilRecordViewPolicy);
  return { showNames: row?.showNames ?? false };
}

export async function saveViewPolicy(tx: Tx, row: { councilId: string; showNames: boolean; by: string }) {
  const values = { showNames: row.showNames, updatedBy: row.by, updatedAt: sql`now()` };
  await tx
    .insert(councilRecordViewPolicy)
    .values({ councilId: row.councilId, ...values })
    .onConflictDoUpdate({ target: councilRecordViewPolicy.councilId, set: values });
}

const lookColumns = {
  id: auditEvents.id,
  actorId: sql<string>`${auditEvents.actorId}`,
  name: staff.displayName,
  role: staff.role,
  teamName: teams.name,
  on: sql<string>`to_char(${auditEvents.occurredAt} AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`,
};
/** Rows the partial index audit_events_staff_looks_idx holds (migration 028). */
const staffLooks = (youngPersonId: string) =>
  and(
    eq(auditEvents.youngPersonId, youngPersonId),
    eq(auditEvents.actorKind, 'staff'),
    eq(auditEvents.outcome, 'allowed'),
  );

/** Staff's allowed actions on one record, newest first, with who did them (their team as it is now). */
export function staffLooksAt(tx: Tx, youngPersonId: string, limit: number) {
  return tx
    .select(lookColumns)
    .from(auditEvents)
    .innerJoin(staff, eq(staff.id, auditEvents.actorId))
    .leftJoin(teams, eq(teams.id, staff.teamId))
    .where(staffLooks(youngPersonId))
    .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
    .limit(limit);
}

/** One of those rows, by its id: only if it is a staff look at this record. */
export async function staffLook(tx: Tx, youngPersonId: string, auditId: number) {
  const [row] = await tx
    .select(lookColumns)
    .from(auditEvents)
    .innerJoin(staff, eq(staff.id, auditEvents.actorId))
    .leftJoin(teams, eq(teams.id, staff.teamId))
    .where(and(eq(auditEvents.id, auditId), staffLooks(youngPersonId)));
  return row ?? null;
}

/** A manager of the team who may answer for it: its team manager (the longest-serving one if several). */
export async function teamManagerOf(tx: Tx, teamId: string) {
  const [row] = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.teamId, teamId), eq(staff.role, 'team_manager'), eq(staff.active, true)))
    .orderBy(staff.createdAt)
    .limit(1);
  return row?.id ?? null;
}
