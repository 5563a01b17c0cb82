/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!(Number.isInteger(size) && size > 0)) throw new RangeError(`chunk size ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

export interface PageOptions {
  /** Rows per query: bounds memory whatever the caller reads. */
  readonly pageSize: number;
  /** Stop after this many items in total (undefined: read to the end). */
  readonly maxCount?: number;
}

/**
 * Yields items page by page. `fetchPage(limit, last)` returns up to `limit` items following
 * `last` (undefined for the first page); a short page ends the read. Never asks for more than
 * `maxCount` rows in total, so "read the last event" fetches one row.
 */
export async function* paginate<T>(
  fetchPage: (limit: number, last: T | undefined) => Promise<readonly T[]> | readonly T[],
  { pageSize, maxCount }: PageOptions,
): AsyncGenerator<T, void, undefined> {
  let remaining = maxCount ?? Number.POSITIVE_INFINITY;
  let last: T | undefined;
  while (remaining > 0) {
    const limit = Math.min(pageSize, remaining);
    const page = await fetchPage(limit, last);
    for (const item of page) yield item;
    remaining -= page.length;
    last = page[page.length - 1];
    if (page.length < limit) return;
  }
}
