export { createPostgresEventStore, openPostgresEventStoreFromConfig } from './open-store';
export { PostgresEventStoreConfig, type PostgresEventStoreOptions } from './options';
export { PostgresEventStore, type PostgresStoreDiagnostics } from './postgres-event-store';
/** Kept for the API's idempotency store; the one implementation is in @rebate/sql. */
export { inTransaction } from '@rebate/sql';
