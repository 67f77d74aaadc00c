// Reminders by email or text (issue 12 §3): which reminders there are, who may get them, when the
// time-based ones fall due, and which GOV.UK Notify template each uses. Pure: no database, no network.
import { createHash } from 'node:crypto';
import { addDays, type IsoDate } from './statutory/dates.ts';
import type { DueItem } from './statutory/due.ts';

/** A plan ready to read or sign; a review in 4 weeks; a help request seen; a worker's weekly digest. */
export const REMINDER_KINDS = ['plan_ready', 'review_soon', 'help_seen', 'weekly_digest'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** How a person wants to be contacted: by email, by text message, or not at all. */
export const CHANNELS = ['email', 'sms', 'none'] as const;
export type Channel = (typeof CHANNELS)[number];

export type ContactPreference = { channel: Channel; email: string | null; phone: string | null };

/** Until a person chooses, nothing is sent to them (UK GDPR art. 6, PECR reg 22: contact by consent). */
export const NO_CONTACT: ContactPreference = { channel: 'none', email: null, phone: null };

/** Who each reminder is for: the first three go to the young person, the digest to a member of staff. */
export const RECIPIENT_OF: Record<ReminderKind, 'young_person' | 'staff'> = {
  plan_ready: 'young_person',
  review_soon: 'young_person',
  help_seen: 'young_person',
  weekly_digest: 'staff',
};

/** Where a message goes by the person's choice, or null: never against it (issue 12 §3). */
export function addressFor(preference: ContactPreference): { channel: 'email' | 'sms'; to: string } | null {
  if (preference.channel === 'email' && preference.email) return { channel: 'email', to: preference.email };
  if (preference.channel === 'sms' && preference.phone) return { channel: 'sms', to: preference.phone };
  return null;
}

/** How far ahead a young person hears of their review (issue 12 §3: "a review coming up in 4 weeks"). */
export const REVIEW_NOTICE_DAYS = 28;

/** The due items that are a review of their pathway plan (Care Leavers (England) Regs 2010 reg 7). */
const REVIEW_CODES = new Set<DueItem['code']>(['REVIEW', 'UNSCHEDULED_REVIEW']);

/** The review a young person should hear of today: one due exactly REVIEW_NOTICE_DAYS from today. */
export function reviewToRemind(due: readonly DueItem[], today: IsoDate): DueItem | null {
  const on = addDays(today, REVIEW_NOTICE_DAYS);
  return due.find((item) => REVIEW_CODES.has(item.code) && item.on === on) ?? null;
}

/** What a worker's weekly digest counts: items overdue before today. */
export type DigestCounts = { helpRequests: number; replies: number; statutory: number };
export const digestTotal = (c: DigestCounts) => c.helpRequests + c.replies + c.statutory;

/** Statutory items overdue today: due before it. */
export const overdueItems = (due: readonly DueItem[], today: IsoDate) => due.filter((item) => item.on < today);

/**
 * A job's id made from what it is about (the young person and the review's date; the worker and the
 * week): the queue keeps one job per id, so running a schedule twice never queues a reminder twice.
 */
export function jobIdFor(key: string): string {
  const h = createHash('sha256').update(`pathway-reminder:${key}`).digest('hex');
  // Laid out as a UUID (version 5 and variant bits set), as the queue's id column wants.
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The Monday of the week a day falls in (the digest's week). */
export function weekOf(day: IsoDate): IsoDate {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The environment variable that holds the Notify template id for a reminder sent one way. */
export const templateVariable = (kind: ReminderKind, channel: 'email' | 'sms') =>
  `NOTIFY_TEMPLATE_${kind.toUpperCase()}_${channel.toUpperCase()}`;

/** A UK mobile or landline number as a person types it: digits, spaces, an optional leading +. */
export const isPhoneNumber = (value: string) =>
  /^\+?[0-9 ()-]{7,20}$/.test(value) && value.replace(/[^0-9]/g, '').length >= 10;
