import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { jobId, type Job, type JobInput } from '../../src/queue/jobs.js';
import { createRedisQueue, type RedisJobQueue } from '../../src/queue/redis-queue.js';
import { createRepoLocks } from '../../src/queue/repo-lock.js';
import type { JobEvent, JobHandlers } from '../../src/queue/types.js';
import { silentLog } from '../helpers/logs.js';
import { describeWithRedis, usePrefix } from '../helpers/redis.js';
import { intervals, overlapping } from './support/intervals.js';

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function push(repo: string, sha: string, delivery = `d-${repo}-${sha}`): JobInput {
  return { delivery, installationId: 1, repository: { owner: 'octo', repo, htmlUrl: `https://github.com/octo/${repo}`, defaultBranch: 'main' }, task: { kind: 'push', branch: 'main', sha, before: '0' } };
}

describeWithRedis('the Redis queue', (url) => {
  const newPrefix = usePrefix(url);
  const open: RedisJobQueue[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((q) => q.shutdown(1000)));
  });

  async function instance(prefix: string, events: JobEvent[], handlers: Partial<JobHandlers> = {}): Promise<RedisJobQueue> {
    const queue = await createRedisQueue(
      { url, prefix, concurrency: 4, dedupeTtlMs: 60_000, repoLockTtlMs: 2_000, busyRetryMs: 10, log: silentLog(), onEvent: (e) => events.push(e) },
      { run: () => wait(15), interrupt: async () => undefined, ...handlers },
    );
    queue.start();
    open.push(queue);
    return queue;
  }

  describe('repository lock', () => {
    it('is held by one token at a time, released only by its holder, and expires', async () => {
      const redis = new Redis(url);
      const prefix = newPrefix();
      const locks = createRepoLocks(redis, prefix, 300);
      const first = await locks.tryAcquire('octo/a', 'one', () => undefined);
      expect(first).toBeDefined();
      expect(await locks.tryAcquire('octo/a', 'two', () => undefined)).toBeUndefined();
      expect(await locks.tryAcquire('octo/b', 'two', () => undefined)).toBeDefined();
      // Kept alive by its holder beyond the TTL.
      await wait(700);
      expect(await locks.tryAcquire('octo/a', 'two', () => undefined)).toBeUndefined();
      await first!.release();
      const second = await locks.tryAcquire('octo/a', 'two', () => undefined);
      expect(second).toBeDefined();
      // A stale holder cannot free another's lock.
      await redis.set(`${prefix}:lock:octo/c`, 'other', 'PX', 150);
      await redis.eval(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`, 1, `${prefix}:lock:octo/c`, 'mine');
      expect(await redis.get(`${prefix}:lock:octo/c`)).toBe('other');
      // A crashed holder's lock lapses after the TTL.
      await wait(200);
      expect(await locks.tryAcquire('octo/c', 'mine', () => undefined)).toBeDefined();
      await second!.release();
      redis.disconnect();
    });
  });

  it('never runs two jobs of a repository at once across instances, other repositories in parallel', async () => {
    const prefix = newPrefix();
    const events: JobEvent[] = [];
    const [a, b] = [await instance(prefix, events), await instance(prefix, events)];
    for (let i = 0; i < 10; i++) {
      await (i % 2 ? a : b).enqueue(push('busy', `s${i}`));
      if (i < 4) await (i % 2 ? b : a).enqueue(push(`other${i}`, 's'));
    }
    await a.idle();
    const runs = intervals(events);
    expect(runs).toHaveLength(14);
    expect(overlapping(runs)).toEqual([]);
    const crossRepo = runs.some((x) => runs.some((y) => x.job.repository.repo !== y.job.repository.repo && x.start < y.end && y.start < x.end));
    expect(crossRepo).toBe(true);
  });

  it('drops a job whose id another instance already queued', async () => {
    const prefix = newPrefix();
    const events: JobEvent[] = [];
    const [a, b] = [await instance(prefix, events), await instance(prefix, events)];
    expect(await a.enqueue(push('r', 's1', 'delivery-1'))).toBe('queued');
    expect(await b.enqueue(push('r', 's1', 'delivery-1'))).toBe('duplicate');
    await a.idle();
    expect(await b.enqueue(push('r', 's1', 'delivery-1'))).toBe('duplicate');
    expect(events.filter((e) => e.phase === 'start')).toHaveLength(1);
  });

  it('forgets a failed job so that a redelivery runs it again', async () => {
    const prefix = newPrefix();
    let calls = 0;
    const queue = await instance(prefix, [], {
      run: async () => {
        calls++;
        if (calls === 1) throw new Error('GitHub is down');
      },
    });
    await queue.enqueue(push('r', 's1'));
    await queue.idle();
    expect(await queue.enqueue(push('r', 's1'))).toBe('queued');
    await queue.idle();
    expect(calls).toBe(2);
  });

  it('at the drain deadline interrupts a running job and hands it to another instance', async () => {
    const prefix = newPrefix();
    const events: JobEvent[] = [];
    const interrupted: Job[] = [];
    let release: () => void = () => undefined;
    const stuck = await instance(prefix, events, {
      run: () => new Promise<void>((resolve) => (release = resolve)),
      interrupt: async (jobs) => void interrupted.push(...jobs),
    });
    await stuck.enqueue(push('r', 's1'));
    while (!events.some((e) => e.phase === 'start')) await wait(5);
    const report = await stuck.shutdown(50);
    open.splice(open.indexOf(stuck), 1);
    expect(report.requeued).toEqual([jobId(push('r', 's1'))]);
    expect(interrupted.map((j) => j.id)).toEqual(report.requeued);
    const ran: string[] = [];
    const next = await instance(prefix, events, { run: async (job) => void ran.push(job.id) });
    await next.idle();
    expect(ran).toEqual(report.requeued);
    release();
  });
});
