/**
 * Terminal report: findings grouped by priority, one line each in the
 * `path:line:col` form editors and terminals turn into links, the short fix
 * hint indented below, each rule's full fix once in a Fixes section, and a
 * summary line in the form ruff prints (`Found 3 findings ...`, `All checks passed!`).
 */
import type { Finding, Priority, Severity } from '../model/types.js';
import { allRules } from '../../checks/index.js';
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
  /** `--show-fixes`: the full fix under every finding instead of its short hint and the Fixes section. */
  showFixes?: boolean;
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
    for (const finding of group) {
      out.push(...findingLines(options.displayPath ? { ...finding, path: options.displayPath(finding.path) } : finding, mode, paint, options.showFixes ?? false));
    }
    out.push('');
  }
  if (!options.showFixes) out.push(...fixesSection(shown, paint));
  // "All checks passed!" already says it when nothing at all is open.
  if (shown.length === 0 && findings.some(isOpen)) out.push(options.only === 'new' ? 'No new findings.' : 'No open findings.', '');
  out.push(summaryLine(findings, options, paint));
  const fixable = fixableLine(findings);
  if (fixable) out.push(fixable);
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

function findingLines(finding: Finding, mode: ReportMode, paint: Paint, showFixes: boolean): string[] {
  const location = `${finding.path}:${finding.line}:${finding.column}`;
  const resolved = finding.status === 'resolved';
  const rule = paint(resolved ? 'green' : SEVERITY_STYLE[finding.severity], `${finding.rule} ${finding.name}`);
  const status = mode === 'diff' ? `  [${finding.status ?? 'new'}]` : '';
  // ruff's mark of a finding `fix` can apply: `[*]` safe, `[-]` with `--unsafe-fixes`.
  const mark = resolved || !finding.autofix ? '' : finding.autofix.safety === 'safe' ? ' [*]' : ' [-]';
  const first = `${paint('bold', location)}  ${rule}${mark}  ${oneLine(finding.message)}${paint('dim', status)}`;
  // A resolved finding needs no fix: the fix is in.
  const fix = showFixes ? finding.fix : (finding.hint ?? finding.fix);
  if (resolved || !fix) return [first];
  return [first, paint('dim', `    fix: ${oneLine(fix)}`)];
}

/**
 * Each rule's full fix, once: the text its findings share, or the rule's own when the
 * findings filled in different names.
 */
function fixesSection(shown: readonly Finding[], paint: Paint): string[] {
  const byRule = new Map<string, Finding[]>();
  for (const finding of shown) {
    if (finding.status === 'resolved' || !finding.fix) continue;
    byRule.set(finding.rule, [...(byRule.get(finding.rule) ?? []), finding]);
  }
  if (byRule.size === 0) return [];
  const out = [paint('bold', 'Fixes')];
  for (const [rule, group] of [...byRule].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const fixes = new Set(group.map((finding) => finding.fix));
    const fix = fixes.size === 1 ? group[0]!.fix : (RULE_FIXES.get(rule) ?? group[0]!.fix);
    out.push(`  ${paint(SEVERITY_STYLE[group[0]!.severity], `${rule} ${group[0]!.name}`)}`, `    ${oneLine(fix)}`);
  }
  out.push('');
  return out;
}

const RULE_FIXES = new Map(allRules.map((rule) => [rule.meta.id, rule.meta.fix]));

/**
 * `Found 3 findings (1 failure, 2 warnings) in 7 files.`, or `All checks passed!`, with the
 * suppressed count and, in diff mode, what the change adds, keeps and resolves.
 */
function summaryLine(findings: readonly Finding[], options: TextReportOptions, paint: Paint): string {
  const open = findings.filter(isOpen);
  const suppressed = findings.filter((finding) => finding.suppressed && finding.status !== 'resolved').length;
  const resolved = findings.filter((finding) => finding.status === 'resolved').length;
  const bySeverity = (['failure', 'warning', 'notice'] as const)
    .map((severity) => ({ severity, count: open.filter((finding) => finding.severity === severity).length }))
    .filter(({ count }) => count > 0)
    .map(({ severity, count }) => paint(SEVERITY_STYLE[severity], plural(count, severity)));
  const extra: string[] = [];
  const counts = options.statusCounts;
  if (counts) extra.push(`${counts.new} new, ${counts.existing} existing, ${counts.resolved} resolved`);
  else if ((options.mode ?? 'scan') === 'diff') extra.push(`${resolved} resolved`);
  if (suppressed > 0) extra.push(`${suppressed} suppressed`);
  const files = options.files === undefined ? '' : ` in ${plural(options.files, 'file')}`;
  if (open.length === 0) {
    const passed = paint('green', 'All checks passed!');
    const scope = [...(options.files === undefined ? [] : [plural(options.files, 'file')]), ...extra];
    return scope.length === 0 ? passed : `${passed} (${scope.join('; ')})`;
  }
  return `Found ${plural(open.length, 'finding')} (${bySeverity.join(', ')})${files}${extra.map((part) => `; ${part}`).join('')}.`;
}

/** `[*] 3 fixable with `remediation fix` (2 more with `--unsafe-fixes`).`, as ruff says it. */
function fixableLine(findings: readonly Finding[]): string | undefined {
  const open = findings.filter((finding) => isOpen(finding) && finding.status !== 'resolved' && finding.autofix);
  const safe = open.filter((finding) => finding.autofix?.safety === 'safe').length;
  const review = open.length - safe;
  if (open.length === 0) return undefined;
  const more = review > 0 ? ` (${review} more with \`remediation fix --unsafe-fixes\`: values to review)` : '';
  return `[*] ${safe} fixable with \`remediation fix\`${more}.`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
