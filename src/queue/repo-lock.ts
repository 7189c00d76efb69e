/**
 * One lock per repository across instances, on a single Redis: `SET key token NX PX ttl`
 * takes it, and a Lua script releases (or extends) it only while it still holds our token,
 * so an instance whose lock expired can never free another's. The holder extends it
 * while its job runs; a crashed holder's lock expires after `ttlMs`.
 * https://redis.io/docs/latest/develop/use/patterns/distributed-locks/#correct-implementation-with-a-single-instance
 * https://redis.io/docs/latest/commands/set/
 */
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

export interface HeldLock {
  /** Stops extending and releases the lock if it is still ours. */
  release(): Promise<void>;
}

export interface RepoLocks {
  /** Takes the lock of `key` or returns undefined at once when another holder has it. */
  tryAcquire(key: string, token: string, onLost: () => void): Promise<HeldLock | undefined>;
}

export function createRepoLocks(redis: Redis, prefix: string, ttlMs: number): RepoLocks {
  return {
    async tryAcquire(key, token, onLost) {
      const name = `${prefix}:lock:${key}`;
      const taken = await redis.set(name, token, 'PX', ttlMs, 'NX');
      if (taken !== 'OK') return undefined;
      // Extended at a third of the TTL: two extensions may fail before the lock lapses.
      const timer = setInterval(() => {
        redis.eval(EXTEND, 1, name, token, String(ttlMs)).then(
          (kept) => {
            if (kept === 1) return;
            clearInterval(timer);
            onLost();
          },
          () => undefined,
        );
      }, Math.max(10, Math.floor(ttlMs / 3)));
      timer.unref();
      return {
        async release() {
          clearInterval(timer);
          await redis.eval(RELEASE, 1, name, token);
        },
      };
    },
  };
}
