/**
 * The eight remediation priorities of the code review's Summary table, and the
 * counting every report shares. Pure: no I/O.
 */
import type { Finding, Priority, Severity } from '../model/types.js';
import type { PrioritySummary, Summary } from '../engine/api-types.js';

export type PriorityNumber = Exclude<Priority, 0>;
export type PriorityKey = keyof Summary;

export interface PriorityInfo {
  priority: PriorityNumber;
  key: PriorityKey;
  title: string;
  /** The primary documentation link of the report's Summary table. */
  docUrl: string;
  /** Folder under `checks/` holding the rules (and their Markdown docs). */
  folder: string;
}

export const PRIORITIES: readonly PriorityInfo[] = [
  {
    priority: 1,
    key: '1',
    title: 'Watermarking',
    docUrl: 'https://docs.databricks.com/aws/en/structured-streaming/watermarks',
    folder: 'p1-watermarking',
  },
  {
    priority: 2,
    key: '2',
    title: 'transformWithStateInPandas',
    docUrl: 'https://docs.databricks.com/aws/en/stateful-applications/',
    folder: 'p2-transform-with-state',
  },
  {
    priority: 3,
    key: '3',
    title: 'Dead-letter queue and error handling',
    docUrl: 'https://docs.databricks.com/en/ingestion/bad-records.html',
    folder: 'p3-dead-letter-queue',
  },
  {
    priority: 4,
    key: '4',
    title: 'Rate limiting',
    docUrl: 'https://learn.microsoft.com/en-us/azure/databricks/structured-streaming/batch-size',
    folder: 'p4-rate-limiting',
  },
  {
    priority: 5,
    key: '5',
    title: 'RocksDB state store',
    docUrl: 'https://learn.microsoft.com/en-us/azure/databricks/structured-streaming/rocksdb-state-store',
    folder: 'p5-rocksdb-state-store',
  },
  {
    priority: 6,
    key: '6',
    title: 'Metrics and alerting',
    docUrl: 'https://learn.microsoft.com/en-us/azure/databricks/data-engineering/observability-best-practices',
    folder: 'p6-metrics-alerting',
  },
  {
    priority: 7,
    key: '7',
    title: 'Testing',
    docUrl: 'https://docs.databricks.com/aws/en/notebooks/testing',
    folder: 'p7-testing',
  },
  {
    priority: 8,
    key: '8',
    title: 'Unity Catalog',
    docUrl: 'https://docs.databricks.com/aws/en/data-governance/unity-catalog/best-practices',
    folder: 'p8-unity-catalog',
  },
];

/** Priority 0 holds engine problems ("cannot analyse ..."), which belong to no remediation row. */
const OTHER_TITLE = 'Analysis problems';

export function priorityInfo(priority: PriorityNumber): PriorityInfo {
  return PRIORITIES[priority - 1];
}

export function priorityTitle(priority: Priority): string {
  if (priority === 0) return OTHER_TITLE;
  return priorityInfo(priority).title;
}

/** Open = still to fix: neither silenced by a suppression nor gone in the head. */
export function isOpen(finding: Finding): boolean {
  return !finding.suppressed && finding.status !== 'resolved';
}

const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warning: 2, failure: 3 };

export function severityRank(severity: Severity): number {
  return SEVERITY_RANK[severity];
}

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

export function emptySummary(): Summary {
  const summary = {} as Summary;
  for (const info of PRIORITIES) summary[info.key] = { open: 0, suppressed: 0, resolved: 0 };
  return summary;
}

/**
 * Counts per priority. A resolved finding counts as resolved even if it was
 * suppressed in the base: the work is done either way.
 */
export function summarize(findings: readonly Finding[]): Summary {
  const summary = emptySummary();
  for (const finding of findings) {
    if (finding.priority === 0) continue;
    const row: PrioritySummary = summary[String(finding.priority) as PriorityKey];
    if (!row) continue;
    if (finding.status === 'resolved') row.resolved += 1;
    else if (finding.suppressed) row.suppressed += 1;
    else row.open += 1;
  }
  return summary;
}

/** Stable report order: priority, path, line, column, rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.priority - b.priority ||
    compareStrings(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.rule, b.rule)
  );
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
