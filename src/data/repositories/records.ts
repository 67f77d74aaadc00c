// Writes and reads behind creating young people, their details, allocations and team moves (issue 11 §1).
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db.ts';
import { allocations, caseClosures, dateOfBirthHistory, staff, teamHistory, teams, youngPeople } from '../schema.ts';

export type AllocationRole = 'personal_adviser' | 'social_worker';
export type NewYoungPerson = typeof youngPeople.$inferInsert;
export type Details = Pick<
  typeof youngPeople.$inferInsert,
  | 'givenName'
  | 'familyName'
  | 'preferredName'
  | 'sex'
  | 'ethnicity'
  | 'upn'
  | 'unaccompaniedAsylumSeeking'
  | 'firstLanguage'
  | 'interpreterNeeded'
  | 'communicationNeeds'
>;

/** The young person's row, locked until the transaction ends: writers of one record take turns. */
export async function lockYoungPerson(tx: Tx, id: string) {
  const [row] = await tx.select().from(youngPeople).where(eq(youngPeople.id, id)).for('update');
  return row ?? null;
}

export async function referenceTaken(tx: Tx, reference: string): Promise<boolean> {
  const found = await tx
    .select({ id: youngPeople.id })
    .from(youngPeople)
    .where(sql`lower(${youngPeople.reference}) = lower(${reference})`)
    .limit(1);
  return found.length > 0;
}

export async function insertYoungPerson(tx: Tx, row: NewYoungPerson, recordedBy: string | null) {
  const [inserted] = await tx.insert(youngPeople).values(row).returning({ id: youngPeople.id });
  await tx.insert(dateOfBirthHistory).values({
    councilId: row.councilId,
    youngPersonId: inserted.id,
    dateOfBirth: row.dateOfBirth,
    ageAssessed: row.dateOfBirthAgeAssessed ?? false,
    reason: 'Recorded when they were added to Pathway',
    recordedBy,
  });
  return inserted.id;
}

/** Saves details only if nobody changed the record since `version`; false when someone had. */
export async function updateDetails(tx: Tx, id: string, version: number, details: Details, now: Date) {
  const saved = await tx
    .update(youngPeople)
    // Saving the details form confirms the name, also of a record imported without one.
    .set({ ...details, needsName: false, version: version + 1, updatedAt: now })
    .where(and(eq(youngPeople.id, id), eq(youngPeople.version, version)))
    .returning({ id: youngPeople.id });
  return saved.length === 1;
}

export async function bumpVersion(tx: Tx, id: string, set: Partial<typeof youngPeople.$inferInsert>, now: Date) {
  await tx
    .update(youngPeople)
    .set({ ...set, version: sql`${youngPeople.version} + 1`, updatedAt: now })
    .where(eq(youngPeople.id, id));
}

export async function openAllocations(tx: Tx, youngPersonId: string) {
  return tx
    .select({
      id: allocations.id,
      role: allocations.allocationRole,
      staffId: allocations.staffId,
      startDate: allocations.startDate,
      staffName: staff.displayName,
      staffTeamId: staff.teamId,
    })
    .from(allocations)
    .innerJoin(staff, eq(staff.id, allocations.staffId))
    .where(and(eq(allocations.youngPersonId, youngPersonId), isNull(allocations.endDate)));
}

export async function endAllocationRow(tx: Tx, id: string, endDate: string) {
  await tx.update(allocations).set({ endDate }).where(eq(allocations.id, id));
}

export async function insertAllocation(
  tx: Tx,
  row: { councilId: string; youngPersonId: string; staffId: string; role: AllocationRole; startDate: string },
) {
  const [inserted] = await tx
    .insert(allocations)
    .values({
      councilId: row.councilId,
      youngPersonId: row.youngPersonId,
      staffId: row.staffId,
      allocationRole: row.role,
      startDate: row.startDate,
    })
    .returning({ id: allocations.id });
  return inserted.id;
}

/**
 * When the case was opened, as the performance figures read it (repositories/oversight.ts): its first
 * period of care or allocation, or else the day it was added to Pathway.
 */
export async function caseOpenedOn(tx: Tx, youngPersonId: string): Promise<string> {
  const { rows } = (await tx.execute(sql`
    SELECT least(
      (SELECT min(start_date) FROM care_episodes WHERE young_person_id = ${youngPersonId}),
      (SELECT min(start_date) FROM allocations WHERE young_person_id = ${youngPersonId}),
      (SELECT (created_at AT TIME ZONE 'Europe/London')::date FROM young_people WHERE id = ${youngPersonId})
    )::text AS opened`)) as unknown as { rows: { opened: string }[] };
  return rows[0].opened;
}

export async function openTeamPeriod(tx: Tx, youngPersonId: string) {
  const [row] = await tx
    .select()
    .from(teamHistory)
    .where(and(eq(teamHistory.youngPersonId, youngPersonId), isNull(teamHistory.endDate)));
  return row ?? null;
}

/** Ends the open team period on `on` (or records the old team up to then, when none was recorded) and opens the new one. */
export async function moveTeamPeriod(
  tx: Tx,
  row: { councilId: string; youngPersonId: string; fromTeamId: string; fromOn: string; toTeamId: string; on: string },
  recordedBy: string | null,
) {
  const open = await openTeamPeriod(tx, row.youngPersonId);
  if (open) await tx.update(teamHistory).set({ endDate: row.on }).where(eq(teamHistory.id, open.id));
  else if (row.fromOn < row.on)
    await tx.insert(teamHistory).values({
      councilId: row.councilId,
      youngPersonId: row.youngPersonId,
      teamId: row.fromTeamId,
      startDate: row.fromOn,
      endDate: row.on,
      recordedBy,
    });
  await tx.insert(teamHistory).values({
    councilId: row.councilId,
    youngPersonId: row.youngPersonId,
    teamId: row.toTeamId,
    startDate: row.on,
    recordedBy,
  });
}

