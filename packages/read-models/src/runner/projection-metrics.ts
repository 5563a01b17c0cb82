import { Gauge, type Registry } from 'prom-client';
import type { EventStore } from '@rebate/event-store';
import type { ReadModelStorage } from '../storage/port';
import { lagOf } from './lag';

/**
 * Two gauges per projection, read from the database at scrape time, so any process (the API
 * too, when another process runs the projections) reports the truth:
 * `rebate_projection_lag_positions` and `rebate_projection_checkpoint_position`.
 */
export const registerProjectionMetrics = (
  registry: Registry,
  source: {
    readonly store: EventStore;
    readonly storage: ReadModelStorage;
    readonly projections: readonly string[];
  },
): void => {
  const read = async () => {
    const [head, checkpoints] = await Promise.all([
      source.store.headPosition(),
      source.storage.checkpoints(),
    ]);
    return { head, checkpoints };
  };
  new Gauge({
    name: 'rebate_projection_lag_positions',
    help: 'Head position of the event store minus the projection checkpoint',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      const { head, checkpoints } = await read();
      for (const projection of source.projections) {
        this.set({ projection }, lagOf(head, checkpoints.get(projection)));
      }
    },
  });
  new Gauge({
    name: 'rebate_projection_checkpoint_position',
    help: 'Global position of the last event the projection applied (-1: none yet)',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      const { checkpoints } = await read();
      for (const projection of source.projections) {
        const checkpoint = checkpoints.get(projection);
        this.set({ projection }, checkpoint === undefined ? -1 : Number(checkpoint));
      }
    },
  });
};
