/** Fixes offered as one pull-request review of suggestion blocks (`suggestions: true`). */
import nock from 'nock';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { MAX_BODY_CHARS, markedFingerprint, suggestionComments, suggestionMarker } from '../../src/github/render/suggestions.js';
import { getEngine, notebook, toInputs } from '../helpers/engine.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const HEAD = [
  '# Databricks notebook source',
  'events = spark.readStream.table("main.bronze.events")',
  'q = events.writeStream.trigger(once=True).option("checkpointLocation", "/Volumes/main/cp/e").toTable("main.silver.events")',
  '',
].join('\n');
const PATCH = ['@@ -0,0 +1,3 @@', ...HEAD.split('\n').slice(0, 3).map((line) => `+${line}`)].join('\n');
const FIXED_LINE = 'q = events.writeStream.trigger(availableNow=True).option("checkpointLocation", "/Volumes/main/cp/e").toTable("main.silver.events")';
const REVIEWS = /\/pulls\/2\/reviews$/;

/** The request GitHub documents for a review with comments (https://docs.github.com/en/rest/pulls/reviews#create-a-review-for-a-pull-request). */
const REVIEW_REQUEST = z
  .object({
    commit_id: z.string().regex(/^[0-9a-f]{40}$/),
    event: z.literal('COMMENT'),
    body: z.string().min(1).max(65536),
    comments: z
      .array(
        z
          .object({
            path: z.string().min(1),
            line: z.number().int().min(1),
            side: z.literal('RIGHT'),
            start_line: z.number().int().min(1).optional(),
            start_side: z.literal('RIGHT').optional(),
            body: z.string().min(1).max(65536),
          })
          .strict()
          .refine((c) => c.start_line === undefined || (c.start_line < c.line && c.start_side === 'RIGHT')),
      )
      .min(1),
  })
  .strict();
const COMMENTS = /\/pulls\/2\/comments$/;

function pullRequest(config: string, comments: unknown[] | undefined): GitHubMock {
  const gh = new GitHubMock()
    .installationToken()
    .createCheckRun(7)
    .config(config)
    .appIdentity()
    .trackingIssues([trackingIssue(5, stateFromFiles([]))])
    .prFiles(2, [{ filename: 'pipelines/silver.py', sha: 'h1', patch: PATCH }])
    .blob('h1', HEAD)
    .updateCheckRun(7);
  if (comments) gh.get(COMMENTS, comments);
  return gh;
}

async function run(gh: GitHubMock): Promise<void> {
  const { probot } = await createTestApp(await createEngine());
  await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
  gh.done();
}

describe('suggestion review on a pull request', () => {
  const unmatched: string[] = [];
  const onNoMatch = (req: { path?: string }) => unmatched.push(req.path ?? '');
  nock.emitter.on('no match', onNoMatch);
  afterEach(() => {
    unmatched.length = 0;
  });

  it('posts one review with a suggestion block that replaces the flagged line, at the head commit', async () => {
    const gh = pullRequest('priorities: [4]\nsuggestions: true\n', []).post(REVIEWS, { id: 1 });
    await run(gh);
    const [review] = gh.bodies('POST', REVIEWS);
    expect(REVIEW_REQUEST.safeParse(review).success).toBe(true);
    expect(review).toMatchObject({ event: 'COMMENT', commit_id: payload('pull_request.opened').pull_request.head.sha });
    // Only the trigger (P404, safe) on line 3: under trigger(once=True) the byte cap would be
    // ignored, so P402 asks for it once the trigger is availableNow.
    expect(review.comments.map((c: { line: number }) => c.line)).toEqual([3]);
    const comment = review.comments[0];
    expect(comment).toMatchObject({ path: 'pipelines/silver.py', line: 3, side: 'RIGHT' });
    expect(comment.start_line).toBeUndefined();
    expect(comment.body).toContain(`\`\`\`suggestion\n${FIXED_LINE}\n\`\`\``);
    expect(comment.body).toContain('P404 trigger-once');
    expect(comment.body).toContain('safe fix');
    expect(markedFingerprint(comment.body)).toMatch(/^[0-9a-f]{24}$/);
  });

  it('does not repeat a suggestion its own earlier comment made; a marker pasted by someone else does not count', async () => {
    const first = pullRequest('priorities: [4]\nsuggestions: true\n', []).post(REVIEWS, { id: 1 });
    await run(first);
    const [review] = first.bodies('POST', REVIEWS);
    const bodies: string[] = review.comments.map((c: { body: string }) => c.body);

    const again = pullRequest('priorities: [4]\nsuggestions: true\n', bodies.map((body, id) => ({ id, user: { login: 'remediation-app[bot]' }, body })));
    await run(again);
    expect(again.find('POST', REVIEWS)).toEqual([]);

    const forged = pullRequest('priorities: [4]\nsuggestions: true\n', bodies.map((body, id) => ({ id, user: { login: 'mallory' }, body }))).post(REVIEWS, { id: 2 });
    await run(forged);
    expect(forged.bodies('POST', REVIEWS).map((r) => r.comments.length)).toEqual([1]);
  });

  it('makes no review request without `suggestions: true`', async () => {
    await run(pullRequest('priorities: [4]\n', undefined));
    expect(unmatched.filter((path) => path.includes('/pulls/2/'))).toEqual([]);
  });
});

