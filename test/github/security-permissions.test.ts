/**
 * Least privilege, checked both ways: the REST endpoints the code calls (found in the
 * source) and the events `app.yml` subscribes to, mapped to the permission each needs,
 * must give exactly `default_permissions`: nothing missing, nothing extra. A new call
 * without a row below fails here until its permission is looked up and added.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

type Level = 'read' | 'write';
type Need = Record<string, Level>;

const ROOT = new URL('../../', import.meta.url).pathname;
const PERMISSIONS_DOC = 'https://docs.github.com/en/rest/authentication/permissions-required-for-github-apps';
const EVENTS_DOC = 'https://docs.github.com/en/webhooks/webhook-events-and-payloads';

/** Endpoint (`namespace.method` or `VERB /route`) -> permissions it needs, with where that is documented. */
const ENDPOINTS: Record<string, { need: Need; doc: string }> = {
  'users.getAuthenticated': { need: {}, doc: 'https://docs.github.com/en/rest/users/users#get-the-authenticated-user (the Action with a personal access token only: the login of its own issues; no permission)' },
  'apps.getAuthenticated': { need: {}, doc: 'https://docs.github.com/en/rest/apps/apps#get-the-authenticated-app (app JWT, no permission)' },
  'checks.create': { need: { checks: 'write' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-checks` },
  'checks.update': { need: { checks: 'write' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-checks` },
  'checks.get': { need: { checks: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-checks` },
  'checks.listForRef': { need: { checks: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-checks` },
  'git.getBlob': { need: { contents: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-contents` },
  'git.getTree': { need: { contents: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-contents` },
  'repos.getContent': { need: { contents: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-contents` },
  'GET /repos/{owner}/{repo}/contents/{path}': { need: { contents: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-contents` },
  'config.get': { need: { contents: 'read' }, doc: 'https://github.com/probot/octokit-plugin-config (reads GET /repos/{owner}/{repo}/contents/{path})' },
  'repos.downloadTarballArchive': { need: { contents: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-contents` },
  'repos.compareCommitsWithBasehead': { need: { contents: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-contents` },
  'repos.getBranch': { need: { contents: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-contents` },
  'repos.get': { need: { metadata: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-metadata` },
  'repos.getCollaboratorPermissionLevel': { need: { metadata: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-metadata` },
  'repos.listPullRequestsAssociatedWithCommit': { need: { pull_requests: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-pull-requests` },
  'pulls.get': { need: { pull_requests: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-pull-requests` },
  'pulls.listFiles': { need: { pull_requests: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-pull-requests` },
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': { need: { pull_requests: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-pull-requests` },
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': { need: { pull_requests: 'write' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-pull-requests` },
  'issues.listForRepo': { need: { issues: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-issues` },
  'issues.get': { need: { issues: 'read' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-issues` },
  'issues.create': { need: { issues: 'write' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-issues` },
  'issues.update': { need: { issues: 'write' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-issues` },
  // Pull-request comments are issue comments: Issues write suffices (Pull requests write would too).
  'issues.createComment': { need: { issues: 'write' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-issues` },
  'reactions.createForIssueComment': { need: { issues: 'write' }, doc: `${PERMISSIONS_DOC}#repository-permissions-for-issues` },
};

/** Webhook event -> the permission that makes GitHub deliver it. */
const EVENTS: Record<string, { need: Need; doc: string }> = {
  check_run: { need: { checks: 'read' }, doc: `${EVENTS_DOC}#check_run` },
  check_suite: { need: { checks: 'read' }, doc: `${EVENTS_DOC}#check_suite` },
  issue_comment: { need: { issues: 'read' }, doc: `${EVENTS_DOC}#issue_comment` },
  issues: { need: { issues: 'read' }, doc: `${EVENTS_DOC}#issues` },
  pull_request: { need: { pull_requests: 'read' }, doc: `${EVENTS_DOC}#pull_request` },
  push: { need: { contents: 'read' }, doc: `${EVENTS_DOC}#push` },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every REST call in src/ (the CLI in src/local/ talks to no API): method chains across lines, routes, the config plugin. */
function endpointsInSource(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const add = (key: string, file: string): void => {
    found.set(key, [...(found.get(key) ?? []), relative(ROOT, file)]);
  };
  for (const file of sourceFiles(join(ROOT, 'src')).filter((f) => !f.includes('/src/local/'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.rest\s*\.\s*([a-zA-Z]+)\s*\.\s*([a-zA-Z]+)/g)) add(`${m[1]}.${m[2]}`, file);
    for (const m of text.matchAll(/\.(?:request|paginate)\(\s*['"`]((?:GET|POST|PATCH|PUT|DELETE) [^'"`]+)['"`]/g)) add(m[1], file);
    if (/octokit\.config\.get\(/.test(text)) add('config.get', file);
    // GraphQL permissions depend on the query: a call makes the table incomplete on purpose.
    if (/\.graphql\s*\(/.test(text)) add('graphql', file);
  }
  return found;
}

function merge(into: Need, need: Need): void {
  for (const [permission, level] of Object.entries(need)) if (into[permission] !== 'write') into[permission] = level;
}

describe('app.yml asks for exactly the permissions the code uses', () => {
  const manifest = parse(readFileSync(join(ROOT, 'app.yml'), 'utf8')) as { default_permissions: Need; default_events: string[] };
  const endpoints = endpointsInSource();

  it('finds the calls it should (the scan itself works)', () => {
    for (const known of ['checks.create', 'checks.update', 'git.getBlob', 'repos.getContent', 'repos.compareCommitsWithBasehead', 'config.get', 'GET /repos/{owner}/{repo}/contents/{path}']) {
      expect(endpoints.has(known), known).toBe(true);
    }
  });

  it('knows the permission of every endpoint called', () => {
    const unknown = [...endpoints].filter(([key]) => !ENDPOINTS[key]).map(([key, files]) => `${key} (${files.join(', ')})`);
    expect(unknown, 'add these to ENDPOINTS with their documented permission').toEqual([]);
  });

  it('knows the permission of every event subscribed to', () => {
    expect(manifest.default_events.filter((event) => !EVENTS[event])).toEqual([]);
  });

  it('default_permissions equals what the calls and events need, in both directions', () => {
    const needed: Need = { metadata: 'read' }; // granted to every app whatever else it asks
    for (const key of endpoints.keys()) merge(needed, ENDPOINTS[key]?.need ?? {});
    for (const event of manifest.default_events) merge(needed, EVENTS[event]?.need ?? {});
    const sorted = (need: Need): [string, Level][] => Object.entries(need).sort(([a], [b]) => a.localeCompare(b));
    expect(sorted(manifest.default_permissions)).toEqual(sorted(needed));
  });

  it('every table row names its documentation', () => {
    for (const row of [...Object.values(ENDPOINTS), ...Object.values(EVENTS)]) expect(row.doc).toMatch(/^https:\/\//);
  });
});
