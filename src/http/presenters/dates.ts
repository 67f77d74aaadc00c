// Dates as people read them: "29 December 2026", never "2026-12-29". The views' date filters and any
// message built in a route (a success banner) use these, so a date reads the same everywhere.
// The Gregorian calendar the UK uses, in every language (Dari's and Pashto's own default is the Persian
// solar calendar).
const OPTIONS = {
  date: { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC', calendar: 'gregory' },
  shortDate: { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC', calendar: 'gregory' },
  dateTime: {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
    calendar: 'gregory',
  },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
const DATE = new Intl.DateTimeFormat('en-GB', OPTIONS.date);
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', OPTIONS.shortDate);
const DATE_TIME = new Intl.DateTimeFormat('en-GB', OPTIONS.dateTime);

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

// In a young person's language (issue 12 §5): the same dates in their words. English keeps the forms above.
const formats = new Map<string, Intl.DateTimeFormat>();
function localFormat(lang: string, kind: keyof typeof OPTIONS): Intl.DateTimeFormat {
  const key = `${lang} ${kind}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, OPTIONS[kind]);
    formats.set(key, format);
  }
  return format;
}
/** A date in words in a page's language. */
export function dateIn(
  lang: string | undefined,
  kind: keyof typeof OPTIONS,
  v: string | Date | null | undefined,
): string {
  const locale = !lang || lang === 'en' ? 'en-GB' : lang;
  return v ? localFormat(locale, kind).format(toDate(v)) : '';
}
