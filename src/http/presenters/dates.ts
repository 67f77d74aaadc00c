// Dates as people read them: "29 December 2026", never "2026-12-29". The views' date filters and any
// message built in a route (a success banner) use these, so a date reads the same everywhere.
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/** A calendar date ("2026-12-29") is a UK day, not an instant: read it at midnight UTC. */
function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value}T00:00:00Z`);
}

/** "29 December 2026". */
export const dateInWords = (v: string | Date | null | undefined): string => (v ? DATE.format(toDate(v)) : '');
/** "29 Dec 2026", for tables. */
export const shortDateInWords = (v: string | Date | null | undefined): string =>
  v ? SHORT_DATE.format(toDate(v)) : '';
/** "29 Dec 2026, 14:05", UK time. */
export const dateTimeInWords = (v: Date | null | undefined): string => (v ? DATE_TIME.format(v) : '');
