// The young person's companion (issue 12 §1, §2): check-ins, help requests and office hours. Pure rules;
// the words a young person sees live in src/locales, keyed by the values here.
import { ukDate } from './clock.ts';
import { addWorkingDays, isWorkingDay, type BankHolidays, type IsoDate } from './statutory/index.ts';

/** "How are things?" on a 5-point scale: 1 really bad … 5 really good. */
export const FEELINGS = [5, 4, 3, 2, 1] as const;
export type Feeling = (typeof FEELINGS)[number];

/** What a check-in may be about (issue 12 §1). */
export const CHECK_IN_TOPICS = ['money', 'home', 'health', 'work', 'people', 'other'] as const;
export type CheckInTopic = (typeof CHECK_IN_TOPICS)[number];

export const CHECK_IN_WORDS_LIMIT = 2000;
export const MESSAGE_LIMIT = 5000;
export const SUBJECT_LIMIT = 200;

/**
 * When staff must answer something a young person raised on `raisedOn`: the next working day (issue 12
 * §1: "I need help" is due the next working day; §2 holds a message to the same). Raised on a Friday,
 * a weekend or the day before a bank holiday, it is due on the next day that is neither.
 */
export function answerDueOn(raisedOn: IsoDate, bankHolidays: BankHolidays): IsoDate {
  return addWorkingDays(raisedOn, 1, bankHolidays);
}

export type OfficeHours = { opens: string; closes: string };
export const DEFAULT_OFFICE_HOURS: OfficeHours = { opens: '09:00', closes: '17:00' };

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The UK clock time of an instant, as HH:MM. */
export function ukTime(instant: Date): string {
  return UK_TIME.format(instant);
}

/**
 * Is the office open at this instant? Working days (not weekends or bank holidays in England and
 * Wales), from the council's opening time up to (not including) its closing time, UK local time.
 */
export function officeOpen(instant: Date, hours: OfficeHours, bankHolidays: BankHolidays): boolean {
  if (!isWorkingDay(ukDate(instant), bankHolidays)) return false;
  const time = ukTime(instant);
  return time >= hours.opens && time < hours.closes;
}

/** A 24-hour clock time, as the office-hours settings take. */
export const isClockTime = (value: string) => /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(value);

/** A UK phone number as people write it: digits, spaces and an optional leading +, 3 to 20 digits. */
export const isPhoneNumber = (value: string) => /^\+?[0-9 ]{3,25}$/.test(value) && /[0-9]{3}/.test(value);
