/**
 * A fake GitHub behind nock for the API-budget benchmark: answers every endpoint the app uses
 * from generated repository data, and counts the requests made with the installation token.
 * Network access is disabled while it runs; nothing leaves the process.
 */
import { createHash } from 'node:crypto';
import nock from 'nock';
import { buildTarball } from '../test/github/support/tar.js';

export interface FakeRepo {
  owner: string;
  repo: string;
  headSha: string;
  baseSha: string;
  /** Head contents by path. */
  head: Record<string, string>;
  /** PR files: path -> unified patch (relative to base). */
  prPatches: Record<string, string>;
  /** Issues that exist already (e.g. the tracking issue). */
  issues?: { number: number; body: string; state: string; title: string; user: { login: string; type: string } }[];
}

export interface Counter {
  installation: number;
  app: number;
  byRoute: Map<string, number>;
  unknown: string[];
}

export const blobSha = (path: string): string => createHash('sha1').update(path).digest('hex');

export function fakeGitHub(data: FakeRepo): Counter {
  const counter: Counter = { installation: 0, app: 0, byRoute: new Map(), unknown: [] };
  const repoPrefix = `/repos/${data.owner}/${data.repo}`;
  const blobs = new Map(Object.entries(data.head).map(([path, content]) => [blobSha(path), content]));
  const prFiles = Object.entries(data.prPatches).map(([filename, patch]) => ({ filename, sha: blobSha(filename), status: 'modified', additions: 1, deletions: 0, changes: 1, patch }));
  let nextId = 100;
  const issues = [...(data.issues ?? [])];

  const count = (route: string, jwt: boolean): void => {
    if (jwt) counter.app++;
    else counter.installation++;
    counter.byRoute.set(route, (counter.byRoute.get(route) ?? 0) + 1);
  };
  const route = (method: string, path: string, body: any): [number, unknown, Record<string, string>?] => {
    const url = new URL(path, 'https://api.github.com');
    const p = url.pathname;
    if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(p)) return (count('token', true), [201, { token: 'bench-token', expires_at: new Date(Date.now() + 3600_000).toISOString() }]);
    if (method === 'GET' && p === '/app') return (count('app', true), [200, { id: 1, slug: 'remediation-app', name: 'Remediation' }]);
    if (!p.startsWith(repoPrefix) && !p.startsWith(`/repos/${data.owner}/.github`)) return (counter.unknown.push(`${method} ${p}`), [404, { message: 'Not Found' }]);
    const rest = p.slice(repoPrefix.length);
    const key = `${method} ${rest.replace(/\/[0-9a-f]{40}/g, '/:sha').replace(/\/\d+/g, '/:n').replace(/\/contents\/.*/, '/contents/:path')}`;
    count(p.startsWith(`/repos/${data.owner}/.github`) ? 'GET org config' : key, false);
    if (p.startsWith(`/repos/${data.owner}/.github`) || rest.startsWith('/contents/')) return [404, { message: 'Not Found' }];
    if (method === 'GET' && rest === '') return [200, { id: 1, name: data.repo, full_name: `${data.owner}/${data.repo}`, default_branch: 'master', owner: { login: data.owner } }];
    if (method === 'GET' && rest.startsWith('/branches/')) return [200, { name: 'master', commit: { sha: data.headSha } }];
    if (method === 'POST' && rest === '/check-runs') return [201, { id: nextId++, head_sha: body.head_sha, status: body.status }];
    if (method === 'PATCH' && rest.startsWith('/check-runs/')) return [200, { id: Number(rest.split('/')[2]), status: body.status ?? 'in_progress' }];
    if (method === 'GET' && rest === '/check-runs' ) return [200, { total_count: 0, check_runs: [] }];
    if (method === 'GET' && /^\/commits\/[0-9a-f]{40}\/check-runs$/.test(rest)) return [200, { total_count: 0, check_runs: [] }];
    if (method === 'GET' && /^\/pulls\/\d+\/files$/.test(rest)) {
      const page = Number(url.searchParams.get('page') ?? '1');
      const per = Number(url.searchParams.get('per_page') ?? '30');
      const slice = prFiles.slice((page - 1) * per, page * per);
      const last = Math.ceil(prFiles.length / per);
      const headers: Record<string, string> = page < last ? { link: `<https://api.github.com${p}?per_page=${per}&page=${page + 1}>; rel="next", <https://api.github.com${p}?per_page=${per}&page=${last}>; rel="last"` } : {};
      return [200, slice, headers];
    }
    if (method === 'GET' && /^\/git\/blobs\/[0-9a-f]{40}$/.test(rest)) {
      const content = blobs.get(rest.split('/')[3]);
      return content === undefined ? [404, { message: 'Not Found' }] : [200, content, { 'content-type': 'text/plain; charset=utf-8' }];
    }
    if (method === 'GET' && /^\/git\/trees\//.test(rest)) {
      const tree = Object.entries(data.head).map(([path, content]) => ({ path, mode: '100644', type: 'blob', sha: blobSha(path), size: Buffer.byteLength(content) }));
      return [200, { sha: data.headSha, tree, truncated: false }];
    }
    if (method === 'GET' && /^\/tarball\//.test(rest)) {
      const sha = rest.split('/')[2];
      return [302, '', { location: `https://codeload.github.com/${data.owner}/${data.repo}/legacy.tar.gz/${sha}` }];
    }
    if (method === 'GET' && rest === '/issues') return [200, issues.filter((i) => i.state === (url.searchParams.get('state') === 'all' ? i.state : 'open'))];
    if (method === 'POST' && rest === '/issues') {
      const issue = { number: issues.length + 1, body: body.body, state: 'open', title: body.title, user: { login: 'remediation-app[bot]', type: 'Bot' } };
      issues.push(issue);
      return [201, issue];
    }
    if (/^\/issues\/\d+$/.test(rest)) {
      const issue = issues.find((i) => i.number === Number(rest.split('/')[2]));
      if (!issue) return [404, { message: 'Not Found' }];
      if (method === 'PATCH') Object.assign(issue, body);
      return [200, issue];
    }
    if (method === 'GET' && /^\/pulls\/\d+$/.test(rest)) return [200, { number: Number(rest.split('/')[2]), state: 'open', head: { sha: data.headSha }, base: { sha: data.baseSha } }];
    if (method === 'GET' && rest === '/pulls') return [200, []];
    if (method === 'GET' && /^\/commits\/[0-9a-f]{40}\/pulls$/.test(rest)) return [200, []];
    counter.unknown.push(`${method} ${rest}`);
    return [404, { message: 'Not Found' }];
  };

  nock.disableNetConnect();
  for (const method of ['get', 'post', 'patch', 'put', 'delete'] as const) {
    nock('https://api.github.com')
      .persist()
      [method](/.*/)
      .reply(function (uri, body) {
        const parsed = typeof body === 'string' && body.length > 0 ? safeJson(body) : body;
        const [status, payload, headers] = route(method.toUpperCase(), uri, parsed);
        return [status, payload as nock.Body, headers];
      });
  }
  nock('https://codeload.github.com')
    .persist()
    .get(/.*/)
    .reply(() => [200, buildTarball(`${data.owner}-${data.repo}-${data.headSha.slice(0, 7)}`, data.head), { 'content-type': 'application/x-gzip' }]);
  return counter;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function resetFakeGitHub(): void {
  nock.cleanAll();
}
