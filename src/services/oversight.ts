// Managers' oversight of the service (issue 10): the measures in src/domain/oversight over one
// council's records, read in one transaction that also writes the audit row (a view or a download).
import type { Database, Tx } from '../data/db.ts';
import * as people from '../data/repositories/people.ts';
import { errors } from '../errors.ts';
import { insertAudit } from '../data/repositories/audit.ts';
import {
  councilEntered,
  lockPerformanceTargets,
  oversightFacts,
  performanceTargetsIn,
  setPerformanceTarget,
} from '../data/repositories/oversight.ts';
import { outcomeRecords } from '../data/repositories/outcomes.ts';
import type { Clock } from '../domain/clock.ts';
import { ukDate } from '../domain/clock.ts';
import {
  allocationOn,
  AGE_BANDS,
  CATEGORIES,
  careLeaversByCategory,
  type CareLeaversByCategory,
  cohortByAgeBand,
  type CohortByAgeBand,
  type Measure,
  type OversightFacts,
  percentOf,
  type YoungPersonRecord,
  planFlow,
  type PlanFlow,
  plansForLookedAfter16And17,
  type Plans16To17Table,
  careLeaversTable,
  cohortTable,
  type DataTable,
  plans16To17Table,
  plansApprovedTable,
  trendCounts,
  trendDates,
  trendTable,
  unaccompaniedTable,
  OUTCOME_PART_NAMES,
  outcomeContactsSince,
  type OutcomeAge,
  type OutcomePart,
  outcomesAt19To21,
  type OutcomesAt19To21,
  outcomesTable,
  type OutcomeRecord,
} from '../domain/oversight/index.ts';
import { addMonths, CATEGORY_NAMES, type IsoDate, type LocalPolicy } from '../domain/statutory/index.ts';
import { authorize, can, type Principal } from '../domain/permissions.ts';
import { formatDate } from '../domain/plan/quality.ts';
import { auditActor, type RequestContext } from './context.ts';
import { figuresCache, type FiguresCache, type Stamp } from './figures-cache.ts';
import { policyIn } from './statutory.ts';

/** How far back the figures go: the as-at date is today or a day in the last 24 months. */
export const AS_AT_MONTHS_BACK = 24;

/**
 * What the figures are made from, read in one transaction: the council's records, its policy, its
 * targets and its name. Kept by the process until the council's records change (`FiguresCache`).
 */
interface Inputs {
  readonly facts: OversightFacts;
  readonly policy: LocalPolicy;
  readonly targets: Targets;
  readonly council: { slug: string; name: string };
}

async function inputsOf(tx: Tx, cache: FiguresCache, stamp: Stamp): Promise<Inputs> {
  const kept = cache.get<Inputs>(stamp, 'inputs');
  if (kept) return kept;
  const inputs: Inputs = {
    facts: await oversightFacts(tx),
    policy: (await policyIn(tx)).policy,
    targets: await targetsOf(tx),
    council: await councilEntered(tx),
  };
  return cache.keep(stamp, 'inputs', inputs);
}

/** Whose figures a principal sees: the whole council, or one team's (see `seesWholeCouncil`). */
const scopeOf = (p: Principal) => (seesWholeCouncil(p) ? 'council' : `team:${p.kind === 'staff' ? p.teamId : ''}`);

