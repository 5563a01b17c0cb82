import { describe, expect, it } from '@jest/globals';
import { chunk, paginate } from './batching';
import { matchesFilter } from './filter';
import { sameJson } from './json';

describe('paginate', () => {
  it('never asks for more than maxCount rows and stops on a short page', async () => {
    const asked: number[] = [];
    const rows = Array.from({ length: 25 }, (_, i) => i);
    const read = (maxCount?: number) =>
      paginate(
        (limit, last: number | undefined) => {
          asked.push(limit);
          const start = last === undefined ? 0 : last + 1;
          return rows.slice(start, start + limit);
        },
        { pageSize: 10, maxCount },
      );
    const all: number[] = [];
    for await (const row of read()) all.push(row);
    expect(all).toEqual(rows);
    expect(asked.splice(0)).toEqual([10, 10, 10]);
    for await (const row of read(1)) expect(row).toBe(0);
    expect(asked).toEqual([1]);
  });

  it('chunk splits into consecutive slices', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('matchesFilter', () => {
  it('keeps events matching a prefix (literally) and a type; empty lists keep nothing', () => {
    const event = { streamId: 'order_1', type: 'Placed' };
    expect(matchesFilter(event, undefined)).toBe(true);
    expect(matchesFilter(event, { streamPrefixes: ['order_'] })).toBe(true);
    expect(matchesFilter(event, { streamPrefixes: ['Order_'] })).toBe(false);
    expect(matchesFilter(event, { streamPrefixes: ['order_'], eventTypes: ['Filled'] })).toBe(
      false,
    );
    expect(matchesFilter(event, { eventTypes: [] })).toBe(false);
  });
});

describe('sameJson', () => {
  it('ignores key order, as jsonb does, but not values', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2], d: null } }, { b: { d: null, c: [1, 2] }, a: 1 })).toBe(
      true,
    );
    expect(sameJson({ a: '1.0' }, { a: '1.00' })).toBe(false);
  });
});
