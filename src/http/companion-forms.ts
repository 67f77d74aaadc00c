// The young person's companion forms (issue 12 §1, §2). Messages are translation keys (src/locales),
// turned into words in the page's language by the route.
import { z } from 'zod';
import {
  CHECK_IN_TOPICS,
  CHECK_IN_WORDS_LIMIT,
  FEELINGS,
  isClockTime,
  isPhoneNumber,
  MESSAGE_LIMIT,
  SUBJECT_LIMIT,
  type Feeling,
} from '../domain/companion.ts';
import { CHANNELS, isPhoneNumber as isReminderPhone } from '../domain/reminders.ts';
import { toFormErrors, type FormErrors } from './forms.ts';
import type { Translate } from './i18n.ts';

/** A checkbox group arrives as nothing, one string or many. */
const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const ticked = z
  .string()
  .optional()
  .transform((v) => v === 'yes');

export const checkInSchema = z.object({
  feeling: z
    .string({ message: 'errors.feeling' })
    .refine((v) => (FEELINGS as readonly number[]).includes(Number(v)), 'errors.feeling')
    .transform((v) => Number(v) as Feeling),
  topics: many.pipe(z.array(z.enum(CHECK_IN_TOPICS, { message: 'errors.topics' }))),
  words: z
    .string()
    .optional()
    .default('')
    .transform((v) => v.trim())
    .pipe(z.string().max(CHECK_IN_WORDS_LIMIT, 'errors.words')),
  needsHelp: ticked,
  notSafe: ticked,
});

const bodyField = z
  .string({ message: 'errors.body' })
  .transform((v) => v.trim())
  .pipe(z.string().min(1, 'errors.body').max(MESSAGE_LIMIT, 'errors.bodyLong'));

export const replySchema = z.object({ body: bodyField });
export const newThreadSchema = z.object({
  to: z.string({ message: 'errors.to' }).min(1, 'errors.to'),
  subject: z
    .string({ message: 'errors.subject' })
    .transform((v) => v.trim())
    .pipe(z.string().min(1, 'errors.subject').max(SUBJECT_LIMIT, 'errors.subjectLong')),
  body: bodyField,
});

export const contactSettingsSchema = z
  .object({
    outOfHoursPhone: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim())
      .refine((v) => v === '' || isPhoneNumber(v), 'Enter a phone number, like 0300 123 4567')
      .transform((v) => v || null),
    officeOpens: z.string().trim().refine(isClockTime, 'Enter the opening time as 24-hour time, like 09:00'),
    officeCloses: z.string().trim().refine(isClockTime, 'Enter the closing time as 24-hour time, like 17:00'),
  })
  .refine((v) => v.officeOpens < v.officeCloses, {
    message: 'The closing time must be after the opening time',
    path: ['officeCloses'],
  });

/** A form's field errors, whose messages are translation keys, in words for the error summary. */
export function translatedErrors(fieldErrors: Record<string, string>, t: Translate): FormErrors {
  return toFormErrors(Object.fromEntries(Object.entries(fieldErrors).map(([field, key]) => [field, t(key)])));
}

/** How a person wants to be contacted (issue 12 §3): the address asked for is the one the way needs. */
export const contactPreferenceSchema = z
  .object({
    channel: z.enum(CHANNELS, { message: 'reminders:errors.channel' }),
    email: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim()),
    phone: z
      .string()
      .optional()
      .default('')
      .transform((v) => v.trim()),
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'email' && !z.email().max(320).safeParse(v.email).success)
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'reminders:errors.email' });
    if (v.channel === 'sms' && !isReminderPhone(v.phone))
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'reminders:errors.phone' });
  })
  .transform((v) => ({
    channel: v.channel,
    // Only the address the chosen way needs is kept: choosing "none" forgets both.
    email: v.channel === 'email' ? v.email : null,
    phone: v.channel === 'sms' ? v.phone : null,
  }));
