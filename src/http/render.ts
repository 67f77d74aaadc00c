import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { ROLE_NAMES, type StaffRole } from '../domain/permissions.ts';
import { CATEGORY_NAMES } from '../domain/statutory/index.ts';
import { REVIEW_STATE_NAMES } from '../domain/plan/index.ts';
import { dateInWords, dateTimeInWords, shortDateInWords } from './presenters/dates.ts';
import { auditActionName, codeName, CODE_LISTS, type CodeList } from '../domain/codes.ts';

const require = createRequire(import.meta.url);
const govukDist = path.resolve(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
export const viewsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'views');
export const govukAssetsDir = path.join(govukDist, 'govuk');

export function buildViews(options: { watch?: boolean } = {}) {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([viewsDir, govukDist], { noCache: options.watch ?? false }),
    {
      autoescape: true,
      throwOnUndefined: false,
    },
  );
  env.addFilter('date', dateInWords);
  env.addFilter('shortDate', shortDateInWords);
  env.addFilter('dateTime', dateTimeInWords);
  env.addGlobal('categoryNames', CATEGORY_NAMES);
  env.addGlobal('planStateNames', REVIEW_STATE_NAMES);
  env.addFilter('codeName', (v: string | null | undefined, list: CodeList) => codeName(CODE_LISTS[list], v));
  env.addFilter('auditAction', auditActionName);
  env.addFilter('roleName', (v: string) => ROLE_NAMES[v as StaffRole] ?? v);
  return env;
}
export type Views = ReturnType<typeof buildViews>;
