import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/local/load-config.js';
import { git, makeTempDir, recordingEngine, removeDir, runCli, writeTree } from './helpers.js';

const CONFIG = [
  'priorities: [3, 4]',
  'severity:',
  '  kafka-unbounded: failure',
  'paths:',
  '  exclude: ["pipelines/legacy/**"]',
  'ignore:',
  '  - rule: P3',
  '    path: "pipelines/dlq/**"',
  '    reason: handled by the dead-letter job',
  'roles:',
  '  setup: ["pipelines/setup_*.py"]',
  '',
].join('\n');

let repo: string;

beforeEach(() => {
  repo = makeTempDir('remediation-config-');
  git(repo, 'init', '-q');
  writeTree(repo, {
    '.github/remediation.yml': CONFIG,
    '.github/workflows/ci.yml': 'on: push\n',
    'pipelines/ingest.py': '# FLAG:warning\n',
    'pipelines/legacy/old.py': '# FLAG:failure\n',
    'other.yml': 'priorities: [8]\n',
  });
});

afterEach(() => removeDir(repo));

async function scan(args: string[], cwd = repo) {
  const fake = recordingEngine();
  const run = await runCli(['scan', ...args], cwd, { createEngine: async () => fake.engine });
  return { run, options: fake.scans[0]?.options, paths: fake.scans[0]?.files.map((file) => file.path) };
}

