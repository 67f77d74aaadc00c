// "Saved" messages carried across a redirect in the address. They are signed with the session's
// own secret, so nobody can send a link that makes Pathway appear to say something it did not.
import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { safeEqual } from '../services/secrets.ts';

const sign = (secret: string, message: string) =>
  createHmac('sha256', secret).update(message).digest('base64url').slice(0, 22);

/** `path` with the message added, for a redirect. */
export function withFlash(request: FastifyRequest, path: string, message: string): string {
  const secret = request.session?.csrfToken;
  if (!secret) return path;
  const sep = path.includes('?') ? '&' : '?';
  return `${path}${sep}done=${encodeURIComponent(message)}&sig=${sign(secret, message)}`;
}

/** The message in this request's address, if this session signed it; otherwise nothing. */
export function flashOf(request: FastifyRequest): string {
  const query = request.query as Record<string, unknown>;
  const message = typeof query.done === 'string' ? query.done.slice(0, 300) : '';
  const sig = typeof query.sig === 'string' ? query.sig : '';
  const secret = request.session?.csrfToken;
  return message && secret && safeEqual(sig, sign(secret, message)) ? message : '';
}
