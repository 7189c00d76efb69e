/**
 * Code from a pull request is read, never run. Dynamically: notebooks full of `%pip`,
 * `%sh`, `os.system`, `subprocess`, `exec` and `eval` go through the real engine (a full
 * scan and the pull-request check) while every process-spawning function and `eval` are
 * spied on, and a canary directory must come out untouched with no marker files.
 * Statically: nothing in src/ or checks/ can run code (child_process, vm, eval, the
 * Function constructor, `require` of a computed path), except the CLI's git calls.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../src/engine/engine.js';
import { blobSha, GitHubMock, useGitHubMock } from '../helpers/github-mock.js';
import { ipynb } from '../helpers/ipynb.js';
import { createTestApp, payload, receive } from './support/app.js';
import { mockTarball } from './support/tar.js';
import { stateFromFiles, trackingIssue } from './support/tracking.js';

const spawned = vi.hoisted(() => [] as string[]);

/** Every way node:child_process starts a process, recorded (and then really called, so nothing is hidden). */
async function spiedChildProcess(importOriginal: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const actual = await importOriginal();
  const spied: Record<string, unknown> = { ...actual };
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
    const original = actual[name] as (...args: unknown[]) => unknown;
    spied[name] = (...args: unknown[]) => {
      spawned.push(`${name} ${String(args[0])}`);
      return original(...args);
    };
  }
  return { ...spied, default: spied };
}

vi.mock('node:child_process', spiedChildProcess);
vi.mock('child_process', spiedChildProcess);

useGitHubMock();

const ROOT = new URL('../../', import.meta.url).pathname;
let sandbox: string;
let canary: string;

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'remediation-no-exec-'));
  canary = join(sandbox, 'canary');
  mkdirSync(canary);
  writeFileSync(join(canary, 'keep.txt'), 'still here\n');
});

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

function hostileFiles(): Record<string, string> {
  const marker = (name: string): string => join(sandbox, `ran-${name}`);
  const notebook = [
    '# Databricks notebook source',
    '# MAGIC %pip install evil-package==6.6.6',
    '',
    '# COMMAND ----------',
    '',
    `# MAGIC %sh rm -rf ${canary}`,
    '',
    '# COMMAND ----------',
    '',
    `# MAGIC %sh touch ${marker('sh')}`,
    '',
    '# COMMAND ----------',
    '',
    `import os; os.system("touch ${marker('os-system')}")`,
    `import subprocess; subprocess.run(["touch", "${marker('subprocess')}"])`,
    `exec("open('${marker('exec')}', 'w').write('x')")`,
    `eval("__import__('os').system('touch ${marker('eval')}')")`,
    'events = spark.readStream.format("kafka").option("subscribe", "t").load()',
    'events.groupBy("k").count().writeStream.toTable("main.silver.counts")',
    '',
  ].join('\n');
  const jupyter = ipynb([
    { type: 'code', source: '%pip install evil' },
    { type: 'code', source: `%sh rm -rf ${canary}` },
    { type: 'code', source: `!touch ${marker('bang')}` },
    { type: 'code', source: `import os\nos.system("rm -rf ${canary}")\nexec(compile("print(1)", "x", "exec"))` },
  ]);
  return {
    'notebooks/hostile.py': notebook,
    'notebooks/hostile.ipynb': jupyter,
    'sql/hostile.sql': `-- Databricks notebook source\n-- MAGIC %sh touch ${marker('sql-sh')}\nSELECT 1;\n`,
    'tests/conftest.py': `import os\nos.system("touch ${marker('conftest')}")\n`,
    'setup.py': `import os\nos.system("touch ${marker('setup')}")\n`,
  };
}

function assertNothingRan(): void {
  expect(spawned).toEqual([]);
  expect(readdirSync(sandbox)).toEqual(['canary']);
  expect(readFileSync(join(canary, 'keep.txt'), 'utf8')).toBe('still here\n');
}

describe('code from a pull request is never run', () => {
  it('a full scan of hostile notebooks runs nothing', async () => {
    const evalSpy = vi.spyOn(globalThis, 'eval');
    const engine = await createEngine();
    const files = Object.entries(hostileFiles()).map(([path, content]) => ({ path, content }));
    const result = engine.scan(files);
    // The files were really analysed (findings on the streaming code), yet nothing ran.
    expect(result.findings.some((f) => f.path === 'notebooks/hostile.py')).toBe(true);
    expect(evalSpy).not.toHaveBeenCalled();
    evalSpy.mockRestore();
    assertNothingRan();
  });

  it('the pull-request check of hostile notebooks runs nothing', async () => {
    const PR_HEAD = payload('pull_request.opened').pull_request.head.sha as string;
    const { probot } = await createTestApp(await createEngine());
    const files = hostileFiles();
    const entries = Object.entries(files).map(([filename, content]) => ({ filename, status: 'added', sha: blobSha(filename), patch: `@@ -0,0 +1,${content.split('\n').length} @@\n${content.split('\n').map((l) => `+${l}`).join('\n')}` }));
    const gh = new GitHubMock()
      .installationToken()
      .createCheckRun(7)
      // Priorities without job context: the check needs no tree, only these files.
      .config('priorities: [1, 3, 4, 6, 8]\n')
      .appIdentity()
      .trackingIssues([trackingIssue(5, stateFromFiles([]))])
      .prFiles(2, entries)
      .tree(PR_HEAD, files);
    // More than a few files: the head tree and one tarball.
    mockTarball(gh, PR_HEAD, files);
    gh.updateCheckRun(7);
    await receive(probot, 'pull_request.opened', payload('pull_request.opened'));
    gh.done();
    const [update] = gh.bodies('PATCH', gh.repoPath('/check-runs/7'));
    expect(update.status).toBe('completed');
    expect(update.output.annotations.length).toBeGreaterThan(0);
    assertNothingRan();
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Ways to run code or spawn a process; `redis.eval` (a server-side Lua script) is a method call, not matched. */
const RUNS_CODE: [string, RegExp][] = [
  ['child_process', /['"](?:node:)?child_process['"]/],
  ['vm', /['"](?:node:)?vm['"]/],
  ['eval', /(?<![.\w$])eval\s*\(/],
  ['Function constructor', /(?<![.\w$])(?:new\s+)?Function\s*\(/],
  ['worker eval', /\beval\s*:\s*true/],
  ['require of a module', /(?<![.\w$])require\s*\(/],
  // `@import` in a tree-sitter query string is not a call.
  ['import of a computed path', /(?<![.\w$@])import[ \t]*\(\s*[^'"`\s)]/],
];

describe('the source cannot run code', () => {
  const allowed = new Set(['src/local/git.ts']);
  const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'checks'))].map((path) => relative(ROOT, path));

  it('scans the files it should', () => {
    expect(files).toContain('src/local/git.ts');
    expect(files).toContain('src/github/gather-pr.ts');
    expect(existsSync(join(ROOT, 'checks/index.ts'))).toBe(true);
  });

  it.each(RUNS_CODE)('no %s outside src/local/git.ts', (_name, pattern) => {
    const offenders = files.filter((file) => !allowed.has(file) && pattern.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the git helper runs git only, with an argument list (no shell)', () => {
    const git = readFileSync(join(ROOT, 'src/local/git.ts'), 'utf8');
    expect(git).not.toMatch(/shell\s*:\s*true/);
    expect(git).not.toMatch(/(?<![.\w])(exec|execSync)\s*\(/);
  });
});
