import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/render-text.js';
import { makeFinding, mixedFindings } from './helpers.js';

const ANSI = /\u001b\[/;

describe('renderText', () => {
  const text = renderText(mixedFindings(), { files: 7 });
  const lines = text.split('\n');

  it('groups open findings by priority with path:line:col lines and an indented fix', () => {
    const heading = lines.indexOf('Priority 1: Watermarking');
    expect(heading).toBeGreaterThanOrEqual(0);
    expect(lines[heading + 1]).toBe('pipelines/x.py:12:5  P101 missing-watermark  Stateful `groupBy().agg()` on a stream without a watermark');
    expect(lines[heading + 2]).toBe('    fix: Add `.withWatermark("event_time", "10 minutes")` upstream');
    expect(lines.indexOf('Priority 4: Rate limiting')).toBeGreaterThan(heading);
    expect(lines.indexOf('Priority 6: Metrics and alerting')).toBeGreaterThan(lines.indexOf('Priority 4: Rate limiting'));
    expect(text).toContain('pipelines/ingest.py:8:5  P401 kafka-unbounded  Kafka source without maxOffsetsPerTrigger');
  });

  it('leaves suppressed findings out of the list but counts them', () => {
    expect(text).not.toContain('pipelines/y.py');
    expect(lines.filter(Boolean).at(-1)).toBe('Found 3 findings (1 failure, 1 warning, 1 notice) in 7 files; 1 suppressed.');
  });

  it('marks fixable findings as ruff does and says how many `remediation fix` can fix', () => {
    const edit = { path: 'pipelines/x.py', start: 0, end: 1, text: 'x' };
    const out = renderText([
      makeFinding({ autofix: { safety: 'safe', description: 'Use availableNow', edits: [edit] } }),
      makeFinding({ line: 20, autofix: { safety: 'needs-review', description: 'Add a cap', edits: [edit] } }),
      makeFinding({ line: 30 }),
    ]);
    expect(out).toContain('pipelines/x.py:12:5  P101 missing-watermark [*]  Stateful');
    expect(out).toContain('pipelines/x.py:20:5  P101 missing-watermark [-]  Stateful');
    expect(out).toContain('pipelines/x.py:30:5  P101 missing-watermark  Stateful');
    expect(out.trim().split('\n').at(-1)).toBe('[*] 1 fixable with `remediation fix` (1 more with `remediation fix --unsafe-fixes`: values to review).');
    expect(text).not.toContain('fixable');
  });

  it('has no colour unless asked', () => {
    expect(text).not.toMatch(ANSI);
    const colored = renderText(mixedFindings(), { color: true });
    expect(colored).toMatch(ANSI);
    // colour wraps, never changes, the words
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(renderText(mixedFindings()));
  });

  it('shows statuses and resolved findings in diff mode', () => {
    const diff = renderText(
      [makeFinding({ status: 'new' }), makeFinding({ path: 'old.py', line: 2, column: 1, status: 'resolved' })],
      { mode: 'diff' },
    );
    expect(diff).toContain('pipelines/x.py:12:5  P101 missing-watermark  Stateful `groupBy().agg()` on a stream without a watermark  [new]');
    expect(diff).toContain('old.py:2:1  P101 missing-watermark  Stateful `groupBy().agg()` on a stream without a watermark  [resolved]');
    expect(diff.trim().split('\n').at(-1)).toBe('Found 1 finding (1 failure); 1 resolved.');
  });

  it('says so when nothing is open, keeping the counts', () => {
    expect(renderText([])).toBe('All checks passed!\n');
    const suppressed = makeFinding({ suppressed: true });
    expect(renderText([suppressed], { files: 7 })).toBe('All checks passed! (7 files; 1 suppressed)\n');
    expect(renderText([makeFinding({ status: 'resolved' })], { mode: 'diff', statusCounts: { new: 0, existing: 0, resolved: 1 }, files: 1 }).trim().split('\n').at(-1)).toBe(
      'All checks passed! (1 file; 0 new, 0 existing, 1 resolved)',
    );
  });

  it('gives the status counts in the totals line and, with only new, lists new findings alone', () => {
    const findings = [
      makeFinding({ status: 'new' }),
      makeFinding({ path: 'kept.py', status: 'existing' }),
      makeFinding({ path: 'old.py', status: 'resolved' }),
    ];
    const statusCounts = { new: 1, existing: 1, resolved: 1 };
    const all = renderText(findings, { mode: 'diff', statusCounts, files: 3 });
    expect(all.trim().split('\n').at(-1)).toBe('Found 2 findings (2 failures) in 3 files; 1 new, 1 existing, 1 resolved.');
    expect(all).toContain('kept.py:12:5');
    const onlyNew = renderText(findings, { mode: 'diff', statusCounts, files: 3, only: 'new' });
    expect(onlyNew).toContain('pipelines/x.py:12:5');
    expect(onlyNew).not.toContain('kept.py');
    expect(onlyNew).not.toContain('old.py');
    expect(onlyNew.trim().split('\n').at(-1)).toBe('Found 2 findings (2 failures) in 3 files; 1 new, 1 existing, 1 resolved.');
    expect(renderText([findings[1]], { mode: 'diff', only: 'new' })).toContain('No new findings.');
  });

  describe('fixes', () => {
    const hinted = [
      makeFinding({ hint: 'Add `.withWatermark(...)`', fix: 'Add `.withWatermark("event_time", "10 minutes")` before the stateful operation.' }),
      makeFinding({ path: 'pipelines/z.py', line: 3, hint: 'Add `.withWatermark(...)`', fix: 'Add `.withWatermark("event_time", "10 minutes")` before the stateful operation.' }),
      makeFinding({ path: 'old.py', status: 'resolved', rule: 'P401', name: 'kafka-unbounded', priority: 4, fix: 'Cap it.' }),
    ];

    it('puts the short hint under each finding and each rule\'s full fix once at the end', () => {
      const text = renderText(hinted, { files: 2 });
      expect(text).toBe(
        [
          'Priority 1: Watermarking',
          'pipelines/x.py:12:5  P101 missing-watermark  Stateful `groupBy().agg()` on a stream without a watermark',
          '    fix: Add `.withWatermark(...)`',
          'pipelines/z.py:3:5  P101 missing-watermark  Stateful `groupBy().agg()` on a stream without a watermark',
          '    fix: Add `.withWatermark(...)`',
          '',
          'Fixes',
          '  P101 missing-watermark',
          '    Add `.withWatermark("event_time", "10 minutes")` before the stateful operation.',
          '',
          'Found 2 findings (2 failures) in 2 files.',
          '',
        ].join('\n'),
      );
    });

    it('lists no fix for resolved findings', () => {
      const text = renderText(hinted, { mode: 'diff' });
      expect(text).toContain('old.py:12:5  P401 kafka-unbounded');
      expect(text).not.toContain('Cap it.');
    });

    it('shows the rule\'s own fix when its findings filled in different names', () => {
      const named = (table: string) =>
        makeFinding({ rule: 'P806', name: 'two-level-name', priority: 8, severity: 'notice', path: `${table}.py`, hint: `Name the catalog: \`main.${table}\``, fix: `Name the catalog: \`main.${table}\`.` });
      const text = renderText([named('a.b'), named('c.d')]);
      const fixes = text.split('\n');
      const at = fixes.indexOf('  P806 two-level-name');
      expect(fixes[at + 1]).toMatch(/^    Name the catalog: `\.toTable\("main\.bronze\.events"\)`/);
      expect(text).toContain('    fix: Name the catalog: `main.a.b`');
    });

    it('shows the full fix under every finding with showFixes, and no Fixes section', () => {
      const text = renderText(hinted, { showFixes: true });
      expect(text.split('\n').filter((line) => line === '    fix: Add `.withWatermark("event_time", "10 minutes")` before the stateful operation.')).toHaveLength(2);
      expect(text).not.toContain('Fixes');
      expect(text).not.toContain('.withWatermark(...)');
    });

    it('falls back to the full fix where a finding has no hint', () => {
      expect(renderText([makeFinding()])).toContain('    fix: Add `.withWatermark("event_time", "10 minutes")` upstream');
    });
  });
});
