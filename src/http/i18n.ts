// The words young people see, from src/locales/<lang>/<namespace>.json, through i18next (issue 12 §5:
// other languages are added as files). Read once, synchronously, when the views are built.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TOptions } from 'i18next';

export const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'locales');
export const DEFAULT_LANGUAGE = 'en';
export const DEFAULT_NAMESPACE = 'companion';
/** The cookie that keeps a visitor's language on this device (a young person's is also saved on their account). */
export const LANGUAGE_COOKIE = 'pathway_lang';

/**
 * The languages young people can read Pathway in (issue 12 §5): the main first languages of
 * unaccompanied young people in England. `name` is the language's name in itself, as the choice
 * appears on the page. Dari is `fa-AF` (Persian as written in Afghanistan), not the ISO 639-3 code
 * `prs`: CLDR, Intl and screen readers know fa-AF (a Persian voice, Afghan month names), while `prs`
 * is unknown to them and falls back to plain `fa` anyway (`new Intl.PluralRules('prs')` resolves to fa).
 * `script` picks the font the page serves (public/pathway.css).
 */
export const LANGUAGES = [
  { code: 'en', name: 'English', english: 'English', dir: 'ltr', script: 'latin' },
  { code: 'ar', name: 'العربية', english: 'Arabic', dir: 'rtl', script: 'arabic' },
  { code: 'ps', name: 'پښتو', english: 'Pashto', dir: 'rtl', script: 'arabic' },
  { code: 'fa-AF', name: 'دری', english: 'Dari', dir: 'rtl', script: 'arabic' },
  { code: 'ti', name: 'ትግርኛ', english: 'Tigrinya', dir: 'ltr', script: 'ethiopic' },
  { code: 'ckb', name: 'کوردیی ناوەندی', english: 'Kurdish Sorani', dir: 'rtl', script: 'arabic' },
] as const;
export type Language = (typeof LANGUAGES)[number];
export type LanguageCode = Language['code'];

const byCode = new Map<string, Language>(LANGUAGES.map((l) => [l.code, l]));
/** A language we have, from a code as sent (`?lang=fa-af` too), or null. */
export function languageOf(code: unknown): Language | null {
  if (typeof code !== 'string' || code.length > 10) return null;
  const exact = byCode.get(code);
  if (exact) return exact;
  return LANGUAGES.find((l) => l.code.toLowerCase() === code.toLowerCase()) ?? null;
}

/**
 * Pages a young person (or a signed-out visitor) sees, written with t(): these are shown in the
 * visitor's language with <html lang dir> to match; every other page is a staff page, in English.
 * test/unit/locales.test.ts checks each of these has no words outside t() and every key in every language.
 */
export const YOUNG_PERSON_TEMPLATES = new Set([
  'pages/sign-in.njk',
  'pages/error.njk',
  'pages/home/young-person.njk',
  'pages/companion/check-in.njk',
  'pages/companion/trend.njk',
  'pages/companion/not-safe.njk',
  'pages/companion/messages.njk',
  'pages/companion/new-message.njk',
  'pages/companion/thread.njk',
  'pages/statutory/ask-for-review.njk',
  'pages/reviews/young-person.njk',
  'pages/reviews/young-person-area.njk',
  'pages/reviews/young-person-none.njk',
  // Shared with staff, who read it in English: its staff-only parts are marked (see the template).
  'pages/reviews/plan.njk',
  'pages/invite/code.njk',
  'pages/invite/accept.njk',
  'pages/invite/invalid.njk',
  'pages/invite/cancelled.njk',
  'pages/young-people/my-record.njk',
  'pages/account/index.njk',
  'pages/account/contact-preferences.njk',
  'pages/profiles/worker.njk',
  'pages/profiles/looks.njk',
  'pages/profiles/ask-why.njk',
  'pages/help/privacy.njk',
  'pages/offline.njk',
  'pages/supporters/index.njk',
  'pages/supporters/add.njk',
  'pages/supporters/added.njk',
  'pages/supporters/plan.njk',
]);

