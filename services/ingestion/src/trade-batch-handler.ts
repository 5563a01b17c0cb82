import type { CommandOutcome, LedgerCommands, TradeBatchItem } from '@rebate/ledger';
import type { Rejection } from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import {
  type BatchHandler,
  type Disposition,
  type SourceBatch,
  deadLetter,
  done,
  messageId,
} from '@rebate/trade-source';
import { decodeTradeMessage } from './decode-message';
import type { IngestionMetrics } from './metrics';

type Slot =
  | { readonly kind: 'rejected'; readonly rejection: Rejection }
  | { readonly kind: 'trade'; readonly index: number };

const rejectedDisposition = (rejection: Rejection): Disposition =>
  deadLetter(rejection.code, rejection.reason);

/**
 * A batch of trade messages -> ONE `executeTrades` call (one read of the trade streams, one
 * `appendMany`): the store work per batch does not grow in round trips with its size. It
 * returns only after that append, so every `done` is durable. The command id is the message's
 * `topic/partition/offset`; the events' ids come from the trade id, so a redelivered message
 * is a duplicate, never a second accrual.
 */
export const createTradeBatchHandler = (
  /** One for every partition consumed concurrently: its agreement cache is safe to share. */
  ledger: Pick<LedgerCommands, 'executeTrades'>,
  metrics: IngestionMetrics,
): BatchHandler => {
  return async (batch: SourceBatch): Promise<readonly Disposition[]> => {
    const stopTimer = metrics.batchSeconds.startTimer();
    const items: TradeBatchItem[] = [];
    const slots: Slot[] = batch.messages.map((message) => {
      const decoded = decodeTradeMessage(message);
      if (isLeft(decoded)) return { kind: 'rejected', rejection: decoded.left };
      items.push({ command: decoded.right, context: { commandId: messageId(message) } });
      return { kind: 'trade', index: items.length - 1 };
    });
    const outcomes = items.length === 0 ? [] : await ledger.executeTrades(items);

    const dispositions = slots.map((slot): Disposition => {
      if (slot.kind === 'rejected') return rejectedDisposition(slot.rejection);
      const outcome = outcomes[slot.index] as CommandOutcome;
      const item = items[slot.index] as TradeBatchItem;
      switch (outcome.kind) {
        case 'applied':
          (item.command.type === 'trade-closed' ? metrics.accrued : metrics.cancelled).inc();
          return done;
        case 'duplicate':
          metrics.duplicates.inc();
          return done;
        case 'rejected':
          return rejectedDisposition(outcome.rejection);
      }
    });

    metrics.consumed.inc(batch.messages.length);
    metrics.batchSize.observe(batch.messages.length);
    for (const disposition of dispositions) {
      if (disposition.kind === 'dead-letter') metrics.deadLettered.inc({ code: disposition.code });
    }
    if (batch.lagAfter !== undefined) {
      metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, batch.lagAfter);
    }
    stopTimer();
    return dispositions;
  };
};
