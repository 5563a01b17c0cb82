import { type FileHandle, open } from 'node:fs/promises';
import { runScenario } from '@rebate/ledger';
import { openEmbeddedStore } from '../embedded-store';

/**
 * Consecutive trade lines are decided in batches, as the Kafka ingestion does: one read and one
 * append per batch instead of per line. The property tests prove it gives the same report.
 */
const TRADE_BATCH_SIZE = 500;

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
    const report = await runScenario(handle.createReadStream(), store, {
      tradeBatchSize: TRADE_BATCH_SIZE,
    });
    process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
  } finally {
    await store.close();
  }
};
