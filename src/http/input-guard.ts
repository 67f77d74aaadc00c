// Bytes Pathway refuses before any handler runs, on every route: a NUL character (PostgreSQL cannot
// store one, so it would end as a 500) and anything that is not UTF-8 (it would be stored as
// replacement or escape text, garbling a young person's words). Both get a 400.
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export const badCharacters = () =>
  new AppError('bad-characters', 400, 'What you sent has characters Pathway cannot read. Check it and try again');

const utf8 = new TextDecoder('utf-8', { fatal: true });

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30; // 0-9
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1; // a-f, A-F
}

/** Bytes with every %XX decoded; a % not followed by two hex digits stays itself, as query parsers keep it. */
export function percentDecoded(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(0x25)) return bytes;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const high = bytes[i] === 0x25 && i + 2 < bytes.length ? hexValue(bytes[i + 1]) : -1;
    const low = high >= 0 ? hexValue(bytes[i + 2]) : -1;
    if (low >= 0) {
      out[n++] = high * 16 + low;
      i += 2;
    } else {
      out[n++] = bytes[i];
    }
  }
  return out.subarray(0, n);
}

/** Whether bytes are UTF-8 text without a NUL. */
export function isCleanText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a request target (path and query) decodes to clean text. Node gives the target's bytes
 * as latin1 characters; a target built in-process (tests' inject) may hold any character.
 */
export function isCleanUrl(url: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the whole latin1 range, controls included
  const bytes = /[^\u0000-\u00ff]/.test(url) ? Buffer.from(url, 'utf8') : Buffer.from(url, 'latin1');
  return isCleanText(percentDecoded(bytes));
}

/** NUL, or half of a surrogate pair (with the u flag a whole pair is one code point and does not match). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this looks for (PostgreSQL cannot store it)
const unstorable = /[\u0000\p{Cs}]/u;

/** Whether every string in a parsed body (JSON can carry \u0000 and lone surrogates as escapes) is clean. */
export function isCleanValue(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return !unstorable.test(value);
  // No form or API body nests this deep; refusing it keeps the walk's stack small.
  if (depth > 64) return false;
  if (Array.isArray(value)) return value.every((v) => isCleanValue(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.entries(value).every(([k, v]) => isCleanValue(k, depth + 1) && isCleanValue(v, depth + 1));
  }
  return true;
}

/** The body's bytes pass through unchanged; at the end they are checked, and a bad body fails the stream. */
function checkedBody(payload: NodeJS.ReadableStream, form: boolean, limit: number): Transform {
  const chunks: Buffer[] = [];
  let length = 0;
  const checker = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      length += chunk.length;
      // Past the limit Fastify refuses the body (413) itself; stop keeping a copy.
      if (length <= limit) chunks.push(chunk);
      done(null, chunk);
    },
    flush(done) {
      if (length > limit) return done();
      const body = Buffer.concat(chunks, length);
      done(isCleanText(form ? percentDecoded(body) : body) ? null : badCharacters());
    },
  });
  payload.on('error', (error) => checker.destroy(error));
  return payload.pipe(checker);
}

const textBody = /^\s*(application\/(x-www-form-urlencoded|(?:[\w.+-]+\+)?json)|text\/)/i;

function bodyKind(request: FastifyRequest): 'form' | 'text' | null {
  const match = textBody.exec(request.headers['content-type'] ?? '');
  if (!match) return null;
  return match[2]?.toLowerCase() === 'x-www-form-urlencoded' ? 'form' : 'text';
}

/** Where an unreadable address is sent: no route has it, and the guard refuses it there. */
const UNREADABLE = '/unreadable-address';

/**
 * Fastify's rewriteUrl. The router cannot decode some bad bytes in a path (%FF) and would answer
 * with its own error before any hook runs; steered to a path it can route, the guard below refuses
 * them with Pathway's error page or problem body, as it does everything else.
 */
export function steerUnreadableUrls(request: IncomingMessage): string {
  const url = request.url ?? '/';
  return isCleanUrl(url) ? url : UNREADABLE;
}

/** The guard, for every route: the address first, then the body's bytes, then the parsed body. */
export const inputGuard = fp(async (app: FastifyInstance, options: { bodyLimit: number }) => {
  app.addHook('onRequest', async (request) => {
    // originalUrl is the address as it came, before steerUnreadableUrls.
    if (request.url === UNREADABLE || !isCleanUrl(request.originalUrl)) throw badCharacters();
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    const kind = bodyKind(request);
    if (!kind) return payload;
    return checkedBody(payload, kind === 'form', request.routeOptions.bodyLimit ?? options.bodyLimit);
  });
  app.addHook('preValidation', async (request) => {
    if (!isCleanValue(request.body)) throw badCharacters();
  });
});