/** Translation files record whether a council's translator has checked them (`_meta.checked`). */
export type TranslationCheck = { checked: boolean; by?: string; on?: string };

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** Every language folder's namespaces. */
export function readLocales(dir = localesDir): Resources {
  const resources: Resources = {};
  for (const lang of readdirSync(dir, { withFileTypes: true })) {
    if (!lang.isDirectory()) continue;
    resources[lang.name] = {};
    for (const file of readdirSync(path.join(dir, lang.name)).filter((f) => f.endsWith('.json')))
      resources[lang.name][file.slice(0, -'.json'.length)] = JSON.parse(
        readFileSync(path.join(dir, lang.name, file), 'utf8'),
      );
  }
  return resources;
}

export type Translate = (key: string, options?: TOptions & { lng?: string }) => string;

/** One i18next instance of its own (never the library's global one), ready when this returns. */
export function buildTranslator(resources: Resources = readLocales()): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    defaultNS: DEFAULT_NAMESPACE,
    ns: Object.keys(resources[DEFAULT_LANGUAGE] ?? {}),
    // t("signIn.heading") finds its key in whichever namespace (file) holds it.
    fallbackNS: Object.keys(resources[DEFAULT_LANGUAGE] ?? {}),
    initAsync: false,
    // Nunjucks escapes what templates print; escaping here as well would show &amp; to young people.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // Most calls name only a key and the page's language; their answers never change once the files are
  // read, so each is looked up once (i18next's own look-up was about 1 ms of a staff page's layout).
  const plain = new Map<string, string>();
  return (key, options) => {
    const only = options === undefined || (Object.keys(options).length === 1 && 'lng' in options);
    if (!only) return instance.t(key, options ?? {}) as string;
    const memo = `${options?.lng ?? ''}\u0000${key}`;
    let text = plain.get(memo);
    if (text === undefined) {
      text = instance.t(key, options ?? {}) as string;
      if (plain.size >= PLAIN_KEPT) plain.clear();
      plain.set(memo, text);
    }
    return text;
  };
}

/**
 * Easy read (issue 12 §6): a key's shorter, simpler words sit beside it in the same file as `<key>Easy`
 * (`plan.areas.identity.title` → `plan.areas.identity.titleEasy`), in every language. The function this
 * returns gives the key to look up: the easy one where there is one, else the key itself (the usual words).
 * A key named with its file (`reminders:intro`, `profiles:looks.intro`) finds its easy words too.
 */
export function easyKeys(resources: Resources = readLocales()): (key: string) => string {
  const withEasy = new Set<string>();
  const walk = (node: unknown, prefix: string, namespace: string) => {
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k;
      const base = /^(.+)Easy(_(zero|one|two|few|many|other))?$/.exec(key)?.[1];
      if (typeof v === 'string' && base) withEasy.add(base).add(`${namespace}:${base}`);
      else walk(v, key, namespace);
    }
  };
  for (const [namespace, content] of Object.entries(resources[DEFAULT_LANGUAGE] ?? {})) walk(content, '', namespace);
  return (key) => (withEasy.has(key) ? `${key}Easy` : key);
}

/** Plain look-ups kept (every key in every language is far fewer). */
const PLAIN_KEPT = 20_000;

let shared: Translate | null = null;
/** t() fixed to one language (English unless told), from one instance shared by the code that is not a page. */
export function translatorIn(lng: string = DEFAULT_LANGUAGE): Translate {
  shared ??= buildTranslator();
  const translate = shared;
  return (key, options) => translate(key, { ...options, lng });
}

/** Whether each language's files have been checked by a council's translator (from their `_meta`). */
export function translationChecks(resources: Resources = readLocales()) {
  return LANGUAGES.map((language) => {
    const namespaces = Object.entries(resources[language.code] ?? {});
    const files = namespaces.map(([namespace, content]) => {
      const meta = (content as { _meta?: TranslationCheck })._meta;
      return {
        namespace,
        checked: language.code === DEFAULT_LANGUAGE || meta?.checked === true,
        by: meta?.by,
        on: meta?.on,
      };
    });
    return { ...language, files, checked: files.length > 0 && files.every((f) => f.checked) };
  });
}
