export * from './queries';
export * from './ledger-queries/reconciliation-documents';
export * from './storage/port';
export type { ReadModelsDatabase } from './storage/read-models-database';
export {
  openSqliteReadModels,
  type SqliteReadModelOptions,
} from './sqlite/open-sqlite-read-models';
export {
  openPostgresReadModels,
  PostgresReadModelConfig,
  type PostgresReadModelOptions,
} from './postgres/open-postgres-read-models';
export * from './read-models-config';
export * from './read-models';
export * from './projections/projection';
export * from './projections/all-projections';
export {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type RunnerStatus,
} from './runner/projection-runner';
export {
  runProjection,
  type RunProjectionOptions,
  DEFAULT_BATCH_SIZE,
} from './runner/run-projection';
export {
  rebuildProjection,
  resetProjection,
  ProjectionBusyError,
  type RebuildOptions,
  type RebuildResult,
} from './runner/rebuild';
export {
  rebuildBeside,
  REBUILD_SUFFIX,
  type RebuildBesideOptions,
  type RebuildBesideResult,
} from './runner/rebuild-beside';
export { lagOf, projectionLag } from './runner/lag';
export { registerProjectionMetrics } from './runner/projection-metrics';
export {
  SqlLedgerQueries,
  type LedgerQueriesOptions,
  MAX_PAGE_SIZE,
} from './ledger-queries/sql-ledger-queries';
export { InvalidCursorError } from './ledger-queries/cursor';
