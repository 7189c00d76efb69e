import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdownText, progressBar, progressView, renderMarkdown } from '../../src/report/render-markdown.js';
import { compileTemplate } from '../../src/report/template.js';
import { makeFinding, mixedFindings } from './helpers.js';

const template = readFileSync(new URL('../../templates/progress.md.eta', import.meta.url), 'utf8');

function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ['))
    .map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

describe('renderMarkdown', () => {
  const findings = [
    ...mixedFindings(),
    makeFinding({ priority: 4, rule: 'P401', name: 'kafka-unbounded', fingerprint: 'r1', status: 'resolved' }),
    makeFinding({ priority: 4, rule: 'P401', name: 'kafka-unbounded', fingerprint: 'r2', status: 'resolved' }),
    makeFinding({ priority: 4, rule: 'P401', name: 'kafka-unbounded', fingerprint: 'r3', status: 'resolved' }),
  ];
  const markdown = renderMarkdown(findings, { template });

  it('starts with the progress table header', () => {
    expect(markdown.split('\n')[0]).toBe('| Priority | Open | Suppressed | Resolved | Progress |');
  });

  it('has one row per priority with its counts and a progress bar', () => {
    const rows = tableRows(markdown);
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual([
      '[1. Watermarking](https://docs.databricks.com/aws/en/structured-streaming/watermarks)',
      '1',
      '1',
      '0',
      '`░░░░░░░░░░` 0%',
    ]);
    expect(rows[3].slice(1)).toEqual(['1', '0', '3', '`███████░░░` 75%']);
    expect(rows[7].slice(1)).toEqual(['0', '0', '0', '`██████████` 100%']);
    expect(markdown).toContain('| **Total** | **3** | **1** | **3** |');
  });

  it('lists the open findings of each priority as unticked checkboxes', () => {
    const items = markdown.split('\n').filter((line) => line.startsWith('- [ ] '));
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(
      /^- \[ \] `pipelines\/x\.py:12` P101 missing-watermark — Stateful `groupBy\(\)\.agg\(\)` on a stream without a watermark <!-- fp-101-x -->$/,
    );
    expect(markdown).toContain('### Priority 1: Watermarking');
    expect(markdown).toContain('### Priority 4: Rate limiting');
    expect(markdown).not.toContain('### Priority 2');
    // suppressed and resolved findings are counted, not listed
    expect(markdown).not.toContain('pipelines/y.py');
  });

  it('cuts long lists and says how many were left out', () => {
    const many = Array.from({ length: 5 }, (_, i) => makeFinding({ line: i + 1, fingerprint: `f${i}` }));
    const cut = renderMarkdown(many, { template, maxItemsPerPriority: 2 });
    expect(cut.split('\n').filter((line) => line.startsWith('- [ ] '))).toHaveLength(2);
    expect(cut).toContain('- … and 3 more');
  });

  it('renders an inline template through the same loader', () => {
    const render = compileTemplate('<%= it.total.open %> open');
    expect(render(progressView([makeFinding()]))).toBe('1 open');
  });
});

describe('markdown helpers', () => {
  it('draws a floored bar so remaining work never shows as done', () => {
    expect(progressBar(0, 0)).toEqual({ bar: '██████████', percent: 100 });
    expect(progressBar(199, 1)).toEqual({ bar: '█████████░', percent: 99 });
    expect(progressBar(1, 1, 4)).toEqual({ bar: '██░░', percent: 50 });
  });

  it('escapes HTML and mentions outside code spans only', () => {
    expect(escapeMarkdownText('use <catalog> for @dlt.table, not `@dlt.view <x>`')).toBe(
      'use &#60;catalog&#62; for &#64;dlt.table, not `@dlt.view <x>`',
    );
    expect(escapeMarkdownText('two\nlines')).toBe('two lines');
  });

  it('fences code spans around backticks', () => {
    expect(codeSpan('a.py:1')).toBe('`a.py:1`');
    expect(codeSpan('we`ird.py:1')).toBe('`` we`ird.py:1 ``');
  });
});
