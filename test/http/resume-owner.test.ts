// Writing carried through a sign-in after a timeout, without JavaScript (app.ts), goes back only to
// the person who wrote it: on a shared phone the next person to sign in is not shown it and cannot
// save it into their own plan (issue 7, item 2, the no-JavaScript path).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, type TestApp } from '../support/app.ts';
import { addOpenReview, addYoungPersonAccount } from '../support/factories.ts';
import { revisionOf } from '../support/plan-forms.ts';

let t: TestApp;
let rows: CouncilRows;
const WORDS = 'I want to stay near my sister and start college in September';

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 40 });
  const [a, b] = rows.youngPeople.filter(
    (y) => !y.restricted && y.personalAdviserId && !rows.accounts.some((x) => x.youngPersonId === y.id),
  );
  for (const [person, name] of [
    [a, 'phone.a'],
    [b, 'phone.b'],
  ] as const) {
    await addYoungPersonAccount(t.db, rows, person.id!, name);
    await addOpenReview(t.db, rows, person.id!, 'planning', '2026-11-20');
  }
}, 60_000);
afterAll(() => t.close());

/** A signs in on the shared phone, writes, and is signed out by the timeout before saving. */
async function timedOutWriting(phone: Agent) {
  await phone.signIn('phone.a', PASSWORD);
  const page = await phone.get('/my-plan/areas/education-and-training');
  expect(page.statusCode).toBe(200);
  const token = await phone.csrf();
  t.clock.advance(45 * 60_000);
  const late = await phone.post(
    '/my-plan/areas/education-and-training',
    {
      revision: revisionOf(page.body),
      goingWell: WORDS,
      worries: '',
      wants: '',
      youngPersonScale: '7',
      _owner: /name="_owner" value="([^"]+)"/.exec(page.body)![1],
    },
    { csrf: token },
  );
  t.clock.advance(-45 * 60_000);
  expect(late.statusCode).toBe(401);
  return Object.fromEntries(
    [...late.body.matchAll(/name="(keep:[^"]+|resume)" value="([^"]*)"/g)].map((m) => [
      m[1],
      m[2].replace(/&amp;/g, '&').replace(/&#39;/g, "'"),
    ]),
  );
}

describe('writing carried through a sign-in on a shared phone', () => {
  it('is not shown to, or saved by, the next person who signs in', async () => {
    const phone = new Agent(t.app, '10.11.0.1');
    const carried = await timedOutWriting(phone);
    expect(carried['keep:goingWell']).toBe(WORDS);
    const other = await phone.post('/sign-in', { login: 'phone.b', password: PASSWORD, next: '/', ...carried });
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('Their writing has not been kept');
    expect(other.body).not.toContain(WORDS);
    expect(other.body).not.toContain('Save what I wrote');
  });

  it('goes back to the person who wrote it', async () => {
    const phone = new Agent(t.app, '10.11.0.2');
    const carried = await timedOutWriting(phone);
    const same = await phone.post('/sign-in', { login: 'phone.a', password: PASSWORD, next: '/', ...carried });
    expect(same.statusCode).toBe(200);
    expect(same.body).toContain('Save what I wrote');
    expect(same.body).toContain(WORDS);
  });
});
