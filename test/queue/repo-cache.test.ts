/** The repository cache, in memory and in Redis: the same behaviour from both. */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryRepoCache, redisRepoCache, type RepoCache } from '../../src/queue/repo-cache.js';
import { describeWithRedis, usePrefix } from '../helpers/redis.js';

const A = { owner: 'Acme', repo: 'Pipelines' };
const B = { owner: 'acme', repo: 'other' };
const C = { owner: 'someone-else', repo: 'pipelines' };

function behaves(make: (now: () => number) => RepoCache | Promise<RepoCache>): void {
  it('keeps a value until it expires, per kind and repository, names case-insensitive', async () => {
    let now = 1_000;
    const cache = await make(() => now);
    await cache.set('config', A, { ok: true, n: 1 }, 500);
    await cache.set('tracking-issue', A, 7, 500);
    expect(await cache.get('config', { owner: 'acme', repo: 'PIPELINES' })).toEqual({ ok: true, n: 1 });
    expect(await cache.get('tracking-issue', A)).toBe(7);
    expect(await cache.get('config', B)).toBeUndefined();
    now += 499;
    expect(await cache.get('tracking-issue', A)).toBe(7);
    now += 1;
    expect(await cache.get('config', A)).toBeUndefined();
    expect(await cache.get('tracking-issue', A)).toBeUndefined();
  });

  it('forgets one repository, or every repository of an owner, of one kind', async () => {
    const cache = await make(() => 0);
    for (const repo of [A, B, C]) {
      await cache.set('config', repo, repo.repo, 60_000);
      await cache.set('tracking-issue', repo, 1, 60_000);
    }
    await cache.forget('config', B);
    expect(await cache.get('config', B)).toBeUndefined();
    expect(await cache.get('config', A)).toBe('Pipelines');
    await cache.forgetOwner('config', 'ACME');
    expect(await cache.get('config', A)).toBeUndefined();
    expect(await cache.get('config', C)).toBe('pipelines');
    expect(await cache.get('tracking-issue', A)).toBe(1);
  });

  it('stores nothing with a zero time to live', async () => {
    const cache = await make(() => 0);
    await cache.set('config', A, 'x', 0);
    expect(await cache.get('config', A)).toBeUndefined();
  });
}

describe('in-memory repository cache', () => behaves((now) => memoryRepoCache(now)));

describeWithRedis('Redis repository cache', (url) => {
  const prefix = usePrefix(url);
  const clients: Redis[] = [];
  afterAll(() => clients.forEach((client) => client.disconnect()));
  behaves((now) => {
    const client = new Redis(url);
    clients.push(client);
    return redisRepoCache(client, prefix(), now);
  });

  it('is shared: what one instance forgets, the other no longer sees', async () => {
    const [one, two] = [new Redis(url), new Redis(url)];
    clients.push(one, two);
    const p = prefix();
    await redisRepoCache(one, p).set('config', A, 'shared', 60_000);
    expect(await redisRepoCache(two, p).get('config', A)).toBe('shared');
    await redisRepoCache(two, p).forgetOwner('config', 'acme');
    expect(await redisRepoCache(one, p).get('config', A)).toBeUndefined();
  });
});
