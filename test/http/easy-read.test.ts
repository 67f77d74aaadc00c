// Easy read for a young person (issue 12 §6): turned on and off with a form from any of their pages or their
// account, saved on their account (migration 033, audited) so it follows them to another device; then their
// plan area pages have the easy words and a picture (OpenMoji, credited) beside the area and each question, in
// their language. Staff pages, and another young person's pages, stay as they were.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, youngPersonAccounts } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPersonWritingPlan } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let ypId = '';
let otherId = '';
let reviewId = '';
const username = () => `easy1.${rows.council.slug}`;
const otherName = () => `easy2.${rows.council.slug}`;

const AREA = '/my-plan/areas/accommodation';
const HOUSE = '<img class="app-picture" src="/pictures/1F3E0.svg" alt="" width="48" height="48">';
const THUMBS_UP = '<img class="app-picture" src="/pictures/1F44D.svg" alt="" width="48" height="48">';

const easyReadOf = async (id: string) =>
  (
    await t.db.system((tx) =>
      tx
        .select({ on: youngPersonAccounts.easyRead })
        .from(youngPersonAccounts)
        .where(eq(youngPersonAccounts.youngPersonId, id)),
    )
  )[0]?.on;
const audited = (id: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'account.easy-read'), eq(auditEvents.youngPersonId, id))),
  );

/** Someone with an open review to have their say in, and an account. */
async function personWithPlan(login: string, address: string) {
  const person = await addYoungPersonWritingPlan(t.db, rows, login);
  const agent = new Agent(t.app, address);
  await agent.signIn(login, PASSWORD);
  return { ...person, agent };
}

let yp: Agent;
let other: Agent;

beforeAll(async () => {
  t = await buildTestApp(undefined, { sessionIdleMinutes: 60 * 24 * 60 }, { logger: { level: 'error' } });
  t.clock.set(`${TODAY}T10:00:00Z`);
  rows = await buildCouncil(t.db, { youngPeople: 3 });
  ({ id: ypId, reviewId, agent: yp } = await personWithPlan(username(), '10.81.0.1'));
  ({ id: otherId, agent: other } = await personWithPlan(otherName(), '10.81.0.2'));
}, 90_000);
afterAll(() => t.close());

