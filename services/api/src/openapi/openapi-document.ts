import type * as t from 'io-ts';
import { type ProblemCode, problemTypeUri, statusOf } from '../http/problem-catalog';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import type { ApiRoute, ResponseSpec } from '../routes/route';
import { type JsonSchema, schemaOf, toJsonSchema } from './json-schema';
import { namedSchemas } from './named-schemas';

/**
 * The OpenAPI 3.1 document, generated from the route table and the io-ts codecs the routes
 * decode and answer with: what is documented is what is enforced.
 */

export type OpenApiDocument = { readonly openapi: string } & JsonSchema;

const refs = new Map<t.Mixed, string>(
  Object.entries(namedSchemas).map(([name, codec]) => [codec, name]),
);
const schema = (codec: t.Mixed): JsonSchema => toJsonSchema(codec, { refs });

/** `/v1/partners/:partnerId` to `/v1/partners/{partnerId}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const parameters = (codec: t.Mixed, where: 'path' | 'query'): JsonSchema[] => {
  const object = schemaOf(codec, { refs });
  const properties = (object['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object['required'] as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, propertySchema]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: propertySchema,
  }));
};

const idempotencyKeyHeader: JsonSchema = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the command safe to retry: the same key (per token subject) replays the first answer. Without one, a request id is used.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const requestBody = (route: ApiRoute): JsonSchema | undefined => {
  switch (route.body.kind) {
    case 'none':
      return undefined;
    case 'json':
      return {
        required: route.body.optional !== true,
        content: { 'application/json': { schema: schema(route.body.docs ?? route.body.codec) } },
      };
    case 'ndjson':
      return {
        required: true,
        description:
          'One JSON object per line: the input lines of the rules (section 6), each with its own `at`. Blank lines are skipped.',
        content: { 'application/x-ndjson': { schema: { type: 'string' } } },
      };
  }
};

const success = (response: ResponseSpec): [string, JsonSchema] => [
  String(response.status),
  {
    description: response.description,
    ...(response.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(response.headers).map(([name, description]) => [
              name,
              { description, schema: { type: 'string' } },
            ]),
          ),
        }
      : {}),
    content: {
      ...(response.json ? { 'application/json': { schema: schema(response.json) } } : {}),
      ...(response.csvColumns
        ? {
            'text/csv': {
              schema: { type: 'string', description: `Columns: ${response.csvColumns.join(', ')}` },
            },
          }
        : {}),
    },
  },
];

/** Every problem a route may answer with: its own, plus those its inputs and access imply. */
export const problemsOf = (route: ApiRoute): ProblemCode[] => {
  const codes = new Set<ProblemCode>(route.problems);
  const takesInput =
    route.body.kind !== 'none' || route.path.includes(':') || route.readsProjections;
  if (takesInput) codes.add('invalid-input');
  if (route.access.kind === 'token') {
    codes.add('unauthenticated');
    codes.add('forbidden');
  }
  if (route.idempotent) {
    codes.add('idempotency-key-reused');
    codes.add('concurrent-update');
  }
  if (route.readsProjections) codes.add('position-not-reached');
  if (route.access.kind === 'token') codes.add('store-unavailable');
  return [...codes];
};

const problemResponses = (route: ApiRoute): [string, JsonSchema][] => {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of problemsOf(route)) {
    byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  }
  return [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, codes]) => [
      String(status),
      {
        description: codes.map((code) => `${code} (${problemTypeUri(code)})`).join(', '),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]);
};

const operation = (route: ApiRoute): JsonSchema => {
  const body = requestBody(route);
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    security: route.access.kind === 'public' ? [] : [{ bearer: [] }],
    ...(route.access.kind === 'token'
      ? { description: `Roles: ${route.access.roles.join(', ')}.` }
      : {}),
    parameters: [
      ...parameters(route.params, 'path'),
      ...parameters(route.query, 'query'),
      ...(route.idempotent ? [idempotencyKeyHeader] : []),
    ],
    ...(body ? { requestBody: body } : {}),
    responses: Object.fromEntries([...route.responses.map(success), ...problemResponses(route)]),
  };
};

export const buildOpenApiDocument = (
  routes: readonly ApiRoute[],
  info: { title: string; version: string },
): OpenApiDocument => {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Rebate ledger: commands (one resource per input line of the rules), queries over the read models, and health. Errors are application/problem+json.',
    },
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(namedSchemas).map(([name, codec]) => [name, schemaOf(codec, { refs })]),
      ),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
};
