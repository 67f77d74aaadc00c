import { availableParallelism } from 'node:os';
import path from 'node:path';
import { REMINDER_KINDS, templateVariable } from './domain/reminders.ts';

/** Every setting Pathway reads, in one typed object. Only this module reads process.env. */
export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /**
   * The address people use to reach Pathway, e.g. https://pathway.council.gov.uk. Links in
   * invitations and set-password links are built from it, never from the request's Host header.
   */
  publicUrl: string;
  /** Where the embedded PGlite database lives when DATABASE_URL is not set. */
  dataDir: string;
  /** A PostgreSQL server; when set, the embedded database is not used. */
  databaseUrl: string | undefined;
  /**
   * The app's own login to that server: a role that is neither superuser nor table owner. When
   * unset, Pathway makes one for the database (the owner in DATABASE_URL must be allowed to).
   */
  databaseAppUrl: string | undefined;
  databasePoolSize: number;
  /** Processes serving requests (PATHWAY_WORKERS); above 1 only on PostgreSQL. */
  workers: number;
  /** Seed the demo council (with demo passwords) on first start. */
  demo: boolean;
  /** Minutes without activity before a session ends. */
  sessionIdleMinutes: number;
  /** Set the Secure flag on cookies (on by default in production, behind HTTPS). */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy. */
  trustProxy: boolean;
  logLevel: string;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Calls each API token may make in a minute (PATHWAY_API_CALLS_PER_MINUTE); more are refused with 429. */
  apiCallsPerMinute: number;
  /**
   * GOV.UK Notify (issue 12 §3): its API key, an optional other base URL (a local fake in tests), and
   * the template id of each reminder by email and by text (NOTIFY_TEMPLATE_<KIND>_<EMAIL|SMS>). Null
   * without NOTIFY_API_KEY: nothing is sent, and the demo outbox page shows what would have been.
   */
  notify: NotifyConfig | null;
  /** Work the job queue and its schedules in this process (PATHWAY_JOBS, on by default). */
  jobs: boolean;
};

export type NotifyConfig = { apiKey: string; baseUrl: string | undefined; templates: Record<string, string> };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const int = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
    throw new Error(`${name} must be true or false, got "${raw}"`);
  };
  const port = int('PORT', 3000);
  const config: Config = {
    env: mode,
    port,
    host: env.HOST || '0.0.0.0',
    publicUrl: publicUrl(env.PUBLIC_URL, mode, port),
    dataDir: path.resolve(env.PATHWAY_DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseAppUrl: env.DATABASE_APP_URL || undefined,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10),
    // On PostgreSQL one process per core by default: a process uses one core (issue 9, goal 4).
    workers: int('PATHWAY_WORKERS', env.DATABASE_URL ? availableParallelism() : 1),
    demo: bool('PATHWAY_DEMO', mode !== 'production'),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30),
    secureCookies: bool('SECURE_COOKIES', mode === 'production'),
    trustProxy: bool('TRUST_PROXY', false),
    logLevel: env.LOG_LEVEL || (mode === 'test' ? 'silent' : 'info'),
    bodyLimit: int('BODY_LIMIT_BYTES', 256 * 1024),
    apiCallsPerMinute: int('PATHWAY_API_CALLS_PER_MINUTE', 120),
    notify: notifyConfig(env),
    jobs: bool('PATHWAY_JOBS', true),
  };
  if (config.workers < 1) throw new Error('PATHWAY_WORKERS must be 1 or more');
  if (config.workers > 1 && !config.databaseUrl) {
    throw new Error(
      `PATHWAY_WORKERS=${config.workers} needs PostgreSQL (DATABASE_URL): the embedded database serves one process`,
    );
  }
  if (config.env === 'production' && config.demo) {
    throw new Error('PATHWAY_DEMO cannot be on in production: demo accounts have published passwords');
  }
  return config;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Notify's settings, all or none: a key without every template id would fail at the first reminder. */
function notifyConfig(env: NodeJS.ProcessEnv): NotifyConfig | null {
  const apiKey = env.NOTIFY_API_KEY;
  if (!apiKey) return null;
  if (!new RegExp(`-${UUID}-${UUID}$`).test(apiKey))
    throw new Error(
      'NOTIFY_API_KEY must be a GOV.UK Notify API key: its name, then the service id and the key, joined by -',
    );
  const templates: Record<string, string> = {};
  const missing: string[] = [];
  for (const kind of REMINDER_KINDS)
    for (const channel of ['email', 'sms'] as const) {
      const name = templateVariable(kind, channel);
      const id = env[name];
      if (id && new RegExp(`^${UUID}$`).test(id)) templates[`${kind}/${channel}`] = id;
      else missing.push(name);
    }
  if (missing.length)
    throw new Error(`With NOTIFY_API_KEY set, set each template id (a Notify template's id): ${missing.join(', ')}`);
  const baseUrl = env.NOTIFY_BASE_URL || undefined;
  if (baseUrl && !/^https?:\/\//.test(baseUrl))
    throw new Error(`NOTIFY_BASE_URL must be an http or https address, got "${baseUrl}"`);
  return { apiKey, baseUrl, templates };
}

/** PUBLIC_URL without a trailing slash; required in production, where localhost would make broken links. */
function publicUrl(raw: string | undefined, mode: Config['env'], port: number): string {
  if (!raw) {
    if (mode === 'production') {
      throw new Error(
        'PUBLIC_URL must be set in production, e.g. https://pathway.council.gov.uk: links are built from it',
      );
    }
    return `http://localhost:${port}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be a full address like https://pathway.council.gov.uk, got "${raw}"`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new Error(`PUBLIC_URL must be an http or https address without a query, got "${raw}"`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
