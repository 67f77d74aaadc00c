// Quality and involvement (issue 10, parts 1d and 1e), for plans approved in
// the 12 months to the as-at date, by team and for all teams:
//   §1d approved plans by the rating stored at approval, by team and by month;
//       the share with the young person's own words in every area, signed by
//       both, the young person taking part, and disagreement recorded; plans
//       returned at approval and the reasons given;
//   §1e the young person's answer at signing to "How involved did you feel in
//       making this plan?", beside the Bright Spots survey's figures.
// Pure: the facts are read once per council (`PlanQualityFacts`); the checks on
// a plan come from the plan domain (`qualityWarnings`), never copied here.

import {
  INVOLVEMENT_ANSWERS,
  type InvolvementAnswer,
  QUALITY_RATINGS,
  type QualityRating,
  qualityWarnings,
  type Review,
} from '../plan/index.ts';
import { compareDates, type IsoDate } from '../statutory/index.ts';
import {
  allocationOn,
  type Measure,
  measureOf,
  type PersonRef,
  type TeamRef,
  type YoungPersonRecord,
} from './facts.ts';
import { twelveMonthsTo } from './flow.ts';
import { percentOf } from './plans-16-17.ts';

/** What the figures need of one approved plan version, worked out from it once (`approvedPlanQuality`). */
export interface ApprovedPlanQuality {
  readonly versionId: string;
  readonly youngPersonId: string;
  readonly approvedOn: IsoDate;
  /** The manager's rating stored with the version at approval (plan_versions.quality_rating). */
  readonly rating: QualityRating;
  readonly ownWordsEveryArea: boolean;
  readonly signedByBoth: boolean;
  readonly youngPersonTookPart: boolean;
  readonly disagreementRecorded: boolean;
  /** Their answer at signing; null when not answered, not asked, or signed before the question existed. */
  readonly involvement: InvolvementAnswer | null;
}

/** One time a manager returned a plan at approval, with the reason they gave. */
export interface PlanReturn {
  readonly reviewId: string;
  readonly youngPersonId: string;
  readonly on: IsoDate;
  readonly reason: string;
}

export interface PlanQualityFacts {
  /** Whose plans count (a team manager's: their team's), with allocations and the restricted flag. */
  readonly youngPeople: readonly YoungPersonRecord[];
  readonly approvedPlans: readonly ApprovedPlanQuality[];
  readonly returns: readonly PlanReturn[];
}

/** The parts of a stored plan version the checks read. */
export type StoredPlan = Pick<
  Review,
  'context' | 'content' | 'participation' | 'youngPersonSignOff' | 'workerSignature'
>;

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';

/**
 * The §1d checks on one approved plan:
 * - own words in every area: none of the automated check's `young_person_voice_missing` warnings
 *   (practice tips, "My Voice": every area that asks for them has their words or scale);
 * - signed by both: the worker signed, and the young person signed on their device or on paper
 *   (a disagreement or "not signed" is not a signature — Gloucestershire's audit, "signed by both parties");
 * - took part: participation recorded, and not "did not take part";
 * - disagreement recorded: their disagreement with the whole plan, or with any area, in their words.
 */
export function approvedPlanQuality(props: {
  versionId: string;
  youngPersonId: string;
  approvedOn: IsoDate;
  rating: QualityRating;
  plan: StoredPlan;
}): ApprovedPlanQuality {
  const { plan } = props;
  const signOff = plan.youngPersonSignOff;
  const warnings = qualityWarnings(plan.content, plan.context, props.approvedOn);
  const ways = plan.participation?.ways ?? [];
  const involvement =
    signOff && (signOff.kind === 'signed_on_device' || signOff.kind === 'signed_on_paper')
      ? (signOff.involvement ?? null)
      : null;
  return {
    versionId: props.versionId,
    youngPersonId: props.youngPersonId,
    approvedOn: props.approvedOn,
    rating: props.rating,
    ownWordsEveryArea: !warnings.some((w) => w.code === 'young_person_voice_missing'),
    signedByBoth:
      plan.workerSignature !== null &&
      signOff !== null &&
      (signOff.kind === 'signed_on_device' || signOff.kind === 'signed_on_paper'),
    youngPersonTookPart: ways.length > 0 && !ways.includes('did_not_take_part'),
    disagreementRecorded:
      signOff?.kind === 'disagreement' ||
      Object.values(plan.content.areas).some((a) => a && filled(a.youngPersonWords.disagreement)),
    involvement,
  };
}

