// Every form's error summary: each problem once, and each link goes to a field on the page. A link
// to an id that is not there does nothing when pressed, and a problem listed twice reads as two.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, type TestApp } from '../support/app.ts';
import { addOpenReview } from '../support/factories.ts';
import { areaForm } from '../support/plan-forms.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<string, Agent> = {};
let reviewId = '';
let youngPersonId = '';

/** The error summary's links, and whether the page has an element with each link's id. */
function summaryLinks(html: string) {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="#([^"]*)">([\s\S]*?)<\/a>/g)].map((m) => ({
    id: m[1],
    text: m[2].trim(),
    exists: new RegExp(`\\sid="${m[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(html),
  }));
}

function expectSummaryLinksWork(html: string, form: string) {
  const links = summaryLinks(html);
  expect(links.length, `${form}: an error summary with links`).toBeGreaterThan(0);
  for (const link of links)
    expect(link.exists, `${form}: "${link.text}" links to #${link.id}, which is not on the page`).toBe(true);
  const each = links.map((l) => `${l.text} → #${l.id}`);
  expect(each, `${form}: each problem once`).toEqual([...new Set(each)]);
  return links;
}

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  for (const who of ['pa', 'admin', 'tm'] as const) {
    as[who] = new Agent(t.app, `10.9.0.${Object.keys(as).length + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
  as.yp = new Agent(t.app, '10.9.1.1');
  await as.yp.signIn(rows.accounts[0].username, PASSWORD);
  youngPersonId = rows.accounts[0].youngPersonId;
  reviewId = await addOpenReview(t.db, rows, youngPersonId, 'outcomes', '2026-11-20');
});
afterAll(() => t.close());

describe('error summaries', () => {
  it('an action without "who will do it" is listed once, linked to the select (issue 8, item 11)', async () => {
    const path = `/reviews/${reviewId}/areas/education-and-training`;
    await as.pa.get(path);
    const form = { ...areaForm('education-and-training'), 'actions-0-whoKind': '', 'actions-count': '2' };
    // A second action for someone else, without their name.
    Object.assign(form, {
      'actions-1-what': 'Visit the college',
      'actions-1-whoKind': 'other',
      'actions-1-how': 'By bus',
      'actions-1-byWhen-day': '1',
      'actions-1-byWhen-month': '3',
      'actions-1-byWhen-year': '2027',
      'actions-1-howItHelps': 'They see it first',
    });
    const response = await as.pa.post(path, form);
    expect(response.statusCode).toBe(400);
    const links = expectSummaryLinksWork(response.body, 'area');
    expect(links.filter((l) => l.text === 'Select who will do it').map((l) => l.id)).toEqual(['actions-0-whoKind']);
    expect(
      links.filter((l) => l.text === 'Enter the name and role of the person who will do it').map((l) => l.id),
    ).toEqual(['actions-1-whoName']);
  });

  it('a contingency action without who will do it is listed once, linked to the select', async () => {
    const path = `/reviews/${reviewId}/areas/contingency`;
    await as.pa.get(path);
    const response = await as.pa.post(path, { ...areaForm('contingency'), 'contingency-0-whoKind': '' });
    expect(response.statusCode).toBe(400);
    const links = expectSummaryLinksWork(response.body, 'contingency');
    expect(links.filter((l) => l.text === 'Select who will do it').map((l) => l.id)).toEqual(['contingency-0-whoKind']);
  });

  it('every other form sent empty links each problem to its field', async () => {
    const yp = `/young-people/${youngPersonId}`;
    // A case in the team manager's own team, which they may allocate.
    const tm = rows.staff.find((x) => x.email === signInFor(rows, 'tm'))!;
    const managed = `/young-people/${rows.youngPeople.find((y) => y.teamId === tm.teamId && !y.restricted && y.personalAdviserId)!.id}`;
    const forms: [Agent, string, Record<string, string>][] = [
      [as.pa, `${yp}/significant-change`, {}],
      [as.pa, `${yp}/statutory-work`, {}],
      [as.pa, `${yp}/date-of-birth`, {}],
      [as.pa, `${yp}/care-history`, { action: 'start' }],
      [as.pa, `${yp}/details`, { version: '1' }],
      [as.tm, '/young-people/new', {}],
      [as.tm, `${managed}/allocation/personal-adviser`, { action: 'allocate', version: '1' }],
      [as.tm, `${managed}/allocation/personal-adviser`, { action: 'end', version: '1' }],
      [as.tm, `${managed}/team`, { version: '1' }],
      [
        as.pa,
        `/reviews/${reviewId}/areas/accommodation`,
        {
          ...areaForm('accommodation'),
          youngPersonScale: '11',
          'actions-0-byWhen-day': '31',
          'actions-0-byWhen-month': '2',
        },
      ],
      [as.pa, '/account/password', {}],
      [as.admin, '/admin/staff/new', {}],
      [as.admin, '/admin/teams', {}],
      [as.yp, '/my-plan/ask-for-a-review', {}],
      [as.yp, '/my-plan/areas/accommodation', { revision: '0', youngPersonScale: '11' }],
    ];
    for (const [agent, path, body] of forms) {
      await agent.get(path);
      const response = await agent.post(path, body);
      expect(response.statusCode, path).toBe(400);
      expectSummaryLinksWork(response.body, path);
    }
    const signIn = new Agent(t.app, '10.9.2.1');
    await signIn.get('/sign-in');
    expectSummaryLinksWork((await signIn.post('/sign-in', {})).body, 'sign-in');
    await signIn.get('/invite');
    expectSummaryLinksWork((await signIn.post('/invite', {})).body, 'invite');
  });
});
