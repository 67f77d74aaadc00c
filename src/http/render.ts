import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { ROLE_NAMES, type StaffRole } from '../domain/permissions.ts';
import { CATEGORY_NAMES } from '../domain/statutory/index.ts';
import { REVIEW_STATE_NAMES } from '../domain/plan/index.ts';
import { auditActionName, codeName, CODE_LISTS, type CodeList } from './presenters/codes.ts';

const require = createRequire(import.meta.url);
const govukDist = path.resolve(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'views');
export const govukAssetsDir = path.join(govukDist, 'govuk');

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value}T00:00:00Z`);
}

export function buildViews(options: { watch?: boolean } = {}) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([viewsDir, govukDist], { noCache: options.watch ?? false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('date', (v: string | Date | null | undefined) => (v ? DATE.format(toDate(v)) : ''));
  env.addFilter('shortDate', (v: string | Date | null | undefined) => (v ? SHORT_DATE.format(toDate(v)) : ''));
  env.addFilter('dateTime', (v: Date | null | undefined) => (v ? DATE_TIME.format(v) : ''));
  env.addGlobal('categoryNames', CATEGORY_NAMES);
  env.addGlobal('planStateNames', REVIEW_STATE_NAMES);
  env.addFilter('codeName', (v: string | null | undefined, list: CodeList) => codeName(CODE_LISTS[list], v));
  env.addFilter('auditAction', auditActionName);
  env.addFilter('roleName', (v: string) => ROLE_NAMES[v as StaffRole] ?? v);
  return env;
}
export type Views = ReturnType<typeof buildViews>;
