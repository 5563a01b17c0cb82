import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerQueries } from '@rebate/read-models';
import type { Access } from '../auth/access';
import type { Authenticator } from '../auth/authenticator';
import { authorizePartnerScope, authorizeRole, type ScopedInput } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { commandIdsOf, idempotencyKeyOf } from '../commands/command-ids';
import type { Idempotency, Journal } from '../idempotency/idempotency';
import type { CommandAnswer } from '../commands/command-answers';
import { NDJSON, mediaTypeOf } from '../http/body-parsers';
import { decodeInput } from '../http/decode';
import { stableJson } from '../http/lossless-json';
import { fail } from '../http/problem-catalog';
import { awaitPosition } from '../http/read-your-writes';
import { send } from '../http/send';
import { AsOf, ReadYourWrites } from '../queries/query-codecs';
import type { AsOfQueries } from '../as-of/as-of-queries';
import type { ApiRoute, BodySpec, RouteReply } from './route';
import type { RouteContext } from './route-context';

export interface Pipeline {
  readonly context: RouteContext;
  readonly auth: Authenticator;
  readonly idempotency: Idempotency;
  /** Longest wait for `minPosition`. */
  readonly readWaitMs: number;
  /** A scraper's static bearer token for `/metrics`. */
  readonly metricsToken?: string | undefined;
  /** The read models as of an instant, for routes that take `asOf`. */
  readonly asOf: AsOfQueries;
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

/** Who called, found by the route's onRequest hook, before the body is read. */
const principals = new WeakMap<FastifyRequest, Principal>();

const hasBody = (request: FastifyRequest): boolean =>
  request.headers['transfer-encoding'] !== undefined ||
  (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');

/**
 * onRequest: authenticate and check the role before a byte of the body is read, so an
 * unauthenticated flood of large posts costs no memory. A refused request with a body closes
 * its connection instead of reading the rest of it.
 */
const admit = async (
  route: ApiRoute,
  pipeline: Pipeline,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> => {
  try {
    if (isScraper(route, pipeline.metricsToken, request.headers.authorization)) return;
    const principal = await authenticate(
      route.access,
      request.headers.authorization,
      pipeline.auth,
    );
    if (principal) {
      authorizeRole(principal, route.access);
      principals.set(request, principal);
    }
    rejectControlCharacters(request.params, 'path');
    rejectControlCharacters(request.query, 'query');
  } catch (error) {
    if (hasBody(request)) reply.header('connection', 'close');
    throw error;
  }
};

/** The metrics route also takes the scraper's static METRICS_TOKEN (compared in constant time). */
const isScraper = (
  route: ApiRoute,
  metricsToken: string | undefined,
  authorization: string | undefined,
): boolean => {
  if (route.id !== 'metrics' || metricsToken === undefined || authorization === undefined) {
    return false;
  }
  const expected = createHash('sha256').update(`Bearer ${metricsToken}`).digest();
  const given = createHash('sha256').update(authorization.trim()).digest();
  return timingSafeEqual(expected, given);
};

/** C0 controls and DEL in a path or query value (`%00`): refused here, whatever the store. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const rejectControlCharacters = (values: unknown, part: 'path' | 'query'): void => {
  if (typeof values !== 'object' || values === null) return;
  for (const [key, value] of Object.entries(values)) {
    const texts: unknown[] = Array.isArray(value) ? value : [value];
    if (texts.some((text) => typeof text === 'string' && CONTROL.test(text))) {
      fail('invalid-input', `${part}: ${key} must not contain control characters`, {
        field: key,
      });
    }
  }
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

/**
 * A retry of a command whose first attempt stored its events but crashed before answering:
 * recognised by its command id before it is decided (deciding it again, with a new reception
 * time, would conflict with what is stored), and answered with the position it was stored at.
 */
const storedAnswer = async (
  journal: Journal | undefined,
  commandId: string,
): Promise<RouteReply | undefined> => {
  if (journal?.resumed === undefined) return undefined;
  const position = (await journal.storedCauses(commandId)).get(commandId);
  if (position === undefined) return undefined;
  const answer: CommandAnswer = { status: 'accepted', commandId, position: position.toString() };
  return { status: 200, body: answer };
};

/** The request as the client sent it (never a time the server chose): the key's content. */
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
 * The order of checks: who calls (401), may that role call this at all (403) (both before the
 * body is read), are the path and query well-formed (400), read-your-writes wait, may this partner touch this partner or client
 * (403), is the body well-formed (400), then the handler, once per Idempotency-Key.
 */
const serve = async (
  route: ApiRoute,
  pipeline: Pipeline,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> => {
  const { context } = pipeline;
  const principal = principals.get(request);
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
  // As of an instant the answer is the read models' alone: the live ledger's payable now (hold
  // applied) would change after the instant, so it is not applied there.
  const answerWith = async (queries: LedgerQueries, asOf = false): Promise<FastifyReply> => {
    const execute = async (journal: Journal | undefined): Promise<RouteReply> => {
      const stored = await storedAnswer(journal, command.commandId);
      if (stored !== undefined) return stored;
      return route.handle(
        {
          params,
          query,
          body,
          principal,
          command,
          request: { id: request.id, accept: request.headers.accept, log: request.log },
          journal,
        },
        asOf ? { ...context, queries, payableNow: undefined } : { ...context, queries },
      );
    };
    const { reply: answer, replayed } =
      key === undefined
        ? { reply: await execute(undefined), replayed: false }
        : await pipeline.idempotency.once(command.commandId, fingerprint(request), execute);
    if (replayed) reply.header('idempotent-replayed', 'true');
    if (route.readsProjections) {
      const position = await queries.position();
      if (position !== undefined) reply.header('ledger-position', position.toString());
    }
    return send(reply, answer);
  };
  // As of an instant, the handler reads the books as they stood then (partner scope above is
  // still checked against today's attachments: a partner never reads beyond its own accounts).
  const asOf = route.readsAsOf ? decodeInput(AsOf, request.query, 'query').asOf : undefined;
  return asOf === undefined
    ? answerWith(context.queries)
    : pipeline.asOf.use(asOf, (queries) => answerWith(queries, true));
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
      onRequest: (request, reply) => admit(route, pipeline, request, reply),
      handler: (request, reply) => serve(route, pipeline, request, reply),
    });
  }
};
