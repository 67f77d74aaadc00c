// The SSDA903 return downloaded from its page (issue 11 §4): a service manager chooses the year and
// gets a ZIP of the DfE files, the OC3 row made from the contacts, activity and accommodation recorded
// in Pathway's own pages; a bad year is an error next to the field; a worker is refused.
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addYoungPerson } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<'pa' | 'sm', Agent> = {} as never;
let inTouch = { id: '', reference: '' };
let lost = { id: '', reference: '' };

const dateForm = (name: string, iso: string) => ({
  [`${name}-day`]: String(Number(iso.slice(8))),
  [`${name}-month`]: String(Number(iso.slice(5, 7))),
  [`${name}-year`]: iso.slice(0, 4),
});

async function record(id: string, path: string, form: Record<string, string>) {
  await as.pa.get(`/young-people/${id}/${path}`);
  const r = await as.pa.post(`/young-people/${id}/${path}`, form);
  expect(r.statusCode).toBe(303);
}

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  for (const [i, who] of (['pa', 'sm'] as const).entries()) {
    as[who] = new Agent(t.app, `10.90.3.${i + 1}`);
    await as[who].signIn(signInFor(rows, who), PASSWORD);
  }
  const pa = staffByLocal(rows, 'pa');
  // Both left care on their 18th birthday in 2024; their 19th falls in the year ending March 2026.
  [inTouch, lost] = await Promise.all(
    [
      ['2006-06-10', 'Returnx'],
      ['2006-07-10', 'Returny'],
    ].map(([dateOfBirth, familyName]) =>
      addYoungPerson(t.db, rows, {
        personalAdviserId: pa.id,
        teamId: pa.teamId!,
        dateOfBirth,
        familyName,
        episodes: [{ start: '2019-01-01', end: `2024${dateOfBirth.slice(4)}` }],
      }),
    ),
  );
  await record(inTouch.id, 'contacts/new', {
    ...dateForm('contactOn', '2025-05-01'),
    method: 'phone',
    seenAlone: 'not_applicable',
    discussed: 'Checking in before the birthday',
  });
  const change = (kind: string, on: string, code: string, suitable = '') => ({
    kind,
    ...dateForm(kind === 'activity' ? 'activityOn' : 'accommodationOn', on),
    [kind === 'activity' ? 'activityCode' : 'accommodationCode']: code,
    suitable,
  });
  for (const id of [inTouch.id, lost.id]) {
    await record(id, 'activity-and-accommodation', change('activity', '2025-01-01', 'F2'));
    await record(id, 'activity-and-accommodation', change('accommodation', '2025-01-01', 'U', 'yes'));
  }
}, 120_000);
afterAll(() => t.close());

describe('the SSDA903 return page', () => {
  it('offers the collection years, the last complete one chosen', async () => {
    const r = await as.sm.get('/returns/ssda903');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<option value="2026" selected>1 April 2025 to 31 March 2026</option>');
    expect(r.body).toContain('Download the return (ZIP)');
  });

  it('downloads the year as a ZIP whose OC3 comes from the contacts and changes recorded in Pathway', async () => {
    const r = await as.sm.get('/returns/ssda903/download?year=2026');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(r.headers['content-disposition']).toBe('attachment; filename="ssda903-2026.zip"');
    const files = unzipSync(new Uint8Array(r.rawPayload));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['header.csv', 'episodes.csv', 'uasc.csv', 'oc3.csv']));
    const oc3 = strFromU8(files['oc3.csv']);
    expect(oc3.startsWith('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\r\n')).toBe(true);
    // In touch: a contact 5 weeks before the 19th birthday; activity and accommodation as recorded then.
    expect(oc3).toContain(`\r\n${inTouch.reference},10/06/2006,YES,F2,U1\r\n`);
    // No contact from 3 months before to 1 month after the birthday: not in touch, 0 and 0 (rule 344's codes).
    expect(oc3).toContain(`\r\n${lost.reference},10/07/2006,NO,0,0\r\n`);
  });

  it.each(['abc', '1999', ''])('year “%s” is an error next to the field', async (year) => {
    const r = await as.sm.get(`/returns/ssda903/download?year=${year}`);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('There is a problem');
    expect(r.body).toContain('href="#year"');
    expect(r.body).toContain('Choose the collection year from the list');
  });

  it('refuses a personal adviser the page and the download', async () => {
    expect((await as.pa.get('/returns/ssda903')).statusCode).toBe(403);
    expect((await as.pa.get('/returns/ssda903/download?year=2026')).statusCode).toBe(403);
  });
});