describe('suggestionComments', () => {
  async function findingsOf(text: string) {
    const result = (await getEngine()).scan(toInputs({ 'p.py': text }));
    return { findings: result.findings.filter((f) => f.autofix), heads: new Map([['p.py', text]]) };
  }

  it('skips a fix whose lines the pull request did not change, and one already suggested', async () => {
    const text = notebook('spark.readStream.table("c.s.t").writeStream.trigger(once=True).toTable("c.s.u")');
    const { findings, heads } = await findingsOf(text);
    const p404 = findings.filter((f) => f.rule === 'P404');
    expect(p404).toHaveLength(1);
    expect(suggestionComments({ findings: p404, heads, changedLines: new Map([['p.py', new Set([2])]]), done: new Set() })).toHaveLength(1);
    expect(suggestionComments({ findings: p404, heads, changedLines: new Map([['p.py', new Set([1])]]), done: new Set() })).toEqual([]);
    expect(suggestionComments({ findings: p404, heads, changedLines: new Map([['p.py', new Set([2])]]), done: new Set([p404[0].fingerprint]) })).toEqual([]);
  });

  it('fences the replacement with more backticks than it holds, so file content cannot close the block', async () => {
    const text = notebook('spark.readStream.table("c.s.t").writeStream.trigger(once=True).toTable("c.s.u")  # ```` fence');
    const { findings, heads } = await findingsOf(text);
    const [comment] = suggestionComments({ findings: findings.filter((f) => f.rule === 'P404'), heads, changedLines: new Map([['p.py', new Set([2])]]), done: new Set() });
    expect(comment.body).toContain('`````suggestion\n');
    expect(comment.body.endsWith('\n`````')).toBe(true);
  });

  it('offers no suggestion whose body GitHub would refuse (a minified line)', async () => {
    const text = notebook(`spark.readStream.table("c.s.t").writeStream.trigger(once=True).toTable("c.s.u")  # ${'x'.repeat(MAX_BODY_CHARS)}`);
    const { findings, heads } = await findingsOf(text);
    expect(suggestionComments({ findings: findings.filter((f) => f.rule === 'P404'), heads, changedLines: new Map([['p.py', new Set([2])]]), done: new Set() })).toEqual([]);
  });

  it('reads back only well-formed markers', () => {
    expect(markedFingerprint(`x ${suggestionMarker('abc123')} y`)).toBe('abc123');
    expect(markedFingerprint('<!-- remediation-suggestion:<script> -->')).toBeUndefined();
    expect(markedFingerprint('<!-- remediation-suggestion: -->')).toBeUndefined();
  });
});
