import { parseInstant } from '@rebate/domain';
import {
  ReconciliationQuery,
  clientReconciliationCsv,
  partnerReconciliationCsv,
} from '@rebate/api';
import { recordedPrefix, storeAsOf } from '@rebate/ledger';
import {
  PROJECTIONS,
  type ReconciliationRange,
  SqlLedgerQueries,
  openSqliteReadModels,
  rebuildProjection,
  reconciliationRange,
} from '@rebate/read-models';
import { configOrExit, describeStore, openEventStore, storeConfigFromEnv } from '@rebate/runtime';

const PROGRAM = 'rebate reconcile';

export interface ReconcileCliOptions {
  readonly from?: string;
  readonly to?: string;
  readonly partner?: string;
  readonly asOf?: string;
  readonly format?: string;
  readonly dataDir?: string;
}

/** Each flag decoded by the API's own query codec, so both refuse the same values. */
const rangeOf = (options: ReconcileCliOptions): ReconciliationRange => {
  const flags = [
    ['from', '--from', options.from],
    ['to', '--to', options.to],
    ['partnerId', '--partner', options.partner],
  ] as const;
  for (const [field, flag, value] of flags) {
    if (value !== undefined && ReconciliationQuery.decode({ [field]: value })._tag === 'Left') {
      throw new Error(
        field === 'partnerId'
          ? `${flag} must be a partner id, not ${value}`
          : `${flag} must be a day as YYYY-MM-DD, not ${value}`,
      );
    }
  }
  const range = reconciliationRange({
    from: options.from,
    to: options.to,
    partnerId: options.partner,
  });
  if (range.to < range.from) throw new Error(`--to must not be before --from (${range.from})`);
  return range;
};

/**
 * `rebate reconcile partners|clients [--from D] [--to D] [--partner P] [--as-of TIME]
 * [--format json|csv]`: replays the configured store (like `rebate trial-balance`; with
 * `--as-of`, only the events recorded by TIME) into in-memory read models with the live
 * accounts projection, and prints the document `GET /v1/reconciliation/<report>` answers,
 * computed by the same `LedgerQueries`.
 */
export const reconcile = async (report: string, options: ReconcileCliOptions): Promise<void> => {
  if (report !== 'partners' && report !== 'clients') {
    throw new Error(`the report must be partners or clients, not ${report}`);
  }
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new Error(`--format must be json or csv, not ${format}`);
  }
  const asOf = options.asOf === undefined ? undefined : parseInstant(options.asOf);
  if (options.asOf !== undefined && asOf === undefined) {
    throw new Error(`--as-of must be an ISO-8601 instant with a zone, not ${options.asOf}`);
  }
  const range = rangeOf(options);
  const env = options.dataDir ? { ...process.env, DATA_DIR: options.dataDir } : process.env;
  const config = configOrExit(() => storeConfigFromEnv(env), PROGRAM);
  const store = await openEventStore(config);
  try {
    process.stderr.write(`${PROGRAM}: replaying ${describeStore(config)}\n`);
    const source =
      asOf === undefined ? store : storeAsOf(store, asOf, await recordedPrefix(store, asOf));
    const storage = openSqliteReadModels({ path: ':memory:' });
    try {
      await rebuildProjection({ store: source, storage, projection: PROJECTIONS.accounts });
      const queries = new SqlLedgerQueries(storage);
      if (
        range.partnerId !== undefined &&
        (await queries.partnerBalance(range.partnerId)) === undefined
      ) {
        throw new Error(`unknown partner ${range.partnerId}`);
      }
      if (report === 'partners') {
        const document = await queries.partnerReconciliation(range);
        process.stdout.write(
          format === 'json'
            ? `${JSON.stringify(document, null, 1)}\n`
            : partnerReconciliationCsv(document),
        );
      } else {
        const document = await queries.clientReconciliation(range);
        process.stdout.write(
          format === 'json'
            ? `${JSON.stringify(document, null, 1)}\n`
            : clientReconciliationCsv(document),
        );
      }
    } finally {
      await storage.close();
    }
  } finally {
    await store.close();
  }
};
