// A form sent from an old tab (issue 8, item 9). A young person writes "I do not agree" on a page opened
// before they last signed in; the form's token is no longer theirs, so the send is refused — but their
// words come back on a page with one button to save them, in plain words, and are saved by it. The
// same words survive a session that ran out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { reviews } from '../../src/data/schema.ts';
import type { Review } from '../../src/domain/plan/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, TODAY, type TestApp } from '../support/app.ts';
import { addOpenReview, addYoungPersonAccount, youngPeopleFreeToWrite } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
const logins: string[] = [];
const reviewIds: string[] = [];
const DISAGREE = 'I do not agree with moving to the hostel. I want to stay with my foster carer.';
const STAFF_WORDS = ['team manager', 'Attempts to open records', 'This form has expired'];

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  const people = youngPeopleFreeToWrite(rows).slice(0, 2);
  for (const [i, person] of people.entries()) {
    logins.push(`oldtab${i}.${rows.council.slug}`);
    await addYoungPersonAccount(t.db, rows, person.id, logins[i]);
    reviewIds.push(await addOpenReview(t.db, rows, person.id, 'awaiting_signatures', TODAY));
  }
}, 60_000);
afterAll(() => t.close());

const signOffOf = async (id: string) => {
  const [row] = await t.db.system((tx) => tx.select().from(reviews).where(eq(reviews.id, id)));
  return (row.review as Review).youngPersonSignOff;
};
const hidden = (html: string, prefix = '') =>
  Object.fromEntries(
    [...html.matchAll(new RegExp(`<input type="hidden" name="${prefix}([^"]+)" value="([^"]*)"`, 'g'))].map((m) => [
      m[1],
      m[2].replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
    ]),
  );
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('an old tab\'s "I do not agree" keeps the young person\'s words', () => {
  it('signed in again since the page opened: refused, the words come back, one button saves them', async () => {
    const yp = new Agent(t.app, '10.8.9.1');
    await yp.signIn(logins[0], PASSWORD);
    const plan = await yp.get('/my-plan');
    const form = hidden(plan.body.slice(plan.body.indexOf('steps/disagreement')));
    expect(form._owner, 'the form says whose words these are').toBeTruthy();
    // In another tab they sign out and in again: a new session, and a new token.
    await yp.post('/sign-out', {});
    await yp.signIn(logins[0], PASSWORD);
    const sent = await yp.post(
      `/reviews/${reviewIds[0]}/steps/disagreement`,
      { _owner: form._owner, inTheirWords: DISAGREE },
      { csrf: form._csrf },
    );
    expect(sent.statusCode).toBe(403);
    expect(await signOffOf(reviewIds[0])).toBeNull();
    const page = mainOf(sent.body);
    expect(page).toContain('Your words are not saved yet');
    expect(page).toContain(DISAGREE.replace(/'/g, '&#39;'));
    for (const w of STAFF_WORDS) expect(page).not.toContain(w);

    const kept = hidden(sent.body.slice(sent.body.indexOf('<main')));
    expect(kept._csrf).not.toBe(form._csrf);
    const saved = await yp.post(`/reviews/${reviewIds[0]}/steps/disagreement`, kept, { csrf: false });
    expect(saved.statusCode).toBe(303);
    expect(await signOffOf(reviewIds[0])).toMatchObject({ kind: 'disagreement', inTheirWords: DISAGREE });
    // Their page now shows what they said, and offers no buttons to sign (item 3).
    const after = mainOf((await yp.get('/my-plan')).body);
    expect(after).toContain('You said what you do not agree with');
    expect(after).toContain(DISAGREE);
    expect(after).not.toContain('I agree: sign my plan');
  });

  it("a stale form without the writer's mark is refused in plain words, with nothing about managers", async () => {
    const yp = new Agent(t.app, '10.8.9.2');
    await yp.signIn(logins[1], PASSWORD);
    await yp.get('/my-plan');
    const sent = await yp.post(
      `/reviews/${reviewIds[1]}/steps/disagreement`,
      { inTheirWords: DISAGREE },
      { csrf: 'x'.repeat(32) },
    );
    expect(sent.statusCode).toBe(403);
    const page = mainOf(sent.body);
    expect(page).toContain('Nothing was changed');
    expect(page).not.toContain('team manager');
    expect(page).not.toContain('Attempts to open records');
  });

  it('the session ran out while they wrote: the words go through the sign-in and are saved', async () => {
    const yp = new Agent(t.app, '10.8.9.3');
    await yp.signIn(logins[1], PASSWORD);
    const plan = await yp.get('/my-plan');
    const form = hidden(plan.body.slice(plan.body.indexOf('steps/disagreement')));
    const before = t.clock.now().toISOString();
    t.clock.advance((t.config.sessionIdleMinutes + 1) * 60_000);
    try {
      const sent = await yp.post(
        `/reviews/${reviewIds[1]}/steps/disagreement`,
        { _owner: form._owner, inTheirWords: DISAGREE },
        { csrf: form._csrf },
      );
      expect(sent.statusCode).toBe(401);
      const signIn = await yp.post(
        '/sign-in',
        {
          ...Object.fromEntries(
            Object.entries(hidden(sent.body)).filter(([k]) => k.startsWith('keep:') || k === 'resume'),
          ),
          login: logins[1],
          password: PASSWORD,
        },
        { csrf: hidden(sent.body)._csrf },
      );
      expect(mainOf(signIn.body)).toContain(DISAGREE.replace(/'/g, '&#39;'));
      const saved = await yp.post(
        `/reviews/${reviewIds[1]}/steps/disagreement`,
        hidden(signIn.body.slice(signIn.body.indexOf('<main'))),
        { csrf: false },
      );
      expect(saved.statusCode).toBe(303);
      expect(await signOffOf(reviewIds[1])).toMatchObject({ kind: 'disagreement', inTheirWords: DISAGREE });
    } finally {
      t.clock.set(before);
    }
  });
});
