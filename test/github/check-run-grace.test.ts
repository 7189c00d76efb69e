/**
 * The check-run grace: a run is created `in_progress` only when its work outlasts the
 * grace; a quicker one is created once, completed. Either way it is never left open.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/queue/settings.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const GRACE_MS = 40;
/** Runs outlasting the grace (the engine is held back five graces). */
const settings = { ...DEFAULT_SETTINGS, repoCacheMs: 0, checkRunGraceMs: GRACE_MS };
/** Runs well within it, whatever the machine's load. */
const generous = { ...settings, checkRunGraceMs: 10_000 };

/** Every read of a PR check of PR #2 with one finding (no check-run requests). */
function prReads(gh: GitHubMock): GitHubMock {
  return gh
    .noConfig()
    .appIdentity()
    .trackingIssues([trackingIssue(5, stateFromFiles([]))])
    .prFiles(2, [{ filename: 'a.py', sha: 's1', patch: '@@ -1 +1,2 @@\n a\n+b  # BAD P101' }])
    .blob('s1', 'a\nb  # BAD P101\n');
}

/** An engine that is handed out only after `ms`: the run outlasts the grace. */
function slowEngine(ms: number) {
  const engine = fakeEngine();
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return engine;
  };
}

describe('the check-run grace', () => {
  it('a quick run is created once, completed, with its annotations', async () => {
    const { probot } = await createTestApp(fakeEngine(), { app: { settings: generous } });
    const gh = prReads(new GitHubMock().installationToken()).createCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [created] = gh.bodies('POST', gh.repoPath('/check-runs'));
    expect(created).toMatchObject({ name: 'Remediation', status: 'completed', conclusion: 'failure', actions: [{ identifier: 'recheck' }] });
    expect(created.output.annotations).toHaveLength(1);
    expect(created.started_at).toBeDefined();
  });

  it('a run outlasting the grace shows in progress first, then is completed by an update', async () => {
    const { probot } = await createTestApp(fakeEngine(), { app: { settings, engine: slowEngine(GRACE_MS * 5) } });
    const gh = prReads(new GitHubMock().installationToken()).createCheckRun(7).updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect(gh.bodies('POST', gh.repoPath('/check-runs'))[0]).toMatchObject({ status: 'in_progress', output: { title: 'Checking the pull request' } });
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  it('when the early create fails, the result still creates the run', async () => {
    const { probot } = await createTestApp(fakeEngine(), { app: { settings, engine: slowEngine(GRACE_MS * 5) } });
    const gh = prReads(new GitHubMock().installationToken());
    gh.post(gh.repoPath('/check-runs'), { message: 'Server Error' }, { status: 500, times: 4 }).createCheckRun(8);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const posts = gh.bodies('POST', gh.repoPath('/check-runs'));
    expect(posts.map((p) => p.status)).toEqual(['in_progress', 'in_progress', 'in_progress', 'in_progress', 'completed']);
    expect(posts[4]).toMatchObject({ conclusion: 'failure' });
  });

  it('an invalid config before the grace runs out: one create, completed as failure naming the key', async () => {
    const { probot } = await createTestApp(fakeEngine(), { app: { settings: generous } });
    const gh = new GitHubMock().installationToken().config('priorities: [9]\n', 2).createCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [created] = gh.bodies('POST', gh.repoPath('/check-runs'));
    expect(created).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Invalid .github/remediation.yml' } });
    expect(created.output.summary).toContain('priorities');
  });
});
