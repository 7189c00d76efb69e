/**
 * The tracking issue under hostile edits: the handler does constant work on any body, the
 * sealed state block cannot be forged, removed, doubled or rolled back (the last good state
 * is restored and the editor named), checkbox actions need the same permission as the
 * matching command, and a forged state is bounded by the schema.
 */
import { describe, expect, it } from 'vitest';
import { encodeState, emptyState, type TrackingState } from '../../src/github/tracking/state.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { BOT, decodeBody, STATE_KEY, stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const PUSH_SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
const FILES = [
  { path: 'notebooks/bronze.py', content: 'spark.readStream.load()  # BAD P101\nx = 1  # BAD P401\n' },
  { path: 'notebooks/silver.py', content: 'y = 2  # BAD P101\n' },
];
/** The state the issue shows: last scanned at the push's commit, so a push redelivery only reads it. */
const GOOD: TrackingState = { ...stateFromFiles(FILES, PUSH_SHA), seq: 5, done: { 4: 2 } };

function edited(body: string, before: string, sender = 'octocat') {
  const event = payload('issues.edited');
  event.issue = { ...event.issue, number: 5, user: { login: BOT, type: 'Bot' }, body };
  event.sender = { ...event.sender, login: sender, type: 'User' };
  event.changes = { body: { from: before } };
  return event;
}

const blockOf = (body: string): string => body.slice(body.indexOf('<!-- remediation-state '));

/** An app that has read (and so kept) the good state: a redelivered push reads the issue and stops. */
async function appThatKnows(state: TrackingState) {
  const test = await createTestApp(fakeEngine());
  const gh = new GitHubMock().installationToken().appIdentity().trackingIssues([trackingIssue(5, state)]);
  await receive(test.probot, 'push', payload('push'));
  gh.done();
  return test;
}

/** Mocks the job's reads of an issue whose body is `body`, the restoring write and the comment. */
function restoreFlow(body: string, withToken = true): GitHubMock {
  const issue = { ...trackingIssue(5, GOOD), body };
  const gh = (withToken ? new GitHubMock().installationToken() : new GitHubMock()).noConfig().trackingIssues([issue]);
  return gh.get(gh.repoPath('/issues/5'), issue).patch(gh.repoPath('/issues/5'), { number: 5 }).post(gh.repoPath('/issues/5/comments'), { id: 9 }, { status: 201 });
}

function expectRestored(gh: GitHubMock, reason: RegExp): void {
  const [update] = gh.bodies('PATCH', gh.repoPath('/issues/5'));
  const decoded = decodeBody(update.body);
  expect(decoded.ok && { done: decoded.state.done, items: decoded.state.items.length, seq: decoded.state.seq }).toEqual({ done: GOOD.done, items: GOOD.items.length, seq: GOOD.seq + 1 });
  const [comment] = gh.bodies('POST', gh.repoPath('/issues/5/comments'));
  expect(comment.body).toMatch(reason);
  expect(comment.body).toContain('(edited by @octocat)');
  expect(comment.body).toContain('I restored the last state I wrote');
}

