import {
  type HealthServer,
  type Logger,
  type ProbeResult,
  createMetricsRegistry,
  describeStore,
  openEventStore,
  startHealthServer,
} from '@rebate/runtime';
import { LedgerCommands } from '@rebate/ledger';
import { STORE_FAILED_CODE, type SourceFailure } from '@rebate/trade-source';
import { createKafkaIngestion } from '@rebate/trade-source-kafka';
import type { IngestionConfig } from './config';
import { IngestionMetrics } from './metrics';
import { createTradeBatchHandler } from './trade-batch-handler';

export interface IngestionService {
  /** The metrics/health server's port (useful with METRICS_PORT=0). */
  readonly metricsPort: number;
  /** Settles when consuming is over: undefined after `stop()`, a failure when it cannot go on. */
  readonly finished: Promise<SourceFailure | undefined>;
  /** Graceful: stop fetching, finish and commit the batch in flight, close everything. */
  stop(): Promise<void>;
}

/** Wires store, ledger, Kafka source, dead-letter sink, metrics and probes; starts consuming. */
export const startIngestion = async (
  config: IngestionConfig,
  logger: Logger,
): Promise<IngestionService> => {
  const registry = createMetricsRegistry({ service: 'rebate-ingestion' });
  const metrics = new IngestionMetrics(registry);
  const store = await openEventStore(config.store);
  logger.info({ store: describeStore(config.store) }, 'event store open');
  const { source, deadLetters } = createKafkaIngestion(
    { ...config.kafka, handlerBackoff: config.handlerBackoff, logger },
    {
      onHandlerRetry: () => metrics.handlerRetries.inc(),
      onPoison: () => metrics.deadLettered.inc({ code: STORE_FAILED_CODE }),
    },
  );
  let stopping = false;
  let failure: SourceFailure | undefined;
  const health: HealthServer = await startHealthServer({
    ...config.metrics,
    registry,
    health: (): ProbeResult =>
      failure ? { ok: false, reason: failure.error.message } : { ok: true },
    readiness: (): ProbeResult =>
      stopping
        ? { ok: false, reason: 'stopping' }
        : source.isConsuming()
          ? { ok: true }
          : { ok: false, reason: 'not consuming (joining the group or reconnecting)' },
  });

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      stopping = true;
      await source.stop();
      await deadLetters.close();
      await store.close();
      await health.close();
    })());

  const finished = source.finished.then((result) => {
    failure = result;
    return result;
  });
  try {
    await source.start(createTradeBatchHandler(new LedgerCommands(store, noPayouts), metrics), {
      // Answers while the store is up: tells an outage (wait) from a message it refuses.
      probe: () => store.headPosition(),
    });
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  logger.info(
    {
      brokers: config.kafka.brokers,
      topic: config.kafka.topic,
      deadLetterTopic: config.kafka.deadLetterTopic,
      groupId: config.kafka.groupId,
      metricsPort: health.port,
    },
    'ingestion started',
  );
  return { metricsPort: health.port, finished, stop: close };
};

/** Ingestion never runs payouts; balances are not needed. */
const noPayouts = {
  payables: (): never => {
    throw new Error('the ingestion service does not run payouts');
  },
};
