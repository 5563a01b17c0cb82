import * as t from 'io-ts';

/**
 * What a command answers. `position` is the global position of its last event, as a string
 * (64-bit); pass it as `minPosition` to a query to read your own write. null when nothing was
 * written (a duplicate, a payout run that paid nobody).
 */
export const CommandAnswer = t.type(
  {
    status: t.keyof({ accepted: null, duplicate: null }),
    commandId: t.string,
    position: t.union([t.string, t.null]),
  },
  'CommandAnswer',
);
export type CommandAnswer = t.TypeOf<typeof CommandAnswer>;

/** Per-item results of a batch; `where` says which item (line number or array index). */
const itemResult = <P extends t.Props>(where: P, name: string) =>
  t.union(
    [
      t.type({ ...where, status: t.literal('accepted'), position: t.union([t.string, t.null]) }),
      t.type({ ...where, status: t.literal('duplicate') }),
      t.type({ ...where, status: t.literal('rejected'), code: t.string, reason: t.string }),
    ],
    name,
  );

const batchAnswer = <R extends t.Mixed>(result: R, name: string) =>
  t.type(
    {
      commandId: t.string,
      accepted: t.number,
      duplicates: t.number,
      rejected: t.number,
      results: t.array(result),
    },
    name,
  );

/** A rejected NDJSON line; `line` is 1-based within the request. */
export const RejectedLine = t.type(
  { line: t.number, status: t.literal('rejected'), code: t.string, reason: t.string },
  'RejectedLine',
);
export type RejectedLine = t.TypeOf<typeof RejectedLine>;
/** One array item's result; `index` is 0-based. */
export const IndexResult = itemResult({ index: t.number }, 'IndexResult');
export type IndexResult = t.TypeOf<typeof IndexResult>;

/**
 * `POST /v1/commands`: a summary whatever the size of the import: the non-blank lines, how many
 * were accepted (also on an earlier attempt with the same key) or duplicates, every rejected
 * line in full, and `position`, the largest global position written (for `minPosition`).
 */
export const BulkAnswer = t.type(
  {
    commandId: t.string,
    lines: t.number,
    accepted: t.number,
    duplicates: t.number,
    rejected: t.number,
    position: t.union([t.string, t.null]),
    results: t.array(RejectedLine),
  },
  'BulkAnswer',
);
export type BulkAnswer = t.TypeOf<typeof BulkAnswer>;
/** `POST /v1/trades` with an array: one result per item, in order. */
export const TradeBatchAnswer = batchAnswer(IndexResult, 'TradeBatchAnswer');
export type TradeBatchAnswer = t.TypeOf<typeof TradeBatchAnswer>;
