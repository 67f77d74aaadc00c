// Pathway as processes meet the world (issue 7, items 3 and 4): a second process on a live embedded
// database is refused; the app rides out lost PostgreSQL connections; an unreachable database at
// start gives one clear log line. These start the real server and commands as people run them.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/data/db.ts';
import { LOCK_FILE } from '../../src/data/data-dir-lock.ts';
import { testDriver } from '../support/app.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

type Run = { child: ChildProcess; out: () => string; exited: Promise<number | null> };

function run(args: string[], env: Record<string, string | undefined>): Run {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.NODE_ENV;
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...base, PATHWAY_DEMO: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, exited };
}

const serve = (env: Record<string, string | undefined>) => run(['--import', 'tsx', 'server.ts'], env);
const command = (args: string[], env: Record<string, string | undefined>) => run(['bin/pathway.mjs', ...args], env);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function health(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 0;
  }
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.runIf(testDriver() === 'pglite')('the embedded database belongs to one process', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'pathway-lock-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('a command run beside a live server is refused with a clear message, and the server is unharmed', async () => {
    const dir = dataDir();
    const port = await freePort();
    const server = serve({ PORT: String(port), HOST: '127.0.0.1', PATHWAY_DATA_DIR: dir });
    await until('the server', async () => (await health(port)) === 200);
    const seed = command(['seed', '--councils', '1', '--young-people', '5'], { PATHWAY_DATA_DIR: dir });
    expect(await seed.exited).toBe(1);
    expect(seed.out()).toMatch(/Another Pathway process \(pid \d+.*\) is using the embedded database/);
    expect(seed.out()).toContain('PostgreSQL');
    expect(seed.out()).not.toMatch(/\n\s+at /);
    expect(await health(port)).toBe(200);
    // Once the server is gone (even killed), the folder is free again.
    server.child.kill('SIGKILL');
    await server.exited;
    const migrate = command(['migrate'], { PATHWAY_DATA_DIR: dir });
    expect(await migrate.exited).toBe(0);
    expect(migrate.out()).toContain('database is up to date');
  }, 120_000);

  it('a second open in this process is refused; closing frees the folder; a stale lock is taken over', async () => {
    const dir = dataDir();
    const first = await openDatabase({ driver: 'pglite', dataDir: dir });
    await expect(openDatabase({ driver: 'pglite', dataDir: dir })).rejects.toThrow(/Another Pathway process/);
    await first.close();
    const again = await openDatabase({ driver: 'pglite', dataDir: dir });
    await again.close();
    writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({
        pid: 2 ** 22 + 7,
        host: (await import('node:os')).hostname(),
        startedAt: '2026-01-01T00:00:00Z',
      }),
    );
    const afterCrash = await openDatabase({ driver: 'pglite', dataDir: dir });
    await afterCrash.close();
  }, 60_000);

  it('starting with the database unreachable gives one clear JSON log line', async () => {
    const server = serve({
      PORT: String(await freePort()),
      DATABASE_URL: 'postgres://pathway@127.0.0.1:1/nowhere',
      PATHWAY_WORKERS: '1',
    });
    expect(await server.exited).toBe(1);
    const lines = server.out().trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line.msg).toMatch(/^Pathway cannot start: the database at 127\.0\.0\.1:1\/nowhere cannot be reached/);
    expect(line.level).toBe(60);
    expect(lines[0]).not.toContain('pathway@');
  }, 60_000);
});

describe.runIf(testDriver() === 'postgres')('when the PostgreSQL connections drop', () => {
  const name = `pathway_outage_${process.pid}_${Date.now()}`;
  const admin = () => new pg.Client({ connectionString: process.env.DATABASE_URL });
  const sqlAsAdmin = async (text: string) => {
    const c = admin();
    await c.connect();
    try {
      return await c.query(text);
    } finally {
      await c.end();
    }
  };
  afterAll(async () => {
    await sqlAsAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    // The login role Pathway made for that database (src/data/db.ts, ensureLoginRole).
    await sqlAsAdmin(`DROP ROLE IF EXISTS pathway_login_${createHash('md5').update(name).digest('hex').slice(0, 12)}`);
  });

  it('the app logs, answers 503 meanwhile, and serves again when the database returns, without a restart', async () => {
    await sqlAsAdmin(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    const port = await freePort();
    const server = serve({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: url.toString(), PATHWAY_WORKERS: '1' });
    await until('the server', async () => (await health(port)) === 200);
    // Cut every connection and refuse new ones for 3 seconds.
    await sqlAsAdmin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await sqlAsAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    const during: number[] = [];
    const cutAt = Date.now();
    while (Date.now() - cutAt < 3000) {
      during.push(await health(port));
      await new Promise((r) => setTimeout(r, 250));
    }
    // A page that needs no database still serves meanwhile.
    const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
    await sqlAsAdmin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await until('the database to be back', async () => (await health(port)) === 200, 20_000);
    expect(server.child.exitCode).toBeNull();
    expect(during.length).toBeGreaterThan(3);
    expect(new Set(during)).toEqual(new Set([503]));
    expect(page.status).toBe(200);
    expect(server.out()).toMatch(/"msg":"a database connection was lost/);
    expect(server.out()).toMatch(/"msg":"health check failed: the database cannot be reached"/);
  }, 120_000);
});
