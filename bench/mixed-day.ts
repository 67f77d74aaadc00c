// A mixed day under load (issue 9, goal 6): workers read their caseload, open records and reviews
// and save plan areas, and the manager's team signs and sends plans; young people check their plan;
// a team manager approves plans. Each virtual user is an async loop with its own session over
// keep-alive fetch, no think time, and its own young people (so no save may meet a conflict). Every
// save carries a unique marker, and after the timed part each area is read back through the pages:
// a save that was acknowledged but is not there is a lost write, as is an acknowledged approval or
// sending that did not stick. Set-up uses the product's pages only (staff list, invitations).
// Loopback only, bounded in time.
//   npx tsx bench/mixed-day.ts [--driver pglite|postgres] [--seconds 60] [--connections 50]
// --driver postgres makes a fresh database on the server in DATABASE_URL (default 127.0.0.1:5432).
// Exits non-zero if any request failed or any acknowledged write was lost.
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { areaForm } from '../test/support/plan-forms.ts';
import { Browser, linksOn, type Answer } from './support/browser.ts';
import { freshPostgres, startPathway, type Running } from './support/processes.ts';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'pglite' },
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3103' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
if (!(seconds > 0 && connections >= 3)) throw new Error('--seconds must be positive and --connections at least 3');
const PASSWORD = 'pathway-demo-2026';
const DOMAIN = 'demo.pathway.test';
const run = randomBytes(3).toString('hex');
// Areas every young person's plan has, with a goal to carry the marker (no special parts).
const PLAIN_AREAS = [
  'education-and-training',
  'employment-and-activity',
  'family-and-relationships',
  'independent-living-skills',
  'health-and-wellbeing',
  'identity',
];
const UUID = '[0-9a-f-]{36}';

// Measurements, per kind of request.
type Kind = { ms: number[]; errors: number };
const kinds = new Map<string, Kind>();
const failures: string[] = [];
let timing = false;
async function measure(kind: string, expected: number, request: () => Promise<Answer>): Promise<Answer | null> {
  let answer: Answer | null = null;
  let problem = '';
  const started = performance.now();
  try {
    answer = await request();
    if (answer.status !== expected) {
      const title = /<title>([^<]*)<\/title>/.exec(answer.body)?.[1]?.trim() ?? answer.body.slice(0, 120);
      const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(answer.body)?.[1].replace(/<[^>]+>|\s+/g, ' ');
      problem = `${answer.status}, expected ${expected} (${title}${summary ? `: ${summary.trim()}` : ''})`;
    }
  } catch (error) {
    problem = `network error: ${(error as Error).message}`;
  }
  if (!timing) {
    if (problem) throw new Error(`set-up, ${kind}: ${problem}`);
    return answer;
  }
  const k = kinds.get(kind) ?? { ms: [], errors: 0 };
  kinds.set(kind, k);
  k.ms.push(answer?.ms ?? performance.now() - started);
  if (!problem) return answer;
  k.errors++;
  if (failures.length < 20) failures.push(`${kind}: ${problem}`);
  return null;
}

const revisionOf = (page: string) => /name="revision" value="(\d+)"/.exec(page)?.[1] ?? '0';
const cannotEdit = (page: string) => page.includes('This part cannot be changed at this stage');

/**
 * Takes a review through the remaining steps to the manager's queue, as its worker would, or only
 * to where the signatures are all that is left (`toSignatures`).
 */
