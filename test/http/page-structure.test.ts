// Page structure as a screen-reader user meets it: titles that name the person and the step, one
// heading per part of a plan, and header links that each go somewhere different.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, type TestApp } from '../support/app.ts';
import { addApprovedPlans, addOpenReview } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<string, Agent> = {};
let youngPersonId = '';
let reviewId = '';

const titleOf = (html: string) =>
  (/<title[^>]*>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '').replace(/\s+/g, ' ').trim().replace(/&#39;/g, "'");
const h2s = (html: string) =>
  [...html.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  as.pa = new Agent(t.app, '10.11.0.1');
  await as.pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  as.yp = new Agent(t.app, '10.11.1.1');
  await as.yp.signIn(rows.accounts[0].username, PASSWORD);
  youngPersonId = rows.accounts[0].youngPersonId;
  await addApprovedPlans(t.db, rows, youngPersonId, 1);
  reviewId = await addOpenReview(t.db, rows, youngPersonId, 'drafting', '2026-11-20');
});
afterAll(() => t.close());

describe('plan views', () => {
  it('no heading is given twice on a plan', async () => {
    for (const [agent, path] of [
      [as.pa, `/young-people/${youngPersonId}/plans/1`],
      [as.pa, `/reviews/${reviewId}/read`],
      [as.yp, '/my-plan/approved'],
      [as.yp, `/reviews/${reviewId}/read`],
    ] as const) {
      const html = (await agent.get(path)).body;
      const headings = h2s(html);
      expect(headings, path).toEqual([...new Set(headings)]);
      // What the second heading held is still there, under its area.
      expect(html, path).toContain('How the money is arranged');
      expect(html, path).toContain('The people and what they do');
    }
  });
});

describe('page titles', () => {
  it('name the young person and the step on staff pages, with "Error: " first when a form has errors', async () => {
    const yp = rows.youngPeople.find((y) => y.id === youngPersonId)!;
    const name = `${yp.preferredName ?? yp.givenName} ${yp.familyName}`;
    const review = `/reviews/${reviewId}`;
    const expected: [string, string][] = [
      [review, `${name}: First pathway plan – Pathway`],
      [`${review}/areas/accommodation`, `${name}: Accommodation and its suitability – First pathway plan – Pathway`],
      [`${review}/needs-assessment`, `${name}: Needs assessment – First pathway plan – Pathway`],
      [
        `${review}/read`,
        `${yp.givenName} ${yp.familyName}: Pathway plan – version 2 – to read before signing – Pathway`,
      ],
      [
        `/young-people/${youngPersonId}/plans/1`,
        `${yp.givenName} ${yp.familyName}: Pathway plan – version 1 – Pathway`,
      ],
      [`/young-people/${youngPersonId}/significant-change`, `${name}: Record a significant change – Pathway`],
      [`/young-people/${youngPersonId}/care-history`, `${name}: Change care history – Pathway`],
      [`/young-people/${youngPersonId}/details`, `${name}: Change details – Pathway`],
      [`/young-people/${youngPersonId}/allocation`, `${name}: Allocation and team – Pathway`],
    ];
    for (const [path, title] of expected) expect(titleOf((await as.pa.get(path)).body), path).toBe(title);
    const bad = await as.pa.post(`/young-people/${youngPersonId}/significant-change`, {});
    expect(titleOf(bad.body)).toBe(`Error: ${name}: Record a significant change – Pathway`);
  });

  it("on the young person's pages, name the part of their plan; a sent request is titled as sent", async () => {
    expect(titleOf((await as.yp.get('/my-plan/areas/accommodation')).body)).toBe(
      'Where you live – Your plan – Pathway',
    );
    expect(titleOf((await as.yp.get('/my-plan/approved')).body)).toBe('Your plan – version 1 – Pathway');
    await as.yp.get('/my-plan/ask-for-a-review');
    const sent = await as.yp.post('/my-plan/ask-for-a-review', { description: 'I am moving flat' });
    expect(sent.statusCode).toBe(200);
    expect(titleOf(sent.body)).toBe('Your worker knows you want to look at your plan again – Pathway');
  });
});

describe('the header', () => {
  it('has one link to the home page, signed in or not, and no two links go to the same place', async () => {
    const headerLinks = (html: string) =>
      [...(/<header[\s\S]*?<\/header>/.exec(html)?.[0] ?? '').matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]);
    const signedOut = new Agent(t.app, '10.11.2.1');
    for (const [who, html] of [
      ['adviser', (await as.pa.get('/')).body],
      ['young person', (await as.yp.get('/')).body],
      ['signed out', (await signedOut.get('/help/privacy')).body],
    ] as const) {
      const links = headerLinks(html);
      expect(
        links.filter((href) => href === '/'),
        who,
      ).toHaveLength(1);
      expect(links, who).toEqual([...new Set(links)]);
    }
  });
});
