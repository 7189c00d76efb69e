/**
 * One look at the Redis that REDIS_URL names, before anything else connects to it. An
 * unreachable Redis otherwise shows up as a burst of stack traces: Probot's throttling
 * (Bottleneck) and the queue's two ioredis clients each log every failed attempt, and
 * ioredis keeps reconnecting. This probe tries once, never retries, and says why.
 * https://github.com/redis/ioredis#auto-reconnect
 */
import { Redis } from 'ioredis';

/** `host:port` of a Redis URL, never its password or user name. */
export function redisTarget(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') return `${parsed.hostname || 'localhost'}:${parsed.port || '6379'}`;
  } catch {
    // Not a URL: ioredis reads it as a port or a socket path.
  }
  return url.replace(/^.*@/, '');
}

/** Why Redis at `url` cannot be used (the first error, one line), or undefined when it answers PING. */
export async function redisUnreachable(url: string, timeoutMs = 5_000): Promise<string | undefined> {
  let firstError: string | undefined;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    // One attempt: the caller stops the app rather than wait for a Redis that may never come.
    retryStrategy: () => null,
  });
  client.on('error', (error: Error) => void (firstError ??= error.message));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return firstError ?? (error instanceof Error ? error.message : String(error));
  } finally {
    client.disconnect();
  }
}
