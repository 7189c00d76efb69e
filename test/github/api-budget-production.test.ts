/**
 * Requests per event with the production settings: the repository cache (config and
 * tracking-issue number remembered between events), the check-run grace, and a repository
 * size from the payload that lets the tarball be read without the tree. Counted through
 * the stateful fake GitHub, which answers conditional requests with 304 as GitHub does.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/queue/settings.js';
import { createTestApp, payload, receive } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { FakeGitHub } from './support/fake-github.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

const PRODUCTION = { app: { settings: { ...DEFAULT_SETTINGS } } };
const [HEAD_1, HEAD_2] = ['a'.repeat(40), 'b'.repeat(40)];
const REPO_KB = 2048;

beforeEach(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function changedFiles(count: number, bad: number) {
  return Array.from({ length: count }, (_, i) => {
    const line = i < bad ? `y = ${i}  # BAD P401` : `y = ${i}`;
    return { path: `src/m${i}.py`, base: `x = ${i}\n`, head: `x = ${i}\n${line}\n`, patch: `@@ -1 +1,2 @@\n x = ${i}\n+${line}` };
  });
}

function prEvent(action: 'opened' | 'synchronize', head: string, sizeKb = REPO_KB): any {
  const body = payload(`pull_request.${action}`);
  body.pull_request.head.sha = head;
  body.repository.size = sizeKb;
  return body;
}

function prFake(files: ReturnType<typeof changedFiles>): FakeGitHub {
  const head = Object.fromEntries(files.map((f) => [f.path, f.head]));
  const fake = new FakeGitHub().commit(HEAD_1, head).commit(HEAD_2, head).pullRequest(2, files);
  fake.issues.push({ ...trackingIssue(1, stateFromFiles([])), state: 'open' });
  return fake;
}

/** Requests per route name fragment, for readable assertions. */
function routeHits(fake: FakeGitHub, fragment: string): number {
  return [...fake.hits].filter(([name]) => name.includes(fragment)).reduce((sum, [, n]) => sum + n, 0);
}

