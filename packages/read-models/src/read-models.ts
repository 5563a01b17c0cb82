import { ChangeNotifier, type EventStore } from '@rebate/event-store';
import { SqlLedgerQueries } from './ledger-queries/sql-ledger-queries';
import { PROJECTIONS, PROJECTION_NAMES } from './projections/all-projections';
import type { LedgerQueries } from './queries';
import { ProjectionRunner, type ProjectionRunnerOptions } from './runner/projection-runner';
import type { ReadModelStorage } from './storage/port';

export interface ReadModels {
  readonly storage: ReadModelStorage;
  readonly queries: LedgerQueries;
  /** One per projection: balances, accruals, agreements. */
  readonly runners: readonly ProjectionRunner[];
  /** Starts every runner in the background (standby where another process holds one). */
  start(): void;
  /** Stops the runners after their batches in flight. */
  stop(): Promise<void>;
  /** Stops the runners and closes the storage (not the event store). */
  close(): Promise<void>;
}

export type ReadModelsOptions = Pick<
  ProjectionRunnerOptions,
  'batchSize' | 'retryDelayMs' | 'standbyPollMs' | 'onError'
> & {
  /** How often `waitForPosition` re-reads checkpoints written by other processes. */
  readonly pollIntervalMs?: number;
};

/**
 * Everything the read side needs in one place: the projections' runners over `store`, and the
 * queries. Runners in this process wake `waitForPosition` as soon as they commit.
 */
export const createReadModels = (
  store: EventStore,
  storage: ReadModelStorage,
  options: ReadModelsOptions = {},
): ReadModels => {
  const progress = new ChangeNotifier();
  const runners = PROJECTION_NAMES.map(
    (name) =>
      new ProjectionRunner({ ...options, store, storage, projection: PROJECTIONS[name], progress }),
  );
  const queries = new SqlLedgerQueries(storage, {
    progress,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  });
  const stop = async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
  };
  return {
    storage,
    queries,
    runners,
    start: () => runners.forEach((runner) => runner.start()),
    stop,
    close: async () => {
      await stop();
      await storage.close();
    },
  };
};
