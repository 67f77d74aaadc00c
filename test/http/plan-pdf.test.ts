// The approved plan as a PDF over HTTP, from a real database, read back with pdftotext: what the
// council's name and the plan's parts look like to the young person who downloads it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, type TestApp } from '../support/app.ts';
import { addApprovedPlans } from '../support/factories.ts';

let t: TestApp;
let rows: CouncilRows;
let yp: Agent;
let pa: Agent;
let youngPersonId = '';
let version = 0;
const dir = mkdtempSync(path.join(tmpdir(), 'plan-pdf-http-'));

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 20 });
  youngPersonId = rows.accounts[0].youngPersonId;
  [version] = (await addApprovedPlans(t.db, rows, youngPersonId, 1)).slice(-1);
  yp = new Agent(t.app, '10.8.1.1');
  await yp.signIn(rows.accounts[0].username, PASSWORD);
  pa = new Agent(t.app, '10.8.1.2');
  await pa.signIn(signInFor(rows, 'pa'), PASSWORD);
}, 60_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function textOf(pdf: Buffer): string {
  const file = path.join(dir, `plan-${++files}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the approved plan PDF', () => {
  it('names the council on the front page and in the footer of every page, for the young person and for staff', async () => {
    for (const [agent, url] of [
      [yp, '/my-plan/approved/pdf'],
      [pa, `/young-people/${youngPersonId}/plans/${version}/pdf`],
    ] as const) {
      const response = await agent.get(url);
      expect(response.statusCode, url).toBe(200);
      const pages = textOf(response.rawPayload).split('\f').slice(0, -1);
      expect(pages.length).toBeGreaterThan(1);
      expect(flat(pages[0])).toContain(`${rows.council.name} Your pathway plan`);
      for (const page of pages) expect(page).toContain(`${rows.council.name} · printed`);
      expect(pages.join('\n')).not.toContain('Your council');
    }
  });
});
