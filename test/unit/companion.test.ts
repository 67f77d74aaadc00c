// The companion's rules (issue 12 §1, §2): a help request or a message is answered by the next working
// day; the office is open on working days between the council's hours, UK time.
import { describe, expect, it } from 'vitest';
import { answerDueOn, DEFAULT_OFFICE_HOURS, isPhoneNumber, officeOpen } from '../../src/domain/companion.ts';
import { ENGLAND_AND_WALES } from '../../src/domain/statutory/index.ts';
import { checkInTrend } from '../../src/http/presenters/check-in-trend.ts';
import { canUseThread, type Principal } from '../../src/domain/permissions.ts';

describe('"I need help" is due the next working day (issue 12 §1)', () => {
  it.each([
    ['a Monday', '2026-11-23', '2026-11-24'],
    ['a Friday: the Monday after', '2026-11-27', '2026-11-30'],
    ['a Saturday: the Monday after', '2026-11-28', '2026-11-30'],
    ['a Sunday: the Monday after', '2026-11-29', '2026-11-30'],
    ['the Friday before the summer bank holiday: the Tuesday after', '2026-08-28', '2026-09-01'],
    [
      'Christmas Eve 2026 (Christmas Friday, Boxing Day moved to Monday 28th): Tuesday 29th',
      '2026-12-24',
      '2026-12-29',
    ],
    ['Maundy Thursday 2027 (Good Friday and Easter Monday): the Tuesday after Easter', '2027-03-25', '2027-03-30'],
  ])('raised on %s', (_, raisedOn, due) => {
    expect(answerDueOn(raisedOn, ENGLAND_AND_WALES)).toBe(due);
  });
});

describe('office hours: working days, from opening up to closing, UK local time (issue 12 §2)', () => {
  it.each([
    ['Monday 10:00 GMT', '2026-11-23T10:00:00Z', true],
    ['Monday 08:59 GMT', '2026-11-23T08:59:00Z', false],
    ['Monday 09:00 GMT', '2026-11-23T09:00:00Z', true],
    ['Monday 17:00 GMT: closed at closing time', '2026-11-23T17:00:00Z', false],
    ['Wednesday 09:30 BST (08:30 UTC)', '2026-07-01T08:30:00Z', true],
    ['Wednesday 17:30 BST (16:30 UTC)', '2026-07-01T16:30:00Z', false],
    ['Saturday midday', '2026-11-28T12:00:00Z', false],
    ['Christmas Day midday', '2026-12-25T12:00:00Z', false],
  ])('%s', (_, instant, open) => {
    expect(officeOpen(new Date(instant), DEFAULT_OFFICE_HOURS, ENGLAND_AND_WALES)).toBe(open);
  });
  it("uses the council's own hours", () => {
    expect(officeOpen(new Date('2026-11-23T18:00:00Z'), { opens: '08:00', closes: '20:00' }, ENGLAND_AND_WALES)).toBe(
      true,
    );
  });
});

describe('phone numbers for the out-of-hours setting', () => {
  it.each([
    ['0300 123 4567', true],
    ['+44 300 123 4567', true],
    ['116 123', true],
    ['call us', false],
    ['12', false],
    ['<script>', false],
  ])('%s', (value, ok) => {
    expect(isPhoneNumber(value)).toBe(ok);
  });
});

describe('the check-in trend picture', () => {
  it('puts the oldest on the left and a better feeling higher', () => {
    const chart = checkInTrend([
      { feeling: 5, checkedInAt: new Date('2026-11-20T10:00:00Z') },
      { feeling: 1, checkedInAt: new Date('2026-11-10T10:00:00Z') },
    ]);
    expect(chart.points.map((p) => p.feeling)).toEqual([1, 5]);
    expect(chart.points[0].x).toBeLessThan(chart.points[1].x);
    expect(chart.points[1].y).toBeLessThan(chart.points[0].y);
    expect(chart.line.split(' ')).toHaveLength(2);
  });
});

describe('a message thread is for its two people only (issue 12 §2)', () => {
  const thread = { youngPersonId: 'yp-1', staffId: 'pa-1' };
  const staff = (id: string, role: 'personal_adviser' | 'team_manager' | 'independent_reviewing_officer') =>
    ({ kind: 'staff', id, councilId: 'c', role, teamId: 't', name: 'x' }) as Principal;
  it.each([
    ['the young person in it', { kind: 'young_person', id: 'yp-1', councilId: 'c', name: 'x' } as Principal, true],
    ['another young person', { kind: 'young_person', id: 'yp-2', councilId: 'c', name: 'x' } as Principal, false],
    ['the worker in it', staff('pa-1', 'personal_adviser'), true],
    ['another worker', staff('pa-2', 'personal_adviser'), false],
    ["the worker's team manager", staff('tm-1', 'team_manager'), false],
    ['an IRO, even with its id', staff('pa-1', 'independent_reviewing_officer'), false],
  ])('%s: %s', (_, principal, allowed) => {
    expect(canUseThread(principal, thread)).toBe(allowed);
  });
});
