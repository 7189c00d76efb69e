/**
 * The Action's entry point on `issues` (`edited`): boxes ticked on the tracking issue are
 * acted on as the App acts on them; every other edit costs no request.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTIONS_LOGIN } from '../../src/action/identity.js';
import { main } from '../../src/action/main.js';
import { createEngine } from '../../src/engine/engine.js';
import { applyScan } from '../../src/github/tracking/apply.js';
import { decodeState, emptyState } from '../../src/github/tracking/state.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { silentLog } from '../helpers/logs.js';
import { HEAD_NOTEBOOK, makeCheckout, type Checkout } from './support/checkout.js';
import { actionIssue, KEY } from './support/tracking.js';

useGitHubMock();

const ISSUE = '/repos/Codertocat/Hello-World/issues/5';
const PERMISSION = '/repos/Codertocat/Hello-World/collaborators/octocat/permission';

let checkout: Checkout;
beforeEach(() => void (checkout = makeCheckout()));
afterEach(() => checkout.remove());

async function board() {
  const findings = (await createEngine()).scan([{ path: 'pipelines/silver.py', content: HEAD_NOTEBOOK }], {}).findings;
  return actionIssue(5, applyScan(emptyState(), { sha: checkout.git('rev-parse', 'HEAD'), branch: 'master', at: '2026-01-04T00:00:00.000Z', findings, failOn: 'failure' }));
}

async function edited(issue: { body: string }, before: string, edit: (payload: any) => void = () => undefined, extra: Record<string, string> = {}): Promise<number> {
  const eventPath = checkout.event('issues.edited', (p) => {
    p.issue = { ...p.issue, ...issue };
    p.sender = { ...p.sender, login: 'octocat', type: 'User' };
    p.changes = { body: { from: before } };
    edit(p);
  });
  return main(checkout.vars('issues', eventPath, extra), { write: () => undefined, log: silentLog(), now: () => new Date('2026-01-05T10:00:00Z') });
}

describe('the Action on issues edited', () => {
  it('mutes a priority a writer ticked: issue, role, re-read, write (4 calls)', async () => {
    const issue = await board();
    expect(issue.body).toContain('- [ ] Mute P1 Watermarking');
    const ticked = { ...issue, body: issue.body.replace('- [ ] Mute P1 Watermarking', '- [x] Mute P1 Watermarking') };
    const gh = new GitHubMock()
      .get('/repos/Codertocat/Hello-World/issues', [ticked], { query: { creator: ACTIONS_LOGIN, state: 'all' } })
      .get(PERMISSION, { permission: 'write', role_name: 'write', user: { login: 'octocat' } })
      .get(ISSUE, ticked)
      .patch(ISSUE, { number: 5 });
    expect(await edited(ticked, issue.body)).toBe(0);
    expect(gh.calls).toHaveLength(4);
    const [update] = gh.bodies('PATCH', ISSUE);
    expect(update.body).toContain('- [ ] Unmute P1 Watermarking');
    const state = decodeState(update.body, KEY);
    expect(state.ok && state.state.muted).toEqual([1]);
  });

  it.each([
    ['another issue', (p: any) => (p.issue.body = 'A bug report')],
    ['a tracking issue look-alike by someone else', (p: any) => (p.issue.user = { login: 'octocat', type: 'User' })],
    ["the writer's own edit", (p: any) => (p.sender = { login: ACTIONS_LOGIN, type: 'Bot' })],
    ['an edit of the title only', (p: any) => (p.changes = { title: { from: 'Old' } })],
    ['an issue opened', (p: any) => (p.action = 'opened')],
  ])('does nothing for %s (0 calls)', async (_case, edit) => {
    const issue = await board();
    const gh = new GitHubMock();
    expect(await edited(issue, issue.body, edit)).toBe(0);
    expect(gh.calls).toHaveLength(0);
  });

  it('refuses a ticked box from a checkout other than the default branch head (0 calls)', async () => {
    const issue = await board();
    const ticked = { ...issue, body: issue.body.replace('- [ ] Mute P1 Watermarking', '- [x] Mute P1 Watermarking') };
    const gh = new GitHubMock();
    expect(await edited(ticked, issue.body, () => undefined, { GITHUB_SHA: 'f'.repeat(40) })).toBe(1);
    expect(gh.calls).toHaveLength(0);
  });
});
