/**
 * Terminal report: findings grouped by priority, one line each in the
 * `path:line:col` form editors and terminals turn into links, the fix hint
 * indented below, totals at the end.
 */
import type { Finding, Priority, Severity } from '../model/types.js';
import { PRIORITIES, compareFindings, isOpen, priorityTitle } from './priorities.js';
import type { ReportMode, StatusCounts } from './render-json.js';

export interface TextReportOptions {
  /** ANSI colour; the caller decides (TTY, NO_COLOR). Default false. */
  color?: boolean;
  /** In diff mode each line carries its status and resolved findings are listed. Default scan. */
  mode?: ReportMode;
  /** Number of files handed to the engine, shown in the totals line when given. */
  files?: number;
  /** How a finding's (repository-relative) path is shown: relative to the working directory on the CLI. */
  displayPath?: (path: string) => string;
  /** Diff mode: the totals line says how many findings are new, existing and resolved. */
  statusCounts?: StatusCounts;
  /** Diff mode: list only new findings (`--new-only`); the totals line still counts them all. */
  only?: 'new';
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'cyan' | 'green';

const ANSI: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  green: [32, 39],
};

const SEVERITY_STYLE: Record<Severity, Style> = { failure: 'red', warning: 'yellow', notice: 'cyan' };

export function renderText(findings: readonly Finding[], options: TextReportOptions = {}): string {
  const mode = options.mode ?? 'scan';
  const paint = painter(options.color ?? false);
  const shown = findings
    .filter((finding) => isOpen(finding) || (mode === 'diff' && finding.status === 'resolved'))
    .filter((finding) => options.only !== 'new' || (finding.status ?? 'new') === 'new')
    .sort(compareFindings);

  const out: string[] = [];
  for (const priority of groupOrder()) {
    const group = shown.filter((finding) => finding.priority === priority);
    if (group.length === 0) continue;
    out.push(paint('bold', priority === 0 ? priorityTitle(0) : `Priority ${priority}: ${priorityTitle(priority)}`));
    for (const finding of group) out.push(...findingLines(options.displayPath ? { ...finding, path: options.displayPath(finding.path) } : finding, mode, paint));
    out.push('');
  }
  if (shown.length === 0) out.push(options.only === 'new' ? 'No new findings.' : 'No open findings.', '');
  out.push(totalsLine(findings, options, paint));
  return `${out.join('\n')}\n`;
}

type Paint = (style: Style, text: string) => string;

function painter(color: boolean): Paint {
  if (!color) return (_style, text) => text;
  return (style, text) => `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m`;
}

/** Priorities 1..8, then engine problems (priority 0) last: they are not remediation work. */
function groupOrder(): Priority[] {
  return [...PRIORITIES.map((info) => info.priority), 0];
}

function findingLines(finding: Finding, mode: ReportMode, paint: Paint): string[] {
  const location = `${finding.path}:${finding.line}:${finding.column}`;
  const resolved = finding.status === 'resolved';
  const rule = paint(resolved ? 'green' : SEVERITY_STYLE[finding.severity], `${finding.rule} ${finding.name}`);
  const status = mode === 'diff' ? `  [${finding.status ?? 'new'}]` : '';
  const first = `${paint('bold', location)}  ${rule}  ${oneLine(finding.message)}${paint('dim', status)}`;
  // A resolved finding needs no fix hint: the fix is in.
  if (resolved || !finding.fix) return [first];
  return [first, paint('dim', `    fix: ${oneLine(finding.fix)}`)];
}

function totalsLine(findings: readonly Finding[], options: TextReportOptions, paint: Paint): string {
  const open = findings.filter(isOpen);
  const suppressed = findings.filter((finding) => finding.suppressed && finding.status !== 'resolved').length;
  const resolved = findings.filter((finding) => finding.status === 'resolved').length;
  const bySeverity = (['failure', 'warning', 'notice'] as const)
    .map((severity) => ({ severity, count: open.filter((finding) => finding.severity === severity).length }))
    .filter(({ count }) => count > 0)
    .map(({ severity, count }) => paint(SEVERITY_STYLE[severity], `${count} ${severity}${count === 1 ? '' : 's'}`));
  const parts = [`${open.length} open${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}`, `${suppressed} suppressed`];
  const counts = options.statusCounts;
  if (counts) parts.push(`${counts.new} new`, `${counts.existing} existing`, `${counts.resolved} resolved`);
  else if ((options.mode ?? 'scan') === 'diff') parts.push(`${resolved} resolved`);
  if (options.files !== undefined) parts.push(`${options.files} file${options.files === 1 ? '' : 's'} scanned`);
  return parts.join(', ');
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
