import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What ingestion counts, registered on the service's registry. */
export class IngestionMetrics {
  readonly consumed: Counter;
  readonly accrued: Counter;
  readonly cancelled: Counter;
  readonly duplicates: Counter;
  readonly deadLettered: Counter<'code'>;
  readonly batchSeconds: Histogram;
  readonly batchSize: Histogram;
  readonly lag: Gauge<'topic' | 'partition'>;
  readonly handlerRetries: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.consumed = new Counter({
      name: 'rebate_ingestion_messages_consumed_total',
      help: 'Messages handed to the handler (redeliveries included)',
      registers,
    });
    this.accrued = new Counter({
      name: 'rebate_ingestion_trades_accrued_total',
      help: 'trade-closed messages that were decided and stored (attributed or not)',
      registers,
    });
    this.cancelled = new Counter({
      name: 'rebate_ingestion_trades_cancelled_total',
      help: 'trade-cancelled messages that reversed a stored trade',
      registers,
    });
    this.duplicates = new Counter({
      name: 'rebate_ingestion_duplicates_total',
      help: 'Trade messages already stored (redeliveries, republished trades): no effect',
      registers,
    });
    this.deadLettered = new Counter({
      name: 'rebate_ingestion_dead_lettered_total',
      help: 'Messages sent to the dead-letter topic, by rejection code',
      labelNames: ['code'],
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'rebate_ingestion_batch_duration_seconds',
      help: 'Decode + one executeTrades call (one read, one appendMany) per batch',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'rebate_ingestion_batch_size',
      help: 'Messages per handled batch',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    });
    this.lag = new Gauge({
      name: 'rebate_ingestion_consumer_lag',
      help: 'Messages in the partition after the last handled batch (from its high watermark)',
      labelNames: ['topic', 'partition'],
      registers,
    });
    this.handlerRetries = new Counter({
      name: 'rebate_ingestion_handler_retries_total',
      help: 'Batches retried after the store failed',
      registers,
    });
  }
}
