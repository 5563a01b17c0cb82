import { afterEach, beforeEach, expect } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../errors';
import type { EventData, EventMetadata, ExpectedRevision, RecordedEvent } from '../port';
import type { ContractHarness, ContractStore } from './harness';

/** A fresh store for every test of the enclosing describe, disposed after it. */
export function useFreshStore(harness: ContractHarness): () => ContractStore {
  let current: ContractStore | undefined;
  beforeEach(async () => {
    current = await harness.createStore();
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('the store exists only inside a test');
    return current;
  };
}

export function newEvent(
  type = 'TestEvent',
  data: unknown = {},
  metadata: Partial<EventMetadata> = {},
): EventData {
  return { eventId: randomUUID(), type, data, metadata: { schemaVersion: 1, ...metadata } };
}

export function newEvents(count: number, type = 'TestEvent'): EventData[] {
  return Array.from({ length: count }, (_, index) => newEvent(type, { index }));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export const revisionsOf = (events: readonly RecordedEvent[]): number[] =>
  events.map((event) => event.revision);

export const idsOf = (events: readonly { readonly eventId: string }[]): string[] =>
  events.map((event) => event.eventId);

export const positionsOf = (events: readonly RecordedEvent[]): bigint[] =>
  events.map((event) => event.position);

export function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  const increasing = positions.every((p, i) => i === 0 || p > (positions[i - 1] as bigint));
  expect(increasing).toBe(true);
}

/** The promise's rejection, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

export async function expectWrongRevision(
  promise: Promise<unknown>,
  expected: { streamId: string; expected: ExpectedRevision; actual: number | undefined },
): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  const wrong = error as WrongExpectedRevisionError;
  expect({ streamId: wrong.streamId, expected: wrong.expected, actual: wrong.actual }).toEqual(
    expected,
  );
}
