import { describe, expect, it } from 'vitest';
import { emptyState } from '../../src/github/tracking/state.js';
import { applyScan } from '../../src/github/tracking/apply.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, FIXED_NOW, payload, receive } from './support/app.js';
import { fakeEngine, findingsOf } from './support/fake-engine.js';
import { BOT, pushAfterScan, SCANNED_SHA, stateFromFiles, trackingIssue, decodeBody } from './support/tracking.js';

useGitHubMock();

const PUSH_SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
const REPO_FILES = {
  'notebooks/bronze.py': 'spark.readStream.load()  # BAD P101\nx = 1  # BAD P401\n',
  'jobs/job.json': '{"name": "x"}  \n',
  'README.md': '# not analysed\n',
};
const BASELINE_FILES = [
  { path: 'notebooks/bronze.py', content: 'spark.readStream.load()  # BAD P101\nx = 1  # BAD P401\n' },
  { path: 'notebooks/silver.py', content: 'y = 2  # BAD P101\n' },
];

function pushScan(gh: GitHubMock, files: Record<string, string> = REPO_FILES): GitHubMock {
  const relevant = Object.fromEntries(Object.entries(files).filter(([path]) => !path.endsWith('.md')));
  return gh.tree(PUSH_SHA, files).treeBlobs(relevant);
}

/** A scan of the push's commit after the one the issue records: renames since are asked for. */
function rescan(gh: GitHubMock, files: Record<string, string> = REPO_FILES): GitHubMock {
  return pushScan(gh, files).compare(SCANNED_SHA, PUSH_SHA);
}

