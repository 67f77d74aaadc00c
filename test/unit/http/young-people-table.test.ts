// The young people table (caseload, team, search, home pages) is built by a presenter, not a
// Nunjucks loop (issue 9: the loop was most of a caseload request's time). These check what each
// cell says, through the real views and the real govukTag macro.
import { describe, expect, it } from 'vitest';
import { buildViews } from '../../../src/http/render.ts';
import type { YoungPeopleRow } from '../../../src/http/presenters/young-people-table.ts';

const views = buildViews();
const TODAY = '2026-11-30';

function table(rows: YoungPeopleRow[]): { labels: string[]; cells: string[] }[] {
  const html = views.renderString(
    '{% import "components/people.njk" as people %}{{ people.youngPeopleTable(rows, today, "Caseload") }}',
    { rows, today: TODAY },
  );
  const body = html.slice(html.indexOf('<tbody'));
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1].matchAll(/<td class="[^"]*"\s*data-label="([^"]*)">([\s\S]*?)<\/td>/g)];
    return { labels: cells.map((c) => c[1]), cells: cells.map((c) => c[2].replace(/\s+/g, ' ').trim()) };
  });
}

const person = (over: Partial<YoungPeopleRow> = {}): YoungPeopleRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  givenName: 'Sam',
  preferredName: null,
  familyName: 'Jones',
  reference: 'YP10001',
  dateOfBirth: '2008-11-30',
  caseStatus: 'open',
  personalAdviserName: 'Alex Adviser',
  socialWorkerName: null,
  statutory: {
    urgency: 'due-soon',
    next: { on: '2026-12-14', label: 'Pathway plan review' },
    status: { category: 'ELIGIBLE' },
  },
  ...over,
});

describe('young people table', () => {
  it('labels every cell with its column, for the stacked phone layout', () => {
    const [row] = table([person()]);
    expect(row.labels).toEqual(['Name', 'Age', 'Status', 'Next statutory date', 'What is due', 'Workers']);
  });

  it.each([
    ['an 18th birthday today counts as 18', { dateOfBirth: '2008-11-30' }, 1, '18'],
    ['the day before an 18th birthday is 17', { dateOfBirth: '2008-12-01' }, 1, '17'],
    ['a preferred name is used before the given name', { preferredName: 'Sammy' }, 0, 'Sammy Jones'],
    ['the category in words', {}, 2, 'Eligible'],
    ['the next date, short', {}, 3, '<span class="app-nowrap">14 Dec 2026</span>'],
    ['nothing due shows a dash and the grey tag', { statutory: null }, 3, '–'],
    ['no adviser is said', { personalAdviserName: null }, 5, 'No adviser'],
    ['a social worker is named on a second line', { socialWorkerName: 'Sue Field' }, 5, 'SW: Sue Field'],
  ] as const)('%s', (_name, over, column, expected) => {
    const [row] = table([person(over as Partial<YoungPeopleRow>)]);
    expect(row.cells[column]).toContain(expected);
  });

  it.each([
    ['overdue', 'govuk-tag--red', 'Overdue'],
    ['due-soon', 'govuk-tag--yellow', 'Due soon'],
    ['on-track', 'govuk-tag--green', 'On track'],
    [null, 'govuk-tag--grey', 'Nothing due'],
  ] as const)('urgency %s is the govukTag %s "%s"', (urgency, classes, text) => {
    const [row] = table([person({ statutory: { ...person().statutory!, urgency } })]);
    expect(row.cells[4]).toMatch(new RegExp(`<strong class="govuk-tag ${classes}"> ${text} </strong>`));
  });

  it('tags restricted and closed records on the name', () => {
    const [open, restrictedClosed] = table([person(), person({ restricted: true, caseStatus: 'closed' })]);
    expect(open.cells[0]).not.toContain('govuk-tag');
    expect(restrictedClosed.cells[0]).toContain('<strong class="govuk-tag govuk-tag--red"> Restricted </strong>');
    expect(restrictedClosed.cells[0]).toContain('<strong class="govuk-tag govuk-tag--grey"> Closed </strong>');
  });

  it('shows every text it is given as text, never as markup', () => {
    const evil = '<img src=x onerror=alert(1)>"&\'';
    const [row] = table([
      person({
        givenName: evil,
        familyName: evil,
        reference: evil,
        personalAdviserName: evil,
        socialWorkerName: evil,
        statutory: { urgency: 'overdue', next: { on: '2026-12-14', label: evil }, status: { category: 'ELIGIBLE' } },
      }),
    ]);
    const cells = row.cells.join(' ');
    expect(cells).not.toContain('<img');
    expect(cells.split('&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;').length - 1).toBe(6);
  });
});
