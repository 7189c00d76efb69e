import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { appDocsBase } from '../../src/github/docs-base.js';
import { analysePullRequest, planShare } from '../../src/github/pr-analysis.js';
import { renderCheckOutput, type CheckSummaryInput } from '../../src/github/render/check-summary.js';
import { applyScan } from '../../src/github/tracking/apply.js';
import { emptyState } from '../../src/github/tracking/state.js';
import { repositoryDocsBase } from '../../src/report/docs-url.js';
import type { Finding } from '../../src/model/types.js';

const REPO = 'https://github.com/o/r';
const DOCS = 'https://docs.test/blob/main';

function finding(rule: string, name: string, priority: Finding['priority'], line: number, extra: Partial<Finding> = {}): Finding {
  return {
    priority,
    rule,
    name,
    path: 'jobs/ingest.py',
    line,
    endLine: line,
    column: 1,
    endColumn: 4,
    severity: 'failure',
    message: `${name} at ${line}`,
    fix: `Fix ${name}.`,
    fingerprint: `${rule}|${line}`,
    identity: `${rule}|${line}`,
    suppressed: false,
    status: 'new',
    ...extra,
  };
}

/** Two failures on changed lines, a warning off them, one fixed, one left open. */
const FINDINGS = [
  finding('P101', 'missing-watermark', 1, 3),
  finding('P501', 'no-rocksdb', 5, 7),
  finding('P601', 'print-logging', 6, 40, { severity: 'warning' }),
  finding('P401', 'kafka-unbounded', 4, 12, { status: 'resolved' }),
  finding('P806', 'two-level-name', 8, 50, { status: 'existing', severity: 'notice' }),
];

function analysis(findings = FINDINGS) {
  return analysePullRequest({
    result: { findings, summary: {} as never, filesAnalysed: 1, bytesAnalysed: 0, hunks: [] },
    touched: new Set(findings.map((f) => f.path)),
    changedLines: new Map([['jobs/ingest.py', new Set([3, 7])]]),
    config: defaultConfig(),
    muted: [],
  });
}

const render = (extra: Partial<CheckSummaryInput> = {}, findings = FINDINGS) => {
  const a = analysis(findings);
  return renderCheckOutput({ analysis: a, config: defaultConfig(), repoUrl: REPO, headSha: 'h', baseSha: 'b', notes: [], annotationsSent: a.annotated.length, ...extra });
};

describe('the check run summary', () => {
  it('leads with what blocks, then the table, the plan, the annotations and the rule docs', () => {
    // The default branch's last scan: the fixed finding and 339 more open.
    const base = FINDINGS.filter((f) => f.status !== 'new').map((f) => ({ ...f, status: undefined }));
    const others = Array.from({ length: 338 }, (_, i) => finding('P402', 'delta-unbounded', 4, 100 + i, { path: `jobs/other_${i}.py`, identity: `o${i}` }));
    const tracking = applyScan(emptyState(), { sha: 'c'.repeat(40), branch: 'main', at: '2025-06-01T00:00:00Z', findings: [...base, ...others] });
    const a = analysis();
    const out = renderCheckOutput({ analysis: a, config: defaultConfig(), repoUrl: REPO, headSha: 'h', baseSha: 'b', notes: [], annotationsSent: 2, docsBase: DOCS, trackingIssue: 5, plan: planShare(a, tracking) });
    expect(out.title).toBe('1 fixed, 3 added');
    expect(out.summary).toBe(
      [
        '**What blocks this pull request:** 2 added findings at or above `failure` (the `fail_on` setting).',
        '',
        `- [P101 missing-watermark](${DOCS}/checks/p1-watermarking/missing-watermark.md) [jobs/ingest.py#L3](${REPO}/blob/h/jobs/ingest.py#L3) (failure): missing-watermark at 3`,
        `- [P501 no-rocksdb](${DOCS}/checks/p5-rocksdb-state-store/no-rocksdb.md) [jobs/ingest.py#L7](${REPO}/blob/h/jobs/ingest.py#L7) (failure): no-rocksdb at 7`,
        '',
        '| Priority | Fixed by this PR | Added by this PR | Still open in touched files |',
        '|---|---:|---:|---:|',
        '| P1 Watermarking | 0 | 1 | 0 |',
        '| P2 transformWithStateInPandas | 0 | 0 | 0 |',
        '| P3 Dead-letter queue and error handling | 0 | 0 | 0 |',
        '| P4 Rate limiting | 1 | 0 | 0 |',
        '| P5 RocksDB state store | 0 | 1 | 0 |',
        '| P6 Metrics and alerting | 0 | 1 | 0 |',
        '| P7 Testing | 0 | 0 | 0 |',
        '| P8 Unity Catalog | 0 | 0 | 1 |',
        '| **Total** | **1** | **3** | **1** |',
        '',
        `If merged, this pull request closes 1 of 340 open findings, 0.3 % of the plan ([tracking issue #5](${REPO}/issues/5)).`,
        '2 added findings are annotated on the changed lines (not repeated below).',
        '1 added finding is on lines this PR did not change (listed below, not annotated).',
        `Rule docs: [P101 missing-watermark](${DOCS}/checks/p1-watermarking/missing-watermark.md) · [P501 no-rocksdb](${DOCS}/checks/p5-rocksdb-state-store/no-rocksdb.md) · [P601 print-logging](${DOCS}/checks/p6-metrics-alerting/print-logging.md)`,
        '',
      ].join('\n'),
    );
    // Each finding once: the annotated and summarised ones are not in the text.
    expect(out.text).toBe(
      [
        '### Added by this pull request, not annotated (1)',
        '',
        `- [P601 print-logging](${DOCS}/checks/p6-metrics-alerting/print-logging.md) [jobs/ingest.py#L40](${REPO}/blob/h/jobs/ingest.py#L40) (warning): print-logging at 40`,
        '',
        '### Fixed by this pull request (1)',
        '',
        `- [P401 kafka-unbounded](${DOCS}/checks/p4-rate-limiting/kafka-unbounded.md) [jobs/ingest.py#L12](${REPO}/blob/b/jobs/ingest.py#L12) (failure): kafka-unbounded at 12`,
        '',
        '### Still open in the files this pull request touches (1)',
        '',
        `- [P806 two-level-name](${DOCS}/checks/p8-unity-catalog/two-level-name.md) [jobs/ingest.py#L50](${REPO}/blob/h/jobs/ingest.py#L50) (notice): two-level-name at 50`,
        '',
      ].join('\n'),
    );
  });

  it('says nothing blocks when nothing does, and links no doc without a docs base', () => {
    const out = render({ trackingIssue: 9 }, FINDINGS.filter((f) => f.severity !== 'failure' || f.status !== 'new'));
    expect(out.summary.split('\n')[0]).toBe('This pull request adds 1 finding, all below `failure`.');
    expect(out.summary).toContain(`The remediation plan is tracked in the [tracking issue #9](${REPO}/issues/9).`);
    expect(out.summary).not.toContain('Rule docs');
    expect(out.text).toContain('- **P601 print-logging** [jobs/ingest.py#L40]');
  });

  it('lists the unsent annotations in the text', () => {
    const out = render({ annotationsSent: 0 });
    expect(out.summary).toContain('Only the first 0 of 2 annotations were sent; the rest are listed below.');
    // The two blocking ones lead the summary, so the text holds the warning only.
    expect(out.text).toContain('### Added by this pull request, not annotated (1)');
  });
});

