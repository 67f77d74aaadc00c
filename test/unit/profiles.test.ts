// Issue 12 §4, pure parts: a photo's type by its first bytes (JPEG: ISO/IEC 10918-1 Annex B SOI marker;
// PNG: ISO/IEC 15948 §5.2 signature), the looks a young person is shown (one line a person a day, names
// only by the council's policy), and every profiles: key a template asks for exists in English.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksShown, photoTypeOf, type StaffLook } from '../../src/domain/profiles.ts';
import { DEFAULT_LANGUAGE, readLocales } from '../../src/http/i18n.ts';
import { viewsDir } from '../../src/http/render.ts';

describe('photoTypeOf', () => {
  const b = (...bytes: number[]) => Uint8Array.from(bytes);
  it.each([
    ['JPEG (SOI + marker)', b(0xff, 0xd8, 0xff, 0xe0, 0, 0x10), 'image/jpeg'],
    ['PNG signature', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['PNG signature cut short', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a), null],
    ['PNG with a changed line-ending byte (a text transfer)', b(0x89, 0x50, 0x4e, 0x47, 0x0a, 0x1a, 0x0a, 0), null],
    ['GIF89a', b(0x47, 0x49, 0x46, 0x38, 0x39, 0x61), null],
    ['HTML', Uint8Array.from(Buffer.from('<html>')), null],
    ['SVG', Uint8Array.from(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">')), null],
    ['two JPEG bytes only', b(0xff, 0xd8), null],
    ['nothing', b(), null],
  ])('%s', (_name, bytes, expected) => {
    expect(photoTypeOf(bytes)).toBe(expected);
  });
});

describe('looksShown', () => {
  const look = (id: number, actorId: string, on: string): StaffLook => ({
    id,
    actorId,
    name: `Name ${actorId}`,
    role: 'personal_adviser',
    teamName: 'North',
    on,
  });
  const rows = [
    look(9, 'a', '2026-11-23'),
    look(8, 'b', '2026-11-23'),
    look(7, 'a', '2026-11-23'),
    look(6, 'a', '2026-11-22'),
  ];
  it('keeps one line a person a day, newest first, keyed by the newest row', () => {
    expect(looksShown(rows, true).map((r) => [r.key, r.on, r.name])).toEqual([
      ['9', '2026-11-23', 'Name a'],
      ['8', '2026-11-23', 'Name b'],
      ['6', '2026-11-22', 'Name a'],
    ]);
  });
  it('shows no name when the council’s policy shows role and team only', () => {
    expect(looksShown(rows, false).every((r) => r.name === null && r.role === 'personal_adviser')).toBe(true);
  });
});

describe('the profiles namespace', () => {
  const english = readLocales()[DEFAULT_LANGUAGE].profiles;
  const has = (key: string) =>
    key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], english) !== undefined;
  const templates = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? templates(path.join(dir, e.name)) : e.name.endsWith('.njk') ? [path.join(dir, e.name)] : [],
    );
  it('has every key a template asks for (keys built from a value: their prefix)', () => {
    const used = templates(viewsDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(["']profiles:([a-zA-Z.]+)["']/g)].map((m) => m[1]),
    );
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((k) => (k.endsWith('.') ? !has(k.slice(0, -1)) : !has(k)))).toEqual([]);
  });
  it('names every staff role', () => {
    for (const role of ['personal_adviser', 'social_worker', 'team_manager', 'independent_reviewing_officer'])
      expect(has(`roles.${role}`)).toBe(true);
  });
});
