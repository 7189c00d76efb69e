import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeTempDir, recordingEngine, removeDir, runCli, textOf, writeTree } from './helpers.js';

/** A streaming notebook reading Kafka; `rateLimit` adds the option the P4 rule looks for. */
function ingestNotebook(rateLimit: boolean): string {
  return [
    '# Databricks notebook source',
    'from pyspark.sql import functions as F',
    '',
    '# COMMAND ----------',
    '',
    'bootstrap = dbutils.widgets.get("kafka_bootstrap_servers")',
    '',
    'events = (',
    '    spark.readStream.format("kafka")',
    '    .option("kafka.bootstrap.servers", bootstrap)',
    '    .option("subscribe", "events")',
    ...(rateLimit ? ['    .option("maxOffsetsPerTrigger", 10000)'] : []),
    '    .load()',
    ')',
    '',
    '# COMMAND ----------',
    '',
    '(',
    '    events.select(F.col("value").cast("string").alias("body"))',
    '    .writeStream.option("checkpointLocation", "/Volumes/main/bronze/checkpoints/events")',
    '    .trigger(availableNow=True)',
    '    .toTable("main.bronze.events")',
    ')',
    '',
  ].join('\n');
}

const TEST_SUITE = 'def test_events_schema():\n    assert True\n';

let repo: string;

beforeAll(() => {
  repo = makeTempDir('remediation-diff-');
  git(repo, 'init', '-q');
  writeTree(repo, {
    '.gitignore': 'scratch/\n',
    'README.md': '# pipelines\n',
    'pipelines/ingest.py': ingestNotebook(false),
    'pipelines/old_name.py': '# Databricks notebook source\n# FLAG:notice\nvalue = 1\n',
    'tests/test_ingest.py': TEST_SUITE,
  });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  writeTree(repo, {
    'pipelines/ingest.py': ingestNotebook(true),
    'pipelines/new.py': '# Databricks notebook source\n# FLAG:warning\n',
  });
  git(repo, 'mv', 'pipelines/old_name.py', 'pipelines/renamed.py');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'head');
});

afterAll(() => removeDir(repo));