describe('the tracking issue', () => {
  it('is created from a full scan on the first pull request', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const gh = new GitHubMock().installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([]);
    gh.prFiles(2, [{ filename: 'a.py', sha: 's1', patch: '@@ -1 +1 @@\n-a\n+b' }]).blob('s1', 'b\n').updateCheckRun(7);
    gh.get(gh.repoPath('/branches/master'), { name: 'master', commit: { sha: PUSH_SHA } });
    pushScan(gh).post(gh.repoPath('/issues'), { number: 11 }, { status: 201 });
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [created] = gh.bodies('POST', gh.repoPath('/issues'));
    expect(created.title).toBe('Remediation tracking: the eight priorities');
    expect(created.labels).toEqual(['remediation']);
    expect(created.body).toContain('<!-- remediation-tracking-issue -->');
    expect(created.body).toContain('- [ ] Re-scan the default branch now <!-- remediation:rescan -->');
    expect(created.body).toContain(`- [notebooks/bronze.py](https://github.com/Codertocat/Hello-World/blob/${PUSH_SHA}/notebooks/bronze.py): **failure** P101 fake-rule L1`);
    const state = decodeBody(created.body);
    expect(state.ok && state.state.baseline).toMatchObject({ sha: PUSH_SHA, counts: { 1: 1, 4: 1 } });
    expect(engine.scans[0].map((f) => f.path).sort()).toEqual(['jobs/job.json', 'notebooks/bronze.py']);
  });

  it('is updated on a push to the default branch, crediting resolved findings', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const baseline = stateFromFiles(BASELINE_FILES);
    const existing = trackingIssue(5, baseline);
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([existing]);
    pushScan(gh);
    gh.get(gh.repoPath('/issues/5'), existing).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'push', pushAfterScan());
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/issues/5'));
    expect(update.state).toBeUndefined();
    const state = decodeBody(update.body);
    expect(state.ok && state.state.recent.map((r) => r.f)).toEqual(['notebooks/silver.py']);
    expect(update.body).toContain('**1 / 2 resolved**');
    expect(update.body).toContain('- P101 fake-rule: notebooks/silver.py, resolved at `6113728` on 2025-06-01');
  });

  it('takes its full scan from the scan service (the worker threads) when the App has one', async () => {
    const engine = fakeEngine();
    const scanned: string[][] = [];
    const { probot } = await createTestApp(engine, {
      app: {
        scan: async (files, options) => {
          scanned.push(files.map((f) => f.path).sort());
          return engine.scan(files, options);
        },
      },
    });
    const existing = trackingIssue(5, stateFromFiles(BASELINE_FILES));
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([existing]);
    pushScan(gh);
    gh.get(gh.repoPath('/issues/5'), existing).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'push', pushAfterScan());
    gh.done();
    expect(scanned).toEqual([['jobs/job.json', 'notebooks/bronze.py']]);
    expect(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body).toContain('**1 / 2 resolved**');
  });

  it('a merged PR that renamed a file resolves nothing: its findings carry over to the new path', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const baseline = stateFromFiles(BASELINE_FILES);
    const existing = trackingIssue(5, baseline);
    const renamed = { 'notebooks/bronze_v2.py': REPO_FILES['notebooks/bronze.py'], 'notebooks/silver.py': 'y = 2  # BAD P101\n', 'jobs/job.json': REPO_FILES['jobs/job.json'] };
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([existing]);
    pushScan(gh, renamed).compare(SCANNED_SHA, PUSH_SHA, { 'notebooks/bronze_v2.py': 'notebooks/bronze.py' });
    gh.get(gh.repoPath('/issues/5'), existing).patch(gh.repoPath('/issues/5'), { number: 5 });
    const push = pushAfterScan();
    push.commits = [{ ...push.commits[0], added: ['notebooks/bronze_v2.py'], removed: ['notebooks/bronze.py'], modified: [] }];
    await receive(probot, 'push', push);
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/issues/5'));
    const state = decodeBody(update.body);
    expect(state.ok && state.state.done).toEqual({});
    expect(state.ok && state.state.recent).toEqual([]);
    expect(state.ok && state.state.items.map((i) => i.f).sort()).toEqual(['notebooks/bronze_v2.py', 'notebooks/bronze_v2.py', 'notebooks/silver.py']);
    expect(update.body).toContain('**0 / 2 resolved**');
  });

  it('without the compare API rename, the same push counts the old path resolved (what the rename prevents)', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const existing = trackingIssue(5, stateFromFiles(BASELINE_FILES));
    const renamed = { 'notebooks/bronze_v2.py': REPO_FILES['notebooks/bronze.py'], 'notebooks/silver.py': 'y = 2  # BAD P101\n', 'jobs/job.json': REPO_FILES['jobs/job.json'] };
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([existing]);
    pushScan(gh, renamed).compare(SCANNED_SHA, PUSH_SHA);
    gh.get(gh.repoPath('/issues/5'), existing).patch(gh.repoPath('/issues/5'), { number: 5 });
    const push = pushAfterScan();
    push.commits = [{ ...push.commits[0], added: ['notebooks/bronze_v2.py'], removed: ['notebooks/bronze.py'], modified: [] }];
    await receive(probot, 'push', push);
    gh.done();
    const state = decodeBody(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body);
    expect(state.ok && state.state.done).toEqual({ 1: 1, 4: 1 });
  });

  it('is neither scanned nor written for a push it already reflects (a late redelivery)', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const files = Object.entries(REPO_FILES).filter(([p]) => !p.endsWith('.md')).map(([path, content]) => ({ path, content }));
    const state = applyScan(emptyState(), { sha: PUSH_SHA, branch: 'master', at: FIXED_NOW.toISOString(), method: 'blobs', findings: files.flatMap((f) => findingsOf(f)) });
    const gh = new GitHubMock().installationToken().appIdentity().trackingIssues([trackingIssue(5, state)]);
    await receive(probot, 'push', payload('push'));
    gh.done();
    expect(gh.find('GET', /git\/trees|branches|contents/)).toEqual([]);
    expect(gh.find('PATCH', /issues/)).toEqual([]);
  });

  it('follows the branch head when a push does not follow the last scan (out of order)', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const existing = trackingIssue(5, stateFromFiles(BASELINE_FILES));
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([existing]);
    // The push says 6113728, but the branch has moved on to a later commit meanwhile.
    const LATER = 'b'.repeat(40);
    gh.get(gh.repoPath('/branches/master'), { name: 'master', commit: { sha: LATER } });
    gh.tree(LATER, REPO_FILES).treeBlobs({ 'notebooks/bronze.py': REPO_FILES['notebooks/bronze.py'], 'jobs/job.json': REPO_FILES['jobs/job.json'] }).compare(SCANNED_SHA, LATER);
    gh.get(gh.repoPath('/issues/5'), existing).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'push', pushAfterScan('c'.repeat(40)));
    gh.done();
    const state = decodeBody(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body);
    expect(state.ok && state.state.scan?.sha).toBe(LATER);
  });

  it('skips a late push when the branch head is already scanned', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = new GitHubMock().installationToken().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles(BASELINE_FILES))]);
    gh.get(gh.repoPath('/branches/master'), { name: 'master', commit: { sha: 'a'.repeat(40) } });
    await receive(probot, 'push', pushAfterScan('c'.repeat(40)));
    gh.done();
    expect(gh.find('PATCH', /issues/)).toEqual([]);
  });

  it('closes duplicates pointing at the oldest open one, and ignores look-alikes not written by the app', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const state = stateFromFiles(BASELINE_FILES);
    const survivor = trackingIssue(5, state);
    const duplicate = trackingIssue(9, state);
    const impostor = { ...trackingIssue(3, state), user: { login: 'mallory', type: 'User' } };
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([duplicate, impostor, survivor]);
    gh.post(gh.repoPath('/issues/9/comments'), { id: 1 }, { status: 201 }).patch(gh.repoPath('/issues/9'), { number: 9 });
    pushScan(gh);
    gh.get(gh.repoPath('/issues/5'), survivor).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'push', pushAfterScan());
    gh.done();
    expect(gh.bodies('POST', gh.repoPath('/issues/9/comments'))[0].body).toContain('duplicate of #5');
    expect(gh.bodies('PATCH', gh.repoPath('/issues/9'))[0]).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
  });

  it('reopens a closed issue when findings remain', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const closed = trackingIssue(5, stateFromFiles(BASELINE_FILES), { state: 'closed' });
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([closed]);
    pushScan(gh);
    gh.get(gh.repoPath('/issues/5'), closed).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'push', pushAfterScan());
    gh.done();
    expect(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].state).toBe('open');
  });

  it('takes a title changed in the config with its next write', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const existing = trackingIssue(5, stateFromFiles(BASELINE_FILES));
    const gh = new GitHubMock().installationToken().config('tracking_issue:\n  title: Streaming fixes\n').appIdentity().trackingIssues([existing]);
    pushScan(gh);
    gh.get(gh.repoPath('/issues/5'), existing).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'push', pushAfterScan());
    gh.done();
    expect(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0]).toMatchObject({ title: 'Streaming fixes' });
  });

  it('keeps a box ticked meanwhile by a user when rewriting', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const existing = trackingIssue(5, stateFromFiles(BASELINE_FILES));
    const ticked = { ...existing, body: existing.body.replace('- [ ] Mute P4 Rate limiting', '- [x] Mute P4 Rate limiting') };
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([existing]);
    pushScan(gh);
    gh.get(gh.repoPath('/issues/5'), ticked).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'push', pushAfterScan());
    gh.done();
    expect(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body).toContain('- [x] Mute P4 Rate limiting <!-- remediation:mute-4 -->');
  });

  it('ignores pushes to other branches', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const event = payload('push');
    event.ref = 'refs/heads/feature';
    await receive(probot, 'push', event);
  });
});

