import { TestKafka } from './kafka';
import { type TestStore, freshTestStore } from './store';

/** What a test against the shared broker works with: set by the hooks of `useBrokerAndStore`. */
export interface BrokerAndStore {
  readonly kafka: TestKafka;
  readonly store: TestStore;
}

/**
 * Registers the hooks of a test file on the shared broker: one Kafka connection for the file
 * and a fresh, empty store per test. After each test `stopServices` runs first (the services
 * still write to the store), then the store is disposed.
 */
export const useBrokerAndStore = (stopServices: () => Promise<void>): BrokerAndStore => {
  let kafka: TestKafka;
  let store: TestStore;
  beforeAll(async () => {
    kafka = await TestKafka.connect();
  });
  afterAll(async () => kafka?.close());
  beforeEach(() => {
    store = freshTestStore();
  });
  afterEach(async () => {
    await stopServices();
    await store.dispose();
  });
  return {
    get kafka() {
      return kafka;
    },
    get store() {
      return store;
    },
  };
};