describe('easy read', () => {
  it('is off at first, and offered on each of their pages and their account', async () => {
    expect(await easyReadOf(ypId)).toBe(false);
    for (const url of ['/', '/check-in', '/my-plan', AREA, '/account']) {
      const page = await yp.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('action="/easy-read"');
      expect(page.body, url).toContain('name="easyRead" value="on"');
      expect(page.body, url).toContain('Turn on easy read');
      expect(page.body, url).not.toContain('class="app-picture"');
    }
    const area = (await yp.get(AREA)).body;
    expect(area).toContain('<h1 class="govuk-heading-l">Where you live</h1>');
    expect(area).not.toContain('"readAloud"');
  });

  it('turns on with a form, back to the same page: saved on their account and audited', async () => {
    await yp.get(AREA);
    const on = await yp.post('/easy-read', { easyRead: 'on', back: AREA });
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe(AREA);
    expect(await easyReadOf(ypId)).toBe(true);
    expect((await audited(ypId)).map((a) => [a.actorId, a.details])).toEqual([[ypId, { easyRead: true }]]);
  });

  it('gives their area page the easy words, a picture beside the area and each question, and the credit', async () => {
    const area = (await yp.get(AREA)).body;
    expect(area).toContain(`<h1 class="govuk-heading-l">${HOUSE}Your home</h1>`);
    expect(area).toContain('<title>Your home – Your plan – Pathway</title>');
    expect(area).toContain('Where do you live now? Where do you want to live?');
    expect(area).toContain(`${THUMBS_UP}What is good?`);
    expect(area).toContain('What worries you?');
    expect(area).toContain('0 is very bad. 10 is very good.');
    expect(area).not.toContain('What is going well');
    // Six pictures: the area's and one per question (going well, worries, wants, disagreement, the number).
    expect(area.match(/class="app-picture"/g)).toHaveLength(6);
    // A key with no easy words keeps its usual ones.
    expect(area).toContain('Back to your plan');
    // The source and licence the pictures' licence asks for, and the words for "Read this aloud".
    expect(area).toMatch(/Pictures in easy read: <a [^>]*href="https:\/\/openmoji.org\/"[^>]*>OpenMoji<\/a>/);
    expect(area).toContain('CC BY-SA 4.0</a>');
    expect(area).toContain('&quot;readAloud&quot;:&quot;Read this aloud&quot;');
    expect(area).toContain('name="easyRead" value="off"');
    const list = (await yp.get('/my-plan')).body;
    expect(list).toContain(`href="/my-plan/areas/accommodation">${HOUSE}Your home</a>`);
  });

  it('serves the chosen pictures from this site, and nothing else from the symbol set', async () => {
    const svg = await yp.get('/pictures/1F3E0.svg');
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toContain('<svg');
    expect((await yp.get('/pictures/1F600.svg')).statusCode).toBe(404);
    expect((await yp.get('/pictures/../package.json')).statusCode).toBe(404);
  });

  it('is in their language: the easy words and pictures in Arabic', async () => {
    await yp.get('/');
    expect((await yp.post('/language', { lang: 'ar', back: '/' })).statusCode).toBe(303);
    const area = (await yp.get(AREA)).body;
    expect(area).toContain('lang="ar" dir="rtl"');
    expect(area).toContain(`<h1 class="govuk-heading-l">${HOUSE}بيتك</h1>`);
    expect(area).toContain('أين تعيش الآن؟ أين تريد أن تعيش؟');
    expect(area).toContain(`${THUMBS_UP}ما الجيد؟`);
    expect(area).toContain('أوقف القراءة السهلة');
    expect(area).toContain('اقرأ هذا بصوت عالٍ');
    await yp.post('/language', { lang: 'en', back: '/' });
  });

  it('follows them to another device', async () => {
    const laptop = new Agent(t.app, '10.81.0.3');
    await laptop.signIn(username(), PASSWORD);
    expect((await laptop.get(AREA)).body).toContain(`${HOUSE}Your home`);
  });

  it('leaves another young person’s setting and pages as they were', async () => {
    expect(await easyReadOf(otherId)).toBe(false);
    const area = (await other.get(AREA)).body;
    expect(area).toContain('<h1 class="govuk-heading-l">Where you live</h1>');
    expect(area).not.toContain('class="app-picture"');
    expect(area).toContain('name="easyRead" value="on"');
  });

  it('leaves staff pages as they were, and refuses staff the setting', async () => {
    const worker = new Agent(t.app, '10.81.0.4');
    await worker.signIn(signInFor(rows, 'pa'), PASSWORD);
    const page = await worker.get(`/reviews/${reviewId}/areas/accommodation`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('action="/easy-read"');
    expect(page.body).not.toContain('class="app-picture"');
    expect(page.body).not.toContain('Your home');
    expect((await worker.get('/account')).body).not.toContain('action="/easy-read"');
    const refused = await worker.post('/easy-read', { easyRead: 'on', back: '/' });
    expect(refused.statusCode).toBe(403);
    // The refusal is audited, as every refusal is.
    const refusals = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.actorId, staffByLocal(rows, 'pa').id),
            eq(auditEvents.outcome, 'denied'),
            eq(auditEvents.entityId, '/easy-read'),
          ),
        ),
    );
    expect(refusals).toHaveLength(1);
  });

  it('turns off from their account page, back to it, audited', async () => {
    const account = (await yp.get('/account')).body;
    expect(account).toContain('Easy read is on.');
    const off = await yp.post('/easy-read', { easyRead: 'off', back: '/account' });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/account');
    expect(await easyReadOf(ypId)).toBe(false);
    expect((await audited(ypId)).map((a) => a.details)).toEqual([{ easyRead: true }, { easyRead: false }]);
    const area = (await yp.get(AREA)).body;
    expect(area).toContain('<h1 class="govuk-heading-l">Where you live</h1>');
    expect(area).not.toContain('class="app-picture"');
    expect((await yp.get('/account')).body).toContain('Easy read is off.');
  });

  it('refuses a choice that is neither on nor off, and goes back only to a page of this site', async () => {
    await yp.get('/');
    expect((await yp.post('/easy-read', { easyRead: 'maybe', back: '/' })).statusCode).toBe(400);
    const away = await yp.post('/easy-read', { easyRead: 'off', back: 'https://example.com/' });
    expect(away.headers.location).toBe('/');
  });
});
