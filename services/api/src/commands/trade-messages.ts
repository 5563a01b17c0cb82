import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import {
  type Rejection,
  TradeCommand,
  decodeCommand,
  isTradeCommand,
  rejection,
  tradeCommandTypes,
} from '@rebate/domain';

/**
 * The HTTP trade intake takes exactly what upstream publishes to Kafka: one trade-closed /
 * trade-cancelled object, or an array of them. Each item is decoded on its own, so one bad
 * message in an array is reported in place and the others still count.
 */

export const MAX_TRADES_PER_REQUEST = 10_000;

type JsonObject = Record<string, unknown>;
export type TradeMessages =
  | { readonly kind: 'one'; readonly message: JsonObject }
  | { readonly kind: 'many'; readonly messages: readonly JsonObject[] };

const isObject = (u: unknown): u is JsonObject =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

export const TradeMessagesBody = new t.Type<TradeMessages, unknown, unknown>(
  'TradeMessagesBody',
  (u): u is TradeMessages => isObject(u) && 'kind' in u,
  (u, c) => {
    if (isObject(u)) return t.success({ kind: 'one', message: u });
    if (Array.isArray(u) && u.length > 0 && u.length <= MAX_TRADES_PER_REQUEST) {
      return u.every(isObject)
        ? t.success({ kind: 'many', messages: u })
        : t.failure(u, c, 'must be an array of JSON objects');
    }
    return t.failure(
      u,
      c,
      `must be a trade message or an array of 1 to ${MAX_TRADES_PER_REQUEST} of them`,
    );
  },
  (a) => (a.kind === 'one' ? a.message : a.messages),
);

const TradeMessage = t.union(TradeCommand.types, 'TradeMessage');
/** What the OpenAPI document shows for the body. */
export const TradeMessagesDocs = t.union([TradeMessage, t.array(TradeMessage)]);

/** One message to a trade command, or why it is refused (the reason and the field at fault). */
export const decodeTradeMessage = (message: JsonObject): E.Either<Rejection, TradeCommand> => {
  const decoded = decodeCommand(message);
  if (E.isLeft(decoded)) return decoded;
  const command = decoded.right;
  return isTradeCommand(command)
    ? E.right(command)
    : E.left(
        rejection(
          'invalid-input',
          `type must be ${tradeCommandTypes.join(' or ')}, not ${command.type}`,
          'type',
        ),
      );
};
