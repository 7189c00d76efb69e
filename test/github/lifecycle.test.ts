import { describe, expect, it } from 'vitest';
import { decodeState } from '../../src/github/tracking/state.js';
import { applyPullRequest } from '../../src/github/tracking/apply.js';
import { blobSha, GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine, findingsOf } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue, decodeBody } from './support/tracking.js';

useGitHubMock();

const FILES = [{ path: 'a.py', content: 'x  # BAD P101\n' }];

describe('installation, closing, context and rate limits', () => {
  it('scans each installed repository and creates its tracking issue', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const files = { 'nb/a.py': 'x  # BAD P201\n' };
    const gh = new GitHubMock().installationToken();
    gh.get(gh.repoPath(''), { name: 'Hello-World', owner: { login: 'Codertocat' }, html_url: 'https://github.com/Codertocat/Hello-World', default_branch: 'main', archived: false });
    gh.noConfig().appIdentity().trackingIssues([]);
    gh.get(gh.repoPath('/branches/main'), { commit: { sha: 'c0ffee' } }).tree('c0ffee', files).treeBlobs(files);
    gh.post(gh.repoPath('/issues'), { number: 1 }, { status: 201 });
    await receive(probot, 'installation.created', payload('installation.created'));
    gh.done();
    expect(gh.bodies('POST', gh.repoPath('/issues'))[0].body).toContain('/nb/a.py): **warning** P201 fake-rule L1');
  });

  it('waits out a secondary rate limit on its first request, the repository lookup of an installation', async () => {
    const engine = fakeEngine();
    const { probot, sleeps } = await createTestApp(engine);
    const files = { 'nb/a.py': 'x  # BAD P201\n' };
    const gh = new GitHubMock().installationToken();
    gh.get(gh.repoPath(''), { message: 'You have exceeded a secondary rate limit.' }, { status: 429, headers: { 'retry-after': '3' } });
    gh.get(gh.repoPath(''), { name: 'Hello-World', owner: { login: 'Codertocat' }, html_url: 'https://github.com/Codertocat/Hello-World', default_branch: 'main', archived: false });
    gh.noConfig().appIdentity().trackingIssues([]);
    gh.get(gh.repoPath('/branches/main'), { commit: { sha: 'c0ffee' } }).tree('c0ffee', files).treeBlobs(files);
    gh.post(gh.repoPath('/issues'), { number: 1 }, { status: 201 });
    await receive(probot, 'installation.created', payload('installation.created'));
    gh.done();
    expect(sleeps).toEqual([3000]);
    expect(engine.scans).toHaveLength(1);
  });

  it('marks a merged pull request so the next scan credits it', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const state = applyPullRequest(stateFromFiles(FILES), 2, 'h', findingsOf(FILES[0]), '2025-05-01T00:00:00Z');
    const issue = trackingIssue(5, state);
    const gh = new GitHubMock().installationToken().appIdentity().trackingIssues([issue]);
    gh.get(gh.repoPath('/issues/5'), issue).patch(gh.repoPath('/issues/5'), { number: 5 });
    const event = payload('pull_request.closed');
    event.pull_request.merged = true;
    await receive(probot, 'pull_request.closed', event);
    gh.done();
    const decoded = decodeBody(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body);
    expect(decoded.ok && decoded.state.prs['2'].merged).toBe(true);
  });

  it('names a pull request merged into the default branch in the ledger of the scan that covers it', async () => {
    const { probot } = await createTestApp(fakeEngine());
    // The merge happened after the last scan: it waits for the next one.
    const issue = trackingIssue(5, stateFromFiles(FILES));
    const gh = new GitHubMock().installationToken().appIdentity().trackingIssues([issue]);
    gh.get(gh.repoPath('/issues/5'), issue).patch(gh.repoPath('/issues/5'), { number: 5 });
    const event = payload('pull_request.closed');
    Object.assign(event.pull_request, { merged: true, merged_at: '2025-05-02T10:00:00Z' });
    await receive(probot, 'pull_request.closed', event);
    gh.done();
    const decoded = decodeBody(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body);
    expect(decoded.ok && decoded.state.merges).toEqual([{ pr: event.pull_request.number, at: '2025-05-02T10:00:00Z' }]);
  });

  it('does nothing when a pull request the issue does not mention is closed', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = new GitHubMock().installationToken().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles(FILES))]);
    await receive(probot, 'pull_request.closed', payload('pull_request.closed'));
    gh.done();
  });

  it('fetches %run includes and job files of changed streaming notebooks, once each', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
    const notebook = '# Databricks notebook source\n# MAGIC %run ./conf/settings\n\ndf = spark.readStream.table("t")\n';
    const tree = {
      'notebooks/bronze.py': notebook,
      'notebooks/conf/settings.py': '# Databricks notebook source\n# MAGIC %run ../shared/base\n',
      'notebooks/shared/base.py': 'spark.conf.set("x", "y")\n',
      'resources/jobs/bronze.yml': 'resources: {}\n',
      'package.json': '{}\n',
      'README.md': '#\n',
    };
    const gh = new GitHubMock().installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.prFiles(2, [{ filename: 'notebooks/bronze.py', sha: 'nb', patch: '@@ -3,1 +3,2 @@\n \n+df = spark.readStream.table("t")' }]).blob('nb', notebook);
    gh.tree(HEAD, tree);
    gh.blob(blobSha('resources/jobs/bronze.yml'), tree['resources/jobs/bronze.yml']);
    gh.blob(blobSha('notebooks/conf/settings.py'), tree['notebooks/conf/settings.py']);
    gh.blob(blobSha('notebooks/shared/base.py'), tree['notebooks/shared/base.py']);
    gh.updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const paths = engine.diffs[0].head.map((f) => f.path).sort();
    expect(paths).toEqual(['notebooks/bronze.py', 'notebooks/conf/settings.py', 'notebooks/shared/base.py', 'resources/jobs/bronze.yml']);
    expect(engine.diffs[0].base.map((f) => f.path).sort()).toEqual(paths);
  });

  it('backs off on a secondary rate limit when writing', async () => {
    const { probot, sleeps } = await createTestApp(fakeEngine());
    const gh = new GitHubMock().installationToken();
    gh.post(gh.repoPath('/check-runs'), { message: 'You have exceeded a secondary rate limit.' }, { status: 403, headers: { 'retry-after': '3' } });
    gh.createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.prFiles(2, []).updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect(sleeps).toEqual([3000]);
  });
});
