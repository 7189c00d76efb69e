/** The job queue seen by the app: handlers enqueue, a worker runs, shutdown drains. */
import type { Job, JobInput } from './jobs.js';

export type EnqueueOutcome = 'queued' | 'duplicate';

/** What handlers get: they acknowledge the webhook and leave the work here. */
export interface JobSink {
  enqueue(input: JobInput): Promise<EnqueueOutcome>;
}

/** Supplied by the app: how to run a job, and how to close what an interrupted one left open. */
export interface JobHandlers {
  /** Runs one job. A rejection is logged; the job is not retried (a check run would be duplicated). */
  run(job: Job): Promise<void>;
  /** At the drain deadline, with the jobs still running: completes their open check runs. */
  interrupt(jobs: Job[]): Promise<void>;
  /** Before each job, inside its repository's lane: completes stale runs a dead process left. */
  beforeRun?(job: Job): Promise<void>;
}

/** Lifecycle of each job, for logs and tests (start/end times of the jobs of one repository). */
export interface JobEvent {
  phase: 'start' | 'end' | 'duplicate';
  job: Job;
  /** Epoch milliseconds. */
  at: number;
}

export interface ShutdownReport {
  /** Jobs still running at the deadline; their check runs were completed as interrupted. */
  interrupted: string[];
  /** Interrupted jobs handed back to the shared queue (Redis): another instance runs them. */
  requeued: string[];
  /** Jobs that never started and had nowhere to go (in-process queue). */
  dropped: string[];
}

export interface JobQueue extends JobSink {
  readonly mode: 'in-process' | 'redis';
  /** Resolves once nothing is waiting or running (tests; in Redis mode across instances). */
  idle(): Promise<void>;
  /**
   * Stops taking jobs, lets running (and, in-process, queued) ones finish until the
   * deadline, then interrupts the rest. Idempotent.
   */
  shutdown(deadlineMs: number): Promise<ShutdownReport>;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
