/**
 * 422 from the Checks API: what GitHub refused (annotation text, annotation count,
 * summary or text length, or it does not say) is shrunk and the update sent again, so
 * the run still completes; a refusal that survives every shrink is bounded and ends in
 * the usual neutral completion. Assertions are on the request bodies GitHub received.
 */
import { STATE_SECRET } from './support/tracking.js';
import { describe, expect, it } from 'vitest';
import { INITIAL_FIT, refusalOf, shrinkFit, type Fit } from '../../src/github/check-fit.js';
import { CheckRun, type Annotation } from '../../src/github/check-run.js';
import type { RunContext } from '../../src/github/types.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { recordingLog } from '../helpers/logs.js';
import { createTestApp, FIXED_NOW, payload, receive, TestOctokit } from './support/app.js';
import { fakeEngine } from './support/fake-engine.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';
import { memoryRepoCache } from '../../src/queue/repo-cache.js';

useGitHubMock();

const silent = recordingLog();
const TOO_MANY = { message: 'Invalid request.\n\nOnly 50 annotations are allowed per request.' };
const TOO_LONG_OUTPUT = { message: 'Invalid request.\n\nOnly 65535 characters are allowed; 70123 were supplied.' };
const ANNOTATION_TOO_LONG = { message: 'Validation Failed', errors: [{ resource: 'CheckRun', field: 'output.annotations', code: 'custom', message: 'title is too long (maximum is 255 characters)' }] };

function runContext(): RunContext {
  const services = { engine: async () => fakeEngine(), botLogin: async () => 'app[bot]', sleep: async () => undefined, now: () => FIXED_NOW, cache: memoryRepoCache(), stateSecret: async () => STATE_SECRET, repoCacheMs: 0, checkRunGraceMs: 0 };
  return { octokit: new TestOctokit({ auth: { token: 'test-token' } }), repo: { owner: 'Codertocat', repo: 'Hello-World' }, repoUrl: 'https://github.com/Codertocat/Hello-World', log: silent, services };
}

function annotations(count: number, messageChars = 40, titleChars = 20): Annotation[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `a${i}.py`,
    start_line: 1,
    end_line: 1,
    annotation_level: 'warning' as const,
    title: `T${i}`.padEnd(titleChars, 't'),
    message: `M${i}`.padEnd(messageChars, 'm'),
  }));
}

/** The head of the run being completed (not sent: the run exists). */
const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const OUTPUT = { title: '0 fixed, 2 added', summary: 'summary\n', text: 'text\n' };

