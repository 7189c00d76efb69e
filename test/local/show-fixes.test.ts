import { describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from '../../src/local/args.js';
import { renderReport } from '../../src/local/output.js';
import { makeFinding } from '../report/helpers.js';

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
});