// ---------------------------------------------------------------------------
// The window and the teams

/** The 12 calendar months to the as-at date, as on the flow figures (`twelveMonthsTo`): first day to as-at date. */
export function qualityWindow(asAt: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: twelveMonthsTo(asAt)[0].from, to: asAt };
}

const inWindow = (date: IsoDate, w: { from: IsoDate; to: IsoDate }) =>
  compareDates(w.from, date) <= 0 && compareDates(date, w.to) <= 0;

export interface TeamRow<T> {
  /** null: allocated to no team on the as-at date. */
  readonly team: TeamRef | null;
  readonly figures: T;
}

export interface ByTeam<T> {
  /** Every team a young person in the facts was allocated to on the as-at date, by name; "No team" last. */
  readonly teams: readonly TeamRow<T>[];
  readonly allTeams: T;
}

/**
 * Groups things about young people by the team each young person was allocated to on the as-at date
 * (as every oversight measure does, README interpretation 6). Things about young people not in the
 * facts are left out: that is how a team manager's figures are kept to their team.
 */
function groupByTeam<I extends { youngPersonId: string }, T>(
  people: readonly YoungPersonRecord[],
  items: readonly I[],
  asAt: IsoDate,
  summarise: (items: readonly I[]) => T,
): ByTeam<T> {
  const teamOf = new Map(people.map((p) => [p.id, allocationOn(p, asAt)?.team ?? null]));
  const groups = new Map<string, { team: TeamRef | null; items: I[] }>();
  const key = (team: TeamRef | null) => team?.id ?? '';
  for (const team of teamOf.values()) if (!groups.has(key(team))) groups.set(key(team), { team, items: [] });
  const counted: I[] = [];
  for (const item of items) {
    if (!teamOf.has(item.youngPersonId)) continue;
    const team = teamOf.get(item.youngPersonId) ?? null;
    groups.get(key(team))?.items.push(item);
    counted.push(item);
  }
  const teams = [...groups.values()]
    .sort((a, b) => {
      if (a.team === null || b.team === null) return a.team === null ? 1 : -1;
      return a.team.name.localeCompare(b.team.name, 'en-GB') || (a.team.id < b.team.id ? -1 : 1);
    })
    .map((g) => ({ team: g.team, figures: summarise(g.items) }));
  return { teams, allTeams: summarise(counted) };
}

const approvedInWindow = (facts: PlanQualityFacts, asAt: IsoDate) => {
  const w = qualityWindow(asAt);
  return facts.approvedPlans.filter((p) => inWindow(p.approvedOn, w));
};

// ---------------------------------------------------------------------------
// §1d Ratings

export interface RatingCounts {
  readonly approved: number;
  readonly byRating: Readonly<Record<QualityRating, number>>;
}

function ratingCounts(plans: readonly ApprovedPlanQuality[]): RatingCounts {
  const byRating = Object.fromEntries(QUALITY_RATINGS.map((r) => [r, 0])) as Record<QualityRating, number>;
  for (const p of plans) byRating[p.rating] += 1;
  return { approved: plans.length, byRating };
}

/** §1d: plan versions approved in the 12 months, by the rating stored at approval, per team. */
export function ratingsByTeam(facts: PlanQualityFacts, asAt: IsoDate): ByTeam<RatingCounts> {
  return groupByTeam(facts.youngPeople, approvedInWindow(facts, asAt), asAt, ratingCounts);
}

