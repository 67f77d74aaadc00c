// The OpenAPI 3.1 document of the API, made from the operations' own zod schemas (zod 4's
// z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses): what validates a request is what the
// document says. Named schemas (`.meta({ id })`) go under components and are referred to.
import { z } from 'zod';
import type { Operation } from './operations.ts';
import * as schemas from './schemas.ts';

type Json = Record<string, unknown>;
const REF_PREFIX = '#/components/schemas/';

const STANDARD: Record<number, string> = {
  400: 'What was sent is not valid: `errors` says what is wrong with which field',
  401: 'No API token, or one that is unknown, revoked or expired',
  403: 'The token’s scope does not allow this (a read token cannot POST), or the record is restricted',
  404: 'No such record in this council',
  409: 'A call with the same Idempotency-Key is still running: try again',
  422: 'The Idempotency-Key was already used with a different request',
  429: 'Too many calls with this token this minute',
};

/** Every named schema the operations use, so the document lists each once. */
function registryOf(operations: readonly Operation[]) {
  const registry = z.registry<{ id: string }>();
  const add = (schema: z.ZodType | undefined) => {
    const id = schema?.meta()?.id;
    if (schema && typeof id === 'string' && !registry.has(schema)) registry.add(schema, { id });
  };
  // Every named schema, also those only nested in another (an item of a list).
  for (const schema of Object.values(schemas)) if (schema instanceof z.ZodType) add(schema);
  for (const op of operations) {
    add(op.body);
    add(op.ok.schema);
  }
  return registry;
}

export function openApiDocument(operations: readonly Operation[], serverUrl: string): Json {
  const registry = registryOf(operations);
  const uri = (id: string) => `${REF_PREFIX}${id}`;
  const input = z.toJSONSchema(registry, { io: 'input', uri, unrepresentable: 'any', target: 'draft-2020-12' });
  const output = z.toJSONSchema(registry, { io: 'output', uri, unrepresentable: 'any', target: 'draft-2020-12' });
  const schemas: Record<string, Json> = {};
  // A request body's schema is its input shape (defaults may be left out); a response's its output shape.
  const inputIds = new Set(operations.map((op) => op.body?.meta()?.id).filter(Boolean));
  for (const [id, schema] of Object.entries(output.schemas)) schemas[id] = strip(schema as Json);
  for (const [id, schema] of Object.entries(input.schemas)) if (inputIds.has(id)) schemas[id] = strip(schema as Json);

  const refOrInline = (schema: z.ZodType, io: 'input' | 'output'): Json => {
    const id = schema.meta()?.id;
    if (typeof id === 'string') return { $ref: uri(id) };
    return strip(z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json);
  };
  const problemRef = { $ref: uri('Problem') };
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of operations) {
    const parameters = [
      ...parametersOf(op.params, 'path'),
      ...parametersOf(op.query, 'query'),
      ...(op.method === 'POST'
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description:
                'Send the same key again to repeat a call safely: the first response comes back, nothing is written twice',
              schema: { type: 'string', minLength: 1, maxLength: 200 },
            },
          ]
        : []),
    ];
    const responses: Record<string, Json> = {
      [op.ok.status]: {
        description: op.ok.description,
        content: op.ok.media
          ? { [op.ok.media]: { schema: { type: 'string', contentMediaType: op.ok.media } } }
          : { 'application/json': { schema: refOrInline(op.ok.schema!, 'output') } },
      },
    };
    const errorCodes = [400, 401, 403, 404, 429, ...(op.method === 'POST' ? [409, 422] : [])];
    const described: Record<string, string[]> = {};
    for (const code of errorCodes) described[code] = [STANDARD[code]!];
    for (const [code, description] of Object.entries(op.also ?? {})) {
      described[code] ??= [];
      described[code].unshift(description);
    }
    for (const [code, descriptions] of Object.entries(described))
      responses[code] = problemResponse(descriptions.join('; or '), problemRef);
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = {
      operationId: op.id,
      summary: op.summary,
      tags: [op.tag],
      security: [{ bearer: [op.method === 'GET' ? 'read' : 'write'] }],
      parameters,
      ...(op.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: refOrInline(op.body, 'input') } } },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pathway API for council systems',
      version: '1',
      description:
        'Young people, care history, allocations, contacts, closures, statutory status, approved plans and ' +
        'performance figures of one council. Call with an API token an administrator issues: ' +
        '`Authorization: Bearer pwt_…`. A read token may make GET calls; a write token also POST calls.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (pwt_…)' } },
      schemas,
    },
    paths,
  };
}

const problemResponse = (description: string, ref: Json) => ({
  description,
  content: { 'application/problem+json': { schema: ref } },
});

/** Each property of a params or query schema as an OpenAPI parameter. */
function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: strip(property),
  }));
}

/** Without `$schema` (the document as a whole says which dialect), `$id` and `id` (the component's name says it). */
function strip(schema: Json): Json {
  const { $schema: _dialect, $id: _uri, id: _id, ...rest } = schema;
  return rest;
}
