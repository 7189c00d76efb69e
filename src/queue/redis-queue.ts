/**
 * The shared queue (REDIS_URL set): several instances add to and work from one BullMQ
 * queue. BullMQ alone runs jobs in parallel, so each job first takes its repository's
 * lock; when another instance holds it, the job goes back as delayed (freeing the slot
 * for other repositories) and is tried again shortly. Duplicates are dropped with a
 * `SET NX` marker per job id, kept for the dedupe window; BullMQ ignores an existing id too.
 * https://docs.bullmq.io/guide/workers/concurrency
 * https://docs.bullmq.io/patterns/process-step-jobs (delaying: moveToDelayed + DelayedError)
 * https://docs.bullmq.io/guide/workers/graceful-shutdown
 */
import { randomUUID } from 'node:crypto';
import { DelayedError, Job as BullJobClass, Queue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'probot';
import { repoKey, toJob, type Job, type JobInput, type JobKind } from './jobs.js';
import { createRepoLocks, type HeldLock } from './repo-lock.js';
import { delay, type EnqueueOutcome, type JobEvent, type JobHandlers, type JobQueue, type ShutdownReport } from './types.js';

export const QUEUE_NAME = 'remediation-jobs';

export interface RedisQueueOptions {
  url: string;
  /** Prefix of every key: lets several apps share one Redis. */
  prefix: string;
  concurrency: number;
  dedupeTtlMs: number;
  /** Repository lock lifetime without renewal: how long a crashed holder blocks its repository. */
  repoLockTtlMs: number;
  /** Wait before a job whose repository is busy is tried again (jittered up to twice). */
  busyRetryMs: number;
  /** BullMQ's own job lock and stalled-job check (defaults 30 s); shortened in tests. */
  jobLockMs?: number;
  stalledIntervalMs?: number;
  log: Logger;
  now?: () => Date;
  onEvent?: (event: JobEvent) => void;
}

export interface RedisJobQueue extends JobQueue {
  /** The client of the queue's commands, shared with the in-flight store. */
  readonly redis: Redis;
  /** Starts taking jobs (separate, so the app can wire what jobs need first). */
  start(): void;
}

interface Running {
  bullJob: BullJob<Job, void, JobKind>;
  token: string | undefined;
  lock: HeldLock;
}

export async function createRedisQueue(options: RedisQueueOptions, handlers: JobHandlers): Promise<RedisJobQueue> {
  const { log } = options;
  // Commands fail after a few reconnection attempts rather than hang a webhook; the
  // worker's connection must wait forever (BullMQ requires maxRetriesPerRequest: null).
  const redis = new Redis(options.url, { maxRetriesPerRequest: 3, lazyConnect: true });
  const workerRedis = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: true });
  for (const client of [redis, workerRedis]) client.on('error', (error: Error) => log.warn({ err: error }, 'redis connection error'));
  await Promise.all([redis.connect(), workerRedis.connect()]);
  const locks = createRepoLocks(redis, options.prefix, options.repoLockTtlMs);
  const instance = randomUUID();
  const now = options.now ?? (() => new Date());
  const running = new Map<string, Running>();
  const runningWaiters: (() => void)[] = [];
  let report: Promise<ShutdownReport> | undefined;
  const seenKey = (id: string): string => `${options.prefix}:seen:${id}`;

  const queue = new Queue<Job, void, JobKind>(QUEUE_NAME, {
    connection: redis,
    prefix: options.prefix,
    defaultJobOptions: { attempts: 1, removeOnComplete: { age: Math.ceil(options.dedupeTtlMs / 1000), count: 1000 }, removeOnFail: true },
  });
  queue.on('error', (error) => log.error({ err: error }, 'job queue error'));

  const processJob = async (bullJob: BullJob<Job, void, JobKind>, token?: string): Promise<void> => {
    const job = bullJob.data;
    const lock = await locks.tryAcquire(repoKey(job.repository), `${instance}|${job.id}`, () =>
      log.error({ job: job.id }, 'repository lock lost while the job ran; another job of the repository may run'),
    );
    if (!lock) {
      await bullJob.moveToDelayed(Date.now() + options.busyRetryMs * (1 + Math.random()), token);
      throw new DelayedError();
    }
    running.set(job.id, { bullJob, token, lock });
    options.onEvent?.({ phase: 'start', job, at: Date.now() });
    try {
      await handlers.beforeRun?.(job);
      await handlers.run(job);
    } catch (error) {
      await redis.del(seenKey(job.id)).catch(() => undefined);
      log.error({ err: error, job: job.id, kind: job.task.kind }, 'job failed');
      throw error;
    } finally {
      options.onEvent?.({ phase: 'end', job, at: Date.now() });
      running.delete(job.id);
      await lock.release().catch((error: unknown) => log.warn({ err: error, job: job.id }, 'could not release the repository lock'));
      if (running.size === 0) for (const resolve of runningWaiters.splice(0)) resolve();
    }
  };

  const worker = new Worker<Job, void, JobKind>(QUEUE_NAME, processJob, {
    connection: workerRedis,
    prefix: options.prefix,
    concurrency: options.concurrency,
    autorun: false,
    ...(options.jobLockMs ? { lockDuration: options.jobLockMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  });
  worker.on('error', (error) => log.error({ err: error }, 'job worker error'));

  const enqueue = async (input: JobInput): Promise<EnqueueOutcome> => {
    if (report) throw new Error('the job queue is shut down');
    const job = toJob(input, now());
    const fresh = await redis.set(seenKey(job.id), job.delivery, 'PX', options.dedupeTtlMs, 'NX');
    if (fresh !== 'OK') {
      options.onEvent?.({ phase: 'duplicate', job, at: Date.now() });
      log.info({ job: job.id, delivery: job.delivery }, 'duplicate job dropped');
      return 'duplicate';
    }
    try {
      await queue.add(job.task.kind, job, { jobId: job.id });
    } catch (error) {
      await redis.del(seenKey(job.id)).catch(() => undefined);
      throw error;
    }
    return 'queued';
  };

  const idle = async (): Promise<void> => {
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (running.size === 0 && Object.values(counts).every((n) => n === 0)) return;
      await delay(20);
    }
  };

  const drain = async (deadlineMs: number): Promise<ShutdownReport> => {
    // Stop fetching; running jobs go on until the deadline.
    await worker.pause(true);
    const finished = running.size === 0 || (await Promise.race([new Promise<true>((resolve) => runningWaiters.push(() => resolve(true))), delay(deadlineMs).then(() => false)]));
    const stuck = finished ? [] : [...running.values()];
    if (stuck.length > 0) {
      log.warn({ interrupted: stuck.map((r) => r.bullJob.data.id) }, 'drain deadline passed: interrupting and re-queueing running jobs');
      await handlers.interrupt(stuck.map((r) => r.bullJob.data)).catch((error: unknown) => log.error({ err: error }, 'could not complete interrupted check runs'));
    }
    // Closed before re-queueing: a paused worker's pending fetch could otherwise take the job back.
    await worker.close(true);
    for (const r of stuck) {
      // Back to waiting at once (rather than after BullMQ's stalled check): another instance takes it.
      const job = await BullJobClass.fromId<Job, void, JobKind>(queue, r.bullJob.id!);
      await job?.moveToWait(r.token).catch((error: unknown) => log.warn({ err: error, job: r.bullJob.data.id }, 'could not re-queue the job'));
      await r.lock.release().catch(() => undefined);
    }
    await queue.close();
    await Promise.allSettled([redis.quit(), workerRedis.quit()]);
    const ids = stuck.map((r) => r.bullJob.data.id);
    return { interrupted: ids, requeued: ids, dropped: [] };
  };

  return {
    mode: 'redis',
    redis,
    start: () => void worker.run().catch((error: unknown) => log.error({ err: error }, 'job worker stopped')),
    enqueue,
    idle,
    shutdown: (deadlineMs) => (report ??= drain(deadlineMs)),
  };
}