export function oversightService(db: Database, clock: Clock, cache: FiguresCache = figuresCache(db.councilChanges)) {
  return {
    /** How often figures were found kept and were made (the benchmark reports it; tests check it). */
    figures: cache.counts,

    /** The earliest and latest as-at dates a manager may ask for, today included. */
    asAtRange(): { earliest: IsoDate; latest: IsoDate } {
      const today = ukDate(clock.now());
      return { earliest: addMonths(today, -AS_AT_MONTHS_BACK), latest: today };
    },

    /** Refuses (403, audited) anyone who may not see the figures. */
    mayView(ctx: RequestContext): void {
      authorize(ctx.principal, 'performance.view');
    },

    /**
     * One table of the page on `asAt` to download, from one read of the council's records: every
     * team for those who oversee the council (service managers and IROs), the manager's own team for
     * a team manager. Counts include restricted records. Audited with the table and the format.
     */
    async download(
      ctx: RequestContext,
      asAt: IsoDate,
      name: DownloadName,
      /** How it is sent: a file, or JSON to a council system (issue 11 §5). */
      format: DownloadFormat | 'json',
    ): Promise<{ table: DataTable; council: { slug: string; name: string } }> {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      const stamp = await cache.stamp(p.councilId);
      return db.withCouncil(p.councilId, async (tx) => {
        const inputs = await inputsOf(tx, cache, stamp);
        // The outcomes on the as-at date read contacts from its period; their trend from the earliest trend date's.
        const records =
          name === 'outcomes'
            ? await outcomeRecordsOf(tx, cache, stamp, asAt)
            : name === 'trend-outcomes-in-touch' || name === 'trend-outcomes-eet' || name === 'trend-outcomes-suitable'
              ? await outcomeRecordsOf(tx, cache, stamp, trendDates(asAt)[0])
              : [];
        const table = cache.remember(stamp, `download|${name}|${asAt}|${scopeOf(p)}`, () =>
          name === 'outcomes'
            ? outcomesTable(outcomesAt19To21(scoped(inputs.facts, p, asAt), records, asAt, inputs.policy))
            : downloadOf(inputs.facts, records, p, asAt, inputs.policy, name),
        );
        return auditedDownload(tx, ctx, { name, format, asAt }, table, inputs.council);
      });
    },

    /**
     * The performance page on `asAt`, from one read of the council's records: Dorset's table,
     * Bradford's cohort by age band and statutory category, care leavers by category and the flow
     * of plans, for the principal's teams.
     */
    async page(ctx: RequestContext, asAt: IsoDate): Promise<PerformancePage> {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      const stamp = await cache.stamp(p.councilId);
      return db.withCouncil(p.councilId, async (tx) => {
        const inputs = await inputsOf(tx, cache, stamp);
        // Contacts from the earliest trend date's period: the as-at date's outcomes read the same days within it.
        const records = await outcomeRecordsOf(tx, cache, stamp, trendDates(asAt)[0]);
        const page = cache.remember(stamp, `page|${asAt}|${scopeOf(p)}`, () => pageOf(inputs, records, p, asAt));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.view',
          entityType: 'performance',
          entityId: null,
          details: {
            measures: ['plans-16-17', 'cohort', 'care-leavers', 'flow', 'outcomes', 'trends'],
            asAt,
            teams: page.table.teams.map((t) => t.team?.id ?? null),
          },
        });
        return page;
      });
    },

    /** Refuses (403, audited) anyone who may not set the targets. */
    maySetTargets(ctx: RequestContext): void {
      authorize(ctx.principal, 'performance.targets');
    },

    /** The council's targets, for the form that sets them (service managers). */
    async targets(ctx: RequestContext): Promise<Targets> {
      authorize(ctx.principal, 'performance.targets');
      return db.withCouncil(ctx.principal.councilId, (tx) => targetsOf(tx));
    },

    /**
     * Sets the targets given at once (null clears one; a measure not given keeps its target, so a
     * form from before a measure had one changes nothing it did not show), audited with the old and
     * new values.
     */
    async setTargets(ctx: RequestContext, targets: Partial<Targets>): Promise<void> {
      const p = ctx.principal;
      authorize(p, 'performance.targets');
      await db.withCouncil(p.councilId, async (tx) => {
        await lockPerformanceTargets(tx, p.councilId);
        const before = await targetsOf(tx);
        const after: Targets = { ...before };
        for (const measure of TARGET_MEASURES) {
          const percent = targets[measure];
          if (percent === undefined) continue;
          after[measure] = percent;
          await setPerformanceTarget(tx, { councilId: p.councilId, measure, percent, setBy: p.id, at: clock.now() });
        }
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.targets',
          entityType: 'performance',
          entityId: null,
          details: { before, after },
        });
      });
    },

    /**
     * The young people behind one number on the page, as far as this person may see them:
     * restricted records only to the staff named on them, the others counted. One audited read,
     * naming whom it showed.
     */
    async peopleBehind(ctx: RequestContext, asAt: IsoDate, figure: Figure) {
      const p = ctx.principal;
      authorize(p, 'performance.view');
      const today = ukDate(clock.now());
      const stamp = await cache.stamp(p.councilId);
      return db.withCouncil(p.councilId, async (tx) => {
        const measure = await measureOf(
          await inputsOf(tx, cache, stamp),
          () => outcomeRecordsOf(tx, cache, stamp, asAt),
          p,
          asAt,
          figure,
        );
        if (!measure) throw errors.notFound();
        const found = await people.listYoungPeople(tx, p, today, {
          ids: measure.measure.people.map((x) => x.id),
          includeClosed: true,
        });
        const shown = new Set(found.rows.map((r) => r.id));
        const hidden = measure.measure.people.filter((x) => !shown.has(x.id));
        await insertAudit(tx, {
          ...auditActor(ctx),
          action: 'performance.list',
          entityType: 'young_person_list',
          entityId: null,
          details: { ...figure, asAt, total: measure.measure.count, shown: [...shown] },
        });
        return {
          rows: found.rows,
          total: measure.measure.count,
          hiddenRestricted: hidden.filter((x) => x.restricted).length,
          hiddenOther: hidden.filter((x) => !x.restricted).length,
          title: measure.title,
        };
      });
    },
  };
}
export type OversightService = ReturnType<typeof oversightService>;

