// Importing the SSDA903 return from a page (issue 11 §4, §7): an administrator uploads the files, sees the
// dry run's preview, and confirms; bad files (a byte-order mark, CRLF and Excel quoting read right; broken
// quoting, wrong columns, a duplicate CHILD, a 50 MB file) each give a clear message and write nothing.
import { randomBytes } from 'node:crypto';
import { count, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssda903Uploads, youngPeople } from '../../src/data/schema.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { auditRowsOf } from '../support/audit-rows.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, type TestApp } from '../support/app.ts';
import { csv, EPISODES, HEADER, PEOPLE, sampleReturn } from '../support/ssda903.ts';

let t: TestApp;
let rows: CouncilRows;
let admin: Agent;
let pa: Agent;

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 5 });
  admin = new Agent(t.app, '10.12.1.1');
  await admin.signIn(signInFor(rows, 'admin'), PASSWORD);
  pa = new Agent(t.app, '10.12.1.2');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
}, 60_000);
afterAll(() => t.close());

const tag = () => `P${randomBytes(3).toString('hex').toUpperCase()}`;
const asUploads = (files: Record<string, string | Buffer>) =>
  Object.entries(files).map(([name, content]) => ({ field: 'files', name, content }));

async function upload(files: Record<string, string | Buffer>, fields: Record<string, string> = {}) {
  await admin.get('/admin/import-903');
  return admin.postFiles('/admin/import-903', fields, asUploads(files));
}

/** Records with these CHILD ids, and uploads kept, in the council. */
async function written(ids: string[]) {
  return t.db.withCouncil(rows.council.id, async (tx) => {
    const [people] = await tx.select({ n: count() }).from(youngPeople).where(inArray(youngPeople.ssda903Id, ids));
    const [uploads] = await tx.select({ n: count() }).from(ssda903Uploads);
    return { people: people.n, uploads: uploads.n };
  });
}

/** The page says the return was not imported, names the file and line, and nothing was written. */
async function refused(files: Record<string, string | Buffer>, ids: string[], ...said: string[]) {
  const before = await written(ids);
  const response = await upload(files, { team: rows.teams[0].name });
  expect(response.statusCode).toBe(400);
  expect(response.body).toContain('<title>Error: Import the SSDA903 return');
  expect(response.body).toContain('govuk-error-summary');
  expect(response.body).toContain('Nothing was imported');
  for (const s of said) expect(response.body).toContain(s);
  expect(await written(ids)).toEqual({ ...before, people: 0 });
  return response;
}

