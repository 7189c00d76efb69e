/**
 * A small stateful GitHub behind nock, for tests where the order of requests is not
 * known in advance (several app instances racing): issues, check runs, commits with
 * their trees and blobs, the default branch, pull-request files. Each route is a
 * persisted interceptor; `unusedRoutes()` names those never called, `installationRequests()`
 * counts the requests made with an installation token (the API budget benchmark reads it).
 * GET answers carry an ETag, and a request sending it back gets a 304, as from GitHub
 * (`notModified` counts them: GitHub does not charge them to the rate limit).
 */
import { buildTarball } from './tar.js';
import { createHash } from 'node:crypto';
import nock from 'nock';

export interface FakeIssue {
  number: number;
  title: string;
  state: 'open' | 'closed';
  body: string;
  user: { login: string; type: string };
}

export interface FakeCheckRun {
  id: number;
  head_sha: string;
  status: string;
  conclusion?: string;
  output?: { title?: string; summary?: string };
  /** PATCH requests it received. */
  updates: number;
}

/** Git's blob id: SHA-1 of `blob <bytes>\0` and the content, as GitHub lists it. */
export function blobShaOf(content: string): string {
  return createHash('sha1').update(`blob ${Buffer.byteLength(content)}\0`).update(content).digest('hex');
}

