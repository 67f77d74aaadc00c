// Dates as the plan PDF prints them: ISO dates as "5 March 2026" (or as the young person's language writes
// them, in the Gregorian calendar the UK uses); anything else ("Before my 18th birthday") as written.
const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONG_DATE_LONDON = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
});

function isoDay(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

function isoInstant(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function longDate(lang: string, timeZone: 'UTC' | 'Europe/London'): Intl.DateTimeFormat {
  if (lang === 'en' || lang === 'en-GB') return timeZone === 'UTC' ? LONG_DATE : LONG_DATE_LONDON;
  const key = `${lang} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone,
      calendar: 'gregory',
    });
    formats.set(key, format);
  }
  return format;
}

/** "2026-03-05" → "5 March 2026"; a timestamp → its date in London; other text unchanged. */
export function printDate(value: string, lang = 'en'): string {
  const day = isoDay(value);
  if (day) return longDate(lang, 'UTC').format(day);
  const instant = isoInstant(value);
  if (instant) return longDate(lang, 'Europe/London').format(instant);
  return value;
}

/** The document's creation date, from the model, not the clock, so the same plan always gives the same bytes. */
export function creationDate(generatedOn: string): Date {
  return isoDay(generatedOn) ?? isoInstant(generatedOn) ?? new Date(0);
}
