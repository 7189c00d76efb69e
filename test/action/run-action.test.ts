/**
 * The Action end to end: a temporary checkout (git, a small notebook), the runner's
 * variables, an event file from @octokit/webhooks-examples, the real `@octokit/rest`
 * client against nock; the API calls per event are counted.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readActionEnv } from '../../src/action/env.js';
import { createActionOctokit } from '../../src/action/octokit.js';
import { runAction } from '../../src/action/run-action.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { silentLog } from '../helpers/logs.js';

useGitHubMock();

const BASE = ['# Databricks notebook source', 'df = spark.read.table("bronze")', 'df.write.saveAsTable("silver")', ''].join('\n');
const HEAD = [
  '# Databricks notebook source',
  'events = spark.readStream.format("delta").table("bronze")',
  'counts = events.groupBy("key").count()',
  'counts.writeStream.outputMode("complete").toTable("silver")',
  '',
].join('\n');

let dir: string;
const git = (...args: string[]): string => execFileSync('git', args, { cwd: join(dir, 'ws'), encoding: 'utf8' }).trim();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'remediation-action-'));
  mkdirSync(join(dir, 'ws', 'pipelines'), { recursive: true });
  git('init', '-q', '-b', 'master');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  writeFileSync(join(dir, 'ws', 'pipelines', 'silver.py'), BASE);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  writeFileSync(join(dir, 'ws', 'pipelines', 'silver.py'), HEAD);
  git('commit', '-q', '-am', 'head');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function event(name: string, edit: (payload: any) => void): string {
  const payload = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/payloads', `${name}.json`), 'utf8'));
  edit(payload);
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

function vars(eventName: string, eventPath: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_TOKEN: 'ghs_test',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_SHA: git('rev-parse', 'HEAD'),
    GITHUB_WORKSPACE: join(dir, 'ws'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
    'INPUT_TRACKING-ISSUE': 'true',
    ...extra,
  };
}

async function run(environment: Record<string, string>): Promise<{ code: number; out: string }> {
  const parsed = readActionEnv(environment);
  if (!parsed.ok) throw new Error(parsed.message);
  let out = '';
  const log = silentLog();
  const octokit = createActionOctokit({ token: parsed.env.token, baseUrl: parsed.env.apiUrl, log, retryAfterBaseValue: 1 });
  const code = await runAction(parsed.env, { octokit, log, vars: environment, write: (text) => void (out += text), now: () => new Date('2026-01-05T10:00:00Z') });
  return { code, out };
}

describe('the Action on pull_request', () => {
  const prEvent = (): string =>
    event('pull_request.opened', (p) => {
      p.pull_request.head.sha = git('rev-parse', 'HEAD');
      p.pull_request.base.sha = git('rev-parse', 'HEAD^');
    });

  it('posts the Remediation check run in one request after reading the tracking issue (2 calls)', async () => {
    const mock = new GitHubMock()
      .on('GET', '/repos/Codertocat/Hello-World/issues', [], { query: { creator: 'github-actions[bot]' } })
      .on('POST', '/repos/Codertocat/Hello-World/check-runs', { id: 7 }, { status: 201 });
    const { code, out } = await run(vars('pull_request', prEvent()));
    expect(mock.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /repos/Codertocat/Hello-World/issues', 'POST /repos/Codertocat/Hello-World/check-runs']);
    const body = mock.calls[1]!.body;
    expect(body).toMatchObject({ name: 'Remediation', head_sha: git('rev-parse', 'HEAD'), status: 'completed' });
    expect(body.actions).toBeUndefined();
    expect(body.output.annotations.length).toBeGreaterThan(0);
    expect(body.output.annotations.every((a: { path: string }) => a.path === 'pipelines/silver.py')).toBe(true);
    expect(code).toBe(body.conclusion === 'failure' ? 1 : 0);
    expect(out).toBe('');
  });

  it('a 403 on the check run (a fork) writes workflow annotations and the job summary, saying why', async () => {
    const mock = new GitHubMock()
      .on('GET', '/repos/Codertocat/Hello-World/issues', [], { query: { creator: 'github-actions[bot]' } })
      .on('POST', '/repos/Codertocat/Hello-World/check-runs', { message: 'Resource not accessible by integration' }, { status: 403 });
    const { out } = await run(vars('pull_request', prEvent()));
    expect(mock.calls).toHaveLength(2);
    expect(out).toMatch(/^::(error|warning|notice) file=pipelines\/silver\.py,line=\d+/m);
    expect(out).toContain('::warning title=Remediation::No check run: the token may not create check runs (HTTP 403: Resource not accessible by integration');
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('> No check run was created: the token may not create check runs (HTTP 403');
  });
});
