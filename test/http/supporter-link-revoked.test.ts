// A removed supporter's unused link (issue 12 §6, migration 034): removing someone before they used their link
// and code cancels that link in the same transaction, audited; the worker's record says so; and the link or
// code, opened or used afterwards, says plainly (in the reader's language) that it was cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/data/schema.ts';
import { supporters } from '../../src/data/supporters-schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { localesDir } from '../../src/http/i18n.ts';
import { Agent, runAddress } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, testDatabase, type TestApp } from '../support/app.ts';
import { addYoungPersonAccount, youngPeopleFreeToWrite } from '../support/factories.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { addSupporterThroughPages } from '../support/supporters.ts';

let t: TestApp;
let rows: CouncilRows;
let yp: CouncilRows['youngPeople'][number];
let youngPerson: Agent;
const SUPPORTER_PASSWORD = 'violet harbour lantern 92';

beforeAll(async () => {
  t = await buildTestApp(await testDatabase());
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  [yp] = youngPeopleFreeToWrite(rows);
  const login = `yp.revoking.${Date.now()}`;
  await addYoungPersonAccount(t.db, rows, yp.id, login);
  youngPerson = new Agent(t.app, runAddress(70));
  await youngPerson.signIn(login, PASSWORD);
});
afterAll(() => t.close());

const addSupporter = (name: string) =>
  addSupporterThroughPages(t.db, youngPerson, yp.id, { name, relationship: 'advocate', access: 'read' });

/** The supporter sends the form the link opened: a username and password of their choosing. */
const useLink = (agent: Agent, link: string, login: string) =>
  agent.post('/supporter-invite/accept', {
    credentialKind: 'link',
    credential: link.split('/').pop()!,
    username: `${login}.${Date.now()}`,
    password: SUPPORTER_PASSWORD,
    confirm: SUPPORTER_PASSWORD,
  });

const rowOf = async (id: string) =>
  (await t.db.system((tx) => tx.select().from(supporters).where(eq(supporters.id, id))))[0];

/** The page's heading as the locale file words it (HTML-escaped as the page prints it: no markup in it). */
const heading = (lng: string): string =>
  JSON.parse(readFileSync(path.join(localesDir, lng, 'supporters.json'), 'utf8')).supporters.linkCancelled.heading;

describe('removing a supporter before they used their link', () => {
  let link: string;
  let code: string;
  let id: string;
  let opened: Agent;

  it('cancels the link in the same transaction as the removal, audited, and tells the young person', async () => {
    ({ link, code, id } = await addSupporter('Robin Unused'));
    // Someone opened the link and has the form in front of them, but has not sent it yet.
    opened = new Agent(t.app, runAddress(71));
    expect((await opened.get(link)).statusCode).toBe(200);
    await youngPerson.get('/account/supporters');
    const removed = await youngPerson.post(`/account/supporters/${id}/remove`, {});
    expect(removed.statusCode).toBe(303);
    const row = await rowOf(id);
    expect(row.linkRevokedAt).not.toBeNull();
    expect(row.linkRevokedAt).toEqual(row.removedAt);
    const audit = await auditRowsOf(t.db, removed);
    expect(audit.map((a) => a.action).sort()).toEqual(['supporter.link-revoke', 'supporter.remove']);
    for (const a of audit) expect(a).toMatchObject({ entityId: id, youngPersonId: yp.id, outcome: 'allowed' });
    const page = await youngPerson.get(String(removed.headers.location));
    expect(page.body).toContain('The link and code you gave them do not work any more.');
  });

  it('the link, opened afterwards, says it was cancelled, in the reader’s language; the refusal is audited', async () => {
    for (const lng of ['en', 'ar', 'ti']) {
      const agent = new Agent(t.app, runAddress(72, lng.charCodeAt(0)));
      const page = await agent.get(`${link}?lang=${lng}`);
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain(heading(lng));
      if (lng !== 'en') expect(page.body).not.toContain(heading('en'));
      const audit = await auditRowsOf(t.db, page);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'supporter.account-create',
          outcome: 'denied',
          entityId: id,
          youngPersonId: yp.id,
          details: { reason: 'link cancelled' },
        }),
      ]);
    }
  });

  it('the code, typed afterwards, says the same', async () => {
    const agent = new Agent(t.app, runAddress(73));
    const typed = await agent.post('/supporter-invite', { code }, { csrf: await agent.csrf('/supporter-invite') });
    expect(typed.statusCode).toBe(410);
    expect(typed.body).toContain(heading('en'));
  });

  it('the form opened before the removal, sent after it, says the same and makes no account', async () => {
    const sent = await useLink(opened, link, 'robin.late');
    expect(sent.statusCode).toBe(410);
    expect(sent.body).toContain(heading('en'));
    const row = await rowOf(id);
    expect(row.usedAt).toBeNull();
    expect(row.username).toBeNull();
  });

  it('the worker’s record shows the link as cancelled', async () => {
    const manager = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === yp.teamId)!;
    const tm = new Agent(t.app, runAddress(74));
    await tm.signIn(manager.email, PASSWORD);
    const record = await tm.get(`/young-people/${yp.id}`);
    expect(record.body).toContain('Robin Unused');
    expect(record.body).toContain('before using the link: link and code cancelled');
  });
});

describe('removing a supporter who had used their link', () => {
  it('ends their access; the used link is not marked cancelled and no link-revoke is audited', async () => {
    const { link, id } = await addSupporter('Kim Used');
    const agent = new Agent(t.app, runAddress(75));
    await agent.get(link);
    const done = await useLink(agent, link, 'kim.used');
    expect(done.statusCode).toBe(303);
    await youngPerson.get('/account/supporters');
    const removed = await youngPerson.post(`/account/supporters/${id}/remove`, {});
    expect(removed.statusCode).toBe(303);
    expect((await rowOf(id)).linkRevokedAt).toBeNull();
    expect((await auditRowsOf(t.db, removed)).map((a) => a.action)).toEqual(['supporter.remove']);
    const page = await youngPerson.get(String(removed.headers.location));
    expect(page.body).not.toContain('The link and code you gave them');
    // Opened again, the used link is simply not working: nothing says it was cancelled, nothing audited as such.
    const again = await new Agent(t.app, runAddress(76)).get(link);
    expect(again.statusCode).toBe(404);
    const denied = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, id), eq(auditEvents.outcome, 'denied'))),
    );
    expect(denied).toEqual([]);
  });
});
