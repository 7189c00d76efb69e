/**
 * The Action's entry point on `push`, end to end: a temporary checkout, the runner's
 * variables, the recorded push payload, the real `@octokit/rest` client against nock.
 * A push to the default branch writes the same tracking issue the App writes (marker,
 * sealed state, board rendered by the App's renderer); the API calls are counted.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/action/main.js';
import { actionStateSecret, ACTIONS_LOGIN } from '../../src/action/identity.js';
import { defaultConfig } from '../../src/config.js';
import { createEngine } from '../../src/engine/engine.js';
import { renderTrackingBody } from '../../src/github/render/tracking-body.js';
import { applyScan } from '../../src/github/tracking/apply.js';
import { decodeState, emptyState, ISSUE_MARKER, repositoryStateKey, type TrackingState } from '../../src/github/tracking/state.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { silentLog } from '../helpers/logs.js';
import { BASE_NOTEBOOK, makeCheckout, type Checkout } from './support/checkout.js';
import { actionIssue, KEY, REPO, REPO_ID, REPO_URL } from './support/tracking.js';

useGitHubMock();

const NOW = new Date('2026-01-05T10:00:00Z');
let checkout: Checkout;
beforeEach(() => void (checkout = makeCheckout()));
afterEach(() => checkout.remove());

const head = (): string => checkout.git('rev-parse', 'HEAD');
const parent = (): string => checkout.git('rev-parse', 'HEAD^');

function pushEvent(edit: (payload: any) => void = () => undefined): string {
  return checkout.event('push', (p) => {
    p.before = parent();
    p.after = head();
    p.created = false;
    edit(p);
  });
}

async function runMain(extra: Record<string, string> = {}, edit?: (payload: any) => void): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(checkout.vars('push', pushEvent(edit), extra), { write: (text) => void (out += text), log: silentLog(), now: () => NOW });
  return { code, out };
}

/** The board the default branch had at the parent commit, as a previous run left it. */
async function previousState(sha = parent()): Promise<TrackingState> {
  const findings = (await createEngine()).scan([{ path: 'pipelines/silver.py', content: BASE_NOTEBOOK }], {}).findings;
  return applyScan(emptyState(), { sha, branch: 'master', at: '2026-01-04T00:00:00.000Z', findings, failOn: 'failure' });
}

/** The body is the App's: its marker, a block sealed for this repository, and the App's rendering of that state. */
function expectAppBoard(body: string): TrackingState {
  expect(body).toContain(ISSUE_MARKER);
  const decoded = decodeState(body, KEY);
  if (!decoded.ok) throw new Error(`state block not trusted: ${decoded.reason}`);
  expect(renderTrackingBody({ state: decoded.state, repoUrl: REPO_URL, key: KEY })).toBe(body);
  return decoded.state;
}

const listIssues = (gh: GitHubMock, issues: unknown[]): GitHubMock => gh.get(gh.repoPath('/issues'), issues, { query: { creator: ACTIONS_LOGIN, state: 'all' } });
const calls = (gh: GitHubMock): string[] => gh.calls.map((c) => `${c.method} ${c.path}`);

