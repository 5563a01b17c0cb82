import type { EventData, EventStore, StreamAppend } from '@rebate/event-store';
import { readStreams } from '@rebate/event-store';
import {
  type AgreementBook,
  type TradeCommand,
  type TradeEvent,
  type TradeState,
  absentTrade,
  decideTrade,
  evolveTrade,
} from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import { causedBy, fromRecorded, toEventData } from '../store/event-codec';
import { tradeEventId, tradeStream } from '../store/streams';
import type { CommandContext, CommandOutcome } from './outcome';

/**
 * Trades decided and appended per store call where a caller batches them (the HTTP trade
 * intake, a bulk import, `rebate simulate`): one read and one append per batch, bounded so a
 * long input never builds one huge transaction.
 */
export const TRADE_BATCH_SIZE = 500;

/**
 * Consecutive trades of an input, handed to `apply` in batches of at most `size`, in order. The
 * caller flushes before any line that is not a trade, so lines still take effect in input order.
 */
export class ConsecutiveTrades<T> {
  private batch: T[] = [];

  constructor(
    private readonly apply: (batch: readonly T[]) => Promise<void>,
    private readonly size = TRADE_BATCH_SIZE,
  ) {}

  async add(item: T): Promise<void> {
    this.batch.push(item);
    if (this.batch.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    await this.apply(batch);
  }
}

export interface TradeBatchItem {
  readonly command: TradeCommand;
  readonly context: CommandContext;
}

interface TradeSlot {
  trade: TradeState;
  readonly revision: number | undefined;
  readonly pending: EventData[];
}

/**
 * Decides a batch of trade messages with one read of their streams and one `appendMany`: all
 * or nothing where the store can. Messages about the same trade see each other in arrival
 * order, so a close and its cancel, or a redelivery, in one batch come out as they would singly.
 */
export const executeTradeBatch = async (
  store: EventStore,
  book: AgreementBook,
  items: readonly TradeBatchItem[],
): Promise<CommandOutcome[]> => {
  const tradeIds = [...new Set(items.map((item) => item.command.tradeId))];
  const stored = await readStreams(store, tradeIds.map(tradeStream));
  const slots = new Map<string, TradeSlot>();
  for (const tradeId of tradeIds) {
    const recorded = stored.get(tradeStream(tradeId)) ?? [];
    slots.set(tradeId, {
      trade: recorded
        .map((event) => fromRecorded(event) as TradeEvent)
        .reduce(evolveTrade, absentTrade),
      revision: recorded.at(-1)?.revision,
      pending: [],
    });
  }

  const decided = items.map(({ command, context }): CommandOutcome => {
    const slot = slots.get(command.tradeId) as TradeSlot;
    const decision = decideTrade(command, { trade: slot.trade, book });
    if (isLeft(decision)) return { kind: 'rejected', rejection: decision.left };
    const events = decision.right;
    if (events.length === 0) return { kind: 'duplicate' };
    slot.trade = events.reduce(evolveTrade, slot.trade);
    const action = command.type === 'trade-closed' ? 'closed' : 'cancelled';
    for (const event of events) {
      slot.pending.push(
        toEventData(event, causedBy(context, tradeEventId(command.tradeId, action))),
      );
    }
    return { kind: 'applied', events, position: undefined };
  });

  const appends: StreamAppend[] = [];
  for (const [tradeId, slot] of slots) {
    if (slot.pending.length === 0) continue;
    appends.push({
      streamId: tradeStream(tradeId),
      events: slot.pending,
      expected: slot.revision ?? 'no_stream',
    });
  }
  if (appends.length === 0) return decided;
  const results = await store.appendMany(appends);
  const positions = new Map(appends.map((append, i) => [append.streamId, results[i]?.position]));
  return decided.map((outcome, i) =>
    outcome.kind === 'applied'
      ? {
          ...outcome,
          position: positions.get(tradeStream((items[i] as TradeBatchItem).command.tradeId)),
        }
      : outcome,
  );
};