/** The whole page on `asAt` as this principal may see it, from the inputs already read. */
function pageOf(
  { facts, policy, targets, council }: Inputs,
  records: readonly OutcomeRecord[],
  p: Principal,
  asAt: IsoDate,
): PerformancePage {
  const table = plans16To17Scoped(facts, p, asAt, policy);
  const own = scoped(facts, p, asAt);
  const flow = planFlow(own, asAt);
  return {
    table,
    cohort: cohortByAgeBand(own, asAt, policy),
    careLeavers: careLeaversByCategory(own, asAt, policy),
    flow,
    outcomes: outcomesAt19To21(own, records, asAt, policy),
    trends: trendsOf(facts, records, p, asAt, policy, flow, targets),
    targets,
    council,
  };
}

export interface PerformancePage {
  table: Plans16To17Table;
  cohort: CohortByAgeBand;
  careLeavers: CareLeaversByCategory;
  flow: PlanFlow;
  outcomes: OutcomesAt19To21;
  trends: readonly TrendSeries[];
  targets: Targets;
  council: { slug: string; name: string };
}

/** The percentages a council may set a target for (issue 10 §1: "say 90 %"). */
export const TARGET_MEASURES = [
  'plans-16-17',
  'care-leavers',
  'unaccompanied',
  'outcomes-in-touch',
  'outcomes-eet',
  'outcomes-suitable',
  'quality-good',
  'quality-involvement',
] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];
export type Targets = Record<TargetMeasure, number | null>;
export const TARGET_NAMES: Record<TargetMeasure, string> = {
  'plans-16-17': 'Looked-after 16 and 17 year olds with a plan in date',
  'care-leavers': 'Care leavers with a plan in date',
  unaccompanied: 'Unaccompanied young people with a first plan on time',
  'quality-good': 'Approved plans rated good or outstanding',
  'quality-involvement': 'Young people who felt involved in their plan all or most of the time',
  'outcomes-in-touch': 'Care leavers aged 19 to 21 in touch around their birthday',
  'outcomes-eet': 'Care leavers aged 19 to 21 in education, employment or training',
  'outcomes-suitable': 'Care leavers aged 19 to 21 in suitable accommodation',
};
/** The targets form's groups: the page each measure is on (the quality page's are named `quality-`). */
export const TARGET_PAGES: readonly { readonly title: string; readonly measures: readonly TargetMeasure[] }[] = [
  { title: 'Performance', measures: TARGET_MEASURES.filter((m) => !m.startsWith('quality-')) },
  { title: 'Quality and involvement', measures: TARGET_MEASURES.filter((m) => m.startsWith('quality-')) },
];
/** No target for any measure. */
export const NO_TARGETS = Object.fromEntries(TARGET_MEASURES.map((m) => [m, null])) as Targets;

