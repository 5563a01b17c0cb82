/**
 * How long the three projections take to catch up on a random history, batches of 500:
 * `node -r ./scripts/register-ts.js packages/read-models/bench/catch-up.ts [sqlite|postgres]`
 * (PostgreSQL needs DATABASE_URL). Prints one line per run; the first warms up.
 */
import { catchUp, resetAll } from '../test/support/projections';
import { applyLines, longScenario } from '../test/support/scenario';
import { postgresSetup, sqliteSetup } from '../test/support/setups';

const SEED = 42;

const main = async (): Promise<void> => {
  const kind = process.argv[2] ?? 'sqlite';
  const setup = kind === 'postgres' ? postgresSetup() : sqliteSetup();
  const store = await setup.openStore();
  const storage = await setup.openStorage();
  try {
    await applyLines(store, longScenario(SEED, 300));
    const head = await store.headPosition();
    for (let run = 0; run < 4; run += 1) {
      await resetAll(storage);
      const started = process.hrtime.bigint();
      await catchUp(store, storage);
      const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
      console.log(`${kind} seed ${SEED}: ${head} events caught up in ${ms} ms (run ${run})`);
    }
  } finally {
    await storage.close();
    await store.close();
    await setup.cleanup();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
