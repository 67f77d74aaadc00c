// The review cycle end to end over HTTP on a real database: start → outcomes → the young person's
// words → plan → signatures → returned → fixed → approved → PDF; concurrent edits; the next review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { auditEvents, planVersions, reviewConflicts, statutoryRecords } from '../../src/data/schema.ts';
import { AREAS } from '../../src/domain/plan/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';
import { areaForm } from '../support/plan-forms.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<string, Agent> = {};
let yp: { id: string };
let reviewId = '';

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
  for (const who of ['pa', 'tm', 'sm'] as const) {
    as[who] = new Agent(t.app, `10.7.0.${Object.keys(as).length + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
  as.yp = new Agent(t.app, '10.7.1.1');
  await as.yp.signIn(rows.accounts[0].username, PASSWORD);
  yp = { id: rows.accounts[0].youngPersonId };
}, 60_000);
afterAll(() => t.close());

async function post(agent: Agent, url: string, form: Record<string, string>) {
  await agent.get(url.replace(/\/steps\/.*$|\/participation$/, ''));
  const response = await agent.post(url, form);
  if (response.statusCode >= 400 && process.env.DEBUG_REVIEWS) {
    const text = words(response.body);
    console.log(
      url,
      response.statusCode,
      text.slice(
        text.indexOf('There is a problem') >= 0 ? text.indexOf('There is a problem') : text.indexOf('cannot be done'),
        1200,
      ),
    );
  }
  return response;
}

describe('the review cycle', () => {
  it('an allocated worker starts the first plan; others cannot', async () => {
    await as.sm.get(`/young-people/${yp.id}`);
    expect((await as.sm.post(`/young-people/${yp.id}/reviews`, {})).statusCode).toBe(403);
    await as.pa.get(`/young-people/${yp.id}`);
    expect(as.pa.lastHtml).toContain('Start the first pathway plan');
    const started = await as.pa.post(`/young-people/${yp.id}/reviews`, {});
    expect(started.statusCode).toBe(303);
    reviewId = String(started.headers.location).split('/').pop()!;
    const page = words((await as.pa.get(`/reviews/${reviewId}`)).body);
    expect(page).toContain('First pathway plan Outcomes form');
    expect(page).toContain('Not started');
  });

  it('two presses of "start" at once open one review, not two', async () => {
    const pa = rows.staff.find((s) => s.email === signInFor(rows, 'pa'))!;
    const other = await addYoungPerson(t.db, rows, {
      personalAdviserId: pa.id,
      teamId: pa.teamId!,
      dateOfBirth: '2008-04-01',
      episodes: [{ start: '2020-01-01', end: '2026-04-01' }],
    });
    const token = await as.pa.csrf(`/young-people/${other.id}`);
    const [a, b] = await Promise.all([
      as.pa.post(`/young-people/${other.id}/reviews`, {}, { csrf: token }),
      as.pa.post(`/young-people/${other.id}/reviews`, {}, { csrf: token }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect(a.headers.location).toBe(b.headers.location);
  });

  it('shows GOV.UK errors and keeps what was typed', async () => {
    await as.pa.get(`/reviews/${reviewId}/areas/education-and-training`);
    const bad = await as.pa.post(`/reviews/${reviewId}/areas/education-and-training`, {
      ...areaForm('education-and-training'),
      youngPersonScale: '11',
      'actions-0-byWhen-day': '31',
      'actions-0-byWhen-month': '2',
      goal: 'Kept goal text',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Scale must be a number from 0 to 10');
    expect(bad.body).toContain('The date must be a real date');
    expect(bad.body).toContain('Kept goal text');
    expect(bad.body).toContain('<title>Error: ');
  });

  it('the worker completes the outcomes form; the young person writes two areas on their phone', async () => {
    for (const def of AREAS.filter((a) => a.id !== 'immigration')) {
      const r = await post(as.pa, `/reviews/${reviewId}/areas/${def.id}`, areaForm(def.id));
      expect([def.id, r.statusCode]).toEqual([def.id, 303]);
    }
    // A first plan also records what the needs assessment considered (CPPCR reg 42(2)).
    const needs = await as.pa.get(`/reviews/${reviewId}/needs-assessment`);
    const ids = [...needs.body.matchAll(/<textarea[^>]*name="([\w-]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(
      (
        await as.pa.post(`/reviews/${reviewId}/needs-assessment`, {
          revision: '0',
          ...Object.fromEntries(ids.map((id) => [id, `Considered: ${id}`])),
        })
      ).statusCode,
    ).toBe(303);
    expect((await post(as.pa, `/reviews/${reviewId}/steps/complete-outcomes`, {})).statusCode).toBe(303);
    const mine = words((await as.yp.get('/my-plan')).body);
    expect(mine).toContain('Your plan');
    for (const area of ['education-and-training', 'accommodation']) {
      const page = await as.yp.get(`/my-plan/areas/${area}`);
      const revision = /name="revision" value="(\d+)"/.exec(page.body)![1];
      const saved = await as.yp.post(`/my-plan/areas/${area}`, {
        revision,
        goingWell: `I like my ${area}`,
        worries: 'Money',
        wants: 'I want to stay',
        youngPersonScale: '7',
        disagreement: area === 'accommodation' ? 'I do not want to move to the hostel' : '',
      });
      expect(saved.statusCode).toBe(303);
    }
    const overview = words((await as.pa.get(`/reviews/${reviewId}`)).body);
    expect(overview).toContain('Planning');
    // Disagreement with one area, in their words, stays visible to the worker and manager.
    expect(overview).toContain('does not agree Accommodation');
    expect(overview).toContain('I do not want to move to the hostel');
  });

  it('two people saving the same area: the second is refused and both texts are kept', async () => {
    const workerPage = await as.pa.get(`/reviews/${reviewId}/areas/identity`);
    const workerRevision = /name="revision" value="(\d+)"/.exec(workerPage.body)![1];
    const ypPage = await as.yp.get('/my-plan/areas/identity');
    const ypRevision = /name="revision" value="(\d+)"/.exec(ypPage.body)![1];
    expect(ypRevision).toBe(workerRevision);
    expect(
      (
        await as.yp.post('/my-plan/areas/identity', {
          revision: ypRevision,
          goingWell: 'I go to the mosque on Fridays',
          worries: '',
          wants: '',
          youngPersonScale: '8',
        })
      ).statusCode,
    ).toBe(303);
    const late = await as.pa.post(`/reviews/${reviewId}/areas/identity`, {
      ...areaForm('identity'),
      revision: workerRevision,
      goal: 'Worker goal typed at the same time',
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Someone else saved this part while you were writing');
    expect(late.body).toContain('Worker goal typed at the same time'); // their text, kept in the form
    expect(late.body).toContain('I go to the mosque on Fridays'); // the saved text, shown to merge
    const kept = await t.db.system((tx) =>
      tx.select().from(reviewConflicts).where(eq(reviewConflicts.reviewId, reviewId)),
    );
    expect(kept).toHaveLength(1);
    expect(JSON.stringify(kept[0].theirContent)).toContain('Worker goal typed at the same time');
    // Merged and saved against the new revision.
    const newRevision = /name="revision" value="(\d+)"/.exec(late.body)![1];
    const merged = await as.pa.post(`/reviews/${reviewId}/areas/identity`, {
      ...areaForm('identity'),
      revision: newRevision,
      goingWell: 'I go to the mosque on Fridays',
      goal: 'Worker goal typed at the same time',
    });
    expect(merged.statusCode).toBe(303);
  });

  it('drafts save as people type (JSON autosave), with the same conflict protection', async () => {
    const page = await as.yp.get('/my-plan/areas/health-and-wellbeing');
    const revision = Number(/name="revision" value="(\d+)"/.exec(page.body)![1]);
    const token = await as.yp.csrf();
    const save = (rev: number, text: string) =>
      as.yp.post(
        '/my-plan/areas/health-and-wellbeing',
        { revision: String(rev), goingWell: text, worries: '', wants: '', youngPersonScale: '5' },
        { csrf: token, headers: { accept: 'application/json' } },
      );
    const first = await save(revision, 'I have started going to the gym');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ok: true, revision: revision + 1 });
    expect((await save(revision + 1, 'I have started going to the gym twice a week')).json()).toEqual({
      ok: true,
      revision: revision + 2,
    });
    const stale = await save(revision, 'An old tab');
    expect(stale.statusCode).toBe(409);
    const invalid = await save(revision + 2, 'x'.repeat(2001));
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors.goingWell).toContain('2,000');
  });

  it('a session that times out while someone writes (without JavaScript) loses nothing', async () => {
    const slow = new Agent(t.app, '10.7.2.1');
    await slow.signIn(signInFor(rows, 'pa'), PASSWORD);
    const page = await slow.get(`/reviews/${reviewId}/areas/financial-support`);
    const revision = /name="revision" value="(\d+)"/.exec(page.body)![1];
    const token = await slow.csrf();
    t.clock.advance(45 * 60_000);
    const late = await slow.post(
      `/reviews/${reviewId}/areas/financial-support`,
      {
        ...areaForm('financial-support'),
        revision,
        _owner: /name="_owner" value="([^"]+)"/.exec(page.body)![1],
        financialArrangements: 'Written slowly over an hour: rent paid direct, £57 a week',
      },
      { csrf: token },
    );
    expect(late.statusCode).toBe(401);
    expect(late.body).toContain('What you were writing has not been lost');
    expect(late.body).toContain(
      'name="keep:financialArrangements" value="Written slowly over an hour: rent paid direct, £57 a week"',
    );
    const fields = Object.fromEntries(
      [...late.body.matchAll(/name="(keep:[^"]+|resume)" value="([^"]*)"/g)].map((m) => [
        m[1],
        m[2]
          .replace(/&amp;/g, '&')
          .replace(/&#39;/g, "'")
          .replace(/&quot;/g, '"'),
      ]),
    );
    const signedIn = await slow.post('/sign-in', {
      login: signInFor(rows, 'pa'),
      password: PASSWORD,
      next: '/',
      ...fields,
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body).toContain('Save what you wrote');
    const kept = Object.fromEntries(
      [...signedIn.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1],
        m[2].replace(/&amp;/g, '&'),
      ]),
    );
    const saved = await slow.post(`/reviews/${reviewId}/areas/financial-support`, kept, { csrf: false });
    expect(saved.statusCode).toBe(303);
    expect((await slow.get(`/reviews/${reviewId}/areas/financial-support`)).body).toContain(
      'Written slowly over an hour',
    );
    // Steps such as approval never wait through a sign-in.
    t.clock.advance(45 * 60_000);
    const step = await slow.post(`/reviews/${reviewId}/steps/complete-planning`, {}, { csrf: token });
    expect(step.statusCode).toBe(403);
    t.clock.advance(-90 * 60_000);
  });

  it('participation, planning, signatures: both sign', async () => {
    expect(
      (
        await post(as.pa, `/reviews/${reviewId}/participation`, {
          ways: 'on_their_phone',
          didNotTakePartReason: '',
          othersConsulted: '',
        })
      ).statusCode,
    ).toBe(303);
    expect((await post(as.pa, `/reviews/${reviewId}/steps/complete-planning`, {})).statusCode).toBe(303);
    expect((await post(as.pa, `/reviews/${reviewId}/steps/submit-for-signatures`, {})).statusCode).toBe(303);
    await as.yp.get('/my-plan');
    expect(as.yp.lastHtml).toContain('I agree: sign my plan');
    expect((await as.yp.post(`/reviews/${reviewId}/steps/sign-as-young-person`, {})).statusCode).toBe(303);
    expect((await post(as.pa, `/reviews/${reviewId}/steps/sign-as-worker`, {})).statusCode).toBe(303);
    expect(words((await as.pa.get(`/reviews/${reviewId}`)).body)).toContain('Waiting for a manager to approve');
  });

  it('the worker cannot approve; the manager must give a rating and feedback, or a reason to return it', async () => {
    const self = await post(as.pa, `/reviews/${reviewId}/steps/approve`, {
      rating: 'good',
      feedback: 'Looks fine to me',
    });
    expect(self.statusCode).toBe(400);
    const denied = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, reviewId), eq(auditEvents.outcome, 'denied'))),
    );
    expect(denied.map((d) => d.action)).toContain('review.approve');
    await as.tm.get('/approvals');
    expect(as.tm.lastHtml).toContain(`/reviews/${reviewId}`);
    const empty = await post(as.tm, `/reviews/${reviewId}/steps/approve`, { rating: '', feedback: '' });
    expect(empty.body).toContain('Select a quality rating');
    expect(empty.body).toContain('Enter feedback for the worker');
    const returned = await post(as.tm, `/reviews/${reviewId}/steps/return`, {
      reason: 'The contingency plan needs a second action',
    });
    expect(returned.statusCode).toBe(303);
    expect(words((await as.pa.get(`/reviews/${reviewId}`)).body)).toContain(
      'The contingency plan needs a second action',
    );
    expect(words((await as.yp.get('/my-plan')).body)).toContain(
      'The manager asked for changes: The contingency plan needs a second action',
    );
  });

  it('the worker fixes and resubmits; both sign again; the manager approves', async () => {
    const page = await as.pa.get(`/reviews/${reviewId}/areas/contingency`);
    const revision = /name="revision" value="(\d+)"/.exec(page.body)![1];
    const fixed = await as.pa.post(`/reviews/${reviewId}/areas/contingency`, {
      ...areaForm('contingency'),
      revision,
      'contingency-count': '2',
      'contingency-1-what': 'Aunt Jo has them to stay',
      'contingency-1-whoKind': 'other',
      'contingency-1-whoName': 'Aunt Jo',
      'contingency-1-howSoon': 'Within a day',
    });
    expect(fixed.statusCode).toBe(303);
    // Changing the plan cleared the signatures: back to drafting.
    expect((await post(as.pa, `/reviews/${reviewId}/steps/submit-for-signatures`, {})).statusCode).toBe(303);
    expect(
      (await as.yp.post(`/reviews/${reviewId}/steps/sign-as-young-person`, { _csrf: await as.yp.csrf('/my-plan') }))
        .statusCode,
    ).toBe(303);
    expect((await post(as.pa, `/reviews/${reviewId}/steps/sign-as-worker`, {})).statusCode).toBe(303);
    const approved = await post(as.tm, `/reviews/${reviewId}/steps/approve`, {
      rating: 'good',
      feedback: 'Clear actions with dates. Well done.',
    });
    expect(approved.statusCode).toBe(303);
    const [version] = await t.db.system((tx) =>
      tx.select().from(planVersions).where(eq(planVersions.youngPersonId, yp.id)),
    );
    expect(version).toMatchObject({ version: 1, qualityRating: 'good' });
    const clock = await t.db.system((tx) =>
      tx
        .select()
        .from(statutoryRecords)
        .where(and(eq(statutoryRecords.youngPersonId, yp.id), eq(statutoryRecords.notes, 'Plan version 1 approved'))),
    );
    expect(clock).toHaveLength(1);
  });

  it('the young person has the approved plan on their phone and as a PDF, whole or planning section only', async () => {
    const page = words((await as.yp.get('/my-plan/approved')).body);
    expect(page).toContain('Your pathway plan');
    expect((await as.yp.get('/my-plan/versions/1')).statusCode).toBe(200);
    expect((await as.yp.get('/my-plan/versions/9')).statusCode).toBe(404);
    // Staff see the same version, with the manager's rating; one audit row per look.
    const before = (
      await t.db.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.youngPersonId, yp.id), eq(auditEvents.action, 'plan.view'))),
      )
    ).length;
    expect(words((await as.pa.get(`/young-people/${yp.id}/plans/1`)).body)).toContain('Good. Clear actions with dates');
    const after = (
      await t.db.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.youngPersonId, yp.id), eq(auditEvents.action, 'plan.view'))),
      )
    ).length;
    expect(after).toBe(before + 1);
    expect(page).toContain('Aunt Jo has them to stay');
    const whole = await as.yp.get('/my-plan/approved/pdf');
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('application/pdf');
    const planning = await as.yp.get('/my-plan/approved/pdf?part=planning');
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-'));
    const textOf = (body: Buffer, name: string) => {
      writeFileSync(path.join(dir, name), body);
      return execFileSync('pdftotext', ['-layout', path.join(dir, name), '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
    };
    const wholeText = textOf(whole.rawPayload, 'whole.pdf');
    const planningText = textOf(planning.rawPayload, 'planning.pdf');
    for (const def of AREAS.filter((a) => a.id !== 'immigration' && a.id !== 'contingency'))
      expect(wholeText).toContain(def.youngPersonTitle.slice(0, 20));
    expect(wholeText).toContain('Action 1 for Education and training'.slice(0, 25));
    expect(wholeText).toContain('Aunt Jo has them to stay');
    expect(wholeText).toContain('Assessed need for');
    expect(wholeText).toContain('I do not want to move to the hostel');
    expect(planningText).toContain('Aunt Jo has them to stay');
    expect(planningText).not.toContain('Assessed need for');
  });

  it('the next review starts from the approved plan', async () => {
    await as.pa.get(`/young-people/${yp.id}`);
    expect(as.pa.lastHtml).toContain('Start a review of the plan');
    const started = await as.pa.post(`/young-people/${yp.id}/reviews`, {});
    const nextId = String(started.headers.location).split('/').pop()!;
    expect(nextId).not.toBe(reviewId);
    const area = await as.pa.get(`/reviews/${nextId}/areas/education-and-training`);
    expect(area.body).toContain('Goal for Education and training');
    expect(area.body).toContain('Action 1 for Education and training');
    expect(words((await as.pa.get(`/reviews/${nextId}`)).body)).toContain('Pathway plan review');
  });
});
