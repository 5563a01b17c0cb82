import type { RouteReply } from '../routes/route';

/**
 * Idempotency keys kept in a database, so a retry after a restart gets the first answer or
 * finishes what the first attempt started. Each key is stored with a hash of its request
 * (method, URL, body: never a time the server chose), the store position before the first
 * attempt (events it wrote can only be after it), the final answer once there is one, and a
 * bulk import's progress (lines decided, counts, rejected lines), written after every step.
 */

export interface LineRejection {
  readonly line: number;
  readonly code: string;
  readonly reason: string;
}

/** How far a bulk import got: every line up to `throughLine` is decided and counted here. */
export interface BulkProgress {
  readonly throughLine: number;
  readonly accepted: number;
  readonly duplicates: number;
  /** The largest position written so far, as decimal text. */
  readonly position: string | null;
}

export const noProgress: BulkProgress = {
  throughLine: 0,
  accepted: 0,
  duplicates: 0,
  position: null,
};

export interface KeyRecord {
  readonly requestHash: string;
  /** Exclusive: the store's head before the first attempt (undefined: the store was empty). */
  readonly scanFrom: bigint | undefined;
  readonly reply: RouteReply | undefined;
  readonly progress: BulkProgress;
  readonly rejected: readonly LineRejection[];
}

export type Claim =
  { readonly created: true } | { readonly created: false; readonly record: KeyRecord };

export interface IdempotencyStore {
  /** Records the key if it is new (atomically), else returns what is recorded for it. */
  claim(key: string, requestHash: string, scanFrom: bigint | undefined): Promise<Claim>;
  /** One step of a bulk import: its new counts and the lines it rejected, together. */
  saveProgress(
    key: string,
    progress: BulkProgress,
    rejected: readonly LineRejection[],
  ): Promise<void>;
  /** The final answer: a retry gets it as is. */
  saveReply(key: string, reply: RouteReply): Promise<void>;
  close(): Promise<void>;
}
