import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../src/local/args.js';
import { renderReport } from '../../src/local/output.js';
import { makeFinding } from '../report/helpers.js';
import { makeTempDir, removeDir, runCli, writeTree } from './helpers.js';

describe('--show-fixes', () => {
  it('is off unless given, for scan and diff', () => {
    expect(parseCliArgs(['scan', '.'])).toMatchObject({ command: 'scan', showFixes: false });
    expect(parseCliArgs(['scan', '--show-fixes', '.'])).toMatchObject({ command: 'scan', showFixes: true });
    expect(parseCliArgs(['diff', '--base', 'main', '--show-fixes'])).toMatchObject({ command: 'diff', showFixes: true });
    expect(USAGE).toContain('--show-fixes');
  });

  it('reaches the text report', async () => {
    const finding = makeFinding({ hint: 'Add a watermark' });
    const context = { mode: 'scan' as const, color: false, files: 1 };
    expect(await renderReport('text', [finding], context)).toContain('    fix: Add a watermark\n');
    expect(await renderReport('text', [finding], { ...context, showFixes: true })).toContain(`    fix: ${finding.fix}\n`);
  });

  it('works end to end: hint and Fixes section by default, the full fix under the finding with the flag', async () => {
    const dir = makeTempDir();
    try {
      writeTree(dir, { 'jobs/write.py': 'spark.read.table("main.raw.events").write.saveAsTable("bronze.events")\n' });
      const hint = 'Name the catalog: `main.bronze.events` or `f"{catalog}.bronze.events"`';
      const fix = 'Name the catalog: `main.bronze.events`, or take it from a job parameter or bundle variable per target: `f"{catalog}.bronze.events"`.';
      const plain = (await runCli(['scan', '--select', 'P806', '.'], dir)).stdout;
      expect(plain).toContain(`    fix: ${hint}\n`);
      expect(plain).toContain(`Fixes\n  P806 two-level-name\n    ${fix}\n`);
      expect(plain.trim().split('\n').at(-1)).toBe('Found 1 finding (1 notice) in 1 file.');
      const full = (await runCli(['scan', '--select', 'P806', '--show-fixes', '.'], dir)).stdout;
      expect(full).toContain(`    fix: ${fix}\n`);
      expect(full).not.toContain('Fixes\n');
    } finally {
      removeDir(dir);
    }
  });
});
