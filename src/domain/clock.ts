/** Time is passed in, never read from the machine inside domain rules or services. */
export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

// Made once: building an Intl.DateTimeFormat costs far more than formatting with one.
const UK_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** ISO date (YYYY-MM-DD) of an instant, in UK local time: the day a council works in. */
export function ukDate(instant: Date): string {
  return UK_DAY.format(instant);
}

/** Whole years between an ISO date of birth and an ISO date (age on that day). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
