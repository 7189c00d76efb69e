/**
 * A file listed by the pull request (or found in the head tree) that answers 404 when
 * fetched: it changed or vanished in between (a push meanwhile). It is skipped with a
 * note in the check-run summary, and the run does not fail; in particular its base
 * findings are not counted as fixed.
 */
import { describe, expect, it } from 'vitest';
import { blobSha, GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

describe('files that vanish between the list and the fetch', () => {
  it('are skipped with a note; the others are checked as usual', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const gh = new GitHubMock().installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.prFiles(2, [
      { filename: 'jobs/a.py', sha: 'ok', patch: '@@ -1 +1,2 @@\n x = 1\n+y = 2  # BAD P101' },
      // Its base had a finding the patch removes: skipped, it must not count as fixed.
      { filename: 'jobs/gone.py', sha: 'gone', patch: '@@ -1,2 +1 @@\n x = 1\n-z = 3  # BAD P301' },
      // No blob SHA in the listing: fetched by path at the head, which 404s too.
      { filename: 'jobs/nosha.py', sha: '', patch: '@@ -1 +1 @@\n-a\n+b' },
    ]);
    gh.blob('ok', 'x = 1\ny = 2  # BAD P101\n');
    gh.get(gh.repoPath('/git/blobs/gone'), { message: 'Not Found' }, { status: 404 });
    gh.get(gh.repoPath('/contents/jobs/nosha.py'), { message: 'Not Found' }, { status: 404, query: { ref: HEAD } });
    gh.updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(update.output.summary).toContain(
      '> `jobs/gone.py`, `jobs/nosha.py` were not analysed: GitHub answered 404 when they were fetched (changed or removed after the file list was read, e.g. by a new push).',
    );
    expect(update.output.summary).toContain('| P1 Watermarking | 0 | 1 | 0 |');
    expect(update.output.summary).toContain('| P3 Dead-letter queue and error handling | 0 | 0 | 0 |');
    expect(engine.diffs[0].head.map((f) => f.path)).toEqual(['jobs/a.py']);
    expect(engine.diffs[0].base.map((f) => f.path)).toEqual(['jobs/a.py']);
  });

  it('a single vanished file is named in the singular and the run succeeds', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = new GitHubMock().installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.prFiles(2, [{ filename: 'etl/only.py', status: 'added', sha: 'gone', patch: '@@ -0,0 +1 @@\n+x = 1  # BAD P101' }]);
    gh.get(gh.repoPath('/git/blobs/gone'), { message: 'Not Found' }, { status: 404 });
    gh.updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(update.output.summary).toContain('> `etl/only.py` was not analysed: GitHub answered 404 when it was fetched');
  });

  it('a %run include that vanished from the head tree is context the check does without', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const notebook = '# Databricks notebook source\n# MAGIC %run ./conf/settings\n\nx = 1  # BAD P101\n';
    const tree = { 'notebooks/bronze.py': notebook, 'notebooks/conf/settings.py': '# Databricks notebook source\n' };
    const gh = new GitHubMock().installationToken().createCheckRun(7).config('priorities: [1]\n').appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.prFiles(2, [{ filename: 'notebooks/bronze.py', status: 'added', sha: 'nb', patch: '@@ -0,0 +1,4 @@\n+# Databricks notebook source\n+# MAGIC %run ./conf/settings\n+\n+x = 1  # BAD P101' }]);
    gh.blob('nb', notebook).tree(HEAD, tree);
    gh.get(gh.repoPath(`/git/blobs/${blobSha('notebooks/conf/settings.py')}`), { message: 'Not Found' }, { status: 404 });
    gh.updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(engine.diffs[0].head.map((f) => f.path)).toEqual(['notebooks/bronze.py']);
  });
});