describe('remediation diff: gathering from git', () => {
  it('hands the engine the candidate files of both commits and the renames', async () => {
    const fake = recordingEngine();
    const run = await runCli(['diff', '--base', 'HEAD~1', '--head', 'HEAD'], repo, { createEngine: async () => fake.engine });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [{ input }] = fake.diffs;
    expect(input.base.map((file) => file.path)).toEqual(['pipelines/ingest.py', 'pipelines/old_name.py', 'tests/test_ingest.py']);
    expect(input.head.map((file) => file.path)).toEqual(['pipelines/ingest.py', 'pipelines/new.py', 'pipelines/renamed.py', 'tests/test_ingest.py']);
    expect(textOf(input.base[0])).toBe(ingestNotebook(false));
    expect(textOf(input.head[0])).toBe(ingestNotebook(true));
    expect(input.head[0].content).toBeInstanceOf(Uint8Array);
    expect([...(input.renames ?? new Map())]).toEqual([['pipelines/renamed.py', 'pipelines/old_name.py']]);
    expect(run.stdout).toContain('pipelines/new.py:1:1  P401 kafka-unbounded  flagged warning  [new]');
  });

  it('fails on open findings at or above --fail-on', async () => {
    const fake = recordingEngine();
    const run = await runCli(['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--fail-on', 'warning'], repo, {
      createEngine: async () => fake.engine,
    });
    expect(run.code).toBe(1);
  });

  it('compares with the working tree when --head is missing: untracked files in, ignored and deleted ones out', async () => {
    writeTree(repo, { 'pipelines/draft.py': '# draft\n', 'scratch/tmp.py': '# ignored\n' });
    rmSync(join(repo, 'tests/test_ingest.py'));
    writeFileSync(join(repo, 'pipelines/ingest.py'), ingestNotebook(false));
    try {
      const fake = recordingEngine();
      const run = await runCli(['diff', '--base', 'HEAD'], repo, { createEngine: async () => fake.engine });
      expect(run.stderr).toBe('');
      const [{ input }] = fake.diffs;
      expect(input.head.map((file) => file.path)).toEqual(['pipelines/draft.py', 'pipelines/ingest.py', 'pipelines/new.py', 'pipelines/renamed.py']);
      expect(textOf(input.head[1])).toBe(ingestNotebook(false));
      expect(input.base.map((file) => file.path)).toContain('tests/test_ingest.py');
    } finally {
      git(repo, 'checkout', '-q', '--', '.');
      removeDir(join(repo, 'pipelines/draft.py'));
      removeDir(join(repo, 'scratch'));
    }
  });

  it('applies --exclude to both sides and works from another folder with --repo', async () => {
    const fake = recordingEngine();
    const elsewhere = makeTempDir();
    const run = await runCli(['diff', '--repo', repo, '--base', 'HEAD~1', '--head', 'HEAD', '--exclude', 'tests/**'], elsewhere, {
      createEngine: async () => fake.engine,
    });
    removeDir(elsewhere);
    expect(run.stderr).toBe('');
    const [{ input }] = fake.diffs;
    expect(input.base.map((file) => file.path)).toEqual(['pipelines/ingest.py', 'pipelines/old_name.py']);
    expect(input.head.map((file) => file.path)).not.toContain('tests/test_ingest.py');
  });

  it('reports a bad revision, a folder outside any repository and a missing folder: exit 2, one line', async () => {
    const bad = await runCli(['diff', '--base', 'no-such-branch'], repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^remediation: unknown revision 'no-such-branch' \(not a commit of .+\)\n$/);

    const badHead = await runCli(['diff', '--base', 'HEAD', '--head', 'HEAD~9'], repo);
    expect(badHead.code).toBe(2);
    expect(badHead.stderr).toContain("unknown revision 'HEAD~9'");

    const plain = makeTempDir();
    const notRepo = await runCli(['diff', '--base', 'HEAD'], plain);
    removeDir(plain);
    expect(notRepo).toEqual({ code: 2, stdout: '', stderr: 'remediation: not a git repository: .\n' });

    const missing = await runCli(['diff', '--base', 'HEAD', '--repo', 'gone'], repo);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'remediation: cannot read gone: ENOENT: no such file or directory\n' });
  });

  it('runs the real engine and writes a diff report with a status on every finding', async () => {
    const run = await runCli(['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], repo);
    expect(run.stderr).toBe('');
    // the fixture has nothing of failure severity: rate limiting is a warning
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report.summary)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', 'status']);
    for (const finding of report.findings) expect(['new', 'existing', 'resolved']).toContain(finding.status);
    const text = await runCli(['diff', '--base', 'HEAD~1', '--head', 'HEAD'], repo);
    expect(text.stdout).toMatch(/ in 4 files; \d+ new, \d+ existing, \d+ resolved(; \d+ suppressed)?\.\n$/);
  });
});

interface JsonFinding {
  name: string;
  path: string;
  priority: number;
  line: number;
  severity: string;
  suppressed: boolean;
  status?: string;
}

