import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../auth/access';
import type { Authenticator } from '../auth/authenticator';
import { authorizePartnerScope, authorizeRole, type ScopedInput } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { commandIdsOf, idempotencyKeyOf } from '../commands/command-ids';
import type { IdempotencyCache } from '../commands/idempotency-cache';
import { NDJSON, mediaTypeOf } from '../http/body-parsers';
import { decodeInput } from '../http/decode';
import { stableJson } from '../http/lossless-json';
import { fail } from '../http/problem-catalog';
import { awaitPosition } from '../http/read-your-writes';
import { send } from '../http/send';
import { ReadYourWrites } from '../queries/query-codecs';
import type { ApiRoute, BodySpec, RouteReply } from './route';
import type { RouteContext } from './route-context';

export interface Pipeline {
  readonly context: RouteContext;
  readonly auth: Authenticator;
  readonly idempotency: IdempotencyCache;
  /** Longest wait for `minPosition`. */
  readonly readWaitMs: number;
}

const authenticate = async (
  access: Access,
  authorization: string | undefined,
  auth: Authenticator,
): Promise<Principal | undefined> => {
  if (access.kind === 'public') return undefined;
  const result = await auth.authenticate(authorization);
  return result.ok ? result.principal : fail('unauthenticated', result.reason);
};

const stringField = (value: unknown, key: string): string | undefined => {
  const field = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  return typeof field === 'string' ? field : undefined;
};

const scopeOf = (params: unknown, query: unknown): ScopedInput => ({
  partnerId: stringField(params, 'partnerId') ?? stringField(query, 'partnerId'),
  clientId: stringField(params, 'clientId'),
});

const decodeBody = (spec: BodySpec<unknown>, request: FastifyRequest): unknown => {
  const isNdjson = mediaTypeOf(request.headers['content-type']) === NDJSON;
  switch (spec.kind) {
    case 'none':
      return undefined;
    case 'json':
      if (isNdjson)
        fail('unsupported-media-type', 'send application/json', { field: 'content-type' });
      return decodeInput(
        spec.codec,
        request.body === undefined && spec.optional ? {} : request.body,
        'body',
      );
    case 'ndjson':
      if (!isNdjson) fail('unsupported-media-type', `send ${NDJSON}`, { field: 'content-type' });
      return decodeInput(spec.codec, request.body ?? new Uint8Array(), 'body');
  }
};

const fingerprint = (request: FastifyRequest): string =>
  createHash('sha256')
    .update(`${request.method} ${request.url}\n`)
    .update(
      typeof request.body === 'string' || request.body instanceof Uint8Array
        ? request.body
        : stableJson(request.body),
    )
    .digest('base64url');

/**
 * The order of checks: who calls (401), may that role call this at all (403), are the path and
 * query well-formed (400), read-your-writes wait, may this partner touch this partner or client
 * (403), is the body well-formed (400), then the handler, once per Idempotency-Key.
 */
const serve = async (
  route: ApiRoute,
  pipeline: Pipeline,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> => {
  const { context } = pipeline;
  const principal = await authenticate(route.access, request.headers.authorization, pipeline.auth);
  if (principal) authorizeRole(principal, route.access);
  const params = decodeInput(route.params, request.params, 'path');
  const query = decodeInput(route.query, request.query, 'query');
  if (route.readsProjections) {
    const { minPosition } = decodeInput(ReadYourWrites, request.query, 'query');
    await awaitPosition(context.queries, minPosition, pipeline.readWaitMs);
  }
  if (principal) {
    await authorizePartnerScope(principal, route.access, scopeOf(params, query), context.queries);
  }
  const body = decodeBody(route.body, request);
  const key = route.idempotent ? idempotencyKeyOf(request.headers['idempotency-key']) : undefined;
  const command = commandIdsOf(request.id, principal, key);
  const execute = (): Promise<RouteReply> =>
    route.handle(
      {
        params,
        query,
        body,
        principal,
        command,
        request: { id: request.id, accept: request.headers.accept },
      },
      context,
    );
  const { reply: answer, replayed } =
    key === undefined
      ? { reply: await execute(), replayed: false }
      : await pipeline.idempotency.once(command.commandId, fingerprint(request), execute);
  if (replayed) reply.header('idempotent-replayed', 'true');
  if (route.readsProjections) {
    const position = await context.queries.position();
    if (position !== undefined) reply.header('ledger-position', position.toString());
  }
  return send(reply, answer);
};

export const registerRoutes = (
  app: FastifyInstance,
  routes: readonly ApiRoute[],
  pipeline: Pipeline,
): void => {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.path,
      handler: (request, reply) => serve(route, pipeline, request, reply),
    });
  }
};
