// One helper turns schema issues into the GOV.UK error summary and field messages,
// and the same messages into a JSON problem body for the API.
import type { z } from 'zod';

export type FormErrors = {
  summary: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
};

/** GOV.UK error summary items link to the field; a date input links to its day box. */
export function toFormErrors(fieldErrors: Record<string, string>, dateFields: readonly string[] = []): FormErrors {
  return {
    summary: Object.entries(fieldErrors).map(([field, text]) => ({
      text,
      href: dateFields.includes(field) ? `#${field}-day` : `#${field}`,
    })),
    fields: Object.fromEntries(Object.entries(fieldErrors).map(([field, text]) => [field, { text }])),
  };
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FormErrors; fieldErrors: Record<string, string> };

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, errors: toFormErrors(fieldErrors), fieldErrors };
}

/** Form bodies arrive as strings; a missing text field is an empty string. */
export const text = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

export type DateField = {
  value: string | null;
  error: string | null;
  raw: { day: string; month: string; year: string };
};

/**
 * A GOV.UK date input (name-day, name-month, name-year) as an ISO date, with the GOV.UK
 * pattern's error messages. Empty and not required: value null, no error.
 */
export function dateField(body: unknown, name: string, label: string, options: { required?: boolean } = {}): DateField {
  const raw = {
    day: text(body, `${name}-day`).trim(),
    month: text(body, `${name}-month`).trim(),
    year: text(body, `${name}-year`).trim(),
  };
  const empty = !raw.day && !raw.month && !raw.year;
  if (empty) return { value: null, error: options.required ? `Enter ${label.toLowerCase()}` : null, raw };
  const missing = (['day', 'month', 'year'] as const).filter((p) => !raw[p]);
  if (missing.length) return { value: null, error: `${label} must include a ${missing.join(' and a ')}`, raw };
  const [d, m, y] = [raw.day, raw.month, raw.year].map((v) => (/^\d+$/.test(v) ? Number(v) : NaN));
  if (!(y >= 1900 && y <= 2100) || raw.year.length !== 4)
    return { value: null, error: `${label} must include a year with 4 numbers, like 2026`, raw };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    Number.isNaN(date.getTime()) ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d
  ) {
    return { value: null, error: `${label} must be a real date`, raw };
  }
  return { value: date.toISOString().slice(0, 10), error: null, raw };
}

/** Values for a GOV.UK date input from an ISO date. */
export function dateParts(iso: string | null | undefined) {
  if (!iso) return { day: '', month: '', year: '' };
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
