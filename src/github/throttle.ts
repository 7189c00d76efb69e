/**
 * Pacing of requests. Reads run a few at a time (GitHub asks integrators not to make
 * many concurrent requests). Content-creating writes back off on secondary rate limits
 * ourselves: Probot retries primary limits only.
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
 */
export const READ_CONCURRENCY = 8;
const MAX_WRITE_ATTEMPTS = 4;
const DEFAULT_WAIT_SECONDS = 60;

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
  response?: { headers?: Record<string, string | number | undefined> };
}

/** Seconds to wait when `error` is a secondary rate limit, else undefined. */
export function secondaryLimitWait(error: unknown, attempt: number): number | undefined {
  const e = error as HttpErrorLike;
  if (e?.status !== 403 && e?.status !== 429) return undefined;
  const headers = e.response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter;
  if (!/secondary rate limit/i.test(e.message ?? '') && headers['x-ratelimit-remaining'] !== '0') return undefined;
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, reset - Math.floor(Date.now() / 1000));
  // No hint given: wait at least a minute, doubling each time, as GitHub's docs advise.
  return DEFAULT_WAIT_SECONDS * 2 ** attempt;
}

export async function withWriteBackoff<T>(sleep: (ms: number) => Promise<void>, write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const wait = secondaryLimitWait(error, attempt);
      if (wait === undefined || attempt + 1 >= MAX_WRITE_ATTEMPTS) throw error;
      await sleep(wait * 1000);
    }
  }
}