async function sendForApproval(worker: Browser, reviewId: string, toSignatures = false): Promise<true | string> {
  const review = `/reviews/${reviewId}`;
  let paperSigned = false;
  for (let step = 0; step < 12; step++) {
    const page = (await worker.get(review)).body;
    const has = (s: string) => page.includes(`${review}/steps/${s}"`);
    if (page.includes('Waiting for a manager to approve')) return !toSignatures || 'already sent for approval';
    if (toSignatures && has('paper-signature') && has('sign-as-worker')) return true;
    let r: Answer;
    if (has('complete-outcomes')) {
      for (const area of linksOn(page, new RegExp(`${review}/areas/([a-z-]+)`, 'g'))) {
        const form = await worker.get(`${review}/areas/${area}`);
        if (cannotEdit(form.body)) return `${area} cannot be changed`;
        const saved = await worker.post(`${review}/areas/${area}`, {
          ...areaForm(area),
          ...(form.body.includes('name="progressSinceLastReview"')
            ? { progressSinceLastReview: `Progress with ${area} since the last review` }
            : {}),
          revision: revisionOf(form.body),
        });
        if (saved.status !== 303) return `${area}: ${saved.status}`;
      }
      if (page.includes(`${review}/needs-assessment"`)) {
        const form = (await worker.get(`${review}/needs-assessment`)).body;
        const ids = linksOn(form, /<textarea[^>]*name="([\w-]+)"/g);
        const answers = Object.fromEntries(ids.map((id) => [id, `Considered: ${id}`]));
        await worker.post(`${review}/needs-assessment`, { ...answers, revision: revisionOf(form) });
      }
      await worker.get(review);
      r = await worker.post(`${review}/steps/complete-outcomes`, {});
    } else if (has('complete-planning')) {
      await worker.post(`${review}/participation`, {
        ways: 'on_their_phone',
        didNotTakePartReason: '',
        othersConsulted: '',
      });
      await worker.get(review);
      r = await worker.post(`${review}/steps/complete-planning`, {});
    } else if (has('submit-for-signatures')) r = await worker.post(`${review}/steps/submit-for-signatures`, {});
    else if (has('resubmit')) r = await worker.post(`${review}/steps/resubmit`, {});
    else if (has('paper-signature') && !paperSigned) {
      // The young person signed on paper today; the page keeps offering the form until the worker signs.
      paperSigned = true;
      const [year, month, day] = new Date().toISOString().slice(0, 10).split('-').map(Number);
      r = await worker.post(`${review}/steps/paper-signature`, {
        'signedOn-day': String(day),
        'signedOn-month': String(month),
        'signedOn-year': String(year),
      });
    } else if (has('sign-as-worker')) r = await worker.post(`${review}/steps/sign-as-worker`, {});
    else return `no next step on the review page (${/govuk-tag[^>]*>\s*([^<]+)/.exec(page)?.[1].trim()})`;
    if (r.status !== 303) {
      const why = /This cannot be done yet[\s\S]*?<\/ul>/.exec(r.body)?.[0].replace(/<[^>]+>|\s+/g, ' ');
      return `${r.status} after ${step} steps: ${why ?? ''}`;
    }
  }
  return 'still not waiting for approval after 12 steps';
}

type Work = { recordId: string; reviewId: string };
type Worker = { browser: Browser; email: string; team: string; cases: Work[]; toSign: string[] };

