// Which care-leaver category a young person is in on a given day, by which
// legal route, and from when — the algorithm of reference §2.3.
// Precedence: eligible > relevant > former relevant > qualifying > none.

import { addDays, addMonths, birthday, compareDates, latest, type IsoDate } from './dates.ts';
import {
  daysLookedAfter,
  firstDayThirteenWeeksMet,
  isLookedAfterOn,
  isShortBreak,
  lastCareEnd,
  shortBreaksExceedReg48,
  THIRTEEN_WEEKS_IN_DAYS,
  type CareEpisode,
} from './episodes.ts';
import { DEFAULT_POLICY, type LocalPolicy } from './policy.ts';
import type { FlagCode, RuleId } from './rules.ts';
import { coreSupportEndsOn } from './timescales.ts';

export type CareLeaverCategory =
  | 'LOOKED_AFTER_UNDER_16'
  | 'LOOKED_AFTER_NOT_YET_ELIGIBLE'
  | 'ELIGIBLE'
  | 'RELEVANT'
  | 'FORMER_RELEVANT'
  | 'FORMER_RELEVANT_21_TO_25'
  | 'QUALIFYING'
  | 'NOT_ELIGIBLE_SHORT_BREAKS'
  | 'NONE';

/** The provision that puts the young person in their category. */
export type LegalRoute =
  | 'PARA19B'
  | 'S23A'
  | 'REG3_DETENTION'
  | 'S23C_1A'
  | 'S23C_1B'
  | 'S24_1A'
  | 'S24_1B'
  | 'REG40_2_SHORT_BREAKS';

export interface CareHistory {
  readonly dateOfBirth: IsoDate;
  readonly asOf: IsoDate;
  readonly episodes: readonly CareEpisode[];
  /** Living with a parent or person with parental responsibility since (null: not living with them now). */
  readonly homeWithParentSince?: IsoDate | null;
  readonly detainedOrInHospitalOn16thBirthday?: boolean | null;
  /** Last day (exclusive) of the education or training programme set out in the pathway plan. */
  readonly educationProgrammeEndsOn?: IsoDate | null;
  /** Date a special guardianship order was made. */
  readonly sgoMadeOn?: IsoDate | null;
}

export interface Birthdays {
  readonly b14: IsoDate;
  readonly b16: IsoDate;
  readonly b18: IsoDate;
  readonly b21: IsoDate;
  readonly b25: IsoDate;
}

export interface CategoryDerivation {
  readonly category: CareLeaverCategory;
  readonly route: LegalRoute | null;
  readonly rules: RuleId[];
  readonly flags: FlagCode[];
  /** First day eligible; projected while looked after and not yet eligible. */
  readonly eligibleFrom: IsoDate | null;
  readonly eligibleFromIsProjected: boolean;
  /** Start of the (latest) relevant-child period, where the route passes through it. */
  readonly relevantFrom: IsoDate | null;
  /** The 18th birthday, where the young person is, was or (on current facts) will be a former relevant child. */
  readonly formerRelevantFrom: IsoDate | null;
  /** s23C(6),(7): day core duties end — the 21st birthday, later while a planned programme runs, never past 25. */
  readonly coreSupportEndsOn: IsoDate | null;
  readonly birthdays: Birthdays;
}

export function birthdaysOf(dateOfBirth: IsoDate, policy: LocalPolicy = DEFAULT_POLICY): Birthdays {
  const at = (age: number) => birthday(dateOfBirth, age, policy.leapDayBirthday);
  return { b14: at(14), b16: at(16), b18: at(18), b21: at(21), b25: at(25) };
}

const before = (a: IsoDate, b: IsoDate) => compareDates(a, b) < 0;
const onOrBefore = (a: IsoDate, b: IsoDate) => compareDates(a, b) <= 0;

/**
 * Derives the category on `asOf` (Children Act 1989 Sch 2 para 19B, s23A,
 * s23C, s23CZB, s24; CPPCR 2010 regs 40 and 48; Care Leavers (England) Regs
 * 2010 reg 3), with the rule ids and flags behind it.
 */
