/**
 * Machine-readable report. The key order is part of the contract (scripts diff
 * the output), so objects are built field by field rather than spread.
 */
import type { FileRole, Finding } from '../model/types.js';
import type { Fix } from '../model/fix-types.js';
import type { Summary } from '../engine/api-types.js';
import { PRIORITIES, isOpen, summarize } from './priorities.js';

export type ReportMode = 'scan' | 'diff';

export interface JsonReportOptions {
  /** `status` is only written in diff mode. Default scan. */
  mode?: ReportMode;
  /** Defaults to `summarize(findings)`. */
  summary?: Summary;
  /** The role of every analysed file (RULES.md, "File roles"): written as `files`, in path order. */
  roles?: ReadonlyMap<string, FileRole>;
}

/** An analysed file and the role that decided which rules judged it. */
export interface JsonFile {
  path: string;
  role: FileRole;
}

export interface JsonFinding {
  priority: number;
  rule: string;
  name: string;
  path: string;
  line: number;
  endLine: number;
  column: number;
  severity: string;
  message: string;
  /** The full fix; `hint` is the same as one line. */
  fix: string;
  hint?: string;
  fingerprint: string;
  suppressed: boolean;
  /** The role of the finding's file (`pipeline`, `setup`, `exploration`, `tooling`, `test`). */
  role?: string;
  /** Edits that fix the finding (offsets into the file's text), with their safety class. */
  autofix?: { safety: string; description: string; edits: { path: string; start: number; end: number; text: string }[] };
  status?: string;
}

/**
 * What a change did (diff mode): open findings it adds (`new`) or leaves (`existing`), and
 * the ones it removes. Suppressed findings are in neither open count, so
 * `new + existing` is the report's open total.
 */
export interface StatusCounts {
  new: number;
  existing: number;
  resolved: number;
}

/** The eight priority rows, and in diff mode the status counts over every finding (analysis problems too). */
export type JsonSummary = Summary & { status?: StatusCounts };

export interface JsonReport {
  findings: JsonFinding[];
  summary: JsonSummary;
  /** With the roles of the run: every analysed file, with or without findings. */
  files?: JsonFile[];
}

export function statusCounts(findings: readonly Finding[]): StatusCounts {
  const counts: StatusCounts = { new: 0, existing: 0, resolved: 0 };
  for (const finding of findings) {
    if (finding.status === 'resolved') counts.resolved += 1;
    else if (!isOpen(finding)) continue;
    // A diff always classifies: a finding without a status is new, as in the findings list.
    else if (finding.status === 'existing') counts.existing += 1;
    else counts.new += 1;
  }
  return counts;
}

export function toJsonReport(findings: readonly Finding[], options: JsonReportOptions = {}): JsonReport {
  const mode = options.mode ?? 'scan';
  const summary = options.summary ?? summarize(findings);
  const ordered: JsonSummary = orderedSummary(summary);
  if (mode === 'diff') ordered.status = statusCounts(findings);
  const report: JsonReport = {
    findings: findings.map((finding) => toJsonFinding(finding, mode)),
    summary: ordered,
  };
  if (options.roles) report.files = filesOf(options.roles);
  return report;
}

/** Files and roles in path order (code-unit order, as findings are sorted), whatever order the map was filled in. */
export function filesOf(roles: ReadonlyMap<string, FileRole>): JsonFile[] {
  return [...roles]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, role]) => ({ path, role }));
}

export function renderJson(findings: readonly Finding[], options: JsonReportOptions = {}): string {
  return `${JSON.stringify(toJsonReport(findings, options), null, 2)}\n`;
}

function toJsonFinding(finding: Finding, mode: ReportMode): JsonFinding {
  const out: JsonFinding = {
    priority: finding.priority,
    rule: finding.rule,
    name: finding.name,
    path: finding.path,
    line: finding.line,
    endLine: finding.endLine,
    column: finding.column,
    severity: finding.severity,
    message: finding.message,
    fix: finding.fix,
    ...(finding.hint ? { hint: finding.hint } : {}),
    fingerprint: finding.fingerprint,
    suppressed: finding.suppressed,
    ...(finding.role ? { role: finding.role } : {}),
    ...(finding.autofix ? { autofix: jsonFix(finding.autofix) } : {}),
  };
  // A diff always classifies: an engine that forgot the status still reports the finding as new.
  if (mode === 'diff') out.status = finding.status ?? 'new';
  return out;
}

function jsonFix(fix: Fix): NonNullable<JsonFinding['autofix']> {
  return {
    safety: fix.safety,
    description: fix.description,
    edits: fix.edits.map((edit) => ({ path: edit.path, start: edit.start, end: edit.end, text: edit.text })),
  };
}

/** Copies only the eight rows, in order, each with open/suppressed/resolved in that order. */
function orderedSummary(summary: Summary): Summary {
  const out = {} as Summary;
  for (const { key } of PRIORITIES) {
    const row = summary[key] ?? { open: 0, suppressed: 0, resolved: 0 };
    out[key] = { open: row.open, suppressed: row.suppressed, resolved: row.resolved };
  }
  return out;
}
