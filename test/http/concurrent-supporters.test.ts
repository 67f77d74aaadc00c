// Removing a supporter while they save (issue 12 §6: "nothing lost, no one in"). A supporter's write checks,
// in its own transaction, that they still have access and holds a share lock on their row to the end
// (repositories/supporters.ts supporterLive); the removal's UPDATE of that row waits for it. So a save either
// commits before the removal, or waits and is then refused: never a save committed after the removal.
// PGlite runs one transaction at a time, so the race only shows on PostgreSQL; the test runs on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { supporters } from '../../src/data/supporters-schema.ts';
import { claimSupporterInvitation, removeSupporter, supporterLive } from '../../src/data/repositories/supporters.ts';
import { auditEvents, sessions } from '../../src/data/schema.ts';
import { sha256 } from '../../src/services/secrets.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent, runAddress } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, passwordHash, testDatabase, type TestApp } from '../support/app.ts';
import { addOpenReview, addYoungPersonAccount, supporterRow, youngPeopleFreeToWrite } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let yp: CouncilRows['youngPeople'][number];
let youngPerson: Agent;
const AREA = 'accommodation';
/** A link still in date whatever the test clock says. */
const LATER = new Date('2099-01-01T00:00:00Z');

beforeAll(async () => {
  t = await buildTestApp(await testDatabase({ poolSize: 10 }));
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  [yp] = youngPeopleFreeToWrite(rows);
  const login = `race.supported.${randomBytes(4).toString('hex')}`;
  await addYoungPersonAccount(t.db, rows, yp.id, login);
  await addOpenReview(t.db, rows, yp.id, 'drafting', '2026-11-20');
  youngPerson = new Agent(t.app, runAddress(20));
  await youngPerson.signIn(login, PASSWORD);
});
afterAll(() => t.close());

/** A supporter who may help write, signed up already (as if they had used their link). */
async function helper() {
  const username = `race.helper.${randomBytes(6).toString('hex')}`;
  const hash = await passwordHash();
  const [row] = await t.db.system((tx) =>
    tx
      .insert(supporters)
      .values(
        supporterRow(rows.council.id, yp.id, {
          access: 'help_write',
          usedAt: new Date('2026-11-20T00:00:00Z'),
          username,
          passwordHash: hash,
        }),
      )
      .returning(),
  );
  return { id: row.id, username };
}

describe('removing a supporter while they save', () => {
  it('the removal waits for a save that already checked access; a save after it is refused', async () => {
    const { id } = await helper();
    const order: string[] = [];
    let checked!: () => void;
    const saveChecked = new Promise<void>((resolve) => {
      checked = resolve;
    });
    // The supporter's write: access checked (and locked), then a moment of work, then commit.
    const save = t.db
      .withCouncil(rows.council.id, async (tx) => {
        const live = await supporterLive(tx, id, yp.id, true);
        checked();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return live;
      })
      .then((live) => order.push(`save ${live ? 'committed' : 'refused'}`));
    await saveChecked;
    // The young person removes them while that save is still open.
    const removal = t.db
      .withCouncil(rows.council.id, (tx) => removeSupporter(tx, yp.id, id, new Date()))
      .then((removed) => order.push(removed ? 'removal committed' : 'nothing removed'));
    await Promise.all([save, removal]);
    expect(order).toEqual(['save committed', 'removal committed']);
    // After the removal, their next write is refused.
    const after = await t.db.withCouncil(rows.council.id, (tx) => supporterLive(tx, id, yp.id, true));
    expect(after).toBe(false);
  });

  it('through the pages, at the same moment, many times: each save is kept only if it came before the removal', async () => {
    for (let round = 0; round < 6; round++) {
      const { id, username } = await helper();
      const agent = new Agent(t.app, runAddress(21, round));
      await agent.signIn(username, PASSWORD);
      await agent.get(`/my-plan/areas/${AREA}`);
      const revision = /name="revision" value="(\d+)"/.exec(agent.lastHtml)?.[1] ?? '0';
      const saveCsrf = await agent.csrf();
      await youngPerson.get('/account/supporters');
      const removeCsrf = await youngPerson.csrf();
      const words = `Round ${round} ${randomBytes(4).toString('hex')}`;
      const [saved, removed] = await Promise.all([
        agent.post(`/my-plan/areas/${AREA}`, { goingWell: words, revision }, { csrf: saveCsrf }),
        youngPerson.post(`/account/supporters/${id}/remove`, {}, { csrf: removeCsrf }),
      ]);
      expect(removed.statusCode).toBe(303);
      // Kept (303), refused (403: no access any more), or their session had already gone (303 to sign in).
      expect([303, 403]).toContain(saved.statusCode);
      const audit = await t.db.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.actorId, id), eq(auditEvents.action, 'review.save'))),
      );
      const removal = await t.db.system((tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'supporter.remove'))),
      );
      expect(removal).toHaveLength(1);
      const allowed = audit.filter((a) => a.outcome === 'allowed');
      // A save that was kept wrote its audit row before the removal's (the removal waited for it).
      for (const a of allowed) expect(a.id).toBeLessThan(removal[0].id);
      const kept = saved.statusCode === 303 && String(saved.headers.location).startsWith('/my-plan?');
      expect(kept).toBe(allowed.length === 1);
    }
  });
});

