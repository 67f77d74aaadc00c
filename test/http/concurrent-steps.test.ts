// Steps two people can press at once (issue 7, item 13): a manager's approval pressed five times
// while the same plan is returned five times. Real concurrent requests; on PostgreSQL they race.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents, planVersions, reviews } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, type TestApp } from '../support/app.ts';
import { addReview } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 120 });
}, 60_000);
afterAll(() => t.close());

describe('a plan approved and returned at the same moment', () => {
  it('ends in exactly one outcome, with at most one new plan version and no errors', async () => {
    const person = rows.youngPeople.find(
      (y) =>
        !y.restricted &&
        y.personalAdviserId &&
        !rows.reviews.some((r) => r.youngPersonId === y.id && r.state !== 'approved'),
    )!;
    const tm = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === person.teamId)!;
    const { id: reviewId } = await addReview(t.db, rows, {
      youngPersonId: person.id!,
      adviserId: person.personalAdviserId!,
      managerId: tm.id,
      stage: 'awaiting_approval',
    });
    const waiting = { youngPersonId: person.id! };
    const before = await t.db.system((tx) =>
      tx.select().from(planVersions).where(eq(planVersions.youngPersonId, waiting.youngPersonId)),
    );
    const manager = new Agent(t.app, '10.10.0.1');
    await manager.signIn(tm.email, PASSWORD);
    await manager.get(`/reviews/${reviewId}`);
    const csrf = await manager.csrf();
    const approve = () =>
      manager.post(`/reviews/${reviewId}/steps/approve`, { rating: 'good', feedback: 'Clear goals' }, { csrf });
    const giveBack = () =>
      manager.post(`/reviews/${reviewId}/steps/return`, { reason: 'Add the contingency plan' }, { csrf });
    const results = await Promise.all(
      [approve, giveBack, approve, giveBack, approve, giveBack, approve, giveBack, approve, giveBack].map((press) =>
        press(),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    expect(codes.filter((c) => c === 303)).toHaveLength(1);
    const [after] = await t.db.system((tx) => tx.select().from(reviews).where(eq(reviews.id, reviewId)));
    const versions = await t.db.system((tx) =>
      tx.select().from(planVersions).where(eq(planVersions.youngPersonId, waiting.youngPersonId)),
    );
    const done = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, reviewId), eq(auditEvents.outcome, 'allowed'))),
    );
    const steps = done.filter((d) => d.action === 'review.approve' || d.action === 'review.return');
    expect(steps).toHaveLength(1);
    if (after.state === 'approved') expect(versions.length).toBe(before.length + 1);
    else {
      expect(after.state).toBe('returned');
      expect(versions.length).toBe(before.length);
    }
  });
});
