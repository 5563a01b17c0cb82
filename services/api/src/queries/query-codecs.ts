import * as t from 'io-ts';
import { Identifier, InstantText } from '@rebate/domain';
import { MAX_PAGE_SIZE } from '@rebate/read-models';

/** Query-string values arrive as text; these codecs read them into typed values. */

const textCodec = <A>(
  name: string,
  reason: string,
  is: (u: unknown) => u is A,
  parse: (text: string) => A | undefined,
  format: (value: A) => string,
) =>
  new t.Type<A, string, unknown>(
    name,
    is,
    (u, c) => {
      const value = typeof u === 'string' ? parse(u) : undefined;
      return value === undefined ? t.failure(u, c, reason) : t.success(value);
    },
    format,
  );

/** Positions are signed 64-bit in every store: a larger one can never be reached. */
export const MAX_POSITION = 2n ** 63n - 1n;

/** A global position: what a command answered, 64-bit, as decimal digits. */
export const PositionText = textCodec<bigint>(
  'PositionText',
  `must be a position: decimal digits up to ${MAX_POSITION}, as a command answered it`,
  (u): u is bigint => typeof u === 'bigint',
  (s) => (/^\d{1,19}$/.test(s) && BigInt(s) <= MAX_POSITION ? BigInt(s) : undefined),
  (p) => p.toString(),
);

/** A UTC calendar day, YYYY-MM-DD, that exists. */
export const DayText = textCodec<string>(
  'DayText',
  'must be a day as YYYY-MM-DD',
  (u): u is string => typeof u === 'string',
  (s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
    // An impossible day (2026-13-01) is an invalid Date, whose toISOString throws.
    const time = Date.parse(`${s}T00:00:00Z`);
    return Number.isNaN(time) || !new Date(time).toISOString().startsWith(s) ? undefined : s;
  },
  (s) => s,
);

export const DEFAULT_PAGE = 100;

/** A page's size, up to the read models' limit: one place decides how large a page may be. */
export const LimitText = textCodec<number>(
  'LimitText',
  `must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
  (u): u is number => typeof u === 'number',
  (s) => {
    if (!/^\d{1,4}$/.test(s)) return undefined;
    const n = Number(s);
    return n >= 1 && n <= MAX_PAGE_SIZE ? n : undefined;
  },
  String,
);

/** The opaque cursor a page answered with. */
export const CursorText = textCodec<string>(
  'CursorText',
  'must be the nextCursor of a previous page',
  (u): u is string => typeof u === 'string',
  (s) => (s.length > 0 && s.length <= 512 ? s : undefined),
  (s) => s,
);

export const Format = t.keyof({ json: null, csv: null }, 'Format');

/** Every read takes `minPosition`: answer only once the read models include that position. */
export const ReadYourWrites = t.partial({ minPosition: PositionText }, 'ReadYourWrites');

/**
 * `asOf`: answer from the books as they stood at that instant (events recorded at or before
 * it); an answer as of a past instant never changes. Routes that take it say `readsAsOf`.
 */
export const AsOf = t.partial({ asOf: InstantText }, 'AsOf');

/** A query that reads the balances now (`minPosition`) or as of an instant (`asOf`). */
export const AsOfRead = t.intersection([ReadYourWrites, AsOf], 'AsOfRead');

export const StatementQuery = t.intersection(
  [t.type({ from: DayText, to: DayText }), t.partial({ format: Format }), AsOfRead],
  'StatementQuery',
);

export const ClientListQuery = t.intersection(
  [t.partial({ partnerId: Identifier }), AsOfRead],
  'ClientListQuery',
);

export const AccrualQuery = t.intersection(
  [
    t.partial({
      partnerId: Identifier,
      clientId: Identifier,
      cursor: CursorText,
      limit: LimitText,
    }),
    AsOfRead,
  ],
  'AccrualQuery',
);
