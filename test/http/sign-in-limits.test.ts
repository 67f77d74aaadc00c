// Sign-in limits hold at any concurrency (issue 7, item 5): 5 wrong passwords per account, then a
// 15-minute lock; 20 failed attempts per address in 15 minutes. Attempts are reserved before the
// password is checked, so parallel guesses cannot all reach argon2. The races run on PostgreSQL
// (PGlite runs one transaction at a time and hides them); the rules also run one by one on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEvents, staff } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { passwordVerifications } from '../../src/services/secrets.ts';
import { Agent, runAddress } from '../support/agent.ts';
import {
  buildCouncil,
  buildTestApp,
  PASSWORD,
  signInFor,
  testDatabase,
  testDriver,
  type TestApp,
} from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;

beforeAll(async () => {
  // As many connections as production's default pool, so that parallel requests really overlap.
  t = await buildTestApp(await testDatabase({ poolSize: 10 }));
  rows = await buildCouncil(t.db, { youngPeople: 30 });
});
afterAll(() => t.close());

const address = runAddress;

/** One signed-out browser per address, with its form token fetched as a person's browser would. */
async function browserAt(address: string) {
  const agent = new Agent(t.app, address);
  await agent.get('/sign-in');
  return agent;
}

const staffRow = async (email: string) =>
  (await t.db.system((tx) => tx.select().from(staff).where(eq(staff.email, email))))[0];
const guessesAudited = async (id: string) =>
  (
    await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorId, id), inArray(auditEvents.action, ['sign-in.failed', 'sign-in.locked']))),
    )
  ).length;

describe.runIf(testDriver() === 'postgres')('parallel guesses (PostgreSQL)', () => {
  it.each([200, 40])(
    '%i wrong passwords at once for one account: at most 5 are checked and the account locks',
    async (n) => {
      const email = n === 200 ? signInFor(rows, 'iro') : signInFor(rows, 'sw');
      const agents = await Promise.all(Array.from({ length: n }, (_, i) => browserAt(address(20, i))));
      const before = passwordVerifications();
      const responses = await Promise.all(
        agents.map((a, i) => a.post('/sign-in', { login: email, password: `wrong guess ${i}` })),
      );
      const checked = passwordVerifications() - before;
      const row = await staffRow(email);
      expect(checked, 'passwords checked by argon2').toBeLessThanOrEqual(5);
      expect(checked).toBeGreaterThanOrEqual(1);
      expect(await guessesAudited(row.id), 'each checked guess is audited').toBe(checked);
      expect(row.lockedUntil?.getTime()).toBe(t.clock.now().getTime() + 15 * 60_000);
      expect(responses.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(n - 5);
      expect(responses.every((r) => r.statusCode === 400 || r.statusCode === 429)).toBe(true);
      // Locked: even the right password waits 15 minutes.
      expect(
        (await (await browserAt(address(21, 0, 1))).post('/sign-in', { login: email, password: PASSWORD })).statusCode,
      ).toBe(429);
    },
  );

  it('200 attempts at once from one address across many accounts: at most 20 are checked', async () => {
    // Another council's accounts, so the accounts this file's other tests use are not locked.
    const other = await buildCouncil(t.db, { youngPeople: 10 });
    const logins = [
      ...other.staff.map((s) => s.email),
      ...Array.from({ length: 100 }, (_, i) => `nobody${i}@nowhere.test`),
    ];
    const agent = await browserAt(address(22, 0, 1));
    const before = passwordVerifications();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        agent.post('/sign-in', { login: logins[i % logins.length], password: `wrong guess ${i}` }),
      ),
    );
    const checked = passwordVerifications() - before;
    expect(checked, 'passwords checked (including the dummy check for unknown accounts)').toBeLessThanOrEqual(20);
    expect(
      responses.filter((r) => r.statusCode === 429 && r.body.includes('Too many tries from this device')).length,
    ).toBeGreaterThanOrEqual(180);
  });

  it('a right password among parallel wrong ones before the limit still signs in', async () => {
    const email = signInFor(rows, 'pa');
    const agents = await Promise.all(Array.from({ length: 4 }, (_, i) => browserAt(address(23, 0, i))));
    const responses = await Promise.all(
      agents.map((a, i) => a.post('/sign-in', { login: email, password: i === 2 ? PASSWORD : `wrong guess ${i}` })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([303, 400, 400, 400]);
  });
});

describe('limits, one attempt at a time', () => {
  it('4 wrong passwords then the right one signs in, and the count starts again', async () => {
    const email = signInFor(rows, 'tm');
    for (let i = 0; i < 4; i++)
      expect(
        (await (await browserAt(address(24, 0, i))).post('/sign-in', { login: email, password: `wrong guess ${i}` }))
          .statusCode,
      ).toBe(400);
    expect(
      (await (await browserAt(address(24, 1, 1))).post('/sign-in', { login: email, password: PASSWORD })).statusCode,
    ).toBe(303);
    expect((await staffRow(email)).failedSignIns).toBe(0);
    for (let i = 0; i < 4; i++)
      expect(
        (await (await browserAt(address(24, 2, i))).post('/sign-in', { login: email, password: `wrong guess ${i}` }))
          .statusCode,
      ).toBe(400);
    expect(
      (await (await browserAt(address(24, 3, 1))).post('/sign-in', { login: email, password: PASSWORD })).statusCode,
    ).toBe(303);
  });

  it('the 5th wrong password locks for 15 minutes; the lock runs out and the count starts again', async () => {
    const email = signInFor(rows, 'sm');
    for (let i = 0; i < 4; i++)
      await (await browserAt(address(25, 0, i))).post('/sign-in', { login: email, password: `wrong guess ${i}` });
    const fifth = await (await browserAt(address(25, 1, 1))).post('/sign-in', {
      login: email,
      password: 'wrong guess 5',
    });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.body).toContain('This account is locked for 15 minutes');
    const before = passwordVerifications();
    expect(
      (await (await browserAt(address(25, 1, 2))).post('/sign-in', { login: email, password: PASSWORD })).statusCode,
    ).toBe(429);
    expect(passwordVerifications(), 'a locked account checks no password').toBe(before);
    t.clock.advance(14 * 60_000);
    expect(
      (await (await browserAt(address(25, 1, 3))).post('/sign-in', { login: email, password: PASSWORD })).statusCode,
    ).toBe(429);
    t.clock.advance(60_000 + 1);
    // After the lock: one wrong password does not lock again straight away.
    expect(
      (await (await browserAt(address(25, 2, 1))).post('/sign-in', { login: email, password: 'wrong again' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await (await browserAt(address(25, 2, 2))).post('/sign-in', { login: email, password: PASSWORD })).statusCode,
    ).toBe(303);
  });

  it('an address that signs in successfully gets its attempt back', async () => {
    const agent = await browserAt(address(26, 0, 1));
    for (let i = 0; i < 19; i++)
      await agent.post('/sign-in', { login: `nobody${i}@nowhere.test`, password: 'wrong guess' });
    for (let i = 0; i < 3; i++) {
      const office = new Agent(t.app, address(26, 0, 1));
      await office.get('/sign-in');
      expect((await office.post('/sign-in', { login: signInFor(rows, 'admin'), password: PASSWORD })).statusCode).toBe(
        303,
      );
    }
    expect((await agent.post('/sign-in', { login: 'nobody@nowhere.test', password: 'wrong guess' })).statusCode).toBe(
      400,
    );
    expect((await agent.post('/sign-in', { login: 'nobody@nowhere.test', password: 'wrong guess' })).statusCode).toBe(
      429,
    );
  });
});
