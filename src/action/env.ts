/**
 * What a workflow run tells the Action: the runner's variables and the action's inputs
 * (a composite action passes them as `INPUT_*` variables, action.yml). Pure.
 * https://docs.github.com/en/actions/reference/variables-reference#default-environment-variables
 */
import type { Severity } from '../model/types.js';

export interface ActionEnv {
  token: string;
  apiUrl: string;
  eventName: string;
  eventPath: string;
  owner: string;
  repo: string;
  sha: string;
  workspace: string;
  summaryPath?: string;
  failOn?: Severity;
  /** A config file, relative to the workspace; default `.github/remediation.yml`. */
  config?: string;
  trackingIssue: boolean;
  sarif?: string;
}

const SEVERITIES: readonly Severity[] = ['failure', 'warning', 'notice'];

export type EnvResult = { ok: true; env: ActionEnv } | { ok: false; message: string };

export function readActionEnv(vars: Record<string, string | undefined>): EnvResult {
  const input = (name: string): string | undefined => vars[`INPUT_${name.toUpperCase()}`]?.trim() || undefined;
  const token = input('token') ?? vars.GITHUB_TOKEN;
  const missing = [
    ...(token ? [] : ['GITHUB_TOKEN (or the token input)']),
    ...['GITHUB_REPOSITORY', 'GITHUB_EVENT_NAME', 'GITHUB_EVENT_PATH', 'GITHUB_SHA', 'GITHUB_WORKSPACE'].filter((name) => !vars[name]),
  ];
  if (missing.length > 0) return { ok: false, message: `missing ${missing.join(', ')}: run this inside a GitHub Actions job` };
  const parts = vars.GITHUB_REPOSITORY!.split('/');
  const [owner, repo] = parts;
  if (parts.length !== 2 || !owner || !repo) return { ok: false, message: `GITHUB_REPOSITORY must be owner/name, not ${vars.GITHUB_REPOSITORY}` };
  const apiUrl = apiBase(vars.GITHUB_API_URL);
  if (apiUrl === undefined) return { ok: false, message: `GITHUB_API_URL must be an http(s) URL such as https://api.github.com or https://HOST/api/v3 (GitHub Enterprise Server), not ${vars.GITHUB_API_URL}` };
  const failOn = input('fail-on');
  if (failOn !== undefined && !SEVERITIES.includes(failOn as Severity)) return { ok: false, message: `fail-on must be one of ${SEVERITIES.join(', ')}, not ${failOn}` };
  const tracking = input('tracking-issue') ?? 'true';
  if (tracking !== 'true' && tracking !== 'false') return { ok: false, message: `tracking-issue must be true or false, not ${tracking}` };
  const config = input('config');
  const sarif = input('sarif');
  return {
    ok: true,
    env: {
      token: token!,
      apiUrl,
      eventName: vars.GITHUB_EVENT_NAME!,
      eventPath: vars.GITHUB_EVENT_PATH!,
      owner,
      repo,
      sha: vars.GITHUB_SHA!,
      workspace: vars.GITHUB_WORKSPACE!,
      trackingIssue: tracking === 'true',
      ...(vars.GITHUB_STEP_SUMMARY ? { summaryPath: vars.GITHUB_STEP_SUMMARY } : {}),
      ...(failOn ? { failOn: failOn as Severity } : {}),
      ...(config ? { config } : {}),
      ...(sarif ? { sarif } : {}),
    },
  };
}

/** The REST API's base: github.com's unless the runner names another (GitHub Enterprise Server's `https://HOST/api/v3`). */
function apiBase(value: string | undefined): string | undefined {
  if (!value) return 'https://api.github.com';
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return undefined;
  // The client appends `/repos/...`: no trailing slash, no query.
  return `${url.origin}${url.pathname.split('/').filter(Boolean).map((part) => `/${part}`).join('')}`;
}
