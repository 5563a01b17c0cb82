import * as t from 'io-ts';
import { decodeOrThrow } from '@rebate/event-store';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** Schema holding the store's tables, created if missing. Default 'event_store'. */
  readonly schema?: string;
  /** Connections in the pool (appends and reads); LISTEN uses one more. Default 10. */
  readonly poolSize?: number;
  /**
   * Longest sleep of a caught-up subscription; LISTEN/NOTIFY normally wakes it at once, so
   * this only bounds the delay when a notification is lost. Default 500 ms.
   */
  readonly pollIntervalMs?: number;
}

/** Schema names are spliced into SQL, so only plain lower-case identifiers are allowed. */
const SchemaName = t.refinement(t.string, (s) => /^[a-z_][a-z0-9_]{0,47}$/.test(s), 'SchemaName');
const PositiveInt = t.refinement(t.number, (n) => Number.isInteger(n) && n > 0, 'PositiveInt');

/** The options as JSON (config file, environment, parent process). */
export const PostgresEventStoreConfig = t.intersection([
  t.type({ connectionString: t.string }),
  t.partial({ schema: SchemaName, poolSize: PositiveInt, pollIntervalMs: PositiveInt }),
]);

export interface ResolvedOptions {
  readonly connectionString: string;
  readonly schema: string;
  readonly poolSize: number;
  readonly pollIntervalMs: number;
}

/** Validates (the schema name is spliced into SQL) and fills in defaults. */
export function resolveOptions(options: unknown): ResolvedOptions {
  const valid = decodeOrThrow(PostgresEventStoreConfig, options, 'PostgreSQL store options');
  return {
    connectionString: valid.connectionString,
    schema: valid.schema ?? 'event_store',
    poolSize: valid.poolSize ?? 10,
    pollIntervalMs: valid.pollIntervalMs ?? 500,
  };
}
