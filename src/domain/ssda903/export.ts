// Writing the SSDA903 return for a collection year (issue 11 §4): the header, episodes, UASC and OC3
// (care leavers) files in the column names and codes of the DfE guidance (reference/statutory.md §3),
// the same layout `files.ts` reads. Pure: Pathway's records in, rows out, with the list of records
// that cannot be written as the DfE rules ask (each named by CHILD and the rule it breaks). Which
// rule decides what is named beside it: the DfE validation rule number (rules as the Data to Insight
// validator publishes them; docs/ssda903.md says how to run it on an export).
import { addMonths, birthday, compareDates, daysBetween, type IsoDate, latest } from '../statutory/dates.ts';
import { OC3_ACCOMMODATION_CODES, OC3_ACTIVITY_CODES } from '../codes.ts';
import { inTouchAroundBirthday, latestChangeOn } from '../oversight/outcomes.ts';
import type { AccommodationChange, ActivityChange } from '../oversight/outcomes.ts';

/** One care episode as Pathway holds it (end exclusive, as the 903's DEC). */
export type ExportEpisode = {
  startDate: IsoDate;
  endDate: IsoDate | null;
  reasonNewEpisode: string | null;
  legalStatus: string;
  categoryOfNeed: string | null;
  placementType: string;
  placementProvider: string | null;
  reasonEnded: string | null;
  reasonPlaceChange: string | null;
  homePostcode: string | null;
  placementPostcode: string | null;
  urn: string | null;
};

/** What the return reads about one young person. */
export type ExportChild = {
  /** The CHILD id: the record's 903 id, or its Pathway reference when it has none. */
  child: string;
  sex: string;
  dateOfBirth: IsoDate;
  ethnicity: string | null;
  upn: string | null;
  unaccompaniedAsylumSeeking: boolean;
  episodes: readonly ExportEpisode[];
  contactDates: readonly IsoDate[];
  activity: readonly ActivityChange[];
  accommodation: readonly AccommodationChange[];
  /** The day the case was closed because the young person died, when it was. */
  diedOn: IsoDate | null;
  /** The day they became a parent, when a significant change records it (header MOTHER, MC_DOB). */
  becameParentOn: IsoDate | null;
  /** The day they declined support (after 21), when they did. */
  declinedSupportOn: IsoDate | null;
  /** Living with a parent (or someone with parental responsibility) since this day, when they are. */
  homeWithParentSince: IsoDate | null;
  /** Looked-after reviews held (from an imported reviews.csv): the day and REVIEW_CODE. */
  reviews?: readonly { reviewedOn: IsoDate; participation: string }[];
  /** Missing (M) or away (A) episodes held (from an imported missing.csv). */
  missing?: readonly { kind: string; startDate: IsoDate; endDate: IsoDate | null }[];
};

/** A record the return cannot carry as the rules ask: the council fixes the record and exports again. */
export type ExportProblem = { child: string; file: string; column: string; reason: string };

export type Oc3Row = { child: string; dateOfBirth: IsoDate; inTouch: string; activity: string; accommodation: string };

