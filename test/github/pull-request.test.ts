import { describe, expect, it } from 'vitest';
import { GitHubMock, useGitHubMock, type FileEntry } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

function modifiedFile(path: string, sha: string, added: string): { entry: FileEntry; head: string } {
  const head = `import x\n${added}\nprint(1)\n`;
  return { entry: { filename: path, sha, patch: `@@ -1,2 +1,3 @@\n import x\n+${added}\n print(1)` }, head };
}

/** The requests every PR check starts with, in order. */
function prelude(gh: GitHubMock, checkRunId = 7): GitHubMock {
  return gh.installationToken().createCheckRun(checkRunId).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
}

describe('pull_request events', () => {
  it('creates a check run, annotates added findings and completes it (3-file PR, one blob each)', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const files = Array.from({ length: 3 }, (_, i) => modifiedFile(`notebooks/n${i}.py`, `sha${i}`, `df.groupBy('k')  # BAD P101`));
    const gh = prelude(new GitHubMock())
      .prFiles(2, files.map((f) => f.entry))
      .blobs(Object.fromEntries(files.map((f) => [f.entry.sha!, f.head])))
      .updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [create] = gh.bodies('POST', gh.repoPath('/check-runs'));
    expect(create).toMatchObject({ name: 'Remediation', head_sha: HEAD, status: 'in_progress' });
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(update.actions).toEqual([{ label: 'Recheck', description: 'Run the remediation check again', identifier: 'recheck' }]);
    expect(update.output.annotations).toHaveLength(3);
    expect(update.output.annotations[0]).toMatchObject({ path: 'notebooks/n0.py', start_line: 2, end_line: 2, annotation_level: 'failure', title: 'P1 Watermarking · P101 fake-rule' });
    // What is wrong on the line; the fix behind "Show more".
    expect(update.output.annotations[0].message).toBe('fake finding P101');
    expect(update.output.annotations[0].raw_details).toBe('Fix: do the right thing');
    expect(update.output.summary).toContain('| P1 Watermarking | 0 | 3 | 0 |');
    expect(gh.installationCalls()).toHaveLength(9);
  });

  it.each(['synchronize', 'reopened', 'ready_for_review'])('checks the head on %s', async (action) => {
    const { probot } = await createTestApp(fakeEngine());
    const file = modifiedFile('jobs/a.py', 's1', 'y = 1');
    const gh = prelude(new GitHubMock()).prFiles(2, [file.entry]).blob('s1', file.head).updateCheckRun(7);
    await receive(probot, `pull_request.${action}`, payload(`pull_request.${action}`));
    gh.done();
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('sends more than 120 annotations in batches of 50 and completes with the last one', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const lines = Array.from({ length: 130 }, (_, i) => `x${i} = 1  # BAD P201`);
    const head = `${lines.join('\n')}\n`;
    const patch = `@@ -0,0 +1,130 @@\n${lines.map((l) => `+${l}`).join('\n')}`;
    const gh = prelude(new GitHubMock())
      .prFiles(2, [{ filename: 'src/many.py', status: 'added', sha: 'big', patch }])
      .blob('big', head)
      .updateCheckRun(7, 3);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const updates = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(updates.map((u) => u.output.annotations.length)).toEqual([50, 50, 30]);
    expect(updates.map((u) => u.status)).toEqual([undefined, undefined, 'completed']);
    expect(updates[2].conclusion).toBe('neutral');
    expect(updates.every((u) => u.output.title === '0 fixed, 130 added')).toBe(true);
  });

  it('fetches the base at the merge base when the patch is missing', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const base = 'a = 1  # BAD P301\nb = 2\n';
    const head = 'b = 2\nc = 3  # BAD P401\n';
    const gh = prelude(new GitHubMock())
      .prFiles(2, [{ filename: 'big/notebook.py', sha: 'hb' }])
      .blob('hb', head)
      .get(gh0().repoPath(`/compare/${BASE}...${HEAD}`), { merge_base_commit: { sha: 'mergebase' } })
      .contents('big/notebook.py', 'mergebase', base)
      .updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update.output.summary).toContain('| P3 Dead-letter queue and error handling | 1 | 0 | 0 |');
    expect(update.output.summary).toContain('| P4 Rate limiting | 0 | 1 | 0 |');
    // The changed lines were computed locally: line 2 is new.
    expect(update.output.annotations).toEqual([expect.objectContaining({ path: 'big/notebook.py', start_line: 2 })]);
  });

  it('falls back to the base file when the patch does not apply', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = prelude(new GitHubMock())
      .prFiles(2, [{ filename: 'a.sql', sha: 'h1', patch: '@@ -1,2 +1,2 @@\n-nothing\n+like\n this' }])
      .blob('h1', 'SELECT 1;\n')
      .get(gh0().repoPath(`/compare/${BASE}...${HEAD}`), { merge_base_commit: { sha: 'mb' } })
      .contents('a.sql', 'mb', 'SELECT 0;\n')
      .updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
  });

  it('keeps the history of a renamed file: its findings stay existing', async () => {
    const engine = fakeEngine();
    const { probot } = await createTestApp(engine);
    const head = 'q = 1  # BAD P501\nnew = 2  # BAD P601\n';
    const gh = prelude(new GitHubMock())
      .prFiles(2, [{ filename: 'pipelines/gold.py', previous_filename: 'old/gold.py', status: 'renamed', sha: 'r1', patch: '@@ -1 +1,2 @@\n q = 1  # BAD P501\n+new = 2  # BAD P601' }])
      .blob('r1', head)
      .updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect([...engine.diffs[0].renames!]).toEqual([['pipelines/gold.py', 'old/gold.py']]);
    expect(engine.diffs[0].base).toEqual([{ path: 'old/gold.py', content: 'q = 1  # BAD P501\n' }]);
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update.output.summary).toContain('| P5 RocksDB state store | 0 | 0 | 1 |');
    expect(update.output.summary).toContain('| P6 Metrics and alerting | 0 | 1 | 0 |');
  });

  it('skips irrelevant and excluded files and never fetches them', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = new GitHubMock()
      .installationToken()
      .createCheckRun(7)
      .config('paths:\n  exclude: ["vendor/**"]\n')
      .appIdentity()
      .trackingIssues([trackingIssue(5, stateFromFiles([]))])
      .prFiles(2, [
        { filename: 'README.md', sha: 'x1' },
        { filename: 'vendor/lib.py', sha: 'x2' },
        { filename: 'logo.png', sha: 'x3' },
      ])
      .updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ conclusion: 'success' });
  });

  it('checks a pull request from a fork on its head SHA', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const event = payload('pull_request.opened');
    event.pull_request.head.repo = { ...event.pull_request.head.repo, full_name: 'forker/Hello-World', name: 'Hello-World', owner: { login: 'forker' }, fork: true };
    event.pull_request.head.sha = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';
    const file = modifiedFile('etl/x.py', 'fk', 'z = 1  # BAD P801');
    const gh = prelude(new GitHubMock()).prFiles(2, [file.entry]).blob('fk', file.head).updateCheckRun(7);
    await receive(probot, 'pull_request.opened', event);
    gh.done();
    // Created in the base repository, on the fork's head commit.
    expect(gh.bodies('POST', gh.repoPath('/check-runs'))[0].head_sha).toBe('f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0');
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ conclusion: 'neutral' });
  });

  it('completes the check run as neutral with the cause when the API fails midway', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = prelude(new GitHubMock())
      // The request and Probot's three retries.
      .get(gh0().repoPath('/pulls/2/files'), { message: 'Server Error' }, { status: 500, times: 4 })
      .updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(update.output.summary).toContain('GitHub answered 500 to `GET /repos/Codertocat/Hello-World/pulls/2/files`');
    expect(JSON.stringify(update)).not.toContain('test-installation-token');
  });

  it('completes the check run when a blob fetch fails after some succeeded', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const a = modifiedFile('a.py', 'ok', 'y = 1');
    const gh = prelude(new GitHubMock())
      .prFiles(2, [a.entry, { ...a.entry, filename: 'b.py', sha: 'broken' }])
      .blob('ok', a.head)
      .get(gh0().repoPath('/git/blobs/broken'), { message: 'Server Error' }, { status: 502, times: 4 })
      .updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    expect(gh.bodies('PATCH', gh.repoPath('/check-runs/7'))[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
  });

  it('fails the check run, naming the bad key and line, on an invalid config', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = new GitHubMock()
      .installationToken()
      .createCheckRun(7)
      .config('priorities: [1, 2]\n\nfail_on: fatal\n', 2)
      .updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(update.output.title).toBe('Invalid .github/remediation.yml');
    expect(update.output.summary).toContain('`.github/remediation.yml` line 3: `fail_on`');
  });

  it('reports invalid YAML with its line', async () => {
    const { probot } = await createTestApp(fakeEngine());
    const gh = new GitHubMock().installationToken().createCheckRun(7).config('priorities: [1, 2\nfail_on: x\n').updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update).toMatchObject({ conclusion: 'failure' });
    expect(update.output.summary).toMatch(/invalid YAML.*line \d+/);
  });
});

/** A throwaway mock to compute paths without registering anything. */
function gh0(): GitHubMock {
  return Object.create(GitHubMock.prototype, { owner: { value: 'Codertocat' }, repo: { value: 'Hello-World' } });
}
