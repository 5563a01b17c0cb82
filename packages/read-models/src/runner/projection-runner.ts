import { ChangeNotifier, type EventStore, sleep } from '@rebate/event-store';
import type { Projection } from '../projections/projection';
import type { ReadModelStorage } from '../storage/port';
import { projectionLag } from './lag';
import { runProjection } from './run-projection';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly storage: ReadModelStorage;
  readonly projection: Projection;
  /** Events per transaction at most. Default 500. */
  readonly batchSize?: number;
  /** Pause before retrying after a failure (database down, conflict). Default 1 s. */
  readonly retryDelayMs?: number;
  /** How often a standby asks for the processor claim again. Default 1 s. */
  readonly standbyPollMs?: number;
  /** Told of every failure; the runner retries after `retryDelayMs`. */
  readonly onError?: (error: unknown, projection: string) => void;
  /** Notified after every committed batch (wakes `waitForPosition` at once). */
  readonly progress?: ChangeNotifier;
}

export type RunnerStatus = 'stopped' | 'standby' | 'active';

/**
 * Keeps one projection up to date for as long as it runs: claims the projection (or waits as a
 * standby while another process holds it), catches up from the stored checkpoint, then follows
 * the store live. After any failure it releases the claim, waits, and starts over from the
 * stored checkpoint, which the failed transaction never moved.
 */
export class ProjectionRunner {
  private currentStatus: RunnerStatus = 'stopped';
  private lastCheckpoint: bigint | undefined;
  private stopping = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: ProjectionRunnerOptions) {}

  get name(): string {
    return this.options.projection.name;
  }

  get status(): RunnerStatus {
    return this.currentStatus;
  }

  /** The checkpoint this runner last read or committed (undefined before it has any). */
  get checkpoint(): bigint | undefined {
    return this.lastCheckpoint;
  }

  /** Head position minus the stored checkpoint (see `lagOf`). */
  lag(): Promise<number> {
    const { store, storage } = this.options;
    return projectionLag(store, () => storage.checkpoint(this.name));
  }

  /** Starts in the background; returns at once. */
  start(): void {
    if (this.loop !== undefined) return;
    this.stopping = new AbortController();
    this.loop = this.supervise(this.stopping.signal);
  }

  /** Stops after the batch in flight (its transaction commits or rolls back as a whole). */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.loop = undefined;
  }

  private async supervise(stop: AbortSignal): Promise<void> {
    const { storage, onError, retryDelayMs = 1000, standbyPollMs = 1000 } = this.options;
    while (!stop.aborted) {
      let claim;
      try {
        claim = await storage.claimProcessor(this.name);
      } catch (error) {
        onError?.(error, this.name);
        await sleep(retryDelayMs, stop);
        continue;
      }
      if (claim === undefined) {
        this.currentStatus = 'standby';
        await sleep(standbyPollMs, stop);
        continue;
      }
      this.currentStatus = 'active';
      try {
        await runProjection({
          ...this.options,
          signal: AbortSignal.any([stop, claim.lost]),
          onCheckpoint: (checkpoint) => {
            this.lastCheckpoint = checkpoint;
            this.options.progress?.notify();
          },
        });
      } catch (error) {
        if (!stop.aborted) {
          onError?.(error, this.name);
          await sleep(retryDelayMs, stop);
        }
      } finally {
        await claim.release();
      }
    }
    this.currentStatus = 'stopped';
  }
}
