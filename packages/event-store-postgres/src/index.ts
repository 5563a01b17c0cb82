export { createPostgresEventStore, openPostgresEventStoreFromConfig } from './open-store';
export { PostgresEventStoreConfig, type PostgresEventStoreOptions } from './options';
export { PostgresEventStore, type PostgresStoreDiagnostics } from './postgres-event-store';
export { inTransaction } from './transaction';
