import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { openReadModelStorage } from '../src';
import { propertySeed } from '@rebate/test-support';
import { checksumOf } from './support/checksum';
import { ALL, catchUp, waitForHead } from './support/projections';
import { applyLines, longScenario } from './support/scenario';
import { type OpenedLocation, SETUPS, storageConfig } from './support/setups';

const CHILD = join(__dirname, 'child', 'projection-child.js');

interface ChildMessage {
  readonly kind: 'ready' | 'progress' | 'error' | 'fatal';
  readonly batches?: number;
  readonly message?: string;
}

/** Starts a projection process; resolves once it has committed `batches` batches (0: started). */
const runUntilProgress = (config: object, batches: number): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(config)], { execArgv: [] });
    const errors: string[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no progress in time; errors: ${errors.join(' | ')}`));
    }, 20_000);
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'error') errors.push(message.message ?? '');
      if (message.kind === 'fatal') reject(new Error(message.message));
      const started = message.kind === 'ready' && batches === 0;
      if (started || (message.kind === 'progress' && (message.batches ?? 0) >= batches)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });

const kill = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe.each(SETUPS)('projection process killed mid-run on %s', (_, makeSetup) => {
  const setup = makeSetup();
  afterAll(() => setup.cleanup());

  test('SIGKILL at random moments, restart: the rows equal a clean build', async () => {
    const store = await setup.openStore();
    const reference = await setup.openStorage();
    const storage = await setup.openStorage({ file: true });
    await storage.close(); // created and migrated; only the children and the final check use it
    const location = (kind: OpenedLocation['kind']) =>
      setup.opened.filter((o) => o.kind === kind).pop() as OpenedLocation;
    const config = {
      store: location(setup.name === 'sqlite' ? 'sqlite-store' : 'postgres-store'),
      storage: location(setup.name === 'sqlite' ? 'sqlite-storage' : 'postgres-storage'),
      batchSize: 3,
    };
    try {
      const seed = propertySeed(`kill history (${setup.name})`);
      // About 20 events a part, 3 to a batch, 3 projections: far more batches than the kills need.
      await applyLines(store, longScenario(seed, 6));
      await catchUp(store, reference);

      // Each child gets a little further, then dies without any chance to clean up.
      for (let round = 1; round <= 4; round += 1) {
        const child = await runUntilProgress(config, 5 + ((seed + round * 7) % 11));
        await new Promise((resolve) => setTimeout(resolve, (seed * round) % 7));
        await kill(child);
      }
      const last = await runUntilProgress(config, 0);
      const check = await openReadModelStorage(storageConfig(config.storage));
      try {
        await waitForHead(store, check, 30_000);
        await kill(last);
        for (const projection of ALL) {
          expect(await checksumOf(check, projection)).toEqual(
            await checksumOf(reference, projection),
          );
        }
      } finally {
        await check.close();
      }
    } finally {
      await reference.close();
      await store.close();
    }
  });
});
