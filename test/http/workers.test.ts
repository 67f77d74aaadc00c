// More than one process on one PostgreSQL database (issue 9, goal 4). Pathway keeps nothing in a
// process's memory that another process needs: sessions, form tokens, sign-in limits and conflict
// detection live in the database. Two real servers on one database, and PATHWAY_WORKERS=2.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouncilRows } from '../../src/seed/generator.ts';
import type { Database } from '../../src/data/db.ts';
import { buildCouncil, PASSWORD, signInFor, testDatabase, testDriver } from '../support/app.ts';
import { addOpenReview, youngPeopleFreeToWrite } from '../support/factories.ts';
import { areaForm, revisionOf } from '../support/plan-forms.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];

function serve(env: Record<string, string>): { child: ChildProcess; out: () => string } {
  const base = { ...process.env };
  delete base.NODE_ENV;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: ROOT,
    env: { ...base, PATHWAY_DEMO: 'false', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  return { child, out: () => out };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const healthy = async (port: number) => {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(3000) })).status === 200;
  } catch {
    return false;
  }
};

/** A browser's cookies, kept across servers: what a load balancer in front of several processes sees. */
class Browser {
  private jar = new Map<string, string>();
  lastHtml = '';
  private keep(r: Response) {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const value = pair.slice(i + 1);
      if (value) this.jar.set(pair.slice(0, i), value);
      else this.jar.delete(pair.slice(0, i));
    }
  }
  private cookie = () => [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  async get(port: number, url: string): Promise<{ status: number; body: string }> {
    const r = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { cookie: this.cookie() }, redirect: 'manual' });
    this.keep(r);
    const body = await r.text();
    if (r.status === 200) this.lastHtml = body;
    return { status: r.status, body };
  }
  token(): string {
    const found = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!found) throw new Error('no form token on the last page');
    return found[1];
  }
  async post(port: number, url: string, form: Record<string, string>, token = this.token()) {
    const r = await fetch(`http://127.0.0.1:${port}${url}`, {
      method: 'POST',
      headers: { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, ...form }).toString(),
      redirect: 'manual',
    });
    this.keep(r);
    return { status: r.status, body: await r.text() };
  }
  async signIn(port: number, login: string, password = PASSWORD) {
    await this.get(port, '/sign-in');
    return this.post(port, '/sign-in', { login, password });
  }
}

describe.runIf(testDriver() === 'postgres')('two Pathway processes on one database', () => {
  let db: Database;
  let rows: CouncilRows;
  let reviewId: string;
  let adviser: string;
  const ports: number[] = [];
  beforeAll(async () => {
    db = await testDatabase();
    rows = await buildCouncil(db, { youngPeople: 30 });
    // Whoever is free to be given a plan, and their own adviser (a generated council need not give one to the demo adviser).
    const yp = youngPeopleFreeToWrite(rows)[0];
    adviser = rows.staff.find((s) => s.id === yp.personalAdviserId)!.email;
    reviewId = await addOpenReview(db, rows, yp.id, 'drafting', '2026-11-20');
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      ports.push(port);
      serve({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL!, PATHWAY_WORKERS: '1' });
    }
    for (const port of ports) await until(`the server on ${port}`, () => healthy(port));
  }, 120_000);
  afterAll(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    await db?.close();
  });

  it('a session made by one process is honoured by the other, and its form token too', async () => {
    const [a, b] = ports;
    const browser = new Browser();
    expect((await browser.signIn(a, adviser)).status).toBe(303);
    const caseload = await browser.get(b, '/caseload');
    expect(caseload.status).toBe(200);
    expect(caseload.body).toContain('My caseload');
    const page = await browser.get(a, `/reviews/${reviewId}/areas/identity`);
    expect(page.status).toBe(200);
    const saved = await browser.post(b, `/reviews/${reviewId}/areas/identity`, {
      ...areaForm('identity'),
      revision: revisionOf(page.body),
    });
    expect(saved.status).toBe(303);
    // Signing out on one process ends the session on the other.
    await browser.get(b, '/');
    expect((await browser.post(b, '/sign-out', {})).status).toBe(303);
    expect((await browser.get(a, '/caseload')).status).toBe(303);
  });

  it('two saves of one part at one revision, one through each process: the second is refused, not lost', async () => {
    const [a, b] = ports;
    const first = new Browser();
    const second = new Browser();
    await first.signIn(a, adviser);
    await second.signIn(b, adviser);
    const pageA = await first.get(a, `/reviews/${reviewId}/areas/health-and-wellbeing`);
    const pageB = await second.get(b, `/reviews/${reviewId}/areas/health-and-wellbeing`);
    const revision = revisionOf(pageA.body);
    expect(revisionOf(pageB.body)).toBe(revision);
    const form = areaForm('health-and-wellbeing');
    const one = await first.post(a, `/reviews/${reviewId}/areas/health-and-wellbeing`, { ...form, revision });
    const two = await second.post(b, `/reviews/${reviewId}/areas/health-and-wellbeing`, {
      ...form,
      goal: 'A different goal, written at the same time',
      revision,
    });
    expect(one.status).toBe(303);
    expect(two.status).toBe(409);
    expect(two.body).toContain('A different goal, written at the same time');
  });

  it('the 5 wrong passwords that lock an account are counted across both processes', async () => {
    const [a, b] = ports;
    const login = signInFor(rows, 'sw');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const browser = new Browser();
      statuses.push((await browser.signIn(i % 2 ? b : a, login, 'not-the-password-at-all')).status);
    }
    // Three went to one process and two to the other: only a shared count reaches 5 and locks.
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    const right = new Browser();
    const locked = await right.signIn(a, login);
    expect(locked.status).toBe(429);
    expect(locked.body).toContain('This account is locked for 15 minutes');
  });
});

describe.runIf(testDriver() === 'postgres')('PATHWAY_WORKERS=2', () => {
  it('runs two workers on one port, replaces one that dies, and stops them all on SIGTERM', async () => {
    const port = await freePort();
    const primary = serve({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL!, PATHWAY_WORKERS: '2' });
    const workers = () => {
      try {
        return execFileSync('pgrep', ['-P', String(primary.child.pid)], { encoding: 'utf8' })
          .trim()
          .split('\n')
          .filter(Boolean);
      } catch {
        return [];
      }
    };
    await until('both workers and /health', async () => workers().length === 2 && (await healthy(port)));
    const [first] = workers();
    process.kill(Number(first), 'SIGKILL');
    await until(
      'a new worker',
      async () => workers().length === 2 && !workers().includes(first) && (await healthy(port)),
    );
    const answered = await Promise.all(Array.from({ length: 20 }, () => healthy(port)));
    expect(answered.every(Boolean)).toBe(true);
    const exited = new Promise<number | null>((resolve) => primary.child.on('exit', (code) => resolve(code)));
    primary.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workers()).toEqual([]);
  }, 120_000);
});
