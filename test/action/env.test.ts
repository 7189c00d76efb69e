/** What the Action reads from the runner: each missing or invalid variable is named in the error. */
import { describe, expect, it } from 'vitest';
import { readActionEnv, type EnvResult } from '../../src/action/env.js';

const RUNNER: Record<string, string> = {
  GITHUB_TOKEN: 'ghs_runner',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: '/home/runner/work/_temp/_github_workflow/event.json',
  GITHUB_REPOSITORY: 'octo-org/pipelines',
  GITHUB_SHA: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
  GITHUB_WORKSPACE: '/home/runner/work/pipelines/pipelines',
};

function read(vars: Record<string, string | undefined>): EnvResult {
  return readActionEnv({ ...RUNNER, ...vars });
}

function message(result: EnvResult): string {
  if (result.ok) throw new Error('expected an error');
  return result.message;
}

describe('readActionEnv', () => {
  it("reads a job's variables, github.com's API by default", () => {
    const result = read({ GITHUB_STEP_SUMMARY: '/home/runner/summary.md' });
    expect(result).toEqual({
      ok: true,
      env: {
        token: 'ghs_runner',
        apiUrl: 'https://api.github.com',
        eventName: 'push',
        eventPath: RUNNER.GITHUB_EVENT_PATH,
        owner: 'octo-org',
        repo: 'pipelines',
        sha: RUNNER.GITHUB_SHA,
        workspace: RUNNER.GITHUB_WORKSPACE,
        summaryPath: '/home/runner/summary.md',
        trackingIssue: true,
      },
    });
  });

  it.each(['GITHUB_REPOSITORY', 'GITHUB_EVENT_NAME', 'GITHUB_EVENT_PATH', 'GITHUB_SHA', 'GITHUB_WORKSPACE'])('names %s when it is missing or empty', (name) => {
    expect(message(read({ [name]: undefined }))).toBe(`missing ${name}: run this inside a GitHub Actions job`);
    expect(message(read({ [name]: '' }))).toContain(`missing ${name}`);
  });

  it('names every missing variable at once, the token with its input', () => {
    expect(message(readActionEnv({ GITHUB_SHA: 'abc' }))).toBe(
      'missing GITHUB_TOKEN (or the token input), GITHUB_REPOSITORY, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_WORKSPACE: run this inside a GitHub Actions job',
    );
  });

  it('takes the token input over GITHUB_TOKEN (a PAT or an App token given to the step)', () => {
    const result = read({ INPUT_TOKEN: ' ghp_personal ', GITHUB_TOKEN: undefined });
    expect(result.ok && result.env.token).toBe('ghp_personal');
  });

  it.each(['pipelines', 'octo-org/', '/pipelines', 'octo-org/pipelines/extra'])('refuses GITHUB_REPOSITORY=%s, naming it', (value) => {
    expect(message(read({ GITHUB_REPOSITORY: value }))).toBe(`GITHUB_REPOSITORY must be owner/name, not ${value}`);
  });

  it.each([
    ['https://ghe.example.com/api/v3', 'https://ghe.example.com/api/v3'],
    ['https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/v3'],
    ['https://ghe.example.com:8443/api/v3?x=1', 'https://ghe.example.com:8443/api/v3'],
    ['https://api.github.com', 'https://api.github.com'],
    ['http://localhost:3000/', 'http://localhost:3000'],
  ])('uses GITHUB_API_URL=%s (GitHub Enterprise Server) as %s', (value, expected) => {
    const result = read({ GITHUB_API_URL: value });
    expect(result.ok && result.env.apiUrl).toBe(expected);
  });

  it.each(['ghe.example.com/api/v3', 'ftp://ghe.example.com/api/v3', 'not a url'])('refuses GITHUB_API_URL=%s, naming it', (value) => {
    expect(message(read({ GITHUB_API_URL: value }))).toMatch(/^GITHUB_API_URL must be an http\(s\) URL .* not /);
    expect(message(read({ GITHUB_API_URL: value }))).toContain(value);
  });

  it('reads the inputs, trimmed, and names an invalid one', () => {
    const result = read({ 'INPUT_FAIL-ON': 'warning', INPUT_CONFIG: ' ci/remediation.yml ', 'INPUT_TRACKING-ISSUE': 'false', INPUT_SARIF: 'results.sarif' });
    expect(result.ok && result.env).toMatchObject({ failOn: 'warning', config: 'ci/remediation.yml', trackingIssue: false, sarif: 'results.sarif' });
    expect(message(read({ 'INPUT_FAIL-ON': 'error' }))).toBe('fail-on must be one of failure, warning, notice, not error');
    expect(message(read({ 'INPUT_TRACKING-ISSUE': 'yes' }))).toBe('tracking-issue must be true or false, not yes');
  });

  it('treats empty inputs (what action.yml passes for an unset one) as unset', () => {
    const result = read({ 'INPUT_FAIL-ON': '', INPUT_CONFIG: '', INPUT_SARIF: '  ', 'INPUT_TRACKING-ISSUE': '' });
    expect(result.ok && result.env).not.toHaveProperty('failOn');
    expect(result.ok && result.env).not.toHaveProperty('config');
    expect(result.ok && result.env).not.toHaveProperty('sarif');
    expect(result.ok && result.env.trackingIssue).toBe(true);
  });
});
