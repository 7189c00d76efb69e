import { describe, expect, it } from 'vitest';
import { renderStatisticsJson, renderStatisticsText, ruleStatistics } from '../../src/report/render-statistics.js';
import { makeFinding } from './helpers.js';

const many = (count: number, rule: string, name: string) => Array.from({ length: count }, (_, i) => makeFinding({ rule, name, line: i + 1 }));

describe('--statistics renderers', () => {
  const findings = [
    ...many(2, 'P401', 'kafka-unbounded'),
    ...many(12, 'P601', 'print-logging'),
    ...many(2, 'P101', 'missing-watermark'),
    makeFinding({ rule: 'P802', name: 'path-source' }),
    makeFinding({ rule: 'P805', name: 'user-identity', suppressed: true }),
    makeFinding({ rule: 'P806', name: 'two-level-name', status: 'resolved' }),
  ];

  it('counts open findings per rule, most first, ties by id', () => {
    expect(ruleStatistics(findings)).toEqual([
      { rule: 'P601', name: 'print-logging', count: 12 },
      { rule: 'P101', name: 'missing-watermark', count: 2 },
      { rule: 'P401', name: 'kafka-unbounded', count: 2 },
      { rule: 'P802', name: 'path-source', count: 1 },
    ]);
  });

  it('prints ruff layout: right-aligned count, tab, id, tab, name', () => {
    expect(renderStatisticsText(findings)).toBe('12\tP601\tprint-logging\n 2\tP101\tmissing-watermark\n 2\tP401\tkafka-unbounded\n 1\tP802\tpath-source\n');
    expect(renderStatisticsText([])).toBe('');
  });

  it('gives the same as JSON', () => {
    expect(JSON.parse(renderStatisticsJson(findings))).toEqual(ruleStatistics(findings));
    expect(renderStatisticsJson([])).toBe('[]\n');
  });
});
