// The byte checks behind the 400 for bad input (issue 7, item 11): NUL cannot be stored by
// PostgreSQL, and bytes that are not UTF-8 would be stored as replacement or escape text.
import { describe, expect, it } from 'vitest';
import { isCleanText, isCleanUrl, isCleanValue, percentDecoded } from '../../src/http/input-guard.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('percentDecoded', () => {
  it.each([
    ['plain text is unchanged', 'abc', [0x61, 0x62, 0x63]],
    ['%XX in either case', '%41%6a', [0x41, 0x6a]],
    ['%00 is a NUL byte', 'a%00', [0x61, 0x00]],
    ['%FF is one byte', '%FF', [0xff]],
    ['a lone % stays (as query parsers keep it)', '100%', [0x31, 0x30, 0x30, 0x25]],
    ['% without two hex digits stays', '%G1%4', [0x25, 0x47, 0x31, 0x25, 0x34]],
  ])('%s', (_name, input, expected) => {
    expect([...percentDecoded(text(input))]).toEqual(expected);
  });
});

describe('isCleanText: UTF-8 without NUL', () => {
  it.each([
    ['ASCII', text('Smith'), true],
    ['accents, other scripts and emoji', text('Zoë Ó’Brien 北区 😀'), true],
    ['empty', bytes(), true],
    ['a NUL byte', bytes(0x61, 0x00), false],
    ['0xFF never appears in UTF-8', bytes(0xff), false],
    ['a lead byte without its continuation (%C3%28)', bytes(0xc3, 0x28), false],
    ['a sequence cut short (%E2%82)', bytes(0xe2, 0x82), false],
    ['an overlong encoding of "/" (%C0%AF)', bytes(0xc0, 0xaf), false],
    ['an encoded surrogate (%ED%A0%80), which UTF-8 forbids', bytes(0xed, 0xa0, 0x80), false],
  ])('%s → %s', (_name, input, clean) => {
    expect(isCleanText(input)).toBe(clean);
  });
});

describe('isCleanUrl: the request target, decoded', () => {
  it.each([
    ['a search', '/young-people?q=Sm%C3%A9th', true],
    ['a lone %', '/young-people?q=100%', true],
    ['%00 in the query', '/young-people?q=a%00', false],
    ['%00 in the path', '/young-people/%00', false],
    ['%C3%28 in the query', '/young-people?q=%C3%28', false],
    ['%FF in the path', '/invite/%FF', false],
    ['a raw 0xFF byte (Node gives target bytes as latin1)', '/sign-in?next=\u00ff', false],
    ['raw UTF-8 bytes of "é" read as latin1', '/young-people?q=\u00c3\u00a9', true],
    ['a target built in-process with characters beyond latin1', '/young-people?q=北', true],
  ])('%s → %s', (_name, url, clean) => {
    expect(isCleanUrl(url)).toBe(clean);
  });
});

describe('isCleanValue: strings in a parsed body', () => {
  it.each([
    ['ordinary JSON', { text: 'Zoë 😀', list: ['a', { b: 'c' }], n: 1, ok: true, none: null }, true],
    ['a NUL in a value', { text: 'a\u0000b' }, false],
    ['a NUL deep in a list', { list: [{ text: ['x', '\u0000'] }] }, false],
    ['a NUL in a key', { 'a\u0000': 'x' }, false],
    ['half a surrogate pair (\\ud800)', { text: '\ud800' }, false],
    ['the other half alone (\\udc00)', { text: 'x\udc00' }, false],
    ['a whole pair is one emoji', { text: '\ud83d\ude00' }, true],
    ['nothing at all', undefined, true],
    ['nesting deeper than any form or API body', JSON.parse('['.repeat(100) + ']'.repeat(100)), false],
  ])('%s → %s', (_name, value, clean) => {
    expect(isCleanValue(value)).toBe(clean);
  });
});
