// Closing and reopening a case (issue 11 §3). Pure: the reasons a case closes for, and what is wrong
// with a closure or reopening as typed, in the words shown next to the field.
import { birthday as birthdayAt, earliest } from './statutory/dates.ts';

export const CLOSURE_REASONS = [
  'reached_25',
  'declined_after_21',
  'moved_council',
  'died',
  'transferred',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** What staff see for each reason, with the rule it rests on where there is one. */
export const CLOSURE_REASON_NAMES: Record<ClosureReason, string> = {
  reached_25: 'Reached 25: no more leaving care duties (Children Act 1989 s23CZB)',
  declined_after_21: 'Turned 21 and did not want support to 25 (Children Act 1989 s23C(6), s23CZB)',
  moved_council: 'Moved to another council’s area and support ended',
  died: 'Died',
  transferred: 'Transferred to another council or service',
  other: 'Other',
};

export type ClosureInput = { reason: ClosureReason; details: string; on: string };
export type Facts = {
  today: string;
  dateOfBirth: string;
  /** The day of the last closure or reopening, if any: a new one cannot go before it. */
  lastChangeOn: string | null;
};

function dateProblems(on: string, facts: Facts, label: string): Record<string, string> {
  if (on > facts.today) return { on: `${label} must be today or in the past` };
  if (on < facts.dateOfBirth) return { on: `${label} must be after their date of birth` };
  if (facts.lastChangeOn && on < facts.lastChangeOn)
    return { on: `${label} must be on or after the last time the case was closed or reopened` };
  return {};
}

/** What is wrong with closing a case on `input.on` for `input.reason`, by field. */
export function closureProblems(input: ClosureInput, facts: Facts): Record<string, string> {
  const out = dateProblems(input.on, facts, 'The date the case closed');
  if (input.reason === 'other' && !input.details.trim()) out.details = 'Say why the case is closing';
  // Leaving care duties last until the 25th birthday (s23CZB): closing for that reason before it is a mistake.
  if (input.reason === 'reached_25' && input.on < birthdayAt(facts.dateOfBirth, 25))
    out.reason = 'They are not 25 on that date: choose another reason or check the date';
  // Support after 21 is on request (s23CZB): before the 21st birthday the core duties still apply (s23C(6)).
  if (input.reason === 'declined_after_21' && input.on < birthdayAt(facts.dateOfBirth, 21))
    out.reason = 'They are not 21 on that date: choose another reason or check the date';
  return out;
}

/** What is wrong with reopening a case on `on` for `details`, by field. */
export function reopeningProblems(input: { details: string; on: string }, facts: Facts): Record<string, string> {
  const out = dateProblems(input.on, facts, 'The date the case reopened');
  if (!input.details.trim()) out.details = 'Say why the case is reopening';
  return out;
}

/** When a case is due to close, and why (issue 11 §3: closure as a due item). */
export type ClosureDue = { on: string; rule: string; why: string };

/**
 * How many days ahead a closure is shown as due (on the record page, and among what is due): three
 * months, time to plan the ending with the young person.
 */
export const CLOSURE_NOTICE_DAYS = 90;

/**
 * When an open case is due to close: the one rule behind the record page, the due items and the list of
 * late closures. Support from 21 to 25 is on request (Children Act 1989 s23CZB): someone who asked for it
 * is supported to their 25th birthday (`until25`; null for someone who is not a former relevant child,
 * who cannot ask). Otherwise the case is due to close when core support ends (s23C(6): the 21st birthday,
 * later while an education programme runs, s23C(7); s24 advice for a qualifying young person also ends at
 * 21), or on the day they said no if that was later; never after the 25th birthday. `coreSupportEndsOn`
 * is null for someone without leaving-care duties: no closure is due by these rules. A closed case is not due.
 */
export function closureDue(f: {
  closed: boolean;
  coreSupportEndsOn: string | null;
  until25: string | null;
  requestedOn: string | null;
  declinedOn: string | null;
}): ClosureDue | null {
  if (f.closed || !f.coreSupportEndsOn) return null;
  const asked = f.requestedOn !== null && (f.declinedOn === null || f.requestedOn > f.declinedOn);
  if (asked && f.until25)
    return {
      on: f.until25,
      rule: 'Children Act 1989 s23CZB',
      why: 'They asked for support to 25, which ends on their 25th birthday',
    };
  const declinedLater = f.declinedOn !== null && f.declinedOn > f.coreSupportEndsOn;
  const on = declinedLater ? f.declinedOn! : f.coreSupportEndsOn;
  return {
    on: earliest(on, f.until25 ?? on)!,
    rule: 'Children Act 1989 s23C(6), s23CZB',
    why: declinedLater
      ? 'They said they did not want support after 21'
      : 'Core support ends and they have not asked for support to 25',
  };
}

/** A closure is late once the day it was due has passed and the case is still open (Gloucestershire's audit). */
export function isClosureLate(due: ClosureDue | null, today: string): due is ClosureDue {
  return due !== null && due.on < today;
}

/** Care Planning, Placement and Case Review (England) Regulations 2010 reg 50: the case record is kept until the 75th birthday. */
export const RETENTION_RULE = 'CPPCR 2010 reg 50: case records are kept until the young person’s 75th birthday';

/** The day a young person's record may be deleted (reg 50): their 75th birthday. */
export function retentionEndsOn(dateOfBirth: string): string {
  return birthdayAt(dateOfBirth, 75);
}

/**
 * What an administrator types to confirm deleting records past their keeping: the number, so the one
 * deleting reads how many they chose (GOV.UK's pattern for an action that cannot be undone).
 */
export function erasurePhrase(count: number): string {
  return `delete ${count} ${count === 1 ? 'record' : 'records'}`;
}

/** Whether `typed` confirms deleting `count` records: the phrase, ignoring case and extra spaces. */
export function confirmsErasure(typed: string, count: number): boolean {
  return count > 0 && typed.trim().replace(/\s+/g, ' ').toLowerCase() === erasurePhrase(count);
}
