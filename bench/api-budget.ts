/**
 * API budget: requests the app makes per event, counted through a fake GitHub (nock), next to
 * the minimum the platform allows. Drives the real app with the real engine.
 */
import type { Engine } from '../src/engine/engine.js';
import { createTestApp, payload, receive } from '../test/github/support/app.js';
import { stateFromFiles, trackingIssue } from '../test/github/support/tracking.js';
import { fakeGitHub, resetFakeGitHub, type Counter, type FakeRepo } from './fake-github.js';

export interface BudgetRow {
  scenario: string;
  files: number;
  annotations: number;
  calls: number;
  minimum: number;
  overMinimumPct: number;
  routes: Record<string, number>;
}

const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const BASE = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

/** A changed notebook: `bad` of them add a Kafka stream without a rate limit (one new finding each). */
function prFile(i: number, bad: boolean): { path: string; head: string; patch: string } {
  const path = `pipelines/nb_${i}.py`;
  const added = bad ? `k_${i} = spark.readStream.format("kafka").option("subscribe", "t${i}").load()` : `x_${i} = ${i}`;
  const head = `# Databricks notebook source\nimport logging\n${added}\n`;
  return { path, head, patch: `@@ -1,2 +1,3 @@\n # Databricks notebook source\n import logging\n+${added}` };
}

async function idle(counter: Counter, quietMs = 400, maxMs = 600_000): Promise<void> {
  const start = Date.now();
  let last = -1;
  while (Date.now() - start < maxMs) {
    const now = counter.installation + counter.app;
    if (now === last) return;
    last = now;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

async function runPr(engine: Engine, scenario: string, files: number, bad: number): Promise<BudgetRow> {
  const changed = Array.from({ length: files }, (_, i) => prFile(i, i < bad));
  const data: FakeRepo = {
    owner: 'Codertocat',
    repo: 'Hello-World',
    headSha: HEAD,
    baseSha: BASE,
    head: Object.fromEntries(changed.map((f) => [f.path, f.head])),
    prPatches: Object.fromEntries(changed.map((f) => [f.path, f.patch])),
    // The tracking issue exists already, so the PR does not also trigger the first full scan.
    issues: [{ ...trackingIssue(1, stateFromFiles([])), user: { login: 'remediation-app[bot]', type: 'Bot' } }],
  };
  const counter = fakeGitHub(data);
  const { probot } = await createTestApp(engine);
  const body = payload('pull_request.opened');
  body.pull_request.changed_files = files;
  await receive(probot, 'pull_request.opened', body);
  await idle(counter);
  resetFakeGitHub();
  // The issue's platform minimum: file listings + one archive (fewer calls than one read per
  // file) + check-run create + updates beyond the first 50 annotations + the tracking-issue read.
  const minimum = Math.ceil(files / 100) + 1 + 1 + Math.max(Math.ceil(bad / 50) - 1, 0) + 1;
  return row(scenario, files, bad, counter, minimum);
}

async function runPush(engine: Engine, files: number): Promise<BudgetRow> {
  const head: Record<string, string> = {};
  for (let i = 0; i < files; i++) head[`pipelines/m_${i}.py`] = `x_${i} = ${i}\n${i % 50 === 0 ? `k = spark.readStream.format("kafka").load()\n` : ''}`;
  const counter = fakeGitHub({ owner: 'Codertocat', repo: 'Hello-World', headSha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246', baseSha: BASE, head, prPatches: {} });
  const { probot } = await createTestApp(engine);
  await receive(probot, 'push', payload('push'));
  await idle(counter);
  resetFakeGitHub();
  // Minimum: one archive (or tree) + tracking issue read + write.
  return row(`default-branch scan, ${files} files`, files, 0, counter, 3);
}

function row(scenario: string, files: number, annotations: number, counter: Counter, minimum: number): BudgetRow {
  if (counter.unknown.length > 0) console.error(`unanswered: ${[...new Set(counter.unknown)].join(', ')}`);
  return {
    scenario,
    files,
    annotations,
    calls: counter.installation,
    minimum,
    overMinimumPct: Math.round(((counter.installation - minimum) / minimum) * 100),
    routes: Object.fromEntries(counter.byRoute),
  };
}

export async function measureApiBudget(engine: Engine): Promise<BudgetRow[]> {
  return [
    await runPr(engine, '10-file PR', 10, 5),
    await runPr(engine, '300-file PR', 300, 60),
    await runPr(engine, '3,000-file PR, 500 findings', 3000, 500),
    await runPush(engine, 5000),
  ];
}
