/**
 * API budget: requests the app makes per event, counted through the stateful fake GitHub of the
 * app tests (nock, network disabled), next to the minimum the platform allows. Drives the real
 * app with the real engine and the production settings (repository cache, check-run grace).
 * Each scenario runs twice on one app: the first event after start (cold), then the same event
 * again (warm: what every later event of an active repository costs).
 */
import nock from 'nock';
import type { Engine } from '../src/engine/engine.js';
import { DEFAULT_SETTINGS } from '../src/queue/settings.js';
import { createTestApp, payload, receive } from '../test/github/support/app.js';
import { FakeGitHub } from '../test/github/support/fake-github.js';
import { stateFromFiles, trackingIssue } from '../test/github/support/tracking.js';

export interface BudgetRow {
  scenario: string;
  files: number;
  annotations: number;
  /** Requests of the event on a freshly started app (nothing remembered yet). */
  coldCalls: number;
  /** Requests of the same event after an earlier one of the repository (config and issue number remembered). */
  calls: number;
  /** Of `calls`, those GitHub charges to the rate limit (a 304 is not charged). */
  charged: number;
  minimum: number;
  overMinimumPct: number;
  routes: Record<string, number>;
}

/** GitHub's `size` (KB) of the benchmark repository: small enough to read the tarball without the tree. */
const REPO_SIZE_KB = 4096;

/**
 * A changed notebook: `bad` of them add a Kafka stream written to a table with no rate limit and
 * no query listener (two new findings each: a stream nobody writes keeps no records, and is no pipeline).
 */
function prFile(i: number, bad: boolean): { path: string; base: string; head: string; patch: string } {
  const path = `pipelines/nb_${i}.py`;
  const added = bad
    ? [`k_${i} = spark.readStream.format("kafka").option("subscribe", "t${i}").load()`, `k_${i}.writeStream.option("checkpointLocation", "/Volumes/main/cp/k_${i}").toTable("main.bronze.k_${i}")`]
    : [`x_${i} = ${i}`];
  const base = '# Databricks notebook source\nimport logging\n';
  return { path, base, head: `${base}${added.join('\n')}\n`, patch: `@@ -1,2 +1,${2 + added.length} @@\n # Databricks notebook source\n import logging\n${added.map((l) => `+${l}`).join('\n')}` };
}

/** Counts the installation requests (all, and charged) that `event` makes. */
async function measured(fake: FakeGitHub, event: () => Promise<void>): Promise<{ calls: number; charged: number; routes: Map<string, number> }> {
  const before = { calls: fake.installationRequests(), charged: fake.chargedRequests(), routes: new Map(fake.hits) };
  await event();
  const routes = new Map([...fake.hits].map(([name, n]) => [name, n - (before.routes.get(name) ?? 0)]));
  return { calls: fake.installationRequests() - before.calls, charged: fake.chargedRequests() - before.charged, routes };
}

