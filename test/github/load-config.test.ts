import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/github/load-config.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';

useGitHubMock();

const repo = { owner: 'Codertocat', repo: 'Hello-World' };
const octokit = () => new ProbotOctokit({ auth: { token: 'test-token' }, retry: { enabled: false }, throttle: { enabled: false } });
const RAW = { 'content-type': 'text/plain; charset=utf-8' };

describe('loading .github/remediation.yml', () => {
  it('follows _extends; the repository file wins, arrays replace', async () => {
    const gh = new GitHubMock().config('_extends: base\npriorities: [1, 2]\n');
    gh.get('/repos/Codertocat/base/contents/.github/remediation.yml', 'priorities: [3]\nfail_on: warning\npaths:\n  exclude: ["x/**"]\n', { headers: RAW });
    const loaded = await loadConfig(octokit(), repo);
    gh.done();
    expect(loaded).toMatchObject({ ok: true, config: { priorities: [1, 2], failOn: 'warning', paths: { exclude: ['x/**'] } } });
  });

  it("falls back to the owner's .github repository", async () => {
    const gh = new GitHubMock().get('/repos/Codertocat/Hello-World/contents/.github/remediation.yml', { message: 'Not Found' }, { status: 404 });
    gh.get('/repos/Codertocat/.github/contents/.github/remediation.yml', 'tracking_issue:\n  title: Org tracking\n  labels: []\n', { headers: RAW });
    const loaded = await loadConfig(octokit(), repo);
    gh.done();
    expect(loaded).toMatchObject({ ok: true, config: { trackingIssue: { title: 'Org tracking', labels: [] } } });
  });

  it('names the file and line of a bad key found in an extended file', async () => {
    const base = 'priorities: [1]\nseverity:\n  P101: fatal\n';
    const gh = new GitHubMock().config('_extends: base\nfail_on: notice\n');
    gh.get('/repos/Codertocat/base/contents/.github/remediation.yml', base, { headers: RAW, times: 2 });
    const loaded = await loadConfig(octokit(), repo);
    gh.done();
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.message).toContain('`Codertocat/base:.github/remediation.yml` line 3: `severity.P101`');
  });

  it('warns about unknown keys but loads', async () => {
    const gh = new GitHubMock().config('fail_on: notice\ncolour: red\n');
    const loaded = await loadConfig(octokit(), repo);
    gh.done();
    expect(loaded).toMatchObject({ ok: true, warnings: ['unknown key `colour` ignored'] });
  });

  it('turns a server error into an exception (reported as an API failure, not a config error)', async () => {
    new GitHubMock().get('/repos/Codertocat/Hello-World/contents/.github/remediation.yml', { message: 'boom' }, { status: 500 });
    await expect(loadConfig(octokit(), repo)).rejects.toMatchObject({ status: 500 });
  });
});
