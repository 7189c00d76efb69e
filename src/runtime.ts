/**
 * The app's job runtime: the queue (in-process, or BullMQ when REDIS_URL is set), the
 * worker that runs jobs with installation clients, and the shutdown that drains it.
 * Probot's own throttling shares Redis by itself when REDIS_URL is set (its `run` reads it
 * into `redisConfig`), so requests are paced across instances too.
 */
import type { Probot } from 'probot';
import { completeStaleRuns, interruptJobs, runJob, type WorkerEnvironment } from './github/app/run-job.js';
import type { AppServices } from './github/types.js';
import { createInProcessQueue } from './queue/in-process-queue.js';
import { memoryInflightStore, redisInflightStore } from './queue/inflight-store.js';
import { redisRepoCache } from './queue/repo-cache.js';
import { createRedisQueue } from './queue/redis-queue.js';
import type { QueueSettings } from './queue/settings.js';
import type { JobEvent, JobHandlers, JobQueue, ShutdownReport } from './queue/types.js';

export interface RuntimeOptions {
  settings: QueueSettings;
  /** Drain on SIGTERM and SIGINT, then exit (the production entry point only). */
  handleSignals?: boolean;
  /** Where signals come from and how to exit (the process; replaced in tests). */
  signals?: NodeJS.EventEmitter;
  exit?: (code: number) => void;
  onJobEvent?: (event: JobEvent) => void;
}

export interface AppRuntime {
  queue: JobQueue;
  /** Drains the queue (until the configured deadline); the same promise on every call. */
  shutdown(): Promise<ShutdownReport>;
}

export async function startRuntime(app: Probot, services: AppServices, options: RuntimeOptions): Promise<AppRuntime> {
  const { settings } = options;
  const log = app.log.child({ name: 'remediation-queue' });
  const env: WorkerEnvironment = {
    auth: (installationId) => app.auth(installationId),
    services,
    log,
    inflight: memoryInflightStore(),
    staleAfterMs: settings.staleAfterMs,
  };
  const handlers: JobHandlers = {
    run: (job) => runJob(env, job),
    interrupt: (jobs) => interruptJobs(env, jobs),
    beforeRun: (job) => completeStaleRuns(env, job).catch((error: unknown) => log.warn({ err: error }, 'could not complete stale check runs')),
  };
  const common = { concurrency: settings.concurrency, dedupeTtlMs: settings.dedupeTtlMs, log, now: services.now, onEvent: options.onJobEvent };
  let queue: JobQueue;
  if (settings.redisUrl) {
    const redisQueue = await createRedisQueue(
      {
        ...common,
        url: settings.redisUrl,
        prefix: settings.redisPrefix,
        repoLockTtlMs: settings.repoLockTtlMs,
        busyRetryMs: settings.busyRetryMs,
        jobLockMs: settings.jobLockMs,
        stalledIntervalMs: settings.stalledIntervalMs,
      },
      handlers,
    );
    env.inflight = redisInflightStore(redisQueue.redis, settings.redisPrefix);
    services.cache = redisRepoCache(redisQueue.redis, settings.redisPrefix, () => services.now().getTime());
    redisQueue.start();
    queue = redisQueue;
    // A restart: what a dead process left in progress is completed now, not at the repository's next job.
    void completeStaleRuns(env).catch((error: unknown) => log.warn({ err: error }, 'could not complete stale check runs at startup'));
  } else {
    queue = createInProcessQueue(common, handlers);
  }
  log.info({ mode: queue.mode, concurrency: settings.concurrency }, 'job queue started');

  let report: Promise<ShutdownReport> | undefined;
  const shutdown = (): Promise<ShutdownReport> => (report ??= queue.shutdown(settings.drainMs));
  if (options.handleSignals) {
    const exit = options.exit ?? ((code: number) => process.exit(code));
    const onSignal = (signal: NodeJS.Signals): void => {
      log.info({ signal, drainMs: settings.drainMs }, 'shutting down: draining the job queue');
      shutdown().then(
        (result) => {
          log.info({ interrupted: result.interrupted.length, requeued: result.requeued.length, dropped: result.dropped.length }, 'job queue drained');
          exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'job queue shutdown failed');
          exit(1);
        },
      );
    };
    const signals = options.signals ?? process;
    signals.once('SIGTERM', onSignal);
    signals.once('SIGINT', onSignal);
  }
  return { queue, shutdown };
}
