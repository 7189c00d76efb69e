/**
 * API budget: requests the app makes per event, counted through the stateful fake GitHub of the
 * app tests (nock, network disabled), next to the minimum the platform allows. Drives the real
 * app with the real engine.
 */
import nock from 'nock';
import type { Engine } from '../src/engine/engine.js';
import { createTestApp, payload, receive } from '../test/github/support/app.js';
import { FakeGitHub } from '../test/github/support/fake-github.js';
import { stateFromFiles, trackingIssue } from '../test/github/support/tracking.js';

export interface BudgetRow {
  scenario: string;
  files: number;
  annotations: number;
  calls: number;
  minimum: number;
  overMinimumPct: number;
  routes: Record<string, number>;
}

/** A changed notebook: `bad` of them add a Kafka stream without a rate limit (one new finding each). */
function prFile(i: number, bad: boolean): { path: string; base: string; head: string; patch: string } {
  const path = `pipelines/nb_${i}.py`;
  const added = bad ? `k_${i} = spark.readStream.format("kafka").option("subscribe", "t${i}").load()` : `x_${i} = ${i}`;
  const base = '# Databricks notebook source\nimport logging\n';
  return { path, base, head: `${base}${added}\n`, patch: `@@ -1,2 +1,3 @@\n # Databricks notebook source\n import logging\n+${added}` };
}

async function runPr(engine: Engine, scenario: string, files: number, bad: number): Promise<BudgetRow> {
  const body = payload('pull_request.opened');
  body.pull_request.changed_files = files;
  const changed = Array.from({ length: files }, (_, i) => prFile(i, i < bad));
  const fake = new FakeGitHub().commit(body.pull_request.head.sha, Object.fromEntries(changed.map((f) => [f.path, f.head]))).pullRequest(body.pull_request.number, changed);
  // The tracking issue exists already, so the PR does not also trigger the first full scan.
  fake.issues.push({ ...trackingIssue(1, stateFromFiles([])), state: 'open' });
  const { probot } = await createTestApp(engine);
  await receive(probot, 'pull_request.opened', body);
  // The issue's platform minimum: file listings + one archive (fewer calls than one read per
  // file) + check-run create + updates beyond the first 50 annotations + the tracking-issue read.
  const minimum = Math.ceil(files / 100) + 1 + 1 + Math.max(Math.ceil(bad / 50) - 1, 0) + 1;
  return row(scenario, files, bad, fake, minimum);
}

async function runPush(engine: Engine, files: number): Promise<BudgetRow> {
  const body = payload('push');
  const head: Record<string, string> = {};
  for (let i = 0; i < files; i++) head[`pipelines/m_${i}.py`] = `x_${i} = ${i}\n${i % 50 === 0 ? `k = spark.readStream.format("kafka").load()\n` : ''}`;
  const fake = new FakeGitHub().commit(body.after, head);
  fake.branchHead = body.after;
  const { probot } = await createTestApp(engine);
  await receive(probot, 'push', body);
  // Minimum: one archive + tracking issue read + write.
  return row(`default-branch scan, ${files} files`, files, 0, fake, 3);
}

function row(scenario: string, files: number, annotations: number, fake: FakeGitHub, minimum: number): BudgetRow {
  // A request the fake does not answer fails the run: say so rather than print a low count.
  if (unanswered.length > 0) console.error(`${scenario}: unanswered ${[...new Set(unanswered)].join(', ')}`);
  unanswered.length = 0;
  const failed = fake.checkRuns.filter((r) => r.status !== 'completed');
  if (failed.length > 0) console.error(`${scenario}: ${failed.length} check run(s) left ${failed[0].status}`);
  const calls = fake.installationRequests();
  nock.cleanAll();
  return {
    scenario,
    files,
    annotations,
    calls,
    minimum,
    overMinimumPct: Math.round(((calls - minimum) / minimum) * 100),
    routes: Object.fromEntries([...fake.hits].filter(([, n]) => n > 0)),
  };
}

const unanswered: string[] = [];

export async function measureApiBudget(engine: Engine): Promise<BudgetRow[]> {
  nock.disableNetConnect();
  nock.emitter.on('no match', (req: { method?: string; path?: string }) => unanswered.push(`${req.method} ${req.path}`));
  return [
    await runPr(engine, '10-file PR', 10, 5),
    await runPr(engine, '300-file PR', 300, 60),
    await runPr(engine, '3,000-file PR, 500 findings', 3000, 500),
    await runPush(engine, 5000),
  ];
}
