export {
  createEsdbEventStore,
  createEsdbEventStoreFromClient,
  type EsdbEventStoreConfig,
  type EsdbStoreOptions,
} from './store';
export type { RetryPolicy } from './backoff';
export type { EsdbClient } from './client';
