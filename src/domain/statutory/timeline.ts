// The `pathway timeline` contract (reference §7) as pure functions: one parsed
// input object → one output object with every key present, and one raw JSON
// line → that output or {"error": "..."}.

import { compareDates, isIsoDate, type IsoDate } from './dates.ts';
import type { CareLeaverCategory } from './categories.ts';
import type { CareEpisode } from './episodes.ts';
import { DEFAULT_POLICY, type LocalPolicy } from './policy.ts';
import { deriveCareLeaverStatus } from './status.ts';
import { ENGLAND_AND_WALES } from './bank-holidays.ts';
import type { BankHolidays } from './dates.ts';
import type { ReviewTrigger } from './timescales.ts';

export type TimelineCategory =
  | 'looked-after-under-16'
  | 'looked-after-not-yet-eligible'
  | 'eligible'
  | 'relevant'
  | 'former-relevant'
  | 'former-relevant-21-to-25'
  | 'qualifying'
  | 'short-breaks-only'
  | 'none';

export const TIMELINE_CATEGORY: Readonly<Record<CareLeaverCategory, TimelineCategory>> = {
  LOOKED_AFTER_UNDER_16: 'looked-after-under-16',
  LOOKED_AFTER_NOT_YET_ELIGIBLE: 'looked-after-not-yet-eligible',
  ELIGIBLE: 'eligible',
  RELEVANT: 'relevant',
  FORMER_RELEVANT: 'former-relevant',
  FORMER_RELEVANT_21_TO_25: 'former-relevant-21-to-25',
  QUALIFYING: 'qualifying',
  NOT_ELIGIBLE_SHORT_BREAKS: 'short-breaks-only',
  NONE: 'none',
};

export interface TimelineInput {
  readonly dateOfBirth: IsoDate;
  readonly asOf: IsoDate;
  readonly episodes: readonly CareEpisode[];
  readonly lastReviewOn?: IsoDate | null;
  readonly hasPathwayPlan?: boolean | null;
  readonly homeWithParentSince?: IsoDate | null;
  readonly detainedOrInHospitalOn16thBirthday?: boolean | null;
  readonly requestedSupportAfter21?: boolean | null;
  readonly educationProgrammeEndsOn?: IsoDate | null;
  // Optional additions to §7 (absent = not known):
  readonly supportRequestedOn?: IsoDate | null;
  readonly significantChangeOn?: IsoDate | null;
  readonly reviewRequestedOn?: IsoDate | null;
  readonly sgoMadeOn?: IsoDate | null;
}

export interface TimelineOutput {
  category: TimelineCategory;
  eligibleFrom: IsoDate | null;
  relevantFrom: IsoDate | null;
  needsAssessmentDue: IsoDate | null;
  firstPlanDue: IsoDate | null;
  nextReviewDue: IsoDate | null;
  formerRelevantFrom: IsoDate | null;
  supportEndsOn: IsoDate | null;
  personalAdviserAvailableUntil: IsoDate | null;
  flags: string[];
  rules: string[];
}

export interface TimelineError {
  error: string;
}

export type TimelineParse = { ok: true; input: TimelineInput } | { ok: false; error: string };

const OPTIONAL_DATES = [
  'lastReviewOn',
  'homeWithParentSince',
  'educationProgrammeEndsOn',
  'supportRequestedOn',
  'significantChangeOn',
  'reviewRequestedOn',
  'sgoMadeOn',
] as const;
const OPTIONAL_BOOLEANS = ['hasPathwayPlan', 'detainedOrInHospitalOn16thBirthday', 'requestedSupportAfter21'] as const;

class BadInput extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function requiredDate(record: Record<string, unknown>, key: string, label = key): IsoDate {
  if (!(key in record) || record[key] === undefined || record[key] === null)
    throw new BadInput(`missing field: ${label}`);
  return date(record[key], label);
}

function date(value: unknown, label: string): IsoDate {
  if (!isIsoDate(value))
    throw new BadInput(`${label} is not a real date in the form YYYY-MM-DD: ${JSON.stringify(value)}`);
  return value;
}

function optional<T>(record: Record<string, unknown>, key: string, check: (v: unknown, label: string) => T): T | null {
  const value = record[key];
  return value === undefined || value === null ? null : check(value, key);
}

function bool(value: unknown, label: string): boolean {
  if (typeof value !== 'boolean') throw new BadInput(`${label} must be true, false or null: ${JSON.stringify(value)}`);
  return value;
}

