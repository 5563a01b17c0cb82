import { type FileHandle, open } from 'node:fs/promises';
import { TRADE_BATCH_SIZE, runScenario } from '@rebate/ledger';
import { openEmbeddedStore } from '../embedded-store';

/** `rebate simulate FILE`: applies a scenario on a fresh embedded store and prints the report. */
export const simulate = async (file: string, options: { dataDir?: string }): Promise<void> => {
  // Opened first, so a missing file fails before any store is made; read as a stream of bytes,
  // never held whole: the domain's line reader cuts and decodes it (rules section 14).
  const handle = await open(file, 'r');
  try {
    await simulateFrom(handle, options);
  } finally {
    await handle.close().catch(() => undefined); // the stream may have closed it already
  }
};

const simulateFrom = async (handle: FileHandle, options: { dataDir?: string }): Promise<void> => {
  const store = openEmbeddedStore(options.dataDir);
  try {
    if ((await store.headPosition()) !== undefined) {
      throw new Error(
        `${options.dataDir} already holds a ledger: a simulation starts from an empty one`,
      );
    }
    // Consecutive trade lines in batches, as the Kafka ingestion does; the property tests prove
    // it gives the same report as line by line.
    const report = await runScenario(handle.createReadStream(), store, {
      tradeBatchSize: TRADE_BATCH_SIZE,
    });
    process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
  } finally {
    await store.close();
  }
};
