// Every string a young person sees comes from src/locales (issue 12 §5). A page never shows a key, or
// falls back to English without anyone noticing: each language has every English key, with each plural
// form its language needs (Intl.PluralRules: Arabic has six), the same {{placeholders}}, and a note of
// whether a council's translator has checked it. The young person's templates (i18n.ts
// YOUNG_PERSON_TEMPLATES, with their layout and partials) ask only for keys that exist and hold no
// English words outside t(), except lines marked {# staff #} that only staff see.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildTranslator,
  DEFAULT_LANGUAGE,
  LANGUAGES,
  readLocales,
  translationChecks,
  YOUNG_PERSON_TEMPLATES,
} from '../../src/http/i18n.ts';
import { viewsDir } from '../../src/http/render.ts';
import {
  ACTION_OWNER_NAMES,
  ACTION_STATUS_NAMES,
  AREAS,
  INVOLVEMENT_ANSWER_NAMES,
  INVOLVEMENT_ERROR,
  INVOLVEMENT_QUESTION,
  MESSAGES,
  NEEDS_ASSESSMENT_CONSIDERATIONS,
  PARTICIPATION_WAY_NAMES,
  REVIEW_STATE_NAMES,
  SUITABILITY_ANSWER_NAMES,
  SUITABILITY_CHECKS,
  SUITABILITY_JUDGEMENT_NAMES,
} from '../../src/domain/plan/index.ts';

const resources = readLocales();
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key of a nested object, dotted, without the file's _meta. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value)
    .filter(([k]) => !(prefix === '' && k === '_meta'))
    .flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}
function valueAt(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}
const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

/** What each language must have for English's keys: plural keys in that language's own forms. */
function expectedKeys(englishKeys: string[], lang: string): string[] {
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const plainBases = new Set<string>();
  const pluralBases = new Set<string>();
  for (const key of englishKeys) {
    const m = PLURAL.exec(key);
    // English's _zero ("No new messages") is its own choice: i18next asks for _zero only when a language has one.
    if (m) pluralBases.add(key.slice(0, -m[0].length));
    else plainBases.add(key);
  }
  return [...plainBases, ...[...pluralBases].flatMap((base) => categories.map((c) => `${base}_${c}`))].sort();
}

/** Keys a language is missing, and keys it has that English has not (left behind when English changed). */
function compareWithEnglish(english: Record<string, unknown>, other: Record<string, unknown>, lang: string) {
  const have = new Set(keysOf(other));
  const want = expectedKeys(keysOf(english), lang);
  const zero = keysOf(english).filter((k) => k.endsWith('_zero'));
  return {
    missing: want.filter((k) => !have.has(k)),
    extra: [...have].filter((k) => !want.includes(k) && !zero.includes(k)),
  };
}

function templatesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? templatesUnder(path.join(dir, e.name)) : e.name.endsWith('.njk') ? [path.join(dir, e.name)] : [],
  );
}
/** A young person's template with the layout and our partials and macros it uses. */
function withParts(template: string, seen = new Set<string>()): Set<string> {
  if (seen.has(template)) return seen;
  seen.add(template);
  const source = readFileSync(path.join(viewsDir, template), 'utf8');
  for (const m of source.matchAll(/\{%-?\s*(?:include|extends|from|import)\s+"([^"]+)"/g))
    if (!m[1].startsWith('govuk/')) withParts(m[1], seen);
  return seen;
}
const youngPersonFiles = [...new Set([...YOUNG_PERSON_TEMPLATES].flatMap((t) => [...withParts(t)]))];
/**
 * Macros for staff lists that the layout imports for every page (young people's pages use only displayName),
 * and the parts of the shared plan page (pages/reviews/plan.njk) it includes only for staff.
 */
const STAFF_MACROS = new Set(['components/people.njk', 'pages/reviews/_plan-staff.njk', 'pages/quality/_on-plan.njk']);

/** Words in a template outside t(): text between tags, and quoted text passed to a GOV.UK macro. */
function untranslatedWords(source: string): string[] {
  const lines = source
    .split('\n')
    .filter((line) => !line.includes('{# staff #}'))
    .join('\n')
    .replace(/\{#[\s\S]*?#\}/g, ' ');
  const found: string[] = [];
  // Quoted text inside {{ }} or {% %}: a macro's text, label or hint (keys and attribute values are one word).
  for (const block of lines.matchAll(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g))
    for (const q of block[0].matchAll(/"([^"]*)"|'([^']*)'/g)) {
      const text = q[1] ?? q[2];
      if (/[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text) && !/^[\w.-]+$/.test(text) && !/[{}<>=]/.test(text))
        found.push(text);
    }
  // Text between tags, with Nunjucks taken out.
  const html = lines.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, ' ').replace(/<[^>]*>/g, ' ');
  for (const m of html.matchAll(/[A-Za-z][A-Za-z' -]*[A-Za-z]/g))
    if (/[A-Za-z]{2,}/.test(m[0])) found.push(m[0].trim());
  // The service's name is the same in every language.
  return found.filter((w) => w !== 'Pathway');
}

describe('the young person’s strings (issue 12 §5)', () => {
  const english = resources[DEFAULT_LANGUAGE];
  const englishKeys = new Set(Object.values(english).flatMap((ns) => keysOf(ns).map((k) => k.replace(PLURAL, ''))));

  it('has every language of the list as a folder, with every English namespace', () => {
    expect(Object.keys(resources).sort()).toEqual(LANGUAGES.map((l) => l.code).sort());
    for (const { code } of LANGUAGES)
      expect(Object.keys(resources[code]).sort(), code).toEqual(Object.keys(english).sort());
  });

  it.each(LANGUAGES.filter((l) => l.code !== DEFAULT_LANGUAGE).map((l) => [l.code]))(
    '%s has every English key, in each plural form the language needs, and nothing English has not',
    (lang) => {
      for (const [namespace, content] of Object.entries(english)) {
        const result = compareWithEnglish(content, resources[lang][namespace] ?? {}, lang);
        expect(result, `${lang}/${namespace}.json`).toEqual({ missing: [], extra: [] });
      }
    },
  );

  it.each(LANGUAGES.filter((l) => l.code !== DEFAULT_LANGUAGE).map((l) => [l.code]))(
    '%s: every text is translated (no English left in), with the same {{placeholders}} as English',
    (lang) => {
      for (const [namespace, content] of Object.entries(english))
        for (const key of keysOf(resources[lang][namespace])) {
          const text = valueAt(resources[lang][namespace], key);
          const englishKey = PLURAL.test(key) ? `${key.replace(PLURAL, '')}_other` : key;
          const source = valueAt(content, englishKey);
          expect(typeof text === 'string' && text.trim().length > 0, `${lang} ${key}`).toBe(true);
          // A plural form may say its number in words ("رسالتان", two messages): {{count}} is optional there.
          const names = (v: unknown) => placeholders(v).filter((n) => !(PLURAL.test(key) && n === 'count'));
          expect(names(text), `${lang} ${key}`).toEqual(names(source));
          // The same as English only for words that are not words (an address, a full stop).
          if (text === source) expect(String(source), `${lang} ${key} is still English`).not.toMatch(/[A-Za-z]{3,}/);
        }
    },
  );

  // GOV.UK's password input names its button "Show password" and shows "Show": a person using speech says what
  // they see, so the words shown must be part of the name (WCAG 2.5.3, axe's label-content-name-mismatch).
  it.each(LANGUAGES.map((l) => [l.code]))('%s: the password button’s words are part of its name', (lang) => {
    const signIn = (resources[lang].pages as { signIn: Record<string, string> }).signIn;
    expect(signIn.showLabel, `${lang} signIn.showLabel`).toContain(signIn.show);
    expect(signIn.hideLabel, `${lang} signIn.hideLabel`).toContain(signIn.hide);
  });

  it('catches a missing plural form: Arabic needs six, English two', () => {
    expect(expectedKeys(['a_one', 'a_other', 'b'], 'ar')).toEqual([
      'a_few',
      'a_many',
      'a_one',
      'a_other',
      'a_two',
      'a_zero',
      'b',
    ]);
    expect(compareWithEnglish({ a_one: 'x', a_other: 'y' }, { a_one: 'x', a_other: 'y' }, 'ar').missing).toEqual([
      'a_few',
      'a_many',
      'a_two',
      'a_zero',
    ]);
    expect(compareWithEnglish({ a: 'x' }, { a: 'x', b: 'old' }, 'ti').extra).toEqual(['b']);
  });

  it('records for each translation whether a council’s translator has checked it', () => {
    for (const { code } of LANGUAGES.filter((l) => l.code !== DEFAULT_LANGUAGE))
      for (const [namespace, content] of Object.entries(resources[code]))
        expect(typeof (content as { _meta?: { checked?: unknown } })._meta?.checked, `${code}/${namespace}`).toBe(
          'boolean',
        );
    const checks = translationChecks();
    expect(checks.find((c) => c.code === 'en')?.checked).toBe(true);
    expect(checks.find((c) => c.code === 'ar')?.checked).toBe(false);
  });

  it('the young person’s templates ask only for keys that exist', () => {
    const used = youngPersonFiles.flatMap((file) =>
      [...readFileSync(path.join(viewsDir, file), 'utf8').matchAll(/\bt\(["']([\w.-]+)["']/g)].map((m) => ({
        file,
        key: m[1],
      })),
    );
    expect(used.length).toBeGreaterThan(100);
    const missing = used.filter(({ key }) =>
      key.endsWith('.') ? ![...englishKeys].some((k) => k.startsWith(key)) : !englishKeys.has(key),
    );
    expect(missing.map((m) => `${m.file}: ${m.key}`)).toEqual([]);
  });

  it('the young person’s templates have no English words outside t()', () => {
    expect(youngPersonFiles.length).toBeGreaterThan(YOUNG_PERSON_TEMPLATES.size);
    const left = youngPersonFiles
      .filter((file) => !STAFF_MACROS.has(file))
      .flatMap((file) =>
        untranslatedWords(readFileSync(path.join(viewsDir, file), 'utf8')).map((w) => `${file}: ${w}`),
      );
    expect(left).toEqual([]);
  });

  it('finds English left in a template', () => {
    expect(untranslatedWords('<p class="govuk-body">Go to your plan</p>')).toEqual(['Go to your plan']);
    expect(untranslatedWords('{{ govukButton({ text: "Send it" }) }}')).toEqual(['Send it']);
    expect(untranslatedWords('{{ govukButton({ text: t("a.b"), classes: "govuk-button" }) }}')).toEqual([]);
    expect(untranslatedWords('<p>Only staff</p> {# staff #}')).toEqual([]);
  });

  it('every template outside the list is a staff page (English), and every listed one exists', () => {
    const all = new Set(templatesUnder(viewsDir).map((f) => path.relative(viewsDir, f)));
    for (const t of YOUNG_PERSON_TEMPLATES) expect(all.has(t), t).toBe(true);
  });

  it('counts use plural forms, in English and in Arabic', () => {
    const t = buildTranslator();
    expect(t('messages.unread', { count: 0 })).toBe('No new messages');
    expect(t('messages.unread', { count: 1 })).toBe('1 new message');
    expect(t('messages.unread', { count: 3 })).toBe('3 new messages');
    expect(t('trend.summary', { count: 1 })).toBe('Your last check-in.');
    const forms = [0, 1, 2, 3, 11, 100].map((n) => t('messages.unread', { count: n, lng: 'ar' }));
    expect(new Set(forms).size).toBe(6);
    for (const form of forms) expect(form).toMatch(/[\u0600-\u06FF]/);
    expect(forms[2]).toBe('رسالتان جديدتان');
  });

  it('the plan’s words in English are the domain’s own (domain/plan/), so a young person reads what staff see', () => {
    const t = buildTranslator();
    for (const area of AREAS) {
      expect(t(`plan.areas.${area.id}.title`), area.id).toBe(area.youngPersonTitle);
      expect(t(`plan.areas.${area.id}.intro`), area.id).toBe(area.youngPersonIntro);
      for (const box of ['goingWell', 'worries', 'wants'] as const)
        expect(t(`plan.areas.${area.id}.${box}`), `${area.id} ${box}`).toBe(area.prompts[box]);
    }
    for (const [state, names] of Object.entries(REVIEW_STATE_NAMES))
      expect(t(`plan.states.${state}`)).toBe(names.youngPerson);
    for (const [kind, names] of Object.entries(ACTION_OWNER_NAMES))
      expect(t(`plan.owners.${kind}`)).toBe(names.youngPerson);
    for (const [status, name] of Object.entries(ACTION_STATUS_NAMES))
      expect(t(`plan.actionStatus.${status}`)).toBe(name);
    for (const [answer, name] of Object.entries(INVOLVEMENT_ANSWER_NAMES))
      expect(t(`plan.involvement.answers.${answer}`)).toBe(name);
    for (const [answer, name] of Object.entries(SUITABILITY_ANSWER_NAMES))
      expect(t(`plan.suitability.answers.${answer}`)).toBe(name);
    for (const [judgement, name] of Object.entries(SUITABILITY_JUDGEMENT_NAMES))
      expect(t(`plan.suitability.judgement.${judgement}`)).toBe(name);
    for (const [way, name] of Object.entries(PARTICIPATION_WAY_NAMES))
      expect(t(`plan.participation.${way}`)).toBe(name);
    // The law's words (reg 42(2) considerations, Schedule 2 matters) the young person's plan PDF prints.
    for (const c of NEEDS_ASSESSMENT_CONSIDERATIONS) expect(t(`plan.law.considerations.${c.id}`), c.id).toBe(c.wording);
    for (const c of SUITABILITY_CHECKS) expect(t(`plan.law.schedule2.${c.id}`), c.id).toBe(c.matter);
    expect(t('plan.involvement.question')).toBe(INVOLVEMENT_QUESTION);
    expect(t('plan.errors.involvement')).toBe(INVOLVEMENT_ERROR);
    expect(t('plan.errors.scale')).toBe(MESSAGES.scale);
  });

  it('words typed by people are not escaped twice (Nunjucks escapes the page)', () => {
    const t = buildTranslator();
    expect(t('notSafe.outOfHours', { phone: '0300 & <1>' })).toContain('0300 & <1>');
  });
});