/** The council's targets, read in the caller's transaction (the council entered). */
export async function targetsOf(tx: Tx): Promise<Targets> {
  const stored = await performanceTargetsIn(tx);
  return Object.fromEntries(TARGET_MEASURES.map((m) => [m, stored[m] ?? null])) as Targets;
}

/** The trend lines on the page (issue 10 §1: "a 12-month trend for each measure"), each downloadable as `trend-<measure>`. */
export const TREND_MEASURES = [
  'plans-16-17',
  'care-leavers',
  'review-overdue',
  'needs-assessment-overdue',
  'first-plan-overdue',
  'no-personal-adviser',
  'unaccompanied',
  'cohort',
  'outcomes-in-touch',
  'outcomes-eet',
  'outcomes-suitable',
  'approvals',
  'median-days',
  'waiting',
] as const;
export type TrendMeasure = (typeof TREND_MEASURES)[number];

export interface TrendPointOf {
  readonly on: IsoDate;
  /** The figure drawn: a percentage, a count, or days; null when there is none (nobody in scope). */
  readonly value: number | null;
  /** How many young people (or plans, or reviews) the figure is made of: the number linked to their list. */
  readonly count: number;
  /** For a percentage, the whole it is of. */
  readonly of: number | null;
  /** The list behind `count` on this date: the query of /performance/people without `asAt`; null without one. */
  readonly people: string | null;
  /** Bradford's bands for the cohort, in `AGE_BANDS` order. */
  readonly bands?: readonly number[];
}

/** A measure on the 12 trend dates (`trendDates`): a percentage of `of`, a count, or a number of days. */
export interface TrendSeries {
  readonly measure: TrendMeasure;
  /** The section of the page the trend belongs to. */
  readonly section: string;
  readonly title: string;
  readonly unit: '%' | '';
  /** The heading of the figures' column in the table beside the chart. */
  readonly column: string;
  /** The download's column names: the figure's (a count's or days'), and what it is made of when that differs. */
  readonly csv: { readonly value: string; readonly count?: string };
  /** The council's target, for a percentage that has one. */
  readonly target: number | null;
  readonly points: readonly TrendPointOf[];
}

type Counts = ReturnType<typeof trendCounts>[number];
type Share = { count: number; of: number };

/**
 * The trends from the facts already read (never a query a date; `trendCounts` prepares each young
 * person once for all 12 dates), each as this principal may see it. Every point links to the list
 * behind it on its own date, which `peopleBehind` makes from the same table.
 */