describe('completing a check run after a 422', () => {
  it('shortens annotation titles and messages when those are refused', async () => {
    const gh = new GitHubMock();
    gh.patch(gh.repoPath('/check-runs/7'), ANNOTATION_TOO_LONG, { status: 422 }).updateCheckRun(7);
    await new CheckRun(runContext(), HEAD_SHA, 7).complete(OUTPUT, 'neutral', annotations(2, 10_000, 255));
    gh.done();
    const [refused, sent] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(refused.output.annotations[0].message).toHaveLength(10_000);
    expect(sent.output.annotations.map((a: Annotation) => [a.title.length, a.message.length])).toEqual([
      [127, 4000],
      [127, 4000],
    ]);
    expect(sent.output.annotations[0].message.endsWith('…')).toBe(true);
    expect(sent).toMatchObject({ status: 'completed', conclusion: 'neutral', output: { summary: 'summary\n' } });
  });

  it('sends smaller batches when too many annotations are refused, and keeps them small', async () => {
    const gh = new GitHubMock();
    gh.patch(gh.repoPath('/check-runs/7'), TOO_MANY, { status: 422 }).updateCheckRun(7, 3);
    await new CheckRun(runContext(), HEAD_SHA, 7).complete(OUTPUT, 'failure', annotations(60));
    gh.done();
    const bodies = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(bodies.map((b) => b.output.annotations.length)).toEqual([50, 25, 25, 10]);
    expect(bodies.map((b) => b.status)).toEqual([undefined, undefined, undefined, 'completed']);
    expect(bodies.flatMap((b) => b.output.annotations.map((a: Annotation) => a.path)).slice(50)).toEqual(annotations(60).map((a) => a.path));
  });

  it('cuts the summary and text at a line, saying so, when their length is refused', async () => {
    const gh = new GitHubMock();
    gh.patch(gh.repoPath('/check-runs/7'), TOO_LONG_OUTPUT, { status: 422 }).updateCheckRun(7);
    const long = Array.from({ length: 1300 }, (_, i) => `- finding ${i}`.padEnd(49, '.')).join('\n');
    await new CheckRun(runContext(), HEAD_SHA, 7).complete({ title: 't', summary: long, text: long }, 'success', []);
    gh.done();
    const [, sent] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    for (const field of [sent.output.summary, sent.output.text]) {
      expect(field.length).toBeLessThanOrEqual(long.length / 2);
      expect(field).toMatch(/\n- finding \d+\.+\n\n_\(Cut short: GitHub refused the full text\.\)_\n$/);
    }
  });

  it('shrinks everything when the refusal does not say what', async () => {
    const gh = new GitHubMock();
    gh.patch(gh.repoPath('/check-runs/7'), { message: 'Unprocessable Entity' }, { status: 422 }).updateCheckRun(7, 2);
    await new CheckRun(runContext(), HEAD_SHA, 7).complete({ title: 't', summary: 'x\n'.repeat(3000) }, 'neutral', annotations(50, 9000));
    gh.done();
    const [, first, second] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect([first.output.annotations.length, second.output.annotations.length]).toEqual([25, 25]);
    expect(first.output.annotations[0].message).toHaveLength(4000);
    expect(first.output.summary.length).toBeLessThanOrEqual(3000);
    expect(second.status).toBe('completed');
  });

  it('gives up after a bounded number of refusals, with the 422', async () => {
    // As many requests as the shrink ladder has rungs, from the pure function itself.
    let rungs = 1;
    for (let fit: Fit | undefined = INITIAL_FIT; (fit = shrinkFit(fit, 'unspecified', { annotations: 1, outputChars: 100 })); ) rungs++;
    expect(rungs).toBeLessThanOrEqual(9);
    const gh = new GitHubMock();
    gh.patch(gh.repoPath('/check-runs/7'), { message: 'Unprocessable Entity' }, { status: 422, times: rungs });
    await expect(new CheckRun(runContext(), HEAD_SHA, 7).complete({ title: 't', summary: 's'.repeat(100) }, 'neutral', annotations(1))).rejects.toMatchObject({ status: 422 });
    gh.done();
  });

  it('classifies refusals from the message and errors GitHub sends', () => {
    const e = (data: object) => ({ status: 422, message: (data as { message: string }).message, response: { data } });
    expect(refusalOf(e(ANNOTATION_TOO_LONG))).toBe('annotation-text');
    expect(refusalOf(e(TOO_MANY))).toBe('annotation-count');
    expect(refusalOf(e(TOO_LONG_OUTPUT))).toBe('output-text');
    expect(refusalOf(e({ message: 'Unprocessable Entity' }))).toBe('unspecified');
    expect(refusalOf({ status: 500, message: 'annotation' })).toBeUndefined();
  });
});

describe('a pull-request check whose updates are refused', () => {
  it('still completes: 130 annotations in smaller batches, then a shorter summary', async () => {
    const { probot } = await createTestApp(fakeEngine());
    // Failures: the first 20 lead the summary (the text repeats no annotated finding, so there is none).
    const lines = Array.from({ length: 130 }, (_, i) => `x${i} = 1  # BAD P101`);
    const gh = new GitHubMock().installationToken().createCheckRun(7).noConfig().appIdentity().trackingIssues([trackingIssue(5, stateFromFiles([]))]);
    gh.prFiles(2, [{ filename: 'src/many.py', status: 'added', sha: 'big', patch: `@@ -0,0 +1,130 @@\n${lines.map((l) => `+${l}`).join('\n')}` }]).blob('big', `${lines.join('\n')}\n`);
    gh.patch(gh.repoPath('/check-runs/7'), TOO_MANY, { status: 422 }).updateCheckRun(7, 5);
    gh.patch(gh.repoPath('/check-runs/7'), TOO_LONG_OUTPUT, { status: 422 }).updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const bodies = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(bodies.map((b) => b.output.annotations.length)).toEqual([50, 25, 25, 25, 25, 25, 5, 5]);
    const last = bodies[bodies.length - 1];
    expect(last).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(last.output.summary.length).toBeLessThan(bodies[0].output.summary.length);
    expect(last.output.summary).toContain('Cut short: GitHub refused the full text.');
  });
});
