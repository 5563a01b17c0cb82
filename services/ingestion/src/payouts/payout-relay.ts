import type { EventStore, RecordedEvent } from '@rebate/event-store';
import { PAYOUTS_STREAM, fromRecorded } from '@rebate/ledger';
import type { Logger } from '@rebate/runtime';
import { backoffDelay, sleep } from '@rebate/trade-source';
import type { IdentifiedMessage, VerifiedProducer } from '@rebate/trade-source-kafka';
import type { FileCheckpoint } from './checkpoint-file';
import { microBatches } from './micro-batches';
import { EVENT_POSITION_HEADER, PAYOUT_ID_HEADER, toPayoutMessage } from './payout-message';

export interface PayoutRelayOptions {
  readonly topic: string;
  readonly maxBatch: number;
  readonly lingerMs: number;
}

export interface RelayProgress {
  onPublished(count: number, lastPosition: bigint): void;
}

/**
 * Publishes every `PayoutRequested` of the payouts stream to Kafka, in store order. Reads the
 * store through a catch-up-then-live subscription from its own checkpoint; sends each batch
 * through the VerifiedProducer (idempotent, acks=all, read back); only then moves the
 * checkpoint. A crash anywhere republishes from the checkpoint: at least once, never lost.
 * Store or broker trouble resubscribes with backoff; the relay only ends on `stop()`.
 */
export class PayoutRelay {
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly producer: VerifiedProducer,
    private readonly checkpoint: FileCheckpoint,
    private readonly options: PayoutRelayOptions,
    private readonly logger: Logger,
    private readonly progress: RelayProgress = { onPublished: () => undefined },
  ) {}

  start(): Promise<void> {
    this.running ??= this.run();
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    for (let failures = 0; !signal.aborted;) {
      try {
        await this.relayFrom(await this.checkpoint.load(), signal);
        return;
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        const delayMs = backoffDelay({ initialMs: 200, maxMs: 10_000, maxAttempts: 0 }, failures);
        this.logger.error({ err: error, delayMs }, 'payout relay failed; resubscribing');
        await sleep(delayMs, signal);
      }
    }
  }

  private async relayFrom(after: bigint | undefined, signal: AbortSignal): Promise<void> {
    this.logger.info({ after: after?.toString() ?? null }, 'payout relay subscribing');
    const events = this.store.subscribeToAll({
      ...(after === undefined ? {} : { after }),
      filter: { streamPrefixes: [PAYOUTS_STREAM], eventTypes: ['PayoutRequested'] },
      signal,
    });
    for await (const batch of microBatches(events, this.options.maxBatch, this.options.lingerMs)) {
      const payouts = batch.filter((recorded) => recorded.streamId === PAYOUTS_STREAM);
      await this.producer.send(this.options.topic, payouts.map(toMessage));
      const last = batch[batch.length - 1] as RecordedEvent;
      await this.checkpoint.save(last.position);
      this.progress.onPublished(payouts.length, last.position);
    }
  }
}

const toMessage = (recorded: RecordedEvent): IdentifiedMessage => {
  const event = fromRecorded(recorded);
  if (event.type !== 'PayoutRequested') {
    throw new Error(`event ${recorded.position} is ${event.type}, not PayoutRequested`);
  }
  const message = toPayoutMessage(event);
  return {
    key: message.clientId,
    value: JSON.stringify(message),
    headers: {
      [PAYOUT_ID_HEADER]: message.payoutId,
      [EVENT_POSITION_HEADER]: recorded.position.toString(),
    },
    identity: message.payoutId,
  };
};

/** The identity the read-back finds a payout message by. */
export const payoutIdentity = (headers: Record<string, unknown>): string =>
  String(headers[PAYOUT_ID_HEADER]);
