// Start what users run (`npm start`: node --import tsx server.ts) and the bare baseline as child processes, and
// sign in over HTTP as a browser would. Loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type Running = { url: string; child: ChildProcess; stop(): Promise<void> };

async function waitFor(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

function stopper(child: ChildProcess, cleanup: () => Promise<void> | void = () => {}) {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await cleanup();
  };
}

/** Refuses to measure a process left over from an earlier run on the same port. */
async function portFree(port: number): Promise<void> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
  } catch {
    return;
  }
  throw new Error(`port ${port} is already answering: stop what is running there first`);
}

/** A fresh PostgreSQL database for one run, dropped (with its login role) afterwards. */
export async function freshPostgres(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pathway_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      const { createHash } = await import('node:crypto');
      await c.query(`DROP ROLE IF EXISTS pathway_login_${createHash('md5').update(name).digest('hex').slice(0, 12)}`);
      await c.end();
    },
  };
}

/** `npm start` as the README says (development mode, demo council), on PGlite or on `databaseUrl`. */
export async function startPathway(options: {
  port: number;
  databaseUrl?: string;
  env?: Record<string, string>;
  /** An embedded database folder to use and keep (to start again on it); by default a new one, removed at stop. */
  dataDir?: string;
  /** Flags for node itself, such as `--cpu-prof`. */
  nodeArgs?: string[];
}): Promise<Running & { startMs: number }> {
  await portFree(options.port);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'pathway-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server.ts'], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      PATHWAY_DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl ?? '',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(`${url}/health`, child, 120_000);
  return {
    url,
    child,
    startMs: performance.now() - started,
    stop: stopper(child, () => {
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    }),
  };
}

export async function startBare(port: number): Promise<Running> {
  await portFree(port);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/bare-server.ts', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/caseload`, child, 60_000);
  return { url, child, stop: stopper(child) };
}

/** Signs in through the sign-in form (CSRF cookie and token) and returns the Cookie header to send. */
export async function signIn(url: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${url}/sign-in`);
  keep(form);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const r = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ _csrf: token, login, password }).toString(),
  });
  keep(r);
  if (r.status !== 303) throw new Error(`sign-in as ${login}: ${r.status}`);
  return header();
}
