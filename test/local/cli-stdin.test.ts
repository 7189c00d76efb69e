import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, recordingEngine, removeDir, runCli, textOf } from './helpers.js';

let root: string;

beforeAll(() => {
  root = makeTempDir();
});

afterAll(() => removeDir(root));

const NOTEBOOK = '# Databricks notebook source\ndf = spark.readStream.format("kafka").load()\nprint("started")\ndf.writeStream.toTable("main.bronze.events")\n';

async function fromStdin(argv: string[], content: string | Uint8Array) {
  const fake = recordingEngine();
  const run = await runCli(argv, root, { createEngine: async () => fake.engine, readStdin: async () => content });
  return { run, fake };
}

describe('scan - (standard input)', () => {
  it('analyses one file read from stdin, named stdin.py by default, as a part of a repository', async () => {
    const { run, fake } = await fromStdin(['scan', '-'], 'x = 1  # FLAG:warning\n');
    expect(fake.scans).toHaveLength(1);
    const [{ files, options }] = fake.scans;
    expect(files.map((file) => [file.path, textOf(file)])).toEqual([['stdin.py', 'x = 1  # FLAG:warning\n']]);
    // One file is not the repository: no verdict on its test suite.
    expect(options).toMatchObject({ wholeRepository: false, testsKnown: false });
    expect(run.stdout).toContain('stdin.py:1:1  P401 kafka-unbounded  flagged warning');
    expect(run.code).toBe(0);
  });

  it('takes the name from --stdin-filename, with or without -', async () => {
    for (const argv of [['scan', '-', '--stdin-filename', './jobs/ingest.json'], ['scan', '--stdin-filename', 'jobs/ingest.json']]) {
      const { run, fake } = await fromStdin(argv, '{"name": "ingest"}');
      expect(run.stderr).toBe('');
      expect(fake.scans[0].files.map((file) => file.path)).toEqual(['jobs/ingest.json']);
    }
  });

  it.each([
    [['scan', '-', 'a.py'], "'-' (standard input) cannot be scanned with other paths"],
    [['scan', 'a.py', '--stdin-filename', 'x.py'], '--stdin-filename names standard input: give no paths, or -'],
    [['scan', '-', '--stdin-filename', 'notes.txt'], '--stdin-filename notes.txt is not a file the engine reads (notebooks, Python, SQL, job JSON, bundle YAML)'],
    [['scan', '-', '--stdin-filename', ' '], '--stdin-filename needs a file name'],
    [['diff', '--base', 'main', '--stdin-filename', 'x.py'], '--stdin-filename is not an option of diff'],
  ])('%j is a usage error', async (argv, message) => {
    const { run, fake } = await fromStdin(argv, 'x = 1\n');
    expect(run).toEqual({ code: 2, stdout: '', stderr: `remediation: ${message} (see 'remediation --help')\n` });
    expect(fake.scans).toHaveLength(0);
  });

  it('says when stdin cannot be read', async () => {
    const run = await runCli(['scan', '-'], root, { readStdin: async () => Promise.reject(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' })) });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'remediation: cannot read standard input: EIO: i/o error\n' });
  });

  it('gives the file its kind and role from the name (real engine)', async () => {
    const statistics = async (name: string) => (await runCli(['scan', '-', '--stdin-filename', name, '--statistics'], root, { readStdin: async () => NOTEBOOK })).stdout;
    expect(await statistics('pipelines/ingest.py')).toBe('1\tP401\tkafka-unbounded\n1\tP601\tprint-logging\n1\tP602\tno-query-listener\n');
    // Test code: neither rate limits nor logging are asked of it.
    expect(await statistics('tests/test_ingest.py')).toBe('');
  });
});
