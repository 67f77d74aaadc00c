// Every string a young person sees on the companion's pages comes from src/locales (issue 12 §5): each
// key a template asks for exists in English, and any other language added as a folder has every English
// key (with its plural forms), so a page never shows a key or falls back without anyone noticing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTranslator, DEFAULT_LANGUAGE, localesDir, readLocales } from '../../src/http/i18n.ts';
import { viewsDir } from '../../src/http/render.ts';

const resources = readLocales();
const english = resources[DEFAULT_LANGUAGE].companion;

/** Every key of a nested object, dotted; plural forms (_one, _other…) under their base key. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? templates(path.join(dir, e.name)) : e.name.endsWith('.njk') ? [path.join(dir, e.name)] : [],
  );
}

describe('the young person’s strings', () => {
  const known = new Set(keysOf(english).map(baseKey));
  const used = templates(viewsDir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bt\("([a-zA-Z.]+)"/g)].map((m) => ({ file, key: m[1] })),
  );

  it('templates ask for keys that exist in English (keys built from a value are checked by their prefix)', () => {
    expect(used.length).toBeGreaterThan(20);
    const missing = used.filter(({ key }) =>
      key.endsWith('.') ? ![...known].some((k) => k.startsWith(key)) : !known.has(key),
    );
    expect(missing.map((m) => `${path.relative(viewsDir, m.file)}: ${m.key}`)).toEqual([]);
  });

  it('every language folder has every English key', () => {
    const all = new Set(keysOf(english));
    for (const [lang, namespaces] of Object.entries(resources)) {
      const have = new Set(keysOf(namespaces.companion));
      expect(
        [...all].filter((k) => !have.has(k)),
        lang,
      ).toEqual([]);
    }
    expect(readdirSync(localesDir)).toContain(DEFAULT_LANGUAGE);
  });

  it('counts use plural forms', () => {
    const t = buildTranslator();
    expect(t('messages.unread', { count: 0 })).toBe('No new messages');
    expect(t('messages.unread', { count: 1 })).toBe('1 new message');
    expect(t('messages.unread', { count: 3 })).toBe('3 new messages');
    expect(t('trend.summary', { count: 1 })).toBe('Your last check-in.');
  });

  it('words typed by people are not escaped twice (Nunjucks escapes the page)', () => {
    const t = buildTranslator();
    expect(t('notSafe.outOfHours', { phone: '0300 & <1>' })).toContain('0300 & <1>');
  });
});
