import { describe } from '@jest/globals';
import type { ContractHarness } from './harness';
import { describeAppendMany } from './suites/append-many';
import { describeAppendAndRead } from './suites/append-read';
import { describeBadData } from './suites/bad-data';
import { describeChain } from './suites/chain';
import { describeConcurrency } from './suites/concurrency';
import { describeCrashSafety } from './suites/crash-safety';
import { describeExpectedRevision } from './suites/expected-revision';
import { describeGlobalOrder } from './suites/global-order';
import { describeIdempotency } from './suites/idempotency';
import { describeLargeStreams } from './suites/large-stream';
import { describeReadAll } from './suites/read-all';
import { describeSubscription } from './suites/subscription';

export type { ChildEntry, ContractHarness, ContractStore, JsonValue } from './harness';
export { seededRandom, type SeededRandom } from './seeded-random';
export { ChildStore, type ChildOutcome, type ChildError } from './child-store';
export { describeChainTampering, type ChainTamperHarness, type SqlTamper } from './tamper';

/**
 * THE event-store contract: every adapter's test file calls this once with its harness.
 * Each test gets a fresh, empty store from `harness.createStore()`.
 */
export function describeEventStoreContract(adapterName: string, harness: ContractHarness): void {
  describe(`${adapterName} event store contract`, () => {
    describeAppendAndRead(harness);
    describeReadAll(harness);
    describeExpectedRevision(harness);
    describeAppendMany(harness);
    describeIdempotency(harness);
    describeConcurrency(harness);
    describeSubscription(harness);
    describeGlobalOrder(harness);
    describeCrashSafety(harness);
    describeLargeStreams(harness);
    describeBadData(harness);
    describeChain(harness);
  });
}
