/**
 * The Action end to end: a temporary checkout (git, a small notebook), the runner's
 * variables, an event file from @octokit/webhooks-examples, the real `@octokit/rest`
 * client against nock; the API calls per event are counted.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readActionEnv } from '../../src/action/env.js';
import { createActionOctokit } from '../../src/action/octokit.js';
import { runAction, type ActionDeps } from '../../src/action/run-action.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { silentLog } from '../helpers/logs.js';
import { makeCheckout, type Checkout } from './support/checkout.js';

useGitHubMock();

let checkout: Checkout;
let dir: string;
const git = (...args: string[]): string => checkout.git(...args);
const event = (name: string, edit: (payload: any) => void): string => checkout.event(name, edit);
const vars = (eventName: string, eventPath: string, extra: Record<string, string> = {}): Record<string, string> => checkout.vars(eventName, eventPath, extra);

beforeEach(() => {
  checkout = makeCheckout();
  dir = checkout.dir;
});

afterEach(() => checkout.remove());

async function run(environment: Record<string, string>, engine?: ActionDeps['engine']): Promise<{ code: number; out: string }> {
  const parsed = readActionEnv(environment);
  if (!parsed.ok) throw new Error(parsed.message);
  let out = '';
  const log = silentLog();
  const octokit = createActionOctokit({ token: parsed.env.token, baseUrl: parsed.env.apiUrl, log, retryAfterBaseValue: 1 });
  const code = await runAction(parsed.env, { octokit, log, vars: environment, write: (text) => void (out += text), now: () => new Date('2026-01-05T10:00:00Z'), ...(engine ? { engine } : {}) });
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

  it('a check that cannot finish says to re-run the workflow: the Action has no Recheck button', async () => {
    const mock = new GitHubMock()
      .on('GET', '/repos/Codertocat/Hello-World/issues', [], { query: { creator: 'github-actions[bot]' } })
      .on('POST', '/repos/Codertocat/Hello-World/check-runs', { id: 7 }, { status: 201 });
    const { code } = await run(vars('pull_request', prEvent()), () => Promise.reject(new Error('engine did not load')));
    expect(code).toBe(1);
    const body = mock.calls[1]!.body;
    expect(body).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { title: 'The remediation check could not finish' } });
    expect(body.actions).toBeUndefined();
    expect(body.output.summary).toContain('engine did not load');
    expect(body.output.summary).toContain('Re-run the workflow');
    expect(body.output.summary).not.toContain('Recheck');
  });

  it("judges the pull request by the base's config, not by one the pull request brings", async () => {
    mkdirSync(join(checkout.workspace, '.github'));
    writeFileSync(join(checkout.workspace, '.github', 'remediation.yml'), 'paths:\n  exclude: ["pipelines/**"]\n');
    git('add', '.');
    git('commit', '-q', '-m', 'exclude the changed notebook');
    const eventPath = event('pull_request.opened', (p) => {
      p.pull_request.head.sha = git('rev-parse', 'HEAD');
      p.pull_request.base.sha = git('rev-parse', 'HEAD~2');
    });
    const mock = new GitHubMock()
      .on('GET', '/repos/Codertocat/Hello-World/issues', [], { query: { creator: 'github-actions[bot]' } })
      .on('POST', '/repos/Codertocat/Hello-World/check-runs', { id: 7 }, { status: 201 });
    await run(vars('pull_request', eventPath));
    const annotations = mock.calls[1]!.body.output.annotations as { path: string }[];
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations.every((a) => a.path === 'pipelines/silver.py')).toBe(true);
  });

  it('with suggestions: true in the base config, posts the review of suggested fixes after the check run (4 calls)', async () => {
    mkdirSync(join(checkout.workspace, '.github'));
    writeFileSync(join(checkout.workspace, '.github', 'remediation.yml'), 'suggestions: true\n');
    git('add', '.');
    git('commit', '-q', '-m', 'suggestions on');
    // A stream without a byte cap (P402) and a once trigger (P404): both have a fix.
    const stream = ['# Databricks notebook source', 'events = spark.readStream.table("main.bronze.events")', 'q = events.writeStream.trigger(once=True).option("checkpointLocation", "/Volumes/main/cp/e").toTable("main.silver.events")', ''];
    writeFileSync(join(checkout.workspace, 'pipelines', 'silver.py'), stream.join('\n'));
    git('commit', '-q', '-am', 'change the notebook');
    const eventPath = event('pull_request.opened', (p) => {
      p.pull_request.head.sha = git('rev-parse', 'HEAD');
      p.pull_request.base.sha = git('rev-parse', 'HEAD~1');
    });
    const mock = new GitHubMock()
      .on('GET', '/repos/Codertocat/Hello-World/issues', [], { query: { creator: 'github-actions[bot]' } })
      .on('POST', '/repos/Codertocat/Hello-World/check-runs', { id: 7 }, { status: 201 })
      .on('GET', '/repos/Codertocat/Hello-World/pulls/2/comments', [{ user: { login: 'github-actions[bot]' }, body: 'an older comment' }])
      .on('POST', '/repos/Codertocat/Hello-World/pulls/2/reviews', { id: 9 });
    await run(vars('pull_request', eventPath));
    expect(mock.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /repos/Codertocat/Hello-World/issues',
      'POST /repos/Codertocat/Hello-World/check-runs',
      'GET /repos/Codertocat/Hello-World/pulls/2/comments',
      'POST /repos/Codertocat/Hello-World/pulls/2/reviews',
    ]);
    const review = mock.calls[3]!.body;
    expect(review).toMatchObject({ commit_id: git('rev-parse', 'HEAD'), event: 'COMMENT' });
    expect(review.comments.length).toBeGreaterThan(0);
    expect(review.comments.every((c: { path: string; body: string }) => c.path === 'pipelines/silver.py' && c.body.includes('```suggestion'))).toBe(true);
  });
});