/** What the rules must find through the CLI, with the real engine end to end. */
describe('remediation diff and scan: findings of the rules engine', () => {
  const kafka = (findings: JsonFinding[]) => findings.filter((f) => f.name === 'kafka-unbounded' && f.path === 'pipelines/ingest.py');
  let baseCopy: string;

  beforeAll(() => {
    baseCopy = makeTempDir('remediation-base-');
    writeTree(baseCopy, { 'pipelines/ingest.py': ingestNotebook(false), 'tests/test_ingest.py': TEST_SUITE });
  });
  afterAll(() => removeDir(baseCopy));

  it('scan: flags the Kafka source without maxOffsetsPerTrigger as an open P4 warning', async () => {
    const run = await runCli(['scan', '--format', 'json', '--fail-on', 'warning'], baseCopy);
    const [finding, ...others] = kafka(JSON.parse(run.stdout).findings);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ priority: 4, severity: 'warning', suppressed: false });
    expect(finding.line).toBeGreaterThanOrEqual(8);
    expect(finding.line).toBeLessThanOrEqual(13);
    expect(finding).not.toHaveProperty('status');
    expect(run.code).toBe(1);
  });

  it('scan: describes the finding in SARIF against the registered rule', async () => {
    const sarif = JSON.parse((await runCli(['scan', '--format', 'sarif'], baseCopy)).stdout);
    const rules = sarif.runs[0].tool.driver.rules;
    const result = sarif.runs[0].results.find((r: { ruleIndex: number }) => rules[r.ruleIndex].name === 'kafka-unbounded');
    expect(result).toBeDefined();
    expect(result.level).toBe('warning');
    expect(result.ruleId).toBe(rules[result.ruleIndex].id);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('pipelines/ingest.py');
  });

  it('scan: a suppression comment keeps the finding counted as suppressed, not open', async () => {
    const dir = makeTempDir('remediation-suppressed-');
    const suppressed = ingestNotebook(false).replace(
      /events = \(\n([\s\S]*?)\n\)/,
      '# remediation: ignore[kafka-unbounded]\nevents = spark.readStream.format("kafka").option("kafka.bootstrap.servers", bootstrap).option("subscribe", "events").load()',
    );
    writeTree(dir, { 'pipelines/ingest.py': suppressed });
    const report = JSON.parse((await runCli(['scan', '--format', 'json'], dir)).stdout);
    removeDir(dir);
    expect(kafka(report.findings)).toEqual([expect.objectContaining({ suppressed: true })]);
    expect(report.summary['4'].suppressed).toBeGreaterThanOrEqual(1);
  });

  it('diff: adding maxOffsetsPerTrigger resolves the finding', async () => {
    const run = await runCli(['diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'json'], repo);
    const report = JSON.parse(run.stdout);
    const found = kafka(report.findings);
    expect(found.map((f) => f.status)).toEqual(['resolved']);
    expect(report.summary['4'].resolved).toBeGreaterThanOrEqual(1);
    expect(report.summary['4'].open).toBe(0);
  });

  it('diff against the working tree: removing the option again brings a new finding', async () => {
    writeFileSync(join(repo, 'pipelines/ingest.py'), ingestNotebook(false));
    try {
      const run = await runCli(['diff', '--base', 'HEAD', '--format', 'json', '--fail-on', 'warning'], repo);
      expect(kafka(JSON.parse(run.stdout).findings).map((f) => f.status)).toEqual(['new']);
      expect(run.code).toBe(1);
    } finally {
      git(repo, 'checkout', '-q', '--', '.');
    }
  });
});

