// Nothing a person types is ever markup on a page. Markup goes into EVERY free-text field of a plan through the
// real forms (the young person's words in every area, the worker's assessment, goals, actions, support network,
// money, contingency, needs assessment, participation, disagreement, return reason, feedback, staff names…),
// then every page that shows them is fetched: the markup must appear only escaped, and each field must really be
// on the page (so the check is not passing on an empty page). In both PDFs the text comes back literally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { youngPeople } from '../../src/data/schema.ts';
import {
  applicableAreas,
  SUITABILITY_CHECKS,
  IMMIGRATION_OUTCOMES,
  type AreaDefinition,
} from '../../src/domain/plan/index.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { Agent } from '../support/agent.ts';
import { buildCouncil, buildTestApp, PASSWORD, signInFor, staffByLocal, type TestApp } from '../support/app.ts';

let t: TestApp;
let rows: CouncilRows;
const as: Record<'pa' | 'tm' | 'admin' | 'yp', Agent> = {} as never;
let ypId = '';
let reviewId = '';
const dir = mkdtempSync(path.join(tmpdir(), 'pathway-escaping-'));

// ── The markup, one numbered copy per field ───────────────────────────────────────────────────────────

/** Field label → what was typed into it. */
const typed = new Map<string, string>();
/** Markup a person might type, numbered so a leak names its field. */
function markup(label: string): string {
  const n = typed.size + 1;
  const text = `M${n}<script>alert(${n})</script><img src=x onerror=alert(${n})>"><b>M${n}</b>`;
  typed.set(label, text);
  return text;
}
const escapeHtml = (s: string) =>
  s.replace(
    /[&"'<>\\]/g,
    (c) => ({ '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' })[c]!,
  );
const labelOf = (n: number) => [...typed.keys()][n - 1];
const labels = (test: (label: string) => boolean) => [...typed.keys()].filter(test);

/**
 * The page shows no markup from any field unescaped, and shows each `expected` field escaped. Leaks and
 * missing fields are listed by label, so a failure says which field on which page.
 */
function expectEscaped(page: string, html: string, expected: string[]) {
  const leaked = new Set<string>();
  for (const m of html.matchAll(
    /<script>alert\((\d+)\)|<img src=x onerror=alert\((\d+)\)|<b>M(\d+)<\/b>|"><b>M(\d+)/g,
  )) {
    leaked.add(labelOf(Number(m[1] ?? m[2] ?? m[3] ?? m[4])));
  }
  expect([...leaked], `${page}: markup shown unescaped`).toEqual([]);
  expect(expected.length, `${page}: nothing expected`).toBeGreaterThan(0);
  const missing = expected.filter((label) => !html.includes(escapeHtml(typed.get(label)!)));
  expect(missing, `${page}: fields not shown (escaped) on the page`).toEqual([]);
}

/** pdftotext in content order, with all white space removed (table cells wrap long words anywhere). */
function pdfText(body: Buffer, name: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

/** In a PDF the text is the text: each piece of each expected field literally, and nothing HTML-escaped. */
function expectLiteral(pdf: string, text: string, expected: string[]) {
  expect(text.match(/&(lt|gt|quot|amp|#39);/g), `${pdf}: HTML escapes in the PDF text`).toBeNull();
  const missing = expected.filter((label) => {
    const n = [...typed.keys()].indexOf(label) + 1;
    // Piece by piece: a page break may fall between them, with the page's header and footer in between.
    return ![`M${n}<script>alert(${n})</script>`, `<imgsrc=xonerror=alert(${n})>`, `"><b>M${n}</b>`].every((piece) =>
      text.includes(piece),
    );
  });
  expect(missing, `${pdf}: fields not printed literally`).toEqual([]);
}

// ── What each page is expected to show ────────────────────────────────────────────────────────────────

const ypNames = () => labels((l) => l.startsWith('name:young-person:'));
/** Where the name they go by is shown: their preferred name (else given name) and family name. */
const ypKnownAs = () => ['name:young-person:preferred', 'name:young-person:family'];
const staffNames = () => labels((l) => l.startsWith('name:staff:'));
const areaFields = (def: AreaDefinition) =>
  labels(
    (l) =>
      l.startsWith(`area:${def.id}:`) ||
      l.startsWith(`words:${def.id}:`) ||
      (def.special !== null && l.startsWith(`special:${def.special}:`)),
  );
/** What the plan prints: the young person's words, assessment, goal, actions, support, money, contingency. */
const printed = (part: 'whole' | 'planning') =>
  labels((l) => {
    const field = l.split(':').at(-1)!;
    if (l.startsWith('words:')) return part === 'whole';
    if (l.startsWith('area:'))
      return (
        ['goal', 'actions-0-what', 'actions-0-how', 'actions-0-howItHelps', 'actions-0-whoName'].includes(field) ||
        (part === 'whole' && field === 'assessmentOfNeed')
      );
    if (l.startsWith('special:contingency:')) return field !== 'contingency-0-how';
    if (l.startsWith('special:support-network:') || l === 'special:financial-arrangements:financialArrangements')
      return part === 'whole';
    return false;
  });

// ── Set-up: a council whose demo young person, adviser and manager have markup for names ─────────────

beforeAll(async () => {
  t = await buildTestApp();
  rows = await buildCouncil(t.db, { youngPeople: 60 });
  ypId = rows.accounts[0].youngPersonId;
  for (const [who, login] of [
    ['pa', signInFor(rows, 'pa')],
    ['tm', signInFor(rows, 'tm')],
    ['admin', signInFor(rows, 'admin')],
    ['yp', rows.accounts[0].username],
  ] as const) {
    as[who] = new Agent(t.app, `10.36.0.${Object.keys(as).length + 1}`);
    await as[who].signIn(login, PASSWORD);
  }
  // Young people's names come from the council's own system (no Pathway form types them), so they are
  // written as an import would; unaccompanied, so the immigration part of the plan applies too.
  await t.db.system((tx) =>
    tx
      .update(youngPeople)
      .set({
        givenName: markup('name:young-person:given'),
        familyName: markup('name:young-person:family'),
        preferredName: markup('name:young-person:preferred'),
        unaccompaniedAsylumSeeking: true,
      })
      .where(eq(youngPeople.id, ypId)),
  );
}, 60_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

/** Posts a form from its page, as a browser would (the page gives the CSRF token). */
async function submit(agent: Agent, page: string, url: string, form: Record<string, string>, status = 303) {
  await agent.get(page);
  const response = await agent.post(url, form);
  expect([
    url,
    response.statusCode,
    response.statusCode >= 400
      ? response.body
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 400)
      : '',
  ]).toEqual([url, status, '']);
  return response;
}

/** A worker's whole area page, every free-text field filled with markup. */
function areaForm(def: AreaDefinition): Record<string, string> {
  const form: Record<string, string> = { revision: '0' };
  const f = (name: string, label = `area:${def.id}:${name}`) => (form[name] = markup(label));
  if (def.asks.outcomes) f('assessmentOfNeed');
  if (def.asks.scales) {
    Object.assign(form, { youngPersonScale: '6', workerScale: '5' });
    f('scaleNotGivenReason');
  }
  if (def.asks.goal) f('goal');
  if (def.asks.actions) {
    Object.assign(form, {
      'actions-count': '1',
      'actions-0-whoKind': 'other',
      'actions-0-byWhen-day': '1',
      'actions-0-byWhen-month': '3',
      'actions-0-byWhen-year': '2027',
      'actions-0-status': 'not_started',
    });
    for (const name of [
      'actions-0-what',
      'actions-0-whoName',
      'actions-0-how',
      'actions-0-howItHelps',
      'noActionsReason',
    ])
      f(name);
  }
  const special = (name: string) => f(name, `special:${def.special}:${name}`);
  if (def.special === 'support-network') {
    form['people-count'] = '1';
    for (const name of ['people-0-name', 'people-0-relationship', 'people-0-roleInPlan']) special(name);
  }
  if (def.special === 'financial-arrangements') special('financialArrangements');
  if (def.special === 'contingency') {
    Object.assign(form, { 'contingency-count': '1', 'contingency-0-whoKind': 'other' });
    for (const name of [
      'triggers',
      'contingency-0-circumstance',
      'contingency-0-what',
      'contingency-0-whoName',
      'contingency-0-how',
      'contingency-0-howSoon',
    ])
      special(name);
  }
  if (def.special === 'suitability') {
    for (const c of SUITABILITY_CHECKS) form[`suitability-${c.id}`] = 'yes';
    special(`suitability-${SUITABILITY_CHECKS[0].id}-note`);
  }
  if (def.special === 'immigration-outcomes') for (const o of IMMIGRATION_OUTCOMES) special(`immigration-${o.id}`);
  return form;
}

const areas = () => applicableAreas({ uasc: true });

describe('markup typed into every free-text field is shown only as text', () => {
  it('is typed through the real forms: names, record, the whole plan, the young person’s words', async () => {
    // Staff names, typed by the council's administrator.
    for (const who of ['pa', 'tm'] as const) {
      const member = staffByLocal(rows, who);
      await submit(as.admin, `/admin/staff/${member.id}`, `/admin/staff/${member.id}`, {
        displayName: markup(`name:staff:${who}`),
        role: member.role,
        teamId: member.teamId ?? '',
        active: 'yes',
      });
    }
    // The record: a significant change, completed work, a changed date of birth, a request from the young person.
    const record = `/young-people/${ypId}`;
    await submit(as.pa, `${record}/significant-change`, `${record}/significant-change`, {
      kind: 'other_change',
      description: markup('record:change-description'),
      'occurredOn-day': '20',
      'occurredOn-month': '11',
      'occurredOn-year': '2026',
    });
    await submit(as.pa, `${record}/statutory-work`, `${record}/statutory-work`, {
      kind: 'adviser_visit',
      notes: markup('record:work-notes'),
      'completedOn-day': '20',
      'completedOn-month': '11',
      'completedOn-year': '2026',
    });
    const dob = (
      await t.db.system((tx) => tx.select().from(youngPeople).where(eq(youngPeople.id, ypId)))
    )[0].dateOfBirth.split('-');
    await submit(as.pa, `${record}/date-of-birth`, `${record}/date-of-birth`, {
      'dateOfBirth-day': dob[2],
      'dateOfBirth-month': dob[1],
      'dateOfBirth-year': dob[0],
      ageAssessed: 'yes',
      reason: markup('record:date-of-birth-reason'),
    });
    await submit(
      as.yp,
      '/my-plan/ask-for-a-review',
      '/my-plan/ask-for-a-review',
      { description: markup('record:review-request') },
      200,
    );

    // The plan: every part of the worker's outcomes form and plan.
    const started = await submit(as.pa, record, `${record}/reviews`, {});
    reviewId = String(started.headers.location).split('/').pop()!;
    for (const def of areas())
      await submit(
        as.pa,
        `/reviews/${reviewId}/areas/${def.id}`,
        `/reviews/${reviewId}/areas/${def.id}`,
        areaForm(def),
      );
    const needs = await as.pa.get(`/reviews/${reviewId}/needs-assessment`);
    const considerations = [...needs.body.matchAll(/<textarea[^>]*name="([\w-]+)"/g)].map((m) => m[1]);
    expect(considerations.length).toBeGreaterThanOrEqual(8);
    await submit(as.pa, `/reviews/${reviewId}/needs-assessment`, `/reviews/${reviewId}/needs-assessment`, {
      revision: '0',
      ...Object.fromEntries(considerations.map((id) => [id, markup(`needs:${id}`)])),
    });
    await submit(as.pa, `/reviews/${reviewId}`, `/reviews/${reviewId}/participation`, {
      ways: 'in_person',
      didNotTakePartReason: markup('participation:didNotTakePartReason'),
      othersConsulted: markup('participation:othersConsulted'),
    });
    await submit(as.pa, `/reviews/${reviewId}`, `/reviews/${reviewId}/steps/complete-outcomes`, {});

    // The young person's own words, in every area they are asked about, on their phone.
    for (const def of areas().filter((a) => a.asks.scales)) {
      const page = await as.yp.get(`/my-plan/areas/${def.id}`);
      const revision = /name="revision" value="(\d+)"/.exec(page.body)![1];
      const words = Object.fromEntries(
        ['goingWell', 'worries', 'wants', 'disagreement'].map((name) => [name, markup(`words:${def.id}:${name}`)]),
      );
      expect(
        (await as.yp.post(`/my-plan/areas/${def.id}`, { revision, youngPersonScale: '7', ...words })).statusCode,
      ).toBe(303);
    }
  });

  it('while it is written: the review, each area page, needs assessment, plan to read, record', async () => {
    const review = `/reviews/${reviewId}`;
    expectEscaped('review (worker)', (await as.pa.get(review)).body, [
      ...ypKnownAs(),
      ...labels((l) => l.startsWith('participation:') || l.endsWith(':disagreement')),
    ]);
    for (const def of areas())
      expectEscaped(`area ${def.id}`, (await as.pa.get(`${review}/areas/${def.id}`)).body, areaFields(def));
    expectEscaped(
      'needs assessment',
      (await as.pa.get(`${review}/needs-assessment`)).body,
      labels((l) => l.startsWith('needs:')),
    );
    expectEscaped('plan to read (worker)', (await as.pa.get(`${review}/read`)).body, [
      ...ypNames(),
      ...printed('whole'),
    ]);
    expectEscaped('plan to read (young person)', (await as.yp.get(`${review}/read`)).body, [
      ...ypNames(),
      ...printed('whole'),
    ]);
    expectEscaped('my plan (young person)', (await as.yp.get('/my-plan')).body, ['name:young-person:preferred']);
    for (const def of areas().filter((a) => a.asks.scales)) {
      expectEscaped(
        `my plan area ${def.id}`,
        (await as.yp.get(`/my-plan/areas/${def.id}`)).body,
        labels(
          (l) =>
            l.startsWith(`words:${def.id}:`) ||
            [`area:${def.id}:goal`, `area:${def.id}:actions-0-what`, `area:${def.id}:actions-0-whoName`].includes(l),
        ),
      );
    }
    expectEscaped('record', (await as.pa.get(`/young-people/${ypId}`)).body, [
      ...ypNames(),
      'name:staff:pa',
      ...labels((l) => l.startsWith('record:')),
    ]);
    expectEscaped('caseload', (await as.pa.get('/caseload')).body, [...ypKnownAs(), 'name:staff:pa']);
    expectEscaped('my details (young person)', (await as.yp.get('/my-record')).body, [...ypNames(), 'name:staff:pa']);
  });

  it('at approval: the queue, the review with their disagreement, the return reason, the approved plan', async () => {
    const review = `/reviews/${reviewId}`;
    await submit(as.pa, review, `${review}/steps/complete-planning`, {});
    await submit(as.pa, review, `${review}/steps/submit-for-signatures`, {});
    await submit(as.yp, '/my-plan', `${review}/steps/disagreement`, { inTheirWords: markup('sign-off:disagreement') });
    await submit(as.pa, review, `${review}/steps/sign-as-worker`, {});
    expectEscaped('approval queue', (await as.tm.get('/approvals')).body, ypKnownAs());
    expectEscaped('review (manager)', (await as.tm.get(review)).body, [...ypKnownAs(), 'sign-off:disagreement']);

    await submit(as.tm, review, `${review}/steps/return`, { reason: markup('return:reason') });
    expectEscaped('returned review (worker)', (await as.pa.get(review)).body, ['return:reason']);
    expectEscaped('returned plan (young person)', (await as.yp.get('/my-plan')).body, ['return:reason']);
    await submit(as.pa, review, `${review}/steps/resubmit`, {});
    await submit(as.tm, review, `${review}/steps/approve`, { rating: 'good', feedback: markup('approval:feedback') });

    const plan = [...ypNames(), ...staffNames(), 'sign-off:disagreement'];
    expectEscaped('approved plan (staff)', (await as.pa.get(`/young-people/${ypId}/plans/1`)).body, [
      ...plan,
      ...printed('whole'),
      'approval:feedback',
    ]);
    expectEscaped(
      'approved plan, goals and actions (staff)',
      (await as.pa.get(`/young-people/${ypId}/plans/1?part=planning`)).body,
      [...ypNames(), ...printed('planning')],
    );
    expectEscaped('approved plan (young person)', (await as.yp.get('/my-plan/approved')).body, [
      ...plan,
      ...printed('whole'),
    ]);
    expectEscaped('plan version 1 (young person)', (await as.yp.get('/my-plan/versions/1')).body, [
      ...plan,
      ...printed('whole'),
    ]);
    expectEscaped('record with the approved plan', (await as.tm.get(`/young-people/${ypId}`)).body, [
      ...ypNames(),
      'name:staff:pa',
    ]);
  });

  it('both PDFs, for staff and for the young person, print the text literally', async () => {
    const whole = [...ypNames(), ...staffNames(), 'sign-off:disagreement', ...printed('whole')];
    const planning = [...ypNames(), ...staffNames(), ...printed('planning')];
    for (const [who, agent, base] of [
      ['staff', as.pa, `/young-people/${ypId}/plans/1`],
      ['young person', as.yp, '/my-plan/approved'],
    ] as const) {
      for (const [part, expected] of [
        ['whole', whole],
        ['planning', planning],
      ] as const) {
        const response = await agent.get(`${base}/pdf${part === 'planning' ? '?part=planning' : ''}`);
        expect(response.headers['content-type']).toBe('application/pdf');
        expectLiteral(
          `${part} PDF (${who})`,
          pdfText(response.rawPayload, `${who}-${part}.pdf`.replace(' ', '-')),
          expected,
        );
      }
    }
  });
});
