// Every table on the quality page (issue 10 §1d, §1e) as plain data for downloads (issue 10 §2): CSV
// and XLSX write the same rows, as tables.ts does for /performance. Counts only, and no reason given
// for a restricted record's return (the page hides those too). Headers snake_case; dates ISO.

import { INVOLVEMENT_ANSWERS, QUALITY_RATINGS } from '../plan/index.ts';
import type { ByTeam, MonthOfRatings, PlanQualityFigures, Share, TeamRow } from './plan-quality.ts';
import { PLAN_CHECKS } from './plan-quality.ts';
import { percentOf } from './plans-16-17.ts';
import type { DataTable } from './tables.ts';

/** The quality page's tables that download, each named in its file: `<council>-<name>-<asAt>`. */
export const QUALITY_DOWNLOADS = [
  'quality-ratings',
  'quality-ratings-by-month',
  'quality-ratings-by-team-and-month',
  'quality-checks',
  'quality-returns',
  'quality-return-reasons',
  'quality-involvement',
  'quality-involvement-by-month',
] as const;
export type QualityDownload = (typeof QUALITY_DOWNLOADS)[number];

const teamName = (row: TeamRow<unknown>) => row.team?.name ?? 'No team';
/** Each team's row, then `All teams`. */
const withAllTeams = <T>(byTeam: ByTeam<T>): [string, T][] => [
  ...byTeam.teams.map((row): [string, T] => [teamName(row), row.figures]),
  ['All teams', byTeam.allTeams],
];
const percent = (share: Share) => (share.percent === null ? null : share.percent.toFixed(1));
const ratingCells = (r: { approved: number; byRating: Record<string, number> }) => [
  r.approved,
  ...QUALITY_RATINGS.map((q) => r.byRating[q]),
];
const monthCells = (m: MonthOfRatings) => [m.month, ...ratingCells(m)];

export function qualityTable(figures: PlanQualityFigures, name: QualityDownload): DataTable {
  switch (name) {
    case 'quality-ratings':
      return {
        header: ['team', 'approved', ...QUALITY_RATINGS],
        rows: withAllTeams(figures.ratingsByTeam).map(([team, r]) => [team, ...ratingCells(r)]),
      };
    case 'quality-ratings-by-month':
      return { header: ['month', 'approved', ...QUALITY_RATINGS], rows: figures.ratingsByMonth.map(monthCells) };
    case 'quality-ratings-by-team-and-month':
      return {
        header: ['team', 'month', 'approved', ...QUALITY_RATINGS],
        rows: withAllTeams(figures.ratingsByTeamAndMonth).flatMap(([team, months]) =>
          months.map((m) => [team, ...monthCells(m)]),
        ),
      };
    case 'quality-checks':
      return {
        header: ['team', 'approved', ...PLAN_CHECKS.flatMap((c) => [snake(c), `percent_${snake(c)}`])],
        rows: withAllTeams(figures.checksByTeam).map(([team, c]) => [
          team,
          c.approved,
          ...PLAN_CHECKS.flatMap((check) => [c[check].count, percent(c[check])]),
        ]),
      };
    case 'quality-returns':
      return {
        header: ['team', 'plans_returned', 'times_returned'],
        rows: withAllTeams(figures.returnsByTeam).map(([team, r]) => [team, r.plans, r.returned]),
      };
    case 'quality-return-reasons':
      return {
        header: ['team', 'returned_on', 'reason'],
        rows: figures.returnsByTeam.teams.flatMap((row) =>
          row.figures.reasons.map((r) => [
            teamName(row),
            r.on,
            r.restricted ? 'Not shown: restricted record' : r.reason,
          ]),
        ),
      };
    case 'quality-involvement':
      return {
        header: [
          'team',
          'approved',
          'answered',
          ...INVOLVEMENT_ANSWERS.flatMap((a) => [a, `percent_${a}`]),
          'not_answered',
        ],
        rows: withAllTeams(figures.involvementByTeam).map(([team, i]) => [
          team,
          i.approved,
          i.answered,
          ...INVOLVEMENT_ANSWERS.flatMap((a) => [i.byAnswer[a].count, percent(i.byAnswer[a])]),
          i.notAnswered,
        ]),
      };
    case 'quality-involvement-by-month':
      return {
        header: ['month', 'approved', 'answered', 'all_or_most', 'percent_all_or_most'],
        rows: figures.involvementByMonth.map((m) => [
          m.month,
          m.approved,
          m.answered,
          m.allOrMost.count,
          percent(m.allOrMost),
        ]),
      };
  }
}

/** ownWordsEveryArea → own_words_every_area */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The involvement trend: each month's share who felt involved all or most of the time, for the chart. */
export function involvementTrend(figures: PlanQualityFigures): { on: string; value: number | null }[] {
  return figures.involvementByMonth.map((m) => ({ on: m.to, value: m.allOrMost.percent }));
}

/**
 * The rating trend: of the plans approved in each month, the share rated good or outstanding (null
 * in a month with none approved), for the chart; its numbers are the month table beside it.
 */
export function goodOrBetterTrend(figures: PlanQualityFigures): { on: string; value: number | null }[] {
  return figures.ratingsByMonth.map((m) => ({
    on: m.to,
    value: percentOf(m.byRating.outstanding + m.byRating.good, m.approved),
  }));
}
