/**
 * Pacing of requests. Reads run a few at a time (GitHub asks integrators not to make
 * many concurrent requests). Secondary rate limits are waited out here, for every
 * request of a run: Probot's throttling plugin only logs them (it retries primary limits
 * only), and @octokit/plugin-retry leaves 403 and, with our options, 429 alone.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 * https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 */
import type { Logger } from 'probot';
import type { GitHub } from './types.js';

export const READ_CONCURRENCY = 8;
/** One request and at most three retries: a limit that outlasts them fails the run with its cause. */
export const MAX_LIMIT_ATTEMPTS = 4;
/** Longest single wait. A longer `retry-after` fails at once: waiting less than told would hammer. */
export const MAX_LIMIT_WAIT_SECONDS = 600;
/** GitHub: without a hint, wait at least a minute, then longer and longer. */
const DEFAULT_WAIT_SECONDS = 60;
const SECONDARY_MESSAGE = /secondary rate limit|abuse detection/i;

export type Sleep = (ms: number) => Promise<void>;

export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/**
 * Seconds to wait when `error` is a secondary rate limit, else undefined: a 403 or 429
 * with `retry-after`, or with GitHub's secondary-limit message (then until
 * `x-ratelimit-reset` when the quota is spent, else a minute doubling per attempt).
 * Primary limits (quota spent, no such message) are left to Probot.
 */
export function secondaryLimitWait(error: unknown, attempt: number, nowMs = Date.now()): number | undefined {
  const e = error as HttpErrorLike;
  if (e?.status !== 403 && e?.status !== 429) return undefined;
  const headers = e.response?.headers ?? {};
  const retryAfter = parseRetryAfter(headers['retry-after'], nowMs);
  if (retryAfter !== undefined) return retryAfter;
  if (!SECONDARY_MESSAGE.test(errorText(e))) return undefined;
  const reset = Number(headers['x-ratelimit-reset']);
  if (String(headers['x-ratelimit-remaining']) === '0' && Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - nowMs / 1000));
  return DEFAULT_WAIT_SECONDS * 2 ** attempt;
}

/** `retry-after` is seconds (what GitHub sends) or an HTTP date. */
function parseRetryAfter(value: string | number | undefined, nowMs: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - nowMs) / 1000));
}

function errorText(e: HttpErrorLike): string {
  const data = e.response?.data as { message?: unknown } | undefined;
  return `${e.message ?? ''} ${typeof data?.message === 'string' ? data.message : ''}`;
}

const paced = new WeakSet<object>();

/**
 * Makes every request of `octokit` wait out secondary rate limits and retry, at most
 * MAX_LIMIT_ATTEMPTS times in all. Registered last, so it wraps Probot's plugins: each
 * retry goes through them again. Idempotent per client.
 */
export function paceSecondaryLimits(octokit: GitHub, sleep: Sleep, log: Logger): void {
  if (paced.has(octokit)) return;
  paced.add(octokit);
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options);
      } catch (error) {
        const wait = secondaryLimitWait(error, attempt);
        if (wait === undefined) throw error;
        const fields = { method: options.method, route: options.url, attempt: attempt + 1, waitSeconds: wait };
        if (attempt + 1 >= MAX_LIMIT_ATTEMPTS || wait > MAX_LIMIT_WAIT_SECONDS) {
          log.warn(fields, 'secondary rate limit persists; giving up on the request');
          throw error;
        }
        log.warn(fields, 'secondary rate limit; waiting before retrying');
        await sleep(wait * 1000);
      }
    }
  });
}
