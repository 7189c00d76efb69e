import { describe, expect, it } from 'vitest';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

/** A complete, finding-free PR check with a fresh check run id. */
function freshCheck(gh: GitHubMock, id: number): GitHubMock {
  return gh
    .createCheckRun(id)
    .noConfig()
    .appIdentity()
    .trackingIssues([trackingIssue(5, stateFromFiles([]))])
    .prFiles(2, [{ filename: 'a.py', sha: 's1', patch: '@@ -1 +1 @@\n-a\n+b' }])
    .blob('s1', 'b\n')
    .updateCheckRun(id);
}

describe('re-runs create a fresh check run for the same head', () => {
  it.each([
    ['check_run.rerequested', 'check_run.rerequested'],
    ['check_run.requested_action', 'check_run.requested_action'],
    ['check_suite.rerequested', 'check_suite.rerequested'],
  ])('%s', async (event, fixture) => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = freshCheck(new GitHubMock().installationToken(), 99);
    await receive(probot, event, payload(fixture));
    gh.done();
    expect(gh.bodies('POST', gh.repoPath('/check-runs'))).toEqual([expect.objectContaining({ head_sha: HEAD, status: 'in_progress', name: 'Remediation' })]);
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/99'))[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('finds the pull request of a fork (absent from the payload) through the commit', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const event = payload('check_suite.rerequested');
    event.check_suite.pull_requests = [];
    const gh = new GitHubMock()
      .installationToken()
      .get(new GitHubMock().repoPath(`/commits/${HEAD}/pulls`), [{ number: 2, state: 'open', head: { sha: HEAD }, base: { sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', ref: 'master' } }]);
    freshCheck(gh, 100);
    await receive(probot, 'check_suite.rerequested', event);
    gh.done();
  });

  it('answers with a neutral run when no open pull request has the commit, in one request', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const event = payload('check_run.rerequested');
    event.check_run.pull_requests = [];
    const gh = new GitHubMock().installationToken();
    gh.get(gh.repoPath(`/commits/${HEAD}/pulls`), []).createCheckRun(101);
    await receive(probot, 'check_run.rerequested', event);
    gh.done();
    // Nothing to wait for: the run is created completed.
    expect(gh.bodies('POST', gh.repoPath('/check-runs'))[0]).toMatchObject({ head_sha: HEAD, status: 'completed', conclusion: 'neutral', output: { title: 'No pull request to check' } });
  });

  it("ignores other checks' re-runs and other actions", async () => {
    const { probot } = await createTestApp(fakeEngine());
    const other = payload('check_run.rerequested');
    other.check_run.name = 'Some other check';
    const action = payload('check_run.requested_action');
    action.requested_action.identifier = 'something-else';
    await receive(probot, 'check_run.rerequested', other);
    await receive(probot, 'check_run.requested_action', action);
  });
});
