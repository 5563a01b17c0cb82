import type { EventStore } from '@rebate/event-store';
import { openSqliteEventStore } from '@rebate/event-store-sqlite';
import { Decimal } from '@rebate/domain';
import { type SimulationReport, runScenario } from '../src';

/** A fresh embedded store per scenario, closed afterwards. */
export const withStore = async <T>(use: (store: EventStore) => Promise<T>): Promise<T> => {
  const store = openSqliteEventStore({ path: ':memory:' });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
};

export const simulateLines = (lines: readonly (string | Record<string, unknown>)[]) =>
  withStore((store) =>
    runScenario(
      lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))),
      store,
    ),
  );

const canonical = (value: unknown): unknown => {
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Decimal(value).toFixed();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
};

/** Reports compared as the rules say readers compare them: amounts as numbers. */
export const comparable = (report: SimulationReport | unknown): unknown => canonical(report);

/** The report cut down to the fields the expected document has (nested, element by element). */
export const projectedOnto = (expected: unknown, actual: unknown): unknown => {
  if (Array.isArray(expected) && Array.isArray(actual))
    return actual.map((item, i) => projectedOnto(expected[i] ?? expected[0], item));
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object')
    return Object.fromEntries(
      Object.keys(expected).map((key) => [
        key,
        projectedOnto(
          (expected as Record<string, unknown>)[key],
          (actual as Record<string, unknown>)[key],
        ),
      ]),
    );
  return actual;
};
