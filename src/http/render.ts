import { watch as watchFiles, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { ROLE_NAMES, type StaffRole } from '../domain/permissions.ts';
import { CATEGORY_NAMES } from '../domain/statutory/index.ts';
import { REVIEW_STATE_NAMES } from '../domain/plan/index.ts';
import { dateIn } from './presenters/dates.ts';
import { youngPeopleTable, type YoungPeopleRow } from './presenters/young-people-table.ts';
import { auditActionName, codeName, CODE_LISTS, type CodeList } from '../domain/codes.ts';
import { buildTranslator, DEFAULT_LANGUAGE, easyKeys } from './i18n.ts';
import { PICTURE_CREDIT, pictureUrl } from './easy-read.ts';

const require = createRequire(import.meta.url);
const govukDist = path.resolve(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'views');
export const govukAssetsDir = path.join(govukDist, 'govuk');

/**
 * Nunjucks' `Frame.set` splits every variable's name on "." before it stores it, and a `{% for %}`
 * sets eight (the item and `loop.index`, `loop.first`…) each time round: for a 50-row GOV.UK table,
 * about 3,000 splits, 1.3 ms of a caseload page. The same store, with each name split once.
 */
type FrameLike = { variables: Record<string, unknown>; resolve(name: string, forWrite: boolean): FrameLike | null };
const nameParts = new Map<string, string[]>();
function setInFrame(this: FrameLike, name: string, value: unknown, resolveUp?: boolean): void {
  let parts = nameParts.get(name);
  if (!parts) {
    parts = name.split('.');
    if (nameParts.size < 10_000) nameParts.set(name, parts);
  }
  if (resolveUp) {
    const frame = this.resolve(parts[0], true);
    if (frame) {
      setInFrame.call(frame, name, value);
      return;
    }
  }
  let obj = this.variables;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!obj[parts[i]]) obj[parts[i]] = {};
    obj = obj[parts[i]] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1]] = value;
}
(nunjucks.runtime as unknown as { Frame: { prototype: { set: typeof setInFrame } } }).Frame.prototype.set = setInFrame;

/**
 * The Nunjucks environment. Templates are compiled once and kept, in every mode: compiling the
 * GOV.UK macros again on each request cost 90–120 ms a page. With `watch` (development), a change
 * to any file under src/views empties the cache, so the next request compiles the new version.
 */
export function buildViews(options: { watch?: boolean; root?: string } = {}) {
  const root = options.root ?? viewsDir;
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([root, govukDist], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  // Nunjucks' own `trim` (used by every GOV.UK macro on its `html`) is the regular expression
  // /^\s*|\s*$/g, whose second half is tried at every position of the text: 18 ms for the
  // performance page's tables. String.prototype.trim removes the same white space (ECMAScript's
  // WhiteSpace and LineTerminator, as \s matches) in one pass, and the result stays safe or not as
  // the text was.
  env.addFilter('trim', (text: unknown) => {
    const trimmed = String(text).trim();
    return text instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  // Dates in the page's language (English on staff pages): Nunjucks calls a filter with the page's context.
  type Page = { ctx?: { lang?: string } };
  env.addFilter('date', function (this: Page, v: string | Date | null | undefined) {
    return dateIn(this.ctx?.lang, 'date', v);
  });
  env.addFilter('shortDate', function (this: Page, v: string | Date | null | undefined) {
    return dateIn(this.ctx?.lang, 'shortDate', v);
  });
  env.addFilter('dateTime', function (this: Page, v: Date | null | undefined) {
    return v ? dateIn(this.ctx?.lang, 'dateTime', v) : '';
  });
  // The young person's words (src/locales): t("key") or t("key", { count: n }) in the page's language, and
  // in easy read (easy-read.ts) the key's easy words where it has them, so templates never branch on it.
  const translate = buildTranslator();
  const easyKeyOf = easyKeys();
  type PageContext = { ctx?: { lang?: string; easyRead?: boolean } };
  env.addGlobal('t', function (this: PageContext, key: string, options?: Record<string, unknown>) {
    return translate(this.ctx?.easyRead ? easyKeyOf(key) : key, {
      ...options,
      lng: this.ctx?.lang ?? DEFAULT_LANGUAGE,
    });
  });
  // The picture beside a plan area or question in easy read; nothing otherwise. alt="": it repeats the words beside it.
  env.addGlobal('picture', function (this: PageContext, name: string) {
    const url = this.ctx?.easyRead ? pictureUrl(name) : null;
    return url
      ? new nunjucks.runtime.SafeString(`<img class="app-picture" src="${url}" alt="" width="48" height="48">`)
      : '';
  });
  env.addGlobal('pictureCredit', PICTURE_CREDIT);
  // GOV.UK's password input's own words ("Show", "Your password is visible") in the page's language.
  env.addGlobal('passwordTexts', function (this: { ctx?: { lang?: string } }) {
    const lng = this.ctx?.lang ?? DEFAULT_LANGUAGE;
    const say = (key: string) => translate(key, { lng });
    return {
      showPasswordText: say('signIn.show'),
      hidePasswordText: say('signIn.hide'),
      showPasswordAriaLabelText: say('signIn.showLabel'),
      hidePasswordAriaLabelText: say('signIn.hideLabel'),
      passwordShownAnnouncementText: say('signIn.shown'),
      passwordHiddenAnnouncementText: say('signIn.hidden'),
    };
  });
  // One macro's shared options with its own: {{ govukPasswordInput(texts | combine({ id: "password" })) }}.
  env.addFilter('combine', (base: object, own: object) => ({ ...base, ...own }));
  env.addGlobal('categoryNames', CATEGORY_NAMES);
  env.addGlobal('planStateNames', REVIEW_STATE_NAMES);
  env.addFilter('codeName', (v: string | null | undefined, list: CodeList) => codeName(CODE_LISTS[list], v));
  env.addFilter('auditAction', auditActionName);
  env.addFilter('roleName', (v: string) => ROLE_NAMES[v as StaffRole] ?? v);
  // Tables built in presenters use the govukTag macro's own markup, rendered once per text and classes.
  const tags = new Map<string, string>();
  const tag = (text: string, classes: string) => {
    const key = `${text}\u0000${classes}`;
    let html = tags.get(key);
    if (html === undefined) {
      html = env.renderString(
        '{% from "govuk/components/tag/macro.njk" import govukTag %}{{ govukTag({ text: text, classes: classes }) }}',
        { text, classes },
      );
      tags.set(key, html);
    }
    return html;
  };
  env.addGlobal('youngPeopleTableParams', (rows: YoungPeopleRow[], today: string, caption: string) =>
    youngPeopleTable(tag, rows, today, caption),
  );
  // @types/nunjucks leaves out invalidateCache, which empties every loader's cache.
  const invalidate = () => {
    (env as unknown as { invalidateCache(): void }).invalidateCache();
    tags.clear();
  };
  const watcher: FSWatcher | null = options.watch ? watchFiles(root, { recursive: true }, invalidate) : null;
  watcher?.unref();
  return Object.assign(env, { stopWatching: () => watcher?.close() });
}
export type Views = ReturnType<typeof buildViews>;
