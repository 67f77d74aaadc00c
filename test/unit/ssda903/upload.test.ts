// The SSDA903 files as uploaded from a page (issue 11 §4, §7): names, sizes and text encodings.
import { describe, expect, it } from 'vitest';
import { baseName, decodeCsv, readUploads } from '../../../src/domain/ssda903/upload.ts';

const file = (name: string, text = 'CHILD\r\n', tooLarge = false) => ({
  name,
  bytes: new TextEncoder().encode(text),
  tooLarge,
});

describe('readUploads', () => {
  it.each([
    { case: 'nothing chosen', uploads: [], reason: 'Choose the SSDA903 files' },
    {
      case: 'an empty file input',
      uploads: [{ name: '', bytes: new Uint8Array(), tooLarge: false }],
      reason: 'Choose',
    },
    {
      case: 'a file it does not read',
      uploads: [file('header.xlsx')],
      reason: 'does not read a file called “header.xlsx”',
    },
    { case: 'the same file twice', uploads: [file('header.csv'), file('Header.CSV')], reason: 'chosen twice' },
    { case: 'a file past the limit', uploads: [file('episodes.csv', 'x', true)], reason: 'larger than 20 MB' },
  ])('$case: a clear reason', ({ uploads, reason }) => {
    const read = readUploads(uploads);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0].reason).toContain(reason);
  });

  it('keys files by lower-case name without a folder', () => {
    expect(readUploads([file('C:\\903\\Header.CSV', 'a')]).files).toEqual({ 'header.csv': 'a' });
    expect(baseName('/tmp/x/EPISODES.csv')).toBe('episodes.csv');
  });
});

describe('decodeCsv', () => {
  it.each([
    { case: 'UTF-8', bytes: Buffer.from('Zoé', 'utf8'), text: 'Zoé' },
    {
      case: 'UTF-8 with a byte-order mark (left out)',
      bytes: Buffer.from('\uFEFFZoé', 'utf8'),
      text: 'Zoé',
    },
    {
      case: 'Windows-1252, as Excel saves "CSV (Comma delimited)"',
      bytes: Buffer.from([0x5a, 0x6f, 0xe9, 0x20, 0x80]),
      text: 'Zoé €',
    },
  ])('$case', ({ bytes, text }) => expect(decodeCsv(bytes)).toBe(text));
});
