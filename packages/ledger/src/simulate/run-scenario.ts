import type { EventStore } from '@rebate/event-store';
import {
  type DecodedLine,
  type TradeCommand,
  decodedLinesAsync,
  decodedTextLines,
  isTradeCommand,
  linesOfChunks,
} from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import { LedgerCommands } from '../commands/ledger-commands';
import type { CommandOutcome } from '../commands/outcome';
import { ConsecutiveTrades } from '../commands/trade-batch';
import { LedgerTotals } from '../projections/ledger-totals';
import { type SimulationReport, buildReport } from './report';

export interface ScenarioOptions {
  /** Prefix of the command ids, so two runs on one store never share event ids. */
  readonly runId?: string;
  /**
   * Up to this many consecutive trade lines are decided and appended as one batch, the way the
   * Kafka ingestion does. 1 (the default) applies every line on its own.
   */
  readonly tradeBatchSize?: number;
}

/**
 * The input of a scenario: the file's bytes as a stream of chunks (`rebate simulate` reads the
 * file this way, never whole), or its lines as strings (tests). Both go through the one line
 * reader of the domain (rules section 14).
 */
export type ScenarioInput = AsyncIterable<Uint8Array> | Iterable<string>;

const decodedLinesOf = (
  input: ScenarioInput,
): AsyncIterable<DecodedLine> | Iterable<DecodedLine> =>
  typeof input === 'object' && Symbol.asyncIterator in input
    ? decodedLinesAsync(linesOfChunks(input))
    : decodedTextLines(input as Iterable<string>);

/**
 * Applies a scenario's lines in file order through the same command handling the service uses
 * (decide, append to the event store, project), then reports the read model.
 */
export const runScenario = async (
  input: ScenarioInput,
  store: EventStore,
  options: ScenarioOptions = {},
): Promise<SimulationReport> => {
  const runId = options.runId ?? 'simulate';
  const batchSize = Math.max(1, options.tradeBatchSize ?? 1);
  const totals = new LedgerTotals();
  const commands = new LedgerCommands(store, {
    payables: async (window) => {
      await totals.catchUp(store);
      return { payables: totals.payables(window), position: totals.checkpoint };
    },
  });
  const rejected: SimulationReport['rejected'] = [];
  let duplicates = 0;
  const record = (line: number, outcome: CommandOutcome): void => {
    if (outcome.kind === 'rejected') rejected.push({ line, reason: outcome.rejection.reason });
    if (outcome.kind === 'duplicate') duplicates += 1;
  };

  const trades = new ConsecutiveTrades<{ line: number; command: TradeCommand }>(async (batch) => {
    const items = batch.map(({ line, command }) => ({
      command,
      context: { commandId: `${runId}:line:${line}` },
    }));
    const outcomes = await commands.executeTrades(items);
    batch.forEach(({ line }, i) => record(line, outcomes[i] as CommandOutcome));
  }, batchSize);

  for await (const { line: lineNumber, decoded } of decodedLinesOf(input)) {
    if (isLeft(decoded)) {
      await trades.flush();
      rejected.push({ line: lineNumber, reason: decoded.left });
      continue;
    }
    const command = decoded.right;
    if (isTradeCommand(command) && batchSize > 1) {
      await trades.add({ line: lineNumber, command });
      continue;
    }
    await trades.flush();
    record(
      lineNumber,
      await commands.execute(command, { commandId: `${runId}:line:${lineNumber}` }),
    );
  }
  await trades.flush();
  await totals.catchUp(store);
  rejected.sort((a, b) => a.line - b.line);
  return buildReport(totals, { rejected, duplicates });
};
