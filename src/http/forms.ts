// One helper turns schema issues into the GOV.UK error summary and field messages,
// and the same messages into a JSON problem body for the API.
import type { z } from 'zod';

export type FormErrors = {
  summary: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
};

export function toFormErrors(fieldErrors: Record<string, string>): FormErrors {
  return {
    summary: Object.entries(fieldErrors).map(([field, text]) => ({ text, href: `#${field}` })),
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
