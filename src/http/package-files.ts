// Files served as our own from an npm package's folder (fonts, easy-read pictures): only the paths the
// caller allows, cached for a month, since a package's file never changes under the same name.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export function servePackageFiles(app: FastifyInstance, root: string, prefix: string, allowed: (p: string) => boolean) {
  return app.register(fastifyStatic, {
    root,
    prefix,
    decorateReply: false,
    allowedPath: allowed,
    maxAge: '30d',
    immutable: true,
  });
}
