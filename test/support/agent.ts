// A browser-like client for app.inject: keeps cookies and fetches CSRF tokens from pages, as a person would.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

const run = randomBytes(4).toString('hex');
/**
 * A network address of this test run's own. Failed attempts are counted per address in real time
 * by the database, and a PostgreSQL test database keeps them between runs: tests that count them
 * use addresses no earlier run used.
 */
export const runAddress = (...parts: number[]) =>
  `fd00:${run.slice(0, 4)}:${run.slice(4)}::${parts.map((p) => p.toString(16)).join(':')}`;

export class Agent {
  private cookies = new Map<string, string>();
  lastHtml = '';
  constructor(
    private app: FastifyInstance,
    private address = '127.0.0.1',
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: LightMyRequestResponse) {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if ((response.headers['content-type'] ?? '').toString().startsWith('text/html')) this.lastHtml = response.body;
    return response;
  }

  cookie(name: string) {
    return this.cookies.get(name);
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.keep(
      await this.app.inject({
        method: 'GET',
        url,
        headers: { cookie: this.cookieHeader(), ...headers },
        remoteAddress: this.address,
      }),
    );
  }

  /** The CSRF token from the last page, or from a fresh page if there is none. */
  async csrf(fromUrl = '/sign-in'): Promise<string> {
    let token = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1];
    if (!token) {
      await this.get(fromUrl);
      token = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml)?.[1];
    }
    if (!token) throw new Error(`no CSRF token on ${fromUrl}`);
    return token;
  }

  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: { csrf?: string | false; headers?: Record<string, string> } = {},
  ) {
    const token = options.csrf === false ? undefined : (options.csrf ?? (await this.csrf()));
    // A field given several values is sent once per value, as a browser sends checked checkboxes.
    const fields = Object.entries({ ...(token ? { _csrf: token } : {}), ...form }).flatMap(([name, value]) =>
      ([] as string[]).concat(value).map((v) => [name, v]),
    );
    const body = new URLSearchParams(fields).toString();
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: this.cookieHeader(),
          ...options.headers,
        },
        remoteAddress: this.address,
      }),
    );
  }

  /** A multipart/form-data POST, as a browser sends a form with file inputs: fields, then files. */
  async postFiles(
    url: string,
    fields: Record<string, string>,
    files: { field: string; name: string; content: string | Buffer }[],
    options: { csrf?: string | false } = {},
  ) {
    const token = options.csrf === false ? undefined : (options.csrf ?? (await this.csrf()));
    const boundary = `----pathway${randomBytes(8).toString('hex')}`;
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries({ ...(token ? { _csrf: token } : {}), ...fields }))
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    for (const f of files) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        typeof f.content === 'string' ? Buffer.from(f.content) : f.content,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat(parts),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: this.cookieHeader() },
        remoteAddress: this.address,
      }),
    );
  }

  async signIn(login: string, password: string) {
    this.lastHtml = '';
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { login, password });
    if (response.statusCode !== 303) throw new Error(`sign-in as ${login} failed: ${response.statusCode}`);
    await this.get('/');
    return response;
  }
}
