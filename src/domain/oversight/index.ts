// Public API of the oversight measures: pure functions over facts read once per council.

export {
  ALL_TEAMS,
  isAged16Or17On,
  NO_TEAM,
  PLANS_16_17_CSV_HEADER,
  percentOf,
  plans16To17Csv,
  plans16To17InDate,
  plans16To17Rows,
  plansForLookedAfter16And17,
  type Plans16To17Row,
  type Plans16To17Table,
} from './plans-16-17.ts';
export {
  AGE_BANDS,
  ageBandOn,
  CATEGORIES,
  categoryOn,
  cohortByAgeBand,
  type AgeBand,
  type AgeBandRow,
  type CohortByAgeBand,
} from './age-bands.ts';
export {
  median,
  planFlow,
  twelveMonthsTo,
  waitingSinceOn,
  type MonthOfApprovals,
  type PlanFlow,
  type WaitingReview,
} from './flow.ts';
export {
  becameLookedAfterOn,
  careLeaversByCategory,
  careLeaversInDate,
  type CareLeaverOptions,
  type CareLeaverRow,
  type CareLeaversByCategory,
  type UnaccompaniedFirstPlan,
} from './care-leavers.ts';
export { monthEnd, trendDates, trendOf, type TrendPoint } from './trend.ts';
export { csvField, toCsv, type CsvField } from './csv.ts';
export {
  careLeaversTable,
  cohortTable,
  type DataTable,
  plans16To17Table,
  plansApprovedTable,
  trendTable,
  unaccompaniedTable,
} from './tables.ts';
export {
  ageOnDate,
  allocationOn,
  isCaseOpenOn,
  isLookedAfterForPlanningOn,
  latestApprovedOn,
  measureOf,
  personalAdviserOn,
  type Allocation,
  type ApprovedPlan,
  type Measure,
  type OversightFacts,
  type PersonRef,
  type PlanHistory,
  type ReviewRecord,
  type TeamRef,
  type YoungPersonRecord,
} from './facts.ts';
