// The subject access ZIP's files and CSV (issue 11 §6; UK GDPR Article 15): pure parts.
import { describe, expect, it } from 'vitest';
import { DAY_COLUMNS, fieldsCsv, readmeText, rowsCsv, subjectAccessFiles } from '../../src/domain/subject-access.ts';

describe('subjectAccessFiles', () => {
  it.each([
    { versions: [], pdfs: [] },
    {
      versions: [1, 2, 3],
      pdfs: [
        'plans/pathway-plan-version-1.pdf',
        'plans/pathway-plan-version-2.pdf',
        'plans/pathway-plan-version-3.pdf',
      ],
    },
  ])('lists the README first and one PDF a plan version ($versions)', ({ versions, pdfs }) => {
    const files = subjectAccessFiles(versions);
    expect(files[0]).toBe('README.txt');
    expect(files.filter((f) => f.endsWith('.pdf'))).toEqual(pdfs);
    expect(new Set(files).size).toBe(files.length);
  });
});

describe('the CSV of held rows', () => {
  it.each([
    { column: 'password_hash', why: 'a secret' },
    { column: 'link_token_hash', why: 'a secret' },
    { column: 'code_hash', why: 'a secret' },
    { column: 'council_id', why: 'the same on every row' },
  ])('never has $column ($why)', ({ column }) => {
    const csv = rowsCsv(['username', column], [{ username: 'sam', [column]: 'x-hidden' }]);
    expect(csv).toBe('username\r\nsam\r\n');
    expect(
      fieldsCsv([
        ['username', 'sam'],
        [column, 'x-hidden'],
      ]),
    ).not.toContain('x-hidden');
  });

  it('writes dates, flags and JSON as a person reads them', () => {
    const csv = rowsCsv(
      ['recorded_at', 'seen_alone', 'review'],
      [{ recorded_at: new Date('2026-01-02T03:04:05Z'), seen_alone: true, review: { a: 'b, c' } }],
    );
    expect(csv).toBe('recorded at,seen alone,review\r\n2026-01-02T03:04:05.000Z,yes,"{""a"":""b, c""}"\r\n');
  });

  it.each([
    { at: new Date('2026-06-01T23:30:00Z'), day: '2026-06-02', why: 'summer: the UK is an hour ahead of UTC' },
    { at: new Date('2026-12-01T23:30:00Z'), day: '2026-12-01', why: 'winter: the UK is on UTC' },
    { at: null, day: '', why: 'a link never cancelled' },
  ])('writes a day column under its own heading, as the UK day ($why)', ({ at, day }) => {
    const csv = rowsCsv(['name', 'link_revoked_at'], [{ name: 'Sam', link_revoked_at: at }], DAY_COLUMNS.supporters);
    expect(csv).toBe(`name,link cancelled on\r\nSam,${day}\r\n`);
  });

  it('says in the README when there is no approved plan', () => {
    const text = readmeText({
      name: 'Sam Lee',
      councilName: 'Test',
      madeOn: '2026-11-23',
      madeBy: 'Ana',
      planVersions: [],
    });
    expect(text).toContain('There is no approved pathway plan');
    expect(text).toContain('Sam Lee');
  });
});
