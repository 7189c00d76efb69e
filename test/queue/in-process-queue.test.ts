import { describe, expect, it } from 'vitest';
import { createInProcessQueue } from '../../src/queue/in-process-queue.js';
import { jobId, type Job, type JobInput } from '../../src/queue/jobs.js';
import type { JobEvent, JobHandlers } from '../../src/queue/types.js';
import { silentLog } from '../helpers/logs.js';
import { intervals, overlapping } from './support/intervals.js';

const log = silentLog();
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function push(repo: string, sha: string, delivery = `d-${repo}-${sha}`): JobInput {
  return { delivery, installationId: 1, repository: { owner: 'octo', repo, htmlUrl: `https://github.com/octo/${repo}`, defaultBranch: 'main' }, task: { kind: 'push', branch: 'main', sha, before: '0' } };
}

function harness(concurrency: number, run: (job: Job) => Promise<void> = () => wait(20)) {
  const events: JobEvent[] = [];
  const interrupted: string[] = [];
  const handlers: JobHandlers = {
    run,
    interrupt: async (jobs) => void interrupted.push(...jobs.map((j) => j.id)),
  };
  const queue = createInProcessQueue({ concurrency, dedupeTtlMs: 60_000, log, onEvent: (e) => events.push(e) }, handlers);
  return { queue, events, interrupted };
}

describe('the in-process queue', () => {
  it('runs the jobs of one repository one at a time, in order', async () => {
    const { queue, events } = harness(4);
    for (let i = 0; i < 6; i++) await queue.enqueue(push('a', `s${i}`));
    await queue.idle();
    const runs = intervals(events);
    expect(runs.map((r) => r.job.task.kind === 'push' && r.job.task.sha)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5']);
    expect(overlapping(runs)).toEqual([]);
  });

  it('runs different repositories in parallel, never more than the concurrency', async () => {
    const { queue, events } = harness(3, () => wait(40));
    for (const repo of ['a', 'b', 'c', 'd', 'e', 'f']) await queue.enqueue(push(repo, 's'));
    await queue.idle();
    const runs = intervals(events);
    let peak = 0;
    for (const run of runs) peak = Math.max(peak, runs.filter((o) => o.start <= run.start && run.start < o.end).length);
    // Three at once (parallel), never four (bounded).
    expect(peak).toBe(3);
  });

  it('gives each repository its turn: a busy one does not starve the others', async () => {
    const { queue, events } = harness(1, () => wait(5));
    for (let i = 0; i < 4; i++) await queue.enqueue(push('busy', `s${i}`));
    await queue.enqueue(push('quiet', 's'));
    await queue.idle();
    const order = intervals(events).map((r) => r.job.repository.repo);
    expect(order.indexOf('quiet')).toBeLessThanOrEqual(1);
  });

  it('drops a redelivery and a repeated event for the same head', async () => {
    const { queue, events } = harness(2);
    expect(await queue.enqueue(push('a', 's1', 'delivery-1'))).toBe('queued');
    expect(await queue.enqueue(push('a', 's1', 'delivery-1'))).toBe('duplicate');
    expect(await queue.enqueue(push('a', 's1', 'delivery-2'))).toBe('duplicate');
    expect(await queue.enqueue(push('A', 's1', 'delivery-3'))).toBe('duplicate');
    expect(await queue.enqueue(push('a', 's2', 'delivery-4'))).toBe('queued');
    await queue.idle();
    expect(events.filter((e) => e.phase === 'start')).toHaveLength(2);
    expect(events.filter((e) => e.phase === 'duplicate')).toHaveLength(3);
  });

  it('forgets a failed job so that a redelivery runs it again', async () => {
    let calls = 0;
    const { queue } = harness(1, async () => {
      calls++;
      if (calls === 1) throw new Error('GitHub is down');
    });
    await queue.enqueue(push('a', 's1', 'delivery-1'));
    await queue.idle();
    expect(await queue.enqueue(push('a', 's1', 'delivery-1'))).toBe('queued');
    await queue.idle();
    expect(calls).toBe(2);
  });

  it('drains running and queued jobs on shutdown, then refuses new ones', async () => {
    const done: string[] = [];
    const { queue, interrupted } = harness(1, async (job) => {
      await wait(30);
      done.push(job.id);
    });
    await queue.enqueue(push('a', 's1'));
    await queue.enqueue(push('b', 's1'));
    const report = await queue.shutdown(5_000);
    expect(report).toEqual({ interrupted: [], requeued: [], dropped: [] });
    expect(done).toHaveLength(2);
    expect(interrupted).toEqual([]);
    await expect(queue.enqueue(push('a', 's2'))).rejects.toThrow(/shut down/);
  });

  it('at the deadline interrupts the running job and drops the ones never started', async () => {
    const { queue, interrupted } = harness(1, () => new Promise<void>(() => undefined));
    await queue.enqueue(push('a', 's1'));
    await queue.enqueue(push('b', 's1'));
    const report = await queue.shutdown(50);
    expect(report.interrupted).toEqual([jobId(push('a', 's1'))]);
    expect(report.dropped).toEqual([jobId(push('b', 's1'))]);
    expect(interrupted).toEqual(report.interrupted);
  });
});

describe('job ids', () => {
  it('name the head and trigger of a check, and never contain a colon (BullMQ)', () => {
    const pr: JobInput = { ...push('Repo', 's'), task: { kind: 'pr-check', pr: { number: 2, headSha: 'abc', baseSha: 'def' }, trigger: 'synchronize' } };
    expect(jobId(pr)).toBe('pr-check|octo/repo|abc|synchronize');
    expect(jobId({ ...pr, delivery: 'a:b', task: { kind: 'rerun', headSha: 'abc', pulls: [] } })).toBe('rerun|octo/repo|abc|a_b');
  });
});