describe('API requests per event, production settings', () => {
  it('a 10-file pull request: 6 requests on the first event, then the platform minimum of 4', async () => {
    const fake = prFake(changedFiles(10, 5));
    const { probot } = await createTestApp(fakeEngine(), PRODUCTION);
    await receive(probot, 'pull_request.opened', prEvent('opened', HEAD_1));
    // config 2 (repository, then the owner's .github) + issue list 1 + file list 1 + tarball 1 + check run 1
    expect(fake.installationRequests()).toBe(6);
    expect(routeHits(fake, 'git\\/trees')).toBe(0);

    const before = fake.installationRequests();
    await receive(probot, 'pull_request.synchronize', prEvent('synchronize', HEAD_2));
    // issue by its remembered number 1 + file list 1 + tarball 1 + check run 1: no config, no tree
    expect(fake.installationRequests() - before).toBe(4);
    expect(routeHits(fake, 'remediation')).toBe(2);
    // Quicker than the grace: each run is created once, completed, with its annotations.
    expect(fake.checkRuns.map((r) => [r.status, r.conclusion, r.updates])).toEqual([
      ['completed', 'neutral', 0],
      ['completed', 'neutral', 0],
    ]);
    expect(fake.unusedRoutes()).toContain('PATCH ^\\/repos\\/Codertocat\\/Hello-World\\/check-runs\\/(\\d+)$');
  });

  it('more than 50 annotations: the create carries the first 50, one update the rest and completes', async () => {
    const fake = prFake(changedFiles(60, 60));
    const { probot } = await createTestApp(fakeEngine(), PRODUCTION);
    await receive(probot, 'pull_request.opened', prEvent('opened', HEAD_1));
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]).toMatchObject({ status: 'completed', updates: 1 });
    expect(routeHits(fake, 'check-runs')).toBe(2);
  });

  it('an unknown repository size (0 in the payload) still asks for the tree first', async () => {
    const fake = prFake(changedFiles(10, 1));
    const { probot } = await createTestApp(fakeEngine(), PRODUCTION);
    await receive(probot, 'pull_request.opened', prEvent('opened', HEAD_1, 0));
    expect(routeHits(fake, 'git\\/trees')).toBe(1);
    expect(routeHits(fake, 'tarball')).toBe(1);
  });

  it('a default-branch scan: tarball, issue read, a conditional re-read answered 304, and the write', async () => {
    const files = (v: number): Record<string, string> => Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p/m${i}.py`, `x = ${i + v}${i === 3 ? '  # BAD P601' : ''}\n`]));
    const [c1, c2, c3] = ['1', '2', '3'].map((d) => d.repeat(40));
    const fake = new FakeGitHub().commit(c2, files(1)).commit(c3, files(2));
    const push = (before: string, after: string): any => Object.assign(payload('push'), { before, after, commits: [{ added: [], modified: ['p/m1.py'], removed: [] }] });
    const { probot } = await createTestApp(fakeEngine(), PRODUCTION);
    const body = push(c1, c2);
    body.repository.size = REPO_KB;
    fake.branchHead = c2;
    await receive(probot, 'push', body);
    // config 2 + issue list 1 + branch head 1 (no scan recorded to order the push against) + tarball 1 + create 1
    expect(fake.installationRequests()).toBe(6);
    expect(fake.issues).toHaveLength(1);

    const before = { calls: fake.installationRequests(), charged: fake.chargedRequests() };
    const next = push(c2, c3);
    next.repository.size = REPO_KB;
    fake.branchHead = c3;
    await receive(probot, 'push', next);
    // issue by number 1 + tarball 1 + re-read 1 (304, not charged) + write 1
    expect(fake.installationRequests() - before.calls).toBe(4);
    expect(fake.chargedRequests() - before.charged).toBe(3);
    expect(fake.notModified).toBe(1);
    expect(fake.issues[0].body).toContain(c3.slice(0, 7));
  });

  it('a push that changes .github/remediation.yml makes the next event read the config again', async () => {
    const fake = prFake(changedFiles(4, 0));
    const { probot } = await createTestApp(fakeEngine(), PRODUCTION);
    await receive(probot, 'pull_request.opened', prEvent('opened', HEAD_1));
    expect(routeHits(fake, 'remediation')).toBe(2);
    // A push elsewhere keeps the cached config; the branch head is the scanned one, so nothing else happens.
    const unrelated = Object.assign(payload('push'), { commits: [{ added: ['x.py'], modified: [], removed: [] }] });
    await receive(probot, 'push', unrelated);
    await receive(probot, 'pull_request.synchronize', prEvent('synchronize', HEAD_2));
    expect(routeHits(fake, 'remediation')).toBe(2);

    const touching = Object.assign(payload('push'), { after: 'c'.repeat(40), commits: [{ added: [], modified: ['.github/remediation.yml'], removed: [] }] });
    await receive(probot, 'push', touching);
    expect(routeHits(fake, 'remediation')).toBe(4);
  });

  it('a box ticked while the scan runs: the re-read gets it (200, not 304) and the write keeps it ticked', async () => {
    const [c2, c3] = ['2', '3'].map((d) => d.repeat(40));
    const fake = new FakeGitHub().commit(c2, { 'p/a.py': 'x  # BAD P601\n' }).commit(c3, { 'p/a.py': 'y  # BAD P601\n' });
    const push = (before: string, after: string): any => {
      const body = Object.assign(payload('push'), { before, after, commits: [{ added: [], modified: ['p/a.py'], removed: [] }] });
      body.repository.size = REPO_KB;
      return body;
    };
    const { probot } = await createTestApp(fakeEngine(), PRODUCTION);
    fake.branchHead = c2;
    await receive(probot, 'push', push('1'.repeat(40), c2));
    expect(fake.issues[0].body).toContain('- [ ] Re-scan the default branch now');

    fake.onTarball = () => {
      fake.issues[0].body = fake.issues[0].body.replace('- [ ] Re-scan the default branch now', '- [x] Re-scan the default branch now');
    };
    fake.branchHead = c3;
    await receive(probot, 'push', push(c2, c3));
    expect(fake.notModified).toBe(0);
    expect(fake.issues[0].body).toContain('- [x] Re-scan the default branch now');
    expect(fake.issues[0].body).toContain(c3.slice(0, 7));
  });

  it('a remembered issue that was closed meanwhile: the listing finds the issue again', async () => {
    const fake = prFake(changedFiles(4, 0));
    const { probot } = await createTestApp(fakeEngine(), PRODUCTION);
    await receive(probot, 'pull_request.opened', prEvent('opened', HEAD_1));
    fake.issues[0].state = 'closed';
    const before = { get: routeHits(fake, 'issues\\/(\\d+)$'), list: routeHits(fake, 'issues$') };
    await receive(probot, 'pull_request.synchronize', prEvent('synchronize', HEAD_2));
    expect(routeHits(fake, 'issues\\/(\\d+)$') - before.get).toBe(1);
    expect(routeHits(fake, 'issues$') - before.list).toBe(1);
    expect(fake.checkRuns.every((r) => r.status === 'completed')).toBe(true);
  });
});
