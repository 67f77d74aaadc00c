// After signing (issue 8, item 3). The young person's page no longer asks them to sign once they have;
// changing a plan after it was sent for signatures is warned of before and explained after: both
// signatures come off, and a plan waiting for the manager leaves the approval queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import {
  addOpenReview,
  addReview,
  addYoungPerson,
  addYoungPersonAccount,
  youngPeopleFreeToWrite,
} from '../support/factories.ts';
import { areaForm, revisionOf } from '../support/plan-forms.ts';

const AREA = 'education-and-training';
let t: TestApp;
let rows: CouncilRows;
let yp: Agent;
let pa: Agent;
let tm: Agent;
let ypReview = '';
const text = (html: string) =>
  html
    .slice(html.indexOf('<main'), html.indexOf('</main>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  const person = youngPeopleFreeToWrite(rows)[0];
  await addYoungPersonAccount(t.db, rows, person.id, `signed.${rows.council.slug}`);
  ypReview = await addOpenReview(t.db, rows, person.id, 'awaiting_signatures', TODAY);
  yp = new Agent(t.app, '10.8.3.1');
  await yp.signIn(`signed.${rows.council.slug}`, PASSWORD);
  pa = new Agent(t.app, '10.8.3.2');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
  tm = new Agent(t.app, '10.8.3.3');
  await tm.signIn(signInFor(rows, 'tm'), PASSWORD);
}, 60_000);
afterAll(() => t.close());

/** Follows a redirect, so the message it carries is read as the person sees it. */
const landed = async (agent: Agent, response: { statusCode: number; headers: Record<string, unknown> }) => {
  expect(response.statusCode).toBe(303);
  return text((await agent.get(String(response.headers.location))).body);
};

describe('after the young person signs', () => {
  it('their page says they signed and offers neither button', async () => {
    const before = text((await yp.get('/my-plan')).body);
    expect(before).toContain('Ready for you to read and sign');
    const signed = await yp.post(`/reviews/${ypReview}/steps/sign-as-young-person`, {});
    const page = await landed(yp, signed);
    expect(page).toContain('You have signed');
    expect(page).toContain('Your worker signs next');
    expect(page).not.toContain('Ready for you to read and sign');
    expect(page).not.toContain('I agree: sign my plan');
    expect(page).not.toContain('I do not agree');
  });

  it('changing their words is warned of first, and afterwards they are told it needs signing again', async () => {
    const area = text((await yp.get(`/my-plan/areas/${AREA}`)).body);
    expect(area).toContain(
      'If you change your words now, it will need signing again. Your signature will be taken off.',
    );
    const revision = revisionOf(yp.lastHtml);
    const saved = await yp.post(`/my-plan/areas/${AREA}`, {
      revision,
      goingWell: 'I started a new course',
      worries: '',
      wants: '',
      youngPersonScale: '8',
    });
    const page = await landed(yp, saved);
    expect(page).toContain(
      'You changed your plan after it was ready to sign, so it needs signing again. Your signature has been taken off.',
    );
    expect(page).not.toContain('You have signed');
    expect(page).toContain('Your plan is being written');
  });
});

describe("a worker's change to a plan waiting for the manager", () => {
  it('is warned of on the page, explained after saving, and the plan leaves the queue', async () => {
    const adviser = staffByLocal(rows, 'pa');
    const manager = staffByLocal(rows, 'tm');
    const person = await addYoungPerson(t.db, rows, {
      personalAdviserId: adviser.id,
      teamId: manager.teamId!,
      dateOfBirth: '2008-06-01',
    });
    const { id } = await addReview(t.db, rows, {
      youngPersonId: person.id,
      adviserId: adviser.id,
      managerId: manager.id,
      stage: 'awaiting_approval',
    });
    expect((await tm.get('/approvals')).body).toContain(`/reviews/${id}`);

    const area = text((await pa.get(`/reviews/${id}/areas/${AREA}`)).body);
    expect(area).toContain(
      'If you save a change here, the plan goes back to “Writing the plan”: the young person’s and the worker’s signatures are taken off, and it leaves the manager’s approval queue.',
    );
    const saved = await pa.post(`/reviews/${id}/areas/${AREA}`, {
      ...areaForm(AREA),
      revision: revisionOf(pa.lastHtml),
      goal: 'A changed goal after signing',
    });
    const page = await landed(pa, saved);
    expect(page).toContain('the young person’s and the worker’s signatures were taken off');
    expect(page).toContain('It has left the manager’s approval queue.');
    expect((await tm.get('/approvals')).body).not.toContain(`/reviews/${id}`);
  });

  it('an autosave that takes a signed plan back to being written says so in its answer', async () => {
    const adviser = staffByLocal(rows, 'pa');
    const manager = staffByLocal(rows, 'tm');
    const person = await addYoungPerson(t.db, rows, {
      personalAdviserId: adviser.id,
      teamId: manager.teamId!,
      dateOfBirth: '2008-07-01',
    });
    const { id } = await addReview(t.db, rows, {
      youngPersonId: person.id,
      adviserId: adviser.id,
      managerId: manager.id,
      stage: 'awaiting_approval',
    });
    await pa.get(`/reviews/${id}/areas/${AREA}`);
    const form = { ...areaForm(AREA), revision: revisionOf(pa.lastHtml), goal: 'Changed while typing' };
    const first = await pa.post(`/reviews/${id}/areas/${AREA}`, form, { headers: { accept: 'application/json' } });
    expect(first.json()).toMatchObject({
      ok: true,
      notice: expect.stringContaining('It has left the manager’s approval queue.'),
    });
    const again = await pa.post(
      `/reviews/${id}/areas/${AREA}`,
      { ...form, revision: String(first.json().revision), goal: 'Changed again' },
      { headers: { accept: 'application/json' } },
    );
    expect(again.json()).toEqual({ ok: true, revision: first.json().revision + 1 });
  });
});
