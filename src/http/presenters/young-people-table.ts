// The list of young people (caseload, team, search, home pages) as govukTable parameters, built
// here rather than in a Nunjucks loop: the loop of `{% set %}` blocks and small macros cost about
// 12 ms for 50 rows, most of a caseload request's time (docs/benchmarks.md). The markup is the same
// GOV.UK table; tags come from the govukTag macro itself, rendered once per kind.
import { ageOn } from '../../domain/clock.ts';
import { CATEGORY_NAMES, type CareLeaverCategory } from '../../domain/statutory/index.ts';
import { shortDateInWords } from './dates.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML, as Nunjucks' autoescape does. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export type YoungPeopleRow = {
  id: string;
  givenName: string;
  preferredName: string | null;
  familyName: string;
  reference: string;
  dateOfBirth: string;
  restricted?: boolean;
  caseStatus?: string;
  personalAdviserName?: string | null;
  socialWorkerName?: string | null;
  statutory?: {
    urgency: string | null;
    next: { on: string; label: string } | null;
    status: { category: string };
  } | null;
};

/** A GOV.UK tag's HTML for its text and classes (rendered by the govukTag macro, once each). */
export type TagHtml = (text: string, classes: string) => string;

const URGENCY_TAGS: Record<string, [string, string]> = {
  overdue: ['Overdue', 'govuk-tag--red'],
  'due-soon': ['Due soon', 'govuk-tag--yellow'],
  'on-track': ['On track', 'govuk-tag--green'],
  none: ['Nothing due', 'govuk-tag--grey'],
};

/** The tag for how urgent what is due is ("Overdue", "Due soon", "On track", "Nothing due"). */
export function urgencyTagHtml(tag: TagHtml, urgency: string | null | undefined): string {
  const [text, classes] = URGENCY_TAGS[urgency ?? 'none'] ?? URGENCY_TAGS.none;
  return tag(text, classes);
}

const HEAD = [
  { text: 'Name' },
  { text: 'Age', format: 'numeric' },
  { text: 'Status' },
  { text: 'Next statutory date' },
  { text: 'What is due' },
  { text: 'Workers' },
] as const;

/** Each cell carries its column heading (data-label), so on a phone, where the table stacks into cards, each value still shows what it is. */
const LABELS = HEAD.map((h) => ` data-label="${escapeHtml(h.text)}"`);

/** govukTable parameters for young people with their status and what is due, in the order given. */
export function youngPeopleTable(tag: TagHtml, rows: YoungPeopleRow[], today: string, caption: string) {
  return {
    caption,
    captionClasses: 'govuk-table__caption--m',
    classes: 'app-table--responsive',
    head: HEAD,
    rows: rows.map((yp) => {
      const next = yp.statutory?.next ?? null;
      const name = `${escapeHtml(yp.preferredName || yp.givenName)} ${escapeHtml(yp.familyName)}`;
      const nameHtml =
        `<a class="govuk-link" href="/young-people/${escapeHtml(yp.id)}">${name}</a><br>` +
        `<span class="govuk-body-s app-secondary-text">${escapeHtml(yp.reference)}</span>` +
        (yp.restricted ? ` ${tag('Restricted', 'govuk-tag--red')}` : '') +
        (yp.caseStatus && yp.caseStatus !== 'open' ? ` ${tag('Closed', 'govuk-tag--grey')}` : '');
      const category = yp.statutory ? (CATEGORY_NAMES[yp.statutory.status.category as CareLeaverCategory] ?? '') : '';
      const workers =
        escapeHtml(yp.personalAdviserName || 'No adviser') +
        (yp.socialWorkerName ? `<br><span class="govuk-body-s">SW: ${escapeHtml(yp.socialWorkerName)}</span>` : '');
      return [
        { html: nameHtml, attributes: LABELS[0] },
        { text: String(ageOn(yp.dateOfBirth, today)), format: 'numeric', attributes: LABELS[1] },
        { text: category, attributes: LABELS[2] },
        {
          html: next ? `<span class="app-nowrap">${escapeHtml(shortDateInWords(next.on))}</span>` : '–',
          attributes: LABELS[3],
        },
        {
          html: next
            ? `${urgencyTagHtml(tag, yp.statutory?.urgency)} ${escapeHtml(next.label)}`
            : urgencyTagHtml(tag, null),
          attributes: LABELS[4],
        },
        { html: workers, attributes: LABELS[5] },
      ];
    }),
  };
}
