import { randomUUID } from 'node:crypto';
import { ProblemError } from '../http/problem';
import { problem } from '../http/problem-catalog';
import type { AuditJob, AuditScope } from './audit-report';
import type { LedgerAudit } from './ledger-audit';

/**
 * Audits run as jobs, one at a time, in memory in this API process (issue 12).
 *
 * - In memory, per process: an audit is read-only, so a job lost to a restart (running or
 *   waiting) is simply run again; nothing needs to survive. Behind a load balancer, poll the
 *   instance that answered the POST (its `Location`).
 * - One at a time: a POST while another audit runs is accepted (202) and waits its turn (phase
 *   `queued`), so two replays never compete for the store; at most `maxWaiting` wait, beyond
 *   that the POST is refused with 429.
 * - The last `keep` finished jobs are kept; older ones answer 404.
 * - A failure inside a job (the store down, the read models behind) becomes status `failed`
 *   with its problem; it never reaches the process.
 */
export interface AuditJobs {
  /** Undefined when `maxWaiting` jobs already wait. */
  submit(scope: AuditScope): AuditJob | undefined;
  get(id: string): AuditJob | undefined;
  /** Resolves once every job submitted so far has finished (tests). */
  settled(): Promise<void>;
  /**
   * The server is closing: the running job stops at its next turn and waiting ones do not
   * start (all end `failed`, so nothing is left reading a store about to close); resolves when
   * they have.
   */
  close(): Promise<void>;
}

export interface AuditJobOptions {
  /** Finished jobs kept for `GET /v1/audits/{id}`. */
  readonly keep?: number;
  readonly maxWaiting?: number;
  /** The wall clock of the job times. */
  readonly now: () => string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const problemOf = (error: unknown, closing: AbortSignal): AuditJob['problem'] =>
  error instanceof ProblemError
    ? error.problem
    : closing.aborted
      ? problem('store-unavailable', 'the server shut down before the audit finished: run it again')
      : problem(
          'internal-error',
          `the audit stopped: ${error instanceof Error ? error.message : String(error)}`,
        );

export const createAuditJobs = (audit: LedgerAudit, options: AuditJobOptions): AuditJobs => {
  const keep = options.keep ?? 20;
  const maxWaiting = options.maxWaiting ?? 5;
  const jobs = new Map<string, Mutable<AuditJob>>();
  /** The chain of jobs: each starts when the one before has finished, whatever its outcome. */
  let tail: Promise<void> = Promise.resolve();

  const forgetOldFinished = (): void => {
    const finished = [...jobs.values()].filter((job) => job.status !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - keep))) jobs.delete(job.id);
  };

  const closing = new AbortController();

  const execute = async (job: Mutable<AuditJob>): Promise<void> => {
    job.progress = { phase: 'verifying', eventsReplayed: 0 };
    try {
      closing.signal.throwIfAborted();
      job.report = await audit.run({
        scope: job.scope,
        signal: closing.signal,
        onVerifying: (events) => {
          job.progress = { phase: 'verifying', eventsReplayed: 0, eventsVerified: events };
        },
        onProgress: (events) => {
          job.progress = { phase: 'replaying', eventsReplayed: events };
        },
        onComparing: () => {
          job.progress = { phase: 'comparing', eventsReplayed: job.progress?.eventsReplayed ?? 0 };
        },
      });
      job.status = 'succeeded';
      job.progress = { phase: 'comparing', eventsReplayed: job.report.events };
    } catch (error) {
      job.status = 'failed';
      job.problem = problemOf(error, closing.signal);
    }
    job.finishedAt = options.now();
    forgetOldFinished();
  };

  return {
    submit(scope) {
      const waiting = [...jobs.values()].filter((job) => job.progress?.phase === 'queued');
      if (waiting.length >= maxWaiting) return undefined;
      const job: Mutable<AuditJob> = {
        id: randomUUID(),
        status: 'running',
        scope,
        requestedAt: options.now(),
        progress: { phase: 'queued', eventsReplayed: 0 },
      };
      jobs.set(job.id, job);
      tail = tail.then(() => execute(job));
      return { ...job };
    },
    get(id) {
      const job = jobs.get(id);
      return job === undefined ? undefined : { ...job };
    },
    settled: () => tail,
    close() {
      closing.abort(new Error('the server is closing'));
      return tail;
    },
  };
};
