import {
  type HealthServer,
  type Logger,
  createMetricsRegistry,
  describeStore,
  openEventStore,
  startHealthServer,
} from '@rebate/runtime';
import type { SourceFailure } from '@rebate/trade-source';
import type { EventStore } from '@rebate/event-store';
import { PayoutCache } from '@rebate/ledger';
import {
  VerifiedProducer,
  createKafkaClient,
  createKafkaIngestion,
  defaultKafkaSourceOptions,
} from '@rebate/trade-source-kafka';
import { FileCheckpoint } from './checkpoint-file';
import { createPayoutResultsHandler } from './payout-results-handler';
import { PayoutRelay, payoutIdentity } from './payout-relay';
import type { PayoutsConfig } from './payouts-config';
import { PayoutsMetrics } from './payouts-metrics';
import { registerPayoutStatusGauges, registerRelayLagGauges } from './payout-ledger-gauges';

/** The payouts stream folded in memory, caught up at each call (each scrape). */
const payoutBookOf = (store: EventStore) => {
  const fold = new PayoutCache(store);
  return () => fold.catchUp();
};

export interface RunningService {
  readonly metricsPort: number;
  /** Settles when the service is over: undefined after `stop()`, a failure when it cannot go on. */
  readonly finished: Promise<SourceFailure | undefined>;
  stop(): Promise<void>;
}

/** The payout relay: store subscription -> `rebates.payouts`, checkpoint after read-back. */
export const startPayoutRelay = async (
  config: PayoutsConfig,
  logger: Logger,
): Promise<RunningService> => {
  const registry = createMetricsRegistry({ service: 'rebate-payout-relay' });
  const metrics = new PayoutsMetrics(registry);
  const store = await openEventStore(config.store);
  logger.info({ store: describeStore(config.store) }, 'event store open');
  const kafka = createKafkaClient({ brokers: config.brokers, clientId: config.clientId, logger });
  const producer = new VerifiedProducer(kafka, payoutIdentity);
  const checkpoint = new FileCheckpoint(config.checkpointPath);
  const relay = new PayoutRelay(
    store,
    producer,
    checkpoint,
    { topic: config.payoutsTopic, maxBatch: config.relayBatchSize, lingerMs: 20 },
    logger,
    {
      onPublished: (count, position) => {
        metrics.published.inc(count);
        metrics.relayPosition.set(Number(position));
      },
    },
  );
  registerRelayLagGauges(registry, store, () => checkpoint.load());
  registerPayoutStatusGauges(registry, payoutBookOf(store));
  const health: HealthServer = await startHealthServer({
    ...config.metrics,
    registry,
    health: () => ({ ok: true }),
    readiness: () => ({ ok: true }),
  });
  await relay.start();
  logger.info(
    { topic: config.payoutsTopic, checkpoint: config.checkpointPath, metricsPort: health.port },
    'payout relay started',
  );
  let finish!: (result: SourceFailure | undefined) => void;
  const finished = new Promise<SourceFailure | undefined>((resolve) => (finish = resolve));
  let stopping: Promise<void> | undefined;
  return {
    metricsPort: health.port,
    finished,
    stop: () =>
      (stopping ??= (async () => {
        await relay.stop();
        await producer.close();
        await store.close();
        await health.close();
        finish(undefined);
      })()),
  };
};

/** The results consumer: `rebates.payout-results` -> LedgerCommands, rejections to its DLQ. */
export const startPayoutResults = async (
  config: PayoutsConfig,
  logger: Logger,
): Promise<RunningService> => {
  const registry = createMetricsRegistry({ service: 'rebate-payout-results' });
  const metrics = new PayoutsMetrics(registry);
  const store = await openEventStore(config.store);
  logger.info({ store: describeStore(config.store) }, 'event store open');
  const { source, deadLetters } = createKafkaIngestion({
    ...defaultKafkaSourceOptions,
    brokers: config.brokers,
    clientId: config.clientId,
    topic: config.resultsTopic,
    deadLetterTopic: config.resultsDeadLetterTopic,
    groupId: config.resultsGroupId,
    maxBatchSize: 100,
    sessionTimeoutMs: config.sessionTimeoutMs,
    rebalanceTimeoutMs: config.rebalanceTimeoutMs,
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    handlerBackoff: { initialMs: 200, maxMs: 5_000, maxAttempts: 10 },
    logger,
  });
  registerPayoutStatusGauges(registry, payoutBookOf(store));
  const health: HealthServer = await startHealthServer({
    ...config.metrics,
    registry,
    health: () => ({ ok: true }),
    readiness: () =>
      source.isConsuming() ? { ok: true } : { ok: false, reason: 'not consuming yet' },
  });
  await source.start(
    createPayoutResultsHandler(store, {
      applied: (type) => metrics.results.inc({ type }),
      duplicate: () => metrics.duplicates.inc(),
      deadLettered: (code) => metrics.deadLettered.inc({ code }),
    }),
    { probe: () => store.headPosition() },
  );
  logger.info(
    { topic: config.resultsTopic, groupId: config.resultsGroupId, metricsPort: health.port },
    'payout results consumer started',
  );
  let stopping: Promise<void> | undefined;
  return {
    metricsPort: health.port,
    finished: source.finished,
    stop: () =>
      (stopping ??= (async () => {
        await source.stop();
        await deadLetters.close();
        await store.close();
        await health.close();
      })()),
  };
};
