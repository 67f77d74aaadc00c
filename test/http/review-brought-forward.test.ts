// A significant change, or a young person's request, brings the next review forward to within 20 working
// days (Care Leavers (England) Regulations 2010 reg 7(1)(a),(b); the council's policy, 20 by default).
// Working days skip weekends AND bank holidays in England and Wales (Banking and Financial Dealings Act 1971
// Sch 1): these dates are chosen so that forgetting the bank holidays gives a different, earlier date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
});
afterAll(() => t.close());

const triggerAudit = (youngPersonId: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.youngPersonId, youngPersonId), eq(auditEvents.action, 'review-trigger.record'))),
  );

describe('a review brought forward counts working days without bank holidays', () => {
  it('over Christmas and New Year: a change on Monday 14 Dec 2026 is due by Thursday 14 Jan 2027', async () => {
    // Worked by hand: Dec 15–18 (4), 21–24 (8; Fri 25 Christmas Day), 29–31 (11; Mon 28 is the Boxing Day
    // substitute, Fri 1 Jan New Year's Day), Jan 4–8 (16), Jan 11–14 (20). Ignoring the three bank holidays
    // would give Monday 11 January.
    t.clock.set('2026-12-14T10:00:00Z');
    const pa = staffByLocal(rows, 'pa');
    // Reviewed on 1 Nov 2026, so the regular review (1 May 2027) comes after the brought-forward one.
    const yp = await addYoungPerson(t.db, rows, {
      personalAdviserId: pa.id,
      teamId: pa.teamId!,
      dateOfBirth: '2007-08-01',
      episodes: [{ start: '2020-01-01', end: '2025-08-01' }],
      work: [
        { kind: 'needs_assessment', on: '2023-09-01' },
        { kind: 'pathway_plan', on: '2023-09-20' },
        { kind: 'review', on: '2026-11-01' },
      ],
    });
    const agent = new Agent(t.app, '10.35.0.1');
    await agent.signIn(signInFor(rows, 'pa'), PASSWORD);
    await agent.get(`/young-people/${yp.id}/significant-change`);
    const saved = await agent.post(`/young-people/${yp.id}/significant-change`, {
      kind: 'accommodation_move',
      description: 'Moved to a new flat',
      'occurredOn-day': '11',
      'occurredOn-month': '12',
      'occurredOn-year': '2026',
    });
    expect(saved.statusCode).toBe(303);
    const record = words((await agent.get(saved.headers.location as string)).body);
    expect(record).toContain('Recorded. The next review is now due by 14 January 2027');
    expect(record).toContain('Review after a change or request 14 January 2027');
    const [audit] = await triggerAudit(yp.id);
    expect(audit.details).toMatchObject({ reviewDueBy: '2027-01-14' });
  });

  it("over Easter: a young person's request on Monday 15 March 2027 is due by Wednesday 14 April 2027", async () => {
    // Easter Sunday 2027 is 28 March. Worked by hand: Mar 16–19 (4), 22–25 (8; Good Friday 26), Mar 30–Apr 2
    // (12; Easter Monday 29), Apr 5–9 (17), Apr 12–14 (20). Ignoring them would give Monday 12 April.
    t.clock.set('2027-03-15T10:00:00Z');
    const account = rows.accounts[0];
    const agent = new Agent(t.app, '10.35.0.2');
    await agent.signIn(account.username, PASSWORD);
    await agent.get('/my-plan/ask-for-a-review');
    const sent = await agent.post('/my-plan/ask-for-a-review', { description: 'I want to talk about moving out' });
    expect(sent.statusCode).toBe(200);
    expect(words(sent.body)).toContain('They will meet you to look at your plan again by 14 April 2027');
    const audits = await triggerAudit(account.youngPersonId);
    expect(audits.map((a) => a.details)).toContainEqual(
      expect.objectContaining({ kind: 'young_person_request', reviewDueBy: '2027-04-14' }),
    );
  });
});
