/**
 * A small fluent layer over nock for GitHub API mocks. Every registered request must be
 * consumed: `useGitHubMock()` fails the test on pending mocks, and the network is off.
 * Paths are matched decoded and without their query string; each request is recorded
 * (method, path, query, body) so tests can assert what the app sent.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const API = 'https://api.github.com';

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
}

type ReplyBody = unknown | ((body: any, call: RecordedCall) => unknown);

export interface MockOptions {
  status?: number;
  headers?: Record<string, string>;
  /** Only match when these query parameters have these values. */
  query?: Record<string, string>;
  times?: number;
}

export interface FileEntry {
  filename: string;
  status?: string;
  sha?: string;
  patch?: string;
  previous_filename?: string;
  changes?: number;
}

export class GitHubMock {
  readonly calls: RecordedCall[] = [];
  readonly scope = nock(API);

  constructor(
    readonly owner = 'Codertocat',
    readonly repo = 'Hello-World',
  ) {}

  /** `/repos/{owner}/{repo}` + path. */
  repoPath(path = ''): string {
    return `/repos/${this.owner}/${this.repo}${path}`;
  }

  on(method: string, path: string | RegExp, reply: ReplyBody = {}, options: MockOptions = {}): this {
    const recorder = this.calls;
    this.scope
      .intercept(matcher(path, options.query), method.toUpperCase())
      .times(options.times ?? 1)
      .reply(function (uri, requestBody) {
        const url = new URL(uri, API);
        const body = typeof requestBody === 'string' && requestBody.startsWith('{') ? JSON.parse(requestBody) : requestBody;
        const call = { method: method.toUpperCase(), path: decodeURIComponent(url.pathname), query: url.searchParams, body };
        recorder.push(call);
        const payload = typeof reply === 'function' ? (reply as (b: unknown, c: RecordedCall) => unknown)(body, call) : reply;
        return [options.status ?? 200, payload as nock.Body, options.headers ?? {}];
      });
    return this;
  }

  /**
   * A request that gets no HTTP answer (the connection resets), `times` in a row. Each
   * attempt is recorded with `body: { networkError: message }`.
   */
  networkError(method: string, path: string | RegExp, times = 1, message = 'socket hang up'): this {
    const interceptor = this.scope.intercept(matcher(path), method.toUpperCase());
    interceptor.times(times).replyWithError({ code: 'ECONNRESET', message });
    this.scope.on('request', (request: { path?: string }, matched: unknown) => {
      if (matched !== interceptor) return;
      const url = new URL(request.path ?? '/', API);
      this.calls.push({ method: method.toUpperCase(), path: decodeURIComponent(url.pathname), query: url.searchParams, body: { networkError: message } });
    });
    return this;
  }

  get(path: string | RegExp, reply?: ReplyBody, options?: MockOptions): this {
    return this.on('GET', path, reply, options);
  }

  post(path: string | RegExp, reply?: ReplyBody, options?: MockOptions): this {
    return this.on('POST', path, reply, options);
  }

  patch(path: string | RegExp, reply?: ReplyBody, options?: MockOptions): this {
    return this.on('PATCH', path, reply, options);
  }

  // --- authentication -------------------------------------------------------------

  installationToken(installationId = 1): this {
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    return this.post(`/app/installations/${installationId}/access_tokens`, { token: 'test-installation-token', expires_at: expires, permissions: {}, repository_selection: 'all' }, { status: 201 });
  }

  appIdentity(slug = 'remediation-app'): this {
    return this.get('/app', { id: 1, slug, name: 'Remediation' });
  }

  // --- configuration ----------------------------------------------------------------

  /** No `.github/remediation.yml` in the repository nor in the owner's `.github` repository. */
  noConfig(): this {
    return this.get(this.repoPath('/contents/.github/remediation.yml'), { message: 'Not Found' }, { status: 404 }).get(
      `/repos/${this.owner}/.github/contents/.github/remediation.yml`,
      { message: 'Not Found' },
      { status: 404 },
    );
  }

  config(yaml: string, times = 1): this {
    return this.get(this.repoPath('/contents/.github/remediation.yml'), yaml, { headers: { 'content-type': 'text/plain; charset=utf-8' }, times });
  }

  // --- pull requests and contents ---------------------------------------------------

