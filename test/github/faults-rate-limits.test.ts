/**
 * Secondary rate limits (403 or 429 with `retry-after`, or with GitHub's secondary-limit
 * message): waited out as told, a bounded number of times, for reads and writes alike;
 * primary limits are left to Probot. Waits go through an injectable sleep (and, once,
 * real timers faked) so the tests see how long the app would wait.
 */
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_LIMIT_ATTEMPTS, paceSecondaryLimits, secondaryLimitWait } from '../../src/github/throttle.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { recordingLog } from '../helpers/logs.js';
import { createTestApp, payload, receive, TestOctokit } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const SECONDARY = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };
const NOW = Date.parse('2025-06-01T12:00:00Z');
const silent = recordingLog();
const limit = (status: number, headers: Record<string, string> = {}, message = SECONDARY.message) => ({ status, message, response: { headers, data: { message } } });

describe('secondaryLimitWait', () => {
  it('honours retry-after, in seconds or as a date', () => {
    expect(secondaryLimitWait(limit(403, { 'retry-after': '30' }), 0, NOW)).toBe(30);
    expect(secondaryLimitWait(limit(429, { 'retry-after': '0' }, 'Too Many Requests'), 0, NOW)).toBe(1);
    expect(secondaryLimitWait(limit(429, { 'retry-after': new Date(NOW + 90_000).toUTCString() }), 0, NOW)).toBe(90);
  });

  it('without retry-after: until the reset when the quota is spent, else a minute doubling', () => {
    expect(secondaryLimitWait(limit(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 42) }), 0, NOW)).toBe(42);
    expect([0, 1, 2].map((attempt) => secondaryLimitWait(limit(403), attempt, NOW))).toEqual([60, 120, 240]);
  });

  it('leaves primary limits, other 403s and other statuses alone', () => {
    expect(secondaryLimitWait(limit(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 60) }, 'API rate limit exceeded for installation ID 1.'), 0, NOW)).toBeUndefined();
    expect(secondaryLimitWait(limit(403, {}, 'Resource not accessible by integration'), 0, NOW)).toBeUndefined();
    expect(secondaryLimitWait(limit(500, { 'retry-after': '5' }), 0, NOW)).toBeUndefined();
  });
});

