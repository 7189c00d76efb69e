/**
 * `remediation rules`: every rule a finding can come from, as a table (or
 * JSON with `--format json`): what `--select`, `--ignore` and suppression
 * comments can name.
 */
import { isEngineRule, RULE_CATALOG, runsIn, type CatalogEntry } from '../rule-catalog.js';

export interface RuleRow {
  id: string;
  name: string;
  /** null for the engine's own findings (P0xx), which belong to no priority. */
  priority: number | null;
  severity: string;
  /** `diff` alone for rules that judge a change. */
  runsIn: ('scan' | 'diff')[];
  title: string;
}

export function ruleRows(entries: readonly CatalogEntry[] = RULE_CATALOG): RuleRow[] {
  return entries.map((entry) => ({
    id: entry.meta.id,
    name: entry.meta.name,
    priority: isEngineRule(entry.meta) ? null : entry.meta.priority,
    severity: entry.meta.severity,
    runsIn: runsIn(entry),
    title: entry.meta.title,
  }));
}

const HEADERS = ['id', 'name', 'priority', 'severity', 'runs in'] as const;

export function renderRulesText(rows: readonly RuleRow[] = ruleRows()): string {
  const cells = rows.map((row) => [row.id, row.name, row.priority === null ? '-' : String(row.priority), row.severity, row.runsIn.join(', ')]);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...cells.map((cell) => cell[i].length)));
  const line = (values: readonly string[]): string => values.map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i]))).join('  ');
  return `${[line(HEADERS), ...cells.map(line)].join('\n')}\n`;
}

export function renderRulesJson(rows: readonly RuleRow[] = ruleRows()): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}