function trendsOf(
  facts: OversightFacts,
  records: readonly OutcomeRecord[],
  p: Principal,
  asAt: IsoDate,
  policy: LocalPolicy,
  flow: PlanFlow,
  targets: Targets,
): TrendSeries[] {
  // A team manager's figures are their team's young people on each day, by the allocation that day.
  const teamId = p.kind === 'staff' ? p.teamId : null;
  const inScope = seesWholeCouncil(p)
    ? undefined
    : (person: YoungPersonRecord, on: IsoDate) => allocationOn(person, on)?.team.id === teamId;
  const counts = trendCounts(facts, trendDates(asAt), policy, { inScope, outcomeRecords: records });
  const percent = (
    measure: TrendMeasure,
    section: string,
    title: string,
    share: (c: Counts) => Share,
    people: string,
    target: number | null = null,
    column = 'Percent',
  ): TrendSeries => ({
    measure,
    section,
    title,
    unit: '%',
    column,
    csv: { value: 'percent' },
    target,
    points: counts.map((c) => {
      const { count, of } = share(c);
      return { on: c.on, value: percentOf(count, of), count, of, people };
    }),
  });
  const count = (
    measure: TrendMeasure,
    section: string,
    title: string,
    value: (c: Counts) => number,
    people: string,
  ): TrendSeries => ({
    measure,
    section,
    title,
    unit: '',
    column: 'Young people',
    csv: { value: 'young_people' },
    target: null,
    points: counts.map((c) => ({ on: c.on, value: value(c), count: value(c), of: null, people })),
  });
  const leavers = (part: CareLeaverPart) => `measure=care-leavers&part=${part}&category=all`;
  const outcome = (part: OutcomePart) => `measure=outcomes&part=${part}&age=all`;
  const CARE_LEAVERS = 'Care leavers';
  const OUTCOMES = 'Outcomes at 19 to 21';
  const FLOW = 'Flow of plans';
  return [
    percent(
      'plans-16-17',
      'Looked-after 16 and 17 year olds',
      TARGET_NAMES['plans-16-17'],
      (c) => ({ count: c.lookedAfter16To17.planInDate, of: c.lookedAfter16To17.youngPeople }),
      'measure=plans-16-17&part=planInDate&team=all',
      targets['plans-16-17'],
      'Percent in date',
    ),
    percent(
      'care-leavers',
      CARE_LEAVERS,
      TARGET_NAMES['care-leavers'],
      (c) => ({ count: c.openCases.planInDate, of: c.openCases.youngPeople }),
      leavers('planInDate'),
      targets['care-leavers'],
      'Percent in date',
    ),
    count('review-overdue', CARE_LEAVERS, 'Review overdue', (c) => c.openCases.reviewOverdue, leavers('reviewOverdue')),
    count(
      'needs-assessment-overdue',
      CARE_LEAVERS,
      'Needs assessment overdue',
      (c) => c.openCases.needsAssessmentOverdue,
      leavers('needsAssessmentOverdue'),
    ),
    count(
      'first-plan-overdue',
      CARE_LEAVERS,
      'First plan overdue',
      (c) => c.openCases.firstPlanOverdue,
      leavers('firstPlanOverdue'),
    ),
    count(
      'no-personal-adviser',
      CARE_LEAVERS,
      'No personal adviser',
      (c) => c.openCases.noPersonalAdviser,
      leavers('noPersonalAdviser'),
    ),
    percent(
      'unaccompanied',
      CARE_LEAVERS,
      TARGET_NAMES.unaccompanied,
      (c) => ({ count: c.unaccompanied.onTime, of: c.unaccompanied.due }),
      'measure=unaccompanied&part=onTime',
      targets.unaccompanied,
      'Percent on time',
    ),
    {
      ...count(
        'cohort',
        'Open cases by age',
        'Open cases aged 15 and a half or over',
        (c) => c.cohort.youngPeople,
        'measure=cohort&band=all&category=all',
      ),
      points: counts.map((c) => ({
        on: c.on,
        value: c.cohort.youngPeople,
        count: c.cohort.youngPeople,
        of: null,
        people: 'measure=cohort&band=all&category=all',
        bands: AGE_BANDS.map((band) => c.cohort.byBand[band]),
      })),
    },
    percent(
      'outcomes-in-touch',
      OUTCOMES,
      'In touch around their birthday',
      (c) => ({ count: c.outcomes.inTouch, of: c.outcomes.careLeavers }),
      outcome('inTouch'),
      targets['outcomes-in-touch'],
    ),
    percent(
      'outcomes-eet',
      OUTCOMES,
      'In education, employment or training',
      (c) => ({ count: c.outcomes.inEet, of: c.outcomes.careLeavers }),
      outcome('inEet'),
      targets['outcomes-eet'],
    ),
    percent(
      'outcomes-suitable',
      OUTCOMES,
      'In suitable accommodation',
      (c) => ({ count: c.outcomes.inSuitableAccommodation, of: c.outcomes.careLeavers }),
      outcome('inSuitableAccommodation'),
      targets['outcomes-suitable'],
    ),
    {
      measure: 'approvals',
      section: FLOW,
      title: 'Plans approved per month',
      unit: '',
      column: 'Plans approved in the month',
      csv: { value: 'count' },
      target: null,
      points: flow.approvedPerMonth.map((m) => ({
        on: m.to,
        value: m.approved,
        count: m.approved,
        of: null,
        people: `measure=flow&part=approved&month=${m.month}`,
      })),
    },
    {
      measure: 'median-days',
      section: FLOW,
      title: 'Median days from starting a review to approval, over the 12 months before',
      unit: '',
      column: 'Median days (reviews approved)',
      csv: { value: 'median_days', count: 'reviews_approved' },
      target: null,
      points: counts.map((c) => ({
        on: c.on,
        value: c.flow.medianDaysStartToApproval,
        count: c.flow.reviewsApproved,
        of: null,
        people: 'measure=flow&part=reviewsApproved',
      })),
    },
    count(
      'waiting',
      FLOW,
      'Young people with a plan waiting for approval',
      (c) => c.flow.waitingForApproval,
      'measure=flow&part=waiting',
    ),
  ];
}