describe('the state block cannot be forged', () => {
  const good = trackingIssue(5, GOOD).body;

  it('a re-encoded block (95 % shown, forged ignores) is replaced by the last good state, and the editor named', async () => {
    const { probot } = await appThatKnows(GOOD);
    const forgedState: TrackingState = { ...GOOD, seq: 99, done: { 1: 95 }, ignores: [{ selector: 'P1', reason: 'ok', by: 'admin', at: '2025-01-01' }] };
    const forged = good.replace(blockOf(good), encodeState(forgedState, Buffer.alloc(32, 1)));
    const gh = restoreFlow(forged, false);
    await receive(probot, 'issues.edited', edited(forged, good));
    gh.done();
    expectRestored(gh, /seal does not match/);
  });

  it('a deleted block is restored, not a new baseline', async () => {
    const { probot } = await appThatKnows(GOOD);
    const removed = good.replace(blockOf(good), '');
    const gh = restoreFlow(removed, false);
    await receive(probot, 'issues.edited', edited(removed, good));
    gh.done();
    expectRestored(gh, /data block was removed/);
  });

  it('a second block placed before the real one is not trusted', async () => {
    const { probot } = await appThatKnows(GOOD);
    const doubled = good.replace('<!-- remediation-tracking-issue -->', `<!-- remediation-tracking-issue -->\n${encodeState({ ...GOOD, done: { 1: 40 } }, STATE_KEY)}`);
    const gh = restoreFlow(doubled, false);
    await receive(probot, 'issues.edited', edited(doubled, good));
    gh.done();
    expectRestored(gh, /second data block/);
  });

  it('an older genuine body put back (history rolled back) is recognised by its sequence number', async () => {
    const { probot } = await appThatKnows(GOOD);
    const older = trackingIssue(5, { ...GOOD, seq: 2, done: {} }).body;
    const gh = restoreFlow(older, false);
    await receive(probot, 'issues.edited', edited(older, good));
    gh.done();
    expectRestored(gh, /older version of it was put back/);
  });

  it('with no good state known, a forged block starts a new baseline from a scan, and says so', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const forged = good.replace(blockOf(good), encodeState({ ...GOOD, done: { 1: 95 } }, Buffer.alloc(32, 1)));
    const issue = { ...trackingIssue(5, GOOD), body: forged };
    const gh = new GitHubMock().installationToken().appIdentity().noConfig().trackingIssues([issue]);
    gh.get(gh.repoPath('/branches/master'), { name: 'master', commit: { sha: PUSH_SHA } });
    gh.tree(PUSH_SHA, { 'notebooks/bronze.py': FILES[0].content }).treeBlobs({ 'notebooks/bronze.py': FILES[0].content });
    gh.get(gh.repoPath('/issues/5'), issue).patch(gh.repoPath('/issues/5'), { number: 5 }).post(gh.repoPath('/issues/5/comments'), { id: 9 }, { status: 201 });
    await receive(probot, 'issues.edited', edited(forged, good));
    gh.done();
    const decoded = decodeBody(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body);
    expect(decoded.ok && decoded.state.done).toEqual({});
    expect(decoded.ok && decoded.state.items.map((i) => i.r)).toEqual(['P101', 'P401']);
    expect(gh.bodies('POST', gh.repoPath('/issues/5/comments'))[0].body).toContain('I started a new baseline');
  });

  it('sealed states out of the schema bounds are refused: negative counts, oversized lists', () => {
    const negative = { ...emptyState(), done: { 1: -5 } } as TrackingState;
    expect(decodeBody(encodeState(negative, STATE_KEY))).toEqual({ ok: false, reason: 'invalid' });
    const huge = { ...emptyState(), more: { 1: Array.from({ length: 100_001 }, (_, i) => `h${String(i).padStart(9, '0')}`) } } as TrackingState;
    expect(decodeBody(encodeState(huge, STATE_KEY))).toEqual({ ok: false, reason: 'invalid' });
    const ignores = { ...emptyState(), ignores: Array.from({ length: 31 }, () => ({ selector: 'P4', reason: 'r', by: 'u', at: 'x' })) };
    expect(decodeBody(encodeState(ignores, STATE_KEY))).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('checkbox actions need the same permission as their command', () => {
  it('a read user ticking "Mute P1" mutes nothing: the box is unticked and they are told why', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const issue = trackingIssue(5, GOOD);
    const ticked = { ...issue, body: issue.body.replace('- [ ] Mute P1 Watermarking', '- [x] Mute P1 Watermarking') };
    const gh = new GitHubMock().installationToken().appIdentity().noConfig().trackingIssues([ticked]);
    gh.get(gh.repoPath('/collaborators/octocat/permission'), { permission: 'read', role_name: 'read', user: { login: 'octocat' } });
    gh.get(gh.repoPath('/issues/5'), ticked).patch(gh.repoPath('/issues/5'), { number: 5 }).post(gh.repoPath('/issues/5/comments'), { id: 9 }, { status: 201 });
    await receive(probot, 'issues.edited', edited(ticked.body, issue.body));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/issues/5'));
    expect(update.body).not.toContain('- [x]');
    const decoded = decodeBody(update.body);
    expect(decoded.ok && decoded.state.muted).toEqual([]);
    expect(gh.bodies('POST', gh.repoPath('/issues/5/comments'))[0].body).toContain('Mute (needs the write role)');
  });

  it('"Re-scan" ticked by a read user scans nothing', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const issue = trackingIssue(5, GOOD);
    const ticked = { ...issue, body: issue.body.replace('- [ ] Re-scan', '- [x] Re-scan') };
    const gh = new GitHubMock().installationToken().appIdentity().noConfig().trackingIssues([ticked]);
    gh.get(gh.repoPath('/collaborators/octocat/permission'), { message: 'Not Found' }, { status: 404 });
    gh.get(gh.repoPath('/issues/5'), ticked).patch(gh.repoPath('/issues/5'), { number: 5 }).post(gh.repoPath('/issues/5/comments'), { id: 9 }, { status: 201 });
    await receive(probot, 'issues.edited', edited(ticked.body, issue.body));
    gh.done();
    expect(gh.find('GET', /git\/trees|branches/)).toEqual([]);
  });
});

describe('the issues.edited handler does constant work', () => {
  const pathological = `<!-- remediation-tracking-issue -->\n${'*_a'.repeat(22_000)}\n- [x] Re-scan the default branch now <!-- remediation:rescan -->\n`;

  it("returns at once for a user's own issue carrying the marker and 64 KB of `*_a`", async () => {
    const { probot } = await createTestApp(fakeEngine());
    const event = edited(pathological, 'x');
    event.issue.user = { login: 'mallory', type: 'User' };
    const gh = new GitHubMock();
    const started = performance.now();
    for (let i = 0; i < 20; i++) await receive(probot, 'issues.edited', event);
    expect((performance.now() - started) / 20).toBeLessThan(50);
    gh.done();
    expect(gh.calls).toEqual([]);
  });

  it("the app's own issue with the same body: handler and job stay well under a second", async () => {
    const { probot } = await createTestApp(fakeEngine());
    const good = trackingIssue(5, GOOD);
    const body = `${pathological}${blockOf(good.body)}`;
    const issue = { ...good, body };
    const gh = new GitHubMock().installationToken().appIdentity().noConfig().trackingIssues([issue]);
    gh.get(gh.repoPath('/collaborators/octocat/permission'), { permission: 'write', role_name: 'write', user: { login: 'octocat' } });
    gh.get(gh.repoPath('/branches/master'), { name: 'master', commit: { sha: PUSH_SHA } });
    gh.tree(PUSH_SHA, {}).get(gh.repoPath('/issues/5'), issue).patch(gh.repoPath('/issues/5'), { number: 5 });
    const started = performance.now();
    await receive(probot, 'issues.edited', edited(body, pathological.replace('- [x]', '- [ ]')));
    expect(performance.now() - started).toBeLessThan(1_000);
    gh.done();
    // The box was read by the linear scan and acted on.
    expect(gh.find('GET', gh.repoPath('/branches/master'))).toHaveLength(1);
  });
});
