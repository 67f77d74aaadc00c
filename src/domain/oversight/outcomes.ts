// Outcomes at 19 to 21 (issue 10, part 1f; issue 11, part 2): around each care leaver's 19th, 20th and
// 21st birthday, whether the council was in touch, whether they were in education, employment or
// training, and whether they lived in suitable accommodation, from the contacts and the activity and
// accommodation changes recorded in Pathway. The SSDA903 OC3 return asks the same three questions
// (IN_TOUCH, ACTIV, ACCOM; reference §3.2, §3.3); the national figures are reference §4.

import {
  addMonths,
  birthday,
  compareDates,
  DEFAULT_POLICY,
  type IsoDate,
  type LocalPolicy,
} from '../statutory/index.ts';
import { categoryOn } from './age-bands.ts';
import { measureOf, type Measure, type OversightFacts, type YoungPersonRecord } from './facts.ts';
import { percentOf } from './plans-16-17.ts';

/** A change of main activity (903 ACTIV code) from a day. */
export interface ActivityChange {
  readonly on: IsoDate;
  readonly code: string;
}

/** A change of accommodation (903 ACCOM letter) from a day, and whether it is considered suitable. */
export interface AccommodationChange {
  readonly on: IsoDate;
  readonly code: string;
  readonly suitable: boolean;
}

/** What was recorded about one young person: the days of contact, and activity and accommodation over time. */
export interface OutcomeRecord {
  readonly youngPersonId: string;
  readonly contactDates: readonly IsoDate[];
  readonly activity: readonly ActivityChange[];
  readonly accommodation: readonly AccommodationChange[];
}

/** The ages whose birthdays the measure looks at (OC3's 19 to 21, as the national 19–21 figures). */
export const OUTCOME_AGES = [19, 20, 21] as const;
export type OutcomeAge = (typeof OUTCOME_AGES)[number];

/**
 * The national figures beside the council's (reference §4, care leavers aged 19 to 21, England, year
 * ending 31 March 2025). No national in-touch percentage is published for them: `null`.
 */
export const NATIONAL_OUTCOMES_19_TO_21 = { year: 2025, inTouch: null, eet: 54, suitable: 89 } as const;

/**
 * The window around a birthday in which a contact means the council was "in touch": from 3 calendar
 * months before the birthday to 1 calendar month after it, both days included (DfE SSDA903 guidance
 * for OC3, as interpreted in the README). Month arithmetic clamps at month ends (`addMonths`).
 */
export function inTouchWindow(birthdayOn: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addMonths(birthdayOn, -3), to: addMonths(birthdayOn, 1) };
}

/** In touch around the birthday: at least one contact on a day inside `inTouchWindow`. */
export function inTouchAroundBirthday(contactDates: readonly IsoDate[], birthdayOn: IsoDate): boolean {
  const { from, to } = inTouchWindow(birthdayOn);
  return contactDates.some((d) => compareDates(from, d) <= 0 && compareDates(d, to) <= 0);
}

/** The latest change on or before `on` (the later-listed one when two share a day), or null. */
export function latestChangeOn<T extends { readonly on: IsoDate }>(changes: readonly T[], on: IsoDate): T | null {
  let found: T | null = null;
  for (const c of changes)
    if (compareDates(c.on, on) <= 0 && (found === null || compareDates(c.on, found.on) >= 0)) found = c;
  return found;
}

/** In education, employment or training: an F or P activity code (903 ACTIV F1–F5, P1–P5); G codes are NEET. */
export function isEetActivity(code: string): boolean {
  return /^[FP]\d$/.test(code);
}

/** In EET on the birthday: the latest activity recorded on or before it is an F or P code. */
export function inEetOn(activity: readonly ActivityChange[], on: IsoDate): boolean {
  const latest = latestChangeOn(activity, on);
  return latest !== null && isEetActivity(latest.code);
}

/** In suitable accommodation on the birthday: the latest accommodation recorded on or before it is marked suitable. */
export function inSuitableAccommodationOn(accommodation: readonly AccommodationChange[], on: IsoDate): boolean {
  return latestChangeOn(accommodation, on)?.suitable === true;
}

export interface OutcomeRow {
  readonly age: OutcomeAge | 'All';
  /** Former relevant care leavers whose birthday at this age fell in the period. */
  readonly careLeavers: Measure;
  readonly inTouch: Measure;
  readonly inEet: Measure;
  readonly inSuitableAccommodation: Measure;
  readonly percentInTouch: number | null;
  readonly percentInEet: number | null;
  readonly percentInSuitableAccommodation: number | null;
}