/** Service managers and IROs see every team's figures; a team manager their own team's. */
export function seesWholeCouncil(p: Principal): boolean {
  return can(p, 'performance.view') && !(p.kind === 'staff' && p.role === 'team_manager');
}

/** The tables of the page that download, each named in its file: `<council>-<name>-<asAt>.csv|xlsx`. */
export const DOWNLOADS = [
  'plans-16-17',
  'cohort',
  'care-leavers',
  'unaccompanied',
  'plans-approved',
  'outcomes',
  ...TREND_MEASURES.map((m) => `trend-${m}` as const),
] as const;
export type DownloadName = (typeof DOWNLOADS)[number];
export type DownloadFormat = 'csv' | 'xlsx';

/** One table as this principal may see it, computing only the measure it needs. */
function downloadOf(
  facts: OversightFacts,
  records: readonly OutcomeRecord[],
  p: Principal,
  asAt: IsoDate,
  policy: LocalPolicy,
  name: DownloadName,
): DataTable {
  const own = () => scoped(facts, p, asAt);
  switch (name) {
    case 'plans-16-17':
      return plans16To17Table(plans16To17Scoped(facts, p, asAt, policy));
    case 'cohort':
      return cohortTable(cohortByAgeBand(own(), asAt, policy));
    case 'care-leavers':
      return careLeaversTable(careLeaversByCategory(own(), asAt, policy));
    case 'unaccompanied':
      return unaccompaniedTable(careLeaversByCategory(own(), asAt, policy));
    case 'plans-approved':
      return plansApprovedTable(planFlow(own(), asAt));
    default: {
      const measure = name.replace(/^trend-/, '');
      const series = trendsOf(facts, records, p, asAt, policy, planFlow(own(), asAt), NO_TARGETS).find(
        (t) => t.measure === measure,
      );
      if (!series) throw errors.notFound();
      return trendTable(series);
    }
  }
}

/** A table about to be downloaded, audited with its name, format and date; with the council to name the file. */
export async function auditedDownload(
  tx: Tx,
  ctx: RequestContext,
  file: { name: string; format: string; asAt: IsoDate },
  table: DataTable,
  /** The council entered, when the caller has it already. */
  council?: { slug: string; name: string },
): Promise<{ table: DataTable; council: { slug: string; name: string } }> {
  await insertAudit(tx, {
    ...auditActor(ctx),
    action: 'performance.download',
    entityType: 'performance',
    entityId: null,
    details: { measure: file.name, format: file.format, asAt: file.asAt, rows: table.rows.length },
  });
  return { table, council: council ?? (await councilEntered(tx)) };
}

