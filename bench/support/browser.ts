// A browser-like client over Node's fetch (keep-alive) for load tests: keeps its own cookies, takes
// the CSRF token from the last page it read, never follows redirects (the status is what is measured).
export type Answer = { status: number; body: string; location: string | null; ms: number };

export class Browser {
  private jar = new Map<string, string>();
  /** The last HTML page read, for its CSRF token and form fields. */
  lastPage = '';

  constructor(
    readonly baseUrl: string,
    /** A request that takes longer fails as a network error. */
    private timeoutMs = 30_000,
  ) {}

  private keep(response: Response) {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const value = pair.slice(i + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.jar.delete(pair.slice(0, i));
      else this.jar.set(pair.slice(0, i), value);
    }
  }

  private async send(path: string, init: RequestInit): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(this.baseUrl + path, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { ...init.headers, cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    const body = await response.text();
    const ms = performance.now() - started;
    this.keep(response);
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) this.lastPage = body;
    return { status: response.status, body, location: response.headers.get('location'), ms };
  }

  get(path: string): Promise<Answer> {
    return this.send(path, { method: 'GET' });
  }

  /** Posts a form as the page would, with the CSRF token of the last page read. */
  post(path: string, form: Record<string, string | string[]>): Promise<Answer> {
    const body = new URLSearchParams();
    const token = /name="_csrf" value="([^"]+)"/.exec(this.lastPage)?.[1];
    if (token) body.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }

  /** Signs in through the sign-in form, as a person would. */
  async signIn(login: string, password: string): Promise<void> {
    await this.get('/sign-in');
    const r = await this.post('/sign-in', { login, password });
    if (r.status !== 303) throw new Error(`sign-in as ${login}: ${r.status}`);
  }
}

/** Every distinct match of a pattern's first group (or whole match) on a page, in order. */
export function linksOn(page: string, pattern: RegExp): string[] {
  return [...new Set([...page.matchAll(pattern)].map((m) => m[1] ?? m[0]))];
}
