/**
 * Small facts about a repository remembered between jobs, so that each event does not
 * pay for them again: its loaded `.github/remediation.yml` and the number of its tracking
 * issue. In-process, or in Redis when several instances share the work (an entry dropped
 * by one instance's webhook is dropped for all). Values are plain JSON with an expiry.
 *
 * Entries are grouped by owner: a change to the owner's `.github` repository (the config
 * plugin's fallback) or to a file other repositories `_extends` must drop them all.
 */
import type { Redis } from 'ioredis';
import type { RepoRef } from '../github/types.js';

export type CacheKind = 'config' | 'tracking-issue' | 'tracking-state';

export interface RepoCache {
  get<T>(kind: CacheKind, repo: RepoRef): Promise<T | undefined>;
  set<T>(kind: CacheKind, repo: RepoRef, value: T, ttlMs: number): Promise<void>;
  forget(kind: CacheKind, repo: RepoRef): Promise<void>;
  forgetOwner(kind: CacheKind, owner: string): Promise<void>;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

const group = (kind: CacheKind, owner: string): string => `${kind}:${owner.toLowerCase()}`;
const member = (repo: RepoRef): string => repo.repo.toLowerCase();

/** `now` is the wall clock in ms; replaced in tests. */
export function memoryRepoCache(now: () => number = Date.now): RepoCache {
  const groups = new Map<string, Map<string, Entry>>();
  return {
    async get<T>(kind: CacheKind, repo: RepoRef): Promise<T | undefined> {
      const entries = groups.get(group(kind, repo.owner));
      const entry = entries?.get(member(repo));
      if (!entry) return undefined;
      if (entry.expiresAt > now()) return entry.value as T;
      entries!.delete(member(repo));
      return undefined;
    },
    async set<T>(kind: CacheKind, repo: RepoRef, value: T, ttlMs: number): Promise<void> {
      if (ttlMs <= 0) return;
      const key = group(kind, repo.owner);
      const entries = groups.get(key) ?? new Map<string, Entry>();
      groups.set(key, entries);
      entries.set(member(repo), { value, expiresAt: now() + ttlMs });
    },
    forget: async (kind, repo) => void groups.get(group(kind, repo.owner))?.delete(member(repo)),
    forgetOwner: async (kind, owner) => void groups.delete(group(kind, owner)),
  };
}

/** One hash per owner and kind; each field carries its own expiry. */
export function redisRepoCache(redis: Redis, prefix: string, now: () => number = Date.now): RepoCache {
  const key = (kind: CacheKind, owner: string): string => `${prefix}:cache:${group(kind, owner)}`;
  return {
    async get<T>(kind: CacheKind, repo: RepoRef): Promise<T | undefined> {
      const raw = await redis.hget(key(kind, repo.owner), member(repo));
      if (raw === null) return undefined;
      try {
        const entry = JSON.parse(raw) as Entry;
        return entry.expiresAt > now() ? (entry.value as T) : undefined;
      } catch {
        return undefined;
      }
    },
    async set<T>(kind: CacheKind, repo: RepoRef, value: T, ttlMs: number): Promise<void> {
      if (ttlMs <= 0) return;
      const entry: Entry = { value, expiresAt: now() + ttlMs };
      // One TTL per kind: the hash outlives its newest field, so no field outlives its expiry by much.
      await redis.multi().hset(key(kind, repo.owner), member(repo), JSON.stringify(entry)).pexpire(key(kind, repo.owner), ttlMs).exec();
    },
    forget: async (kind, repo) => void (await redis.hdel(key(kind, repo.owner), member(repo))),
    forgetOwner: async (kind, owner) => void (await redis.del(key(kind, owner))),
  };
}
