/**
 * The Action's entry point on `issue_comment`, end to end: the recorded comment payload
 * (on PR #2), a checkout of the default branch, the real `@octokit/rest` client against
 * nock. Commands are the App's, with its access checks and replies; the API calls per
 * comment are counted, and comments that are no command cost none.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/action/main.js';
import { ACTIONS_LOGIN } from '../../src/action/identity.js';
import { helpReply, refusalReply } from '../../src/github/render/command-replies.js';
import { decodeState, emptyState } from '../../src/github/tracking/state.js';
import { applyScan } from '../../src/github/tracking/apply.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { silentLog } from '../helpers/logs.js';
import { makeCheckout, type Checkout } from './support/checkout.js';
import { actionIssue, KEY } from './support/tracking.js';

useGitHubMock();

const COMMENT_ID = 492700400;
const REACTIONS = `/repos/Codertocat/Hello-World/issues/comments/${COMMENT_ID}/reactions`;
const PERMISSION = '/repos/Codertocat/Hello-World/collaborators/Codertocat/permission';
const REPLIES = '/repos/Codertocat/Hello-World/issues/2/comments';

let checkout: Checkout;
beforeEach(() => void (checkout = makeCheckout()));
afterEach(() => checkout.remove());

async function comment(body: string, edit: (payload: any) => void = () => undefined, extra: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  const eventPath = checkout.event('issue_comment.created', (p) => {
    p.comment.body = body;
    edit(p);
  });
  let out = '';
  const code = await main(checkout.vars('issue_comment', eventPath, extra), { write: (text) => void (out += text), log: silentLog(), now: () => new Date('2026-01-05T10:00:00Z') });
  return { code, out };
}

function role(gh: GitHubMock, permission: string): GitHubMock {
  return gh.get(PERMISSION, { permission, role_name: permission, user: { login: 'Codertocat' } });
}

const reactions = (gh: GitHubMock): string[] => gh.bodies('POST', REACTIONS).map((b) => b.content);
const calls = (gh: GitHubMock): string[] => gh.calls.map((c) => `${c.method} ${c.path}`);

describe('the Action on issue_comment', () => {
  it('answers /remediation help to a collaborator: 👀, role, reply, 👍 (4 calls)', async () => {
    const gh = new GitHubMock().post(REACTIONS, { id: 1 }, { status: 201, times: 2 }).post(REPLIES, { id: 2 }, { status: 201 });
    role(gh, 'write');
    const { code } = await comment('/remediation help');
    expect(code).toBe(0);
    expect(calls(gh)).toEqual([`POST ${REACTIONS}`, `GET ${PERMISSION}`, `POST ${REPLIES}`, `POST ${REACTIONS}`]);
    expect(reactions(gh)).toEqual(['eyes', '+1']);
    expect(gh.bodies('POST', REPLIES)[0].body).toBe(helpReply());
  });

  it('records /remediation ignore in the tracking issue, sealed with the Action key (7 calls)', async () => {
    const state = applyScan(emptyState(), { sha: checkout.git('rev-parse', 'HEAD'), branch: 'master', at: '2026-01-04T00:00:00.000Z', findings: [] });
    const issue = actionIssue(5, state);
    const gh = new GitHubMock()
      .post(REACTIONS, { id: 1 }, { status: 201, times: 2 })
      .get('/repos/Codertocat/Hello-World/issues', [issue], { query: { creator: ACTIONS_LOGIN, state: 'all' } })
      .get('/repos/Codertocat/Hello-World/issues/5', issue)
      .patch('/repos/Codertocat/Hello-World/issues/5', { number: 5 })
      .post(REPLIES, { id: 2 }, { status: 201 });
    role(gh, 'write');
    await comment('/remediation ignore P4 pipelines/silver.py -- replayed from a bounded source');
    expect(gh.calls).toHaveLength(7);
    expect(reactions(gh)).toEqual(['eyes', '+1']);
    const written = decodeState(gh.bodies('PATCH', '/repos/Codertocat/Hello-World/issues/5')[0].body, KEY);
    expect(written.ok && written.state.ignores).toEqual([expect.objectContaining({ selector: 'P4', path: 'pipelines/silver.py', reason: 'replayed from a bounded source', by: 'Codertocat', pr: 2 })]);
  });

  it('refuses an acting command to a reader, as the App does (4 calls, no tracking issue read)', async () => {
    const gh = new GitHubMock().post(REACTIONS, { id: 1 }, { status: 201, times: 2 }).post(REPLIES, { id: 2 }, { status: 201 });
    role(gh, 'read');
    await comment('/remediation ignore P4 -- not mine to ignore');
    expect(gh.calls).toHaveLength(4);
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(gh.bodies('POST', REPLIES)[0].body).toBe(refusalReply('Codertocat', 'ignore', 'write'));
  });

  it('takes commands.ignore_requires from the checkout of the default branch', async () => {
    mkdirSync(join(checkout.workspace, '.github'));
    writeFileSync(join(checkout.workspace, '.github', 'remediation.yml'), 'commands:\n  ignore_requires: admin\n');
    checkout.git('add', '.');
    checkout.git('commit', '-q', '-m', 'config');
    const gh = new GitHubMock().post(REACTIONS, { id: 1 }, { status: 201, times: 2 }).post(REPLIES, { id: 2 }, { status: 201 });
    role(gh, 'write');
    await comment('/remediation ignore P4 -- only admins may');
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
    expect(gh.bodies('POST', REPLIES)[0].body).toBe(refusalReply('Codertocat', 'ignore', 'admin'));
  });

  it('ignores someone without access to the repository after asking their role (3 calls, no reply)', async () => {
    const gh = new GitHubMock().post(REACTIONS, { id: 1 }, { status: 201, times: 2 }).get(PERMISSION, { message: 'Not Found' }, { status: 404 });
    await comment('/remediation status');
    expect(gh.calls).toHaveLength(3);
    expect(reactions(gh)).toEqual(['eyes', 'confused']);
  });

  it.each([
    ['a comment on an issue', '/remediation help', (p: any) => delete p.issue.pull_request],
    ['a comment without the command', 'Looks good. /remediation help', () => undefined],
    ['a command quoted below the first line', 'Try this:\n/remediation ignore P4 -- x', () => undefined],
    ["a bot's comment", '/remediation help', (p: any) => (p.comment.user.type = p.sender.type = 'Bot')],
    ['an edited comment', '/remediation help', (p: any) => (p.action = 'edited')],
  ])('does nothing for %s (0 calls)', async (_case, body, edit) => {
    const gh = new GitHubMock();
    const { code, out } = await comment(body, edit);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(gh.calls).toHaveLength(0);
  });

  it('refuses to serve a command from a checkout other than the default branch head (0 calls)', async () => {
    const gh = new GitHubMock();
    const { code, out } = await comment('/remediation help', () => undefined, { GITHUB_SHA: 'f'.repeat(40) });
    expect(code).toBe(1);
    expect(out).toContain("::error title=Remediation::The checkout (");
    expect(out).toContain("is not the default branch's head (GITHUB_SHA ffff");
    expect(gh.calls).toHaveLength(0);
  });
});
