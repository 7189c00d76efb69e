import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, runCli, writeTree } from './helpers.js';
import { notebook } from '../helpers/engine.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function tree(files: Record<string, string>): string {
  const dir = makeTempDir();
  dirs.push(dir);
  writeTree(dir, files);
  return dir;
}

const stream = notebook('q = (spark.readStream.table("c.s.t")\n    .writeStream.trigger(once=True)\n    .toTable("c.s.u"))', 'print(q.id)');
const fixedStream = notebook('q = (spark.readStream.option("maxBytesPerTrigger", "1g").table("c.s.t")\n    .writeStream.trigger(availableNow=True)\n    .toTable("c.s.u"))', 'print(q.id)');

describe('remediation fix', () => {
  it('applies the safe fixes, says how many and how many remain, and exits 1 while findings remain', async () => {
    const dir = tree({ 'jobs/load.py': stream });
    const run = await runCli(['fix', '--no-config', '--select', 'P404'], dir);
    expect(run).toEqual({ code: 0, stdout: 'Fixed 1 finding (0 remaining).\n', stderr: '' });
    expect(readFileSync(join(dir, 'jobs/load.py'), 'utf8')).toBe(stream.replace('once=True', 'availableNow=True'));
    const rest = await runCli(['fix', 'jobs', '--no-config', '--select', 'P4,P601'], dir);
    expect(rest).toEqual({ code: 1, stdout: 'Fixed 0 findings (2 remaining; 2 more fixable with --unsafe-fixes).\n', stderr: '' });
  });

  it('--unsafe-fixes applies the needs-review fixes too', async () => {
    const dir = tree({ 'jobs/load.py': stream });
    const run = await runCli(['fix', '--no-config', '--select', 'P4', '--unsafe-fixes'], dir);
    expect(run).toEqual({ code: 0, stdout: 'Fixed 2 findings (0 remaining).\n', stderr: '' });
    expect(readFileSync(join(dir, 'jobs/load.py'), 'utf8')).toBe(fixedStream);
  });

  it('--diff prints a unified diff, writes nothing, and exits 1 when a file would change', async () => {
    const dir = tree({ 'jobs/load.py': stream });
    const run = await runCli(['fix', '--no-config', '--select', 'P404', '--diff'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Would fix 1 finding (0 remaining).\n');
    expect(run.stdout).toBe(
      [
        '--- a/jobs/load.py',
        '+++ b/jobs/load.py',
        '@@ -1,6 +1,6 @@',
        ' # Databricks notebook source',
        ' q = (spark.readStream.table("c.s.t")',
        '-    .writeStream.trigger(once=True)',
        '+    .writeStream.trigger(availableNow=True)',
        '     .toTable("c.s.u"))',
        ' ',
        ' # COMMAND ----------',
        '',
      ].join('\n'),
    );
    expect(readFileSync(join(dir, 'jobs/load.py'), 'utf8')).toBe(stream);
  });

  it('keeps a file\'s CRLF newlines and BOM', async () => {
    const dir = tree({ 'jobs/load.py': `\ufeff${stream.split('\n').join('\r\n')}` });
    await runCli(['fix', '--no-config', '--select', 'P404'], dir);
    expect(readFileSync(join(dir, 'jobs/load.py'), 'utf8')).toBe(`\ufeff${stream.replace('once=True', 'availableNow=True').split('\n').join('\r\n')}`);
  });

  it('on a copy of examples/spymaster: fixes the continuous jobs, and what remains is what a scan then finds', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    cpSync(fileURLToPath(new URL('../../examples/spymaster', import.meta.url)), dir, { recursive: true });
    const before = JSON.parse((await runCli(['scan', '--format', 'json', '--no-config'], dir)).stdout) as { findings: { suppressed: boolean }[] };
    const run = await runCli(['fix', '--no-config'], dir);
    const after = JSON.parse((await runCli(['scan', '--format', 'json', '--no-config'], dir)).stdout) as { findings: { suppressed: boolean; autofix?: { safety: string } }[] };
    const open = after.findings.filter((f) => !f.suppressed);
    const hidden = open.filter((f) => f.autofix?.safety === 'needs-review').length;
    expect(run).toEqual({ code: 1, stdout: `Fixed 3 findings (${open.length} remaining; ${hidden} more fixable with --unsafe-fixes).\n`, stderr: '' });
    expect(before.findings.filter((f) => !f.suppressed).length - open.length).toBe(3);
    expect(open.some((f) => f.autofix?.safety === 'safe')).toBe(false);
    expect(readFileSync(join(dir, 'backend/databricks/job_definitions/rt__bronze_to_silver.json'), 'utf8')).toContain('"pause_status": "UNPAUSED",\n      "task_retry_mode": "ON_FAILURE"\n');
  });

  it('refuses standard input and the scan-only options; scan refuses --diff', async () => {
    const dir = tree({});
    expect(await runCli(['fix', '-'], dir)).toEqual({ code: 2, stdout: '', stderr: "remediation: fix writes files: it cannot read standard input (see 'remediation --help')\n" });
    expect((await runCli(['fix', '--format', 'json'], dir)).stderr).toBe("remediation: --format is not an option of fix (see 'remediation --help')\n");
    expect((await runCli(['scan', '--diff'], dir)).stderr).toBe("remediation: --diff is not an option of scan (see 'remediation --help')\n");
    expect((await runCli(['fxi'], dir)).stderr).toBe("remediation: unknown command 'fxi' (did you mean 'fix'?) (see 'remediation --help')\n");
    expect((await runCli(['fix', '--unsafe-fix'], dir)).stderr).toBe("remediation: unknown option '--unsafe-fix' (did you mean '--unsafe-fixes'?) (see 'remediation --help')\n");
    expect((await runCli(['--help'], dir)).stdout).toContain('remediation fix [PATH...]');
  });
});
