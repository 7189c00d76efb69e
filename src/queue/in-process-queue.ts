/**
 * The queue of a single instance (no REDIS_URL): one lane per repository, run in order,
 * one job at a time, so two events of a repository never write its tracking issue
 * concurrently; lanes of different repositories run in parallel, at most `concurrency`
 * jobs at once, taken round-robin so one busy repository cannot starve the others.
 * Nothing survives the process: shutdown drains until the deadline.
 */
import type { Logger } from 'probot';
import { createDedupeSet } from './dedupe-set.js';
import { repoKey, toJob, type Job, type JobInput } from './jobs.js';
import { delay, type EnqueueOutcome, type JobEvent, type JobHandlers, type JobQueue, type ShutdownReport } from './types.js';

export interface InProcessQueueOptions {
  concurrency: number;
  dedupeTtlMs: number;
  log: Logger;
  now?: () => Date;
  onEvent?: (event: JobEvent) => void;
}

export function createInProcessQueue(options: InProcessQueueOptions, handlers: JobHandlers): JobQueue {
  const now = options.now ?? (() => new Date());
  const seen = createDedupeSet(options.dedupeTtlMs);
  const lanes = new Map<string, Job[]>();
  /** Repositories with waiting jobs and none running, in the order they get a slot. */
  const ready: string[] = [];
  const running = new Map<string, Job>();
  let idleWaiters: (() => void)[] = [];
  let state: 'open' | 'draining' | 'closed' = 'open';
  let report: Promise<ShutdownReport> | undefined;

  const isIdle = (): boolean => running.size === 0 && lanes.size === 0;
  const settle = (): void => {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pump = (): void => {
    while (running.size < options.concurrency && ready.length > 0 && state !== 'closed') {
      const key = ready.shift()!;
      const lane = lanes.get(key)!;
      const job = lane.shift()!;
      if (lane.length === 0) lanes.delete(key);
      running.set(key, job);
      void execute(key, job);
    }
    settle();
  };

  const execute = async (key: string, job: Job): Promise<void> => {
    const log = options.log.child({ job: job.id, kind: job.task.kind });
    options.onEvent?.({ phase: 'start', job, at: Date.now() });
    try {
      await handlers.beforeRun?.(job);
      await handlers.run(job);
    } catch (error) {
      // Forgotten, so a redelivery of the webhook can try again.
      seen.delete(job.id);
      log.error({ err: error }, 'job failed');
    } finally {
      options.onEvent?.({ phase: 'end', job, at: Date.now() });
      running.delete(key);
      if (lanes.has(key)) ready.push(key);
      pump();
    }
  };

  const enqueue = async (input: JobInput): Promise<EnqueueOutcome> => {
    if (state === 'closed') throw new Error('the job queue is shut down');
    const job = toJob(input, now());
    if (!seen.add(job.id)) {
      options.onEvent?.({ phase: 'duplicate', job, at: Date.now() });
      options.log.info({ job: job.id, delivery: job.delivery }, 'duplicate job dropped');
      return 'duplicate';
    }
    const key = repoKey(job.repository);
    const lane = lanes.get(key);
    if (lane) lane.push(job);
    else {
      lanes.set(key, [job]);
      if (!running.has(key)) ready.push(key);
    }
    pump();
    return 'queued';
  };

  const idle = (): Promise<void> => (isIdle() ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve)));

  const drain = async (deadlineMs: number): Promise<ShutdownReport> => {
    state = 'draining';
    const drained = await Promise.race([idle().then(() => true), delay(deadlineMs).then(() => false)]);
    state = 'closed';
    if (drained) return { interrupted: [], requeued: [], dropped: [] };
    const stuck = [...running.values()];
    const dropped = [...lanes.values()].flat();
    lanes.clear();
    ready.length = 0;
    options.log.warn({ interrupted: stuck.map((j) => j.id), dropped: dropped.map((j) => j.id) }, 'drain deadline passed: interrupting running jobs');
    await handlers.interrupt(stuck).catch((error: unknown) => options.log.error({ err: error }, 'could not complete interrupted check runs'));
    return { interrupted: stuck.map((j) => j.id), requeued: [], dropped: dropped.map((j) => j.id) };
  };

  return {
    mode: 'in-process',
    enqueue,
    idle,
    shutdown: (deadlineMs) => (report ??= drain(deadlineMs)),
  };
}
