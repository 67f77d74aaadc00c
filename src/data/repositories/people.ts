import { aliasedTable, and, asc, eq, exists, getTableColumns, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PgTable, SelectedFields } from 'drizzle-orm/pg-core';
import type { Tx } from '../db.ts';
import { policyVersionInForce, type FactsRead } from './statutory.ts';
import {
  careEpisodes,
  councils,
  dateOfBirthHistory,
  restrictedRecordAccess,
  staff,
  teams,
  youngPeople,
} from '../schema.ts';
import type { Principal, RecordFacts, RecordScope } from '../../domain/permissions.ts';
import { RECORD_SCOPE } from '../../domain/permissions.ts';

/** Open care episode today: looked after now (end date is exclusive, as in SSDA903). */
const lookedAfterOn = (day: string) =>
  exists(
    sql`(SELECT 1 FROM care_episodes ce WHERE ce.young_person_id = ${youngPeople.id}
      AND ce.start_date <= ${day}::date AND (ce.end_date IS NULL OR ce.end_date > ${day}::date)
      AND ce.legal_status NOT IN ('V3', 'V4'))`,
  );

/**
 * The SQL form of domain/permissions.ts canAccessRecord: the young people a principal may see.
 * Kept next to the rule's table tests (test/http/permissions.test.ts checks both agree).
 */
export function visibleTo(principal: Principal, today: string): SQL {
  if (principal.kind === 'young_person') return eq(youngPeople.id, principal.id);
  // A supporter reaches no record, only one young person's plan pages (canReachPlan).
  if (principal.kind === 'supporter') return sql`false`;
  const named = exists(
    sql`(SELECT 1 FROM restricted_record_access r WHERE r.young_person_id = ${youngPeople.id} AND r.staff_id = ${principal.id})`,
  );
  const allocated = or(eq(youngPeople.socialWorkerId, principal.id), eq(youngPeople.personalAdviserId, principal.id))!;
  const team = principal.teamId ? eq(youngPeople.teamId, principal.teamId) : sql`false`;
  const scope: RecordScope = RECORD_SCOPE[principal.role];
  const byScope: Record<RecordScope, SQL> = {
    own: sql`false`,
    'caseload+team': or(allocated, team)!,
    team: or(team, allocated)!,
    council: sql`true`,
    'looked-after': lookedAfterOn(today),
    none: sql`false`,
  };
  return or(
    and(eq(youngPeople.restricted, false), byScope[scope]),
    and(eq(youngPeople.restricted, true), named, scope === 'none' ? sql`false` : sql`true`),
  )!;
}

/**
 * The facts that decide who may reach a record, and whether its case is closed. `lock` locks the row
 * until the transaction ends (a write: writers of one record, and closing it, take turns).
 */
export async function recordFacts(
  tx: Tx,
  youngPersonId: string,
  today: string,
  lock = false,
): Promise<(RecordFacts & { closed: boolean }) | null> {
  const query = tx
    .select({
      id: youngPeople.id,
      councilId: youngPeople.councilId,
      teamId: youngPeople.teamId,
      socialWorkerId: youngPeople.socialWorkerId,
      personalAdviserId: youngPeople.personalAdviserId,
      restricted: youngPeople.restricted,
      lookedAfterNow: sql<boolean>`${lookedAfterOn(today)}`,
      closed: sql<boolean>`${youngPeople.caseStatus} = 'closed'`,
    })
    .from(youngPeople)
    .where(eq(youngPeople.id, youngPersonId));
  const [row] = lock ? await query.for('update', { of: youngPeople }) : await query;
  if (!row) return null;
  const named = row.restricted
    ? (
        await tx
          .select({ staffId: restrictedRecordAccess.staffId })
          .from(restrictedRecordAccess)
          .where(eq(restrictedRecordAccess.youngPersonId, youngPersonId))
      ).map((r) => r.staffId)
    : [];
  return { ...row, namedStaffIds: named };
}

const sw = aliasedTable(staff, 'sw');
const pa = aliasedTable(staff, 'pa');

