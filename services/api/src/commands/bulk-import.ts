import { setImmediate as nextTurn } from 'node:timers/promises';
import { isLeft } from 'fp-ts/Either';
import { type TradeCommand, decodedLines, isTradeCommand, linesOfBytes } from '@rebate/domain';
import { type CommandOutcome, ConsecutiveTrades } from '@rebate/ledger';
import { fail } from '../http/problem-catalog';
import type { Journal } from '../idempotency/idempotency';
import {
  type BulkProgress,
  type LineRejection,
  noProgress,
} from '../idempotency/idempotency-store';
import type { CommandIds, RequestFacts } from '../routes/route';
import type { RouteContext } from '../routes/route-context';
import type { BulkAnswer } from './command-answers';
import { type ItemOutcome, invalidItem, itemOutcomeOf } from './outcome-reply';
import { countLines } from './ndjson-lines';

/** Refusals logged one by one per request; the rest are counted in one line. */
const LOGGED_REFUSALS = 100;

const maxPosition = (a: string | null, b: bigint | undefined): string | null =>
  b === undefined || (a !== null && BigInt(a) >= b) ? a : b.toString();

export interface ImportOptions {
  readonly maxLines: number;
  readonly journal: Journal | undefined;
  readonly request: Pick<RequestFacts, 'log'>;
}

/**
 * Applies NDJSON lines of the rules in order, each with its own `at` (an import states its
 * times). Line n is recorded as command `<commandId>:line:<n>`, so its events have ids of its
 * own. Progress is journaled after every step (one command, or a batch of trades): a retry
 * with the same Idempotency-Key after a crash skips the lines already decided, recognises the
 * lines whose events were stored by their command id (answered with their stored position,
 * never decided again), and applies exactly the rest. Memory stays bounded: the body is read
 * line by line, the answer counts accepted lines and lists only the rejected ones, and the
 * event loop gets a turn between steps.
 */
export const importLines = async (
  context: RouteContext,
  body: Uint8Array,
  ids: CommandIds,
  options: ImportOptions,
): Promise<BulkAnswer> => {
  const lineCount = countLines(body);
  if (lineCount > options.maxLines) {
    fail(
      'payload-too-large',
      `an import holds at most ${options.maxLines} lines per request (this one ${lineCount}); send it in chunks`,
      { field: 'body' },
    );
  }
  const { journal, request } = options;
  const linePrefix = `${ids.commandId}:line:`;
  const lineIds = (line: number) => ({
    commandId: `${linePrefix}${line}`,
    correlationId: ids.correlationId,
  });
  const resumed = journal?.resumed;
  const stored =
    journal === undefined ? new Map<string, bigint>() : await journal.storedCauses(linePrefix);
  const rejected: LineRejection[] = [...(resumed?.rejected ?? [])];
  let progress: BulkProgress = resumed?.progress ?? noProgress;
  let lines = 0;
  let pending: LineRejection[] = [];

  const report = (line: number, outcome: ItemOutcome): void => {
    switch (outcome.status) {
      case 'accepted':
        progress = {
          ...progress,
          accepted: progress.accepted + 1,
          position: maxPosition(
            progress.position,
            outcome.position === null ? undefined : BigInt(outcome.position),
          ),
        };
        return;
      case 'duplicate':
        progress = { ...progress, duplicates: progress.duplicates + 1 };
        return;
      case 'rejected': {
        const refusal = { line, code: outcome.code, reason: outcome.reason };
        if (rejected.length < LOGGED_REFUSALS) {
          request.log.info({ commandId: ids.commandId, ...refusal }, 'import line refused');
        }
        rejected.push(refusal);
        pending.push(refusal);
      }
    }
  };
  /** After a step: lines through `line` are decided; journaled before the next step starts. */
  const stepDone = async (line: number): Promise<void> => {
    progress = { ...progress, throughLine: Math.max(progress.throughLine, line) };
    if (journal !== undefined) await journal.saveProgress(progress, pending);
    pending = [];
    await nextTurn();
  };

  const trades = new ConsecutiveTrades<{ line: number; command: TradeCommand }>(async (batch) => {
    const outcomes = await context.commands.executeTrades(
      batch.map(({ line, command }) => ({ command, context: lineIds(line) })),
    );
    batch.forEach(({ line }, i) => report(line, itemOutcomeOf(outcomes[i] as CommandOutcome)));
    await stepDone((batch.at(-1) as { line: number }).line);
  });

  // The domain's line reader (rules section 14): the same cut, blanks and decoding as simulate.
  let lastLine = 0;
  for (const { line, decoded } of decodedLines(linesOfBytes(body))) {
    lastLine = line;
    lines += 1;
    if (line <= progress.throughLine) continue; // decided and counted by an earlier attempt
    const storedAt = stored.get(`${linePrefix}${line}`);
    if (storedAt !== undefined) {
      // Stored by an earlier attempt that crashed before journaling it: not decided again.
      report(line, { status: 'accepted', position: storedAt.toString() });
      continue;
    }
    if (isLeft(decoded)) {
      report(line, invalidItem(decoded.left));
      continue;
    }
    const command = decoded.right;
    if (isTradeCommand(command)) {
      await trades.add({ line, command });
      continue;
    }
    await trades.flush();
    report(line, itemOutcomeOf(await context.commands.execute(command, lineIds(line))));
    await stepDone(line);
  }
  await trades.flush();
  if (pending.length > 0) await stepDone(lastLine);
  if (rejected.length > LOGGED_REFUSALS) {
    request.log.info(
      { commandId: ids.commandId, refused: rejected.length, logged: LOGGED_REFUSALS },
      'import lines refused (the answer lists them all)',
    );
  }
  return {
    commandId: ids.commandId,
    lines,
    accepted: progress.accepted,
    duplicates: progress.duplicates,
    rejected: rejected.length,
    position: progress.position,
    results: rejected
      .sort((a, b) => a.line - b.line)
      .map(({ line, code, reason }) => ({ line, status: 'rejected' as const, code, reason })),
  };
};