describe('importing the SSDA903 return from a page', () => {
  it('uploads, previews without writing, then imports on confirm; the kept files go', async () => {
    const page = await admin.get('/admin/import-903');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const s = sampleReturn(rows, tag());
    const ids = Object.values(s.ids);
    const response = await upload(s.files, { team: s.team.name });
    expect(response.statusCode).toBe(303);
    const previewUrl = String(response.headers.location);
    expect(previewUrl).toMatch(/^\/admin\/import-903\/[0-9a-f-]{36}$/);
    expect(await written(ids)).toMatchObject({ people: 0, uploads: 1 });
    const preview = await admin.get(previewUrl);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Young people added');
    for (const id of ids) expect(preview.body).toContain(id);
    const confirmed = await admin.post(previewUrl, {});
    expect(confirmed.statusCode).toBe(303);
    expect(await written(ids)).toEqual({ people: 3, uploads: 0 });
    expect((await admin.get(String(confirmed.headers.location))).body).toContain('Imported: 3 young people added');
    expect((await auditRowsOf(t.db, confirmed)).map((r) => r.action)).toContain('ssda903.import');
    // The upload is gone: confirming again imports nothing twice.
    expect((await admin.post(previewUrl, {}, { csrf: await admin.csrf('/admin/import-903') })).statusCode).toBe(404);
  });

  it('reads a byte-order mark, CRLF, Excel’s quoting and Windows-1252 names', async () => {
    const id = tag();
    const header = `\uFEFF${csv(HEADER, `"${id}","1","01/02/2008","WBRI","","",""`)}`;
    const episodes = csv(EPISODES, `"${id}","01/03/2024","S","C2","N1","U4","PR1","","","","","",""`);
    // Excel on Windows: "CSV (Comma delimited)" is Windows-1252, and a comma in a field is quoted.
    const people = Buffer.from(csv(PEOPLE, `${id},"Zoé","O""Neill, Jr",,,,`), 'latin1');
    const response = await upload(
      { 'header.csv': header, 'episodes.csv': episodes, 'people.csv': people },
      {
        team: rows.teams[0].name,
      },
    );
    expect(response.statusCode).toBe(303);
    const confirmed = await admin.post(String(response.headers.location), {});
    expect(confirmed.statusCode).toBe(303);
    const [yp] = await t.db.withCouncil(rows.council.id, (tx) =>
      tx
        .select()
        .from(youngPeople)
        .where(inArray(youngPeople.ssda903Id, [id])),
    );
    expect(yp).toMatchObject({ givenName: 'Zoé', familyName: 'O"Neill, Jr', dateOfBirth: '2008-02-01' });
  });

  it('broken quoting: a clear message with the line, nothing written', async () => {
    const id = tag();
    await refused(
      {
        'header.csv': csv(HEADER, `${id},1,01/02/2008,WBRI,,,`, `"${id}X,1,01/02/2008,WBRI,,,`),
        'episodes.csv': csv(EPISODES),
      },
      [id],
      'header.csv',
      'cannot be read as CSV',
    );
  });

  it('wrong columns: the file and the missing column, nothing written', async () => {
    const id = tag();
    await refused(
      {
        'header.csv': csv('CHILD,SEX,DATE_OF_BIRTH,ETHNIC', `${id},1,01/02/2008,WBRI`),
        'episodes.csv': csv(EPISODES, `${id},01/03/2024,S,C2,N1,U4,PR1,,,,,,`),
      },
      [id],
      'header.csv, line 1, column DOB: The column is missing from the header line',
    );
  });

  it('a duplicate CHILD: named with its line, and the other children are not imported either', async () => {
    const id = tag();
    const other = tag();
    await refused(
      {
        'header.csv': csv(
          HEADER,
          `${other},1,01/02/2008,WBRI,,,`,
          `${id},1,01/02/2008,WBRI,,,`,
          `${id},2,01/02/2009,WBRI,,,`,
        ),
        'episodes.csv': csv(
          EPISODES,
          `${id},01/03/2024,S,C2,N1,U4,PR1,,,,,,`,
          `${other},01/03/2024,S,C2,N1,U4,PR1,,,,,,`,
        ),
      },
      [id, other],
      'header.csv, line 4, column CHILD',
    );
  });

  it('a 50 MB file: a clear message, never a 500, nothing written', async () => {
    const id = tag();
    const line = `${id},01/03/2024,S,C2,N1,U4,PR1,,,,,,\r\n`;
    const big = Buffer.from(`${EPISODES}\r\n${line.repeat(Math.ceil((50 * 1024 * 1024) / line.length))}`);
    expect(big.length).toBeGreaterThan(50 * 1024 * 1024);
    await refused(
      { 'header.csv': csv(HEADER, `${id},1,01/02/2008,WBRI,,,`), 'episodes.csv': big },
      [id],
      'episodes.csv',
      'larger than 20 MB',
    );
  }, 60_000);

  it('no files, or a file Pathway does not read: a clear message', async () => {
    await refused({}, [], 'Choose the SSDA903 files to upload');
    await refused({ 'header.xlsx': 'x' }, [], 'Pathway does not read a file called “header.xlsx”');
  });

  it('is refused to anyone but an administrator, and the refusal audited; without the CSRF token too', async () => {
    const response = await pa.postFiles('/admin/import-903', {}, asUploads({ 'header.csv': csv(HEADER) }), {
      csrf: await pa.csrf('/'),
    });
    expect(response.statusCode).toBe(403);
    expect(await auditRowsOf(t.db, response)).toMatchObject([{ outcome: 'denied', action: 'ssda903.upload' }]);
    expect((await pa.get('/admin/import-903')).statusCode).toBe(403);
    const noToken = await admin.postFiles('/admin/import-903', {}, asUploads({ 'header.csv': csv(HEADER) }), {
      csrf: false,
    });
    expect(noToken.statusCode).toBe(403);
  });
});
