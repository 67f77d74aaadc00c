// A young person who changes the id in the address (the Leaving Well prototype's bug, DESIGN.md) gets nothing
// of another young person's review: not the review, not its pages, not its steps. Each refusal is refused by
// the server, leaks none of the other plan's words, changes nothing, and is in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, or } from 'drizzle-orm';
import { auditEvents, reviews } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addReview, addYoungPerson } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let me: Agent; // the demo young person
let meId = '';
let theirs = { youngPersonId: '', reviewId: '', approvedReviewId: '' };
const SECRET = 'Only I and my worker know this about my family';

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  const pa = staffByLocal(rows, 'pa');
  const tm = staffByLocal(rows, 'tm');
  meId = rows.accounts[0].youngPersonId;
  // Another young person of the same adviser, in the same team: their plan waits for both signatures,
  // so a young person could sign it or record a disagreement if the server let them.
  const other = await addYoungPerson(t.db, rows, {
    personalAdviserId: pa.id,
    teamId: pa.teamId!,
    dateOfBirth: '2008-02-01',
    givenName: 'Zephyrine',
  });
  const reviewId = (
    await addReview(t.db, rows, {
      youngPersonId: other.id,
      adviserId: pa.id,
      managerId: tm.id,
      stage: 'awaiting_signatures',
    })
  ).id;
  await t.db.system(async (tx) => {
    const [row] = await tx.select().from(reviews).where(eq(reviews.id, reviewId));
    const review = row.review as { content: { areas: Record<string, { youngPersonWords: { goingWell: string } }> } };
    review.content.areas['family-and-relationships'].youngPersonWords.goingWell = SECRET;
    await tx
      .update(reviews)
      .set({ review: review as never })
      .where(eq(reviews.id, reviewId));
  });
  // And an earlier plan of theirs, approved.
  const older = await addYoungPerson(t.db, rows, {
    personalAdviserId: pa.id,
    teamId: pa.teamId!,
    dateOfBirth: '2007-02-01',
  });
  const approvedReviewId = (
    await addReview(t.db, rows, { youngPersonId: older.id, adviserId: pa.id, managerId: tm.id, stage: 'approved' })
  ).id;
  theirs = { youngPersonId: other.id, reviewId, approvedReviewId };
  me = new Agent(t.app, '10.34.0.1');
  await me.signIn(rows.accounts[0].username, PASSWORD);
}, 60_000);
afterAll(() => t.close());

/** Refusals by this young person that name the other review or the other young person. */
const deniedRows = (reviewId: string, youngPersonId: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorId, meId),
          eq(auditEvents.outcome, 'denied'),
          or(
            eq(auditEvents.entityId, reviewId),
            eq(auditEvents.entityId, youngPersonId),
            eq(auditEvents.youngPersonId, youngPersonId),
          ),
        ),
      ),
  );

const reviewRow = async (id: string) =>
  (await t.db.system((tx) => tx.select().from(reviews).where(eq(reviews.id, id))))[0];

describe("a young person cannot open another young person's review by its id", () => {
  it('the review is really there: their worker opens it, and the young person can open their own plan', async () => {
    const pa = new Agent(t.app, '10.34.0.2');
    await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
    const page = await pa.get(`/reviews/${theirs.reviewId}/read`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(SECRET);
    expect((await me.get('/my-plan')).statusCode).toBe(200);
  });

  it.each([
    ['the review', ''],
    ['the whole plan as it stands', '/read'],
  ])('%s (GET /reviews/:id%s): refused, nothing shown, the refusal audited', async (_what, suffix) => {
    const before = (await deniedRows(theirs.reviewId, theirs.youngPersonId)).length;
    const response = await me.get(`/reviews/${theirs.reviewId}${suffix}`);
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('Zephyrine');
    expect((await deniedRows(theirs.reviewId, theirs.youngPersonId)).length).toBe(before + 1);
  });

  it.each([
    ['sign it as theirs', 'sign-as-young-person', {}],
    ['record a disagreement in their name', 'disagreement', { inTheirWords: 'Written by someone else' }],
  ])('a step: %s — refused, nothing changes, the refusal audited', async (_what, step, form) => {
    const before = await reviewRow(theirs.reviewId);
    const audited = (await deniedRows(theirs.reviewId, theirs.youngPersonId)).length;
    const token = await me.csrf('/my-plan');
    const response = await me.post(`/reviews/${theirs.reviewId}/steps/${step}`, form, { csrf: token });
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain(SECRET);
    const after = await reviewRow(theirs.reviewId);
    expect(after.state).toBe('awaiting_signatures');
    expect(after.review).toEqual(before.review);
    expect((await deniedRows(theirs.reviewId, theirs.youngPersonId)).length).toBe(audited + 1);
  });

  it('the staff pages and saves of that review are refused too', async () => {
    const before = await reviewRow(theirs.reviewId);
    const token = await me.csrf('/my-plan');
    for (const path of ['/areas/family-and-relationships', '/needs-assessment']) {
      const page = await me.get(`/reviews/${theirs.reviewId}${path}`);
      expect([path, page.statusCode]).toEqual([path, 403]);
      expect(page.body).not.toContain(SECRET);
    }
    const saves: [string, Record<string, string>][] = [
      [
        '/areas/family-and-relationships',
        { revision: '0', goingWell: 'Overwritten by someone else', goal: 'Not theirs' },
      ],
      ['/needs-assessment', { revision: '0', finances: 'Not theirs' }],
      ['/participation', { ways: 'in_person' }],
    ];
    for (const [path, form] of saves) {
      const response = await me.post(`/reviews/${theirs.reviewId}${path}`, form, { csrf: token });
      expect([path, response.statusCode]).toEqual([path, 403]);
    }
    expect((await reviewRow(theirs.reviewId)).review).toEqual(before.review);
  });

  it("another young person's approved plan, by their record's id: refused and audited, page and PDF", async () => {
    const older = (await reviewRow(theirs.approvedReviewId)).youngPersonId;
    for (const path of [`/young-people/${older}/plans/1`, `/young-people/${older}/plans/1/pdf`]) {
      const audited = (await deniedRows(theirs.approvedReviewId, older)).length;
      const response = await me.get(path);
      expect([path, response.statusCode]).toEqual([path, 403]);
      expect(response.headers['content-type']).not.toContain('application/pdf');
      expect((await deniedRows(theirs.approvedReviewId, older)).length).toBe(audited + 1);
    }
  });
});
