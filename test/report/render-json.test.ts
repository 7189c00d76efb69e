import { describe, expect, it } from 'vitest';
import { renderJson, statusCounts, toJsonReport } from '../../src/report/render-json.js';
import { makeFinding, mixedFindings } from './helpers.js';

const FINDING_KEYS = [
  'priority',
  'rule',
  'name',
  'path',
  'line',
  'endLine',
  'column',
  'severity',
  'message',
  'fix',
  'fingerprint',
  'suppressed',
];

describe('renderJson', () => {
  it('writes findings with exactly the contract keys, in order, and no status in scan mode', () => {
    const report = JSON.parse(renderJson([makeFinding({ endColumn: 30, status: 'new' })]));
    expect(Object.keys(report)).toEqual(['findings', 'summary']);
    expect(Object.keys(report.findings[0])).toEqual(FINDING_KEYS);
    expect(report.findings[0]).toEqual({
      priority: 1,
      rule: 'P101',
      name: 'missing-watermark',
      path: 'pipelines/x.py',
      line: 12,
      endLine: 14,
      column: 5,
      severity: 'failure',
      message: 'Stateful `groupBy().agg()` on a stream without a watermark',
      fix: 'Add `.withWatermark("event_time", "10 minutes")` upstream',
      fingerprint: 'fp-101-x',
      suppressed: false,
    });
  });

  it('adds status last in diff mode, defaulting to new', () => {
    const report = toJsonReport([makeFinding({ status: 'resolved' }), makeFinding()], { mode: 'diff' });
    expect(Object.keys(report.findings[0])).toEqual([...FINDING_KEYS, 'status']);
    expect(report.findings.map((f) => f.status)).toEqual(['resolved', 'new']);
  });

  it('writes a summary row per priority, keys 1..8 with open/suppressed/resolved in order', () => {
    const report = JSON.parse(renderJson(mixedFindings()));
    expect(Object.keys(report.summary)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    for (const row of Object.values(report.summary)) expect(Object.keys(row as object)).toEqual(['open', 'suppressed', 'resolved']);
    expect(report.summary['1']).toEqual({ open: 1, suppressed: 1, resolved: 0 });
    expect(report.summary['4']).toEqual({ open: 1, suppressed: 0, resolved: 0 });
  });

  it('serialises the exact shape', () => {
    const text = JSON.stringify(JSON.parse(renderJson([makeFinding({ status: 'new' })], { mode: 'diff' })));
    const zero = '{"open":0,"suppressed":0,"resolved":0}';
    expect(text).toBe(
      '{"findings":[{"priority":1,"rule":"P101","name":"missing-watermark","path":"pipelines/x.py","line":12,"endLine":14,' +
        '"column":5,"severity":"failure","message":"Stateful `groupBy().agg()` on a stream without a watermark",' +
        '"fix":"Add `.withWatermark(\\"event_time\\", \\"10 minutes\\")` upstream","fingerprint":"fp-101-x","suppressed":false,"status":"new"}],' +
        `"summary":{"1":{"open":1,"suppressed":0,"resolved":0},"2":${zero},"3":${zero},"4":${zero},"5":${zero},"6":${zero},"7":${zero},"8":${zero},` +
        '"status":{"new":1,"existing":0,"resolved":0}}}',
    );
  });

  it('ends with a newline and parses when empty', () => {
    const text = renderJson([]);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text).findings).toEqual([]);
  });

  it('counts new, existing and resolved in diff mode (open findings; suppressed ones in neither), and not in scan mode', () => {
    const findings = [
      makeFinding({ status: 'new' }),
      makeFinding({ status: 'new', suppressed: true }),
      makeFinding({ status: 'existing' }),
      makeFinding({ status: 'existing' }),
      makeFinding({ status: 'resolved', suppressed: true }),
      makeFinding({ priority: 0, rule: 'P000', name: 'cannot-analyse' }),
    ];
    const report = toJsonReport(findings, { mode: 'diff' });
    expect(Object.keys(report.summary)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', 'status']);
    expect(report.summary.status).toEqual({ new: 2, existing: 2, resolved: 1 });
    expect(statusCounts([])).toEqual({ new: 0, existing: 0, resolved: 0 });
    expect(toJsonReport(findings).summary).not.toHaveProperty('status');
  });
});
