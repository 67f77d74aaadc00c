// Writes of issue 12 §4 made at the same moment: a worker saving their profile from two tabs (the first
// save of all, when no row exists yet, is the race: both insert), two administrators saving the
// record-view policy. Nothing fails, one row stands, every save is audited. ("Ask why" starts a thread of
// its own each time: its messages are numbered under the thread's lock, tested in concurrent-messages.) PGlite runs one transaction at a time, so the race only
// shows on PostgreSQL; the test runs on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { councilRecordViewPolicy, staffProfiles } from '../../src/data/profiles-schema.ts';
import { auditEvents } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import {
  buildCouncil,
  buildTestApp,
  PASSWORD,
  signInFor,
  staffByLocal,
  testDatabase,
  type TestApp,
} from '../support/app.ts';

const EACH = 8;
let t: TestApp;
let rows: CouncilRows;
const as: Record<string, Agent> = {};

beforeAll(async () => {
  t = await buildTestApp(await testDatabase({ poolSize: 10 }));
  rows = await buildCouncil(t.db, { youngPeople: 4 });
  for (const [i, who] of (['pa', 'admin'] as const).entries()) {
    as[who] = new Agent(t.app, `10.44.0.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
}, 60_000);
afterAll(() => t.close());

const auditCount = (action: string) =>
  t.db.system(async (tx) => (await tx.select().from(auditEvents).where(eq(auditEvents.action, action))).length);

describe('saves at the same moment', () => {
  it(`${EACH} first saves of one worker’s profile: all kept as saves, one profile, the last word stands`, async () => {
    const pa = staffByLocal(rows, 'pa');
    const csrf = await as.pa.csrf('/profile');
    const before = await auditCount('profile.update');
    const saves = Array.from({ length: EACH }, (_, i) =>
      as.pa.postFiles('/profile', { aboutMe: `tab ${i}` }, [], { csrf }),
    );
    const responses = await Promise.all(saves);
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 303));
    const kept = await t.db.system((tx) => tx.select().from(staffProfiles).where(eq(staffProfiles.staffId, pa.id)));
    expect(kept).toHaveLength(1);
    expect(kept[0].aboutMe).toMatch(/^tab \d$/);
    expect((await auditCount('profile.update')) - before).toBe(EACH);
  });

  it(`${EACH} saves of the council’s record-view policy at once: one row, each audited`, async () => {
    const csrf = await as.admin.csrf('/admin/record-views');
    const before = await auditCount('record-view-policy.update');
    const responses = await Promise.all(
      Array.from({ length: EACH }, (_, i) =>
        as.admin.post('/admin/record-views', { showNames: i % 2 ? 'yes' : 'no' }, { csrf }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 303));
    const kept = await t.db.system((tx) =>
      tx.select().from(councilRecordViewPolicy).where(eq(councilRecordViewPolicy.councilId, rows.council.id)),
    );
    expect(kept).toHaveLength(1);
    expect((await auditCount('record-view-policy.update')) - before).toBe(EACH);
  });
});
