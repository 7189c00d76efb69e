/**
 * Measures the requests the app makes. The numbers are asserted so a change that adds
 * requests is noticed, and printed for the record.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { blobSha, GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { mockTarball as tarball } from './support/tar.js';
import { pushAfterScan, stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const PUSH_SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';

function report(label: string, gh: GitHubMock, extra = 0): number {
  const installation = gh.installationCalls().length + extra;
  console.log(`${label}: ${installation} requests with the installation token (+${gh.calls.length - gh.installationCalls().length} with the app JWT: token exchange and GET /app, once per process/hour)`);
  return installation;
}

const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

function prFiles(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const path = `src/m${i}.py`;
    const head = `x = ${i}\ny = ${i}${i % 10 === 0 ? '  # BAD P401' : ''}\n`;
    return { entry: { filename: path, sha: blobSha(path), patch: `@@ -1 +1,2 @@\n x = ${i}\n+y = ${i}${i % 10 === 0 ? '  # BAD P401' : ''}` }, head };
  });
}

function prCheckPrelude(gh: GitHubMock, files: ReturnType<typeof prFiles>): GitHubMock {
  return gh
    .installationToken()
    .createCheckRun(7)
    .noConfig()
    .appIdentity()
    .trackingIssues([trackingIssue(5, stateFromFiles([]))])
    .prFiles(2, files.map((f) => f.entry));
}

describe('API requests per event', () => {
  it('a 3-file pull request: one blob per file', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const files = prFiles(3);
    const gh = prCheckPrelude(new GitHubMock(), files).blobs(Object.fromEntries(files.map((f) => [f.entry.sha, f.head]))).updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    // check run 1 + config 2 + tracking issue 1 + file list 1 + one blob per file + completion 1
    expect(report('3-file PR', gh)).toBe(9);
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0].output.annotations).toHaveLength(1);
  });

  it('a 10-file pull request: the head tree and one tarball', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const files = prFiles(10);
    const contents = Object.fromEntries(files.map((f) => [f.entry.filename, f.head]));
    const gh = prCheckPrelude(new GitHubMock(), files).tree(HEAD, contents);
    tarball(gh, HEAD, contents);
    gh.updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    // check run 1 + config 2 + tracking issue 1 + file list 1 + tree 1 + tarball 1 + completion 1
    expect(report('10-file PR (tarball)', gh)).toBe(8);
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0].output.annotations).toHaveLength(1);
  });

  it('a 300-file pull request: the head tree and one tarball', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const files = prFiles(300);
    const contents = Object.fromEntries(files.map((f) => [f.entry.filename, f.head]));
    const gh = prCheckPrelude(new GitHubMock(), files).tree(HEAD, { ...contents, 'docs/readme.md': '# x\n' });
    tarball(gh, HEAD, contents);
    gh.updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    // check run 1 + config 2 + tracking issue 1 + 3 file pages + tree 1 + tarball 1 + completion 1
    expect(report('300-file PR (tarball)', gh)).toBe(10);
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0].output.annotations).toHaveLength(30);
  });

  it('a 300-file pull request whose tarball fails falls back to one blob per file', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const files = prFiles(300);
    const contents = Object.fromEntries(files.map((f) => [f.entry.filename, f.head]));
    const gh = prCheckPrelude(new GitHubMock(), files).tree(HEAD, contents);
    // A 502 that persists through the retry plugin's three retries.
    gh.get(gh.repoPath(`/tarball/${HEAD}`), { message: 'Server Error' }, { status: 502, times: 4 });
    gh.blobs(Object.fromEntries(files.map((f) => [f.entry.sha, f.head]))).updateCheckRun(7, 1);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect(report('300-file PR (per-file fallback)', gh)).toBe(313);
  });

  it('a default-branch scan of a 500-file repository reads one tarball', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const files: Record<string, string> = {};
    for (let i = 0; i < 500; i++) files[i % 5 === 0 ? `docs/page${i}.md` : `pipelines/layer${i % 7}/notebook_${i}.py`] = `x = ${i}${i % 50 === 1 ? '  # BAD P601' : ''}\n`;
    files[`deep/${'very-long-folder-name/'.repeat(6)}job.json`] = '{"tasks": []}\n';
    const existing = trackingIssue(5, stateFromFiles([]));
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([existing]).tree(PUSH_SHA, files);
    const codeload = tarball(gh, PUSH_SHA, files);
    gh.get(gh.repoPath('/issues/5'), existing).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'push', pushAfterScan());
    gh.done();
    expect(codeload.isDone()).toBe(true);
    expect(engine.scans[0]).toHaveLength(401);
    expect(engine.scans[0].some((f) => f.path.endsWith('very-long-folder-name/job.json'))).toBe(true);
    // config 2 + tracking issue 1 + tree 1 + tarball 1 + re-read 1 + write 1 (+ the codeload download, not an API request)
    expect(report('500-file default-branch scan (tarball)', gh)).toBe(7);
  });

  it('a default-branch scan of a small repository reads blobs', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const files: Record<string, string> = { 'a.py': 'x  # BAD P101\n', 'b.sql': 'SELECT 1;\n', 'README.md': '# hi\n' };
    const existing = trackingIssue(5, stateFromFiles([]));
    const gh = new GitHubMock().installationToken().noConfig().appIdentity().trackingIssues([existing]).tree(PUSH_SHA, files);
    gh.blob(blobSha('a.py'), files['a.py']).blob(blobSha('b.sql'), files['b.sql']);
    gh.get(gh.repoPath('/issues/5'), existing).patch(gh.repoPath('/issues/5'), { number: 5 });
    await receive(probot, 'push', pushAfterScan());
    gh.done();
    expect(report('3-file default-branch scan (blobs)', gh)).toBe(8);
  });
});