export interface MonthOfRatings extends RatingCounts {
  /** 'YYYY-MM' */
  readonly month: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** §1d: the same by calendar month, oldest first, the last month running to the as-at date. */
export function ratingsByMonth(facts: PlanQualityFacts, asAt: IsoDate): MonthOfRatings[] {
  return byMonth(facts, asAt, ratingCounts);
}

/** The 12 months to the as-at date, each with the figures of the plans of the facts' young people approved in it. */
function byMonth<T>(
  facts: PlanQualityFacts,
  asAt: IsoDate,
  figuresOf: (plans: readonly ApprovedPlanQuality[]) => T,
): ({ month: string; from: IsoDate; to: IsoDate } & T)[] {
  const people = new Set(facts.youngPeople.map((p) => p.id));
  const plans = facts.approvedPlans.filter((p) => people.has(p.youngPersonId));
  return twelveMonthsTo(asAt).map((m) => ({ ...m, ...figuresOf(plans.filter((p) => inWindow(p.approvedOn, m))) }));
}

/** §1d: by team and by month — each team's 12 months (and All teams', as `ratingsByMonth`). */
export function ratingsByTeamAndMonth(facts: PlanQualityFacts, asAt: IsoDate): ByTeam<MonthOfRatings[]> {
  const months = twelveMonthsTo(asAt);
  return groupByTeam(facts.youngPeople, approvedInWindow(facts, asAt), asAt, (plans) =>
    months.map((m) => ({ ...m, ...ratingCounts(plans.filter((p) => inWindow(p.approvedOn, m))) })),
  );
}

// ---------------------------------------------------------------------------
// §1d The checks on each plan

export interface Share {
  readonly count: number;
  /** Of the plans approved; null with none (not 0 %). */
  readonly percent: number | null;
}

export interface PlanChecks {
  readonly approved: number;
  readonly ownWordsEveryArea: Share;
  readonly signedByBoth: Share;
  readonly youngPersonTookPart: Share;
  readonly disagreementRecorded: Share;
}

export const PLAN_CHECKS = [
  'ownWordsEveryArea',
  'signedByBoth',
  'youngPersonTookPart',
  'disagreementRecorded',
] as const;
export type PlanCheck = (typeof PLAN_CHECKS)[number];

function planChecks(plans: readonly ApprovedPlanQuality[]): PlanChecks {
  const share = (check: PlanCheck): Share => {
    const count = plans.filter((p) => p[check]).length;
    return { count, percent: percentOf(count, plans.length) };
  };
  return {
    approved: plans.length,
    ownWordsEveryArea: share('ownWordsEveryArea'),
    signedByBoth: share('signedByBoth'),
    youngPersonTookPart: share('youngPersonTookPart'),
    disagreementRecorded: share('disagreementRecorded'),
  };
}

/** §1d: of the plans approved in the 12 months, the share passing each check, per team. */
export function planChecksByTeam(facts: PlanQualityFacts, asAt: IsoDate): ByTeam<PlanChecks> {
  return groupByTeam(facts.youngPeople, approvedInWindow(facts, asAt), asAt, planChecks);
}

// ---------------------------------------------------------------------------
// §1d Returned at approval

export interface ReturnedReason {
  readonly on: IsoDate;
  readonly reason: string;
  /** The page shows a restricted record's reason to no one: it may name the young person. */
  readonly restricted: boolean;
}

export interface Returns {
  /** Times a plan was returned in the 12 months (one plan returned twice counts twice). */
  readonly returned: number;
  /** Plans (reviews) returned at least once in the 12 months. */
  readonly plans: number;
  /** Newest first. */
  readonly reasons: readonly ReturnedReason[];
}

/** §1d: plans returned at approval in the 12 months (by the date of the return) and why, per team. */
export function returnsByTeam(facts: PlanQualityFacts, asAt: IsoDate): ByTeam<Returns> {
  const w = qualityWindow(asAt);
  const restricted = new Map(facts.youngPeople.map((p) => [p.id, p.restricted]));
  const inside = facts.returns.filter((r) => inWindow(r.on, w));
  return groupByTeam(facts.youngPeople, inside, asAt, (items) => ({
    returned: items.length,
    plans: new Set(items.map((r) => r.reviewId)).size,
    reasons: [...items]
      .sort((a, b) => compareDates(b.on, a.on) || (a.reviewId < b.reviewId ? -1 : 1))
      .map((r) => ({ on: r.on, reason: r.reason, restricted: restricted.get(r.youngPersonId) ?? false })),
  }));
}

// ---------------------------------------------------------------------------
// §1e Involvement

export interface InvolvementFigures {
  readonly approved: number;
  /** Plans whose young person answered (any of the four, "I don't know" included). */
  readonly answered: number;
  readonly notAnswered: number;
  /** Each answer: how many, and the percentage of those who answered (as the survey counts); null with none. */
  readonly byAnswer: Readonly<Record<InvolvementAnswer, Share>>;
}

function involvementFigures(plans: readonly ApprovedPlanQuality[]): InvolvementFigures {
  const answered = plans.filter((p) => p.involvement !== null).length;
  const byAnswer = Object.fromEntries(
    INVOLVEMENT_ANSWERS.map((a) => {
      const count = plans.filter((p) => p.involvement === a).length;
      return [a, { count, percent: percentOf(count, answered) }];
    }),
  ) as Record<InvolvementAnswer, Share>;
  return { approved: plans.length, answered, notAnswered: plans.length - answered, byAnswer };
}

/** §1e: answers to "How involved did you feel in making this plan?" on plans approved in the 12 months, per team. */
export function involvementByTeam(facts: PlanQualityFacts, asAt: IsoDate): ByTeam<InvolvementFigures> {
  return groupByTeam(facts.youngPeople, approvedInWindow(facts, asAt), asAt, involvementFigures);
}

export interface MonthOfInvolvement {
  /** 'YYYY-MM', with its first day and its last (the as-at date in its own month), as `twelveMonthsTo`. */
  readonly month: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly approved: number;
  readonly answered: number;
  /** Answered "all or most of the time": the Bright Spots measure, a percentage of those who answered. */
  readonly allOrMost: Share;
}

/**
 * §1e as a 12-month trend: of the plans approved in each month, those whose young person answered, and
 * the share of them who felt involved all or most of the time (as `involvementFigures` counts; null in
 * a month with no answer). All the young people in the facts (a team manager's: their team's).
 */
export function involvementByMonth(facts: PlanQualityFacts, asAt: IsoDate): MonthOfInvolvement[] {
  return byMonth(facts, asAt, (plans) => {
    const { approved, answered, byAnswer } = involvementFigures(plans);
    return { approved, answered, allOrMost: byAnswer.all_or_most };
  });
}

/**
 * The Bright Spots figures the council's are shown beside (issue 10 §1e): care leavers who felt
 * involved in their plan all or most of the time — national 62 %, the best council 73 % — and
 * Gloucestershire's survey on the whole scale.
 */
export const BRIGHT_SPOTS = {
  nationalAllOrMost: 62,
  bestCouncilAllOrMost: 73,
  gloucestershire: { all_or_most: 56, sometimes: 31, hardly_ever_or_never: 7, dont_know: 6 },
} as const satisfies {
  nationalAllOrMost: number;
  bestCouncilAllOrMost: number;
  gloucestershire: Record<InvolvementAnswer, number>;
};

// ---------------------------------------------------------------------------

export interface PlanQualityFigures {
  readonly asAt: IsoDate;
  readonly window: { from: IsoDate; to: IsoDate };
  readonly ratingsByTeam: ByTeam<RatingCounts>;
  readonly ratingsByMonth: readonly MonthOfRatings[];
  readonly ratingsByTeamAndMonth: ByTeam<MonthOfRatings[]>;
  readonly checksByTeam: ByTeam<PlanChecks>;
  readonly returnsByTeam: ByTeam<Returns>;
  readonly involvementByTeam: ByTeam<InvolvementFigures>;
  readonly involvementByMonth: readonly MonthOfInvolvement[];
}

/** Every figure on the quality page, from one read of the facts. */
export function planQualityFigures(facts: PlanQualityFacts, asAt: IsoDate): PlanQualityFigures {
  return {
    asAt,
    window: qualityWindow(asAt),
    ratingsByTeam: ratingsByTeam(facts, asAt),
    ratingsByMonth: ratingsByMonth(facts, asAt),
    ratingsByTeamAndMonth: ratingsByTeamAndMonth(facts, asAt),
    checksByTeam: planChecksByTeam(facts, asAt),
    returnsByTeam: returnsByTeam(facts, asAt),
    involvementByTeam: involvementByTeam(facts, asAt),
    involvementByMonth: involvementByMonth(facts, asAt),
  };
}

// ---------------------------------------------------------------------------
// The young people behind each number (issue 10 §1: "Every number links to the list of young people behind it")

/** Which team's row: a team's id, 'none' (allocated to no team on the as-at date) or 'all' (All teams). */
export type TeamKey = string;

/** A number on the quality page: which table, which row (team, month) and which column. */
export type QualityFigure =
  | {
      readonly table: 'ratings';
      readonly team: TeamKey;
      readonly month: string;
      /** A rating, every plan ('all'), or good and outstanding together (the trend's count). */
      readonly rating: QualityRating | 'all' | 'goodOrBetter';
    }
  | { readonly table: 'checks'; readonly team: TeamKey; readonly check: PlanCheck }
  | { readonly table: 'returns'; readonly team: TeamKey; readonly part: 'plans' | 'returned' }
  | {
      readonly table: 'involvement';
      readonly team: TeamKey;
      readonly answer: InvolvementAnswer | 'answered' | 'notAnswered';
      /** A month of the 12 ('YYYY-MM', the trend's), or every month. */
      readonly month?: string;
    };

/**
 * The young people behind one number of `planQualityFigures`, one entry per thing counted — a young
 * person with two plans approved is listed twice, so the count is always the list's length — or
 * null when the page has no such number (an unknown team or month). Grouped exactly as the figures
 * are (`groupByTeam`, `approvedInWindow`, the 12 months), so a number and its list cannot differ.
 */
export function qualityPeopleBehind(facts: PlanQualityFacts, asAt: IsoDate, figure: QualityFigure): Measure | null {
  const restricted = new Map(facts.youngPeople.map((p) => [p.id, p.restricted]));
  const ref = (youngPersonId: string): PersonRef => ({
    id: youngPersonId,
    restricted: restricted.get(youngPersonId) ?? false,
  });
  const rowOf = <I extends { youngPersonId: string }>(items: readonly I[]): readonly I[] | null => {
    const byTeam = groupByTeam(facts.youngPeople, items, asAt, (these) => these);
    if (figure.team === 'all') return byTeam.allTeams;
    return byTeam.teams.find((row) => (row.team?.id ?? 'none') === figure.team)?.figures ?? null;
  };
  const listOf = (items: readonly { youngPersonId: string }[] | null | undefined) =>
    items == null ? null : measureOf(items.map((i) => ref(i.youngPersonId)));

  switch (figure.table) {
    case 'ratings': {
      const plans = rowOf(approvedInWindow(facts, asAt));
      if (plans === null) return null;
      let inMonth: readonly ApprovedPlanQuality[] = plans;
      if (figure.month !== 'all') {
        const month = twelveMonthsTo(asAt).find((m) => m.month === figure.month);
        if (!month) return null;
        inMonth = plans.filter((p) => inWindow(p.approvedOn, month));
      }
      const rated = (p: ApprovedPlanQuality) =>
        figure.rating === 'all' ||
        p.rating === figure.rating ||
        (figure.rating === 'goodOrBetter' && (p.rating === 'good' || p.rating === 'outstanding'));
      return listOf(inMonth.filter(rated));
    }
    case 'checks': {
      const plans = rowOf(approvedInWindow(facts, asAt));
      return listOf(plans?.filter((p) => p[figure.check]));
    }
    case 'involvement': {
      let plans = rowOf(approvedInWindow(facts, asAt));
      if (figure.month !== undefined && figure.month !== 'all') {
        const month = twelveMonthsTo(asAt).find((m) => m.month === figure.month);
        if (!month) return null;
        plans = plans?.filter((p) => inWindow(p.approvedOn, month)) ?? null;
      }
      const answer = figure.answer;
      const counted = (p: ApprovedPlanQuality) =>
        answer === 'answered'
          ? p.involvement !== null
          : answer === 'notAnswered'
            ? p.involvement === null
            : p.involvement === answer;
      return listOf(plans?.filter(counted));
    }
    case 'returns': {
      const w = qualityWindow(asAt);
      const returns = rowOf(facts.returns.filter((r) => inWindow(r.on, w)));
      if (returns === null || figure.part === 'returned') return listOf(returns);
      // Plans returned at least once: each review once.
      return listOf([...new Map(returns.map((r) => [r.reviewId, r])).values()]);
    }
  }
}