/** A number on the performance page: which table, and which cell of it. */
export type Figure =
  | { measure: 'plans-16-17'; part: Plans16To17Part; team: string }
  | { measure: 'cohort'; band: string; category: string }
  | { measure: 'care-leavers'; part: CareLeaverPart; category: string }
  | { measure: 'unaccompanied'; part: UnaccompaniedPart }
  | { measure: 'flow'; part: FlowPart; month: string }
  | { measure: 'outcomes'; part: OutcomePart; age: string };

/** The parts of a row of the care leavers' table that have a list behind them. */
export const CARE_LEAVER_PARTS = [
  'youngPeople',
  'planInDate',
  'reviewOverdue',
  'needsAssessmentOverdue',
  'firstPlanOverdue',
  'noPersonalAdviser',
] as const;
export type CareLeaverPart = (typeof CARE_LEAVER_PARTS)[number];
export const CARE_LEAVER_PART_NAMES: Record<CareLeaverPart, string> = {
  youngPeople: 'Open cases',
  planInDate: 'Plan in date',
  reviewOverdue: 'Review overdue',
  needsAssessmentOverdue: 'Needs assessment overdue',
  firstPlanOverdue: 'First plan overdue',
  noPersonalAdviser: 'No personal adviser',
};
export const UNACCOMPANIED_PARTS = ['due', 'onTime'] as const;
export type UnaccompaniedPart = (typeof UNACCOMPANIED_PARTS)[number];
/** Flow: approvals in a month (`month` YYYY-MM), reviews approved in the 12 months, plans waiting. */
export const FLOW_PARTS = ['approved', 'reviewsApproved', 'waiting'] as const;
export type FlowPart = (typeof FLOW_PARTS)[number];

const PART_NAMES: Record<Plans16To17Part, string> = {
  youngPeople: 'Looked after, 16 or 17',
  withPlan: 'With a pathway plan',
  planInDate: 'Plan in date',
};

/** The count behind a figure and a title for its list, or null when the page has no such figure. */
async function measureOf(
  { facts, policy }: Inputs,
  outcomeRecords: () => Promise<readonly OutcomeRecord[]>,
  p: Principal,
  asAt: IsoDate,
  figure: Figure,
): Promise<{ measure: Measure; title: string } | null> {
  if (figure.measure === 'plans-16-17') {
    const table = plans16To17Scoped(facts, p, asAt, policy);
    const row =
      figure.team === 'all' ? table.allTeams : table.teams.find((r) => (r.team?.id ?? 'none') === figure.team);
    if (!row) return null;
    const where = figure.team === 'all' ? 'all teams' : (row.team?.name ?? 'no team');
    return { measure: row[figure.part], title: `${PART_NAMES[figure.part]}: ${where}` };
  }
  const own = scoped(facts, p, asAt);
  if (figure.measure === 'care-leavers') {
    const table = careLeaversByCategory(own, asAt, policy);
    const row = figure.category === 'all' ? table.total : table.categories.find((c) => c.category === figure.category);
    if (!row) return null;
    const where = row.category === 'All' ? 'all care leavers' : CATEGORY_NAMES[row.category];
    return { measure: row[figure.part], title: `${CARE_LEAVER_PART_NAMES[figure.part]}: ${where}` };
  }
  if (figure.measure === 'unaccompanied') {
    const first = careLeaversByCategory(own, asAt, policy).unaccompaniedFirstPlan;
    return figure.part === 'due'
      ? { measure: first.due, title: `Unaccompanied, first plan due within ${first.withinMonths} months` }
      : { measure: first.onTime, title: `Unaccompanied, first plan within ${first.withinMonths} months` };
  }
  if (figure.measure === 'outcomes') {
    const outcomes = outcomesAt19To21(own, await outcomeRecords(), asAt, policy);
    const row = figure.age === 'all' ? outcomes.total : outcomes.ages.find((r) => String(r.age) === figure.age);
    if (!row) return null;
    const who =
      figure.age === 'all'
        ? 'aged 19 to 21'
        : `at their ${{ 19: '19th', 20: '20th', 21: '21st' }[row.age as OutcomeAge]} birthday`;
    return { measure: row[figure.part], title: `${OUTCOME_PART_NAMES[figure.part]}, ${who}` };
  }
  if (figure.measure === 'flow') {
    const flow = planFlow(own, asAt);
    if (figure.part === 'waiting') return { measure: flow.waitingForApproval, title: 'Plans waiting for approval' };
    if (figure.part === 'reviewsApproved')
      return { measure: flow.reviewsApprovedFor, title: 'Reviews approved in the last 12 months' };
    const month = flow.approvedPerMonth.find((m) => m.month === figure.month);
    if (!month) return null;
    return { measure: month.youngPeople, title: `Plans approved in ${monthInWords(month.month)}` };
  }
  const cohort = cohortByAgeBand(own, asAt, policy);
  const row = figure.band === 'all' ? cohort.total : cohort.bands.find((b) => b.band === figure.band);
  if (!row) return null;
  const band = figure.band === 'all' ? 'all ages' : `aged ${figure.band}`;
  if (figure.category === 'all') return { measure: row.youngPeople, title: `Open cases ${band}` };
  const category = CATEGORIES.find((c) => c === figure.category);
  if (!category) return null;
  return { measure: row.byCategory[category], title: `${CATEGORY_NAMES[category]}, ${band}` };
}