export function deriveCategory(history: CareHistory, policy: LocalPolicy = DEFAULT_POLICY): CategoryDerivation {
  const { asOf } = history;
  const b = birthdaysOf(history.dateOfBirth, policy);
  // Episodes that start after asOf have not happened yet on that day.
  const episodes = history.episodes.filter((e) => onOrBefore(e.start, asOf));
  const care = episodes.filter((e) => !isShortBreak(e));
  const flags: FlagCode[] = [];
  if (shortBreaksExceedReg48(episodes, asOf, policy.shortBreakMaxSingleStayDays))
    flags.push('short-break-exceeds-reg48-limits');

  const result = (
    category: CareLeaverCategory,
    route: LegalRoute | null,
    rules: RuleId[],
    dates: Partial<
      Pick<
        CategoryDerivation,
        'eligibleFrom' | 'eligibleFromIsProjected' | 'relevantFrom' | 'formerRelevantFrom' | 'coreSupportEndsOn'
      >
    > = {},
  ): CategoryDerivation => ({
    category,
    route,
    rules,
    flags,
    eligibleFrom: dates.eligibleFrom ?? null,
    eligibleFromIsProjected: dates.eligibleFromIsProjected ?? false,
    relevantFrom: dates.relevantFrom ?? null,
    formerRelevantFrom: dates.formerRelevantFrom ?? null,
    coreSupportEndsOn: dates.coreSupportEndsOn ?? null,
    birthdays: b,
  });
  const towardsFormerRelevant = (eligibleFrom: IsoDate | null) =>
    eligibleFrom
      ? {
          formerRelevantFrom: b.b18,
          coreSupportEndsOn: coreSupportEndsOn(history.dateOfBirth, history.educationProgrammeEndsOn ?? null, policy),
        }
      : {};

  // Short breaks only: CPPCR reg 40(2) — not eligible; s24 status is possible but not asserted.
  if (episodes.length > 0 && care.length === 0) {
    if (!before(asOf, b.b21)) return result('NONE', null, []);
    const breakAfter16 = episodes.some((e) => before(e.start, b.b18) && (e.end === null || before(b.b16, e.end)));
    if (breakAfter16 && !before(asOf, b.b16)) flags.push('short-breaks-possible-s24');
    return result('NOT_ELIGIBLE_SHORT_BREAKS', 'REG40_2_SHORT_BREAKS', ['REG40_2_SHORT_BREAKS']);
  }

  // 1. Looked after now and under 18: para 19B, CPPCR reg 40.
  const firstEligibleDay = firstDayThirteenWeeksMet(care, b.b14, b.b16, b.b18);
  if (before(asOf, b.b18) && isLookedAfterOn(care, asOf)) {
    const projected = firstEligibleDay === null || before(asOf, firstEligibleDay);
    const dates = {
      eligibleFrom: firstEligibleDay,
      eligibleFromIsProjected: projected && firstEligibleDay !== null,
      ...towardsFormerRelevant(firstEligibleDay),
    };
    if (before(asOf, b.b16)) return result('LOOKED_AFTER_UNDER_16', null, ['PARA19B', 'CPPCR_REG40'], dates);
    if (!projected) return result('ELIGIBLE', 'PARA19B', ['PARA19B', 'CPPCR_REG40'], dates);
    if (firstEligibleDay === null) flags.push('cannot-become-eligible-before-18');
    return result('LOOKED_AFTER_NOT_YET_ELIGIBLE', null, ['PARA19B', 'CPPCR_REG40'], dates);
  }

  // Facts about the last time in care.
  const left = lastCareEnd(care); // null: never in care, or still in care (only possible here at 18+)
  const eligibleAtExit =
    left !== null && !before(addDays(left, -1), b.b16) && daysLookedAfter(care, b.b14, left) >= THIRTEEN_WEEKS_IN_DAYS;
  const detentionClaimed = history.detainedOrInHospitalOn16thBirthday === true;
  const detentionRoute =
    detentionClaimed &&
    left !== null &&
    onOrBefore(left, b.b16) &&
    daysLookedAfter(care, b.b14, left) >= THIRTEEN_WEEKS_IN_DAYS;
  if (detentionClaimed && !detentionRoute && !eligibleAtExit && !before(asOf, b.b16))
    flags.push('detention-route-not-met');
  // Reg 3: 6 continuous months at home after leaving care; the clock cannot start before care ended.
  const homeSixMonthsOn =
    history.homeWithParentSince && left ? addMonths(latest(history.homeWithParentSince, left) ?? left, 6) : null;
  const historicEligibleFrom = firstEligibleDay ?? (eligibleAtExit ? left : null);
  // §2.2(4): care ending on the 16th birthday gives no day after 16 — excluded, but escalate.
  if (
    left === b.b16 &&
    !detentionRoute &&
    daysLookedAfter(care, b.b14, left) >= THIRTEEN_WEEKS_IN_DAYS &&
    before(asOf, b.b25)
  ) {
    flags.push('ended-on-16th-birthday-escalate');
  }

  // 2. Relevant: 16 or 17, not looked after (s23A; Care Leavers Regs reg 3).
  if (!before(asOf, b.b16) && before(asOf, b.b18) && left !== null && (eligibleAtExit || detentionRoute)) {
    const relevantFrom = eligibleAtExit ? left : b.b16;
    const eligibleFrom = eligibleAtExit ? historicEligibleFrom : null;
    if (homeSixMonthsOn && onOrBefore(homeSixMonthsOn, asOf)) {
      flags.push('relevant-status-suspended-home-6-months');
      return result('QUALIFYING', 'S24_1B', ['REG3_HOME_6M', 'S24_1B'], {
        eligibleFrom,
        relevantFrom,
        coreSupportEndsOn: b.b21,
      });
    }
    const route: LegalRoute = eligibleAtExit ? 'S23A' : 'REG3_DETENTION';
    return result('RELEVANT', route, [route], { eligibleFrom, relevantFrom, ...towardsFormerRelevant(relevantFrom) });
  }

  // 3. Former relevant: 18 or over (s23C).
  if (!before(asOf, b.b18)) {
    const lookedAfterAt18 =
      care.some((e) => before(e.start, b.b18) && (e.end === null || !before(e.end, b.b18))) &&
      daysLookedAfter(care, b.b14, b.b18) >= THIRTEEN_WEEKS_IN_DAYS;
    const homeSixMonthsBefore18 = homeSixMonthsOn !== null && before(homeSixMonthsOn, b.b18);
    const wasRelevant = !lookedAfterAt18 && left !== null && before(left, b.b18) && (eligibleAtExit || detentionRoute);
    if (lookedAfterAt18 || (wasRelevant && !homeSixMonthsBefore18)) {
      const route: LegalRoute = lookedAfterAt18 ? 'S23C_1B' : 'S23C_1A';
      const dates = {
        eligibleFrom: lookedAfterAt18 ? (firstEligibleDay ?? b.b18) : eligibleAtExit ? historicEligibleFrom : null,
        relevantFrom: lookedAfterAt18 ? null : eligibleAtExit ? left : b.b16,
        formerRelevantFrom: b.b18,
        coreSupportEndsOn: coreSupportEndsOn(history.dateOfBirth, history.educationProgrammeEndsOn ?? null, policy),
      };
      if (before(asOf, b.b21)) return result('FORMER_RELEVANT', route, [route], dates);
      if (before(asOf, dates.coreSupportEndsOn)) return result('FORMER_RELEVANT', route, [route, 'S23C_7'], dates);
      if (before(asOf, b.b25)) return result('FORMER_RELEVANT_21_TO_25', route, [route, 'S23CZB'], dates);
      flags.push('aged-25-support-ended');
      return result('NONE', null, [], dates);
    }
    if (wasRelevant && homeSixMonthsBefore18 && before(asOf, b.b21)) {
      flags.push('relevant-status-suspended-home-6-months');
      return result('QUALIFYING', 'S24_1B', ['REG3_HOME_6M', 'S24_1B'], {
        eligibleFrom: eligibleAtExit ? historicEligibleFrom : null,
        relevantFrom: eligibleAtExit ? left : b.b16,
        coreSupportEndsOn: b.b21,
      });
    }
  }

  // 4. Qualifying (s24), under 21 and not looked after now.
  if (before(asOf, b.b21) && !isLookedAfterOn(episodes, asOf)) {
    const sgo = history.sgoMadeOn;
    if (sgo && !before(asOf, b.b16) && onOrBefore(sgo, asOf) && isLookedAfterOn(care, addDays(sgo, -1))) {
      return result('QUALIFYING', 'S24_1A', ['S24_1A'], { coreSupportEndsOn: b.b21 });
    }
    // s24(1B): looked after on some day on or after the 16th birthday, while still a child.
    if (episodes.some((e) => before(e.start, b.b18) && (e.end === null || before(b.b16, e.end)))) {
      return result('QUALIFYING', 'S24_1B', ['S24_1B'], { coreSupportEndsOn: b.b21 });
    }
  }

  return result('NONE', null, []);
}
