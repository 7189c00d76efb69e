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
  const [owner, repo] = (vars.GITHUB_REPOSITORY ?? '').split('/');
  const missing = [
    ...(token ? [] : ['GITHUB_TOKEN (or the token input)']),
    ...(owner && repo ? [] : ['GITHUB_REPOSITORY']),
    ...['GITHUB_EVENT_NAME', 'GITHUB_EVENT_PATH', 'GITHUB_SHA', 'GITHUB_WORKSPACE'].filter((name) => !vars[name]),
  ];
  if (missing.length > 0) return { ok: false, message: `missing ${missing.join(', ')}: run this inside a GitHub Actions job` };
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
      apiUrl: (vars.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      eventName: vars.GITHUB_EVENT_NAME!,
      eventPath: vars.GITHUB_EVENT_PATH!,
      owner: owner!,
      repo: repo!,
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
