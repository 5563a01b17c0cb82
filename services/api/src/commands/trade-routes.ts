import { setImmediate as nextTurn } from 'node:timers/promises';
import { isLeft } from 'fp-ts/Either';
import type { TradeCommand } from '@rebate/domain';
import { type CommandOutcome, TRADE_BATCH_SIZE } from '@rebate/ledger';
import { staff } from '../auth/access';
import { decodeTradeMessage, TradeMessagesBody, TradeMessagesDocs } from './trade-messages';
import { fail } from '../http/problem-catalog';
import { NoParams, NoQuery } from '../routes/path-params';
import { type CommandIds, type RouteReply, route } from '../routes/route';
import type { RouteContext } from '../routes/route-context';
import type { IndexResult, TradeBatchAnswer } from './command-answers';
import { tradesAnswered } from './command-responses';
import { countOutcomes, invalidItem, itemOutcomeOf, replyOf } from './outcome-reply';

const oneTrade = async (
  context: RouteContext,
  message: Record<string, unknown>,
  ids: CommandIds,
): Promise<RouteReply> => {
  const decoded = decodeTradeMessage(message);
  if (isLeft(decoded)) {
    return fail('invalid-input', decoded.left.reason, { field: decoded.left.field });
  }
  return replyOf(await context.commands.execute(decoded.right, ids), ids.commandId);
};

const manyTrades = async (
  context: RouteContext,
  messages: readonly Record<string, unknown>[],
  ids: CommandIds,
): Promise<RouteReply> => {
  if (messages.length > context.limits.tradeBatchMaxItems) {
    fail(
      'payload-too-large',
      `send at most ${context.limits.tradeBatchMaxItems} trades per request (this one ${messages.length})`,
      { field: 'body' },
    );
  }
  const decoded = messages.map(decodeTradeMessage);
  const valid: { index: number; command: TradeCommand }[] = [];
  decoded.forEach((item, index) => {
    if (!isLeft(item)) valid.push({ index, command: item.right });
  });
  const outcomes = new Map<number, CommandOutcome>();
  for (let start = 0; start < valid.length; start += TRADE_BATCH_SIZE) {
    const chunk = valid.slice(start, start + TRADE_BATCH_SIZE);
    const results = await context.commands.executeTrades(
      chunk.map(({ index, command }) => ({
        command,
        context: { commandId: `${ids.commandId}:${index}`, correlationId: ids.correlationId },
      })),
    );
    chunk.forEach(({ index }, i) => outcomes.set(index, results[i] as CommandOutcome));
    await nextTurn(); // let health checks and other requests in between chunks
  }
  const results: IndexResult[] = decoded.map((item, index) => ({
    index,
    ...(isLeft(item)
      ? invalidItem(item.left.reason)
      : itemOutcomeOf(outcomes.get(index) as CommandOutcome)),
  }));
  const body: TradeBatchAnswer = { commandId: ids.commandId, ...countOutcomes(results), results };
  return { status: 200, body };
};

export const tradeRoutes = [
  route({
    id: 'intakeTrades',
    method: 'POST',
    path: '/v1/trades',
    tag: 'commands',
    summary:
      'Trade intake without Kafka: one trade-closed / trade-cancelled message, or an array of them',
    access: staff('admin'),
    params: NoParams,
    query: NoQuery,
    body: { kind: 'json', codec: TradeMessagesBody, docs: TradeMessagesDocs },
    idempotent: true,
    responses: [tradesAnswered],
    problems: ['conflicting-trade', 'unknown-trade'],
    handle: ({ body, command }, context) =>
      body.kind === 'one'
        ? oneTrade(context, body.message, command)
        : manyTrades(context, body.messages, command),
  }),
];
