// The words young people see, from src/locales/<lang>/<namespace>.json, through i18next (issue 12 §5:
// other languages are added as files). Read once, synchronously, when the views are built.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TOptions } from 'i18next';

export const localesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'locales');
export const DEFAULT_LANGUAGE = 'en';
export const DEFAULT_NAMESPACE = 'companion';

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
    initAsync: false,
    // Nunjucks escapes what templates print; escaping here as well would show &amp; to young people.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return (key, options) => instance.t(key, options ?? {}) as string;
}