function text(value: unknown, label: string): string {
  if (typeof value !== 'string') throw new BadInput(`${label} must be a string or null: ${JSON.stringify(value)}`);
  return value;
}

function episode(value: unknown, index: number, dateOfBirth: IsoDate): CareEpisode {
  const label = `episodes[${index}]`;
  if (!isObject(value)) throw new BadInput(`${label} must be an object with start and end`);
  const start = requiredDate(value, 'start', `${label}.start`);
  const end = optional(value, 'end', (v) => date(v, `${label}.end`));
  if (compareDates(start, dateOfBirth) < 0)
    throw new BadInput(`${label}.start (${start}) is before dateOfBirth (${dateOfBirth})`);
  if (end !== null && compareDates(end, start) < 0)
    throw new BadInput(`${label}.end (${end}) is before ${label}.start (${start})`);
  return {
    start,
    end,
    legalStatus: optional(value, 'legalStatus', (v) => text(v, `${label}.legalStatus`)),
    shortBreak: optional(value, 'shortBreak', (v) => bool(v, `${label}.shortBreak`)),
  };
}

/**
 * Validates one §7 input object. `asOf` may be the word "today", read as
 * `today` (the CLI passes the current date; the domain never reads a clock).
 */
export function parseTimelineInput(value: unknown, today?: IsoDate): TimelineParse {
  try {
    if (!isObject(value)) throw new BadInput('each line must be a JSON object');
    const dateOfBirth = requiredDate(value, 'dateOfBirth');
    const asOf = value.asOf === 'today' && today !== undefined ? date(today, 'today') : requiredDate(value, 'asOf');
    if (compareDates(asOf, dateOfBirth) < 0)
      throw new BadInput(`asOf (${asOf}) is before dateOfBirth (${dateOfBirth})`);
    if (!('episodes' in value) || value.episodes === undefined || value.episodes === null)
      throw new BadInput('missing field: episodes');
    if (!Array.isArray(value.episodes)) throw new BadInput('episodes must be an array');
    const episodes = value.episodes.map((e, i) => episode(e, i, dateOfBirth));

    const dates = Object.fromEntries(OPTIONAL_DATES.map((key) => [key, optional(value, key, date)]));
    const booleans = Object.fromEntries(OPTIONAL_BOOLEANS.map((key) => [key, optional(value, key, bool)]));
    return { ok: true, input: { dateOfBirth, asOf, episodes, ...dates, ...booleans } };
  } catch (error) {
    if (error instanceof BadInput) return { ok: false, error: error.message };
    throw error;
  }
}

/** §7: one young person's statutory position, every key present, null where it does not apply. */
export function timeline(
  input: TimelineInput,
  policy: LocalPolicy = DEFAULT_POLICY,
  bankHolidays: BankHolidays = ENGLAND_AND_WALES,
): TimelineOutput {
  const triggers: ReviewTrigger[] = [];
  if (input.significantChangeOn) triggers.push({ on: input.significantChangeOn, kind: 'SIGNIFICANT_CHANGE' });
  if (input.reviewRequestedOn) triggers.push({ on: input.reviewRequestedOn, kind: 'YOUNG_PERSON_REQUEST' });
  const s = deriveCareLeaverStatus({ ...input, reviewTriggers: triggers }, policy, bankHolidays);
  return {
    category: TIMELINE_CATEGORY[s.category],
    eligibleFrom: s.eligibleFrom,
    relevantFrom: s.relevantFrom,
    needsAssessmentDue: s.needsAssessmentDue,
    firstPlanDue: s.firstPlanDue,
    nextReviewDue: s.nextReviewDue,
    formerRelevantFrom: s.formerRelevantFrom,
    supportEndsOn: s.supportEndsOn,
    personalAdviserAvailableUntil: s.personalAdviserAvailableUntil,
    flags: [...s.flags],
    rules: [...s.rules],
  };
}

export function isTimelineError(value: TimelineOutput | TimelineError): value is TimelineError {
  return 'error' in value;
}

/** §7 line by line: a raw JSON line → the output object, or {"error": "..."} for bad input. */
export function timelineLine(
  line: string,
  today?: IsoDate,
  policy: LocalPolicy = DEFAULT_POLICY,
): TimelineOutput | TimelineError {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'line is not valid JSON' };
  }
  const parsed = parseTimelineInput(value, today);
  return parsed.ok ? timeline(parsed.input, policy) : { error: parsed.error };
}
