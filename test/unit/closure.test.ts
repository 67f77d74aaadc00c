// Closing and reopening a case (issue 11 §3): what is wrong with a closure or reopening as typed.
// Reasons tied to an age rest on Children Act 1989 s23C(6) (core duties to 21) and s23CZB (adviser
// on request from 21 to 25).
import { describe, expect, it } from 'vitest';
import {
  type ClosureInput,
  closureDue,
  closureProblems,
  reopeningProblems,
  retentionEndsOn,
  confirmsErasure,
  erasurePhrase,
} from '../../src/domain/closure.ts';

const facts = { today: '2026-11-23', dateOfBirth: '2004-03-01', lastChangeOn: null as string | null };

describe('closureProblems', () => {
  it.each<[string, ClosureInput, Partial<typeof facts>, Record<string, string>]>([
    ['declined support after 21, aged 22', { reason: 'declined_after_21', details: '', on: '2026-11-20' }, {}, {}],
    [
      'declined support after 21, aged 20 (s23C(6): core duties to 21)',
      { reason: 'declined_after_21', details: '', on: '2026-11-20' },
      { dateOfBirth: '2006-03-01' },
      { reason: 'They are not 21 on that date: choose another reason or check the date' },
    ],
    ['declined on the 21st birthday itself', { reason: 'declined_after_21', details: '', on: '2025-03-01' }, {}, {}],
    [
      'reached 25, aged 22 (s23CZB: to 25)',
      { reason: 'reached_25', details: '', on: '2026-11-20' },
      {},
      { reason: 'They are not 25 on that date: choose another reason or check the date' },
    ],
    [
      'reached 25 on the 25th birthday',
      { reason: 'reached_25', details: '', on: '2026-11-20' },
      { dateOfBirth: '2001-11-20' },
      {},
    ],
    ['died, any age', { reason: 'died', details: '', on: '2026-11-20' }, { dateOfBirth: '2009-01-01' }, {}],
    [
      'other without details',
      { reason: 'other', details: '  ', on: '2026-11-20' },
      {},
      { details: 'Say why the case is closing' },
    ],
    ['other with details', { reason: 'other', details: 'Adopted', on: '2026-11-20' }, {}, {}],
    [
      'in the future',
      { reason: 'moved_council', details: '', on: '2026-11-24' },
      {},
      { on: 'The date the case closed must be today or in the past' },
    ],
    [
      'before their date of birth',
      { reason: 'transferred', details: '', on: '2004-02-01' },
      {},
      { on: 'The date the case closed must be after their date of birth' },
    ],
    [
      'before the last reopening',
      { reason: 'transferred', details: '', on: '2026-10-01' },
      { lastChangeOn: '2026-10-02' },
      { on: 'The date the case closed must be on or after the last time the case was closed or reopened' },
    ],
  ])('%s', (_name, input, over, expected) => {
    expect(closureProblems(input, { ...facts, ...over })).toEqual(expected);
  });
});

describe('reopeningProblems', () => {
  it.each<[string, { details: string; on: string }, Partial<typeof facts>, Record<string, string>]>([
    ['with a reason, today', { details: 'Asked for support at 23 (s23CZB)', on: '2026-11-23' }, {}, {}],
    ['without a reason', { details: '', on: '2026-11-23' }, {}, { details: 'Say why the case is reopening' }],
    [
      'before it was closed',
      { details: 'Back', on: '2026-11-01' },
      { lastChangeOn: '2026-11-10' },
      { on: 'The date the case reopened must be on or after the last time the case was closed or reopened' },
    ],
  ])('%s', (_name, input, over, expected) => {
    expect(reopeningProblems(input, { ...facts, ...over })).toEqual(expected);
  });
});

describe('closureDue (Children Act 1989 s23C(6), s23C(7), s23CZB)', () => {
  const CORE_ENDS = 'Children Act 1989 s23C(6), s23CZB';
  const TO_25 = 'Children Act 1989 s23CZB';
  const base = {
    closed: false,
    until25: '2029-03-01' as string | null,
    coreSupportEndsOn: '2025-03-01' as string | null,
    requestedOn: null as string | null,
    declinedOn: null as string | null,
  };
  it.each<[string, Partial<typeof base>, { on: string; rule: string } | null]>([
    [
      'no request for support after 21: due when core support ends (s23C(6))',
      {},
      { on: '2025-03-01', rule: CORE_ENDS },
    ],
    [
      'asked for support to 25: due on the 25th birthday (s23CZB)',
      { requestedOn: '2025-01-10' },
      { on: '2029-03-01', rule: TO_25 },
    ],
    ['said no after 21: due that day', { declinedOn: '2025-06-01' }, { on: '2025-06-01', rule: CORE_ENDS }],
    [
      'asked, then said no: due when they said no',
      { requestedOn: '2025-01-10', declinedOn: '2026-02-01' },
      { on: '2026-02-01', rule: CORE_ENDS },
    ],
    [
      'said no, then asked again: due at 25',
      { declinedOn: '2025-01-10', requestedOn: '2026-02-01' },
      { on: '2029-03-01', rule: TO_25 },
    ],
    [
      'education programme past 21 (s23C(7)): due when it ends',
      { coreSupportEndsOn: '2026-06-30' },
      { on: '2026-06-30', rule: CORE_ENDS },
    ],
    ['never later than the 25th birthday', { coreSupportEndsOn: '2029-06-30' }, { on: '2029-03-01', rule: CORE_ENDS }],
    ['no leaving-care duties: nothing due', { coreSupportEndsOn: null }, null],
    [
      'qualifying (s24, no s23CZB support to ask for): due at 21 even if they asked',
      { until25: null, requestedOn: '2025-01-10' },
      { on: '2025-03-01', rule: CORE_ENDS },
    ],
    ['already closed: nothing due', { closed: true }, null],
  ])('%s', (_name, over, expected) => {
    const due = closureDue({ ...base, ...over });
    expect(due && { on: due.on, rule: due.rule }).toEqual(expected);
  });
});

describe('retentionEndsOn (CPPCR 2010 reg 50: kept until the 75th birthday)', () => {
  it.each([
    ['an ordinary birthday', '1951-11-23', '2026-11-23'],
    // 75 is odd, so a 75th birthday of someone born on 29 February never falls in a leap year.
    ['born on 29 February: 1 March', '1952-02-29', '2027-03-01'],
  ])('%s', (_name, dateOfBirth, expected) => {
    expect(retentionEndsOn(dateOfBirth)).toBe(expected);
  });
});

describe('confirmsErasure (deleting records past keeping, CPPCR 2010 reg 50: the number typed)', () => {
  it.each([
    ['the phrase for one', 'delete 1 record', 1, true],
    ['the phrase for several', 'delete 3 records', 3, true],
    ['case and spaces do not matter', '  Delete   3  RECORDS ', 3, true],
    ['another number', 'delete 2 records', 3, false],
    ['the plural for one', 'delete 1 records', 1, false],
    ['only a word', 'delete', 1, false],
    ['nothing typed', '', 1, false],
    ['nothing chosen', 'delete 0 records', 0, false],
  ])('%s', (_name, typed, count, expected) => {
    expect(confirmsErasure(typed, count)).toBe(expected);
  });
  it('asks for the number chosen', () => {
    expect([erasurePhrase(1), erasurePhrase(2)]).toEqual(['delete 1 record', 'delete 2 records']);
  });
});
