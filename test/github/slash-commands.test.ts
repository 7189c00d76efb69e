import { describe, expect, it } from 'vitest';
import { decodeState } from '../../src/github/tracking/state.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { SCANNED_SHA, stateFromFiles, trackingIssue, decodeBody } from './support/tracking.js';

useGitHubMock();

const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const COMMENT = 492700400;
const UNIGNORE_SCAN = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
const PR = {
  number: 2,
  head: { sha: HEAD, ref: 'changes' },
  base: { sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e', ref: 'master' },
};

function comment(body: string, user = { login: 'Codertocat', type: 'User' }) {
  const event = payload('issue_comment.created');
  event.comment = { ...event.comment, body, user: { ...event.comment.user, ...user } };
  event.sender = { ...event.sender, ...user };
  return event;
}

function reactions(gh: GitHubMock): string[] {
  return gh.bodies('POST', gh.repoPath(`/issues/comments/${COMMENT}/reactions`)).map((b) => b.content);
}

function replies(gh: GitHubMock): string[] {
  return gh.bodies('POST', gh.repoPath('/issues/2/comments')).map((b) => b.body);
}

function start(): GitHubMock {
  const gh = new GitHubMock().installationToken();
  return gh.post(gh.repoPath(`/issues/comments/${COMMENT}/reactions`), { id: 1, content: 'eyes' }, { status: 201 });
}

function finish(gh: GitHubMock, withReply = true): GitHubMock {
  if (withReply) gh.post(gh.repoPath('/issues/2/comments'), { id: 2 }, { status: 201 });
  return gh.post(gh.repoPath(`/issues/comments/${COMMENT}/reactions`), { id: 3 }, { status: 201 });
}

function permission(gh: GitHubMock, level: 'admin' | 'write' | 'read', roleName: string = level): GitHubMock {
  return gh.get(gh.repoPath('/collaborators/Codertocat/permission'), { permission: level, role_name: roleName, user: { login: 'Codertocat' } });
}

describe('slash commands', () => {
  it('/remediation help replies with the commands', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = finish(permission(start(), 'read'));
    await receive(probot, 'issue_comment.created', comment('/remediation help\nthanks'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', '+1']);
    expect(replies(gh)[0]).toContain('/remediation ignore P4 [path] [category] [until: YYYY-MM-DD] -- reason');
    expect(replies(gh)[0]).toContain('/remediation unignore P4 [path]');
  });

  it('an unknown subcommand gets the help text and a confused reaction', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = finish(permission(start(), 'read'));
    await receive(probot, 'issue_comment.created', comment('/remediation frobnicate'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toContain("I don't know the command `frobnicate`");
  });

  it('/remediation status replies with the per-priority table (read access is enough)', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = permission(start(), 'read');
    gh.get(gh.repoPath('/pulls/2'), PR).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.prFiles(2, [{ filename: 'a.py', sha: 's1', patch: '@@ -1 +1 @@\n-a = 1  # BAD P301\n+b = 1  # BAD P701' }]).blob('s1', 'b = 1  # BAD P701\n');
    finish(gh);
    await receive(probot, 'issue_comment.created', comment('/remediation status'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', '+1']);
    expect(replies(gh)[0]).toContain('| P3 Dead-letter queue and error handling | 1 | 0 | 0 |');
    expect(replies(gh)[0]).toContain('| P7 Testing | 0 | 1 | 0 |');
    expect(gh.find('POST', gh.repoPath('/check-runs'))).toEqual([]);
  });

  it('/remediation recheck runs a new check for a writer', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = permission(start(), 'write');
    gh.get(gh.repoPath('/pulls/2'), PR).createCheckRun(77).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.prFiles(2, [{ filename: 'a.py', sha: 's1', patch: '@@ -1 +1 @@\n-a\n+b' }]).blob('s1', 'b\n').updateCheckRun(77);
    finish(gh, false);
    await receive(probot, 'issue_comment.created', comment('/remediation recheck'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', '+1']);
    expect(gh.bodies('POST', gh.repoPath('/check-runs'))[0].head_sha).toBe(HEAD);
  });

  it('/remediation recheck is politely refused without write access', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = finish(permission(start(), 'read', 'triage'));
    await receive(probot, 'issue_comment.created', comment('/remediation recheck'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toContain('needs write access');
  });

  it('/remediation ignore records the ignore in the tracking issue', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const issue = trackingIssue(5, stateFromFiles([{ path: 'jobs/legacy/a.py', content: 'x  # BAD P401\n' }]));
    const gh = permission(start(), 'read', 'maintain');
    gh.noConfig().appIdentity().trackingIssues([issue]);
    gh.get(gh.repoPath('/issues/5'), issue).patch(gh.repoPath('/issues/5'), { number: 5 });
    finish(gh);
    await receive(probot, 'issue_comment.created', comment('/remediation ignore p4 jobs/legacy/** -- replaced next quarter'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', '+1']);
    const [update] = gh.bodies('PATCH', gh.repoPath('/issues/5'));
    const state = decodeBody(update.body);
    expect(state.ok && state.state.ignores).toEqual([
      { selector: 'P4', path: 'jobs/legacy/**', reason: 'replaced next quarter', by: 'Codertocat', pr: 2, at: '2025-06-01T12:00:00.000Z' },
    ]);
    expect(state.ok && state.state.items[0].s).toBe(1);
    expect(update.body).toContain('- `P4` in `jobs/legacy/**` — hides 1 finding: replaced next quarter (@Codertocat, #2, 2025-06-01)');
    expect(replies(gh)[0]).toContain('Recorded: `P4` in `jobs/legacy/**` is ignored from now on in the tracking issue #5');
  });

  it('/remediation ignore records a category and a last day, and the board shows them', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const issue = trackingIssue(5, stateFromFiles([{ path: 'tests/a.py', content: 'x  # BAD P701\n' }]));
    const gh = permission(start(), 'write');
    gh.noConfig().appIdentity().trackingIssues([issue]);
    gh.get(gh.repoPath('/issues/5'), issue).patch(gh.repoPath('/issues/5'), { number: 5 });
    finish(gh);
    await receive(probot, 'issue_comment.created', comment('/remediation ignore P7 tests/** test-code until: 2025-12-31 fixtures only'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/issues/5'));
    const state = decodeBody(update.body);
    expect(state.ok && state.state.ignores).toEqual([
      { selector: 'P7', path: 'tests/**', reason: 'fixtures only', category: 'test-code', until: '2025-12-31', by: 'Codertocat', pr: 2, at: '2025-06-01T12:00:00.000Z' },
    ]);
    expect(update.body).toContain('- `P7` in `tests/**` — hides 1 finding · test-code · until 2025-12-31: fixtures only (@Codertocat, #2, 2025-06-01)');
    expect(replies(gh)[0]).toBe(
      'Recorded: `P7` in `tests/**` is ignored from now on, as `test-code`, until 2025-12-31 (inclusive), in the tracking issue #5. Run `/remediation recheck` to apply it to this pull request; `/remediation unignore P7 tests/**` undoes it.',
    );
  });

  it('/remediation ignore refuses a last day already past', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = permission(start(), 'write').noConfig();
    finish(gh);
    await receive(probot, 'issue_comment.created', comment('/remediation ignore P4 until: 2025-05-31 -- too late'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toContain('`until: 2025-05-31` is in the past (today is 2025-06-01, UTC)');
  });

  it('/remediation unignore removes the ignore and scans again, so its findings count as open', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const files = { 'jobs/legacy/a.py': 'x  # BAD P401\n' };
    const recorded = { selector: 'P4', path: 'jobs/legacy/**', reason: 'later', by: 'x', at: '2025-05-01T00:00:00.000Z' };
    const state = { ...stateFromFiles([{ path: 'jobs/legacy/a.py', content: files['jobs/legacy/a.py'] }]), ignores: [recorded] };
    state.items = state.items.map((i) => ({ ...i, s: 1 as const }));
    const issue = trackingIssue(5, state);
    const gh = permission(start(), 'write');
    gh.noConfig().appIdentity().trackingIssues([issue]);
    gh.get(gh.repoPath('/branches/master'), { name: 'master', commit: { sha: UNIGNORE_SCAN } });
    gh.tree(UNIGNORE_SCAN, files).treeBlobs(files).compare(SCANNED_SHA, UNIGNORE_SCAN);
    gh.get(gh.repoPath('/issues/5'), issue).patch(gh.repoPath('/issues/5'), { number: 5 });
    finish(gh);
    await receive(probot, 'issue_comment.created', comment('/remediation unignore P4 jobs/legacy/**'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', '+1']);
    const [update] = gh.bodies('PATCH', gh.repoPath('/issues/5'));
    const after = decodeBody(update.body);
    expect(after.ok && after.state.ignores).toEqual([]);
    expect(after.ok && after.state.items.map((i) => i.s)).toEqual([undefined]);
    expect(update.body).not.toContain('## Ignored with');
    expect(replies(gh)[0]).toContain('Removed: `P4` in `jobs/legacy/**` is no longer ignored.');
  });

  it('/remediation unignore of an ignore not recorded names the ones there are', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const state = { ...stateFromFiles([]), ignores: [{ selector: 'P4', path: 'jobs/**', reason: 'r', by: 'x', at: '2025-05-01T00:00:00.000Z' }] };
    const gh = permission(start(), 'write');
    gh.noConfig().appIdentity().trackingIssues([trackingIssue(5, state)]);
    finish(gh);
    await receive(probot, 'issue_comment.created', comment('/remediation unignore P4'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toBe('There is no ignore of `P4` to remove. Recorded for `P4`: `P4` in `jobs/**`; give the path as recorded.');
  });

  it('/remediation unignore needs what ignore needs', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = finish(permission(start(), 'read', 'triage'));
    await receive(probot, 'issue_comment.created', comment('/remediation unignore P4'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toContain('`/remediation unignore` needs write access');
  });

  it('expired ignores are not applied by later checks', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const state = { ...stateFromFiles([]), ignores: [{ selector: 'P4', reason: 'later', by: 'x', at: '2025-01-01T00:00:00Z', until: '2025-05-31' }] };
    const gh = new GitHubMock().installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, state)]);
    gh.prFiles(2, [{ filename: 'a.py', status: 'added', sha: 's1', patch: '@@ -0,0 +1 @@\n+x  # BAD P401' }]).blob('s1', 'x  # BAD P401\n').updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update.output.title).toBe('0 fixed, 1 added');
    expect(update.output.summary).not.toContain('suppressed or ignored');
    // The state read for the ignores also gives the check run its link to the tracking issue.
    expect(update.output.summary).toContain('The remediation plan is tracked in the [tracking issue #5](https://github.com/Codertocat/Hello-World/issues/5) (0 open findings).');
  });

  it('recorded ignores are honoured by later checks', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const state = { ...stateFromFiles([]), ignores: [{ selector: 'P4', reason: 'later', by: 'x', at: '2025-01-01T00:00:00Z' }] };
    const gh = new GitHubMock().installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, state)]);
    gh.prFiles(2, [{ filename: 'a.py', status: 'added', sha: 's1', patch: '@@ -0,0 +1 @@\n+x  # BAD P401' }]).blob('s1', 'x  # BAD P401\n').updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update.conclusion).toBe('success');
    expect(update.output.summary).toContain('1 added finding is suppressed or ignored.');
  });

  it('/remediation ignore is refused without write access', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = finish(permission(start(), 'read'));
    await receive(probot, 'issue_comment.created', comment('/remediation ignore P4 -- nope'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toContain('Sorry @Codertocat');
  });

  it('/remediation ignore without a reason explains the usage', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = finish(permission(start(), 'admin'));
    await receive(probot, 'issue_comment.created', comment('/remediation ignore P4'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toContain('a reason is required');
  });

  it('reports a failing command with a confused reaction', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = permission(start(), 'write');
    gh.get(gh.repoPath('/pulls/2'), { message: 'boom' }, { status: 500, times: 4 });
    finish(gh);
    await receive(probot, 'issue_comment.created', comment('/remediation recheck'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toContain('GitHub answered 500');
  });

  it('ignores bots, plain issues and commands not on the first line', async () => {
    const { probot } = await createTestApp(fakeEngine());
    await receive(probot, 'issue_comment.created', comment('/remediation recheck', { login: 'dependabot[bot]', type: 'Bot' }));
    await receive(probot, 'issue_comment.created', comment('Looks good\n/remediation recheck'));
    const onIssue = comment('/remediation recheck');
    delete onIssue.issue.pull_request;
    await receive(probot, 'issue_comment.created', onIssue);
  });
});
