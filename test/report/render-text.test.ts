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
    expect(lines.filter(Boolean).at(-1)).toBe('3 open (1 failure, 1 warning, 1 notice), 1 suppressed, 7 files scanned');
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
    expect(diff.trim().split('\n').at(-1)).toBe('1 open (1 failure), 0 suppressed, 1 resolved');
  });

  it('says so when nothing is open', () => {
    expect(renderText([])).toBe('No open findings.\n\n0 open, 0 suppressed\n');
  });

  it('gives the status counts in the totals line and, with only new, lists new findings alone', () => {
    const findings = [
      makeFinding({ status: 'new' }),
      makeFinding({ path: 'kept.py', status: 'existing' }),
      makeFinding({ path: 'old.py', status: 'resolved' }),
    ];
    const statusCounts = { new: 1, existing: 1, resolved: 1 };
    const all = renderText(findings, { mode: 'diff', statusCounts, files: 3 });
    expect(all.trim().split('\n').at(-1)).toBe('2 open (2 failures), 0 suppressed, 1 new, 1 existing, 1 resolved, 3 files scanned');
    expect(all).toContain('kept.py:12:5');
    const onlyNew = renderText(findings, { mode: 'diff', statusCounts, files: 3, only: 'new' });
    expect(onlyNew).toContain('pipelines/x.py:12:5');
    expect(onlyNew).not.toContain('kept.py');
    expect(onlyNew).not.toContain('old.py');
    expect(onlyNew.trim().split('\n').at(-1)).toBe('2 open (2 failures), 0 suppressed, 1 new, 1 existing, 1 resolved, 3 files scanned');
    expect(renderText([findings[1]], { mode: 'diff', only: 'new' })).toContain('No new findings.');
  });
});
