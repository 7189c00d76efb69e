/**
 * With Redis: check runs a dead instance left `in_progress` are completed as interrupted
 * when an instance starts, or at the repository's next job; and Probot's request
 * throttling goes through Redis as soon as REDIS_URL is set.
 */
import { Redis } from 'ioredis';
import nock from 'nock';
import { createProbot } from 'probot';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { INTERRUPTED_TITLE } from '../../src/github/app/inflight-runs.js';
import type { InflightRun } from '../../src/queue/inflight-store.js';
import { DEFAULT_SETTINGS } from '../../src/queue/settings.js';
import { API } from '../helpers/github-mock.js';
import { describeWithRedis, usePrefix } from '../helpers/redis.js';
import { createTestApp, FIXED_NOW, payload, testKey, type TestApp } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { FakeGitHub } from './support/fake-github.js';

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeWithRedis('after a restart', (url) => {
  const newPrefix = usePrefix(url);
  const apps: TestApp[] = [];
  const redis = new Redis(url);
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.runtime.shutdown()));
    nock.cleanAll();
  });
  afterAll(() => {
    redis.disconnect();
  });

  /** What a process that died mid-check leaves in Redis. */
  function leftBehind(prefix: string, checkRunId: number, minutesAgo: number): Promise<number> {
    const run: InflightRun = {
      installationId: 1,
      owner: 'Codertocat',
      repo: 'Hello-World',
      htmlUrl: 'https://github.com/Codertocat/Hello-World',
      checkRunId,
      headSha: `head${checkRunId}`,
      jobId: 'pr-check|codertocat/hello-world|dead|opened',
      startedAt: FIXED_NOW.getTime() - minutesAgo * 60_000,
    };
    return redis.hset(`${prefix}:inflight`, `codertocat/hello-world#${checkRunId}`, JSON.stringify(run));
  }

  it('completes stale runs at startup, and at the next job of their repository', async () => {
    const github = new FakeGitHub();
    for (const id of [77, 78, 79]) github.checkRuns.push({ id, head_sha: `head${id}`, status: 'in_progress', updates: 0 });
    const prefix = newPrefix();
    await leftBehind(prefix, 77, 20);
    // Started a minute ago: maybe still running on another instance, so left alone.
    await leftBehind(prefix, 79, 1);
    const app = await createTestApp(fakeEngine(), { app: { settings: { ...DEFAULT_SETTINGS, redisUrl: url, redisPrefix: prefix, checkRunGraceMs: 0 } } });
    apps.push(app);
    const run = (id: number) => github.checkRuns.find((r) => r.id === id)!;
    await until(() => run(77).status === 'completed');
    expect(run(77)).toMatchObject({ conclusion: 'neutral', output: { title: INTERRUPTED_TITLE } });
    expect(run(77).output?.summary).toContain('Recheck');

    // Another instance dies while this one runs: the repository's next job cleans up after it.
    await leftBehind(prefix, 78, 16);
    await app.probot.receive({ id: 'delivery-closed', name: 'pull_request', payload: payload('pull_request.closed') });
    await app.runtime.queue.idle();
    expect(run(78)).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: INTERRUPTED_TITLE } });
    expect(run(79).status).toBe('in_progress');
    expect(await redis.hkeys(`${prefix}:inflight`)).toEqual(['codertocat/hello-world#79']);
  });

  it("shares Probot's request throttling through Redis when REDIS_URL is set", async () => {
    // The same environment `probot run` reads: REDIS_URL becomes Probot's `redisConfig`.
    const probot = createProbot({ env: { APP_ID: '1', PRIVATE_KEY: testKey(), REDIS_URL: url, LOG_LEVEL: 'fatal' } });
    const stale = await redis.keys('b_octokit-*');
    if (stale.length > 0) await redis.del(...stale);
    nock(API).get('/app').reply(200, { id: 1, slug: 'remediation-app' });
    const octokit = await probot.auth();
    await octokit.rest.apps.getAuthenticated();
    // Bottleneck (behind @octokit/plugin-throttling) keeps its limiter state in Redis.
    expect((await redis.keys('b_octokit-*')).length).toBeGreaterThan(0);
  });
});
