// Where am I signed in? Staff and young people see their sessions (device in plain words, when it
// started, when it was last used, the address) and end any of them, or all but this one (issue 7,
// item 10). Ending is a POST with the CSRF token, and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent, runAddress } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

let t: TestApp;
let rows: CouncilRows;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 30 });
});
afterAll(() => t.close());

/** Signs in from a device with a given User-Agent. */
async function device(login: string, userAgent: string, address: string) {
  const agent = new Agent(t.app, address);
  await agent.get('/sign-in', { 'user-agent': userAgent });
  const response = await agent.post(
    '/sign-in',
    { login, password: PASSWORD },
    { headers: { 'user-agent': userAgent } },
  );
  expect(response.statusCode).toBe(303);
  return agent;
}
const handles = (html: string) => [...html.matchAll(/\/account\/sessions\/([0-9a-f-]{36})\/end/g)].map((m) => m[1]);
const audited = async (actorId: string, action: string) =>
  t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, actorId), eq(auditEvents.action, action))),
  );

describe('your account: where you are signed in', () => {
  it.each([
    ['a member of staff', () => signInFor(rows, 'pa'), () => staffByLocal(rows, 'pa').id],
    ['a young person', () => rows.accounts[0].username, () => rows.accounts[0].youngPersonId],
  ])('%s sees each device in plain words, and signs one out', async (_who, login, id) => {
    const phone = await device(login(), IPHONE, runAddress(50, 1));
    const laptop = await device(login(), WINDOWS, runAddress(50, 2));
    const page = await laptop.get('/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Where you are signed in');
    expect(page.body).toContain('Safari on an iPhone');
    expect(page.body).toMatch(
      /Chrome on a Windows computer\s*<strong class="govuk-tag govuk-tag--green">\s*This device/,
    );
    expect(page.body).toContain(runAddress(50, 1));
    expect(page.body).toContain('href="/account"');
    // One button for the other device; none for this one (that is "Sign out").
    const [other] = handles(page.body);
    expect(handles(page.body)).toHaveLength(1);
    // Without the form's token, nothing happens.
    expect((await laptop.post(`/account/sessions/${other}/end`, {}, { csrf: false })).statusCode).toBe(403);
    expect((await phone.get('/')).statusCode).toBe(200);
    const ended = await laptop.post(`/account/sessions/${other}/end`, {});
    expect(ended.statusCode).toBe(303);
    expect((await phone.get('/')).statusCode, 'the phone is signed out').toBe(303);
    expect((await laptop.get('/')).statusCode).toBe(200);
    expect((await laptop.get(ended.headers.location as string)).body).toContain('You are signed out on that device');
    expect((await audited(id(), 'session.end')).map((a) => a.entityId)).toContain(other);
  });

  it('"sign out everywhere else" ends every other session and keeps this one', async () => {
    const sm = signInFor(rows, 'sm');
    const others = [await device(sm, IPHONE, runAddress(51, 1)), await device(sm, WINDOWS, runAddress(51, 2))];
    const me = await device(sm, WINDOWS, runAddress(51, 3));
    await me.get('/account');
    expect(me.lastHtml).toContain('Sign out everywhere else');
    const ended = await me.post('/account/sessions/end-others', {});
    expect(ended.statusCode).toBe(303);
    for (const o of others) expect((await o.get('/')).statusCode).toBe(303);
    expect((await me.get(ended.headers.location as string)).body).toContain('You are signed out everywhere else');
    expect(handles(me.lastHtml)).toHaveLength(0);
    const [row] = await audited(staffByLocal(rows, 'sm').id, 'session.end-others');
    expect(row.details).toEqual({ ended: 2 });
  });

  it("nobody can end someone else's session by its handle", async () => {
    const victim = await device(signInFor(rows, 'tm'), IPHONE, runAddress(52, 1));
    const victimHandle = handles(
      (await (await device(signInFor(rows, 'tm'), WINDOWS, runAddress(52, 2))).get('/account')).body,
    )[0];
    const attacker = await device(signInFor(rows, 'iro'), WINDOWS, runAddress(52, 3));
    await attacker.get('/account');
    expect((await attacker.post(`/account/sessions/${victimHandle}/end`, {})).statusCode).toBe(404);
    expect((await attacker.post('/account/sessions/not-a-handle/end', {})).statusCode).toBe(404);
    expect((await victim.get('/')).statusCode).toBe(200);
  });

  it('signed out, the page asks you to sign in', async () => {
    const response = await new Agent(t.app).get('/account');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in?next=%2Faccount');
  });
});
