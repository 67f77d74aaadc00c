// Subject access (issue 11 §6): a service manager downloads one ZIP of everything held about a young
// person, its plan versions as real PDFs (read back with pdftotext); a worker is refused and the refusal
// audited; another council's young person is not found; every table about a young person is covered.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { tablesWithYoungPeople } from '../../src/data/repositories/subject-access.ts';
import { auditEvents } from '../../src/data/schema.ts';
import { subjectAccessZip } from '../../src/http/subject-access-zip.ts';
import { HELD_FILES, NOT_IN_FILES, subjectAccessFiles } from '../../src/domain/subject-access.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { checkIns, messages, messageThreads } from '../../src/data/companion-schema.ts';
import { supporters } from '../../src/data/supporters-schema.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { addApprovedPlans, supporterRow } from '../support/factories.ts';
import { csvRows } from '../support/downloads.ts';
import { whileRestricted } from '../support/restricted.ts';

let t: TestApp;
let rows: CouncilRows;
let other: CouncilRows;
let sm: Agent;
let pa: Agent;
let youngPersonId = '';
let versions: number[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'subject-access-'));

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  other = await buildCouncil(t.db, { youngPeople: 5 });
  // A young person with a Pathway account (whose password hash must never leave) and two approved plans.
  youngPersonId = rows.accounts.find(
    (a) => !rows.youngPeople.find((y) => y.id === a.youngPersonId)!.restricted,
  )!.youngPersonId;
  versions = await addApprovedPlans(t.db, rows, youngPersonId, 2);
  // Their own words in a check-in and a message to their adviser (issue 12's companion).
  const councilId = rows.council.id;
  const adviser = staffByLocal(rows, 'pa');
  await t.db.system(async (tx) => {
    await tx.insert(checkIns).values({
      councilId,
      youngPersonId,
      feeling: 3,
      words: 'Worried about my flat, sa-checkin',
      topics: ['housing'],
      needsHelp: true,
      notSafe: false,
    });
    const [thread] = await tx
      .insert(messageThreads)
      .values({ councilId, youngPersonId, staffId: adviser.id, subject: 'My flat' })
      .returning();
    await tx.insert(messages).values({
      councilId,
      threadId: thread.id,
      seq: 1,
      authorKind: 'young_person',
      authorId: youngPersonId,
      body: 'Can we talk about my flat, sa-message?',
    });
    // Two supporters: one removed before using their link, late on a summer evening (the next day in UTC+1,
    // the UK's day), so the link was cancelled; one whose link is still open.
    await tx.insert(supporters).values([
      supporterRow(councilId, youngPersonId, {
        name: 'Sam Cancelled',
        removedAt: new Date('2026-06-01T23:30:00Z'),
        linkRevokedAt: new Date('2026-06-01T23:30:00Z'),
      }),
      supporterRow(councilId, youngPersonId, { name: 'Sam Invited' }),
    ]);
  });
  sm = new Agent(t.app, '10.11.6.1');
  await sm.signIn(signInFor(rows, 'sm'), PASSWORD);
  pa = new Agent(t.app, '10.11.6.2');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
}, 60_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function pdfText(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name.replaceAll('/', '-'));
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

async function download(agent: Agent, id: string) {
  await agent.get(`/young-people/${id}/subject-access`);
  return agent.post(`/young-people/${id}/subject-access`, {});
}