/**
 * The contacts and activity and accommodation changes the outcomes on `asAt` read (contacts only
 * from the earliest day that can count), kept like the other inputs.
 */
async function outcomeRecordsOf(
  tx: Tx,
  cache: FiguresCache,
  stamp: Stamp,
  asAt: IsoDate,
): Promise<readonly OutcomeRecord[]> {
  const since = outcomeContactsSince(asAt);
  const key = `outcome-records|${since}`;
  return cache.get<readonly OutcomeRecord[]>(stamp, key) ?? cache.keep(stamp, key, await outcomeRecords(tx, since));
}

/** "2026-05" → "May 2026". */
export function monthInWords(month: string): string {
  return formatDate(`${month}-01`).replace(/^1 /, '');
}

/** A team manager's measures count their own team's young people (by the allocation on the day). */
function scoped(facts: OversightFacts, p: Principal, asAt: IsoDate): OversightFacts {
  if (seesWholeCouncil(p)) return facts;
  const teamId = p.kind === 'staff' ? p.teamId : null;
  const own = facts.youngPeople.filter((yp) => allocationOn(yp, asAt)?.team.id === teamId);
  const ids = new Set(own.map((yp) => yp.id));
  return { youngPeople: own, planHistories: facts.planHistories.filter((h) => ids.has(h.youngPersonId)) };
}

export { AGE_BANDS };

function plans16To17Scoped(facts: OversightFacts, p: Principal, asAt: IsoDate, policy: LocalPolicy) {
  const table = plansForLookedAfter16And17(facts, asAt, policy);
  return seesWholeCouncil(p) ? table : ownTeamOnly(table, p.kind === 'staff' ? p.teamId : null);
}

/** The parts of a row of Dorset's table that have a list behind them. */
export const PLANS_16_17_PARTS = ['youngPeople', 'withPlan', 'planInDate'] as const;
export type Plans16To17Part = (typeof PLANS_16_17_PARTS)[number];

/** A team manager's view: their team's row, and "All teams" made of that row alone. */
function ownTeamOnly(table: Plans16To17Table, teamId: string | null): Plans16To17Table {
  const own = table.teams.filter((row) => row.team !== null && row.team.id === teamId);
  const empty = { count: 0, people: [] };
  const allTeams = own[0] ?? {
    team: null,
    youngPeople: empty,
    withPlan: empty,
    planInDate: empty,
    percentInDate: null,
  };
  return { ...table, teams: own, allTeams: { ...allTeams, team: null } };
}
