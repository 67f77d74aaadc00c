// The approved plan as a PDF over HTTP, from a real database, read back with pdftotext: what the
// council's name and the plan's parts look like to the young person who downloads it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planVersions, reviews } from '../../src/data/schema.ts';
import { applicableConsiderations, type ParticipationWay } from '../../src/domain/plan/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { approvedOf, reviewAt, syntheticContent } from '../../src/seed/plans.ts';
import { seededRandom } from '../../src/seed/random.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';
import { addApprovedPlans, addYoungPerson } from '../support/factories.ts';

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

describe('the whole-plan PDF of a first plan', () => {
  it('prints the needs assessment, the Schedule 2 answers and how the young person took part; the planning section does not', async () => {
    // A young person of the adviser's with no plan yet: their first plan, with words of its own, approved.
    const adviser = staffByLocal(rows, 'pa');
    const person = await addYoungPerson(t.db, rows, {
      dateOfBirth: '2008-04-02',
      personalAdviserId: adviser.id,
      teamId: adviser.teamId!,
      givenName: 'Oskar',
      familyName: 'Olsen',
      episodes: [{ start: '2022-01-10', end: '2026-04-02', legalStatus: 'C2' }],
    });
    const teamId = adviser.teamId!;
    const manager = rows.staff.find((s) => s.role === 'team_manager' && s.teamId === teamId)!;
    const context = { uasc: false, firstPlan: true };
    const on = '2026-10-01';
    const content = syntheticContent(seededRandom(8), context, on, randomUUID);
    const considerations = applicableConsiderations(context);
    content.needsAssessmentConsiderations = Object.fromEntries(
      considerations.map((c, i) => [c.id, `NEED-${i + 1}: looked at with Oskar and his foster carer.`]),
    );
    content.accommodationSuitability = {
      ...content.accommodationSuitability,
      affordability: { answer: 'no', note: 'Rent is £20 a week more than his income; a budgeting plan is in place.' },
      views: { answer: 'not_known', note: '' },
    };
    const id = randomUUID();
    const approved = reviewAt({
      id,
      youngPersonId: person.id,
      context,
      adviserId: adviser.id,
      managerId: manager.id,
      content,
      stage: 'approved',
      on,
    });
    const review = {
      ...approved,
      participation: {
        ways: ['in_person', 'through_an_interpreter'] as ParticipationWay[],
        didNotTakePartReason: '',
        othersConsulted: 'His foster carer, Ola',
      },
    };
    await t.db.system(async (tx) => {
      await tx
        .insert(reviews)
        .values({ id, councilId: rows.council.id, youngPersonId: person.id, state: 'approved', review });
      await tx.insert(planVersions).values({
        councilId: rows.council.id,
        youngPersonId: person.id,
        reviewId: id,
        version: 1,
        review: approvedOf(review, 1),
        approvedOn: on,
        approvedBy: manager.id,
        qualityRating: 'good',
      });
    });

    const url = `/young-people/${person.id}/plans/1/pdf`;
    const whole = flat(textOf((await pa.get(url)).rawPayload));
    expect(whole).toContain('Your needs assessment');
    considerations.forEach((c, i) => {
      expect(whole).toContain(flat(c.wording));
      expect(whole).toContain(`NEED-${i + 1}: looked at with Oskar and his foster carer.`);
    });
    for (const shown of [
      'Is where you live right for you?',
      'Decision Not suitable',
      // Labels wrap in their column, so -layout puts a value's first line beside a label's first words.
      'State of repair Yes Safety Yes Location Yes Support provided Yes Tenancy status Yes',
      'Financial No. Rent is £20 a week more than his income; a budgeting commitments and plan is in place.',
      'Not known',
      'How you took part in this plan',
      'How In person Through an interpreter',
      'Who else was asked His foster carer, Ola',
    ])
      expect(whole).toContain(shown);

    const planning = flat(textOf((await pa.get(`${url}?part=planning`)).rawPayload));
    for (const absent of ['Your needs assessment', 'NEED-1', 'Is where you live right for you?', 'How you took part'])
      expect(planning).not.toContain(absent);
  });
});