describe('a subject access export', () => {
  it('is offered from the record page to a service manager, with a confirm step', async () => {
    const record = await sm.get(`/young-people/${youngPersonId}`);
    expect(record.body).toContain(`href="/young-people/${youngPersonId}/subject-access"`);
    const confirm = await sm.get(`/young-people/${youngPersonId}/subject-access`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`action="/young-people/${youngPersonId}/subject-access"`);
    expect(confirm.body).toContain('name="_csrf"');
    // A worker sees no button.
    expect((await pa.get(`/young-people/${youngPersonId}`)).body).not.toContain('/subject-access');
  });

  it('is one ZIP of the README, the record, every table, the audit trail and each plan version as a real PDF', async () => {
    const yp = rows.youngPeople.find((y) => y.id === youngPersonId)!;
    const response = await download(sm, youngPersonId);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="subject-access-.+\.zip"$/);
    const files = unzipSync(new Uint8Array(response.rawPayload));
    const names = Object.keys(files);
    expect(names).toEqual(subjectAccessFiles(versions));
    expect(names).toEqual(
      expect.arrayContaining(['README.txt', 'record.csv', 'contacts.csv', 'care-history.csv', 'workers.csv']),
    );
    expect(names.filter((n) => n.endsWith('.pdf'))).toEqual(versions.map((v) => `plans/pathway-plan-version-${v}.pdf`));
    for (const name of names.filter((n) => n.endsWith('.pdf'))) {
      expect(strFromU8(files[name].slice(0, 5))).toBe('%PDF-');
      expect(pdfText(name, files[name]).replace(/\s+/g, ' ')).toContain(yp.familyName);
    }
    const readme = strFromU8(files['README.txt']);
    expect(readme).toContain(yp.familyName);
    for (const name of names.filter((n) => n !== 'README.txt' && !n.startsWith('plans/')))
      expect(readme).toContain(name);
    const record = csvRows(strFromU8(files['record.csv']));
    expect(record).toContainEqual(['date of birth', yp.dateOfBirth]);
    // Care history: one row a period of care, besides the headings.
    const episodes = rows.episodes.filter((e) => e.youngPersonId === youngPersonId);
    expect(csvRows(strFromU8(files['care-history.csv']))).toHaveLength(episodes.length + 1);
    // The account is there, its password hash is not.
    const account = strFromU8(files['pathway-account.csv']);
    expect(account).toContain('username');
    expect(account).not.toMatch(/password hash|\$argon2/);
    // Their own words: check-ins and messages.
    expect(strFromU8(files['check-ins.csv'])).toContain('sa-checkin');
    expect(strFromU8(files['messages.csv'])).toContain('sa-message');
    // Their supporters: the day an unused link was cancelled, under a plain heading, as the UK's day; empty for
    // a link still open. Never the codes or the word "revoked".
    const named = csvRows(strFromU8(files['supporters.csv']));
    const [name, cancelledOn] = ['name', 'link cancelled on'].map((h) => named[0].indexOf(h));
    expect(cancelledOn).toBeGreaterThan(-1);
    expect(named[0].join(',')).not.toMatch(/revoked|hash|token/);
    expect(Object.fromEntries(named.slice(1).map((r) => [r[name], r[cancelledOn]]))).toEqual({
      'Sam Cancelled': '2026-06-02',
      'Sam Invited': '',
    });
    // Who looked: earlier reads of the record are in the trail.
    const trail = csvRows(strFromU8(files['who-looked-at-the-record.csv']));
    expect(trail[0]).toEqual(['when', 'who', 'role', 'what', 'outcome', 'request']);
    expect(trail.some((r) => r[3] === 'record.view')).toBe(true);

    // Audited, with the count of files.
    const audit = await auditRowsOf(t.db, response);
    const exported = audit.filter((r) => r.action === 'subject-access.export');
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ outcome: 'allowed', youngPersonId, entityId: youngPersonId });
    expect(exported[0].details).toMatchObject({ files: names.length, planVersions: versions.length });
  }, 60_000);

  it('is refused to a worker, and the refusal is audited', async () => {
    const confirm = await pa.get(`/young-people/${youngPersonId}/subject-access`);
    expect(confirm.statusCode).toBe(403);
    const response = await pa.post(`/young-people/${youngPersonId}/subject-access`, {}, { csrf: await pa.csrf('/') });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).not.toBe('application/zip');
    const audit = await auditRowsOf(t.db, response);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'denied', action: 'record.export', youngPersonId });
  });

  it('without the form’s CSRF token is refused', async () => {
    const response = await sm.post(`/young-people/${youngPersonId}/subject-access`, {}, { csrf: false });
    expect(response.statusCode).toBe(403);
  });

  it('of another council’s young person, or one that does not exist, is not found and writes to no other trail', async () => {
    for (const id of [other.youngPeople[0].id, '00000000-0000-4000-8000-000000000000']) {
      expect((await sm.get(`/young-people/${id}/subject-access`)).statusCode).toBe(404);
      const response = await sm.post(`/young-people/${id}/subject-access`, {}, { csrf: await sm.csrf('/') });
      expect(response.statusCode).toBe(404);
      const audit = await auditRowsOf(t.db, response);
      expect(audit).toMatchObject([{ outcome: 'denied', youngPersonId: null, entityId: id }]);
    }
  });

  it('of a restricted record the manager is not named on is refused, and audited', async () => {
    const yp = rows.youngPeople.find((y) => y.id !== youngPersonId && !y.restricted)!;
    await whileRestricted(t.db, { councilId: rows.council.id, youngPersonId: yp.id }, async () => {
      const response = await sm.post(`/young-people/${yp.id}/subject-access`, {}, { csrf: await sm.csrf('/') });
      expect(response.statusCode).toBe(403);
      expect(await auditRowsOf(t.db, response)).toMatchObject([
        { outcome: 'denied', action: 'subject-access.export', youngPersonId: yp.id },
      ]);
    });
  });

  it('covers every table that holds rows about a young person', async () => {
    const tables = await t.db.system((tx) => tablesWithYoungPeople(tx));
    const covered = new Set([...Object.keys(HELD_FILES), ...Object.keys(NOT_IN_FILES)]);
    expect(tables.filter((name) => !covered.has(name))).toEqual([]);
  });
});

describe('the export and its audit row are one view', () => {
  const sm0 = () => staffByLocal(rows, 'sm');
  const ctx = () => ({
    principal: {
      kind: 'staff' as const,
      id: sm0().id,
      councilId: rows.council.id,
      role: 'service_manager' as const,
      teamId: sm0().teamId ?? null,
      name: sm0().displayName,
    },
    requestId: `sa-${Math.random().toString(36).slice(2)}`,
  });
  const exports = () =>
    t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, youngPersonId), eq(auditEvents.action, 'subject-access.export')))
        .orderBy(auditEvents.id),
    );

  it('the PDFs are drawn before the audit row commits: a ZIP that cannot be made is not recorded as exported', async () => {
    const before = (await exports()).length;
    await expect(
      t.services.subjectAccess.gather(ctx(), youngPersonId, async () => {
        throw new Error('the PDF could not be drawn');
      }),
    ).rejects.toThrow('the PDF could not be drawn');
    expect((await exports()).length).toBe(before);

    const made = await t.services.subjectAccess.gather(ctx(), youngPersonId, subjectAccessZip);
    const after = await exports();
    expect(after.length).toBe(before + 1);
    // The row counts what the ZIP holds.
    const files = Object.keys(unzipSync(made.zip)).filter((f) => !f.endsWith('/'));
    expect(after.at(-1)!.details).toMatchObject({ files: files.length, planVersions: versions.length });
  });
});
