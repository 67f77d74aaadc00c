// The JSON API for council systems (issue 11 §5), under /api/v1: bearer-token calls, each checked,
// rate limited and audited against its token (services/api-tokens.ts), every input validated by the
// operation's zod schema, errors as RFC 9457 problem bodies (see app.ts). Signed-in staff keep the
// one older session route, reading a record (`GET /api/v1/young-people/:id` without a token); every
// other operation takes a token only, and a token never opens a page.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { contextOf, type RouteDeps } from '../request-context.ts';
import { AppError, errors } from '../../errors.ts';
import type { RequestContext } from '../../services/context.ts';
import type { ApiPrincipal, KeptResponse } from '../../services/api-tokens.ts';
import { apiOperations, type ApiResult, type Operation } from '../api/operations.ts';
import { openApiDocument } from '../api/openapi.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The council system calling with an API token, once its token is checked; null otherwise. */
    apiContext: (RequestContext & { principal: ApiPrincipal }) | null;
  }
  interface FastifyContextConfig {
    /** A signed-in member of staff may call it without a token (the older session route). */
    sessionToo?: boolean;
  }
}

const PREFIX = '/api/v1';
/** `/young-people/{id}` → `/young-people/:id` */
const fastifyPath = (path: string) => PREFIX + path.replace(/\{(\w+)\}/g, ':$1');
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** Parses one part of a request with its schema, or a 400 problem naming each field. */
function parsed(schema: z.ZodType | undefined, value: unknown, where: string): Record<string, unknown> {
  if (!schema) return {};
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || where;
    fields[field] ??= issue.message;
  }
  throw errors.badRequest('There is a problem with what you sent', fields);
}

export function apiRoutes({ services, config }: RouteDeps) {
  return fp(async (app: FastifyInstance) => {
    const operations = apiOperations(services);
    const document = openApiDocument(operations, config.publicUrl);
    app.decorateRequest('apiContext', null);

    // The token is checked once the body's bytes have passed the input guard and before anything
    // else: every such call with a token is counted and audited; a read token's POST is refused (403,
    // audited by app.ts).
    const authenticate = async (request: FastifyRequest) => {
      const route = request.routeOptions.config;
      const header = request.headers.authorization;
      if (!header && route.sessionToo && request.session) return;
      const bearer = /^Bearer +(\S+)$/i.exec(header ?? '')?.[1];
      const call = {
        method: request.method,
        route: request.routeOptions.url ?? PREFIX,
        requestId: request.id,
        address: request.ip,
      };
      request.apiContext = await services.apiTokens.authenticate(bearer, call);
      if (request.method !== 'GET' && request.apiContext.principal.role === 'api_read')
        throw errors.forbidden('This token may only read. Ask an administrator for a write token to send changes');
    };

    const run = async (op: Operation, request: FastifyRequest, reply: FastifyReply) => {
      const ctx = request.apiContext ?? contextOf(request);
      const input = {
        params: parsed(op.params, request.params, 'path'),
        query: parsed(op.query, request.query, 'query'),
        body: op.body ? parsed(op.body, request.body, 'body') : undefined,
      };
      const keyHeader = request.headers['idempotency-key'];
      const key = typeof keyHeader === 'string' ? keyHeader : undefined;
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key))
        throw errors.badRequest('There is a problem with what you sent', {
          'Idempotency-Key': 'Use 1 to 200 visible characters',
        });
      const token = request.apiContext;
      // Signed-in staff on the older session route get the pages' answers (403 for a record refused).
      if (!token) return send(reply, await op.handle(ctx, input));
      const result = await notFoundForRecords(async () =>
        op.method === 'POST' && key !== undefined
          ? await services.apiTokens.once(token, key, { op: op.id, ...input }, async () => {
              const r = await op.handle(ctx, input);
              return { status: r.status, body: 'body' in r ? r.body : null };
            })
          : await op.handle(ctx, input),
      );
      return send(reply, result);
    };

    const send = (reply: FastifyReply, result: ApiResult | KeptResponse) => {
      if ('replayed' in result && result.replayed) reply.header('idempotent-replayed', 'true');
      if ('file' in result) {
        return reply
          .status(result.status)
          .type(result.type)
          .header('content-disposition', `attachment; filename="${result.name}"`)
          .send(result.file);
      }
      return reply.status(result.status).type('application/json; charset=utf-8').send(result.body);
    };

    for (const op of operations) {
      app.route({
        method: op.method,
        url: fastifyPath(op.path),
        config: { sessionToo: op.id === 'getYoungPerson' },
        preValidation: authenticate,
        handler: (request, reply) => run(op, request, reply),
      });
    }

    app.get(`${PREFIX}/openapi.json`, async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(document),
    );

    app.get(`${PREFIX}/docs`, async (_request, reply) =>
      reply.page('pages/api/docs.njk', { document, operations: docsOf(document) }),
    );
  });
}

/**
 * A record the service refused to open (its refusal already audited) is, to a council system, not
 * there: it is another council's, does not exist, or is restricted to named staff. The answer is the
 * same 404 for each, so it tells nothing about which.
 */
async function notFoundForRecords<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.id === 'forbidden' && error.audited)
      throw errors.notFound('There is no young person with this id in your council');
    throw error;
  }
}

type Json = Record<string, unknown>;

/** The document as the docs page lists it: each operation with its parameters, body and responses. */
function docsOf(document: Json) {
  const paths = document.paths as Record<string, Record<string, Json>>;
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      id: op.operationId as string,
      method: method.toUpperCase(),
      path,
      summary: op.summary as string,
      tag: (op.tags as string[])[0],
      parameters: (op.parameters as Json[]).map((p) => ({
        name: p.name as string,
        in: p.in as string,
        required: Boolean(p.required),
        schema: JSON.stringify(p.schema),
      })),
      body: schemaName((op.requestBody as Json | undefined)?.content),
      responses: Object.entries(op.responses as Record<string, Json>).map(([status, r]) => ({
        status,
        description: r.description as string,
        schema: schemaName(r.content),
      })),
    })),
  );
}

function schemaName(content: unknown): string | null {
  const first = Object.values((content ?? {}) as Record<string, { schema?: { $ref?: string } }>)[0];
  return first?.schema?.$ref?.split('/').at(-1) ?? null;
}
