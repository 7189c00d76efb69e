import { describe, expect, it } from 'vitest';
import { PRIORITIES, atOrAbove, compareFindings, emptySummary, isOpen, priorityInfo, summarize } from '../../src/report/priorities.js';
import { makeFinding, mixedFindings } from './helpers.js';

describe('priorities', () => {
  it('lists the eight priorities of the report in order, each with a doc URL and a checks folder', () => {
    expect(PRIORITIES.map((info) => info.priority)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(PRIORITIES.map((info) => info.title)).toEqual([
      'Watermarking',
      'transformWithStateInPandas',
      'Dead-letter queue and error handling',
      'Rate limiting',
      'RocksDB state store',
      'Metrics and alerting',
      'Testing',
      'Unity Catalog',
    ]);
    for (const info of PRIORITIES) {
      expect(info.docUrl).toMatch(/^https:\/\/(docs\.databricks\.com|learn\.microsoft\.com)\//);
      expect(info.folder).toMatch(new RegExp(`^p${info.priority}-`));
      expect(info.key).toBe(String(info.priority));
    }
    expect(priorityInfo(4).folder).toBe('p4-rate-limiting');
  });

  it('counts open, suppressed and resolved per priority', () => {
    const findings = [
      ...mixedFindings(),
      makeFinding({ priority: 4, rule: 'P401', fingerprint: 'gone', status: 'resolved' }),
      makeFinding({ priority: 4, rule: 'P401', fingerprint: 'gone-too', status: 'resolved', suppressed: true }),
      makeFinding({ priority: 0, rule: 'P000', fingerprint: 'engine-problem' }),
    ];
    const summary = summarize(findings);
    expect(Object.keys(summary)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(summary['1']).toEqual({ open: 1, suppressed: 1, resolved: 0 });
    expect(summary['4']).toEqual({ open: 1, suppressed: 0, resolved: 2 });
    expect(summary['6']).toEqual({ open: 1, suppressed: 0, resolved: 0 });
    expect(summary['8']).toEqual({ open: 0, suppressed: 0, resolved: 0 });
    expect(summarize([])).toEqual(emptySummary());
  });

  it('treats only unsuppressed, unresolved findings as open', () => {
    expect(isOpen(makeFinding())).toBe(true);
    expect(isOpen(makeFinding({ status: 'existing' }))).toBe(true);
    expect(isOpen(makeFinding({ suppressed: true }))).toBe(false);
    expect(isOpen(makeFinding({ status: 'resolved' }))).toBe(false);
  });

  it('ranks severities for --fail-on', () => {
    expect(atOrAbove('failure', 'warning')).toBe(true);
    expect(atOrAbove('warning', 'warning')).toBe(true);
    expect(atOrAbove('notice', 'warning')).toBe(false);
    expect(atOrAbove('notice', 'notice')).toBe(true);
  });

  it('orders findings by priority, path, line', () => {
    const sorted = [
      makeFinding({ priority: 4, path: 'a.py' }),
      makeFinding({ priority: 1, path: 'b.py', line: 9 }),
      makeFinding({ priority: 1, path: 'b.py', line: 2 }),
    ].sort(compareFindings);
    expect(sorted.map((f) => `${f.priority}:${f.path}:${f.line}`)).toEqual(['1:b.py:2', '1:b.py:9', '4:a.py:12']);
  });
});
