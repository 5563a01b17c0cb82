import { Registry, collectDefaultMetrics } from 'prom-client';

/** A registry of its own (never prom-client's global one) with the process metrics in it. */
export const createMetricsRegistry = (labels: Record<string, string> = {}): Registry => {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  return registry;
};
