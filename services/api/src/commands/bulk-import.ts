import { isLeft } from 'fp-ts/Either';
import { type Command, type TradeCommand, decodedLines, linesOfBytes } from '@rebate/domain';
import type { CommandOutcome } from '@rebate/ledger';
import type { CommandIds } from '../routes/route';
import type { RouteContext } from '../routes/route-context';
import type { BulkAnswer, LineResult } from './answers';
import { type ItemOutcome, countOutcomes, invalidItem, itemOutcomeOf } from './outcome-reply';

/** Consecutive trade lines decided and appended together, as `rebate simulate` does. */
const TRADE_BATCH = 500;

const isTrade = (command: Command): command is TradeCommand =>
  command.type === 'trade-closed' || command.type === 'trade-cancelled';

/**
 * Applies NDJSON lines of the rules in order, each with its own `at` (an import states its
 * times). Line n is recorded as command `<commandId>:line:<n>`, so re-sending a file with the
 * same Idempotency-Key cannot apply a line twice.
 */
export const importLines = async (
  context: RouteContext,
  body: Uint8Array,
  ids: CommandIds,
): Promise<BulkAnswer> => {
  const results: LineResult[] = [];
  const lineIds = (line: number) => ({
    commandId: `${ids.commandId}:line:${line}`,
    correlationId: ids.correlationId,
  });
  const report = (line: number, outcome: ItemOutcome) => results.push({ line, ...outcome });

  let trades: { line: number; command: TradeCommand }[] = [];
  const flushTrades = async (): Promise<void> => {
    if (trades.length === 0) return;
    const outcomes = await context.commands.executeTrades(
      trades.map(({ line, command }) => ({ command, context: lineIds(line) })),
    );
    trades.forEach(({ line }, i) => report(line, itemOutcomeOf(outcomes[i] as CommandOutcome)));
    trades = [];
  };

  // The domain's line reader (rules section 14): the same cut, blanks and decoding as simulate.
  for (const { line, decoded } of decodedLines(linesOfBytes(body))) {
    if (isLeft(decoded)) {
      await flushTrades();
      report(line, invalidItem(decoded.left));
      continue;
    }
    const command = decoded.right;
    if (isTrade(command)) {
      trades.push({ line, command });
      if (trades.length >= TRADE_BATCH) await flushTrades();
      continue;
    }
    await flushTrades();
    report(line, itemOutcomeOf(await context.commands.execute(command, lineIds(line))));
  }
  await flushTrades();
  return { commandId: ids.commandId, ...countOutcomes(results), results };
};
