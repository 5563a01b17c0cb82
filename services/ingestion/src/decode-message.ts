import { type Rejection, type TradeCommand, decodeLine, rejection } from '@rebate/domain';
import * as E from 'fp-ts/Either';
import type { SourceMessage } from '@rebate/trade-source';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const TRADE_TYPES = ['trade-closed', 'trade-cancelled'];

/**
 * A Kafka message's value to a trade command, through the same io-ts codecs as every other
 * input path: bytes -> UTF-8 text -> JSON object (numbers kept exact) -> command. Anything else,
 * including a valid command that is not a trade message, is a rejection naming why.
 */
export const decodeTradeMessage = (message: SourceMessage): E.Either<Rejection, TradeCommand> => {
  if (message.value === null) return E.left(rejection('invalid-input', 'message has no value'));
  let text: string;
  try {
    text = utf8.decode(message.value);
  } catch {
    return E.left(rejection('invalid-input', 'value is not UTF-8 text'));
  }
  const decoded = decodeLine(text);
  if (E.isLeft(decoded)) return E.left(rejection('invalid-input', decoded.left));
  const command = decoded.right;
  if (command.type === 'trade-closed' || command.type === 'trade-cancelled')
    return E.right(command);
  return E.left(
    rejection(
      'invalid-input',
      `type ${JSON.stringify(command.type)} is not a trade message (${TRADE_TYPES.join(', ')})`,
    ),
  );
};
