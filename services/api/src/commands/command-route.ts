import { type Command, type Instant, lineCodecs, refusalOf } from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import type { Access } from '../auth/access';
import { type ProblemCode, fail } from '../http/problem-catalog';
import { NoQuery } from '../routes/path-params';
import {
  type ApiRoute,
  type BodySpec,
  type Codec,
  type HttpMethod,
  type ResponseSpec,
  route,
} from '../routes/route';
import { commandAnswered } from './command-responses';
import { executeCommand } from './execute-command';

/**
 * One command resource, as a row of the command table: its binding and who may call it, and
 * which domain command it sends. The command is never rebuilt by hand: the path parameters
 * (named as the command's fields), the body's fields and the time of reception as `at` are
 * decoded with the domain's own codec of that command type, the one the input lines use.
 */

export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { readonly type: T }>;
/** Fields of command `T` only: a path or body field the command lacks fails to compile. */
export type FieldsOf<T extends CommandType, F> = Partial<CommandOf<T>> &
  Record<Exclude<keyof F, keyof CommandOf<T>>, never>;

export interface CommandRouteSpec<
  T extends CommandType,
  P extends FieldsOf<T, P>,
  B extends FieldsOf<T, B>,
> {
  /** The OpenAPI operationId and the authorization matrix's row. */
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly access: Access;
  readonly command: T;
  /** The path parameters: fields of the command, named as the command names them. */
  readonly params: Codec<P>;
  /** The body: fields of the command too (`none` when the path says everything). */
  readonly body: BodySpec<B>;
  /** Default: 200 with the command's answer. */
  readonly responses?: readonly ResponseSpec[];
  /** The problems this route answers with besides the generic ones (400, 401, 403). */
  readonly problems: readonly ProblemCode[];
  /** A creation: the resource the 201's Location names. */
  readonly location?: (command: CommandOf<T>) => string;
}

/** Fields as a client would send them, from a decoded part of the request. */
const sentFields = <A>(codec: Codec<A> | undefined, value: A): Record<string, unknown> =>
  codec === undefined ? {} : (codec.encode(value) as Record<string, unknown>);

/**
 * The command of type `type` from the request's parts and its time of reception. The parts
 * were decoded already (with the domain's field codecs), so a refusal here is a table error,
 * still answered as the input's fault rather than a 500.
 */
export const commandFrom = <T extends CommandType>(
  type: T,
  parts: readonly Record<string, unknown>[],
  at: Instant,
): CommandOf<T> => {
  const codec = lineCodecs[type] as Codec<Command>;
  const decoded = codec.decode(Object.assign({}, ...parts, { type, at }));
  if (isLeft(decoded)) {
    const { reason, field } = refusalOf(decoded.left);
    return fail('invalid-input', reason, { field });
  }
  return decoded.right as CommandOf<T>;
};

export const commandRoute = <
  T extends CommandType,
  P extends FieldsOf<T, P>,
  B extends FieldsOf<T, B>,
>(
  spec: CommandRouteSpec<T, P, B>,
): ApiRoute => {
  const bodyCodec = spec.body.kind === 'json' ? spec.body.codec : undefined;
  return route({
    id: spec.id,
    method: spec.method,
    path: spec.path,
    tag: 'commands',
    summary: spec.summary,
    access: spec.access,
    params: spec.params,
    query: NoQuery,
    body: spec.body,
    idempotent: true,
    responses: spec.responses ?? [commandAnswered],
    problems: spec.problems,
    // `at` is taken and the command enqueued in one tick (see serialCommands).
    handle: ({ params, body, command: ids, principal }, context) => {
      const command = commandFrom(
        spec.command,
        [sentFields(spec.params, params), sentFields(bodyCodec, body)],
        context.now(),
      );
      return executeCommand(context, command, ids, spec.location?.(command), principal);
    },
  });
};
