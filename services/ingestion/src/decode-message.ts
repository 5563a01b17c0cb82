import {
  type Rejection,
  type TradeCommand,
  decodeLineBytes,
  isTradeCommand,
  rejection,
  tradeCommandTypes,
} from '@rebate/domain';
import * as E from 'fp-ts/Either';
import type { SourceMessage } from '@rebate/trade-source';

/**
 * A Kafka message's value to a trade command, through the domain's one line decoder, as every
 * other input path: bytes -> UTF-8 text -> JSON object (numbers kept exact, no repeated key) ->
 * command (rules section 14; a value is read like one line). Anything else,
 * including a valid command that is not a trade message, is a rejection naming why.
 */
export const decodeTradeMessage = (message: SourceMessage): E.Either<Rejection, TradeCommand> => {
  if (message.value === null) return E.left(rejection('invalid-input', 'message has no value'));
  const decoded = decodeLineBytes(message.value);
  if (E.isLeft(decoded)) return E.left(rejection('invalid-input', decoded.left));
  const command = decoded.right;
  if (isTradeCommand(command)) return E.right(command);
  return E.left(
    rejection(
      'invalid-input',
      `type ${JSON.stringify(command.type)} is not a trade message (${tradeCommandTypes.join(', ')})`,
    ),
  );
};
