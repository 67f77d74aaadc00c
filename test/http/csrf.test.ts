// Every state-changing request from a signed-in person carries the session's CSRF token. Without it, with
// another session's token, or with a wrong one, the request is refused (403) and changes nothing; with the
// right token the same request goes through, so each refusal is about the token and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { planVersions, reviews, staff } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addReview, addYoungPerson } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<'pa' | 'tm' | 'admin' | 'yp' | 'other', Agent> = {} as never;
let ownReview = ''; // the demo young person's review, in planning
let toApprove = ''; // another young person's plan, waiting for the team manager

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  const pa = staffByLocal(rows, 'pa');
  const tm = staffByLocal(rows, 'tm');
  ownReview = (
    await addReview(t.db, rows, {
      youngPersonId: rows.accounts[0].youngPersonId,
      adviserId: pa.id,
      managerId: tm.id,
      stage: 'planning',
    })
  ).id;
  const waiting = await addYoungPerson(t.db, rows, {
    personalAdviserId: pa.id,
    teamId: tm.teamId!,
    dateOfBirth: '2008-06-01',
  });
  toApprove = (
    await addReview(t.db, rows, {
      youngPersonId: waiting.id,
      adviserId: pa.id,
      managerId: tm.id,
      stage: 'awaiting_approval',
    })
  ).id;
  for (const [who, login] of [
    ['pa', signInFor(rows, 'pa')],
    ['tm', signInFor(rows, 'tm')],
    ['admin', signInFor(rows, 'admin')],
    ['yp', rows.accounts[0].username],
    ['other', signInFor(rows, 'sw')],
  ] as const) {
    as[who] = new Agent(t.app, `10.32.0.${Object.keys(as).length + 1}`);
    await as[who].signIn(login, PASSWORD);
  }
}, 60_000);
afterAll(() => t.close());

type Send = (token: string | false) => Promise<LightMyRequestResponse>;

/**
 * Sends the request three ways that must be refused: no token, another signed-in session's token (a real
 * token, only not this session's), and a made-up one the length of a real token.
 */
async function refusedEveryWay(send: Send, asJson = false) {
  const othersToken = await as.other.csrf('/');
  const wrong = randomBytes(24).toString('base64url').slice(0, othersToken.length);
  for (const [how, token] of [
    ['no token', false],
    ["another session's token", othersToken],
    ['a wrong token', wrong],
  ] as const) {
    const response = await send(token);
    expect(response.statusCode, `${how}: ${response.body.slice(0, 200)}`).toBe(403);
    if (asJson) expect(response.headers['content-type']).toContain('application/problem+json');
    else expect(response.body).toContain('This form has expired');
  }
}

const reviewRow = async (id: string) =>
  (await t.db.system((tx) => tx.select().from(reviews).where(eq(reviews.id, id))))[0];

describe('signed-in requests without the right CSRF token are refused and change nothing', () => {
  it('saving part of a plan (a form post)', async () => {
    const url = `/reviews/${ownReview}/areas/identity`;
    const token = await as.pa.csrf(url);
    const save: Send = (csrf) => as.pa.post(url, { revision: '0', goal: 'Goal typed by the worker' }, { csrf });
    const before = await reviewRow(ownReview);
    await refusedEveryWay(save);
    const after = await reviewRow(ownReview);
    expect(after.sectionRevisions).toEqual(before.sectionRevisions);
    expect(after.review).toEqual(before.review);
    const saved = await save(token);
    expect(saved.statusCode).toBe(303);
    expect(JSON.stringify((await reviewRow(ownReview)).review)).toContain('Goal typed by the worker');
  });

  it("a young person's words saved as they type (JSON, token in the x-csrf-token header)", async () => {
    const url = '/my-plan/areas/accommodation';
    const page = await as.yp.get(url);
    const revision = /name="revision" value="(\d+)"/.exec(page.body)![1];
    const token = await as.yp.csrf(url);
    const save: Send = (csrf) =>
      as.yp.post(
        url,
        { revision, goingWell: 'Typed on my phone', worries: '', wants: '', youngPersonScale: '7' },
        {
          csrf: false,
          headers: { accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        },
      );
    const before = await reviewRow(ownReview);
    await refusedEveryWay(save, true);
    const after = await reviewRow(ownReview);
    expect(after.sectionRevisions).toEqual(before.sectionRevisions);
    expect(JSON.stringify(after.review)).not.toContain('Typed on my phone');
    const saved = await save(token);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ok: true });
    expect(JSON.stringify((await reviewRow(ownReview)).review)).toContain('Typed on my phone');
  });

  it('a step of the review: the manager approves a plan', async () => {
    const url = `/reviews/${toApprove}/steps/approve`;
    const token = await as.tm.csrf(`/reviews/${toApprove}`);
    const approve: Send = (csrf) => as.tm.post(url, { rating: 'good', feedback: 'Clear and in their words' }, { csrf });
    await refusedEveryWay(approve);
    expect((await reviewRow(toApprove)).state).toBe('awaiting_approval');
    expect(
      await t.db.system((tx) => tx.select().from(planVersions).where(eq(planVersions.reviewId, toApprove))),
    ).toHaveLength(0);
    expect((await approve(token)).statusCode).toBe(303);
    expect((await reviewRow(toApprove)).state).toBe('approved');
  });

  it('signing out', async () => {
    const token = await as.pa.csrf('/');
    await refusedEveryWay((csrf) => as.pa.post('/sign-out', {}, { csrf }));
    expect((await as.pa.get('/caseload')).statusCode).toBe(200); // still signed in
    expect((await as.pa.post('/sign-out', {}, { csrf: token })).statusCode).toBe(303);
    expect((await as.pa.get('/caseload')).statusCode).toBe(303);
  });

  it('an administrator adds a member of staff', async () => {
    const email = `csrf.${randomBytes(4).toString('hex')}@${rows.council.slug}.test`;
    const form = {
      displayName: 'Casey Forged',
      email,
      role: 'service_manager',
      teamId: '',
      password: 'a long enough first password',
    };
    const token = await as.admin.csrf('/admin/staff/new');
    const created = () => t.db.system((tx) => tx.select().from(staff).where(eq(staff.email, email)));
    await refusedEveryWay((csrf) => as.admin.post('/admin/staff/new', form, { csrf }));
    expect(await created()).toHaveLength(0);
    const done = await as.admin.post('/admin/staff/new', form, { csrf: token });
    expect(done.statusCode, done.body.slice(0, 300)).toBeLessThan(400);
    expect(await created()).toHaveLength(1);
  });
});
