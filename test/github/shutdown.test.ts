/**
 * Webhooks are acknowledged before the work is done; SIGTERM drains the queue; what a
 * job could not finish is completed as interrupted, never left `in_progress`.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { INTERRUPTED_TITLE } from '../../src/github/app/inflight-runs.js';
import { DEFAULT_SETTINGS } from '../../src/queue/settings.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, FIXED_NOW, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

/** Every request of a finding-free PR check of PR #2 (check run 7). */
function prCheck(gh: GitHubMock): GitHubMock {
  return gh
    .createCheckRun(7)
    .noConfig()
    .appIdentity()
    .trackingIssues([trackingIssue(5, stateFromFiles([]))])
    .prFiles(2, [{ filename: 'a.py', sha: 's1', patch: '@@ -1 +1 @@\n-a\n+b' }])
    .blob('s1', 'b\n');
}

/** An engine that waits for `open()` (never, if not called). */
function gatedEngine() {
  const engine = fakeEngine();
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { factory: async () => (await gate, engine), open: () => open() };
}

async function deliver(probot: Awaited<ReturnType<typeof createTestApp>>['probot'], name: string): Promise<void> {
  await probot.receive({ id: `delivery-${name}`, name: name.split('.')[0] as any, payload: payload(name) });
}

describe('the webhook and the queue', () => {
  it('answers the webhook at once and does the work afterwards', async () => {
    const gated = gatedEngine();
    const { probot, runtime } = await createTestApp(fakeEngine(), { app: { engine: gated.factory } });
    const gh = prCheck(new GitHubMock().installationToken()).updateCheckRun(7);
    const started = Date.now();
    await deliver(probot, 'pull_request.opened');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(gh.find('PATCH', gh.repoPath('/check-runs/7'))).toEqual([]);
    gated.open();
    await runtime.queue.idle();
    gh.done();
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('on SIGTERM finishes the running check, then exits', async () => {
    const gated = gatedEngine();
    const signals = new EventEmitter();
    const exits: { code: number; completions: number }[] = [];
    let exited: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (exited = resolve));
    const gh = prCheck(new GitHubMock().installationToken()).updateCheckRun(7);
    const exit = (code: number): void => {
      exits.push({ code, completions: gh.find('PATCH', gh.repoPath('/check-runs/7')).length });
      exited();
    };
    const { probot } = await createTestApp(fakeEngine(), { app: { engine: gated.factory, handleSignals: true, signals, exit } });
    await deliver(probot, 'pull_request.opened');
    signals.emit('SIGTERM', 'SIGTERM');
    setTimeout(gated.open, 30);
    await done;
    gh.done();
    expect(exits).toEqual([{ code: 0, completions: 1 }]);
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('completes a check still running at the drain deadline as interrupted', async () => {
    const gated = gatedEngine();
    const { probot, runtime } = await createTestApp(fakeEngine(), { app: { engine: gated.factory, settings: { ...DEFAULT_SETTINGS, drainMs: 50, checkRunGraceMs: 0 } } });
    const gh = prCheck(new GitHubMock().installationToken()).updateCheckRun(7);
    await deliver(probot, 'pull_request.opened');
    while (gh.find('GET', /\/git\/blobs\//).length === 0) await new Promise((r) => setTimeout(r, 5));
    const report = await runtime.shutdown();
    gh.done();
    expect(report.interrupted).toHaveLength(1);
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: INTERRUPTED_TITLE } });
    expect(update.output.summary).toMatch(/restarted.*Recheck/s);
    expect(update.actions).toEqual([expect.objectContaining({ identifier: 'recheck' })]);
  });

  it("completes a run left in progress (its completion failed) at the repository's next job, once stale", async () => {
    let now = FIXED_NOW.getTime();
    const engine = fakeEngine();
    engine.diff = () => {
      throw new Error('engine crashed');
    };
    const { probot } = await createTestApp(engine, { app: { now: () => new Date(now) } });
    const gh = prCheck(new GitHubMock().installationToken());
    // GitHub refuses the completion: the run would stay in progress.
    gh.patch(gh.repoPath('/check-runs/7'), { message: 'Not Found' }, { status: 404 });
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    // A closed pull request the issue does not mention: the job reads the issue and stops.
    gh.trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    await receive(probot, 'pull_request.closed', payload('pull_request.closed'));
    expect(gh.find('PATCH', gh.repoPath('/check-runs/7'))).toHaveLength(1);
    now += DEFAULT_SETTINGS.staleAfterMs + 1;
    gh.updateCheckRun(7).trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    await receive(probot, 'pull_request.closed', payload('pull_request.closed'));
    gh.done();
    const patches = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(patches).toHaveLength(2);
    expect(patches[1]).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: INTERRUPTED_TITLE } });
  });
});
