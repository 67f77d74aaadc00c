// What Pathway writes to its logs, and what it keeps out of them. Logs go to log stores that more
// people can read than can read a young person's record, so they carry no names, search words,
// invitation tokens or database values: query string values are replaced by [redacted] in logged
// addresses, and a failed query's parameters and PostgreSQL's `detail` ("Key (email)=(…)") are
// left out of logged errors. What is kept — the route, status, request id, error type and
// SQLSTATE code, the SQL text with its $1 placeholders — is enough to find and fix a fault.
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

export const REDACTED = '[redacted]';

/** Paths that carry a secret in the path itself: one-time invitation and set-password links. */
const SECRET_PATHS: readonly RegExp[] = [/^(\/invite\/)(?!accept$)[^/?]+/, /^(\/set-password\/)[^/?]+/];

/** The address with each query value, and any secret in the path, replaced by [redacted]; field names stay. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  let path = at === -1 ? url : url.slice(0, at);
  for (const secret of SECRET_PATHS) path = path.replace(secret, `$1${REDACTED}`);
  if (at === -1) return path;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      // A bare `?Smith` is a value too.
      return eq === -1 ? (part === '' ? '' : REDACTED) : `${part.slice(0, eq)}=${REDACTED}`;
    })
    .join('&');
  return `${path}?${query}`;
}

/** Text of an error message or stack with database values cut out. */
export function redactText(text: string): string {
  return (
    text
      // drizzle: "Failed query: <sql>\nparams: <values>" (in a stack the values run up to the first frame)
      .replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, `\nparams: ${REDACTED}`)
      // PostgreSQL: 'Key (email)=(someone@example.org) already exists.'
      .replace(/(Key \(.*?\))=\([\s\S]*?\)( already exists| is not present| conflicts)/g, `$1=(${REDACTED})$2`)
      // PostgreSQL: 'invalid input syntax for type uuid: "Smith"'
      .replace(/(for type [\w ]+): "[\s\S]*?"/g, `$1: ${REDACTED}`)
  );
}

/** Fields of an error worth logging: none of them holds a value someone typed. */
const SAFE_FIELDS = [
  'code',
  'id',
  'status',
  'statusCode',
  'severity',
  'constraint',
  'table',
  'column',
  'schema',
  'routine',
  'query',
] as const;

type LoggedError = { [field: string]: unknown; type: string; message: string; stack: string; cause?: LoggedError };

/**
 * pino's `err` serializer for Pathway: the error's type, message and stack with database values cut
 * out, the safe fields, and its causes the same way. A failed query's `params` and PostgreSQL's
 * `detail`, `where` and `hint` are never copied.
 */
export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err && typeof err === 'object' && 'message' in err)) {
    return { type: typeof err, message: redactText(String(err)), stack: '' };
  }
  const e = err as Error & Record<string, unknown>;
  const type = e.constructor?.name ?? e.name ?? 'Error';
  const message = redactText(String(e.message));
  const logged: LoggedError = { type, message, stack: redactText(String(e.stack ?? '')) };
  for (const field of SAFE_FIELDS) {
    if (e[field] !== undefined && typeof e[field] !== 'object') logged[field] = e[field];
  }
  if (e.cause !== undefined && depth < 5) logged.cause = serializeError(e.cause, depth + 1);
  return logged;
}

/** pino's `req` serializer, as Fastify's own but with the address redacted. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** Logger options with Pathway's serializers added (over any given); `false` stays off. */
export function loggerOptions(options: boolean | object): FastifyServerOptions['logger'] {
  if (options === false) return false;
  const given = (options === true ? {} : options) as { serializers?: Record<string, unknown> };
  return { ...given, serializers: { ...given.serializers, req: serializeRequest, err: serializeError } };
}
