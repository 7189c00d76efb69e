/**
 * The per-priority progress report the tracking issue shows: a table of counts
 * with a text progress bar, then a checklist of the open findings per priority.
 * The layout is the Eta template `templates/progress.md.eta`; this module only
 * prepares the data and escapes it for Markdown.
 */
import type { Finding, Priority } from '../model/types.js';
import type { Summary } from '../engine/api-types.js';
import { PRIORITIES, compareFindings, isOpen, priorityTitle, summarize } from './priorities.js';
import { renderTemplate } from './template.js';

export interface MarkdownReportOptions {
  /** Source of the progress template (the text of `templates/progress.md.eta`). */
  template: string;
  /** Defaults to `summarize(findings)`. */
  summary?: Summary;
  /** Cut each priority's checklist after this many items (issue bodies have a size limit). */
  maxItemsPerPriority?: number;
}

export interface ProgressCounts {
  open: number;
  suppressed: number;
  resolved: number;
  bar: string;
  percent: number;
}

export interface ProgressRow extends ProgressCounts {
  priority: number;
  title: string;
  docUrl: string;
}

export interface ProgressItem {
  text: string;
  fingerprint: string;
}

export interface ProgressSection {
  priority: Priority;
  heading: string;
  items: ProgressItem[];
  /** Open findings left out by `maxItemsPerPriority`. */
  more: number;
}

export interface ProgressView {
  rows: ProgressRow[];
  total: ProgressCounts;
  sections: ProgressSection[];
}

const BAR_WIDTH = 10;

export function renderMarkdown(findings: readonly Finding[], options: MarkdownReportOptions): string {
  return renderTemplate(options.template, progressView(findings, options));
}

export function progressView(findings: readonly Finding[], options: Omit<MarkdownReportOptions, 'template'> = {}): ProgressView {
  const summary = options.summary ?? summarize(findings);
  const rows = PRIORITIES.map((info): ProgressRow => {
    const row = summary[info.key] ?? { open: 0, suppressed: 0, resolved: 0 };
    return { priority: info.priority, title: info.title, docUrl: info.docUrl, ...counts(row.open, row.suppressed, row.resolved) };
  });
  const sum = (pick: (row: ProgressRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const total = counts(sum((row) => row.open), sum((row) => row.suppressed), sum((row) => row.resolved));

  const open = findings.filter(isOpen).sort(compareFindings);
  const limit = options.maxItemsPerPriority ?? Number.POSITIVE_INFINITY;
  const sections: ProgressSection[] = [];
  // Priority 0 (engine problems) goes last: worth seeing, but not a remediation row.
  for (const priority of [...PRIORITIES.map((info) => info.priority), 0] as Priority[]) {
    const group = open.filter((finding) => finding.priority === priority);
    if (group.length === 0) continue;
    const heading = priority === 0 ? priorityTitle(0) : `Priority ${priority}: ${priorityTitle(priority)}`;
    const items = group.slice(0, limit).map(toItem);
    sections.push({ priority, heading, items, more: group.length - items.length });
  }
  return { rows, total, sections };
}

/** Progress counts resolved work against all work; suppressed findings are neither. */
export function progressBar(resolved: number, open: number, width = BAR_WIDTH): { bar: string; percent: number } {
  const all = resolved + open;
  // Floor, so a priority with one finding left never shows as complete.
  const ratio = all === 0 ? 1 : resolved / all;
  const filled = Math.floor(ratio * width);
  return { bar: '█'.repeat(filled) + '░'.repeat(width - filled), percent: Math.floor(ratio * 100) };
}

function counts(open: number, suppressed: number, resolved: number): ProgressCounts {
  return { open, suppressed, resolved, ...progressBar(resolved, open) };
}

function toItem(finding: Finding): ProgressItem {
  const location = codeSpan(`${finding.path}:${finding.line}`);
  return {
    text: `${location} ${finding.rule} ${finding.name} — ${escapeMarkdownText(finding.message)}`,
    // Inside an HTML comment: keep only characters that cannot close it.
    fingerprint: finding.fingerprint.replace(/[^\w.:/+=-]/g, '').replace(/-{2,}/g, '-'),
  };
}

/** Wraps text in a code span whose fence is longer than any backtick run inside it. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Escapes a one-line message for a list item. Code spans are kept as written
 * (messages quote code); outside them `<`/`>` would be read as HTML and `@name`
 * would notify a GitHub user (a decorator such as `@dlt.table` in prose).
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\s*\r?\n\s*/g, ' ')
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[<>@]/g, (c) => `&#${c.charCodeAt(0)};`)))
    .join('');
}
