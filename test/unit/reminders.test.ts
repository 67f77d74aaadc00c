// The rules of reminders (issue 12 §3), table by table: a message goes only the way the person chose
// (or not at all), a review is reminded exactly 4 weeks ahead, a digest counts only what is overdue,
// and a schedule's job id is the same however often it runs. Also Notify's settings, all or none.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import {
  addressFor,
  isPhoneNumber,
  jobIdFor,
  overdueItems,
  reviewToRemind,
  templateVariable,
  weekOf,
} from '../../src/domain/reminders.ts';
import type { DueItem } from '../../src/domain/statutory/due.ts';

describe('addressFor: never against the person’s choice (issue 12 §3)', () => {
  it.each([
    [
      'email chosen',
      { channel: 'email', email: 'a@example.com', phone: '07700900982' },
      { channel: 'email', to: 'a@example.com' },
    ],
    [
      'text chosen',
      { channel: 'sms', email: 'a@example.com', phone: '07700900982' },
      { channel: 'sms', to: '07700900982' },
    ],
    [
      'none chosen, addresses kept from before',
      { channel: 'none', email: 'a@example.com', phone: '07700900982' },
      null,
    ],
    ['email chosen without an address', { channel: 'email', email: null, phone: '07700900982' }, null],
    ['text chosen without a number', { channel: 'sms', email: 'a@example.com', phone: null }, null],
  ] as const)('%s', (_name, preference, expected) => {
    expect(addressFor(preference)).toEqual(expected);
  });
});

const item = (code: DueItem['code'], on: string): DueItem => ({ code, label: code, on, rule: 'r', why: 'w' });

describe('reviewToRemind: a review of the pathway plan due in exactly 28 days (Care Leavers Regs 2010 reg 7)', () => {
  it.each([
    ['a regular review 28 days ahead', [item('REVIEW', '2026-12-21')], 'REVIEW'],
    ['a review asked for, 28 days ahead', [item('UNSCHEDULED_REVIEW', '2026-12-21')], 'UNSCHEDULED_REVIEW'],
    ['27 days ahead: already told, or too late to tell', [item('REVIEW', '2026-12-20')], null],
    ['29 days ahead: tomorrow', [item('REVIEW', '2026-12-22')], null],
    ['not a review: an adviser visit', [item('ADVISER_VISIT', '2026-12-21')], null],
    ['an accommodation review is not their plan’s review', [item('ACCOMMODATION_REVIEW', '2026-12-21')], null],
  ] as const)('%s', (_name, due, expected) => {
    expect(reviewToRemind(due, '2026-11-23')?.code ?? null).toBe(expected);
  });
});

describe('overdueItems: due before today, not on it', () => {
  it('counts only days before today', () => {
    const due = [item('REVIEW', '2026-11-22'), item('ADVISER_VISIT', '2026-11-23'), item('FIRST_PLAN', '2026-11-24')];
    expect(overdueItems(due, '2026-11-23').map((d) => d.code)).toEqual(['REVIEW']);
  });
});

describe('jobIdFor and weekOf: a schedule run twice queues the same job', () => {
  it('the same key gives the same UUID, another key another', () => {
    expect(jobIdFor('review_soon:a:2026-12-21')).toBe(jobIdFor('review_soon:a:2026-12-21'));
    expect(jobIdFor('review_soon:a:2026-12-21')).not.toBe(jobIdFor('review_soon:a:2026-12-22'));
    expect(jobIdFor('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it.each([
    ['a Monday is its own week', '2026-11-23', '2026-11-23'],
    ['a Wednesday', '2026-11-25', '2026-11-23'],
    ['a Sunday ends the week begun on Monday', '2026-11-29', '2026-11-23'],
  ])('%s', (_name, day, monday) => {
    expect(weekOf(day)).toBe(monday);
  });
});

describe('isPhoneNumber', () => {
  it.each([
    ['07700 900 982', true],
    ['+44 7700 900982', true],
    ['(0113) 496 0000', true],
    ['12', false],
    ['call me', false],
    ['0770090098212345678901', false],
  ])('%s', (value, ok) => {
    expect(isPhoneNumber(value)).toBe(ok);
  });
});

describe('GOV.UK Notify settings', () => {
  const KEY = 'pathway-11111111-2222-4333-8444-555555555555-66666666-7777-4888-8999-000000000000';
  const templates = Object.fromEntries(
    (['plan_ready', 'review_soon', 'help_seen', 'weekly_digest'] as const).flatMap((kind, k) =>
      (['email', 'sms'] as const).map((channel, c) => [
        templateVariable(kind, channel),
        `0000000${k}-0000-4000-8000-00000000000${c}`,
      ]),
    ),
  );

  it('without a key, nothing is sent: the demo outbox', () => {
    expect(loadConfig({}).notify).toBeNull();
  });
  it('with a key and every template id', () => {
    const notify = loadConfig({ NOTIFY_API_KEY: KEY, ...templates }).notify;
    expect(notify?.templates['help_seen/sms']).toBe('00000002-0000-4000-8000-000000000001');
    expect(notify?.baseUrl).toBeUndefined();
  });
  it('refuses a key that is not a Notify key', () => {
    expect(() => loadConfig({ NOTIFY_API_KEY: 'secret', ...templates })).toThrow(/must be a GOV.UK Notify API key/);
  });
  it('refuses a key without every template id, naming the missing ones', () => {
    const { NOTIFY_TEMPLATE_WEEKLY_DIGEST_SMS: _dropped, ...rest } = templates;
    expect(() => loadConfig({ NOTIFY_API_KEY: KEY, ...rest })).toThrow(/NOTIFY_TEMPLATE_WEEKLY_DIGEST_SMS/);
  });
  it('refuses a base URL that is not http', () => {
    expect(() => loadConfig({ NOTIFY_API_KEY: KEY, ...templates, NOTIFY_BASE_URL: 'ftp://x' })).toThrow(
      /NOTIFY_BASE_URL/,
    );
  });
});