describe('how much of the plan a pull request closes', () => {
  const fixed = [finding('P401', 'kafka-unbounded', 4, 12, { status: 'resolved' }), finding('P402', 'delta-unbounded', 4, 13, { status: 'resolved', path: 'jobs/x.py' })];

  it('counts only fixes of findings the last scan has open, against every open finding of the plan', () => {
    const open = [fixed[0], finding('P101', 'missing-watermark', 1, 1, { identity: 'other' })].map((f) => ({ ...f, status: undefined }));
    const state = applyScan(emptyState(), { sha: 's', branch: 'main', at: '2025-06-01T00:00:00Z', findings: open });
    expect(planShare({ fixed, existing: [] }, state)).toEqual({ closes: 1, open: 2, scope: 'plan' });
    // Findings kept by hash or by count only still count as open; by hash they can be matched.
    const compact = { ...state, items: state.items.slice(1), more: { 4: [state.items[0].h] }, uncounted: { 8: 10 } };
    expect(planShare({ fixed, existing: [] }, compact)).toEqual({ closes: 1, open: 12, scope: 'plan' });
  });

  it('without a tracking issue, counts against what was open in the touched files', () => {
    expect(planShare({ fixed, existing: [fixed[0]] })).toEqual({ closes: 2, open: 3, scope: 'touched' });
    const out = render({ plan: { closes: 2, open: 3, scope: 'touched' } });
    expect(out.summary).toContain('If merged, this pull request closes 2 of the 3 findings open in the files it touches (66.7 %).');
    expect(render({ plan: { closes: 1, open: 5000, scope: 'plan' } }).summary).toContain('closes 1 of 5000 open findings, < 0.1 % of the plan.');
  });
});

describe('check run budgets', () => {
  it('keeps summary and text within 65,535 bytes with 5,000 findings, docs links and the plan', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      finding(`P${(i % 8) + 1}01`, `rule-${i % 90}`, ((i % 8) + 1) as Finding['priority'], i + 1, {
        path: `notebooks/${'deep/'.repeat(10)}file_${i % 200}.py`,
        message: `ünïcödé @x #1 ${'m'.repeat(200)} ${i}`,
        status: i % 3 === 0 ? 'new' : i % 3 === 1 ? 'existing' : 'resolved',
      }),
    );
    const a = analysis(many);
    const out = renderCheckOutput({ analysis: a, config: defaultConfig(), repoUrl: REPO, headSha: 'h', baseSha: 'b', notes: ['x'.repeat(2000)], annotationsSent: a.annotated.length, docsBase: DOCS, trackingIssue: 5, plan: { closes: 1666, open: 40_000, scope: 'plan' } });
    expect(Buffer.byteLength(out.summary)).toBeLessThanOrEqual(65535);
    expect(Buffer.byteLength(out.text ?? '')).toBeLessThanOrEqual(65535);
    expect(out.summary.split('\n')[0]).toBe('**What blocks this pull request:** 1667 added findings at or above `failure` (the `fail_on` setting).');
    expect(out.summary).toContain('- _… and 1647 more, annotated on their lines or listed below._');
    expect(out.summary).toContain('closes 1666 of 40000 open findings, 4.2 % of the plan');
    expect(out.text).toMatch(/_… and \d+ more not shown \(GitHub's 65535-byte limit\)\._/);
  });
});

describe("the App's docs base", () => {
  it('is REMEDIATION_DOCS_URL when set, else what package.json says (no repository there: no links)', () => {
    expect(appDocsBase({ REMEDIATION_DOCS_URL: 'https://docs.test/x//' })).toBe('https://docs.test/x');
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { repository?: unknown };
    expect(appDocsBase({})).toBe(repositoryDocsBase(manifest.repository));
  });
});