describe('the Action on a push to the default branch', () => {
  it('creates the tracking issue from the checkout: list, branch head, create (3 calls)', async () => {
    const gh = listIssues(new GitHubMock(), [])
      .get('/repos/Codertocat/Hello-World/branches/master', () => ({ name: 'master', commit: { sha: head() } }))
      .post('/repos/Codertocat/Hello-World/issues', { number: 11 }, { status: 201 });
    const { code, out } = await runMain();
    expect(calls(gh)).toEqual(['GET /repos/Codertocat/Hello-World/issues', 'GET /repos/Codertocat/Hello-World/branches/master', 'POST /repos/Codertocat/Hello-World/issues']);
    expect(code).toBe(0);
    expect(out).toBe('');
    const created = gh.bodies('POST', '/repos/Codertocat/Hello-World/issues')[0];
    expect(created.title).toBe(defaultConfig().trackingIssue.title);
    expect(created.labels).toEqual(defaultConfig().trackingIssue.labels);
    const state = expectAppBoard(created.body);
    expect(state.scan).toMatchObject({ sha: head(), branch: 'master', method: 'workspace' });
    expect(state.items.length).toBeGreaterThan(0);
    expect(state.items.some((item) => item.f === 'pipelines/silver.py')).toBe(true);
    // Paths are the repository's, not the runner's.
    expect(state.items.filter((item) => item.f.startsWith('/') || item.f.includes(checkout.dir))).toEqual([]);
  });

  it('updates the issue of the previous push: list, re-read, write (3 calls; no branch lookup, no renames asked)', async () => {
    const before = await previousState();
    const gh = listIssues(new GitHubMock(), [actionIssue(5, before)]);
    gh.get(gh.repoPath('/issues/5'), actionIssue(5, before)).patch(gh.repoPath('/issues/5'), { number: 5 });
    const { code } = await runMain();
    expect(calls(gh)).toEqual(['GET /repos/Codertocat/Hello-World/issues', 'GET /repos/Codertocat/Hello-World/issues/5', 'PATCH /repos/Codertocat/Hello-World/issues/5']);
    expect(code).toBe(0);
    const state = expectAppBoard(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body);
    expect(state.seq).toBe(before.seq + 1);
    expect(state.scan?.sha).toBe(head());
    expect(state.trend?.length).toBe((before.trend?.length ?? 0) + 1);
  });

  it('a push that removed a file asks for renames since the last scan (4 calls)', async () => {
    const before = await previousState();
    const gh = listIssues(new GitHubMock(), [actionIssue(5, before)])
      .get(`/repos/Codertocat/Hello-World/compare/${parent()}...${head()}`, { files: [] })
      .get('/repos/Codertocat/Hello-World/issues/5', actionIssue(5, before))
      .patch('/repos/Codertocat/Hello-World/issues/5', { number: 5 });
    await runMain({}, (p) => (p.commits[0].removed = ['old/job.json']));
    expect(gh.calls).toHaveLength(4);
    expect(gh.calls[1]!.path).toBe(`/repos/Codertocat/Hello-World/compare/${parent()}...${head()}`);
  });

  it('a re-run of a push the issue already shows reads the issue only, and still writes the SARIF report (1 call)', async () => {
    const current = await previousState(head());
    const gh = listIssues(new GitHubMock(), [actionIssue(5, current)]);
    const { code } = await runMain({ INPUT_SARIF: 'results.sarif' });
    expect(gh.calls).toHaveLength(1);
    expect(code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(checkout.workspace, 'results.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it('a run whose commit is no longer the branch head leaves the issue to the run of the head (2 calls)', async () => {
    const older = await previousState('b'.repeat(40));
    const gh = listIssues(new GitHubMock(), [actionIssue(5, older)]).get('/repos/Codertocat/Hello-World/branches/master', { name: 'master', commit: { sha: 'c'.repeat(40) } });
    const { code } = await runMain();
    expect(calls(gh)).toEqual(['GET /repos/Codertocat/Hello-World/issues', 'GET /repos/Codertocat/Hello-World/branches/master']);
    expect(code).toBe(0);
  });

  it('a push to another branch, or a deleted default branch, does nothing (0 calls)', async () => {
    const gh = new GitHubMock();
    expect((await runMain({}, (p) => (p.ref = 'refs/heads/feature'))).code).toBe(0);
    expect((await runMain({}, (p) => (p.deleted = true))).code).toBe(0);
    expect(gh.calls).toHaveLength(0);
  });

  it('with tracking-issue false, only the SARIF report is written, its folder made (0 calls)', async () => {
    const gh = new GitHubMock();
    const { code } = await runMain({ 'INPUT_TRACKING-ISSUE': 'false', INPUT_SARIF: 'out/results.sarif' });
    expect(gh.calls).toHaveLength(0);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(checkout.workspace, 'out/results.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it("finds a personal access token's issues by its user (GET /user once), another token's by REMEDIATION_BOT_LOGIN", async () => {
    const current = await previousState(head());
    const pat = new GitHubMock().get('/user', { login: 'octocat' });
    pat.get(pat.repoPath('/issues'), [{ ...actionIssue(5, current), user: { login: 'octocat', type: 'User' } }], { query: { creator: 'octocat', state: 'all' } });
    await runMain({ INPUT_TOKEN: 'github_pat_11ABC' });
    expect(calls(pat)).toEqual(['GET /user', 'GET /repos/Codertocat/Hello-World/issues']);
    const app = new GitHubMock();
    app.get(app.repoPath('/issues'), [{ ...actionIssue(5, current), user: { login: 'remediation-ci[bot]', type: 'Bot' } }], { query: { creator: 'remediation-ci[bot]', state: 'all' } });
    await runMain({ INPUT_TOKEN: 'ghs_installation', REMEDIATION_BOT_LOGIN: 'remediation-ci[bot]' });
    expect(app.calls).toHaveLength(1);
  });

  it('seals with REMEDIATION_STATE_SECRET when set: its issue is trusted with it, and restored from a scan without it', async () => {
    const current = await previousState(head());
    const vars = { REMEDIATION_STATE_SECRET: 'kept-in-actions-secrets' };
    const key = repositoryStateKey(actionStateSecret(vars, REPO), { id: REPO_ID, ...REPO });
    const sealed = actionIssue(5, current, key);
    const trusted = listIssues(new GitHubMock(), [sealed]);
    await runMain(vars);
    // Trusted: the issue already shows this commit, nothing to write.
    expect(trusted.calls).toHaveLength(1);
    const distrusted = listIssues(new GitHubMock(), [sealed])
      .get('/repos/Codertocat/Hello-World/branches/master', { name: 'master', commit: { sha: head() } })
      .get('/repos/Codertocat/Hello-World/issues/5', sealed)
      .patch('/repos/Codertocat/Hello-World/issues/5', { number: 5 })
      .post('/repos/Codertocat/Hello-World/issues/5/comments', { id: 1 }, { status: 201 });
    await runMain();
    expect(distrusted.calls).toHaveLength(5);
    expectAppBoard(distrusted.bodies('PATCH', '/repos/Codertocat/Hello-World/issues/5')[0].body);
    expect(distrusted.bodies('POST', '/repos/Codertocat/Hello-World/issues/5/comments')[0].body).toContain('its data block was changed by hand');
  });
});
