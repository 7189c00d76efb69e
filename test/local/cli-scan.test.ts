import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeTempDir, recordingEngine, removeDir, runCli, writeTree } from './helpers.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

let root: string;

beforeAll(() => {
  root = makeTempDir();
  // A repository: .gitignore files from its top down apply to any folder scanned inside it.
  git(root, 'init', '-q');
  writeTree(root, {
    'pipelines/ingest.py': '# Databricks notebook source\n# FLAG:warning\n',
    'pipelines/silver.py': '# Databricks notebook source\n',
    'pipelines/legacy/old.py': '# FLAG:failure\n',
    'notebooks/explore.ipynb': '{"cells": []}\n',
    'jobs/ingest.json': '{"name": "ingest", "tasks": []}\n',
    'README.md': '# not a candidate\n',
    'node_modules/pkg/index.py': 'skipped folder\n',
    '.gitignore': 'build/\n*.tmp.py\n',
    'build/generated.py': '# FLAG:failure\n',
    'pipelines/scratch.tmp.py': '# FLAG:failure\n',
    'lib/.gitignore': 'private_*.py\n!private_keep.py\n',
    'lib/private_secret.py': '# FLAG:failure\n',
    'lib/private_keep.py': '# kept by the negation\n',
    'lib/util.py': 'x = 1\n',
  });
});

afterAll(() => removeDir(root));

async function scannedPaths(args: string[], cwd = root): Promise<string[]> {
  const fake = recordingEngine();
  const run = await runCli(['scan', ...args], cwd, { createEngine: async () => fake.engine });
  expect(run.stderr).toBe('');
  return fake.scans[0].files.map((file) => file.path);
}