export class FakeGitHub {
  readonly issues: FakeIssue[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly commits = new Map<string, Record<string, string>>();
  readonly pullFiles = new Map<number, { filename: string; sha: string; patch: string; status: string }[]>();
  readonly blobs = new Map<string, string>();
  readonly hits = new Map<string, number>();
  /** Annotations sent with check-run creates and updates, all runs together. */
  annotationsSent = 0;
  /** 304 answers to conditional requests. */
  notModified = 0;
  /** Routes called with the app's JWT rather than an installation token. */
  private readonly jwtRoutes = new Set<string>();
  branchHead = '';
  /** Called as a tarball is downloaded: a test can change things while a run is under way. */
  onTarball?: () => void;
  nextCheckRunId = 100;

  constructor(
    readonly owner = 'Codertocat',
    readonly repo = 'Hello-World',
    readonly bot = 'remediation-app[bot]',
  ) {
    const repoPath = `/repos/${owner}/${repo}`;
    const json = (body: unknown, status = 200): [number, string, Record<string, string>] => [status, JSON.stringify(body), { 'content-type': 'application/json' }];
    this.route('POST', /^\/app\/installations\/\d+\/access_tokens$/, () => json({ token: 'fake-installation-token', expires_at: new Date(Date.now() + 3_600_000).toISOString() }, 201), true);
    this.route('GET', /^\/app$/, () => json({ id: 1, slug: bot.replace('[bot]', '') }), true);
    this.route('GET', new RegExp(`^/repos/${owner}/(${repo}|\\.github)/contents/\\.github/remediation\\.yml$`), () => json({ message: 'Not Found' }, 404));
    this.route('GET', new RegExp(`^${repoPath}/issues$`), () => json(this.issues));
    this.route('POST', new RegExp(`^${repoPath}/issues$`), (_, body) => {
      const issue: FakeIssue = { number: this.issues.length + 1, title: body.title, state: 'open', body: body.body, user: { login: bot, type: 'Bot' } };
      this.issues.push(issue);
      return json(issue, 201);
    });
    this.route('GET', new RegExp(`^${repoPath}/issues/(\\d+)$`), (m) => json(this.issue(m[1])));
    this.route('PATCH', new RegExp(`^${repoPath}/issues/(\\d+)$`), (m, body) => json(Object.assign(this.issue(m[1]), pick(body, ['body', 'state']))));
    this.route('POST', new RegExp(`^${repoPath}/check-runs$`), (_, body) => {
      this.annotationsSent += body.output?.annotations?.length ?? 0;
      const run: FakeCheckRun = { id: this.nextCheckRunId++, head_sha: body.head_sha, status: body.status ?? 'queued', updates: 0, ...pick(body, ['conclusion', 'output']) };
      this.checkRuns.push(run);
      return json(run, 201);
    });
    this.route('PATCH', new RegExp(`^${repoPath}/check-runs/(\\d+)$`), (m, body) => {
      this.annotationsSent += body.output?.annotations?.length ?? 0;
      const run = this.checkRun(m[1]);
      run.updates++;
      return json(Object.assign(run, pick(body, ['status', 'conclusion', 'output'])));
    });
    this.route('GET', new RegExp(`^${repoPath}/branches/([^/]+)$`), (m) => json({ name: m[1], commit: { sha: this.branchHead } }));
    // Renames since the last scan: none in these repositories.
    this.route('GET', new RegExp(`^${repoPath}/compare/(\\w+)\\.\\.\\.(\\w+)$`), (m) => json({ files: [], merge_base_commit: { sha: m[1] } }));
    this.route('GET', new RegExp(`^${repoPath}/git/trees/(\\w+)$`), (m) => {
      const files = this.commits.get(m[1]) ?? {};
      const tree = Object.entries(files).map(([path, content]) => ({ path, mode: '100644', type: 'blob', sha: blobShaOf(content), size: Buffer.byteLength(content) }));
      return json({ sha: m[1], tree, truncated: false });
    });
    this.route('GET', new RegExp(`^${repoPath}/git/blobs/(\\w+)$`), (m) => [200, this.blobs.get(m[1]) ?? '', { 'content-type': 'text/plain; charset=utf-8' }]);
    // Scans of more than a few files read one tarball: GitHub redirects to codeload.
    this.route('GET', new RegExp(`^${repoPath}/tarball/(\\w+)$`), (m) => [302, '', { location: `${CODELOAD}/${owner}/${repo}/legacy.tar.gz/${m[1]}` }]);
    nock(CODELOAD)
      .persist()
      .get(new RegExp(`^/${owner}/${repo}/legacy\\.tar\\.gz/\\w+$`))
      .reply((uri) => {
        this.onTarball?.();
        const commitSha = uri.split('/').pop() ?? '';
        return [200, buildTarball(`${owner}-${repo}-${commitSha.slice(0, 7)}`, this.commits.get(commitSha) ?? {}), { 'content-type': 'application/x-gzip' }];
      });
    // Paginated like GitHub: `per_page` (default 30, at most 100) and a `link` header to the next page.
    this.route('GET', new RegExp(`^${repoPath}/pulls/(\\d+)/files$`), (m, _body, url) => {
      const files = this.pullFiles.get(Number(m[1])) ?? [];
      const perPage = Math.min(Number(url.searchParams.get('per_page') ?? '30'), 100);
      const page = Number(url.searchParams.get('page') ?? '1');
      const last = Math.max(Math.ceil(files.length / perPage), 1);
      const [status, body, headers] = json(files.slice((page - 1) * perPage, page * perPage));
      if (page < last) headers.link = `<${API}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next", <${API}${url.pathname}?per_page=${perPage}&page=${last}>; rel="last"`;
      return [status, body, headers];
    });
  }

  /** A commit of the default branch with all its files. */
  commit(sha: string, files: Record<string, string>): this {
    this.commits.set(sha, files);
    for (const content of Object.values(files)) this.blobs.set(blobShaOf(content), content);
    return this;
  }

  /** The files a pull request changes: base and head content, and GitHub's patch. */
  pullRequest(number: number, files: { path: string; base: string; head: string; patch: string }[]): this {
    this.pullFiles.set(
      number,
      files.map((f) => ({ filename: f.path, sha: blobShaOf(f.head), patch: f.patch, status: 'modified', changes: 1, additions: 0, deletions: 1 })),
    );
    for (const f of files) this.blobs.set(blobShaOf(f.head), f.head);
    return this;
  }

  installationRequests(): number {
    let count = 0;
    for (const [name, hits] of this.hits) if (!this.jwtRoutes.has(name)) count += hits;
    return count;
  }

  /** Installation requests GitHub would charge to the rate limit: all but the 304s. */
  chargedRequests(): number {
    return this.installationRequests() - this.notModified;
  }

  unusedRoutes(): string[] {
    return [...this.hits].filter(([, count]) => count === 0).map(([name]) => name);
  }

  private issue(number: string): FakeIssue {
    const issue = this.issues.find((i) => i.number === Number(number));
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  private checkRun(id: string): FakeCheckRun {
    let run = this.checkRuns.find((r) => r.id === Number(id));
    if (!run) this.checkRuns.push((run = { id: Number(id), head_sha: '', status: 'in_progress', updates: 0 }));
    return run;
  }

  private route(method: string, path: RegExp, reply: (match: RegExpExecArray, body: any, url: URL) => [number, string, Record<string, string>], jwt = false): void {
    const name = `${method} ${path.source}`;
    this.hits.set(name, 0);
    if (jwt) this.jwtRoutes.add(name);
    const fake = this;
    nock(API)
      .persist()
      .intercept((uri) => path.test(decodedPath(uri)), method)
      .reply(function (uri, body) {
        fake.hits.set(name, (fake.hits.get(name) ?? 0) + 1);
        const parsed = typeof body === 'string' && body.startsWith('{') ? JSON.parse(body) : body;
        const answer = reply(path.exec(decodedPath(uri))!, parsed, new URL(uri, API));
        if (method !== 'GET' || answer[0] !== 200) return answer;
        const etag = `"${createHash('sha1').update(answer[1]).digest('hex')}"`;
        if (this.req.headers['if-none-match'] === etag) {
          fake.notModified++;
          return [304, '', { etag }];
        }
        return [answer[0], answer[1], { ...answer[2], etag }];
      });
  }
}

// Not imported from the nock helper, which needs the test runner: the benchmark uses this fake too.
const API = 'https://api.github.com';
const CODELOAD = 'https://codeload.github.com';

function decodedPath(uri: string): string {
  return decodeURIComponent(new URL(uri, API).pathname);
}

function pick(body: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
}