describe('tracking issue checkboxes', () => {
  function edited(body: string, before: string, sender = { login: 'octocat', type: 'User' }) {
    const event = payload('issues.edited');
    event.issue = { ...event.issue, number: 5, user: { login: BOT, type: 'Bot' }, body };
    event.sender = { ...event.sender, ...sender };
    event.changes = { body: { from: before } };
    return event;
  }
  const role = (gh: GitHubMock, permission: string, roleName = permission) =>
    gh.get(gh.repoPath('/collaborators/octocat/permission'), { permission, role_name: roleName, user: { login: 'octocat' } });

  it('mutes a priority when a writer ticks its box, then unticks it', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const issue = trackingIssue(5, stateFromFiles(BASELINE_FILES));
    const ticked = { ...issue, body: issue.body.replace('- [ ] Mute P1 Watermarking', '- [x] Mute P1 Watermarking') };
    const gh = role(new GitHubMock().installationToken().appIdentity().noConfig().trackingIssues([ticked]), 'write');
    gh.get(gh.repoPath('/issues/5'), ticked).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'issues.edited', edited(ticked.body, issue.body));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/issues/5'));
    expect(update.body).toContain('- [ ] Unmute P1 Watermarking <!-- remediation:mute-1 -->');
    expect(update.body).not.toContain('- [x]');
    const state = decodeBody(update.body);
    expect(state.ok && state.state.muted).toEqual([1]);
  });

  it('re-scans the default branch when a writer asks', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const issue = trackingIssue(5, stateFromFiles(BASELINE_FILES));
    const ticked = { ...issue, body: issue.body.replace('- [ ] Re-scan', '- [x] Re-scan') };
    const gh = role(new GitHubMock().installationToken().appIdentity().noConfig().trackingIssues([ticked]), 'write');
    gh.get(gh.repoPath('/branches/master'), { name: 'master', commit: { sha: PUSH_SHA } });
    rescan(gh);
    gh.get(gh.repoPath('/issues/5'), ticked).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'issues.edited', edited(ticked.body, issue.body));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/issues/5'));
    expect(update.body).toContain('- [ ] Re-scan the default branch now');
    expect(update.body).toContain('**1 / 2 resolved**');
  });

  it('a box that was already ticked before the edit is not acted on again', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const issue = trackingIssue(5, stateFromFiles(BASELINE_FILES));
    const ticked = { ...issue, body: issue.body.replace('- [ ] Mute P1 Watermarking', '- [x] Mute P1 Watermarking') };
    const gh = new GitHubMock().installationToken().appIdentity().noConfig().trackingIssues([ticked]);
    gh.get(gh.repoPath('/issues/5'), ticked).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'issues.edited', edited(ticked.body, ticked.body));
    gh.done();
    const state = decodeBody(gh.bodies('PATCH', gh.repoPath('/issues/5'))[0].body);
    expect(state.ok && state.state.muted).toEqual([]);
  });

  it("ignores the app's own edits, edits that leave the body alone, and other people's issues", async () => {
    const { probot } = await createTestApp(fakeEngine());
    const issue = trackingIssue(5, stateFromFiles(BASELINE_FILES));
    const ticked = issue.body.replace('- [ ] Re-scan', '- [x] Re-scan');
    const gh = new GitHubMock();
    await receive(probot, 'issues.edited', edited(ticked, issue.body, { login: BOT, type: 'Bot' }));
    const titleOnly = edited(ticked, issue.body);
    delete titleOnly.changes.body;
    await receive(probot, 'issues.edited', titleOnly);
    const theirs = edited(ticked, issue.body);
    theirs.issue.user = { login: 'mallory', type: 'User' };
    await receive(probot, 'issues.edited', theirs);
    gh.done();
    expect(gh.calls).toEqual([]);
  });
});
