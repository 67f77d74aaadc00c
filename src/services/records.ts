// Reads of young people's records. Each opens one transaction, checks permission and
// writes its audit row inside that same transaction.
import type { Database, Tx } from '../data/db.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import { authorize, canAccessRecord, can, type Principal, type RecordFacts } from '../domain/permissions.ts';
import { auditTrailFor, insertAudit } from '../data/repositories/audit.ts';
import * as people from '../data/repositories/people.ts';
import * as statutoryRepo from '../data/repositories/statutory.ts';
import { planSummaryOf, planSummaryReads } from '../data/repositories/plans.ts';
import { contactReads, contactsFrom } from '../data/repositories/contacts.ts';
import { together, togetherOnce } from '../data/together.ts';
import { caseChangesOf } from '../data/repositories/records.ts';
import { supporterLive, supportersOf } from '../data/repositories/supporters.ts';
import { supporterStatus } from '../domain/supporters.ts';

/** Contacts shown on the record page, newest first; the rest are on the contacts page. */
export const CONTACTS_ON_RECORD_PAGE = 5;
import { errors } from '../errors.ts';
import { closureDue, isClosureLate } from '../domain/closure.ts';
import { daysBetween } from '../domain/statutory/dates.ts';
import { factsOfList, statutoryViewsOf, type StatutoryView } from './statutory.ts';
import { factsKept, type FactsKept } from './facts-kept.ts';
import { figuresCache, type FiguresCache, type Stamp } from './figures-cache.ts';
import { auditActor, type RequestContext } from './context.ts';

type Denied = { denied: true };

export type ListOptions = people.ListFilter & {
  category?: string;
  workerId?: string;
  urgency?: string;
  page?: number;
  pageSize?: number;
};

/** The options the database query reads: the others filter, sort and page its rows in memory. */
function queryOf({ category: _c, workerId: _w, urgency: _u, page: _p, pageSize: _s, ...query }: ListOptions) {
  return query;
}

/** What a list's rows depend on: who asks (their scope, team and restricted records), the day and the query. */
function listKey(p: Principal, today: string, query: people.ListFilter): string {
  const scope = p.kind === 'staff' ? [p.role, p.teamId] : [];
  return JSON.stringify([p.kind, p.id, ...scope, today, query]);
}

/**
 * Rows a kept list may hold: a caseload or a team's list, not a whole council's (read afresh, as before). With 8
 * councils of 64 lists each, what is kept stays under about half a million rows in the worst case.
 */
const KEPT_LIST_ROWS = 1000;

