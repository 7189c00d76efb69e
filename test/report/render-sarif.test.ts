import { describe, expect, it } from 'vitest';
import { allRules } from '../../checks/index.js';
import { FINGERPRINT_KEY, SARIF_SCHEMA, docSummary, toSarif } from '../../src/report/render-sarif.js';
import { makeFinding, mixedFindings, sampleRules } from './helpers.js';

const DOC = `# missing-watermark

## What it does
Flags stateful operations on a stream
with no watermark upstream.

## Why it matters
State grows without bound.
`;

describe('toSarif', () => {
  const log = toSarif(mixedFindings(), { rules: sampleRules, docs: new Map([['P101', DOC]]), toolVersion: '1.2.3' });
  const run = log.runs[0];
  const rules = run.tool.driver.rules;

  it('has the SARIF 2.1.0 envelope with one run', () => {
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBeTruthy();
    expect(run.tool.driver.version).toBe('1.2.3');
  });

  it('describes every rule given, with help from its doc and fix', () => {
    expect(rules.map((rule) => rule.id)).toEqual(['P101', 'P401', 'P602']);
    const [watermark, kafka, listener] = rules;
    expect(watermark.name).toBe('missing-watermark');
    expect(watermark.shortDescription.text).toBe('Stateful streaming operation without a watermark');
    expect(watermark.fullDescription.text).toBe('Flags stateful operations on a stream with no watermark upstream.');
    expect(watermark.help.markdown).toContain('## Why it matters');
    expect(watermark.help.markdown).toContain('**Fix:** Add withWatermark upstream');
    expect(watermark.help.text).toContain('Fix: Add withWatermark upstream');
    expect(watermark.helpUri).toBe('https://docs.databricks.com/aws/en/structured-streaming/watermarks');
    // No doc: title and fix still make a usable help text.
    expect(kafka.fullDescription.text).toBe('Kafka source without maxOffsetsPerTrigger');
    expect(kafka.help.markdown).toContain('Set maxOffsetsPerTrigger');
    expect(watermark.properties.tags).toContain('priority-1');
    expect(kafka.properties.tags).toContain('priority-4');
    expect(rules.map((rule) => rule.defaultConfiguration.level)).toEqual(['error', 'warning', 'note']);
    expect(listener.properties.tags).toContain('priority-6');
  });

  it('points every result at its rule by id and index, with level, location and fingerprint', () => {
    expect(run.results).toHaveLength(4);
    for (const result of run.results) {
      expect(rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      expect(artifactLocation.uri).not.toMatch(/^\//);
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.startColumn).toBeGreaterThanOrEqual(1);
      expect(region.endLine).toBeGreaterThanOrEqual(region.startLine);
      expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^fp-/);
    }
    const [first, kafka, notice] = run.results;
    expect(first).toMatchObject({ ruleId: 'P101', ruleIndex: 0, level: 'error' });
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'pipelines/x.py' },
      region: { startLine: 12, startColumn: 5, endLine: 14 },
    });
    expect(first.message.text).toContain('without a watermark');
    expect(first.message.text).toContain('withWatermark("event_time"');
    expect(kafka).toMatchObject({ ruleId: 'P401', ruleIndex: 1, level: 'warning' });
    expect(notice).toMatchObject({ ruleId: 'P602', ruleIndex: 2, level: 'note' });
  });

  it('marks suppressed findings in source and leaves others unmarked', () => {
    expect(run.results.filter((result) => result.suppressions)).toEqual([
      expect.objectContaining({ ruleId: 'P101', suppressions: [{ kind: 'inSource' }] }),
    ]);
  });

  it('leaves resolved findings out and adds descriptors for unregistered rules', () => {
    const other = toSarif(
      [
        makeFinding({ status: 'resolved' }),
        makeFinding({ priority: 0, rule: 'P000', name: 'cannot-analyse', line: 0, endLine: 0, column: 0, severity: 'notice', path: 'a b#c.py' }),
      ],
      { rules: sampleRules },
    ).runs[0];
    expect(other.results).toHaveLength(1);
    const [result] = other.results;
    expect(other.tool.driver.rules[result.ruleIndex].id).toBe('P000');
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1 });
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('a%20b%23c.py');
  });

  it('describes the whole registry by default', () => {
    expect(toSarif([]).runs[0].tool.driver.rules.map((rule) => rule.id)).toEqual(allRules.map((rule) => rule.meta.id));
  });

  it('is valid JSON with only defined values', () => {
    const text = JSON.stringify(log);
    expect(text).not.toContain('null');
    expect(JSON.parse(text)).toEqual(log);
  });
});

describe('docSummary', () => {
  it('takes the paragraph under "What it does", else the first prose paragraph', () => {
    expect(docSummary(DOC)).toBe('Flags stateful operations on a stream with no watermark upstream.');
    expect(docSummary('# title\n\nFirst words.\n\nSecond.')).toBe('First words.');
    expect(docSummary('# only a title')).toBeUndefined();
  });

  it('in diff mode marks each result new, unchanged or absent (resolved) and counts them in the run properties', () => {
    const findings = [
      makeFinding({ status: 'new', fingerprint: 'n' }),
      makeFinding({ status: 'existing', fingerprint: 'e' }),
      makeFinding({ status: 'resolved', fingerprint: 'r' }),
    ];
    const [run] = toSarif(findings, { rules: sampleRules, mode: 'diff' }).runs;
    expect(run.results.map((r) => [r.partialFingerprints[FINGERPRINT_KEY], r.baselineState])).toEqual([
      ['n', 'new'],
      ['e', 'unchanged'],
      ['r', 'absent'],
    ]);
    expect(run.properties).toEqual({ status: { new: 1, existing: 1, resolved: 1 } });
    const [scanRun] = toSarif(findings, { rules: sampleRules }).runs;
    expect(scanRun.results.map((r) => r.baselineState)).toEqual([undefined, undefined]);
    expect(scanRun).not.toHaveProperty('properties');
  });
});