/** A change gated by what it adds: the real engine on a repository whose base already has findings. */
describe('remediation diff: gating a change', () => {
  let gated: string;
  const kafkaOnly = (findings: JsonFinding[]) => findings.filter((f) => f.name === 'kafka-unbounded');

  beforeAll(() => {
    gated = makeTempDir('remediation-gate-');
    git(gated, 'init', '-q');
    writeTree(gated, { 'pipelines/ingest.py': ingestNotebook(false), 'tests/test_ingest.py': TEST_SUITE });
    git(gated, 'add', '-A');
    git(gated, 'commit', '-q', '-m', 'base');
  });
  afterAll(() => removeDir(gated));

  it('exits 0 with no change at all, even with existing findings at or above --fail-on', async () => {
    const run = await runCli(['diff', '--base', 'HEAD', '--fail-on', 'notice', '-f', 'json'], gated);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(kafkaOnly(report.findings).map((f) => f.status)).toEqual(['existing']);
    expect(report.summary.status).toEqual({ new: 0, existing: report.findings.length, resolved: 0 });
    expect(run.code).toBe(0);
  });

  describe('with one finding added in the working tree', () => {
    beforeAll(() => writeTree(gated, { 'pipelines/second.py': ingestNotebook(false).replace('"events"', '"orders"') }));
    afterAll(() => removeDir(join(gated, 'pipelines/second.py')));

    it('fails on the new finding and counts new, existing and resolved in every format', async () => {
      const json = await runCli(['diff', '--base', 'HEAD', '--fail-on', 'warning', '-f', 'json'], gated);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout);
      const byStatus = (status: string) => report.findings.filter((f: JsonFinding) => f.status === status && !f.suppressed).length;
      expect(kafkaOnly(report.findings).map((f) => [f.path, f.status])).toEqual([
        ['pipelines/ingest.py', 'existing'],
        ['pipelines/second.py', 'new'],
      ]);
      const counts = { new: byStatus('new'), existing: byStatus('existing'), resolved: 0 };
      expect(counts.new).toBeGreaterThanOrEqual(1);
      expect(report.summary.status).toEqual(counts);

      const text = await runCli(['diff', '--base', 'HEAD', '--fail-on', 'warning'], gated);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(` in 3 files; ${counts.new} new, ${counts.existing} existing, 0 resolved.\n`);

      const sarif = JSON.parse((await runCli(['diff', '--base', 'HEAD', '-f', 'sarif'], gated)).stdout);
      expect(sarif.runs[0].properties).toEqual({ status: counts });
      const states = sarif.runs[0].results.map((r: { baselineState: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.baselineState,
      ]);
      expect(states).toContainEqual(['pipelines/second.py', 'new']);
      expect(states).toContainEqual(['pipelines/ingest.py', 'unchanged']);

      const markdown = (await runCli(['diff', '--base', 'HEAD', '-f', 'markdown'], gated)).stdout;
      expect(markdown.split('\n')[0]).toBe(`**This change:** ${counts.new} new, ${counts.existing} existing, 0 resolved`);
    });

    it('--new-only lists only the new findings; the totals still count them all', async () => {
      const run = await runCli(['diff', '--base', 'HEAD', '--new-only'], gated);
      expect(run.stdout).toContain('pipelines/second.py:');
      expect(run.stdout).not.toContain('pipelines/ingest.py:');
      expect(run.stdout).not.toContain('[existing]');
      expect(run.stdout).toMatch(/, \d+ existing, 0 resolved\.\n\[\*\] \d+ fixable with `remediation fix`[^\n]*\.\n$/);
    });

    it('resolving a finding is counted, listed as resolved and marked absent in SARIF; it never fails the run', async () => {
      writeFileSync(join(gated, 'pipelines/ingest.py'), ingestNotebook(true));
      try {
        removeDir(join(gated, 'pipelines/second.py'));
        const run = await runCli(['diff', '--base', 'HEAD', '--fail-on', 'notice', '-f', 'sarif'], gated);
        expect(run.code).toBe(0);
        const [sarifRun] = JSON.parse(run.stdout).runs;
        const absent = sarifRun.results.filter((r: { baselineState: string }) => r.baselineState === 'absent');
        expect(absent.length).toBe(sarifRun.properties.status.resolved);
        expect(absent.map((r: { ruleId: string }) => r.ruleId)).toContain('P401');
        expect(sarifRun.properties.status.new).toBe(0);
      } finally {
        git(gated, 'checkout', '-q', '--', '.');
        writeTree(gated, { 'pipelines/second.py': ingestNotebook(false).replace('"events"', '"orders"') });
      }
    });
  });

  it('--new-only is an option of diff only', async () => {
    const run = await runCli(['scan', '--new-only'], gated);
    expect(run).toEqual({ code: 2, stdout: '', stderr: "remediation: --new-only is not an option of scan (see 'remediation --help')\n" });
  });
});
