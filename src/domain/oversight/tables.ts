// Every table on the performance page as plain data (a header and rows), for downloads: CSV
// (csv.ts) and XLSX write the same rows, so a file says what the page says. Counts only — never
// who is behind them. Headers are snake_case like Dorset's (issue 10 §1a); dates ISO (YYYY-MM-DD).

import { CATEGORY_NAMES, type IsoDate } from '../statutory/index.ts';
import { AGE_BANDS, CATEGORIES, type CohortByAgeBand } from './age-bands.ts';
import type { CareLeaversByCategory } from './care-leavers.ts';
import type { CsvField } from './csv.ts';
import type { PlanFlow } from './flow.ts';
import { PLANS_16_17_CSV_HEADER, plans16To17Rows, type Plans16To17Table } from './plans-16-17.ts';

export interface DataTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvField[])[];
}

const percent = (value: number | null) => (value === null ? null : value.toFixed(1));

/** Dorset's table: exactly the header, `All teams` last. */
export function plans16To17Table(table: Plans16To17Table): DataTable {
  return { header: PLANS_16_17_CSV_HEADER, rows: plans16To17Rows(table) };
}

/** Bradford's cohort: a row per age band and `All ages`, a column per statutory category. */
export function cohortTable(cohort: CohortByAgeBand): DataTable {
  return {
    header: ['age_band', 'all', ...CATEGORIES.map((c) => c.toLowerCase())],
    rows: [...cohort.bands, cohort.total].map((row) => [
      row.band === 'All' ? 'All ages' : row.band,
      row.youngPeople.count,
      ...CATEGORIES.map((c) => row.byCategory[c].count),
    ]),
  };
}

/** Care leavers by status: a row per category and `All care leavers`. */
export function careLeaversTable(table: CareLeaversByCategory): DataTable {
  return {
    header: [
      'status',
      'open_cases',
      'plan_in_date',
      'review_overdue',
      'needs_assessment_overdue',
      'first_plan_overdue',
      'no_personal_adviser',
    ],
    rows: [...table.categories, table.total].map((row) => [
      row.category === 'All' ? 'All care leavers' : CATEGORY_NAMES[row.category],
      row.youngPeople.count,
      row.planInDate.count,
      row.reviewOverdue.count,
      row.needsAssessmentOverdue.count,
      row.firstPlanOverdue.count,
      row.noPersonalAdviser.count,
    ]),
  };
}

/** Unaccompanied young people's first plan within N months: one row. */
export function unaccompaniedTable(table: CareLeaversByCategory): DataTable {
  const u = table.unaccompaniedFirstPlan;
  return {
    header: ['within_months', 'first_plan_due', 'first_plan_on_time', 'percent_on_time'],
    rows: [[u.withinMonths, u.due.count, u.onTime.count, percent(u.percentOnTime)]],
  };
}

/** Plans approved per month (plan versions), with the young people they were for. */
export function plansApprovedTable(flow: PlanFlow): DataTable {
  return {
    header: ['month', 'from', 'to', 'plans_approved', 'young_people'],
    rows: flow.approvedPerMonth.map((m) => [m.month, m.from, m.to, m.approved, m.youngPeople.count]),
  };
}

/**
 * A trend: one row per trend date. A percentage with the count and the whole it is of; another figure
 * under its own name (`csv.value`), with what it is made of when that differs (`csv.count`); the cohort
 * with a column per age band.
 */
export function trendTable(series: {
  readonly unit: '%' | '';
  readonly csv: { readonly value: string; readonly count?: string };
  readonly points: readonly {
    on: IsoDate;
    value: number | null;
    count: number;
    of: number | null;
    bands?: readonly number[];
  }[];
}): DataTable {
  const { unit, csv, points } = series;
  if (unit === '%')
    return {
      header: ['date', 'percent', 'count', 'of'],
      rows: points.map((p) => [p.on, percent(p.value), p.count, p.of]),
    };
  const bands = points.some((p) => p.bands !== undefined);
  return {
    header: ['date', csv.value, ...(csv.count ? [csv.count] : []), ...(bands ? AGE_BANDS : [])],
    rows: points.map((p) => [p.on, p.value, ...(csv.count ? [p.count] : []), ...(bands ? (p.bands ?? []) : [])]),
  };
}