export async function teamHistoryOf(tx: Tx, youngPersonId: string) {
  return tx
    .select({ teamName: teams.name, startDate: teamHistory.startDate, endDate: teamHistory.endDate })
    .from(teamHistory)
    .innerJoin(teams, eq(teams.id, teamHistory.teamId))
    .where(eq(teamHistory.youngPersonId, youngPersonId))
    .orderBy(asc(teamHistory.startDate));
}

/** Active personal advisers and social workers, with their team, to choose from. */
export async function allocatableStaff(tx: Tx, teamIds?: readonly string[]) {
  return tx
    .select({ id: staff.id, displayName: staff.displayName, role: staff.role, teamId: staff.teamId })
    .from(staff)
    .where(
      and(
        eq(staff.active, true),
        inArray(staff.role, ['personal_adviser', 'social_worker']),
        teamIds ? inArray(staff.teamId, [...teamIds]) : undefined,
      ),
    )
    .orderBy(asc(staff.displayName));
}

export async function staffMember(tx: Tx, id: string) {
  const [row] = await tx.select().from(staff).where(eq(staff.id, id));
  return row ?? null;
}

/**
 * Open cases per worker in a team: every active adviser and social worker of the team, and anyone
 * elsewhere holding one of its cases, with how many they hold in each role.
 */
export async function caseloadSizes(tx: Tx, teamId: string) {
  const rows = (await tx.execute(sql`
    SELECT s.id, s.display_name AS name, s.role, s.team_id = ${teamId} AS in_team,
      (SELECT count(*)::int FROM young_people y WHERE y.case_status = 'open' AND y.personal_adviser_id = s.id) AS as_adviser,
      (SELECT count(*)::int FROM young_people y WHERE y.case_status = 'open' AND y.social_worker_id = s.id) AS as_social_worker
    FROM staff s
    WHERE (s.team_id = ${teamId} AND s.active AND s.role IN ('personal_adviser', 'social_worker'))
      OR EXISTS (SELECT 1 FROM young_people y WHERE y.team_id = ${teamId} AND y.case_status = 'open'
        AND (y.personal_adviser_id = s.id OR y.social_worker_id = s.id))
    ORDER BY s.display_name`)) as unknown as {
    rows: { id: string; name: string; role: string; in_team: boolean; as_adviser: number; as_social_worker: number }[];
  };
  const [unallocated] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(youngPeople)
    .where(
      and(eq(youngPeople.teamId, teamId), eq(youngPeople.caseStatus, 'open'), isNull(youngPeople.personalAdviserId)),
    );
  return {
    workers: rows.rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      inTeam: r.in_team,
      asAdviser: r.as_adviser,
      asSocialWorker: r.as_social_worker,
      total: r.as_adviser + r.as_social_worker,
    })),
    withoutAdviser: unallocated.n,
  };
}

export async function otherTeams(tx: Tx, teamId: string) {
  return tx.select({ id: teams.id, name: teams.name }).from(teams).where(ne(teams.id, teamId)).orderBy(asc(teams.name));
}

/** Records a closure or reopening of a case (migration 019). */
export async function insertCaseChange(tx: Tx, row: typeof caseClosures.$inferInsert) {
  await tx.insert(caseClosures).values(row);
}

/** Every closure and reopening of a case, oldest first, with who recorded it. */
export function caseChangesOf(tx: Tx, youngPersonId: string) {
  return tx
    .select({
      kind: caseClosures.kind,
      on: caseClosures.onDate,
      reason: caseClosures.reason,
      details: caseClosures.details,
      recordedByName: staff.displayName,
      recordedAt: caseClosures.recordedAt,
    })
    .from(caseClosures)
    .innerJoin(staff, eq(staff.id, caseClosures.recordedBy))
    .where(eq(caseClosures.youngPersonId, youngPersonId))
    .orderBy(asc(caseClosures.recordedAt), asc(caseClosures.onDate));
}

/** The day of the latest closure or reopening of a case, if any. */
export async function lastCaseChangeOn(tx: Tx, youngPersonId: string): Promise<string | null> {
  const [row] = await tx
    .select({ on: caseClosures.onDate })
    .from(caseClosures)
    .where(eq(caseClosures.youngPersonId, youngPersonId))
    .orderBy(desc(caseClosures.onDate))
    .limit(1);
  return row?.on ?? null;
}

/** Young people born on or before `bornBy`, oldest first: those whose records may be past keeping. */
export async function bornOnOrBefore(tx: Tx, bornBy: string) {
  return tx
    .select({
      id: youngPeople.id,
      reference: youngPeople.reference,
      givenName: youngPeople.givenName,
      familyName: youngPeople.familyName,
      dateOfBirth: youngPeople.dateOfBirth,
      caseStatus: youngPeople.caseStatus,
    })
    .from(youngPeople)
    .where(sql`${youngPeople.dateOfBirth} <= ${bornBy}`)
    .orderBy(asc(youngPeople.dateOfBirth));
}
