/**
 * Redis for tests. The Redis tests run whenever REDIS_URL is set (`.ci/run` starts a
 * redis-server and sets it). Under CI a missing REDIS_URL fails them rather than skipping
 * them; only a local run without Redis skips them.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, it } from 'vitest';

export const REDIS_URL = process.env.REDIS_URL?.trim() || undefined;
const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false';

export function describeWithRedis(name: string, body: (url: string) => void): void {
  if (REDIS_URL) {
    describe(name, () => {
      beforeAll(async () => {
        // Fail fast with the cause instead of timing out on a reconnecting client.
        const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
        try {
          await client.connect();
          await client.ping();
        } catch (error) {
          throw new Error(`Redis at REDIS_URL is unreachable: ${(error as Error).message}`);
        } finally {
          client.disconnect();
        }
      });
      body(REDIS_URL);
    });
    return;
  }
  if (IN_CI) {
    describe(name, () => {
      it('needs Redis', () => {
        throw new Error('REDIS_URL is not set: CI must run the Redis tests (.ci/run starts redis-server)');
      });
    });
    return;
  }
  // The suite's body is not even collected: it would open connections at describe time.
  describe.skip(`${name} (set REDIS_URL to run)`, () => {
    it('runs with REDIS_URL set', () => undefined);
  });
}

/** A key prefix of its own per test, removed afterwards, so test files can share one Redis. */
export function usePrefix(url: string): () => string {
  const used: string[] = [];
  afterAll(async () => {
    const client = new Redis(url);
    for (const prefix of used) {
      const keys = await client.keys(`${prefix}:*`);
      if (keys.length > 0) await client.del(...keys);
    }
    client.disconnect();
  });
  return () => {
    const prefix = `test-${randomUUID()}`;
    used.push(prefix);
    return prefix;
  };
}
