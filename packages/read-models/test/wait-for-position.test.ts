import { LedgerCommands } from '@rebate/ledger';
import { decodeLine } from '@rebate/domain';
import { isLeft } from 'fp-ts/Either';
import { SqlLedgerQueries, createReadModels } from '../src';
import { SETUPS } from './support/setups';

const command = (line: object) => {
  const decoded = decodeLine(JSON.stringify(line));
  if (isLeft(decoded)) throw new Error(decoded.left);
  return decoded.right;
};

describe.each(SETUPS)('read-your-writes on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('waitForPosition returns once every projection has the write, false on timeout', async () => {
    const store = await setup.openStore();
    const storage = await setup.openStorage();
    const readModels = createReadModels(store, storage, { retryDelayMs: 20 });
    const commands = new LedgerCommands(store, {
      payables: async () => ({ payables: [], position: undefined }),
    });
    const execute = async (line: object, id: string) => {
      const outcome = await commands.execute(command(line), { commandId: id });
      if (outcome.kind !== 'applied' || outcome.position === undefined) throw new Error(id);
      return outcome.position;
    };
    try {
      const { queries } = readModels;
      expect(await queries.position()).toBeUndefined();
      readModels.start();

      const registered = await execute(
        { type: 'register-partner', partnerId: 'P1', model: 'agent', at: '2026-09-01T00:00:00Z' },
        'c1',
      );
      expect(await queries.waitForPosition(registered, 5000)).toBe(true);
      expect(await queries.partnerBalance('P1')).toMatchObject({ partnerId: 'P1', trades: 0 });
      expect(await queries.agreement('P1')).toMatchObject({ model: 'agent' });
      expect((await queries.position()) ?? -1n).toBeGreaterThanOrEqual(registered);

      // Another process's view: no runner here to wake it, it polls the checkpoints.
      const attached = await execute(
        { type: 'attach-client', partnerId: 'P1', clientId: 'C1', at: '2026-09-01T00:00:00Z' },
        'c2',
      );
      const elsewhere = new SqlLedgerQueries(storage, { pollIntervalMs: 10 });
      expect(await elsewhere.waitForPosition(attached, 5000)).toBe(true);
      expect(await elsewhere.clientBalance('C1')).toMatchObject({ partnerId: 'P1' });

      await readModels.stop();
      const unseen = await execute(
        { type: 'set-rebate-rate', partnerId: 'P1', percent: '10', at: '2026-09-01T00:00:00Z' },
        'c3',
      );
      const started = Date.now();
      expect(await queries.waitForPosition(unseen, 150)).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(Date.now() - started).toBeLessThan(2000);

      readModels.start();
      expect(await queries.waitForPosition(unseen, 5000)).toBe(true);
      expect(await queries.agreement('P1')).toMatchObject({ defaultRate: '10' });
      for (const runner of readModels.runners) {
        expect(runner.status).toBe('active');
        expect(await runner.lag()).toBe(0);
      }
    } finally {
      await readModels.close();
      await store.close();
    }
  });
});
