/**
 * Who can make the app act: commands that act need write access, `ignore` needs what
 * `commands.ignore_requires` says (write by default), and comments by bots or edits of
 * comments are not commands at all.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { decodeState } from '../../src/github/tracking/state.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue, decodeBody } from './support/tracking.js';

useGitHubMock();

const COMMENT = 492700400;

function comment(body: string, user: Record<string, unknown> = { login: 'Codertocat', type: 'User' }, action = 'created') {
  const event = payload('issue_comment.created');
  event.action = action;
  event.comment = { ...event.comment, body, user: { ...event.comment.user, ...user } };
  event.sender = { ...event.sender, ...user };
  if (action === 'edited') event.changes = { body: { from: 'looks good' } };
  return event;
}

function start(): GitHubMock {
  const gh = new GitHubMock().installationToken();
  return gh.post(gh.repoPath(`/issues/comments/${COMMENT}/reactions`), { id: 1 }, { status: 201 });
}

function finish(gh: GitHubMock, withReply = true): GitHubMock {
  if (withReply) gh.post(gh.repoPath('/issues/2/comments'), { id: 2 }, { status: 201 });
  return gh.post(gh.repoPath(`/issues/comments/${COMMENT}/reactions`), { id: 3 }, { status: 201 });
}

function role(gh: GitHubMock, permission: string, roleName: string): GitHubMock {
  return gh.get(gh.repoPath('/collaborators/Codertocat/permission'), { permission, role_name: roleName, user: { login: 'Codertocat' } });
}

const reactions = (gh: GitHubMock) => gh.bodies('POST', gh.repoPath(`/issues/comments/${COMMENT}/reactions`)).map((b) => b.content);
const replies = (gh: GitHubMock) => gh.bodies('POST', gh.repoPath('/issues/2/comments')).map((b) => b.body);

describe('comments that are not commands', () => {
  it.each(['edited', 'deleted'])('issue_comment.%s is ignored, even with a command on its first line', async (action) => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = new GitHubMock();
    await receive(probot, `issue_comment.${action}`, comment('/remediation recheck', undefined, action));
    gh.done();
    expect(gh.calls).toEqual([]);
  });

  it.each([
    ['a bot account', { login: 'dependabot[bot]', type: 'Bot' }],
    ['the app itself', { login: 'remediation-app[bot]', type: 'Bot' }],
  ])('a command from %s is ignored', async (_who, user) => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = new GitHubMock();
    await receive(probot, 'issue_comment.created', comment('/remediation ignore P4 -- because', user));
    gh.done();
    expect(gh.calls).toEqual([]);
  });
});

describe('permission to act', () => {
  it.each([
    ['read', 'read'],
    ['read', 'triage'],
  ])('recheck is refused to %s/%s', async (permission, roleName) => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = finish(role(start(), permission, roleName));
    await receive(probot, 'issue_comment.created', comment('/remediation recheck'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toContain('needs write access to this repository');
    expect(gh.find('POST', gh.repoPath('/check-runs'))).toEqual([]);
  });

  it.each(['recheck', 'ignore P4 -- not mine', 'status', 'help', 'frobnicate'])(
    'a non-collaborator (404) gets no answer to `%s`: no reply, no config read, only the confused reaction',
    async (command) => {
      const { probot } = await createTestApp(fakeEngine());
      const gh = start();
      gh.get(gh.repoPath('/collaborators/Codertocat/permission'), { message: 'Not Found' }, { status: 404 });
      finish(gh, false);
      await receive(probot, 'issue_comment.created', comment(`/remediation ${command}`));
      gh.done();
      expect(reactions(gh)).toEqual(['eyes', 'confused']);
      expect(replies(gh)).toEqual([]);
      expect(gh.find('GET', gh.repoPath('/contents/.github/remediation.yml'))).toEqual([]);
    },
  );

  it('a user with no role (none/none) gets no answer either', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = finish(role(start(), 'none', 'none'), false);
    await receive(probot, 'issue_comment.created', comment('/remediation recheck'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(gh.find('POST', gh.repoPath('/check-runs'))).toEqual([]);
  });
});

describe('commands.ignore_requires', () => {
  const ignoreFlow = (gh: GitHubMock, issue: ReturnType<typeof trackingIssue>) =>
    finish(gh.appIdentity().trackingIssues([issue]).get(gh.repoPath('/issues/5'), issue).patch(gh.repoPath('/issues/5'), { number: 5 }));

  it.each([
    ['maintain', 'write', 'write', 'the maintain or admin role'],
    ['admin', 'write', 'maintain', 'admin access'],
  ])('set to %s refuses a %s/%s user, saying what is needed', async (required, permission, roleName, needs) => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = finish(role(start(), permission, roleName).config(`commands:\n  ignore_requires: ${required}\n`));
    await receive(probot, 'issue_comment.created', comment('/remediation ignore P4 -- later'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(replies(gh)[0]).toContain(`needs ${needs}`);
    expect(replies(gh)[0]).toContain('commands.ignore_requires');
    expect(gh.find('PATCH', gh.repoPath('/issues/5'))).toEqual([]);
  });

  it.each([
    ['maintain', 'write', 'maintain'],
    ['admin', 'admin', 'admin'],
    ['write', 'write', 'write'],
  ])('set to %s lets a %s/%s user record an ignore', async (required, permission, roleName) => {
    const { probot } = await createTestApp(fakeEngine());
    const issue = trackingIssue(5, stateFromFiles([{ path: 'a.py', content: 'x  # BAD P401\n' }]));
    const gh = ignoreFlow(role(start(), permission, roleName).config(`commands:\n  ignore_requires: ${required}\n`), issue);
    await receive(probot, 'issue_comment.created', comment('/remediation ignore P4 -- later'));
    gh.done();
    expect(reactions(gh)).toEqual(['eyes', '+1']);
    const state = decodeBody(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body);
    expect(state.ok && state.state.ignores.map((i) => i.selector)).toEqual(['P4']);
  });

  it('defaults to write and is validated', () => {
    const defaults = parseConfig({});
    expect(defaults.ok && defaults.config.commands).toEqual({ ignoreRequires: 'write' });
    const invalid = parseConfig({ commands: { ignore_requires: 'owner' } });
    expect(invalid.ok).toBe(false);
    expect(!invalid.ok && invalid.issues.map((i) => i.path.join('.'))).toEqual(['commands.ignore_requires']);
    const unknown = parseConfig({ commands: { recheck_requires: 'admin' } });
    expect(unknown.ok && unknown.warnings).toEqual(['unknown key `commands.recheck_requires` ignored']);
  });
});
