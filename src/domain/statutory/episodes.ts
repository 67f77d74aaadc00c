// Counting time looked after, the 903 way: an episode runs from its start
// (DECOM, first day looked after) to its end (DEC, exclusive), so it counts
// DEC − DECOM days; an open episode runs on (reference §2.2(2)).

import { addMonths, toDayNumber, fromDayNumber, type IsoDate } from './dates.ts';

export interface CareEpisode {
  readonly start: IsoDate;
  /** Exclusive, as the 903 DEC; null while the episode is open. */
  readonly end: IsoDate | null;
  readonly legalStatus?: string | null;
  /** Set when the episode is part of a pre-planned series of short breaks. */
  readonly shortBreak?: boolean | null;
}

/** CPPCR 2010 reg 40(1): the prescribed period is 13 weeks. */
export const THIRTEEN_WEEKS_IN_DAYS = 91;

/** CPPCR 2010 reg 48: short breaks total no more than 75 days in any 12 months. */
export const SHORT_BREAK_MAX_DAYS_IN_12_MONTHS = 75;

/** 903 legal statuses V3/V4 mark a short-break series (CPPCR reg 48; reg 40(2) excludes them). */
export const SHORT_BREAK_LEGAL_STATUSES: readonly string[] = ['V3', 'V4'];

/** CPPCR 2010 reg 40(2), reg 48: a short-break episode never counts towards eligibility. */
export function isShortBreak(episode: CareEpisode): boolean {
  return (
    episode.shortBreak === true || SHORT_BREAK_LEGAL_STATUSES.includes((episode.legalStatus ?? '').trim().toUpperCase())
  );
}

/** A stretch of days looked after, as day numbers [from, to); to is Infinity while open. */
interface Span {
  from: number;
  to: number;
}

/**
 * Merges episodes into non-overlapping spans, so a day recorded twice (which
 * the 903 return does not allow) still counts once.
 */
function spansOf(episodes: readonly CareEpisode[]): Span[] {
  const sorted = episodes
    .map((e) => ({ from: toDayNumber(e.start), to: e.end === null ? Infinity : toDayNumber(e.end) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * Days looked after on or after `since` (the 14th birthday) and before `to`,
 * summed over episodes, short breaks excluded — §2.3 count(to), CPPCR reg 40(1).
 */
export function daysLookedAfter(episodes: readonly CareEpisode[], since: IsoDate, to: IsoDate): number {
  const [from, until] = [toDayNumber(since), toDayNumber(to)];
  let total = 0;
  for (const span of spansOf(episodes.filter((e) => !isShortBreak(e)))) {
    total += Math.max(0, Math.min(span.to, until) - Math.max(span.from, from));
  }
  return total;
}

/** Looked after on `date` (start ≤ date < end); pass short breaks in or not as the rule needs. */
export function isLookedAfterOn(episodes: readonly CareEpisode[], date: IsoDate): boolean {
  const day = toDayNumber(date);
  return spansOf(episodes).some((s) => s.from <= day && day < s.to);
}

/**
 * The first day in [from, until) on which the child is looked after and has
 * been looked after for 13 weeks since `since` (the 14th birthday): the day
 * after the 91st day (§2.2(3), CPPCR reg 40(1)). Open episodes are assumed to
 * run on, so for a child not yet eligible this is the projected date.
 */
export function firstDayThirteenWeeksMet(
  episodes: readonly CareEpisode[],
  since: IsoDate,
  from: IsoDate,
  until: IsoDate,
): IsoDate | null {
  const [start14, lower, upper] = [toDayNumber(since), toDayNumber(from), toDayNumber(until)];
  let counted = 0;
  for (const span of spansOf(episodes.filter((e) => !isShortBreak(e)))) {
    const countFrom = Math.max(span.from, start14);
    const reached = counted >= THIRTEEN_WEEKS_IN_DAYS ? span.from : countFrom + (THIRTEEN_WEEKS_IN_DAYS - counted);
    const candidate = Math.max(span.from, lower, reached);
    if (candidate < Math.min(span.to, upper)) return fromDayNumber(candidate);
    counted += Math.max(0, span.to - countFrom);
  }
  return null;
}

/** End (exclusive) of the last episode that counts, or null if any is still open or there are none. */
export function lastCareEnd(episodes: readonly CareEpisode[]): IsoDate | null {
  const spans = spansOf(episodes.filter((e) => !isShortBreak(e)));
  const last = spans[spans.length - 1];
  return last && Number.isFinite(last.to) ? fromDayNumber(last.to) : null;
}

/**
 * CPPCR 2010 reg 48: a short break longer than the single-stay cap, or short
 * breaks totalling more than 75 days in any 12 months, fall outside reg 48.
 * Returns true if the recorded short breaks break either limit (open episodes
 * are counted to `asOf`).
 */
export function shortBreaksExceedReg48(
  episodes: readonly CareEpisode[],
  asOf: IsoDate,
  maxSingleStayDays: number | null,
): boolean {
  const breaks = episodes
    .filter(isShortBreak)
    .map((e) => ({ from: toDayNumber(e.start), to: toDayNumber(e.end ?? asOf) }))
    .filter((s) => s.to > s.from);
  if (maxSingleStayDays !== null && breaks.some((s) => s.to - s.from > maxSingleStayDays)) return true;
  // The busiest 12-month window starts on the first day of some short break.
  return breaks.some((window) => {
    const windowEnd = toDayNumber(addMonths(fromDayNumber(window.from), 12));
    const days = breaks.reduce(
      (sum, s) => sum + Math.max(0, Math.min(s.to, windowEnd) - Math.max(s.from, window.from)),
      0,
    );
    return days > SHORT_BREAK_MAX_DAYS_IN_12_MONTHS;
  });
}
