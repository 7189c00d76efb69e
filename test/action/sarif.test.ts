/**
 * The `sarif` input: the Action writes a SARIF 2.1.0 log for
 * `github/codeql-action/upload-sarif`, whose locations are relative to the repository
 * root (code scanning resolves them against the checkout), on a pull request and on a
 * push. The entry point runs end to end against nock; GitHub Enterprise Server's API
 * base is where the requests go.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { main } from '../../src/action/main.js';
import { ACTIONS_LOGIN } from '../../src/action/identity.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { silentLog } from '../helpers/logs.js';
import { makeCheckout, type Checkout } from './support/checkout.js';

useGitHubMock();

/** What code scanning reads of a SARIF 2.1.0 log (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning). */
const sarifLog = z.object({
  $schema: z.literal('https://json.schemastore.org/sarif-2.1.0.json'),
  version: z.literal('2.1.0'),
  runs: z
    .array(
      z.object({
        tool: z.object({ driver: z.object({ name: z.literal('remediation'), rules: z.array(z.object({ id: z.string().min(1), shortDescription: z.object({ text: z.string() }) })).min(1) }) }),
        results: z.array(
          z.object({
            ruleId: z.string().min(1),
            ruleIndex: z.number().int().nonnegative(),
            level: z.enum(['error', 'warning', 'note']),
            message: z.object({ text: z.string().min(1) }),
            locations: z
              .array(
                z.object({
                  physicalLocation: z.object({
                    artifactLocation: z.object({ uri: z.string().min(1) }),
                    region: z.object({ startLine: z.number().int().positive(), startColumn: z.number().int().positive(), endLine: z.number().int().positive() }),
                  }),
                }),
              )
              .length(1),
            partialFingerprints: z.record(z.string()),
          }),
        ),
      }),
    )
    .length(1),
});

let checkout: Checkout;
beforeEach(() => void (checkout = makeCheckout()));
afterEach(() => checkout.remove());

const head = (): string => checkout.git('rev-parse', 'HEAD');

async function runMain(eventName: string, eventPath: string, extra: Record<string, string>): Promise<number> {
  return main(checkout.vars(eventName, eventPath, extra), { write: () => undefined, log: silentLog(), now: () => new Date('2026-01-05T10:00:00Z') });
}

function readSarif(path: string): z.infer<typeof sarifLog> {
  const log = sarifLog.parse(JSON.parse(readFileSync(join(checkout.workspace, path), 'utf8')));
  const [run] = log.runs;
  // Every result points at its own rule descriptor.
  for (const result of run!.results) expect(run!.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
  return log;
}

function uris(log: z.infer<typeof sarifLog>): string[] {
  return [...new Set(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))];
}

/** Relative to the repository root: no runner path, no leading slash, no `file:` URI, forward slashes. */
function expectRepositoryRelative(paths: string[]): void {
  for (const uri of paths) {
    expect(isAbsolute(uri), uri).toBe(false);
    expect(uri.includes(checkout.dir) || uri.startsWith('file:') || uri.includes('\\') || uri.startsWith('./'), uri).toBe(false);
  }
}

describe('the sarif input', () => {
  it('on a pull request: the findings of the head written next to the check run', async () => {
    const eventPath = checkout.event('pull_request.opened', (p) => {
      p.pull_request.head.sha = head();
      p.pull_request.base.sha = checkout.git('rev-parse', 'HEAD^');
    });
    const gh = new GitHubMock()
      .get('/repos/Codertocat/Hello-World/issues', [], { query: { creator: ACTIONS_LOGIN } })
      .post('/repos/Codertocat/Hello-World/check-runs', { id: 7 }, { status: 201 });
    await runMain('pull_request', eventPath, { INPUT_SARIF: 'reports/remediation.sarif' });
    expect(gh.calls).toHaveLength(2);
    const log = readSarif('reports/remediation.sarif');
    expect(uris(log)).toEqual(['pipelines/silver.py']);
    // Every annotation of the check run is a result of the report (which also lists what the pull request leaves as it was).
    const annotations = gh.bodies('POST', '/repos/Codertocat/Hello-World/check-runs')[0].output.annotations as { start_line: number; title: string }[];
    const results = log.runs[0]!.results.map((r) => `${r.ruleId}:${r.locations[0]!.physicalLocation.region.startLine}`);
    for (const a of annotations) expect(results.some((r) => a.title.includes(`${r.split(':')[0]} `) && r.endsWith(`:${a.start_line}`)), a.title).toBe(true);
  });

  it('on a push, against GitHub Enterprise Server: the findings of the checkout, paths relative to the repository', async () => {
    const eventPath = checkout.event('push', (p) => {
      p.before = checkout.git('rev-parse', 'HEAD^');
      p.after = head();
    });
    const ghes = nock('https://ghe.example.com')
      .get('/api/v3/repos/Codertocat/Hello-World/issues')
      .query(true)
      .reply(200, [])
      .get('/api/v3/repos/Codertocat/Hello-World/branches/master')
      .reply(200, { name: 'master', commit: { sha: head() } })
      .post('/api/v3/repos/Codertocat/Hello-World/issues')
      .reply(201, { number: 3 });
    const code = await runMain('push', eventPath, { GITHUB_API_URL: 'https://ghe.example.com/api/v3/', INPUT_SARIF: 'remediation.sarif' });
    expect(code).toBe(0);
    expect(ghes.isDone()).toBe(true);
    const paths = uris(readSarif('remediation.sarif'));
    expect(paths).toContain('pipelines/silver.py');
    expectRepositoryRelative(paths);
  });
});