/** The list kept under `key`, or `read()`'s, kept unless the council changed since `stamp` (FiguresCache.keep). */
async function keptList<T extends { rows: readonly unknown[] }>(
  lists: FiguresCache,
  stamp: Stamp,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  const found = lists.get<T>(stamp, key);
  if (found !== undefined) return found;
  lists.counts.made += 1;
  const value = await read();
  return value.rows.length > KEPT_LIST_ROWS ? value : lists.keep(stamp, key, value);
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Overdue first, then a review brought forward (to arrange now), then anything due, then nothing due. */
function urgencyRank(v: StatutoryView): number {
  return v.urgency === 'overdue' ? 0 : v.next?.code === 'UNSCHEDULED_REVIEW' ? 1 : v.next ? 2 : 3;
}

/** Names in English order, ignoring case and accents (Évans files with Evans); one collator kept, not one a comparison. */
/**
 * The record page's reads: its details, and the facts its status is derived from, its statutory records and
 * triggers, plans, latest contacts, case changes and supporters. One statement (one round trip, not ten),
 * built once (see together.ts).
 */
const recordPageReads = togetherOnce((tx: Tx, youngPersonId: string) => ({
  person: people.youngPersonDetailsRead(tx, youngPersonId, {
    facts: statutoryRepo.factsJson('young_people'),
    policyVersion: statutoryRepo.policyVersionInForce,
  }),
  ...statutoryRepo.statutoryEventReads(tx, youngPersonId),
  ...planSummaryReads(tx, youngPersonId),
  ...contactReads(tx, youngPersonId, CONTACTS_ON_RECORD_PAGE),
  caseChanges: caseChangesOf(tx, youngPersonId),
  // Who the young person lets read their plan or help write their part (issue 12 §6), removed ones too.
  supporters: supportersOf(tx, youngPersonId, true),
}));

const byName = new Intl.Collator('en-GB', { sensitivity: 'base' }).compare;

/**
 * Most urgent first: anything overdue (oldest first); then reviews brought forward by a significant
 * change or a request, which need arranging now; then by date; nothing due last; then by name.
 */
export function byUrgency(a: { statutory: StatutoryView; familyName: string; givenName: string }, b: typeof a): number {
  const ra = urgencyRank(a.statutory);
  const rb = urgencyRank(b.statutory);
  if (ra !== rb) return ra - rb;
  const x = a.statutory.next?.on;
  const y = b.statutory.next?.on;
  if (x !== y && x !== undefined && y !== undefined) return x < y ? -1 : 1;
  return byName(a.familyName, b.familyName) || byName(a.givenName, b.givenName);
}

/** The teams a principal may choose a list of: every team for a council-wide role, else their own. */
async function teamsToChoose(tx: Tx, p: Principal, today: string) {
  return teamsChosenFrom(p, await people.listTeams(tx, people.visibleTo(p, today)));
}
function teamsChosenFrom<T extends { id: string }>(p: Principal, teams: T[]) {
  return can(p, 'council.view') ? teams : teams.filter((t) => p.kind === 'staff' && t.id === p.teamId);
}

/** A record's facts as `openRecord` read them in this transaction, with whether its case is closed. */
export type OpenedFacts = RecordFacts & { closed: boolean };

export function recordsService(
  db: Database,
  clock: Clock,
  kept: FactsKept = factsKept(db.councilChanges),
  lists: FiguresCache = figuresCache(db.councilChanges, { councils: 8, valuesPerCouncil: 64 }),
) {
  /**
   * Opens a young person's record for the principal, or records the refused attempt.
   * Runs inside the caller's transaction; returns Denied rather than throwing so the
   * refusal's audit row commits. `rule` is what the principal must pass on the record's facts
   * (default: may see the record at all, `canAccessRecord`), e.g. may judge its plans.
   */
  async function openRecord(
    tx: Tx,
    ctx: RequestContext,
    youngPersonId: string,
    action: string,
    options: {
      auditAllowed?: boolean;
      details?: Record<string, unknown>;
      rule?: (principal: Principal, facts: RecordFacts) => boolean;
      /**
       * A write: the row is locked until the transaction ends, and a closed case refuses it (409, the
       * refusal audited by the app) unless `whileClosed` (reopening). Issue 11 §3: closed records are read-only.
       */
      write?: boolean;
      whileClosed?: boolean;
      /** The facts as this transaction already read them, for a second rule on a read (not for a write). */
      known?: OpenedFacts;
    } = {},
  ): Promise<Denied | { denied: false; facts: OpenedFacts }> {
    const facts =
      options.known && !options.write
        ? options.known
        : await people.recordFacts(tx, youngPersonId, ukDate(clock.now()), options.write);
    const row = { ...auditActor(ctx), action, entityType: 'young_person', entityId: youngPersonId };
    const details = options.details;
    const rule = options.rule ?? canAccessRecord;
    const p = ctx.principal;
    // A supporter's access is checked again in this transaction: removed a moment ago means refused now.
    const live = p.kind !== 'supporter' || (await supporterLive(tx, p.id, p.youngPersonId, options.write === true));
    if (!facts || !live || !rule(p, facts)) {
      await insertAudit(tx, { ...row, details, outcome: 'denied', youngPersonId: facts ? youngPersonId : null });
      return { denied: true };
    }
    if (options.write && facts.closed && !options.whileClosed) throw errors.caseClosed(action, youngPersonId);
    // Writes record their own, more detailed row; reads are recorded here.
    if (options.auditAllowed !== false) await insertAudit(tx, { ...row, details, youngPersonId });
    return { denied: false, facts };
  }

  /**
   * One audited read. `audit.asked` goes on the row (also on a refusal); `audit.found` adds what
   * the read found, such as which version "latest" turned out to be, so that row is written after it.
   */
  async function audited<T>(
    ctx: RequestContext,
    youngPersonId: string,
    action: string,
    read: (tx: Tx, facts: OpenedFacts) => Promise<T>,
    audit: {
      asked?: Record<string, unknown>;
      found?: (value: T) => Record<string, unknown>;
      /** What the principal must pass on the record's facts (openRecord's `rule`). */
      rule?: (principal: Principal, facts: RecordFacts) => boolean;
    } = {},
  ): Promise<T> {
    const result = await db.withCouncil(ctx.principal.councilId, async (tx) => {
      const options = { auditAllowed: !audit.found, details: audit.asked, rule: audit.rule };
      const opened = await openRecord(tx, ctx, youngPersonId, action, options);
      if (opened.denied) return opened;
      const value = await read(tx, opened.facts);
      if (audit.found) {
        const details = { ...audit.asked, ...audit.found(value) };
        const entity = { entityType: 'young_person', entityId: youngPersonId };
        await insertAudit(tx, { ...auditActor(ctx), action, youngPersonId, ...entity, details });
      }
      return { denied: false as const, value };
    });
    if (result.denied) throw errors.forbiddenAudited('You do not have permission to see this record');
    return result.value;
  }

  /** A list of young people for `list` and `teamList`, inside their transaction (see `list`). */
  async function listIn(
    tx: Tx,
    ctx: RequestContext,
    kind: 'caseload' | 'team' | 'search' | 'looked-after',
    filter: ListOptions,
    stamped: Promise<Stamp>,
  ) {
    const p = ctx.principal;
    const today = ukDate(clock.now());
    const stamp = await stamped;
    const query: people.ListFilter = {
      ...queryOf(filter),
      limit: filter.search ? 200 : 5000,
      offset: 0,
      withPolicy: true,
    };
    const read = () => people.listYoungPeople(tx, p, today, query);
    // The rows are kept until the council changes (migrations 015, 035), per principal and query: the same
    // rows a fresh read would give, found under the same row-level security. A search is read afresh.
    const found = filter.search
      ? await read()
      : await keptList(lists, lists.stampSettled(p.councilId), listKey(p, today, query), read);
    const views = await statutoryViewsOf(tx, await factsOfList(tx, kept, stamp, found.rows), today);
    let rows = found.rows.flatMap((r) => {
      const statutory = views.get(r.id);
      return statutory ? [{ ...r, statutory }] : [];
    });
    const categories = countBy(rows, (r) => r.statutory.status.category);
    const urgency = countBy(rows, (r) => r.statutory.urgency ?? 'none');
    if (filter.category) rows = rows.filter((r) => r.statutory.status.category === filter.category);
    if (filter.workerId)
      rows = rows.filter((r) => r.personalAdviserId === filter.workerId || r.socialWorkerId === filter.workerId);
    if (filter.urgency) rows = rows.filter((r) => (r.statutory.urgency ?? 'none') === filter.urgency);
    rows.sort(byUrgency);
    const pageSize = filter.pageSize ?? 50;
    const page = filter.page ?? 1;
    const shown = rows.slice((page - 1) * pageSize, page * pageSize);
    await insertAudit(tx, {
      ...auditActor(ctx),
      action: `list.${kind}`,
      entityType: 'young_person_list',
      details: {
        shown: shown.length,
        total: rows.length,
        teamId: filter.teamId ?? null,
        // What was searched for: a search is a look at whoever it finds.
        search: filter.search ?? null,
      },
    });
    // Young people who asked for a review that has not happened yet, soonest review first: the worker is told.
    const requests = rows
      .flatMap((r) =>
        r.statutory.requests.map((q) => ({
          ...q,
          id: r.id,
          givenName: r.givenName,
          preferredName: r.preferredName,
          familyName: r.familyName,
        })),
      )
      .sort((a, b) => a.dueBy.localeCompare(b.dueBy));
    const pages = Math.max(1, Math.ceil(rows.length / pageSize));
    return { rows: shown, total: rows.length, page, pages, categories, urgency, requests, today };
  }

  return {
    openRecord,
    audited,
    /** The facts this process keeps for lists (see facts-kept.ts). */
    factsKept: kept,
    /** The lists' own rows this process keeps until the council changes (see `keptList`). */
    listsKept: lists,

    /** The record summary: details, care history, allocations. One audit row per view. */
    recordSummary(ctx: RequestContext, youngPersonId: string) {
      return audited(ctx, youngPersonId, 'record.view', async (tx) => {
        const today = ukDate(clock.now());
        const { person, records, triggers, caseChanges, ...parts } = await recordPageReads(tx, youngPersonId);
        const [row] = person;
        if (!row) throw errors.notFound();
        const { facts, policyVersion, ...detailsRow } = row;
        const shown = people.detailsFrom(detailsRow)!;
        const read = { id: youngPersonId, councilId: row.yp.councilId, facts, policyVersion };
        const statutory = (await statutoryViewsOf(tx, [read], today)).get(youngPersonId)!;
        const supporters = parts.supporters.map((s) => ({ ...s, status: supporterStatus(s, clock.now()) }));
        const events = { records, triggers };
        const plans = planSummaryOf(parts);
        const contacts = contactsFrom(parts);
        return { ...shown, statutory, events, plans, contacts, caseChanges, supporters, today };
      });
    },

    /** The audit trail of a record, for managers. Looking at it is itself audited. */
    async auditTrail(ctx: RequestContext, youngPersonId: string, page: number) {
      authorize(ctx.principal, 'audit.view');
      const size = 50;
      return audited(ctx, youngPersonId, 'audit.view', async (tx) => {
        const details = await people.youngPersonDetails(tx, youngPersonId);
        const trail = await auditTrailFor(tx, youngPersonId, size, (page - 1) * size);
        return { person: details!.yp, ...trail, page, pages: Math.max(1, Math.ceil(trail.total / size)) };
      });
    },

    /**
     * A list of young people within the principal's reach, each with their care-leaver status and
     * what is due, most urgent first. The listing is audited once.
     */
    async list(ctx: RequestContext, kind: 'caseload' | 'team' | 'search' | 'looked-after', filter: ListOptions) {
      const p = ctx.principal;
      const capability = kind === 'caseload' ? 'caseload.view' : kind === 'team' ? 'team.view' : 'record.search';
      authorize(p, capability);
      if (
        kind === 'team' &&
        filter.teamId &&
        !can(p, 'council.view') &&
        (p.kind !== 'staff' || p.teamId !== filter.teamId)
      ) {
        throw errors.forbidden('You can only see your own team');
      }
      // The stamp's round trip (on PostgreSQL) runs beside the transaction's first.
      const stamped = kept.stamp(p.councilId);
      return db.withCouncil(p.councilId, (tx) => listIn(tx, ctx, kind, filter, stamped));
    },

    /**
     * The team list page in one transaction: the teams this principal may choose from, the team asked
     * for (or their own), its young people as `list` gives them, and the staff who hold its cases.
     */
    async teamList(ctx: RequestContext, teamId: string | undefined, filter: ListOptions) {
      const p = ctx.principal;
      authorize(p, 'team.view');
      const today = ukDate(clock.now());
      const stamped = kept.stamp(p.councilId);
      return db.withCouncil(p.councilId, async (tx) => {
        const asked = teamId ?? (p.kind === 'staff' ? p.teamId : null);
        // When the team is known before the teams are read, its case holders are read with them, in one
        // statement; they are used only once the team is found among those this principal may see.
        const read = asked
          ? await together(tx, {
              teams: people.listTeams(tx, people.visibleTo(p, today)),
              workers: people.caseHolders(tx, asked),
            })
          : undefined;
        const visibleTeams = read ? teamsChosenFrom(p, read.teams) : await teamsToChoose(tx, p, today);
        const team = visibleTeams.find((t) => t.id === (asked ?? visibleTeams[0]?.id));
        if (!team) throw errors.forbidden('You can only see your own team');
        const result = await listIn(tx, ctx, 'team', { ...filter, teamId: team.id }, stamped);
        const workers = read?.workers ?? (await people.caseHolders(tx, team.id));
        return { teams: visibleTeams, team, result, workers };
      });
    },

    /**
     * Open cases whose closure is late (issue 11 §3): the day the one closure rule gives (closure.ts
     * closureDue) has passed. For the managers who close cases: a team manager sees their team's, a service
     * manager every team's (or one team's). Oldest first, counted by team; the listing is audited once.
     */
    async lateClosures(ctx: RequestContext, teamId: string | undefined) {
      const p = ctx.principal;
      authorize(p, 'record.close');
      const today = ukDate(clock.now());
      const stamped = kept.stamp(p.councilId);
      return db.withCouncil(p.councilId, async (tx) => {
        const visibleTeams = await teamsToChoose(tx, p, today);
        const wanted = teamId ?? (can(p, 'council.view') ? undefined : p.kind === 'staff' ? (p.teamId ?? '') : '');
        if (wanted !== undefined && !visibleTeams.some((t) => t.id === wanted))
          throw errors.forbidden('You can only see your own team');
        const stamp = await stamped;
        const found = await people.listYoungPeople(tx, p, today, { teamId: wanted, limit: 10_000, withPolicy: true });
        const views = await statutoryViewsOf(tx, await factsOfList(tx, kept, stamp, found.rows), today);
        const rows = found.rows
          .map((r) => {
            const v = views.get(r.id);
            if (!v) return null;
            const due = closureDue({
              closed: r.caseStatus === 'closed',
              coreSupportEndsOn: v.status.supportEndsOn,
              until25: v.status.personalAdviserAvailableUntil,
              requestedOn: v.facts.supportAfter21RequestedOn,
              declinedOn: v.facts.supportAfter21DeclinedOn,
            });
            return isClosureLate(due, today) ? { ...r, due, daysLate: daysBetween(due.on, today) } : null;
          })
          .filter((r) => r !== null)
          .sort((a, b) => a.due.on.localeCompare(b.due.on) || byName(a.familyName, b.familyName));
        const byTeam = visibleTeams
          .map((t) => ({ id: t.id, name: t.name, late: rows.filter((r) => r.teamId === t.id).length }))
          .filter((t) => wanted === undefined || t.id === wanted);
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'list.late-closures',
          entityType: 'young_person_list',
          details: { shown: rows.length, teamId: wanted ?? null },
        });
        return { rows, byTeam, teams: visibleTeams, teamId: wanted ?? null, today };
      });
    },

    /** Teams, counting only the open cases this principal may see (as the team list does). */
    async teams(principal: Principal) {
      const today = ukDate(clock.now());
      return db.withCouncil(principal.councilId, (tx) => people.listTeams(tx, people.visibleTo(principal, today)));
    },
  };
}
export type RecordsService = ReturnType<typeof recordsService>;