export interface OutcomesAt19To21 {
  readonly asAt: IsoDate;
  /** Birthdays after `from` and on or before `to`: the 12 months ending one month before the as-at date. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly ages: readonly OutcomeRow[];
  readonly total: OutcomeRow;
  readonly national: typeof NATIONAL_OUTCOMES_19_TO_21;
}

/**
 * The period of birthdays counted on `asAt`: the 12 months ending one month before it, so every
 * birthday's in-touch window has closed by the as-at date. `from` is excluded, `to` included.
 */
export function outcomePeriod(asAt: IsoDate): { from: IsoDate; to: IsoDate } {
  const to = addMonths(asAt, -1);
  return { from: addMonths(to, -12), to };
}

/** The 19th, 20th or 21st birthday in the period, or null (the birthdays follow the council's leap-day policy). */
export function birthdayInPeriod(
  dateOfBirth: IsoDate,
  period: { from: IsoDate; to: IsoDate },
  policy: LocalPolicy = DEFAULT_POLICY,
): { age: OutcomeAge; on: IsoDate } | null {
  for (const age of OUTCOME_AGES) {
    const on = birthday(dateOfBirth, age, policy.leapDayBirthday);
    if (compareDates(period.from, on) < 0 && compareDates(on, period.to) <= 0) return { age, on };
  }
  return null;
}

/**
 * Former relevant on the birthday, by the existing category derivation: `FORMER_RELEVANT`, or
 * `FORMER_RELEVANT_21_TO_25`, which a former relevant care leaver becomes on their 21st birthday.
 */
export function isFormerRelevantOn(person: YoungPersonRecord, on: IsoDate, policy: LocalPolicy = DEFAULT_POLICY) {
  const category = categoryOn(person, on, policy);
  return category === 'FORMER_RELEVANT' || category === 'FORMER_RELEVANT_21_TO_25';
}

/**
 * The §1f measure on `asAt`: care leavers whose 19th, 20th or 21st birthday fell in `outcomePeriod`
 * and who were former relevant on it; of them, in touch around the birthday, in EET and in suitable
 * accommodation on it. By age and in all; every number with the young people behind it.
 */
export function outcomesAt19To21(
  facts: OversightFacts,
  records: readonly OutcomeRecord[],
  asAt: IsoDate,
  policy: LocalPolicy = DEFAULT_POLICY,
): OutcomesAt19To21 {
  const period = outcomePeriod(asAt);
  const byId = new Map(records.map((r) => [r.youngPersonId, r]));
  const counted = facts.youngPeople.flatMap((p) => {
    const b = birthdayInPeriod(p.dateOfBirth, period, policy);
    if (!b || !isFormerRelevantOn(p, b.on, policy)) return [];
    const r = byId.get(p.id);
    return [
      {
        p,
        age: b.age,
        inTouch: inTouchAroundBirthday(r?.contactDates ?? [], b.on),
        inEet: inEetOn(r?.activity ?? [], b.on),
        suitable: inSuitableAccommodationOn(r?.accommodation ?? [], b.on),
      },
    ];
  });
  const rowOf = (age: OutcomeRow['age'], rows: typeof counted): OutcomeRow => {
    const who = (keep: (x: (typeof counted)[number]) => boolean) => measureOf(rows.filter(keep).map((x) => x.p));
    const careLeavers = who(() => true);
    const inTouch = who((x) => x.inTouch);
    const inEet = who((x) => x.inEet);
    const inSuitableAccommodation = who((x) => x.suitable);
    return {
      age,
      careLeavers,
      inTouch,
      inEet,
      inSuitableAccommodation,
      percentInTouch: percentOf(inTouch.count, careLeavers.count),
      percentInEet: percentOf(inEet.count, careLeavers.count),
      percentInSuitableAccommodation: percentOf(inSuitableAccommodation.count, careLeavers.count),
    };
  };
  return {
    asAt,
    ...period,
    ages: OUTCOME_AGES.map((age) =>
      rowOf(
        age,
        counted.filter((x) => x.age === age),
      ),
    ),
    total: rowOf('All', counted),
    national: NATIONAL_OUTCOMES_19_TO_21,
  };
}

/** The parts of a row with a list behind them. */
export const OUTCOME_PARTS = ['careLeavers', 'inTouch', 'inEet', 'inSuitableAccommodation'] as const;
export type OutcomePart = (typeof OUTCOME_PARTS)[number];
export const OUTCOME_PART_NAMES: Record<OutcomePart, string> = {
  careLeavers: 'Care leavers',
  inTouch: 'In touch',
  inEet: 'In education, employment or training',
  inSuitableAccommodation: 'In suitable accommodation',
};

/** The young people whose 19th, 20th or 21st birthday is in the period on `asAt`: the only records the measure reads. */
export function outcomeCandidates(
  facts: OversightFacts,
  asAt: IsoDate,
  policy: LocalPolicy = DEFAULT_POLICY,
): string[] {
  const period = outcomePeriod(asAt);
  return facts.youngPeople.filter((p) => birthdayInPeriod(p.dateOfBirth, period, policy) !== null).map((p) => p.id);
}

/** Earliest contact the measure on `asAt` can read: the opening of the earliest birthday's window. */
export function outcomeContactsSince(asAt: IsoDate): IsoDate {
  return inTouchWindow(outcomePeriod(asAt).from).from;
}

const percentText = (value: number | null) => (value === null ? null : value.toFixed(1));

/** The table as a download: a row per age and `All`, counts and percentages (ISO dates of the period). */
export function outcomesTable(table: OutcomesAt19To21): {
  header: readonly string[];
  rows: readonly (readonly (string | number | null)[])[];
} {
  return {
    header: [
      'age',
      'birthdays_after',
      'birthdays_to',
      'care_leavers',
      'in_touch',
      'percent_in_touch',
      'in_eet',
      'percent_in_eet',
      'in_suitable_accommodation',
      'percent_in_suitable_accommodation',
    ],
    rows: [...table.ages, table.total].map((row) => [
      row.age === 'All' ? 'All' : String(row.age),
      table.from,
      table.to,
      row.careLeavers.count,
      row.inTouch.count,
      percentText(row.percentInTouch),
      row.inEet.count,
      percentText(row.percentInEet),
      row.inSuitableAccommodation.count,
      percentText(row.percentInSuitableAccommodation),
    ]),
  };
}