const pg =
  values.driver === 'postgres'
    ? await freshPostgres(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
    : null;
const began = performance.now();
const note = (what: string) => console.log(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${what}`);
let running: Running | undefined;
let failed = true;
// Bounded in time whatever happens: set-up, the timed part and the read-back together.
const limit = seconds + 300;
const watchdog = setTimeout(async () => {
  console.error(`stopped: still running ${limit} s after the start`);
  await running?.stop();
  await pg?.drop();
  process.exit(1);
}, limit * 1000);
try {
  const app = await startPathway({ port: Number(values.port), databaseUrl: pg?.url });
  running = app;
  note('server started');
  // Who works here: the administrator's staff list.
  const admin = new Browser(app.url);
  await admin.signIn(`admin@${DOMAIN}`, PASSWORD);
  const staffPage = (await measure('set-up', 200, () => admin.get('/admin/staff')))!.body;
  const emails = [...staffPage.matchAll(/data-label="Email">([^<]+)<\/td>/g)].map((m) => m[1]);
  const roles = [...staffPage.matchAll(/data-label="Role">([^<]+)<\/td>/g)].map((m) => m[1]);
  const teams = [...staffPage.matchAll(/data-label="Team">([^<]*)<\/td>/g)].map((m) => m[1]);
  const staff = emails
    .map((email, i) => ({ email, role: roles[i], team: teams[i] }))
    .filter((s) => s.role === 'Personal adviser' || s.role === 'Social worker');
  if (!staff.length) throw new Error('no personal advisers or social workers on /admin/staff');

  // 1 manager, about a sixth young people, the rest workers (a worker account may be used twice,
  // with its own session and its own young people).
  const youngPeopleCount = Math.max(1, Math.round(connections / 6));
  const workerCount = connections - 1 - youngPeopleCount;
  const claimed = new Set<string>();
  const workers: Worker[] = [];
  for (let i = 0; i < workerCount; i++) {
    const s = staff[i % staff.length];
    const browser = new Browser(app.url);
    await browser.signIn(s.email, PASSWORD);
    workers.push({ browser, email: s.email, team: s.team, cases: [], toSign: [] });
  }
  note(`${workers.length} workers signed in`);
  // Each virtual worker's own young people: an open review it can edit. No two workers share one.
  const reviewFor = async (w: Worker, recordId: string): Promise<string | null> => {
    await w.browser.get(`/young-people/${recordId}`);
    const started = await w.browser.post(`/young-people/${recordId}/reviews`, {});
    if (started.status !== 303) return null;
    return started.location!.split('/').pop()!;
  };
  const caseloadOf = async (w: Worker) => {
    const page = (await measure('set-up', 200, () => w.browser.get('/caseload')))!.body;
    return linksOn(page, new RegExp(`href="/young-people/(${UUID})"`, 'g'));
  };
  await Promise.all(
    workers.map(async (w) => {
      for (const recordId of await caseloadOf(w)) {
        if (w.cases.length >= 2) break;
        if (claimed.has(recordId)) continue;
        claimed.add(recordId);
        const reviewId = await reviewFor(w, recordId);
        if (!reviewId) continue;
        const area = await w.browser.get(`/reviews/${reviewId}/areas/${PLAIN_AREAS[0]}`);
        if (area.status === 200 && !cannotEdit(area.body)) w.cases.push({ recordId, reviewId });
      }
    }),
  );
  const busy = workers.filter((w) => w.cases.length);
  if (!busy.length) throw new Error('no worker has a review it can edit');

  note(`${busy.length} workers have a review to edit`);
  // Something to approve: the North team's advisers (the demo manager's team) send half the plans
  // now, of young people no one else edits, and take the other half to the signatures, to sign
  // and send during the timed part.
  const toPrepare = Math.max(4, Math.round(seconds / 2));
  const sendNow = Math.ceil(toPrepare / 2);
  const north = workers.filter((w) => w.team === 'Leaving Care North' && w.email !== `pa@${DOMAIN}`);
  let taken = 0;
  let prepared = 0;
  let refusedToPrepare = 0;
  await Promise.all(
    north.map(async (w) => {
      for (const recordId of await caseloadOf(w)) {
        if (taken >= toPrepare || refusedToPrepare >= toPrepare) break;
        if (claimed.has(recordId)) continue;
        claimed.add(recordId);
        const toSignatures = taken++ >= sendNow;
        const reviewId = await reviewFor(w, recordId);
        const ready = reviewId ? await sendForApproval(w.browser, reviewId, toSignatures) : 'no review';
        if (ready === true) {
          prepared++;
          if (toSignatures) w.toSign.push(reviewId!);
        } else {
          taken--;
          refusedToPrepare++;
          note(`not prepared for approval: /reviews/${reviewId}: ${ready}`);
        }
      }
    }),
  );
  const toSign = north.reduce((n, w) => n + w.toSign.length, 0);
  note(`${prepared - toSign} plans sent for approval, ${toSign} to sign and send in the timed part`);
  // Young people: the demo young person, and others invited through the product's own invitation.
  const youngPeople: { browser: Browser; areas: boolean }[] = [];
  const demo = new Browser(app.url);
  await demo.signIn('young.person', PASSWORD);
  youngPeople.push({ browser: demo, areas: false });
  // The demo young person is the demo adviser's: never invite one of theirs, which would replace that account.
  const invitable = busy.filter((w) => w.email !== `pa@${DOMAIN}`).flatMap((w) => w.cases.map((c) => ({ w, c })));
  for (const [i, { w, c }] of invitable.slice(0, youngPeopleCount - 1).entries()) {
    await w.browser.get(`/young-people/${c.recordId}`);
    const created = await measure('set-up', 200, () => w.browser.post(`/young-people/${c.recordId}/invitations`, {}));
    const token = /\/invite\/([\w-]{20,100})/.exec(created!.body)?.[1];
    if (!token) throw new Error('no invitation link on the invitation page');
    const yp = new Browser(app.url);
    await measure('set-up', 200, () => yp.get(`/invite/${token}`));
    const password = `Lantern ${randomBytes(9).toString('base64url')} orchard`;
    await measure('set-up', 303, () =>
      yp.post('/invite/accept', {
        credentialKind: 'link',
        credential: token,
        username: `mixed.${run}.${i}`,
        password,
        confirm: password,
      }),
    );
    youngPeople.push({ browser: yp, areas: true });
  }
  for (const yp of youngPeople) yp.areas = (await yp.browser.get('/my-plan')).body.includes('/my-plan/areas/');
  while (youngPeople.length < youngPeopleCount) {
    const browser = new Browser(app.url);
    await browser.signIn('young.person', PASSWORD);
    youngPeople.push({ browser, areas: youngPeople[0].areas });
  }
  const manager = new Browser(app.url);
  await manager.signIn(`tm@${DOMAIN}`, PASSWORD);

  note(`${youngPeople.length} young people signed in; the timed part starts`);
  // The timed part.
  const acknowledged = new Map<string, { worker: Worker; marker: string }>();
  const unacknowledged = new Set<string>();
  const approved: string[] = [];
  const sentInRun: string[] = [];
  let until = 0;
  // A request is started only while the timed part lasts; a loop ends at the first one it may not start.
  const TIME_UP = Symbol('time up');
  const timed = (kind: string, expected: number, request: () => Promise<Answer>) => {
    if (performance.now() >= until) throw TIME_UP;
    return measure(kind, expected, request);
  };
  const untilTimeUp = (loop: () => Promise<void>) =>
    loop().catch((error) => {
      if (error !== TIME_UP) throw error;
    });
  const workerLoop = async (w: Worker, n: number) => {
    for (let i = 0; ; i++) {
      if (i % 3 === 2 && w.toSign.length) {
        // The young person signed on paper; the worker records it, signs, and the plan goes to the manager.
        const id = w.toSign.shift()!;
        const [year, month, day] = new Date().toISOString().slice(0, 10).split('-').map(Number);
        await timed('review page', 200, () => w.browser.get(`/reviews/${id}`));
        const paper = await timed('record signature', 303, () =>
          w.browser.post(`/reviews/${id}/steps/paper-signature`, {
            'signedOn-day': String(day),
            'signedOn-month': String(month),
            'signedOn-year': String(year),
          }),
        );
        if (
          paper &&
          (await timed('sign and send', 303, () => w.browser.post(`/reviews/${id}/steps/sign-as-worker`, {})))
        )
          sentInRun.push(id);
      }
      const c = w.cases[i % w.cases.length];
      const area = PLAIN_AREAS[Math.floor(i / w.cases.length) % PLAIN_AREAS.length];
      await timed('caseload', 200, () => w.browser.get('/caseload'));
      await timed('record', 200, () => w.browser.get(`/young-people/${c.recordId}`));
      await timed('review page', 200, () => w.browser.get(`/reviews/${c.reviewId}`));
      const form = await timed('area page', 200, () => w.browser.get(`/reviews/${c.reviewId}/areas/${area}`));
      if (!form) continue;
      // Ends with a full stop so that no marker is the start of another (…-1. and …-10.).
      const marker = `mixed-${run}-${n}-${i}.`;
      const key = `${c.reviewId}/${area}`;
      const saved = await timed('save area', 303, () =>
        w.browser.post(`/reviews/${c.reviewId}/areas/${area}`, {
          ...areaForm(area),
          revision: revisionOf(form.body),
          goal: `Goal ${marker}`,
        }),
      );
      if (saved) {
        acknowledged.set(key, { worker: w, marker });
        unacknowledged.delete(key);
      } else unacknowledged.add(key);
    }
  };
  const youngPersonLoop = async (yp: (typeof youngPeople)[number], n: number) => {
    for (let i = 0; ; i++) {
      await timed('my plan', 200, () => yp.browser.get('/my-plan'));
      if (yp.areas) {
        const area = PLAIN_AREAS[(n + i) % PLAIN_AREAS.length];
        await timed('my plan area', 200, () => yp.browser.get(`/my-plan/areas/${area}`));
      }
    }
  };
  const managerLoop = async () => {
    const tried = new Set<string>();
    for (;;) {
      const queue = await timed('approvals list', 200, () => manager.get('/approvals'));
      const next = linksOn(queue?.body ?? '', new RegExp(`href="/reviews/(${UUID})"`, 'g')).find(
        (id) => !tried.has(id),
      );
      if (!next) {
        // Nothing new to approve: a manager looks again a little later, not in a tight loop.
        await new Promise((r) => setTimeout(r, Math.max(0, Math.min(1000, until - performance.now()))));
        continue;
      }
      tried.add(next);
      if (!(await timed('approval page', 200, () => manager.get(`/reviews/${next}`)))) continue;
      const done = await timed('approve', 303, () =>
        manager.post(`/reviews/${next}/steps/approve`, {
          rating: 'good',
          feedback: `Approved in the mixed day ${run}`,
        }),
      );
      if (done) approved.push(next);
    }
  };
  timing = true;
  const started = performance.now();
  until = started + seconds * 1000;
  await Promise.all([
    ...busy.map((w, n) => untilTimeUp(() => workerLoop(w, n))),
    ...youngPeople.map((yp, n) => untilTimeUp(() => youngPersonLoop(yp, n))),
    untilTimeUp(managerLoop),
  ]);
  const elapsed = (performance.now() - started) / 1000;
  timing = false;
  const load = loadavg();

  // Read every acknowledged write back through the pages.
  let lost = 0;
  const lostWrites: string[] = [];
  for (const [key, { worker, marker }] of acknowledged) {
    const page = await worker.browser.get(`/reviews/${key.replace('/', '/areas/')}`);
    if (page.status !== 200 || !page.body.includes(marker)) {
      lost++;
      lostWrites.push(`${key}: ${marker} (page ${page.status})`);
    }
  }
  const queueAfter = (await manager.get('/approvals')).body;
  for (const id of sentInRun.filter((id) => !approved.includes(id))) {
    if (!(await manager.get(`/reviews/${id}`)).body.includes('Waiting for a manager to approve')) {
      lost++;
      lostWrites.push(`plan sent for approval, /reviews/${id}, not waiting for approval`);
    }
  }
  for (const id of approved) {
    const page = await manager.get(`/reviews/${id}`);
    if (queueAfter.includes(`/reviews/${id}"`) || page.body.includes('Waiting for a manager to approve')) {
      lost++;
      lostWrites.push(`approval of /reviews/${id} not kept`);
    }
  }

  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const pct = (xs: number[], p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)] : 0);
  let total = 0;
  let errors = 0;
  console.log(
    `\nmixed day: driver ${values.driver}; ${connections} connections (${busy.length} workers with ` +
      `${busy.reduce((n, w) => n + w.cases.length, 0)} reviews, ${youngPeople.length} young people, 1 team manager); ` +
      `${elapsed.toFixed(1)} s; in set-up ${prepared - toSign} plans sent for approval and ${toSign} taken to the signatures ` +
      `(${refusedToPrepare} could not be); ` +
      `start ${Math.round(app.startMs)} ms`,
  );
  console.log('| kind | requests | req/s | median ms | p99 ms | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const ORDER = [
    'caseload',
    'record',
    'review page',
    'area page',
    'save area',
    'my plan',
    'my plan area',
    'record signature',
    'sign and send',
    'approvals list',
    'approval page',
    'approve',
  ];
  const inOrder = [...kinds].sort(([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b));
  for (const [kind, k] of inOrder) {
    const ms = sorted(k.ms);
    total += ms.length;
    errors += k.errors;
    console.log(
      `| ${kind} | ${ms.length} | ${(ms.length / elapsed).toFixed(1)} | ${pct(ms, 0.5).toFixed(0)} | ${pct(ms, 0.99).toFixed(0)} | ${k.errors} |`,
    );
  }
  console.log(
    `\ntotal: ${total} requests, ${(total / elapsed).toFixed(1)} req/s, ${errors} errors; ` +
      `load average ${load.map((l) => l.toFixed(1)).join(' ')}; ` +
      `${acknowledged.size} areas saved, ${sentInRun.length} plans signed and sent, ${approved.length} approved ` +
      `(${linksOn(queueAfter, new RegExp(`href="/reviews/(${UUID})"`, 'g')).length} still waiting); lost writes: ${lost}`,
  );
  if (unacknowledged.size) console.log(`areas whose last save was not acknowledged: ${unacknowledged.size}`);
  for (const f of failures) console.log(`error: ${f}`);
  for (const l of lostWrites) console.log(`lost: ${l}`);
  if (!acknowledged.size) console.log('no save was acknowledged: nothing was tested');
  failed = errors > 0 || lost > 0 || !acknowledged.size;
} finally {
  clearTimeout(watchdog);
  await running?.stop();
  await pg?.drop();
}
process.exitCode = failed ? 1 : 0;
