// A young person's supporters (issue 12 §6), end to end: the young person adds someone with a link or a code,
// that person sets up a sign-in and reads the plan (and writes the young person's part only with "help write");
// everything else is refused and audited; the worker sees who has access; removing someone ends their
// session at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, sessions } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent, runAddress } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, testDatabase, type TestApp } from '../support/app.ts';
import { addOpenReview, addYoungPersonAccount, youngPeopleFreeToWrite } from '../support/factories.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { addSupporterThroughPages } from '../support/supporters.ts';

let t: TestApp;
let rows: CouncilRows;
let yp: CouncilRows['youngPeople'][number];
let other: CouncilRows['youngPeople'][number];
let reviewId: string;
let otherReviewId: string;
let youngPerson: Agent;
const username = `yp.supported.${Date.now()}`;
// Strong enough for the password rules, and none of the names it must not contain.
const SUPPORTER_PASSWORD = 'violet harbour lantern 92';
const AREA = 'accommodation';

beforeAll(async () => {
  t = await buildTestApp(await testDatabase());
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  [yp, other] = youngPeopleFreeToWrite(rows);
  await addYoungPersonAccount(t.db, rows, yp.id, username);
  reviewId = await addOpenReview(t.db, rows, yp.id, 'drafting', '2026-11-20');
  otherReviewId = await addOpenReview(t.db, rows, other.id, 'drafting', '2026-11-20');
  youngPerson = new Agent(t.app, runAddress(1));
  await youngPerson.signIn(username, PASSWORD);
});
afterAll(() => t.close());

const ypName = () => yp.preferredName ?? yp.givenName;

/** The young person adds a supporter; returns the link's path and the code shown once. */
const addSupporter = (name: string, relationship: string, access: string) =>
  addSupporterThroughPages(t.db, youngPerson, yp.id, { name, relationship, access });

/** The supporter opens the link (or types the code) and chooses a username and password. */
async function accept(credential: { link: string } | { code: string }, login: string, address: number) {
  const agent = new Agent(t.app, runAddress(address));
  const fields =
    'link' in credential
      ? { credentialKind: 'link', credential: credential.link.split('/').pop()! }
      : { credentialKind: 'code', credential: credential.code };
  const opened =
    'link' in credential
      ? await agent.get(credential.link)
      : await agent.post(
          '/supporter-invite',
          { code: credential.code },
          { csrf: await agent.csrf('/supporter-invite') },
        );
  expect(opened.statusCode).toBe(200);
  expect(opened.body).toContain(`Set up your sign-in to see ${ypName()}&#39;s plan`);
  const done = await agent.post('/supporter-invite/accept', {
    ...fields,
    username: login,
    password: SUPPORTER_PASSWORD,
    confirm: SUPPORTER_PASSWORD,
  });
  expect(done.statusCode).toBe(303);
  expect(done.headers.location).toBe('/my-plan');
  return agent;
}

const rowsOf = (response: { headers: Record<string, unknown> }) => auditRowsOf(t.db, response);