describe('remediation scan: arguments', () => {
  it.each([
    [[], 'missing command'],
    [['lint'], "unknown command 'lint'"],
    [['scan', '--bogus'], "unknown option '--bogus'"],
    [['scan', '--format', 'xml'], "invalid --format 'xml' (expected text, json, sarif, markdown, github)"],
    [['scan', '--fail-on', 'error'], "invalid --fail-on 'error' (expected problem, failure, warning, notice)"],
    [['scan', '--base', 'main'], '--base is not an option of scan'],
    [['diff'], 'diff needs --base REV'],
    [['diff', '--base', 'main', 'somewhere'], 'diff takes no paths'],
    [['diff', '--base=--upload-pack=x'], "invalid --base revision '--upload-pack=x'"],
    [['diff', '--base', '--upload-pack=x'], "option '--base' argument is ambiguous"],
  ])('%j is a usage error: exit 2, one line on stderr', async (argv, message) => {
    const run = await runCli(argv, root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^remediation: /);
  });

  it('prints help and version', async () => {
    const help = await runCli(['--help'], root);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('remediation scan [PATH...]');
    expect(help.stdout).toContain('--fail-on');
    const version = await runCli(['--version'], root);
    expect(version).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('remediation scan: files', () => {
  it('names a missing path and the cause, exit 2, no stack trace', async () => {
    const run = await runCli(['scan', 'nope/'], root);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'remediation: cannot read nope/: ENOENT: no such file or directory\n' });
  });

  it('keeps candidate files, skips tool folders, honours root and nested .gitignore files', async () => {
    expect(await scannedPaths([])).toEqual([
      'jobs/ingest.json',
      'lib/private_keep.py',
      'lib/util.py',
      'notebooks/explore.ipynb',
      'pipelines/ingest.py',
      'pipelines/legacy/old.py',
      'pipelines/silver.py',
    ]);
  });

  it('applies the .gitignore files above a subfolder up to the repository top, and not beyond it', async () => {
    writeTree(root, { 'sub/a.py': 'x\n', 'sub/b.tmp.py': 'x\n' });
    try {
      expect(await scannedPaths(['sub'])).toEqual(['sub/a.py']);
      // outside a repository a parent folder's .gitignore is nobody's: only the scanned folder's own counts
      const loose = makeTempDir();
      writeTree(loose, { '.gitignore': '*.py\n', 'inner/a.py': 'x\n', 'inner/.gitignore': 'b.py\n', 'inner/b.py': 'x\n' });
      expect(await scannedPaths(['inner'], loose)).toEqual(['a.py']);
      removeDir(loose);
    } finally {
      removeDir(join(root, 'sub'));
    }
  });

  it('drops paths matching repeated --exclude globs', async () => {
    expect(await scannedPaths(['--exclude', 'pipelines/legacy/**', '--exclude', '*.ipynb', '--exclude', 'jobs'])).toEqual([
      'lib/private_keep.py',
      'lib/util.py',
      'pipelines/ingest.py',
      'pipelines/silver.py',
    ]);
  });

  it('reports paths relative to the repository top, whatever folder is named or the working directory is', async () => {
    expect(await scannedPaths(['pipelines'])).toEqual(['pipelines/ingest.py', 'pipelines/legacy/old.py', 'pipelines/silver.py']);
    expect(await scannedPaths(['lib', 'pipelines/ingest.py'])).toEqual(['lib/private_keep.py', 'lib/util.py', 'pipelines/ingest.py']);
    expect(await scannedPaths(['.'], join(root, 'lib'))).toEqual(['lib/private_keep.py', 'lib/util.py']);
    expect(await scannedPaths(['util.py'], join(root, 'lib'))).toEqual(['lib/util.py']);
  });

  it('outside a repository: relative to the one folder named, else the working directory', async () => {
    const loose = makeTempDir();
    writeTree(loose, { 'jobs/a.py': 'x\n', 'b.py': 'x\n' });
    try {
      expect(await scannedPaths(['jobs'], loose)).toEqual(['a.py']);
      expect(await scannedPaths(['jobs', 'b.py'], loose)).toEqual(['b.py', 'jobs/a.py']);
    } finally {
      removeDir(loose);
    }
  });

  it('gives the same paths and fingerprints for a folder as for the whole repository (real engine)', async () => {
    const repo = makeTempDir();
    git(repo, 'init', '-q');
    writeTree(repo, {
      'README.md': '# not a candidate\n',
      'notebooks/ingest.py': '# Databricks notebook source\ndf = spark.readStream.format("kafka").option("subscribe", "t").load()\nprint(df)\ndf.writeStream.toTable("main.bronze.events")\n',
    });
    try {
      const folder = JSON.parse((await runCli(['scan', 'notebooks', '-f', 'json'], repo)).stdout);
      const whole = JSON.parse((await runCli(['scan', '.', '-f', 'json'], repo)).stdout);
      const fromInside = JSON.parse((await runCli(['scan', '.', '-f', 'json'], join(repo, 'notebooks'))).stdout);
      const identities = (report: { findings: { path: string; fingerprint: string }[] }) => report.findings.map((f) => `${f.path} ${f.fingerprint}`);
      expect(identities(folder)).toContain(`notebooks/ingest.py ${folder.findings.find((f: { rule: string }) => f.rule === 'P401').fingerprint}`);
      expect(identities(whole)).toEqual(identities(folder));
      expect(identities(fromInside)).toEqual(identities(folder));
    } finally {
      removeDir(repo);
    }
  });

  it('--exclude matches repository-relative paths; the text shows paths from the working directory', async () => {
    expect(await scannedPaths(['pipelines', '--exclude', 'pipelines/legacy/**'])).toEqual(['pipelines/ingest.py', 'pipelines/silver.py']);
    const fake = () => ({ createEngine: async () => recordingEngine().engine });
    const run = await runCli(['scan', '.'], join(root, 'pipelines'), fake());
    expect(run.stdout).toContain('\ningest.py:1:1  P401 kafka-unbounded');
    expect(run.stdout).toContain('\nlegacy/old.py:1:1  P401 kafka-unbounded');
    const json = JSON.parse((await runCli(['scan', '.', '-f', 'json'], join(root, 'pipelines'), fake())).stdout);
    expect(json.findings.map((f: { path: string }) => f.path)).toEqual(['pipelines/ingest.py', 'pipelines/legacy/old.py']);
  });

  it('says so on stderr when a named file is not read or nothing is analysed', async () => {
    writeTree(root, { 'notes.txt': 'hello\n', 'empty/.keep': '' });
    try {
      const fake = () => ({ createEngine: async () => recordingEngine().engine });
      const named = await runCli(['scan', 'notes.txt', 'pipelines/silver.py'], root, fake());
      expect(named.stderr).toContain('remediation: warning: notes.txt is not a file the engine reads');
      const empty = await runCli(['scan', 'empty'], root, fake());
      expect(empty.stderr).toContain('remediation: warning: no files to analyse in empty');
      expect(empty.code).toBe(0);
    } finally {
      removeDir(join(root, 'notes.txt'));
      removeDir(join(root, 'empty'));
    }
  });

  it('reads files as bytes', async () => {
    const fake = recordingEngine();
    await runCli(['scan', 'pipelines/silver.py'], root, { createEngine: async () => fake.engine });
    const [file] = fake.scans[0].files;
    expect(file.content).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(file.content as Uint8Array).toString('utf8')).toBe('# Databricks notebook source\n');
  });
});

describe('remediation scan: exit codes and output', () => {
  const engine = () => {
    const fake = recordingEngine();
    return { createEngine: async () => fake.engine };
  };

  it('fails only on open findings at or above --fail-on', async () => {
    expect((await runCli(['scan', 'pipelines/ingest.py'], root, engine())).code).toBe(0);
    expect((await runCli(['scan', 'pipelines/ingest.py', '--fail-on', 'warning'], root, engine())).code).toBe(1);
    expect((await runCli(['scan', 'pipelines/legacy'], root, engine())).code).toBe(1);
    writeTree(root, { 'quiet/s.py': '# FLAG:failure:suppressed\n' });
    expect((await runCli(['scan', 'quiet', '--fail-on', 'notice'], root, engine())).code).toBe(0);
    removeDir(join(root, 'quiet'));
  });

  it('fails on a file that cannot be analysed (P000) at every --fail-on level; --fail-on problem fails on nothing else', async () => {
    const dir = makeTempDir();
    writeTree(dir, { 'broken.ipynb': '{"cells": [', 'fine.py': '# FLAG:failure\n' });
    try {
      // The rest of the report is below failure (no-test-suite is a warning): P000 alone decides.
      for (const level of ['failure', 'problem']) {
        const run = await runCli(['scan', 'broken.ipynb', '--fail-on', level, '-f', 'json'], dir);
        const findings: { rule: string; severity: string }[] = JSON.parse(run.stdout).findings;
        expect(findings.filter((f) => f.rule === 'P000').map((f) => f.severity)).toEqual(['notice']);
        expect(findings.filter((f) => f.severity === 'failure')).toEqual([]);
        expect(run.code).toBe(1);
      }
      expect((await runCli(['scan', 'broken.ipynb'], dir)).code).toBe(1);
      expect((await runCli(['scan', 'fine.py', '--fail-on', 'problem'], dir, engine())).code).toBe(0);
      // An ignore in the config accepts it, as any other finding.
      writeTree(dir, { '.github/remediation.yml': 'ignore:\n  - rule: P000\n    path: broken.ipynb\n' });
      expect((await runCli(['scan', 'broken.ipynb'], dir)).code).toBe(0);
    } finally {
      removeDir(dir);
    }
  });

  it('prints text with totals, colour only for a terminal without NO_COLOR', async () => {
    const plain = await runCli(['scan', 'pipelines'], root, engine());
    expect(plain.stdout).toContain('ingest.py:1:1  P401 kafka-unbounded  flagged warning');
    expect(plain.stdout).toContain('Found 2 findings (1 failure, 1 warning) in 3 files.\n');
    expect(plain.stdout).not.toContain('\u001b[');
    const tty = await runCli(['scan', 'pipelines'], root, { ...engine(), stdoutIsTTY: true });
    expect(tty.stdout).toContain('\u001b[');
    const noColor = await runCli(['scan', 'pipelines'], root, { ...engine(), stdoutIsTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  it('writes json, sarif and markdown', async () => {
    const json = JSON.parse((await runCli(['scan', 'pipelines', '--format', 'json'], root, engine())).stdout);
    expect(json.findings.map((f: { path: string }) => f.path)).toEqual(['pipelines/ingest.py', 'pipelines/legacy/old.py']);
    expect(json.summary['4']).toEqual({ open: 2, suppressed: 0, resolved: 0 });
    const sarif = JSON.parse((await runCli(['scan', 'pipelines', '-f', 'sarif'], root, engine())).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.version).toBe(pkg.version);
    expect(sarif.runs[0].results).toHaveLength(2);
    const markdown = (await runCli(['scan', 'pipelines', '--format', 'markdown'], root, engine())).stdout;
    expect(markdown).toContain('| [4. Rate limiting]');
    expect(markdown).toContain('- [ ] `pipelines/ingest.py:1` P401 kafka-unbounded — flagged warning');
  });

  it('writes the report to --output instead of stdout', async () => {
    const run = await runCli(['scan', 'pipelines', '--format', 'json', '--output', 'out/report.json'], root, engine());
    // the folder does not exist: an I/O error, exit 2
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^remediation: cannot write out\/report\.json: ENOENT/);
    const ok = await runCli(['scan', 'pipelines', '--format', 'json', '-o', 'report.json'], root, engine());
    expect(ok.stdout).toBe('');
    expect(ok.code).toBe(1);
    expect(existsSync(join(root, 'report.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')).findings).toHaveLength(2);
    removeDir(join(root, 'report.json'));
  });

  it('draws a progress line on a terminal once the scan has run over a second, and clears it', async () => {
    let clock = 0;
    const now = () => (clock += 600);
    const tty = await runCli(['scan', 'pipelines'], root, { ...engine(), stderrIsTTY: true, now });
    expect(tty.stderr).toContain('scanning 2/3 files  pipelines/legacy/old.py');
    expect(tty.stderr).not.toContain('scanning 1/3');
    expect(tty.stderr.endsWith('\r\u001b[K')).toBe(true);
    const piped = await runCli(['scan', 'pipelines'], root, { ...engine(), stderrIsTTY: false, now });
    expect(piped.stderr).toBe('');
  });

  it('runs the real engine end to end', async () => {
    const run = await runCli(['scan', 'pipelines', '--format', 'json'], root);
    expect(run.stderr).toBe('');
    expect(Object.keys(JSON.parse(run.stdout).summary)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });
});
