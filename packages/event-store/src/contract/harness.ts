import type { EventStore } from '../port';

/** JSON that can travel to a child process. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** What an adapter's test file gives the contract suite. */
export interface ContractHarness {
  /**
   * True when `appendMany` is one all-or-nothing transaction (SQL stores). False for stores that
   * append stream by stream (EventStoreDB): the suite then checks that a retry completes
   * without doubling instead of checking that nothing was stored.
   */
  readonly atomicAppendMany: boolean;
  /**
   * True when replaying an event id with another type or payload raises IdempotencyConflictError
   * (the SQL stores compare them). EventStoreDB's server-side dedup cannot, so it says false.
   */
  readonly checksReplayPayload: boolean;
  /**
   * True when an event id is unique across all streams (the SQL stores have a unique index).
   * EventStoreDB only deduplicates within one stream, so it says false.
   */
  readonly globalEventIds: boolean;
  /** Opens a store on a fresh, empty database or namespace. */
  createStore(): Promise<ContractStore>;
  /** How a child process opens the same store as a `ContractStore` (see `childConfig`). */
  readonly childEntry: ChildEntry;
}

/**
 * A module the child process loads and the export it calls with `ContractStore.childConfig`:
 * `(config: unknown) => Promise<EventStore>`. `.ts` modules are fine: the child loads
 * workspace sources with the same swc transform and `@rebate/*` mapping as jest, so it never
 * runs a stale build.
 */
export interface ChildEntry {
  /** Absolute path of the module. */
  readonly modulePath: string;
  readonly exportName: string;
}

/** One store under test on its own fresh database or namespace. */
export interface ContractStore {
  readonly store: EventStore;
  /** Passed to `ChildEntry` in a child process to open this same database or namespace. */
  readonly childConfig: JsonValue;
  /**
   * Rows (events) the adapter has fetched from storage so far, all reads included. Lets the
   * suite prove, without timing, that reading the end of a long stream does not fetch it all.
   */
  rowsFetched(): number;
  /** Test back door: make the stored event at `position` undecodable by the adapter. */
  corruptEvent(position: bigint): Promise<void>;
  /** Closes the store and drops its database or namespace. */
  dispose(): Promise<void>;
}
