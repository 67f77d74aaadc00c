// Calling the API for council systems in HTTP tests: tokens issued as an administrator would, calls
// with a bearer token, and each response checked against the app's own OpenAPI document.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Principal } from '../../src/domain/permissions.ts';
import type { CouncilRows } from '../../src/seed/generator.ts';
import { staffByLocal, type TestApp } from './app.ts';

type Json = Record<string, unknown>;

/** The council's administrator, as the services see them. */
export function adminOf(rows: CouncilRows): Principal {
  const admin = staffByLocal(rows, 'admin');
  return {
    kind: 'staff',
    id: admin.id,
    councilId: rows.council.id,
    role: 'council_admin',
    teamId: admin.teamId ?? null,
    name: admin.displayName,
  };
}

/** Issues a token for the council (as its administrator would on the page). */
export async function issueToken(
  t: TestApp,
  rows: CouncilRows,
  scope: 'read' | 'write',
  options: { days?: number; name?: string } = {},
) {
  const expiresAt = new Date(t.clock.now().getTime() + (options.days ?? 30) * 86_400_000);
  return t.services.apiTokens.issue(
    { principal: adminOf(rows), requestId: 'test' },
    { name: options.name ?? `System ${scope}`, scope, expiresAt },
  );
}

/** One API call with a token (or none). */
export function call(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  token: string | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body === undefined ? {} : { payload: body as Json }),
  });
}

/**
 * Checks a response against the OpenAPI document: its status is one the operation lists, with the
 * media type and body schema listed for it. Returns what is wrong, or null.
 */
export function conformance(document: Json, method: string, path: string, response: LightMyRequestResponse) {
  const op = (document.paths as Record<string, Record<string, Json>>)[path]?.[method.toLowerCase()];
  if (!op) return `no operation ${method} ${path} in the document`;
  const listed = (op.responses as Record<string, Json>)[String(response.statusCode)];
  if (!listed)
    return `status ${response.statusCode} is not listed for ${method} ${path}: ${response.body.slice(0, 300)}`;
  const content = listed.content as Record<string, { schema: Json }>;
  const type = String(response.headers['content-type']).split(';')[0];
  const media = content[type];
  if (!media) return `content-type ${type} is not listed for ${response.statusCode}`;
  if (type === 'application/pdf') return response.rawPayload.subarray(0, 5).toString() === '%PDF-' ? null : 'not a PDF';
  const validate = validatorFor(document, media.schema);
  return validate(response.json()) ? null : JSON.stringify(validate.errors).slice(0, 600);
}

const validators = new WeakMap<Json, Ajv2020>();
function validatorFor(document: Json, schema: Json) {
  let ajv = validators.get(document);
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    // The components as $defs of one schema, so every $ref in them resolves.
    const defs = JSON.parse(
      JSON.stringify((document.components as Json).schemas).replaceAll('#/components/schemas/', 'components#/$defs/'),
    );
    ajv.addSchema({ $id: 'components', $defs: defs });
    validators.set(document, ajv);
  }
  const rooted = JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', 'components#/$defs/'));
  return ajv.compile(rooted);
}