describe('paceSecondaryLimits on a client', () => {
  const api = () => nock('https://api.github.com');

  function client(sleeps: number[]) {
    const octokit = new TestOctokit({ auth: { token: 'test-token' } });
    paceSecondaryLimits(octokit, async (ms) => void sleeps.push(ms), silent);
    return octokit;
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits as long as retry-after says, then retries once', async () => {
    const sleeps: number[] = [];
    const scope = api().get('/repos/o/r').reply(403, SECONDARY, { 'retry-after': '7' }).get('/repos/o/r').reply(200, { name: 'r' });
    const { data } = await client(sleeps).rest.repos.get({ owner: 'o', repo: 'r' });
    expect(data).toEqual({ name: 'r' });
    expect(sleeps).toEqual([7000]);
    scope.done();
  });

  it('gives up after a bounded number of attempts (Probot does not retry the 429 on top)', async () => {
    const sleeps: number[] = [];
    let requests = 0;
    const scope = api()
      .post('/repos/o/r/issues')
      .times(MAX_LIMIT_ATTEMPTS)
      .reply(() => {
        requests++;
        return [429, { message: 'Too Many Requests' }, { 'retry-after': '2' }];
      });
    await expect(client(sleeps).rest.issues.create({ owner: 'o', repo: 'r', title: 't' })).rejects.toMatchObject({ status: 429 });
    expect(requests).toBe(MAX_LIMIT_ATTEMPTS);
    expect(sleeps).toEqual([2000, 2000, 2000]);
    scope.done();
  });

  it('fails at once, without waiting less than told, when retry-after is beyond the bound', async () => {
    const sleeps: number[] = [];
    const scope = api().get('/repos/o/r').reply(403, SECONDARY, { 'retry-after': '3600' });
    await expect(client(sleeps).rest.repos.get({ owner: 'o', repo: 'r' })).rejects.toMatchObject({ status: 403 });
    expect(sleeps).toEqual([]);
    scope.done();
  });

  it('is installed once per client, so attempts do not multiply', async () => {
    const sleeps: number[] = [];
    const octokit = client(sleeps);
    paceSecondaryLimits(octokit, async (ms) => void sleeps.push(ms), silent);
    const scope = api().get('/repos/o/r').times(MAX_LIMIT_ATTEMPTS).reply(403, SECONDARY, { 'retry-after': '1' });
    await expect(octokit.rest.repos.get({ owner: 'o', repo: 'r' })).rejects.toMatchObject({ status: 403 });
    expect(sleeps).toEqual([1000, 1000, 1000]);
    scope.done();
  });

  it('makes no request before retry-after has passed (timers faked)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let clock = 0;
    const tick = async (ms: number): Promise<void> => {
      clock += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    /** Advances 1 ms at a time, letting I/O callbacks (not faked) run in between, until `done`. */
    const until = async (done: () => boolean): Promise<void> => {
      for (let i = 0; i < 2_000 && !done(); i++) {
        await new Promise((resolve) => setImmediate(resolve));
        await tick(1);
      }
    };
    const octokit = new TestOctokit({ auth: { token: 'test-token' } });
    let sleptAt: number | undefined;
    paceSecondaryLimits(
      octokit,
      (ms) => {
        sleptAt = clock;
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
      silent,
    );
    let requests = 0;
    const scope = api()
      .get('/repos/o/r')
      .times(2)
      .reply(() => (++requests === 1 ? [429, SECONDARY, { 'retry-after': '5' }] : [200, { name: 'r' }]));
    let settled = false;
    const pending = octokit.rest.repos.get({ owner: 'o', repo: 'r' }).finally(() => {
      settled = true;
    });
    // Let the first request and its answer through (the retry plugin schedules with timers too).
    await until(() => sleptAt !== undefined);
    expect(requests).toBe(1);
    await tick(sleptAt! + 4_999 - clock);
    expect(requests).toBe(1);
    await until(() => requests === 2);
    expect(clock - sleptAt!).toBeGreaterThanOrEqual(5_000);
    await until(() => settled);
    await expect(pending).resolves.toMatchObject({ data: { name: 'r' } });
    expect(requests).toBe(2);
    scope.done();
  });
});

describe('secondary limits in a pull-request check', () => {
  const prelude = (gh = new GitHubMock()) => gh.installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
  const file = { filename: 'a.py', sha: 's1', patch: '@@ -1 +1 @@\n-a\n+b' };

  it('a read that hits one waits as told and the check completes', async () => {
    const { probot, sleeps } = await createTestApp(fakeEngine());
    const gh = prelude().prFiles(2, [file]);
    gh.get(gh.repoPath('/git/blobs/s1'), SECONDARY, { status: 403, headers: { 'retry-after': '7' } }).blob('s1', 'b\n').updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect(sleeps).toEqual([7000]);
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('a write that keeps hitting one is given up after the bounded waits; the run is completed neutral', async () => {
    const { probot, sleeps } = await createTestApp(fakeEngine());
    const gh = prelude().prFiles(2, [file]).blob('s1', 'b\n');
    gh.patch(gh.repoPath('/check-runs/7'), SECONDARY, { status: 403, times: MAX_LIMIT_ATTEMPTS }).updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect(sleeps).toEqual([60_000, 120_000, 240_000]);
    const updates = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(updates).toHaveLength(MAX_LIMIT_ATTEMPTS + 1);
    expect(updates[MAX_LIMIT_ATTEMPTS]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(updates[MAX_LIMIT_ATTEMPTS].output.summary).toContain('GitHub answered 403 to `PATCH /repos/Codertocat/Hello-World/check-runs/7`: You have exceeded a secondary rate limit');
  });

  it('a primary limit is not waited on here (Probot handles those): the run says so at once', async () => {
    const { probot, sleeps } = await createTestApp(fakeEngine());
    const gh = prelude();
    const reset = String(Math.floor(Date.now() / 1000) + 600);
    gh.get(gh.repoPath('/pulls/2/files'), { message: 'API rate limit exceeded for installation ID 1.' }, { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } });
    gh.updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect(sleeps).toEqual([]);
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0].output.summary).toContain('API rate limit exceeded');
  });
});
