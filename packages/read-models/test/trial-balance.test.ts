import { replayTrialBalance } from '@rebate/ledger';
import { SqlLedgerQueries } from '../src';
import { propertySeed } from '@rebate/test-support';
import { catchUp } from './support/projections';
import { applyLines, longScenario, numRuns } from './support/scenario';
import { SETUPS } from './support/setups';

/**
 * Double entry over a long random history: the accounts projection's trial balance is zero for
 * every asset and equals the one a replay of the store folds (`rebate trial-balance`).
 */
describe.each(SETUPS)('trial balance on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('is zero after a long randomized run, and the projection equals the replay', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    try {
      const seed = propertySeed(`trial balance (${setup.name})`);
      await applyLines(store, longScenario(seed, numRuns(40)));
      await catchUp(store, storage);
      const projected = await new SqlLedgerQueries(storage).trialBalance();
      expect(projected.totals).toEqual([
        { asset: 'USD', balance: '0' },
        { asset: 'LOTS', balance: '0' },
        { asset: 'TRADES', balance: '0' },
      ]);
      expect(projected.accounts.length).toBeGreaterThan(10);
      expect(projected).toEqual(await replayTrialBalance(store));
    } finally {
      await storage.close();
      await store.close();
    }
  });
});