  /** `pulls.listFiles`, split in pages of 100 linked by `Link` headers like GitHub's. */
  prFiles(pullNumber: number, files: FileEntry[]): this {
    const path = this.repoPath(`/pulls/${pullNumber}/files`);
    const pages = Math.max(1, Math.ceil(files.length / 100));
    for (let page = 1; page <= pages; page++) {
      const slice = files.slice((page - 1) * 100, page * 100).map((f) => ({ status: 'modified', changes: 1, additions: 1, deletions: 0, ...f }));
      const headers: Record<string, string> = {};
      if (page < pages) headers.link = `<${API}${path}?per_page=100&page=${page + 1}>; rel="next", <${API}${path}?per_page=100&page=${pages}>; rel="last"`;
      this.get(path, slice, { headers, ...(page > 1 ? { query: { page: String(page) } } : {}) });
    }
    return this;
  }

  blob(sha: string, content: string): this {
    return this.get(this.repoPath(`/git/blobs/${sha}`), content, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }

  blobs(contents: Record<string, string>): this {
    for (const [sha, content] of Object.entries(contents)) this.blob(sha, content);
    return this;
  }

  contents(path: string, ref: string, content: string): this {
    return this.get(this.repoPath(`/contents/${path}`), content, { query: { ref }, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }

  /** A recursive git tree listing `files` (path -> content), blob SHAs derived from the path. */
  tree(sha: string, files: Record<string, string>, truncated = false): this {
    const tree = Object.entries(files).map(([path, content]) => ({ path, mode: '100644', type: 'blob', sha: blobSha(path), size: Buffer.byteLength(content) }));
    return this.get(this.repoPath(`/git/trees/${sha}`), { sha, tree, truncated }, { query: { recursive: 'true' } });
  }

  /** The compare API between two commits; `renamed` maps new paths to their previous names. */
  compare(base: string, head: string, renamed: Record<string, string> = {}): this {
    const files = Object.entries(renamed).map(([filename, previous]) => ({ filename, previous_filename: previous, status: 'renamed' }));
    return this.get(this.repoPath(`/compare/${base}...${head}`), { files });
  }

  /** Blobs of `tree()` files, by their derived SHAs. */
  treeBlobs(files: Record<string, string>): this {
    for (const [path, content] of Object.entries(files)) this.blob(blobSha(path), content);
    return this;
  }

  // --- check runs -------------------------------------------------------------------

  createCheckRun(id = 42): this {
    return this.post(this.repoPath('/check-runs'), { id }, { status: 201 });
  }

  updateCheckRun(id = 42, times = 1): this {
    return this.patch(this.repoPath(`/check-runs/${id}`), (body: { status?: string }) => ({ id, status: body.status ?? 'in_progress' }), { times });
  }

  // --- issues -----------------------------------------------------------------------

  trackingIssues(issues: unknown[], creator = 'remediation-app[bot]'): this {
    return this.get(this.repoPath('/issues'), issues, { query: { creator, state: 'all' } });
  }

  // --- assertions -------------------------------------------------------------------

  /** Recorded calls matching a method and a path (string: exact, RegExp: test). */
  find(method: string, path: string | RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)));
  }

  bodies(method: string, path: string | RegExp): any[] {
    return this.find(method, path).map((c) => c.body);
  }

  /** Requests made with the installation token (the token exchange and `GET /app` use the app JWT). */
  installationCalls(): RecordedCall[] {
    return this.calls.filter((c) => !c.path.startsWith('/app'));
  }

  done(): void {
    expect(this.scope.pendingMocks()).toEqual([]);
  }
}

function matcher(path: string | RegExp, query: Record<string, string> = {}): (uri: string) => boolean {
  return (uri) => {
    const url = new URL(uri, API);
    const decoded = decodeURIComponent(url.pathname);
    const pathOk = typeof path === 'string' ? decoded === path : path.test(decoded);
    return pathOk && Object.entries(query).every(([key, value]) => url.searchParams.get(key) === value);
  };
}

/** A stable fake blob SHA for a path. */
export function blobSha(path: string): string {
  return `blob-${path.replace(/[^a-zA-Z0-9]/g, '-')}`;
}

/**
 * Disables the network for the file and fails any test that leaves a mock unused, or that
 * sent GitHub a request no mock answered (the app may have caught the failure and gone on).
 */
export function useGitHubMock(): void {
  const unanswered: string[] = [];
  const onNoMatch = (request: { method?: string; hostname?: string; host?: string; path?: string }): void => {
    // Requests to a host nock has scopes for come without a host name; local servers are tests' own.
    const host = request.hostname ?? request.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)/.test(host)) unanswered.push(`${request.method} ${host}${request.path}`);
  };
  beforeAll(() => {
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
  });
  afterAll(() => {
    nock.emitter.off('no match', onNoMatch);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    const missed = unanswered.splice(0);
    nock.cleanAll();
    expect(pending, 'unused GitHub mocks').toEqual([]);
    expect(missed, 'GitHub requests no mock answered').toEqual([]);
  });
}
