// The translator keeps the answer to each plain look-up (a key and a language, nothing else), since
// the files never change once read (i18n.ts). Kept answers must not cross languages, and a look-up
// with a count or a value to fill in must still be worked out each time.
import { describe, expect, it } from 'vitest';
import { buildTranslator } from '../../../src/http/i18n.ts';

const resources = {
  en: {
    pages: { hello: 'Hello', only: 'Only in English', items_one: '{{count}} item', items_other: '{{count}} items' },
  },
  ar: {
    pages: {
      hello: 'مرحبا',
      items_zero: 'لا شيء',
      items_one: 'واحد',
      items_two: 'اثنان',
      items_few: '{{count}} قليل',
      items_many: '{{count}} كثير',
      items_other: '{{count}} أخرى',
    },
  },
};

describe('the translator', () => {
  it('answers a key in each language, the second time as the first', () => {
    const t = buildTranslator(resources);
    for (let i = 0; i < 2; i++) {
      expect(t('hello', { lng: 'en' })).toBe('Hello');
      expect(t('hello', { lng: 'ar' })).toBe('مرحبا');
      expect(t('hello')).toBe('Hello');
    }
  });

  it('falls back to English for a key a language lacks, without keeping it for English only', () => {
    const t = buildTranslator(resources);
    expect(t('only', { lng: 'ar' })).toBe('Only in English');
    expect(t('hello', { lng: 'ar' })).toBe('مرحبا');
  });

  it('works out plurals and values each time, after plain look-ups of the same key', () => {
    const t = buildTranslator(resources);
    expect(t('items_other', { lng: 'en' })).toBe('{{count}} items');
    expect(t('items', { lng: 'en', count: 1 })).toBe('1 item');
    expect(t('items', { lng: 'en', count: 4 })).toBe('4 items');
    expect(t('items', { lng: 'ar', count: 2 })).toBe('اثنان');
    expect(t('items', { lng: 'ar', count: 11 })).toBe('11 كثير');
  });
});
