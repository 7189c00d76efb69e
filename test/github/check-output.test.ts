import { describe, expect, it } from 'vitest';
import { toAnnotation } from '../../src/github/check-run.js';
import { fitAnnotation, INITIAL_FIT } from '../../src/github/check-fit.js';
import { analysePullRequest } from '../../src/github/pr-analysis.js';
import { BLOCKING_LISTED, renderCheckOutput } from '../../src/github/render/check-summary.js';
import { defaultConfig } from '../../src/config.js';
import type { Finding } from '../../src/model/types.js';

function finding(i: number, extra: Partial<Finding> = {}): Finding {
  return {
    priority: 1,
    rule: 'P101',
    name: 'missing-watermark',
    path: `notebooks/${'nested/'.repeat(5)}bronze_${i}.py`,
    line: i + 1,
    endLine: i + 1,
    column: 3,
    endColumn: 9,
    severity: 'failure',
    message: `groupBy on a streaming DataFrame without withWatermark (${'detail '.repeat(20)})`,
    fix: 'Add withWatermark upstream.',
    fingerprint: `fp${i}`,
    identity: `fp${i}`,
    suppressed: false,
    status: 'new',
    ...extra,
  };
}

describe('check run output', () => {
  it('stays within 65535 bytes and says what was cut', () => {
    const findings = Array.from({ length: 3000 }, (_, i) => finding(i, { message: `ünïcödé ${'x'.repeat(40)} ${i}` }));
    const path = findings[0].path;
    const analysis = analysePullRequest({
      result: { findings, summary: {} as never, filesAnalysed: 1, bytesAnalysed: 0, hunks: [] },
      touched: new Set(findings.map((f) => f.path)),
      changedLines: new Map([[path, new Set([1])]]),
      config: defaultConfig(),
      muted: [],
    });
    const output = renderCheckOutput({ analysis, config: defaultConfig(), repoUrl: 'https://github.com/o/r', headSha: 'h', baseSha: 'b', notes: [], annotationsSent: 1 });
    expect(Buffer.byteLength(output.summary)).toBeLessThanOrEqual(65535);
    expect(Buffer.byteLength(output.text ?? '')).toBeLessThanOrEqual(65535);
    expect(output.text).toMatch(/_… and \d+ more not shown \(GitHub's 65535-byte limit\)\._/);
    expect(output.summary).toContain('2999 added findings are on lines this PR did not change');
    expect(analysis.conclusion).toBe('failure');
  });

  it('says which touched files the rules treated as other than pipeline code, and nothing when all are pipeline', () => {
    const roles = new Map<string, 'pipeline' | 'setup' | 'tooling'>([
      ['_resources/00-setup.py', 'setup'],
      ['_resources/01-load.py', 'setup'],
      ['.github/scripts/export.py', 'tooling'],
      ['jobs/ingest.py', 'pipeline'],
      ['jobs/untouched.py', 'setup'],
    ]);
    const render = (touched: string[]): string => {
      const analysis = analysePullRequest({
        result: { findings: [], summary: {} as never, filesAnalysed: 4, bytesAnalysed: 0, hunks: [], roles },
        touched: new Set(touched),
        changedLines: new Map(),
        config: defaultConfig(),
        muted: [],
      });
      return renderCheckOutput({ analysis, config: defaultConfig(), repoUrl: 'https://github.com/o/r', headSha: 'h', baseSha: 'b', notes: [], annotationsSent: 0 }).summary;
    };
    expect(render(['_resources/00-setup.py', '_resources/01-load.py', '.github/scripts/export.py', 'jobs/ingest.py'])).toContain(
      'Of the files this pull request touches, the rules treated 2 as setup code and 1 as tooling: code-hygiene rules judge pipeline code only',
    );
    expect(render(['jobs/ingest.py'])).not.toContain('the rules treated');
  });

  it('says how many touched notebooks the rules took for run by hand', () => {
    const analysis = analysePullRequest({
      result: { findings: [], summary: {} as never, filesAnalysed: 3, bytesAnalysed: 0, hunks: [], roles: new Map([['labs/lab03.py', 'pipeline']]), handRun: new Set(['labs/lab03.py', 'labs/untouched.py']) },
      touched: new Set(['labs/lab03.py', 'jobs/ingest.py']),
      changedLines: new Map(),
      config: defaultConfig(),
      muted: [],
    });
    expect(analysis.handRun).toBe(1);
    const summary = renderCheckOutput({ analysis, config: defaultConfig(), repoUrl: 'https://github.com/o/r', headSha: 'h', baseSha: 'b', notes: [], annotationsSent: 0 }).summary;
    expect(summary).toContain('the rules treated 1 notebook as run by hand (no job, parameter or stream shows it runs unattended): metrics and testing rules skip notebooks run by hand (file roles;');
  });

  it('spends the text by tier: every added finding listed before any pre-existing one', () => {
    const long = 'y'.repeat(300);
    const added = Array.from({ length: 138 }, (_, i) => finding(i, { message: `added ${i} ${long}` }));
    // The added list is the longer one: cutting the longest list first would cut it.
    const existing = Array.from({ length: 60 }, (_, i) => finding(1000 + i, { status: 'existing', message: `existing ${i}` }));
    const findings = [...added, ...existing];
    const analysis = analysePullRequest({
      result: { findings, summary: {} as never, filesAnalysed: 1, bytesAnalysed: 0, hunks: [] },
      touched: new Set(findings.map((f) => f.path)),
      changedLines: new Map(),
      config: defaultConfig(),
      muted: [],
    });
    const output = renderCheckOutput({ analysis, config: defaultConfig(), repoUrl: 'https://github.com/o/r', headSha: 'h', baseSha: 'b', notes: [], annotationsSent: 0 });
    const text = output.text ?? '';
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(65535);
    // The first blocking ones lead the summary; the text lists the rest, each once.
    expect(output.summary.match(/: added \d+ /g)).toHaveLength(BLOCKING_LISTED);
    expect(text.match(/: added \d+ /g)).toHaveLength(138 - BLOCKING_LISTED);
    const listed = text.match(/: existing \d+$/gm)?.length ?? 0;
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBeLessThan(60);
    expect(text).toContain(`_… and ${60 - listed} more not shown (GitHub's 65535-byte limit)._`);
  });

  it('decides the conclusion from fail_on and ignores muted and disabled priorities', () => {
    const config = { ...defaultConfig(), failOn: 'warning' as const, priorities: [1, 2, 3] as (1 | 2 | 3)[] };
    const run = (findings: Finding[], muted: (1 | 2)[] = []) =>
      analysePullRequest({ result: { findings, summary: {} as never, filesAnalysed: 1, bytesAnalysed: 0, hunks: [] }, touched: new Set(findings.map((f) => f.path)), changedLines: new Map(), config, muted }).conclusion;
    expect(run([finding(1, { severity: 'warning', priority: 2 })])).toBe('failure');
    expect(run([finding(1, { severity: 'notice', priority: 2 })])).toBe('neutral');
    expect(run([finding(1, { priority: 4 })])).toBe('success');
    expect(run([finding(1)], [1])).toBe('success');
    expect(run([finding(1, { status: 'existing' }), finding(2, { status: 'resolved' })])).toBe('success');
    expect(run([finding(1, { suppressed: true })])).toBe('success');
  });

  it('builds annotations: the priority in the title, what is wrong in the message, the fix and doc behind it; columns only on single-line findings', () => {
    expect(toAnnotation(finding(0))).toEqual({
      path: finding(0).path,
      start_line: 1,
      end_line: 1,
      start_column: 3,
      end_column: 9,
      annotation_level: 'failure',
      title: 'P1 Watermarking · P101 missing-watermark',
      message: finding(0).message,
      raw_details: 'Fix: Add withWatermark upstream.',
    });
    const hinted = toAnnotation(finding(0, { hint: 'Add withWatermark' }), 'https://docs.test/blob/main');
    expect(hinted.message).toBe(finding(0).message);
    expect(hinted.raw_details).toBe('Fix: Add withWatermark upstream.\n\nDocs: https://docs.test/blob/main/checks/p1-watermarking/missing-watermark.md');
    expect(toAnnotation(finding(0, { priority: 8, rule: 'P806', name: 'two-level-name' })).title).toBe('P8 Unity Catalog · P806 two-level-name');
    expect(toAnnotation(finding(0, { priority: 0, rule: 'P000', name: 'cannot-analyse' }), 'https://docs.test').title).toBe('P000 cannot-analyse');
    expect(fitAnnotation(hinted, { ...INITIAL_FIT, messageChars: 210 }).raw_details?.length).toBeLessThanOrEqual(210);
    expect(fitAnnotation({ ...hinted, raw_details: 'x'.repeat(500) }, { ...INITIAL_FIT, messageChars: 200 }).raw_details?.length).toBeLessThanOrEqual(200);
    const multi = toAnnotation(finding(0, { endLine: 4, severity: 'notice' }));
    expect(multi).not.toHaveProperty('start_column');
    expect(multi).toMatchObject({ start_line: 1, end_line: 4, annotation_level: 'notice' });
  });
});