describe('removing a supporter while they use their link (migration 034)', () => {
  it('a use that took the link first: the removal waits, then ends the supporter but does not cancel the used link', async () => {
    const [row] = await t.db.system((tx) =>
      tx
        .insert(supporters)
        .values(supporterRow(rows.council.id, yp.id, { expiresAt: LATER }))
        .returning(),
    );
    let claimed!: () => void;
    const claimHeld = new Promise<void>((resolve) => {
      claimed = resolve;
    });
    const order: string[] = [];
    const use = t.db
      .withCouncil(rows.council.id, async (tx) => {
        const ok = await claimSupporterInvitation(
          tx,
          row.id,
          { username: `race.first.${row.id}`, passwordHash: 'x' },
          new Date(),
        );
        claimed();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return ok;
      })
      .then((ok) => order.push(`use ${ok ? 'committed' : 'refused'}`));
    await claimHeld;
    const removal = t.db
      .withCouncil(rows.council.id, (tx) => removeSupporter(tx, yp.id, row.id, new Date()))
      .then((removed) => order.push(`removal ${removed?.linkRevoked ? 'cancelled the link' : 'left the link used'}`));
    await Promise.all([use, removal]);
    expect(order).toEqual(['use committed', 'removal left the link used']);
  });

  it('either the link is used first (and the removal ends that sign-in) or it is cancelled and the use refused', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const token = randomBytes(24).toString('base64url');
      const [row] = await t.db.system((tx) =>
        tx
          .insert(supporters)
          .values(supporterRow(rows.council.id, yp.id, { linkTokenHash: sha256(token), expiresAt: LATER }))
          .returning(),
      );
      const agent = new Agent(t.app, runAddress(22, round));
      expect((await agent.get(`/supporter-invite/${token}`)).statusCode).toBe(200);
      const acceptCsrf = await agent.csrf(`/supporter-invite/${token}`);
      await youngPerson.get('/account/supporters');
      const removeCsrf = await youngPerson.csrf();
      const [used, removed] = await Promise.all([
        agent.post(
          '/supporter-invite/accept',
          {
            credentialKind: 'link',
            credential: token,
            username: `race.claim.${randomBytes(6).toString('hex')}`,
            password: 'violet harbour lantern 92',
            confirm: 'violet harbour lantern 92',
          },
          { csrf: acceptCsrf },
        ),
        youngPerson.post(`/account/supporters/${row.id}/remove`, {}, { csrf: removeCsrf }),
      ]);
      expect(removed.statusCode).toBe(303);
      const [after] = await t.db.system((tx) => tx.select().from(supporters).where(eq(supporters.id, row.id)));
      const audit = await t.db.system((tx) =>
        tx
          .select({ action: auditEvents.action, outcome: auditEvents.outcome })
          .from(auditEvents)
          .where(eq(auditEvents.entityId, row.id)),
      );
      const actions = audit.map((a) => `${a.action} ${a.outcome}`).sort();
      // Nobody is left signed in as a removed supporter, whichever came first.
      const left = await t.db.system((tx) =>
        tx
          .select()
          .from(sessions)
          .where(and(eq(sessions.principalKind, 'supporter'), eq(sessions.principalId, row.id))),
      );
      expect(left).toEqual([]);
      if (used.statusCode === 303) {
        outcomes.add('used first');
        expect(after.usedAt).not.toBeNull();
        expect(after.linkRevokedAt).toBeNull();
        expect(actions).toEqual(['supporter.account-create allowed', 'supporter.remove allowed']);
      } else {
        outcomes.add('cancelled first');
        expect(used.statusCode).toBe(410);
        expect(used.body).toContain('This link was cancelled');
        expect(after.usedAt).toBeNull();
        expect(after.linkRevokedAt).toEqual(after.removedAt);
        expect(actions).toEqual([
          'supporter.account-create denied',
          'supporter.link-revoke allowed',
          'supporter.remove allowed',
        ]);
      }
    }
    // Which comes first is up to the race; both outcomes are consistent. Printed to see that both happen.
    console.info('remove vs use of the link:', [...outcomes].join(', '));
  });
});
