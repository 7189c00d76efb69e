/**
 * 5xx answers and network errors: retried by Probot's retry plugin (on in production,
 * millisecond delays here), then, if they persist, reported on the check run as
 * `neutral` with the cause. Every fault is a nock reply; the assertions are on what
 * GitHub received.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { AppOctokit, RETRY_OPTIONS } from '../../src/github/octokit.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const FILE = { filename: 'jobs/a.py', sha: 's1', patch: '@@ -1 +1,2 @@\n x = 1\n+df.groupBy("k")  # BAD P101' };
const HEAD_TEXT = 'x = 1\ndf.groupBy("k")  # BAD P101\n';

function prelude(gh = new GitHubMock()): GitHubMock {
  return gh.installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
}

async function opened(gh: GitHubMock): Promise<any> {
  const { probot } = await createTestApp(fakeEngine());
  await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
  gh.done();
  const updates = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
  return updates[updates.length - 1];
}

describe('5xx and network errors are retried', () => {
  it('a blob answering 502 twice is fetched on the third attempt; the check completes normally', async () => {
    const gh = prelude().prFiles(2, [FILE]);
    gh.get(gh.repoPath('/git/blobs/s1'), { message: 'Bad Gateway' }, { status: 502, times: 2 }).blob('s1', HEAD_TEXT).updateCheckRun(7);
    const update = await opened(gh);
    expect(gh.find('GET', gh.repoPath('/git/blobs/s1'))).toHaveLength(3);
    expect(update).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(update.output.annotations).toEqual([expect.objectContaining({ path: 'jobs/a.py', start_line: 2 })]);
  });

  it('a connection reset on the file list is retried; the check completes normally', async () => {
    const gh = prelude();
    gh.networkError('GET', gh.repoPath('/pulls/2/files')).prFiles(2, [FILE]).blob('s1', HEAD_TEXT).updateCheckRun(7);
    const update = await opened(gh);
    expect(gh.find('GET', gh.repoPath('/pulls/2/files'))).toHaveLength(2);
    expect(update).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('a 503 that persists through the retries completes the run neutral, with the cause', async () => {
    const gh = prelude();
    gh.get(gh.repoPath('/pulls/2/files'), { message: 'Service Unavailable' }, { status: 503, times: 4 }).updateCheckRun(7);
    const update = await opened(gh);
    expect(gh.find('GET', gh.repoPath('/pulls/2/files'))).toHaveLength(1 + RETRY_OPTIONS.retries);
    expect(update).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(update.output.summary).toContain('GitHub answered 503 to `GET /repos/Codertocat/Hello-World/pulls/2/files` (retried): Service Unavailable');
  });

  it('a network error that persists completes the run neutral, saying GitHub never answered', async () => {
    const gh = prelude();
    gh.networkError('GET', gh.repoPath('/pulls/2/files'), 4, 'connect ETIMEDOUT').updateCheckRun(7);
    const update = await opened(gh);
    expect(gh.find('GET', gh.repoPath('/pulls/2/files'))).toHaveLength(4);
    expect(update).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(update.output.summary).toContain('The request `GET /repos/Codertocat/Hello-World/pulls/2/files` got no answer from GitHub');
  });

  it('when the completing update keeps failing, the run is still completed, stating that cause', async () => {
    const gh = prelude().prFiles(2, [FILE]).blob('s1', HEAD_TEXT);
    gh.patch(gh.repoPath('/check-runs/7'), { message: 'Server Error' }, { status: 500, times: 4 }).updateCheckRun(7);
    const update = await opened(gh);
    const updates = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(updates).toHaveLength(5);
    expect(updates.slice(0, 4).every((u) => u.conclusion === 'failure' && u.output.annotations.length === 1)).toBe(true);
    expect(update).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(update.output.summary).toContain('GitHub answered 500 to `PATCH /repos/Codertocat/Hello-World/check-runs/7` (retried)');
  });

  it('client errors (here a 403 that is no rate limit) are not retried: one request, then the cause', async () => {
    const gh = prelude();
    gh.get(gh.repoPath('/pulls/2/files'), { message: 'Resource not accessible by integration' }, { status: 403 }).updateCheckRun(7);
    const update = await opened(gh);
    expect(gh.find('GET', gh.repoPath('/pulls/2/files'))).toHaveLength(1);
    expect(update.output.summary).toContain('GitHub answered 403 to `GET /repos/Codertocat/Hello-World/pulls/2/files`: Resource not accessible by integration');
  });
});

describe('the production Octokit class', () => {
  it('keeps the retry plugin on: 3 retries after (n + 1)² s, 429 left to the rate-limit handling', () => {
    expect(RETRY_OPTIONS).toEqual({ enabled: true, retries: 3, retryAfterBaseValue: 1000, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] });
  });

  it('retries a 502 after a second with production settings', async () => {
    const octokit = new AppOctokit({ auth: { token: 'test-token' } });
    const scope = nock('https://api.github.com').get('/repos/o/r').reply(502, { message: 'Bad Gateway' }).get('/repos/o/r').reply(200, { name: 'r' });
    const started = Date.now();
    const { data } = await octokit.rest.repos.get({ owner: 'o', repo: 'r' });
    expect(data).toEqual({ name: 'r' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    scope.done();
  });

  it('does not retry a 429 itself (a rate limit is waited out as told, see faults-rate-limits)', async () => {
    const octokit = new AppOctokit({ auth: { token: 'test-token' } });
    const scope = nock('https://api.github.com').get('/repos/o/r').reply(429, { message: 'Too Many Requests' }, { 'retry-after': '30' });
    await expect(octokit.rest.repos.get({ owner: 'o', repo: 'r' })).rejects.toMatchObject({ status: 429 });
    scope.done();
  });
});
