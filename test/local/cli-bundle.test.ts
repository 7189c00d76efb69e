/**
 * The bundled CLI (scripts/bundle-cli.mjs, what bin/remediation.js prefers) behaves as the
 * modules it is made of: same report, same exit status, its files found from where it lives.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

const top = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Three folders below the package root, as dist/bundle/cli/ is.
const parent = join(top, 'dist', `bundle-test-${process.pid}`);
const outdir = join(parent, 'cli');
const fixture = join(top, 'examples/spymaster');

const bundled = (...argv: string[]) => spawnSync(process.execPath, [join(outdir, 'cli.mjs'), ...argv], { cwd: top, encoding: 'utf8' });

describe('bundled CLI', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(top, 'scripts/bundle-cli.mjs'), '--entry', join(top, 'src/local/cli.ts'), '--outdir', outdir]);
  }, 60_000);
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('is one entry file, the scan worker thread, and a chunk per dynamically loaded part', () => {
    const files = readdirSync(outdir);
    expect(files).toContain('cli.mjs');
    expect(files).toContain('scan-worker.mjs');
    expect(files.length).toBeGreaterThan(2);
    expect(files.every((f) => f === 'cli.mjs' || f === 'scan-worker.mjs' || /^chunk-\w+\.mjs$/.test(f))).toBe(true);
  });

  it('scans on worker threads started from the bundle, with the same report', async () => {
    const inProcess = await runCli(['scan', fixture, '-f', 'json', '--concurrency', 'off'], top);
    const run = bundled('scan', fixture, '-f', 'json', '--concurrency', '2');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(inProcess.code);
    expect(run.stdout).toBe(inProcess.stdout);
  }, 60_000);

  it('reports a scan exactly as the modules do, exit status included', async () => {
    const inProcess = await runCli(['scan', fixture, '-f', 'json'], top);
    const run = bundled('scan', fixture, '-f', 'json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(inProcess.code);
    expect(JSON.parse(run.stdout).findings.length).toBeGreaterThan(10);
    expect(run.stdout).toBe(inProcess.stdout);
  }, 60_000);

  it('finds package.json and the rule docs from its own folder', async () => {
    expect(bundled('--version').stdout).toBe((await runCli(['--version'], top)).stdout);
    const explain = bundled('explain', 'P101');
    expect(explain.status).toBe(0);
    expect(explain.stdout).toBe((await runCli(['explain', 'P101'], top)).stdout);
  }, 60_000);
});
