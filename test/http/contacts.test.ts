// Recording contact (issue 11 §2): validation next to each field, who may record, audit rows in the same
// transaction, and a face-to-face visit by the allocated personal adviser moving the adviser visit's due
// date (Care Leavers Regs reg 8: then at least every 2 months). Activity and accommodation changes too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { circumstanceChanges, contacts, statutoryRecords, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { addMonths } from '../../src/domain/statutory/index.ts';
import { dateInWords } from '../../src/http/presenters/dates.ts';
import { Agent } from '../support/agent.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, TODAY, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';
import { pageWords as words } from '../support/text.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<string, Agent> = {};
let ypId = '';

const form = (over: Record<string, string> = {}) => ({
  'contactOn-day': '20',
  'contactOn-month': '11',
  'contactOn-year': '2026',
  method: 'phone',
  seenAlone: 'not_applicable',
  place: '',
  othersPresent: '',
  discussed: 'Talked about college and money',
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  for (const [i, who] of (['pa', 'tm', 'sw', 'iro', 'sm'] as const).entries()) {
    as[who] = new Agent(t.app, `10.31.0.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
  const pa = staffByLocal(rows, 'pa');
  // Former relevant (care ended at 18), in accommodation the council provides: adviser visits every 2 months.
  const yp = await addYoungPerson(t.db, rows, {
    personalAdviserId: pa.id,
    teamId: pa.teamId!,
    dateOfBirth: '2006-05-10',
    episodes: [{ start: '2020-01-01', end: '2024-05-10' }],
    work: [
      { kind: 'needs_assessment', on: '2022-06-01' },
      { kind: 'pathway_plan', on: '2026-10-01' },
      { kind: 'adviser_visit', on: '2026-09-05' },
    ],
  });
  ypId = yp.id;
  await t.db.system((tx) =>
    tx.update(youngPeople).set({ councilAccommodationSince: '2026-09-01' }).where(eq(youngPeople.id, ypId)),
  );
}, 60_000);
afterAll(() => t.close());

const contactRows = () => t.db.system((tx) => tx.select().from(contacts).where(eq(contacts.youngPersonId, ypId)));
const visitDueText = async (who: Agent) => {
  const page = words((await who.get(`/young-people/${ypId}`)).body);
  return /Personal adviser visit (\d+ \w+ \d{4})/.exec(page)?.[1];
};

describe('recording a contact', () => {
  it('shows each error next to its field and in the summary, keeps what was typed, and writes nothing', async () => {
    await as.pa.get(`/young-people/${ypId}/contacts/new`);
    const before = (await contactRows()).length;
    const res = await as.pa.post(
      `/young-people/${ypId}/contacts/new`,
      form({
        'contactOn-day': '',
        'contactOn-month': '',
        'contactOn-year': '',
        method: '',
        seenAlone: 'maybe',
        discussed: '',
        place: 'At the café',
      }),
    );
    expect(res.statusCode).toBe(400);
    for (const [id, message] of [
      ['contactOn', 'Enter the date of the contact'],
      ['method', 'Select how the contact happened'],
      ['seenAlone', 'Select whether they were seen alone'],
      ['discussed', 'Enter what was talked about'],
    ]) {
      expect(res.body).toContain(`href="#${id === 'contactOn' ? 'contactOn-day' : id}"`);
      const fieldError = new RegExp(`id="${id}-error"[^>]*>[\\s\\S]*?${message}`);
      expect(res.body).toMatch(fieldError);
    }
    expect(res.body).toContain('value="At the café"');
    expect((await contactRows()).length).toBe(before);
  });

  it('refuses a date in the future or before they were born', async () => {
    await as.pa.get(`/young-people/${ypId}/contacts/new`);
    const future = addMonths(TODAY, 1);
    const res = await as.pa.post(
      `/young-people/${ypId}/contacts/new`,
      form({
        'contactOn-day': future.slice(8),
        'contactOn-month': future.slice(5, 7),
        'contactOn-year': future.slice(0, 4),
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="contactOn-error"[^>]*>[\s\S]*?The date must be today or in the past/);
    await as.pa.get(`/young-people/${ypId}/contacts/new`);
    const early = await as.pa.post(`/young-people/${ypId}/contacts/new`, form({ 'contactOn-year': '2001' }));
    expect(early.body).toMatch(/The date must be after their date of birth/);
  });

  it('records a phone call with its audit row; it does not count as a visit', async () => {
    const dueBefore = await visitDueText(as.pa);
    await as.pa.get(`/young-people/${ypId}/contacts/new`);
    const res = await as.pa.post(`/young-people/${ypId}/contacts/new`, form());
    expect(res.statusCode).toBe(303);
    const [row] = (await contactRows()).filter((c) => c.method === 'phone');
    expect(row).toMatchObject({ contactOn: '2026-11-20', seenAlone: 'not_applicable', adviserVisitId: null });
    const audit = await auditRowsOf(t.db, res);
    expect(audit.map((a) => [a.action, a.outcome, a.entityId])).toEqual([['contact.record', 'allowed', row.id]]);
    expect(await visitDueText(as.pa)).toBe(dueBefore);
    const page = words((await as.pa.get(`/young-people/${ypId}`)).body);
    expect(page).toContain('Talked about college and money');
  });

  it('a face-to-face visit by the allocated personal adviser is the statutory adviser visit and moves its due date', async () => {
    // The last visit was 5 Sep 2026: due 5 Nov 2026 (reg 8, every 2 months).
    expect(await visitDueText(as.pa)).toBe(dateInWords(addMonths('2026-09-05', 2)));
    await as.pa.get(`/young-people/${ypId}/contacts/new`);
    const res = await as.pa.post(
      `/young-people/${ypId}/contacts/new`,
      form({
        'contactOn-day': '18',
        method: 'visit',
        seenAlone: 'yes',
        place: 'Their flat',
        discussed: 'Rent and the boiler',
      }),
    );
    expect(res.statusCode).toBe(303);
    const [row] = (await contactRows()).filter((c) => c.method === 'visit');
    expect(row.adviserVisitId).not.toBeNull();
    const [visit] = await t.db.system((tx) =>
      tx.select().from(statutoryRecords).where(eq(statutoryRecords.id, row.adviserVisitId!)),
    );
    expect(visit).toMatchObject({ kind: 'adviser_visit', completedOn: '2026-11-18', youngPersonId: ypId });
    expect(await visitDueText(as.pa)).toBe(dateInWords(addMonths('2026-11-18', 2)));
    const audit = await auditRowsOf(t.db, res);
    expect(audit.map((a) => a.action)).toEqual(['contact.record']);
    expect(audit[0].details).toMatchObject({ adviserVisitId: visit.id });
  });

  it('a visit by someone else (the team manager) is a contact but not the adviser visit', async () => {
    const dueBefore = await visitDueText(as.pa);
    await as.tm.get(`/young-people/${ypId}/contacts/new`);
    const res = await as.tm.post(
      `/young-people/${ypId}/contacts/new`,
      form({ 'contactOn-day': '21', method: 'visit', seenAlone: 'no', discussed: 'Manager visit' }),
    );
    expect(res.statusCode).toBe(303);
    const [row] = (await contactRows()).filter((c) => c.discussed === 'Manager visit');
    expect(row.adviserVisitId).toBeNull();
    expect(await visitDueText(as.pa)).toBe(dueBefore);
  });

  it.each(['iro', 'sm'])('%s may not record a contact: refused and audited', async (who) => {
    const form403 = await as[who].get(`/young-people/${ypId}/contacts/new`);
    expect(form403.statusCode).toBe(403);
    await as[who].get(`/young-people/${ypId}`);
    const res = await as[who].post(`/young-people/${ypId}/contacts/new`, form({ discussed: `By ${who}` }));
    expect(res.statusCode).toBe(403);
    const audit = await auditRowsOf(t.db, res);
    expect(audit.map((a) => a.outcome)).toEqual(['denied']);
    expect((await contactRows()).some((c) => c.discussed === `By ${who}`)).toBe(false);
  });

  it('a personal adviser in another team may not record: refused, audited on the record', async () => {
    const own = staffByLocal(rows, 'pa');
    const outsider = rows.staff.find((s) => s.role === 'personal_adviser' && s.teamId !== own.teamId)!;
    const agent = new Agent(t.app, '10.31.1.1');
    await agent.signIn(outsider.email, PASSWORD);
    await agent.get('/caseload');
    const res = await agent.post(`/young-people/${ypId}/contacts/new`, form({ discussed: 'Outsider' }));
    expect(res.statusCode).toBe(403);
    const audit = await auditRowsOf(t.db, res);
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([['contact.record', 'denied']]);
    expect((await contactRows()).some((c) => c.discussed === 'Outsider')).toBe(false);
  });

  it('the record page shows the newest contacts first, and the contacts page all of them (audited)', async () => {
    const page = words((await as.tm.get(`/young-people/${ypId}`)).body);
    const order = ['Manager visit', 'Talked about college and money', 'Rent and the boiler'].map((s) =>
      page.indexOf(s),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const all = await as.tm.get(`/young-people/${ypId}/contacts`);
    expect(all.statusCode).toBe(200);
    expect(words(all.body)).toContain('3 contacts recorded');
    expect((await auditRowsOf(t.db, all)).map((a) => a.action)).toEqual(['contact.list']);
  });

  it('what was typed is shown as text, never as markup', async () => {
    await as.pa.get(`/young-people/${ypId}/contacts/new`);
    const res = await as.pa.post(
      `/young-people/${ypId}/contacts/new`,
      form({ place: '<b>flat</b>', othersPresent: '<i>sister</i>', discussed: '<script>alert(1)</script>' }),
    );
    expect(res.statusCode).toBe(303);
    const page = (await as.pa.get(`/young-people/${ypId}/contacts`)).body;
    for (const raw of ['<b>flat</b>', '<i>sister</i>', '<script>alert(1)</script>']) expect(page).not.toContain(raw);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&lt;b&gt;flat&lt;/b&gt;');
  });

  it('nothing is ever deleted or changed, even by SQL the app did not mean to send', async () => {
    const error = await t.db
      .withCouncil(rows.council.id, (tx) => tx.execute(sql`DELETE FROM contacts WHERE young_person_id = ${ypId}`))
      .then(
        () => null,
        (e: unknown) => String((e as { cause?: unknown }).cause ?? e),
      );
    expect(error).toMatch(/permission denied|cannot be changed/);
    expect((await contactRows()).length).toBe(4);
  });
});

describe('the record page caps the contacts it shows', () => {
  it('shows the newest 5, and links to all of them when there are more', async () => {
    const pa = staffByLocal(rows, 'pa');
    const before = (await contactRows()).length;
    await t.db.system((tx) =>
      tx.insert(contacts).values(
        ['2026-01-05', '2026-01-06'].map((contactOn) => ({
          councilId: rows.council.id,
          youngPersonId: ypId,
          contactOn,
          method: 'message',
          seenAlone: 'not_applicable',
          discussed: `Old message ${contactOn}`,
          recordedBy: pa.id,
        })),
      ),
    );
    const total = before + 2;
    expect(total).toBeGreaterThan(5);
    const page = (await as.pa.get(`/young-people/${ypId}`)).body;
    expect(page).toContain(`See all ${total} contacts`);
    // The two oldest are not on the record page, but are on the contacts page.
    expect(page).not.toContain('Old message 2026-01-05');
    expect((await as.pa.get(`/young-people/${ypId}/contacts`)).body).toContain('Old message 2026-01-05');
  });
});

describe('activity and accommodation', () => {
  const path = () => `/young-people/${ypId}/activity-and-accommodation`;
  const changes = () =>
    t.db.system((tx) => tx.select().from(circumstanceChanges).where(eq(circumstanceChanges.youngPersonId, ypId)));

  it('records a change of activity and shows it in plain words, audited', async () => {
    await as.pa.get(path());
    const res = await as.pa.post(path(), {
      kind: 'activity',
      'activityOn-day': '1',
      'activityOn-month': '9',
      'activityOn-year': '2026',
      activityCode: 'F2',
      activityNotes: 'Started at college',
    });
    expect(res.statusCode).toBe(303);
    const [row] = await changes();
    expect(row).toMatchObject({ kind: 'activity', code: 'F2', suitable: null, changedOn: '2026-09-01' });
    expect((await auditRowsOf(t.db, res)).map((a) => [a.action, a.entityId])).toEqual([
      ['circumstance-change.record', row.id],
    ]);
    const shown = await as.pa.get(path());
    expect(words(shown.body)).toContain('Other education, full time');
    // One audited read, naming the record.
    expect((await auditRowsOf(t.db, shown)).map((a) => [a.action, a.youngPersonId])).toEqual([
      ['circumstance-change.list', ypId],
    ]);
  });

  it('homeless (S) or custody (X) can never be suitable; errors sit next to the fields', async () => {
    await as.pa.get(path());
    const res = await as.pa.post(path(), {
      kind: 'accommodation',
      'accommodationOn-day': '2',
      'accommodationOn-month': '10',
      'accommodationOn-year': '2026',
      accommodationCode: 'S',
      suitable: 'yes',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(
      /id="suitable-error"[^>]*>[\s\S]*?No fixed address or homeless is never considered suitable/,
    );
    await as.pa.get(path());
    const missing = await as.pa.post(path(), { kind: 'accommodation', accommodationCode: '' });
    expect(missing.body).toMatch(/id="accommodationOn-error"[^>]*>[\s\S]*?Enter the date it changed/);
    expect(missing.body).toMatch(/id="accommodationCode-error"[^>]*>[\s\S]*?Select where they live/);
    expect(missing.body).toMatch(/id="suitable-error"/);
    expect((await changes()).filter((c) => c.kind === 'accommodation')).toEqual([]);
  });

  it('staying put (Z) only from the 18th birthday; after it, recorded', async () => {
    const post = async (day: string, month: string, year: string) => {
      await as.pa.get(path());
      return as.pa.post(path(), {
        kind: 'accommodation',
        'accommodationOn-day': day,
        'accommodationOn-month': month,
        'accommodationOn-year': year,
        accommodationCode: 'Z',
        suitable: 'yes',
      });
    };
    // Born 10 May 2006: 18 on 10 May 2024. The day before is refused; the birthday itself is allowed.
    const before = await post('9', '5', '2024');
    expect(before.statusCode).toBe(400);
    expect(before.body).toMatch(/id="accommodationCode-error"[^>]*>[\s\S]*?only from their 18th birthday/);
    expect((await post('10', '5', '2024')).statusCode).toBe(303);
  });

  it('an IRO cannot reach the record at all (refused, audited)', async () => {
    const page = await as.iro.get(path());
    expect(page.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, page)).map((a) => a.outcome)).toEqual(['denied']);
  });

  it.each(['sm'])('%s may look but not record', async (who) => {
    const page = await as[who].get(path());
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Record the activity');
    const res = await as[who].post(
      path(),
      { kind: 'activity', activityCode: 'F1' },
      { csrf: await as[who].csrf(path()) },
    );
    expect(res.statusCode).toBe(403);
    expect((await auditRowsOf(t.db, res)).map((a) => a.outcome)).toEqual(['denied']);
  });
});
