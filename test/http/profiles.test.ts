// Issue 12 §4: a worker's one-page profile (each writes their own only, audited; a photo checked by its
// bytes and re-encoded, served as an image and nothing else), on their young people's home and a page of
// its own; "Who has looked at my record" from the audit trail, with names as the council's policy says,
// and "Ask why" as a message to their worker. Refusals are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { messages, messageThreads } from '../../src/data/companion-schema.ts';
import { staffProfiles } from '../../src/data/profiles-schema.ts';
import { auditEvents, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addYoungPerson, addYoungPersonAccount } from '../support/factories.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
let otherRows: CouncilRows;
const as: Record<string, Agent> = {};
let ypId = '';
let otherYpId = '';
let pa: ReturnType<typeof staffByLocal>;
let sw: ReturnType<typeof staffByLocal>;
let tm: ReturnType<typeof staffByLocal>;

const profileForm = (over: Record<string, string> = {}) => ({
  aboutMe: 'I have worked with young people for 8 years.\nI like football.',
  howIWork: 'I listen first.',
  whenAround: 'Monday to Thursday',
  howToReach: 'Send me a message',
  languages: 'English, Arabic',
  ...over,
});
const jpegMarker = (b: Buffer) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
const profileRow = (staffId: string) =>
  t.db.system(async (tx) => (await tx.select().from(staffProfiles).where(eq(staffProfiles.staffId, staffId)))[0]);