/** The collection year ending 31 March `year`: 1 April `year - 1` to 31 March `year`, both included. */
export function collectionYear(year: number): { start: IsoDate; end: IsoDate } {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` };
}

/**
 * The year's layout: from the 2024–25 return (year ending March 2025) the DfE codes sex as M, F or U
 * (rule 101, 2024–25); before it as 1 (male) or 2 (female), with no code for anything else.
 */
export function sexCode(sex: string, year: number): string | null {
  if (year >= 2025) return sex === 'male' ? 'M' : sex === 'female' ? 'F' : 'U';
  return sex === 'male' ? '1' : sex === 'female' ? '2' : null;
}

/** dd/mm/yyyy, as the DfE files write dates. */
export function dfeDate(iso: IsoDate): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const SHORT_BREAKS = ['V3', 'V4'];
const isShortBreak = (e: ExportEpisode) => SHORT_BREAKS.includes(e.legalStatus);
const inCareOn = (e: ExportEpisode, on: IsoDate) =>
  compareDates(e.startDate, on) <= 0 && (e.endDate === null || compareDates(on, e.endDate) < 0);

/**
 * The episodes the year's return holds: every one open at some time in the year (started on or before
 * 31 March, not ended before 1 April). One that ends after the year is written as still open: its
 * end (DEC) and reason (REC) are not known on 31 March.
 */
export function episodesInYear(episodes: readonly ExportEpisode[], year: number): ExportEpisode[] {
  const { start, end } = collectionYear(year);
  return episodes
    .filter((e) => compareDates(e.startDate, end) <= 0 && (e.endDate === null || compareDates(e.endDate, start) >= 0))
    .map((e) =>
      e.endDate !== null && compareDates(e.endDate, end) > 0 ? { ...e, endDate: null, reasonEnded: null } : e,
    )
    .sort((a, b) => compareDates(a.startDate, b.startDate));
}

/** The looked-after reviews held for a child that took place in the year, oldest first. */
export function reviewsInYear(c: ExportChild, year: number) {
  const { start, end } = collectionYear(year);
  return (c.reviews ?? [])
    .filter((r) => compareDates(r.reviewedOn, start) >= 0 && compareDates(r.reviewedOn, end) <= 0)
    .sort((a, b) => compareDates(a.reviewedOn, b.reviewedOn));
}

/**
 * The missing episodes held for a child that started in the year, oldest first; one that ends after
 * 31 March is written without its end, as an episode of care is (its end is not known on 31 March).
 */
export function missingInYear(c: ExportChild, year: number) {
  const { start, end } = collectionYear(year);
  return (c.missing ?? [])
    .filter((m) => compareDates(m.startDate, start) >= 0 && compareDates(m.startDate, end) <= 0)
    .map((m) => (m.endDate !== null && compareDates(m.endDate, end) > 0 ? { ...m, endDate: null } : m))
    .sort((a, b) => compareDates(a.startDate, b.startDate) || a.kind.localeCompare(b.kind));
}

/**
 * Relevant or former relevant by the episodes, as DfE rule 1001 tests it: at least 91 days looked after
 * from the 14th birthday and at least one day from the 16th, short breaks (LS V3, V4) left out, up to
 * `asOf` (an open episode counts to it); and not adopted (last episode ended E11 or E12).
 */
export function careLeaverByEpisodes(dateOfBirth: IsoDate, episodes: readonly ExportEpisode[], asOf: IsoDate) {
  const b14 = birthday(dateOfBirth, 14);
  const b16 = birthday(dateOfBirth, 16);
  let from14 = 0;
  let from16 = 0;
  for (const e of episodes) {
    if (isShortBreak(e) || compareDates(e.startDate, asOf) > 0) continue;
    const end = e.endDate === null || compareDates(e.endDate, asOf) > 0 ? asOf : e.endDate;
    from14 += Math.max(0, daysBetween(latest(e.startDate, b14) as IsoDate, end));
    from16 += Math.max(0, daysBetween(latest(e.startDate, b16) as IsoDate, end));
  }
  const last = lastEpisode(episodes);
  const adopted = last !== null && ['E11', 'E12'].includes(last.reasonEnded ?? '');
  return from14 >= 91 && from16 >= 1 && !adopted;
}

const lastEpisode = (episodes: readonly ExportEpisode[]) =>
  episodes.reduce<ExportEpisode | null>(
    (a, e) => (a === null || compareDates(a.startDate, e.startDate) < 0 ? e : a),
    null,
  );

/** Why a young person with a 17th to 21st birthday in the year has no OC3 row (null: they have one). */
export type Oc3Exclusion =
  | 'no-birthday' // rule 391: no 17th to 21st birthday in the year
  | 'never-looked-after' // rule 1002: no episodes of care
  | 'died-in-care' // rule 1000: an episode ended E2
  | 'transferred' // rule 1011: the last episode ended E3 (care transferred to another council)
  | 'not-care-leaver' // rule 1001: not relevant or former relevant by the episodes, or adopted
  | 'looked-after-on-birthday' // rule 1007: 17 or 18 and still looked after on the birthday
  | 'left-care-after-birthday'; // rule 1016 (from 2023–24): 17 or 18 and care ended on or after the birthday

/** The OC3 birthday in the year: the 17th to 21st that falls in it (there is at most one). */
export function oc3Birthday(dateOfBirth: IsoDate, year: number): { age: number; on: IsoDate } | null {
  const { start, end } = collectionYear(year);
  for (const age of [17, 18, 19, 20, 21]) {
    const on = birthday(dateOfBirth, age);
    if (compareDates(start, on) <= 0 && compareDates(on, end) <= 0) return { age, on };
  }
  return null;
}

/**
 * Whether the young person belongs in the year's OC3 file (DfE guidance: care leavers whose 17th to
 * 21st birthday falls in the year; reference §3.3), and if not, the rule that leaves them out.
 */
export function oc3Exclusion(child: Pick<ExportChild, 'dateOfBirth' | 'episodes'>, year: number): Oc3Exclusion | null {
  const b = oc3Birthday(child.dateOfBirth, year);
  if (!b) return 'no-birthday';
  const episodes = child.episodes.filter((e) => compareDates(e.startDate, b.on) <= 0);
  if (episodes.length === 0) return 'never-looked-after';
  if (episodes.some((e) => e.reasonEnded === 'E2')) return 'died-in-care';
  if (lastEpisode(episodes)?.reasonEnded === 'E3') return 'transferred';
  if (!careLeaverByEpisodes(child.dateOfBirth, episodes, b.on)) return 'not-care-leaver';
  if (b.age <= 18) {
    if (episodes.some((e) => inCareOn(e, b.on))) return 'looked-after-on-birthday';
    if (year >= 2024 && child.episodes.some((e) => e.endDate !== null && compareDates(e.endDate, b.on) >= 0))
      return 'left-care-after-birthday';
  }
  return null;
}

/**
 * IN_TOUCH on the birthday (rule 131's codes), first that holds: DIED when they died on or before the
 * end of the in-touch window; RHOM when they had lived with a parent for 6 months or more by the
 * birthday; YES when a contact is recorded in the window around the birthday (`inTouchAroundBirthday`:
 * 3 months before to 1 month after); NREQ when they had declined support by the birthday; else NO.
 * REFU (refuses contact) is never derived: Pathway records no refusal as such.
 */
export function inTouchCode(child: ExportChild, on: IsoDate): string {
  if (child.diedOn && compareDates(child.diedOn, addMonths(on, 1)) <= 0) return 'DIED';
  if (child.homeWithParentSince && compareDates(addMonths(child.homeWithParentSince, 6), on) <= 0) return 'RHOM';
  if (inTouchAroundBirthday(child.contactDates, on)) return 'YES';
  if (child.declinedSupportOn && compareDates(child.declinedSupportOn, on) <= 0) return 'NREQ';
  return 'NO';
}

/** ACTIV: the activity recorded on or before the birthday (rule 132); 0 when not in touch or none (rule 344). */
export function activityCode(child: ExportChild, on: IsoDate, inTouch: string): string {
  if (inTouch !== 'YES') return '0';
  return latestChangeOn(child.activity, on)?.code ?? '0';
}

/**
 * ACCOM: the accommodation recorded on or before the birthday, its letter and 1 when suitable or 2
 * when not (rule 133; S and X are never suitable); 0 when not in touch or none recorded (rule 344).
 */
export function accommodationCode(child: ExportChild, on: IsoDate, inTouch: string): string {
  if (inTouch !== 'YES') return '0';
  const a = latestChangeOn(child.accommodation, on);
  if (!a) return '0';
  const code = `${a.code}${a.suitable && !['S', 'X'].includes(a.code) ? 1 : 2}`;
  return OC3_ACCOMMODATION_CODES.includes(code) ? code : '0';
}

/** The OC3 row and what in it breaks a rule the council must put right in the record. */
export function oc3Row(child: ExportChild, year: number): { row: Oc3Row; problems: ExportProblem[] } | null {
  if (oc3Exclusion(child, year) !== null) return null;
  const b = oc3Birthday(child.dateOfBirth, year) as { age: number; on: IsoDate };
  const inTouch = inTouchCode(child, b.on);
  const activity = activityCode(child, b.on, inTouch);
  const accommodation = accommodationCode(child, b.on, inTouch);
  const problems: ExportProblem[] = [];
  const at = (column: string, reason: string) => problems.push({ child: child.child, file: 'oc3.csv', column, reason });
  if (inTouch === 'YES' && activity === '0')
    at('ACTIV', 'In touch around the birthday but no activity recorded by then (rule 345)');
  if (inTouch === 'YES' && accommodation === '0')
    at('ACCOM', 'In touch around the birthday but no accommodation recorded by then (rule 345)');
  if (b.age === 17 && accommodation.startsWith('Z'))
    at('ACCOM', 'Staying put (Z) is recorded at the 17th birthday: it can start only at 18 (rule 3001)');
  if (accommodation.startsWith('T') && compareDates(collectionYear(year).start, birthday(child.dateOfBirth, 18)) < 0)
    at('ACCOM', 'A foyer (T) is recorded for someone under 18 at the start of the year (rule 347)');
  if (!OC3_ACTIVITY_CODES.includes(activity)) at('ACTIV', `“${activity}” is not an OC3 activity code (rule 132)`);
  return { row: { child: child.child, dateOfBirth: child.dateOfBirth, inTouch, activity, accommodation }, problems };
}

/**
 * MOTHER and MC_DOB: for a girl or young woman looked after in the year, 1 and the day her child was
 * born when she became a parent by the end of the year, else 0 (rules 393, 607); blank for everyone
 * else, and for one only in OC3 (rule 165).
 */
export function motherOf(child: ExportChild, lookedAfterInYear: boolean, year: number) {
  if (child.sex !== 'female' || !lookedAfterInYear) return { mother: '', childBorn: '' };
  const on = child.becameParentOn;
  return on !== null && compareDates(on, collectionYear(year).end) <= 0
    ? { mother: '1', childBorn: dfeDate(on) }
    : { mother: '0', childBorn: '' };
}

export type ExportedReturn = {
  header: string[][];
  episodes: string[][];
  uasc: string[][];
  oc3: string[][];
  reviews: string[][];
  missing: string[][];
  problems: ExportProblem[];
};

export const EXPORT_COLUMNS = {
  'header.csv': ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  'episodes.csv': [
    'CHILD',
    'DECOM',
    'RNE',
    'LS',
    'CIN',
    'PLACE',
    'PLACE_PROVIDER',
    'DEC',
    'REC',
    'REASON_PLACE_CHANGE',
    'HOME_POST',
    'PL_POST',
    'URN',
  ],
  'uasc.csv': ['CHILD', 'SEX', 'DOB', 'DUC'],
  'oc3.csv': ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  'reviews.csv': ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  'missing.csv': ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
} as const;
export type ExportFile = keyof typeof EXPORT_COLUMNS;

/**
 * The year's return: a header row for everyone looked after in the year (an episode open in it) or in
 * OC3; their episodes in the year; a UASC row for the unaccompanied among those looked after, their
 * status ceasing (DUC) on the 18th birthday, in the year or not (rule 205B); OC3 for the care
 * leavers `oc3Row` picks. Rows are sorted by CHILD.
 */
export function buildReturn(children: readonly ExportChild[], year: number): ExportedReturn {
  const out: ExportedReturn = { header: [], episodes: [], uasc: [], oc3: [], reviews: [], missing: [], problems: [] };
  const sorted = [...children].sort((a, b) => a.child.localeCompare(b.child));
  for (const c of sorted) {
    const own = episodesInYear(c.episodes, year);
    const oc3 = oc3Row(c, year);
    if (own.length === 0 && oc3 === null) continue;
    const sex = sexCode(c.sex, year);
    const dob = dfeDate(c.dateOfBirth);
    const at = (file: string, column: string, reason: string) =>
      out.problems.push({ child: c.child, file, column, reason });
    if (sex === null) at('header.csv', 'SEX', 'The year’s return codes sex only as male (1) or female (2) (rule 101)');
    if (!c.ethnicity) at('header.csv', 'ETHNIC', 'No ethnicity is recorded (rule 103)');
    const mother = motherOf(c, own.length > 0, year);
    out.header.push([c.child, sex ?? '', dob, c.ethnicity ?? '', c.upn ?? '', mother.mother, mother.childBorn]);
    for (const e of own) {
      out.episodes.push([
        c.child,
        dfeDate(e.startDate),
        e.reasonNewEpisode ?? '',
        e.legalStatus,
        e.categoryOfNeed ?? '',
        e.placementType,
        e.placementProvider ?? '',
        e.endDate ? dfeDate(e.endDate) : '',
        e.reasonEnded ?? '',
        e.reasonPlaceChange ?? '',
        e.homePostcode ?? '',
        e.placementPostcode ?? '',
        e.urn ?? '',
      ]);
      if (!e.reasonNewEpisode) at('episodes.csv', 'RNE', `No reason for the episode of ${dfeDate(e.startDate)}`);
      if (!e.categoryOfNeed)
        at('episodes.csv', 'CIN', `No category of need for the episode of ${dfeDate(e.startDate)}`);
    }
    if (own.length) {
      out.reviews.push(...reviewsInYear(c, year).map((r) => [c.child, dob, dfeDate(r.reviewedOn), r.participation]));
      out.missing.push(
        ...missingInYear(c, year).map((m) => [
          c.child,
          dob,
          m.kind,
          dfeDate(m.startDate),
          m.endDate ? dfeDate(m.endDate) : '',
        ]),
      );
    }
    if (own.length && c.unaccompaniedAsylumSeeking)
      out.uasc.push([c.child, sex ?? '', dob, dfeDate(birthday(c.dateOfBirth, 18))]);
    if (oc3) {
      const r = oc3.row;
      out.oc3.push([r.child, dfeDate(r.dateOfBirth), r.inTouch, r.activity, r.accommodation]);
      out.problems.push(...oc3.problems);
    }
  }
  return out;
}
