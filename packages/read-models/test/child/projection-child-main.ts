import { ChangeNotifier, type EventStore } from '@rebate/event-store';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { createPostgresEventStore } from '@rebate/event-store-postgres';
import { ProjectionRunner, openReadModelStorage } from '../../src';
import { ALL } from '../support/projections';
import { type OpenedLocation, storageConfig } from '../support/setups';

/** Runs every projection live until killed; reports each committed batch to the parent. */

interface ChildConfig {
  readonly store: OpenedLocation;
  readonly storage: OpenedLocation;
  readonly batchSize: number;
}

const openStore = async (location: OpenedLocation): Promise<EventStore> =>
  location.kind === 'sqlite-store'
    ? openSqliteEventStore({ path: location.path, pollIntervalMs: 20 })
    : location.kind === 'postgres-store'
      ? createPostgresEventStore({ connectionString: location.url, schema: location.schema })
      : Promise.reject(new Error(`not a store: ${location.kind}`));

/** Counts commits: every runner notifies it after each batch. */
class CountingNotifier extends ChangeNotifier {
  batches = 0;
  override notify(): void {
    this.batches += 1;
    process.send?.({ kind: 'progress', batches: this.batches });
    super.notify();
  }
}

const main = async () => {
  const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
  const store = await openStore(config.store);
  const storage = await openReadModelStorage(storageConfig(config.storage));
  const progress = new CountingNotifier();
  for (const projection of ALL) {
    new ProjectionRunner({
      store,
      storage,
      projection,
      batchSize: config.batchSize,
      retryDelayMs: 20,
      standbyPollMs: 50,
      progress,
      onError: (error) => process.send?.({ kind: 'error', message: String(error) }),
    }).start();
  }
  process.send?.({ kind: 'ready' });
};

main().catch((error: unknown) => {
  process.send?.({ kind: 'fatal', message: String(error) });
  process.exit(1);
});
