export {
  SqliteEventStoreConfig,
  type SqliteEventStoreOptions,
  openSqliteEventStore,
  openSqliteEventStoreFromConfig,
} from './open-store';
export { SqliteEventStore, type SqliteStoreDiagnostics } from './sqlite-event-store';
