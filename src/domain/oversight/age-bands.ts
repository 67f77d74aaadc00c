// Bradford's cohort by age band (issue 10, part 1c): the open cases aged 15½
// and over on the as-at date in bands 15½, 16, 17, 18, 19, 20, 21+, with the
// statutory category of each. Source: Bradford's report to the Corporate
// Parenting Panel, 20 January 2020 (its table of 615 young people by age).

import {
  addMonths,
  birthday,
  CATEGORY_NAMES,
  compareDates,
  DEFAULT_POLICY,
  deriveCategory,
  type CareLeaverCategory,
  type IsoDate,
  type LocalPolicy,
} from '../statutory/index.ts';
import {
  ageOnDate,
  isCaseOpenOn,
  measureOf,
  type Measure,
  type OversightFacts,
  type YoungPersonRecord,
} from './facts.ts';

export const AGE_BANDS = ['15½', '16', '17', '18', '19', '20', '21+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Every category, in the order the statutory module names them, so every table has the same columns. */
export const CATEGORIES = Object.keys(CATEGORY_NAMES) as CareLeaverCategory[];

export interface AgeBandRow {
  readonly band: AgeBand | 'All';
  readonly youngPeople: Measure;
  readonly byCategory: Readonly<Record<CareLeaverCategory, Measure>>;
}

export interface CohortByAgeBand {
  readonly asAt: IsoDate;
  /** Always the seven bands in order, empty ones included. */
  readonly bands: readonly AgeBandRow[];
  readonly total: AgeBandRow;
}

/**
 * The band on `asAt`, or null under 15½. 15½ is the 15th birthday plus 6
 * calendar months (as the 15¾ prompt is the 15th birthday plus 9, reference
 * §2.2(5) clamping); whole years follow the council's leap-day policy.
 */
export function ageBandOn(dateOfBirth: IsoDate, asAt: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): AgeBand | null {
  const age = ageOnDate(dateOfBirth, asAt, policy);
  if (age >= 21) return '21+';
  if (age >= 16) return String(age) as AgeBand;
  const fifteenAndAHalf = addMonths(birthday(dateOfBirth, 15, policy.leapDayBirthday), 6);
  return age === 15 && compareDates(fifteenAndAHalf, asAt) <= 0 ? '15½' : null;
}

/** The category on `asAt` from the existing derivation (reference §2.3), from the facts the record holds. */
export function categoryOn(person: YoungPersonRecord, asAt: IsoDate, policy: LocalPolicy = DEFAULT_POLICY) {
  return deriveCategory(
    { ...person.categoryFacts, dateOfBirth: person.dateOfBirth, asOf: asAt, episodes: person.careEpisodes },
    policy,
  ).category;
}

/** Bradford's table on `asAt`: open cases aged 15½ or over, by band and by statutory category. */
export function cohortByAgeBand(
  facts: OversightFacts,
  asAt: IsoDate,
  policy: LocalPolicy = DEFAULT_POLICY,
): CohortByAgeBand {
  const placed = facts.youngPeople
    .filter((p) => isCaseOpenOn(p, asAt))
    .map((p) => ({ p, band: ageBandOn(p.dateOfBirth, asAt, policy) }))
    .filter((x) => x.band !== null)
    // The category only for those in a band: its derivation is the table's largest cost.
    .map((x) => ({ ...x, category: categoryOn(x.p, asAt, policy) }));
  const rowOf = (band: AgeBandRow['band'], rows: typeof placed): AgeBandRow => ({
    band,
    youngPeople: measureOf(rows.map((x) => x.p)),
    byCategory: Object.fromEntries(
      CATEGORIES.map((c) => [c, measureOf(rows.filter((x) => x.category === c).map((x) => x.p))]),
    ) as Record<CareLeaverCategory, Measure>,
  });
  return {
    asAt,
    bands: AGE_BANDS.map((band) =>
      rowOf(
        band,
        placed.filter((x) => x.band === band),
      ),
    ),
    total: rowOf('All', placed),
  };
}
