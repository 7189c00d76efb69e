/** One pull request end to end with the real engine (the other app tests use a stand-in). */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { createTestApp, payload, receive } from './support/app.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

useGitHubMock();

const BASE = [
  '# Databricks notebook source',
  'events = spark.readStream.format("delta").table("bronze.events")',
  'counts = events.withWatermark("ts", "10 minutes").groupBy("device").count()',
  'counts.writeStream.toTable("main.silver.counts")',
  '',
].join('\n');
const HEAD = BASE.replace('events.withWatermark("ts", "10 minutes").groupBy', 'events.groupBy');

describe('with the real engine', () => {
  it('annotates a watermark removed by the pull request', async () => {
    const engine = await createEngine();
    const { probot } = await createTestApp(engine);
    const patch = [
      '@@ -1,4 +1,4 @@',
      ' # Databricks notebook source',
      ' events = spark.readStream.format("delta").table("bronze.events")',
      '-counts = events.withWatermark("ts", "10 minutes").groupBy("device").count()',
      '+counts = events.groupBy("device").count()',
      ' counts.writeStream.toTable("main.silver.counts")',
    ].join('\n');
    const gh = new GitHubMock()
      .installationToken()
      .createCheckRun(7)
      .config('priorities: [1]\n')
      .appIdentity()
      .trackingIssues([trackingIssue(5, stateFromFiles([]))])
      .prFiles(2, [{ filename: 'pipelines/silver.py', sha: 'h1', patch }])
      .blob('h1', HEAD)
      .updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(update.output.annotations).toEqual([expect.objectContaining({ path: 'pipelines/silver.py', start_line: 3, title: 'P1 Watermarking · P101 missing-watermark', annotation_level: 'failure' })]);
    expect(update.output.summary).toContain('| P2 transformWithStateInPandas _(disabled)_ | 0 | 0 | 0 |');
  });
});