describe('remediation scan: .github/remediation.yml', () => {
  it('reads the file at the repository top, from any folder, and hands its settings to the engine', async () => {
    const { run, options, paths } = await scan(['.'], join(repo, 'pipelines'));
    expect(run.stderr).toBe('');
    expect(options).toMatchObject({
      enabledPriorities: [3, 4],
      severityOverrides: { 'kafka-unbounded': 'failure' },
      ignores: [{ selector: 'P3', path: 'pipelines/dlq/**', reason: 'handled by the dead-letter job' }],
      roles: { setup: ['pipelines/setup_*.py'] },
    });
    // paths.exclude drops the legacy folder
    expect(paths).toEqual(['pipelines/ingest.py']);
  });

  it('never analyses the config file itself as a YAML file, while other YAML files still are', async () => {
    const { paths } = await scan(['.']);
    expect(paths).toEqual(['.github/workflows/ci.yml', 'other.yml', 'pipelines/ingest.py']);
    const named = await scan(['.github/remediation.yml', 'other.yml']);
    expect(named.paths).toEqual(['other.yml']);
  });

  it('--config FILE reads another file (not analysed either), --no-config none', async () => {
    const other = await scan(['.', '--config', 'other.yml']);
    expect(other.options?.enabledPriorities).toEqual([8]);
    expect(other.paths).toEqual(['.github/workflows/ci.yml', 'pipelines/ingest.py', 'pipelines/legacy/old.py']);
    const none = await scan(['.', '--no-config']);
    expect(none.options).toMatchObject({ enabledPriorities: [1, 2, 3, 4, 5, 6, 7, 8], severityOverrides: {}, ignores: [], roles: {} });
    expect(none.paths).toContain('pipelines/legacy/old.py');
  });

  it('applies no config where the repository has none', async () => {
    removeDir(join(repo, '.github'));
    const { run, options } = await scan(['.']);
    expect(run.stderr).toBe('');
    expect(options?.enabledPriorities).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('takes fail_on as the default of --fail-on; the option wins', async () => {
    writeTree(repo, { '.github/remediation.yml': 'fail_on: warning\n' });
    expect((await scan(['pipelines/ingest.py'])).run.code).toBe(1);
    expect((await scan(['pipelines/ingest.py', '--fail-on', 'failure'])).run.code).toBe(0);
  });

  it('says unknown keys on stderr and goes on', async () => {
    writeTree(repo, { '.github/remediation.yml': 'priorities: [4]\nprioritees: [1]\n' });
    const { run, options } = await scan(['.'], join(repo, 'pipelines'));
    expect(run.stderr).toBe('remediation: warning: ../.github/remediation.yml: unknown key `prioritees` ignored\n');
    expect(options?.enabledPriorities).toEqual([4]);
  });

  it.each([
    [
      'priorities: [4]\nseverity:\n  P401: error\n',
      "remediation: .github/remediation.yml line 3: severity.P401: Invalid enum value. Expected 'failure' | 'warning' | 'notice', received 'error'\n",
    ],
    ['priorities: [9]\n', 'remediation: .github/remediation.yml line 1: priorities.0: Number must be less than or equal to 8\n'],
    [
      'paths:\n  exclude: "tests/**"\nfail_on: never\n',
      'remediation: .github/remediation.yml line 2: paths.exclude: Expected array, received string (and 1 more)\n',
    ],
    ['ignore:\n  - rule: P4\n  path: x\n', 'remediation: .github/remediation.yml line 3: not valid YAML: All mapping items must start at the same column\n'],
  ])('an invalid file fails with exit 2 and one line naming file, line and key: %j', async (text, message) => {
    writeTree(repo, { '.github/remediation.yml': text });
    const { run, options } = await scan(['.']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: message });
    expect(options).toBeUndefined();
  });

  it('a missing --config file is an I/O error; --config and --no-config together a usage error', async () => {
    expect((await scan(['.', '--config', 'nope.yml'])).run).toEqual({ code: 2, stdout: '', stderr: 'remediation: cannot read nope.yml: ENOENT: no such file or directory\n' });
    const both = await scan(['.', '--config', 'other.yml', '--no-config']);
    expect(both.run.code).toBe(2);
    expect(both.run.stderr).toContain('--config and --no-config exclude each other');
  });

  it('configures the real engine: a severity override and an ignore show in the report', async () => {
    const notebook = '# Databricks notebook source\ndf = spark.readStream.format("kafka").option("subscribe", "t").load()\ndf.writeStream.toTable("main.bronze.events")\n';
    writeTree(repo, { 'pipelines/ingest.py': notebook, 'pipelines/dlq/replay.py': notebook, '.github/remediation.yml': 'severity:\n  P401: failure\nignore:\n  - rule: kafka-unbounded\n    path: "pipelines/dlq/**"\n' });
    const run = await runCli(['scan', 'pipelines', '-f', 'json'], repo);
    const kafka = JSON.parse(run.stdout).findings.filter((f: { rule: string }) => f.rule === 'P401');
    expect(kafka.map((f: { path: string; severity: string; suppressed: boolean }) => [f.path, f.severity, f.suppressed])).toEqual([
      ['pipelines/dlq/replay.py', 'failure', true],
      ['pipelines/ingest.py', 'failure', false],
    ]);
    expect(run.code).toBe(1);
  });
});

describe('remediation diff: .github/remediation.yml', () => {
  it('reads the working tree file at the repository top and keeps it out of both sides', async () => {
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    const fake = recordingEngine();
    const run = await runCli(['diff', '--base', 'HEAD'], join(repo, 'pipelines'), { createEngine: async () => fake.engine });
    expect(run.stderr).toBe('');
    const [{ input, options }] = fake.diffs;
    expect(options?.enabledPriorities).toEqual([3, 4]);
    expect(input.base.map((file) => file.path)).toEqual(['.github/workflows/ci.yml', 'other.yml', 'pipelines/ingest.py']);
    expect(input.head.map((file) => file.path)).toEqual(['.github/workflows/ci.yml', 'other.yml', 'pipelines/ingest.py']);
  });
});

describe('parseConfigText', () => {
  it('warns that _extends is not followed, and validates the rest', () => {
    expect(parseConfigText('_extends: org/.github\npriorities: [2]\n', 'x.yml')).toMatchObject({
      config: { priorities: [2] },
      warnings: ['`_extends` is followed by the App only (it reads other repositories); ignored'],
    });
  });

  it('reads an empty file as the defaults', () => {
    expect(parseConfigText('', 'x.yml').config.priorities).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