export type YoungPersonListItem = {
  id: string;
  reference: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  dateOfBirth: string;
  teamId: string;
  teamName: string;
  socialWorkerId: string | null;
  personalAdviserId: string | null;
  socialWorkerName: string | null;
  personalAdviserName: string | null;
  caseStatus: string;
  restricted: boolean;
  lookedAfterNow: boolean;
};

export type ListFilter = {
  /** Only these young people (the list behind a figure). */
  ids?: readonly string[];
  allocatedTo?: string;
  teamId?: string;
  search?: string;
  lookedAfterOnly?: boolean;
  includeClosed?: boolean;
  /** Read the council and its policy version with each row, for deriving status and what is due. */
  withPolicy?: boolean;
  limit?: number;
  offset?: number;
};

export async function listYoungPeople(
  tx: Tx,
  principal: Principal,
  today: string,
  filter: ListFilter,
): Promise<{ rows: (YoungPersonListItem & Partial<Omit<FactsRead, 'facts'>>)[]; total: number }> {
  const conditions: SQL[] = [visibleTo(principal, today)];
  if (filter.allocatedTo)
    conditions.push(
      or(eq(youngPeople.socialWorkerId, filter.allocatedTo), eq(youngPeople.personalAdviserId, filter.allocatedTo))!,
    );
  if (filter.teamId) conditions.push(eq(youngPeople.teamId, filter.teamId));
  if (filter.ids) conditions.push(filter.ids.length ? inArray(youngPeople.id, [...filter.ids]) : sql`false`);
  if (!filter.includeClosed) conditions.push(eq(youngPeople.caseStatus, 'open'));
  if (filter.lookedAfterOnly) conditions.push(lookedAfterOn(today));
  if (filter.search) {
    const words = filter.search.trim().split(/\s+/).slice(0, 4);
    for (const word of words) {
      const pattern = `%${word.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          ilike(youngPeople.givenName, pattern),
          ilike(youngPeople.familyName, pattern),
          ilike(youngPeople.preferredName, pattern),
          ilike(youngPeople.reference, pattern),
        )!,
      );
    }
  }
  const where = and(...conditions);
  const rows = await tx
    .select({
      id: youngPeople.id,
      reference: youngPeople.reference,
      givenName: youngPeople.givenName,
      familyName: youngPeople.familyName,
      preferredName: youngPeople.preferredName,
      dateOfBirth: youngPeople.dateOfBirth,
      teamId: youngPeople.teamId,
      teamName: teams.name,
      socialWorkerId: youngPeople.socialWorkerId,
      personalAdviserId: youngPeople.personalAdviserId,
      socialWorkerName: sw.displayName,
      personalAdviserName: pa.displayName,
      caseStatus: youngPeople.caseStatus,
      restricted: youngPeople.restricted,
      lookedAfterNow: sql<boolean>`${lookedAfterOn(today)}`,
      ...(filter.withPolicy ? { councilId: youngPeople.councilId, policyVersion: policyVersionInForce } : {}),
    })
    .from(youngPeople)
    .innerJoin(teams, eq(teams.id, youngPeople.teamId))
    .leftJoin(sw, eq(sw.id, youngPeople.socialWorkerId))
    .leftJoin(pa, eq(pa.id, youngPeople.personalAdviserId))
    .where(where)
    .orderBy(asc(youngPeople.familyName), asc(youngPeople.givenName), asc(youngPeople.id))
    .limit(filter.limit ?? 10_000)
    .offset(filter.offset ?? 0);
  // Without a limit the rows are the total; count only when a page was cut.
  if (filter.limit === undefined || rows.length < filter.limit)
    return { rows, total: (filter.offset ?? 0) + rows.length };
  const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(youngPeople).where(where);
  return { rows, total };
}

/** What heads every page about a young person: their row, team, council and workers. */
const headerFields = {
  yp: youngPeople,
  teamName: teams.name,
  teamServiceType: teams.serviceType,
  councilName: councils.name,
  socialWorkerName: sw.displayName,
  socialWorkerEmail: sw.email,
  personalAdviserName: pa.displayName,
  personalAdviserEmail: pa.email,
};

function headerOf<T extends SelectedFields>(tx: Tx, id: string, extra: T) {
  return tx
    .select({ ...headerFields, ...extra })
    .from(youngPeople)
    .innerJoin(teams, eq(teams.id, youngPeople.teamId))
    .innerJoin(councils, eq(councils.id, youngPeople.councilId))
    .leftJoin(sw, eq(sw.id, youngPeople.socialWorkerId))
    .leftJoin(pa, eq(pa.id, youngPeople.personalAdviserId))
    .where(eq(youngPeople.id, id));
}

/** Who a page is about: the young person's row, team, council and workers' names. One query. */
export async function youngPersonHeader(tx: Tx, id: string) {
  const [person] = await headerOf(tx, id, {});
  return person ?? null;
}

/** `youngPersonHeader` not yet run, to be read `together` with a page's other reads: one row or none. */
export function youngPersonHeaderRead(tx: Tx, id: string) {
  return headerOf(tx, id, {});
}

/**
 * A table's rows for this young person as one JSON array, keyed by the schema's field names, read in
 * the young person's own query (so a record is one round trip, not one a table). Read back with
 * `rowsFrom`. Every column is included: a column added to the table is here too.
 */
function rowsJson(table: PgTable, alias: string, where: SQL, orderBy: SQL) {
  const t = sql.raw(alias);
  const pairs = Object.entries(getTableColumns(table)).map(
    ([key, column]) => sql`${sql.raw(`'${key}'`)}, ${t}.${sql.identifier(column.name)}`,
  );
  return sql`coalesce((SELECT json_agg(json_build_object(${sql.join(pairs, sql`, `)}) ORDER BY ${orderBy})
    FROM ${table} ${t} WHERE ${where}), '[]'::json)`;
}

/** `rowsJson`'s rows as drizzle would give them: timestamps as Dates, everything else as JSON has it. */
function rowsFrom<T extends PgTable>(table: T, rows: Record<string, unknown>[]): T['$inferSelect'][] {
  const stamps = Object.entries(getTableColumns(table))
    .filter(([, column]) => column.columnType === 'PgTimestamp')
    .map(([key]) => key);
  for (const row of rows) for (const key of stamps) if (row[key] !== null) row[key] = new Date(row[key] as string);
  return rows as T['$inferSelect'][];
}

/**
 * A record's details in one read, not yet run (it can be read `together`), with `extra` fields beside
 * them; read back with `detailsFrom`.
 */
export function youngPersonDetailsRead<T extends SelectedFields>(tx: Tx, id: string, extra: T) {
  return headerOf(tx, id, {
    ...extra,
    episodes: rowsJson(careEpisodes, 'e', sql`e.young_person_id = ${youngPeople.id}`, sql`e.start_date`),
    dobHistory: rowsJson(dateOfBirthHistory, 'd', sql`d.young_person_id = ${youngPeople.id}`, sql`d.recorded_at`),
    allocationRows: sql<{ id: string; role: string; startDate: string; endDate: string | null; staffName: string }[]>`
      coalesce((SELECT json_agg(json_build_object('id', a.id, 'role', a.allocation_role, 'startDate', a.start_date,
          'endDate', a.end_date, 'staffName', s.display_name) ORDER BY a.start_date)
        FROM allocations a JOIN staff s ON s.id = a.staff_id WHERE a.young_person_id = ${youngPeople.id}), '[]'::json)`,
    account: sql<{ username: string; lastSignInAt: string | null } | null>`
      (SELECT json_build_object('username', u.username, 'lastSignInAt', u.last_sign_in_at)
        FROM young_person_accounts u WHERE u.young_person_id = ${youngPeople.id} LIMIT 1)`,
    invitationRows: sql<{ id: string; expiresAt: string; createdAt: string }[]>`
      coalesce((SELECT json_agg(json_build_object('id', i.id, 'expiresAt', i.expires_at, 'createdAt', i.created_at))
        FROM invitations i WHERE i.young_person_id = ${youngPeople.id} AND i.used_at IS NULL AND i.revoked_at IS NULL), '[]'::json)`,
  });
}

type DetailsRow = Awaited<ReturnType<typeof youngPersonDetailsRead<Record<never, never>>>>[number];

/** The record's details from what `youngPersonDetailsRead` read; null when the record is not there. */
export function detailsFrom(person: DetailsRow | undefined) {
  if (!person) return null;
  const { episodes, dobHistory, allocationRows, account, invitationRows, ...header } = person;
  return {
    ...header,
    episodes: rowsFrom(careEpisodes, episodes as Record<string, unknown>[]),
    allocations: allocationRows,
    dobHistory: rowsFrom(dateOfBirthHistory, dobHistory as Record<string, unknown>[]),
    account: account
      ? { username: account.username, lastSignInAt: account.lastSignInAt ? new Date(account.lastSignInAt) : null }
      : null,
    openInvitations: invitationRows.map((i) => ({
      id: i.id,
      expiresAt: new Date(i.expiresAt),
      createdAt: new Date(i.createdAt),
    })),
  };
}

/** The whole record: the header, care history, allocations, dates of birth, account and invitations. One query. */
export async function youngPersonDetails(tx: Tx, id: string) {
  const [person] = await youngPersonDetailsRead(tx, id, {});
  return detailsFrom(person);
}

/**
 * Teams with their active staff and open cases. `visible` narrows the cases counted to those a
 * principal may see (visibleTo), so a count matches the team list it links to.
 * The counts are drizzle subqueries, not raw SQL: in a one-table select drizzle writes `${teams.id}`
 * as a bare "id", which inside `FROM staff` meant the staff member's own id (every count was 0).
 */
/** The council's teams with their counts, not yet run (it can be read `together`). */
export function listTeams(tx: Tx, visible?: SQL) {
  const staffCount = tx
    .select({ n: sql<number>`count(*)::int` })
    .from(staff)
    .where(and(eq(staff.teamId, teams.id), eq(staff.active, true)));
  const youngPeopleCount = tx
    .select({ n: sql<number>`count(*)::int` })
    .from(youngPeople)
    .where(and(eq(youngPeople.teamId, teams.id), eq(youngPeople.caseStatus, 'open'), visible));
  return tx
    .select({
      id: teams.id,
      name: teams.name,
      serviceType: teams.serviceType,
      staffCount: sql<number>`(${staffCount})`,
      youngPeopleCount: sql<number>`(${youngPeopleCount})`,
    })
    .from(teams)
    .orderBy(asc(teams.name));
}

export async function teamById(tx: Tx, id: string) {
  const [row] = await tx.select().from(teams).where(eq(teams.id, id));
  return row ?? null;
}

export async function listStaff(tx: Tx) {
  return tx
    .select({
      id: staff.id,
      displayName: staff.displayName,
      email: staff.email,
      role: staff.role,
      active: staff.active,
      teamId: staff.teamId,
      teamName: teams.name,
      lastSignInAt: staff.lastSignInAt,
      lockedUntil: staff.lockedUntil,
      hasPassword: sql<boolean>`${staff.passwordHash} IS NOT NULL`,
    })
    .from(staff)
    .leftJoin(teams, eq(teams.id, staff.teamId))
    .orderBy(asc(staff.displayName));
}

export async function staffById(tx: Tx, id: string) {
  const [row] = await tx.select().from(staff).where(eq(staff.id, id));
  return row ?? null;
}

/** The names of these staff, not yet run (for `together`): no ids, no rows. */
export function staffNamed(tx: Tx, ids: string[]) {
  return tx
    .select({ id: staff.id, displayName: staff.displayName })
    .from(staff)
    .where(ids.length === 0 ? sql`false` : inArray(staff.id, ids));
}

/** Staff who hold cases in a team (allocated to at least one open case there), not yet run. */
export function caseHolders(tx: Tx, teamId: string) {
  return tx
    .select({ id: staff.id, displayName: staff.displayName, role: staff.role })
    .from(staff)
    .where(
      exists(sql`(SELECT 1 FROM young_people y WHERE y.team_id = ${teamId} AND y.case_status = 'open'
        AND (y.personal_adviser_id = ${staff.id} OR y.social_worker_id = ${staff.id}))`),
    )
    .orderBy(asc(staff.displayName));
}