async function runPr(engine: Engine, scenario: string, files: number, bad: number): Promise<BudgetRow> {
  const changed = Array.from({ length: files }, (_, i) => prFile(i, i < bad));
  const head = Object.fromEntries(changed.map((f) => [f.path, f.head]));
  const event = (action: 'opened' | 'synchronize', sha: string): any => {
    const body = payload(`pull_request.${action}`);
    body.pull_request.changed_files = files;
    body.pull_request.head.sha = sha;
    body.repository.size = REPO_SIZE_KB;
    return body;
  };
  const first = event('opened', 'a'.repeat(40));
  const fake = new FakeGitHub().commit(first.pull_request.head.sha, head).commit('b'.repeat(40), head).pullRequest(first.pull_request.number, changed);
  // The tracking issue exists already, so the PR does not also trigger the first full scan.
  fake.issues.push({ ...trackingIssue(1, stateFromFiles([])), state: 'open' });
  const { probot } = await createTestApp(engine, { app: { settings: { ...DEFAULT_SETTINGS } } });
  const cold = await measured(fake, () => receive(probot, 'pull_request.opened', first));
  // A new push to the same pull request: the same files, the repository's config and issue remembered.
  const sentBefore = fake.annotationsSent;
  const warm = await measured(fake, () => receive(probot, 'pull_request.synchronize', event('synchronize', 'b'.repeat(40))));
  // Measured, not assumed: a scenario whose files stop producing findings must not pass for a cheap one.
  const annotations = fake.annotationsSent - sentBefore;
  if (bad > 0 && annotations === 0) console.error(`${scenario}: no annotations sent; the scenario's files make no findings`);
  // The issue's platform minimum: file listings + one archive (fewer calls than one read per
  // file) + check-run create + updates beyond the first 50 annotations + the tracking-issue read.
  const minimum = Math.ceil(files / 100) + 1 + 1 + Math.max(Math.ceil(annotations / 50) - 1, 0) + 1;
  return row(scenario, files, annotations, fake, cold.calls, warm, minimum);
}

async function runPush(engine: Engine, files: number): Promise<BudgetRow> {
  const commitFiles = (version: number): Record<string, string> => {
    const head: Record<string, string> = {};
    for (let i = 0; i < files; i++) head[`pipelines/m_${i}.py`] = `x_${i} = ${i + version}\n${i % 50 === 0 ? `k = spark.readStream.format("kafka").load()\n` : ''}`;
    return head;
  };
  const push = (before: string, after: string): any => {
    const body = payload('push');
    Object.assign(body, { before, after });
    body.repository.size = REPO_SIZE_KB;
    return body;
  };
  const [c1, c2, c3] = ['1', '2', '3'].map((d) => d.repeat(40));
  const fake = new FakeGitHub().commit(c2, commitFiles(1)).commit(c3, commitFiles(2));
  fake.branchHead = c2;
  const { probot } = await createTestApp(engine, { app: { settings: { ...DEFAULT_SETTINGS } } });
  const cold = await measured(fake, () => receive(probot, 'push', push(c1, c2)));
  fake.branchHead = c3;
  const warm = await measured(fake, () => receive(probot, 'push', push(c2, c3)));
  // Minimum: one archive + tracking issue read + write.
  return row(`default-branch scan, ${files} files`, files, 0, fake, cold.calls, warm, 3);
}

function row(scenario: string, files: number, annotations: number, fake: FakeGitHub, coldCalls: number, warm: { calls: number; charged: number; routes: Map<string, number> }, minimum: number): BudgetRow {
  // A request the fake does not answer fails the run: say so rather than print a low count.
  if (unanswered.length > 0) console.error(`${scenario}: unanswered ${[...new Set(unanswered)].join(', ')}`);
  unanswered.length = 0;
  const failed = fake.checkRuns.filter((r) => r.status !== 'completed');
  if (failed.length > 0) console.error(`${scenario}: ${failed.length} check run(s) left ${failed[0].status}`);
  nock.cleanAll();
  return {
    scenario,
    files,
    annotations,
    coldCalls,
    calls: warm.calls,
    charged: warm.charged,
    minimum,
    overMinimumPct: Math.round(((warm.charged - minimum) / minimum) * 100),
    routes: Object.fromEntries([...warm.routes].filter(([, n]) => n > 0)),
  };
}

const unanswered: string[] = [];

export async function measureApiBudget(engine: Engine): Promise<BudgetRow[]> {
  nock.disableNetConnect();
  nock.emitter.on('no match', (req: { method?: string; path?: string }) => unanswered.push(`${req.method} ${req.path}`));
  return [
    await runPr(engine, '10-file PR', 10, 5),
    await runPr(engine, '300-file PR', 300, 30),
    await runPr(engine, '3,000-file PR, 500 findings', 3000, 250),
    await runPush(engine, 5000),
  ];
}
