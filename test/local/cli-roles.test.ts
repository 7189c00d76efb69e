import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { git, makeTempDir, removeDir, runCli, writeTree } from './helpers.js';

// RULES.md, "File roles": the role of each file is part of the JSON output, with or without findings.
const PIPELINE = [
  '# Databricks notebook source',
  'df = spark.readStream.format("kafka").option("subscribe", "t").load()',
  'df.writeStream.option("checkpointLocation", "/Volumes/c/s/cp").toTable("c.s.t")',
  '',
].join('\n');
const SETUP = ['# Databricks notebook source', 'spark.sql("CREATE SCHEMA IF NOT EXISTS c.s")', ''].join('\n');
const TOOLING = ['import sys', '', 'def main():', '    sys.exit(0)', ''].join('\n');

let repo: string;

beforeEach(() => {
  repo = makeTempDir('remediation-roles-');
  git(repo, 'init', '-q');
  writeTree(repo, {
    'pipelines/ingest.py': PIPELINE,
    'pipelines/create_schema.py': SETUP,
    '.github/scripts/release.py': TOOLING,
  });
});

afterEach(() => removeDir(repo));

describe('remediation scan: file roles in the reports (real engine)', () => {
  it('lists every analysed file with its role in JSON, in path order, also files without findings', async () => {
    const run = await runCli(['scan', '.', '--format', 'json', '--exit-zero'], repo);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { path: string; role?: string }[]; files: { path: string; role: string }[] };
    expect(report.files).toEqual([
      { path: '.github/scripts/release.py', role: 'tooling' },
      { path: 'pipelines/create_schema.py', role: 'setup' },
      { path: 'pipelines/ingest.py', role: 'pipeline' },
    ]);
    // The tooling and setup files have no finding here (`.` is the repository's no-test-suite): only `files` says how they were judged.
    expect(new Set(report.findings.map((f) => f.path))).toEqual(new Set(['.', 'pipelines/ingest.py']));
    expect(Object.keys(report)).toEqual(['findings', 'summary', 'files']);
  });

  it('follows the roles of .github/remediation.yml', async () => {
    writeTree(repo, { '.github/remediation.yml': 'roles:\n  setup: ["pipelines/ingest.py"]\n' });
    const report = JSON.parse((await runCli(['scan', '.', '--format', 'json', '--exit-zero'], repo)).stdout) as { files: { path: string; role: string }[] };
    expect(report.files.find((f) => f.path === 'pipelines/ingest.py')?.role).toBe('setup');
  });

  it('writes the roles as SARIF artifacts', async () => {
    const run = await runCli(['scan', '.', '--format', 'sarif', '--exit-zero'], repo);
    const sarif = JSON.parse(run.stdout) as { runs: { artifacts: { location: { uri: string }; properties: { role: string } }[] }[] };
    expect(sarif.runs[0].artifacts.map((a) => [a.location.uri, a.properties.role])).toEqual([
      ['.github/scripts/release.py', 'tooling'],
      ['pipelines/create_schema.py', 'setup'],
      ['pipelines/ingest.py', 'pipeline'],
    ]);
  });

  it('writes artifact URIs as it writes result locations (a space escaped)', async () => {
    writeTree(repo, { 'pipelines/my ingest.py': PIPELINE });
    const sarif = JSON.parse((await runCli(['scan', '.', '--format', 'sarif', '--exit-zero'], repo)).stdout) as {
      runs: { artifacts: { location: { uri: string } }[]; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const resultUris = new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    const spaced = sarif.runs[0].artifacts.map((a) => a.location.uri).find((uri) => uri.includes('ingest') && uri.includes('my'));
    expect(spaced).toBeDefined();
    expect(spaced).not.toContain(' ');
    expect(resultUris.has(spaced!)).toBe(true);
  });

  it('gives the head files their roles in a diff', async () => {
    git(repo, 'add', '-A');
    git(repo, '-c', 'user.email=a@b.c', '-c', 'user.name=a', 'commit', '-qm', 'base');
    writeTree(repo, { 'pipelines/extra.py': PIPELINE });
    const run = await runCli(['diff', '--base', 'HEAD', '--format', 'json', '--exit-zero'], repo);
    const report = JSON.parse(run.stdout) as { files: { path: string; role: string }[] };
    expect(report.files.map((f) => f.path)).toContain('pipelines/extra.py');
    expect(report.files.find((f) => f.path === 'pipelines/extra.py')?.role).toBe('pipeline');
  });
});
