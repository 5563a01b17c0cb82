import type { FastifyBaseLogger } from 'fastify';
import type * as t from 'io-ts';
import type { Journal } from '../idempotency/idempotency';
import type { Access } from '../auth/access';
import type { Principal } from '../auth/principal';
import type { ProblemCode } from '../http/problem-catalog';
import type { RouteContext } from './route-context';

/**
 * One endpoint, described once: the HTTP binding, who may call it, the io-ts codecs of its
 * inputs and answers, and its handler. The same table registers the routes, generates the
 * OpenAPI document and drives the authorization-matrix test, so no endpoint can be missed.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT';
export type Codec<A> = t.Type<A, unknown, unknown>;

export type BodySpec<B> =
  | { readonly kind: 'none' }
  /** `docs` replaces `codec` in the OpenAPI document when the codec is opaque (per-item decoding). */
  | {
      readonly kind: 'json';
      readonly codec: Codec<B>;
      readonly docs?: t.Mixed;
      /** No body at all reads as `{}`. */
      readonly optional?: boolean;
    }
  /** The raw text of an `application/x-ndjson` body. */
  | { readonly kind: 'ndjson'; readonly codec: Codec<B> };

export interface ResponseSpec {
  readonly status: number;
  readonly description: string;
  readonly json?: t.Mixed;
  /** The CSV columns, when the answer also comes as `text/csv`. */
  readonly csvColumns?: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RequestFacts {
  readonly id: string;
  readonly accept: string | undefined;
  /** The request's logger (its id bound), for refusals worth an operator's eye. */
  readonly log: FastifyBaseLogger;
}

/** The ids a command is recorded with (event ids derive from `commandId`). */
export interface CommandIds {
  readonly commandId: string;
  readonly correlationId: string;
}

export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Undefined only on public routes. */
  readonly principal: Principal | undefined;
  readonly request: RequestFacts;
  readonly command: CommandIds;
  /** With an Idempotency-Key: what an earlier attempt with it recorded, and its journal. */
  readonly journal: Journal | undefined;
}

export interface RouteReply {
  readonly status: number;
  readonly body: unknown;
  /** Default `application/json`. */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteSpec<P, Q, B> {
  /** The OpenAPI operationId and the authorization matrix's row. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Fastify syntax: `/v1/partners/:partnerId`. */
  readonly path: string;
  readonly tag: 'commands' | 'queries' | 'audit' | 'health';
  readonly summary: string;
  readonly access: Access;
  readonly params: Codec<P>;
  readonly query: Codec<Q>;
  readonly body: BodySpec<B>;
  /** Commands: an `Idempotency-Key` replays the first answer. */
  readonly idempotent?: boolean;
  /** Queries: `minPosition` waits for the read models first. */
  readonly readsProjections?: boolean;
  /** Queries: `asOf` answers from the read models as the books stood at that instant. */
  readonly readsAsOf?: boolean;
  readonly responses: readonly ResponseSpec[];
  /** The problems this route answers with besides the generic ones (400, 401, 403). */
  readonly problems: readonly ProblemCode[];
  readonly handle: (input: RouteInput<P, Q, B>, context: RouteContext) => Promise<RouteReply>;
}

/** A route as the table holds it. */
export type ApiRoute = RouteSpec<unknown, unknown, unknown>;

/**
 * Erases a route's input types for the table. Sound because the registrar decodes each input
 * with the very codec the handler was typed against before calling it.
 */
export const route = <P, Q, B>(spec: RouteSpec<P, Q, B>): ApiRoute => spec as unknown as ApiRoute;