describe('a supporter who may read the plan', () => {
  let reader: Agent;
  let readerId: string;
  const readerLogin = `sam.reader.${Date.now()}`;

  it('the young person adds them from their account page: a name, who they are and what they may do', async () => {
    const account = await youngPerson.get('/account');
    expect(account.body).toContain('href="/account/supporters"');
    const none = await youngPerson.get('/account/supporters');
    expect(none.body).toContain('Nobody else can see your plan');
    await youngPerson.get('/account/supporters/add');
    const empty = await youngPerson.post('/account/supporters/add', { name: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('govuk-error-summary');
    for (const message of ['Enter their name', 'Choose who they are', 'Choose what they can do'])
      expect(empty.body).toContain(message);
    const added = await addSupporter('Sam Reader', 'advocate', 'read');
    readerId = added.id;
    const [audit] = (
      await t.db.system((tx) => tx.select().from(auditEvents).where(eq(auditEvents.entityId, added.id)))
    ).filter((r) => r.action === 'supporter.add');
    expect(audit).toMatchObject({ actorKind: 'young_person', actorId: yp.id, youngPersonId: yp.id });
    const list = await youngPerson.get('/account/supporters');
    expect(list.body).toContain('Sam Reader');
    expect(list.body).toContain('They have not used the link yet');
    reader = await accept({ link: added.link }, readerLogin, 2);
  });

  it('reads the plan; every read is audited with the supporter as the actor', async () => {
    const plan = await reader.get('/my-plan');
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain(`${ypName()}&#39;s plan`);
    expect(plan.body).toContain('You can read this plan. You cannot change it.');
    expect(plan.body).toContain(`href="/my-plan/areas/${AREA}"`);
    const audited = await rowsOf(plan);
    expect(audited.map((r) => [r.actorKind, r.actorId, r.action, r.outcome, r.youngPersonId])).toEqual(
      expect.arrayContaining([
        ['supporter', readerId, 'plan.summary', 'allowed', yp.id],
        ['supporter', readerId, 'review.view', 'allowed', yp.id],
      ]),
    );
    const area = await reader.get(`/my-plan/areas/${AREA}`);
    expect(area.statusCode).toBe(200);
    expect(area.body).not.toContain('>Save<');
    const whole = await reader.get(`/reviews/${reviewId}/read`);
    expect(whole.statusCode).toBe(200);
    expect((await rowsOf(whole)).some((r) => r.actorKind === 'supporter' && r.action === 'review.view')).toBe(true);
  });

  it('may not write the young person’s part: refused and audited', async () => {
    await reader.get(`/my-plan/areas/${AREA}`);
    const save = await reader.post(`/my-plan/areas/${AREA}`, { goingWell: 'From the reader', revision: '0' });
    expect(save.statusCode).toBe(403);
    const audited = await rowsOf(save);
    expect(audited.map((r) => [r.actorKind, r.actorId, r.action, r.outcome])).toContainEqual([
      'supporter',
      readerId,
      'review.save',
      'denied',
    ]);
  });

  it.each([
    ['the record', () => `/young-people/${yp.id}`],
    ['messages', () => '/messages'],
    ['check-ins', () => '/check-in'],
    ['the young person’s details', () => '/my-record'],
    ['who has looked at the record', () => '/my-record/looks'],
    ['the young person’s account', () => '/account'],
    ['who else can see the plan', () => '/account/supporters'],
    ['a caseload', () => '/caseload'],
    ['another young person’s plan', () => `/reviews/${otherReviewId}/read`],
    ['another young person’s review', () => `/reviews/${otherReviewId}`],
  ])('is refused %s, and the refusal is audited', async (_name, url) => {
    const response = await reader.get(url());
    expect(response.statusCode).toBe(403);
    const audited = await rowsOf(response);
    expect(audited.length).toBeGreaterThan(0);
    expect(audited.every((r) => r.actorKind === 'supporter' && r.actorId === readerId && r.outcome === 'denied')).toBe(
      true,
    );
  });

  it('may not sign or take any step of the review for the young person', async () => {
    await reader.get('/my-plan');
    const sign = await reader.post(`/reviews/${reviewId}/steps/sign-as-young-person`, {});
    expect(sign.statusCode).toBe(403);
    expect((await rowsOf(sign)).every((r) => r.outcome === 'denied')).toBe(true);
  });

  it('the worker sees on the record who has access; the young person sees the supporter’s looks', async () => {
    const worker = new Agent(t.app, runAddress(3));
    await worker.signIn(signInFor(rows, 'pa'), PASSWORD);
    // The adviser of this young person (the demo adviser may not be theirs): a team manager of their team sees it.
    const manager = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === yp.teamId)!;
    const tm = new Agent(t.app, runAddress(4));
    await tm.signIn(manager.email, PASSWORD);
    const record = await tm.get(`/young-people/${yp.id}`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Who else can see their plan');
    expect(record.body).toContain('Sam Reader');
    expect(record.body).toContain('Advocate');
    expect(record.body).toContain('Reads the plan');
    const looks = await youngPerson.get('/my-record/looks');
    expect(looks.body).toContain('People you chose who looked at your plan');
    expect(looks.body).toContain('Sam Reader');
  });

  it('the young person removes them: their session ends at once, and they cannot sign in again', async () => {
    await youngPerson.get('/account/supporters');
    const removed = await youngPerson.post(`/account/supporters/${readerId}/remove`, {});
    expect(removed.statusCode).toBe(303);
    const left = await t.db.system((tx) =>
      tx
        .select()
        .from(sessions)
        .where(and(eq(sessions.principalKind, 'supporter'), eq(sessions.principalId, readerId))),
    );
    expect(left).toEqual([]);
    const after = await reader.get('/my-plan');
    expect(after.statusCode).toBe(303);
    expect(String(after.headers.location)).toMatch(/^\/sign-in/);
    const again = new Agent(t.app, runAddress(5));
    await again.get('/sign-in');
    const signIn = await again.post('/sign-in', { login: readerLogin, password: SUPPORTER_PASSWORD });
    expect(signIn.statusCode).toBe(400);
    const list = await youngPerson.get('/account/supporters');
    expect(list.body).not.toContain('Sam Reader');
    // Their worker still sees that they had access, and since when they were removed.
    const manager = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === yp.teamId)!;
    const tm = new Agent(t.app, runAddress(6));
    await tm.signIn(manager.email, PASSWORD);
    expect((await tm.get(`/young-people/${yp.id}`)).body).toContain('Removed');
  });
});

describe('a supporter who may help write', () => {
  it('signs in with a code, writes the young person’s part, and it is marked as written with their help', async () => {
    const added = await addSupporter('Jo Helper', 'carer', 'help_write');
    const helperLogin = `jo.helper.${Date.now()}`;
    const helper = await accept({ code: added.code }, helperLogin, 7);
    // Signing out and in again works with the username they chose.
    await helper.get('/my-plan');
    expect((await helper.post('/sign-out', {})).statusCode).toBe(303);
    await helper.signIn(helperLogin, SUPPORTER_PASSWORD);
    const plan = await helper.get('/my-plan');
    expect(plan.body).toContain('You can read this plan and help write their part');
    await helper.get(`/my-plan/areas/${AREA}`);
    const revision = /name="revision" value="(\d+)"/.exec(helper.lastHtml)?.[1] ?? '0';
    const save = await helper.post(`/my-plan/areas/${AREA}`, {
      goingWell: 'Written with Jo',
      worries: '',
      wants: '',
      disagreement: '',
      youngPersonScale: '',
      revision,
      _owner: /name="_owner" value="([^"]+)"/.exec(helper.lastHtml)?.[1] ?? '',
    });
    expect(save.statusCode).toBe(303);
    const audited = await rowsOf(save);
    expect(audited.map((r) => [r.actorKind, r.actorId, r.action, r.outcome])).toContainEqual([
      'supporter',
      added.id,
      'review.save',
      'allowed',
    ]);
    // Shown to the supporter, the young person and the worker.
    expect((await helper.get('/my-plan')).body).toContain('Written with help from Jo Helper');
    expect((await youngPerson.get('/my-plan')).body).toContain('Written with help from Jo Helper');
    const manager = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === yp.teamId)!;
    const tm = new Agent(t.app, runAddress(8));
    await tm.signIn(manager.email, PASSWORD);
    const review = await tm.get(`/reviews/${reviewId}`);
    expect(review.body).toContain('written with help from <bdi>Jo Helper</bdi>');
    // Still no other young person's plan, and no step of the review.
    expect((await helper.get(`/reviews/${otherReviewId}/read`)).statusCode).toBe(403);
    await helper.get('/my-plan');
    expect((await helper.post(`/reviews/${reviewId}/steps/sign-as-young-person`, {})).statusCode).toBe(403);
  });
});
