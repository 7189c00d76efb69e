/** Queue settings from the environment, validated at startup so a typo fails loudly. */

/** GitHub caps webhook payloads at 25 MB: https://docs.github.com/en/webhooks/webhook-events-and-payloads#payload-cap */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface QueueSettings {
  /** Shared queue and repository locks in Redis; in-process queue when absent. */
  redisUrl?: string;
  /** Jobs run at once by this instance (different repositories only). */
  concurrency: number;
  /** How long SIGTERM waits for running jobs before interrupting them. */
  drainMs: number;
  /** Age after which a check run left `in_progress` by a dead job is completed as interrupted. */
  staleAfterMs: number;
  /** How long a job id is remembered to drop redeliveries and repeats. */
  dedupeTtlMs: number;
  /** Prefix of the Redis keys. */
  redisPrefix: string;
  repoLockTtlMs: number;
  busyRetryMs: number;
  /** BullMQ's job lock and stalled check; BullMQ's defaults when absent. */
  jobLockMs?: number;
  stalledIntervalMs?: number;
  /** How long a repository's config and tracking-issue number are reused (0: read on every event). */
  repoCacheMs: number;
  /** A check run is created in progress only when its work outlasts this. */
  checkRunGraceMs: number;
  /** Webhook bodies over this are refused unread (GitHub sends at most 25 MB). */
  webhookMaxBytes: number;
}

export const DEFAULT_SETTINGS: QueueSettings = {
  concurrency: 4,
  // Kubernetes and most platforms kill 30 s after SIGTERM: leave time to close check runs.
  drainMs: 25_000,
  staleAfterMs: 15 * 60_000,
  dedupeTtlMs: 60 * 60_000,
  redisPrefix: 'remediation',
  repoLockTtlMs: 30_000,
  busyRetryMs: 500,
  repoCacheMs: 10 * 60_000,
  checkRunGraceMs: 4_000,
  webhookMaxBytes: MAX_WEBHOOK_BYTES,
};

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function nonNegativeInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of 0 or more, got "${raw}"`);
  return value;
}

export function readQueueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const concurrency = positiveInteger(env, 'REMEDIATION_CONCURRENCY');
  const drainSeconds = positiveInteger(env, 'REMEDIATION_DRAIN_SECONDS');
  const staleMinutes = positiveInteger(env, 'REMEDIATION_STALE_MINUTES');
  const redisUrl = env.REDIS_URL?.trim();
  const prefix = env.REMEDIATION_REDIS_PREFIX?.trim();
  const cacheSeconds = nonNegativeInteger(env, 'REMEDIATION_CACHE_SECONDS');
  const graceMs = nonNegativeInteger(env, 'REMEDIATION_CHECK_GRACE_MS');
  const maxBytes = positiveInteger(env, 'REMEDIATION_WEBHOOK_MAX_BYTES');
  return {
    ...DEFAULT_SETTINGS,
    ...(redisUrl ? { redisUrl } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(drainSeconds ? { drainMs: drainSeconds * 1000 } : {}),
    ...(staleMinutes ? { staleAfterMs: staleMinutes * 60_000 } : {}),
    ...(prefix ? { redisPrefix: prefix } : {}),
    ...(cacheSeconds !== undefined ? { repoCacheMs: cacheSeconds * 1000 } : {}),
    ...(graceMs !== undefined ? { checkRunGraceMs: graceMs } : {}),
    // A lower cap may be set; a higher one would only let more through than GitHub ever sends.
    ...(maxBytes ? { webhookMaxBytes: Math.min(maxBytes, MAX_WEBHOOK_BYTES) } : {}),
  };
}