beforeAll(async () => {
  t = await buildTestApp(undefined, {}, { logger: { level: 'error' } });
  rows = await buildCouncil(t.db, { youngPeople: 6 });
  otherRows = await buildCouncil(t.db, { youngPeople: 4 });
  pa = staffByLocal(rows, 'pa');
  sw = staffByLocal(rows, 'sw');
  tm = staffByLocal(rows, 'tm');
  const person = { personalAdviserId: pa.id, teamId: pa.teamId!, dateOfBirth: '2006-05-10' };
  ypId = (await addYoungPerson(t.db, rows, { ...person, episodes: [{ start: '2020-01-01', end: '2024-05-10' }] })).id;
  // Another of the personal adviser's young people, whose social worker is someone else.
  otherYpId = (await addYoungPerson(t.db, rows, person)).id;
  await t.db.system((tx) => tx.update(youngPeople).set({ socialWorkerId: sw.id }).where(eq(youngPeople.id, ypId)));
  await addYoungPersonAccount(t.db, rows, ypId, `prof1.${rows.council.slug}`);
  await addYoungPersonAccount(t.db, rows, otherYpId, `prof2.${rows.council.slug}`);
  as.yp = new Agent(t.app, '10.43.0.1');
  await as.yp.signIn(`prof1.${rows.council.slug}`, PASSWORD);
  as.otherYp = new Agent(t.app, '10.43.0.2');
  await as.otherYp.signIn(`prof2.${rows.council.slug}`, PASSWORD);
  for (const [i, who] of (['pa', 'sw', 'tm', 'iro', 'admin'] as const).entries()) {
    as[who] = new Agent(t.app, `10.43.1.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
  as.otherPa = new Agent(t.app, '10.43.2.1');
  await as.otherPa.signIn(signInFor(otherRows, 'pa'), PASSWORD);
}, 90_000);
afterAll(() => t.close());

describe('a worker’s profile', () => {
  it('is written by the worker, audited, and shown on their young person’s home and its own page', async () => {
    await as.pa.get('/profile');
    const saved = await as.pa.postFiles('/profile', profileForm(), []);
    expect(saved.statusCode).toBe(303);
    const audit = await auditRowsOf(t.db, saved);
    expect(audit.map((a) => [a.action, a.actorId, a.entityId])).toEqual([['profile.update', pa.id, pa.id]]);
    expect(audit[0].details).toMatchObject({ photo: 'kept', written: expect.arrayContaining(['aboutMe']) });

    const home = words((await as.yp.get('/')).body);
    expect(home).toContain('Your workers');
    expect(home).toContain('I have worked with young people for 8 years.');
    expect(home).toContain(`More about ${pa.displayName}`);
    // Their social worker has written nothing yet: they are still shown, plainly.
    expect(home).toContain('They have not written about themselves yet.');

    const page = await as.yp.get(`/workers/${pa.id}`);
    expect(page.statusCode).toBe(200);
    for (const w of [
      'About me',
      'How I work',
      "When I'm around",
      'How to reach me',
      'Languages I speak',
      'English, Arabic',
    ])
      expect(words(page.body)).toContain(w);
  });

  it('is refused (404, audited) to a young person it is not theirs, and to another council', async () => {
    const notTheirs = await as.otherYp.get(`/workers/${sw.id}`);
    expect(notTheirs.statusCode).toBe(404);
    const audit = await auditRowsOf(t.db, notTheirs);
    expect(audit.some((a) => a.action === 'profile.view' && a.outcome === 'denied')).toBe(true);
    expect((await as.otherYp.get(`/workers/${sw.id}/photo`)).statusCode).toBe(404);
    expect((await as.otherPa.get(`/workers/${pa.id}`)).statusCode).toBe(404);
    // A colleague may read it.
    expect((await as.tm.get(`/workers/${pa.id}`)).statusCode).toBe(200);
  });

  it('is each worker’s own: saving writes the signed-in worker’s profile only; administrators have none', async () => {
    await as.sw.get('/profile');
    const res = await as.sw.postFiles('/profile', profileForm({ aboutMe: 'Social worker words' }), []);
    expect(res.statusCode).toBe(303);
    expect((await profileRow(sw.id)).aboutMe).toBe('Social worker words');
    expect((await profileRow(pa.id)).aboutMe).toContain('8 years');
    expect((await as.admin.get('/profile')).statusCode).toBe(403);
    expect((await as.yp.get('/profile')).statusCode).toBe(403);
  });

  it('keeps the words and shows an error next to the field when a part is too long', async () => {
    await as.pa.get('/profile');
    const res = await as.pa.postFiles(
      '/profile',
      profileForm({ languages: 'x'.repeat(301), howIWork: 'kept words' }),
      [],
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#languages"');
    expect(words(res.body)).toContain('Languages I speak must be 300 characters or fewer');
    expect(res.body).toContain('kept words');
    expect((await profileRow(pa.id)).howIWork).toBe('I listen first.');
  });
});

describe('a worker’s photo', () => {
  it('is re-encoded as a small JPEG without its metadata, and served as an image only', async () => {
    const secret = 'Taken at 1 Secret Street';
    const big = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3366aa' } })
      .png()
      .withMetadata({ exif: { IFD0: { ImageDescription: secret } } })
      .toBuffer();
    expect(big.includes(secret)).toBe(true);
    await as.pa.get('/profile');
    const res = await as.pa.postFiles('/profile', profileForm(), [{ field: 'photo', name: 'me.png', content: big }]);
    expect(res.statusCode).toBe(303);
    expect((await auditRowsOf(t.db, res))[0].details).toMatchObject({ photo: 'new' });
    const kept = await profileRow(pa.id);
    expect(kept.photoType).toBe('image/jpeg');
    expect(jpegMarker(kept.photo!)).toBe(true);
    expect(kept.photo!.includes(secret)).toBe(false);
    const size = await sharp(kept.photo!).metadata();
    expect(Math.max(size.width!, size.height!)).toBe(480);

    const served = await as.yp.get(`/workers/${pa.id}/photo`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toBe("default-src 'none'");
    expect(jpegMarker(served.rawPayload)).toBe(true);
    expect((await as.yp.get('/')).body).toContain(`/workers/${pa.id}/photo`);
  });

  it('is refused by its bytes, whatever its name: a GIF, HTML called .png, a PNG that does not decode, too large', async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const cases: [Buffer, string][] = [
      [gif, 'The photo must be a JPEG or PNG'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'The photo must be a JPEG or PNG'],
      [
        Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.from('<script>x</script>'),
        ]),
        'The photo could not be read',
      ],
      [
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(8 * 1024 * 1024 + 10)]),
        'The photo must be smaller than 8 MB',
      ],
    ];
    const before = await profileRow(pa.id);
    for (const [content, message] of cases) {
      await as.pa.get('/profile');
      const res = await as.pa.postFiles('/profile', profileForm({ aboutMe: 'not saved' }), [
        { field: 'photo', name: 'me.png', content },
      ]);
      expect(res.statusCode, message).toBe(400);
      expect(res.body).toContain('href="#photo"');
      expect(words(res.body)).toContain(message);
      expect(res.body).toContain('not saved');
    }
    const after = await profileRow(pa.id);
    expect(after.aboutMe).toBe(before.aboutMe);
    expect(after.photo!.equals(before.photo!)).toBe(true);
  });

  it('can be removed', async () => {
    await as.sw.get('/profile');
    const photo = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    await as.sw.postFiles('/profile', profileForm(), [{ field: 'photo', name: 'a.jpg', content: photo }]);
    expect((await profileRow(sw.id)).photoType).toBe('image/jpeg');
    await as.sw.get('/profile');
    const res = await as.sw.postFiles('/profile', { ...profileForm(), removePhoto: 'yes' }, []);
    expect(res.statusCode).toBe(303);
    expect((await profileRow(sw.id)).photo).toBeNull();
    expect((await as.yp.get(`/workers/${sw.id}/photo`)).statusCode).toBe(404);
  });
});

describe('who has looked at my record', () => {
  const lookRowsOf = async (agent: Agent) => {
    const res = await agent.get('/my-record/looks');
    expect(res.statusCode).toBe(200);
    return { res, page: words(res.body) };
  };

  it('lists staff views of their own record, role and team only by default, and audits reading it', async () => {
    expect((await as.tm.get(`/young-people/${ypId}`)).statusCode).toBe(200);
    const { res, page } = await lookRowsOf(as.yp);
    expect(page).toContain('Team manager');
    expect(page).not.toContain(tm.displayName);
    expect(page).toContain('shows the job and team of each person');
    const audit = await auditRowsOf(t.db, res);
    expect(audit.map((a) => [a.action, a.actorKind, a.youngPersonId])).toEqual([
      ['record-views.view', 'young_person', ypId],
    ]);
    // Their own looks, and reading this list, are never listed back as a look by staff.
    expect(page).not.toContain('Young person');
    // The other young person sees nothing of this record.
    expect((await lookRowsOf(as.otherYp)).page).not.toContain('Team manager');
    // Staff have no such page.
    expect((await as.pa.get('/my-record/looks')).statusCode).toBe(404);
  });

  it('shows names when the council’s policy says so (only an administrator sets it, audited)', async () => {
    expect((await as.pa.get('/admin/record-views')).statusCode).toBe(403);
    await as.admin.get('/admin/record-views');
    const saved = await as.admin.post('/admin/record-views', { showNames: 'yes' });
    expect(saved.statusCode).toBe(303);
    expect((await auditRowsOf(t.db, saved)).map((a) => [a.action, a.details])).toEqual([
      ['record-view-policy.update', { showNames: true }],
    ]);
    expect((await lookRowsOf(as.yp)).page).toContain(tm.displayName);
    await as.admin.get('/admin/record-views');
    await as.admin.post('/admin/record-views', { showNames: 'no' });
    expect((await lookRowsOf(as.yp)).page).not.toContain(tm.displayName);
    await as.admin.get('/admin/record-views');
    expect((await as.admin.post('/admin/record-views', { showNames: 'maybe' })).statusCode).toBe(400);
  });

  it('"Ask why" sends their question to their personal adviser, due the next working day, audited', async () => {
    const { res } = await lookRowsOf(as.yp);
    const key = /\/my-record\/looks\/(\d+)\/ask/.exec(res.body)![1];
    const form = await as.yp.get(`/my-record/looks/${key}/ask`);
    expect(form.statusCode).toBe(200);
    expect(words(form.body)).toContain('Team manager');
    const empty = await as.yp.post(`/my-record/looks/${key}/ask`, { body: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(words(empty.body)).toContain('Write your question');
    await as.yp.get(`/my-record/looks/${key}/ask`);
    const sent = await as.yp.post(`/my-record/looks/${key}/ask`, { body: 'What were you looking for?' });
    expect(sent.statusCode).toBe(303);
    const threadId = /\/messages\/([0-9a-f-]{36})/.exec(String(sent.headers.location))![1];
    const [thread] = await t.db.system((tx) => tx.select().from(messageThreads).where(eq(messageThreads.id, threadId)));
    expect(thread).toMatchObject({ youngPersonId: ypId, staffId: pa.id, replyDueOn: '2026-11-24' });
    const [message] = await t.db.system((tx) => tx.select().from(messages).where(eq(messages.threadId, threadId)));
    expect(message.body).toContain('Team manager');
    expect(message.body).toContain('What were you looking for?');
    expect((await auditRowsOf(t.db, sent)).map((a) => a.action)).toContain('message.send');
    expect((await as.pa.get(`/messages/${threadId}`)).statusCode).toBe(200);
  });

  it('refuses (404, audited) asking about a look at someone else’s record, or a young person’s own action', async () => {
    await as.pa.get(`/young-people/${otherYpId}`);
    const [theirs] = await t.db.system((tx) =>
      tx
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, otherYpId), eq(auditEvents.actorKind, 'staff')))
        .orderBy(desc(auditEvents.id))
        .limit(1),
    );
    const [own] = await t.db.system((tx) =>
      tx
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(eq(auditEvents.youngPersonId, ypId), eq(auditEvents.actorKind, 'young_person')))
        .limit(1),
    );
    for (const id of [theirs.id, own.id]) {
      const page = await as.yp.get(`/my-record/looks/${id}/ask`);
      expect(page.statusCode).toBe(404);
      expect((await auditRowsOf(t.db, page)).map((a) => [a.action, a.outcome])).toEqual([
        ['record-views.view', 'denied'],
      ]);
      await as.yp.get('/my-record/looks');
      const post = await as.yp.post(`/my-record/looks/${id}/ask`, { body: 'Why?' });
      expect(post.statusCode).toBe(404);
    }
    expect((await as.yp.get('/my-record/looks/abc/ask')).statusCode).toBe(404);
  });

  it('goes to the team manager when they have no worker to write to', async () => {
    await t.db.system((tx) =>
      tx
        .update(youngPeople)
        .set({ personalAdviserId: null, socialWorkerId: null })
        .where(eq(youngPeople.id, otherYpId)),
    );
    const { res } = await lookRowsOf(as.otherYp);
    const key = /\/my-record\/looks\/(\d+)\/ask/.exec(res.body)![1];
    await as.otherYp.get(`/my-record/looks/${key}/ask`);
    const sent = await as.otherYp.post(`/my-record/looks/${key}/ask`, { body: 'Why?' });
    expect(sent.statusCode).toBe(303);
    const threadId = /\/messages\/([0-9a-f-]{36})/.exec(String(sent.headers.location))![1];
    const [thread] = await t.db.system((tx) => tx.select().from(messageThreads).where(eq(messageThreads.id, threadId)));
    const managers = rows.staff.filter((s) => s.role === 'team_manager' && s.teamId === pa.teamId).map((s) => s.id);
    expect(managers).toContain(thread.staffId);
  });
});
