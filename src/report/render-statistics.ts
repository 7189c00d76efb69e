/**
 * `--statistics`: how many open findings each rule has, instead of the
 * findings. The text layout is ruff's (after Flake8's): the count right-aligned,
 * a tab, the rule id, a tab, the rule name; most frequent first, ties in id
 * order. Pure.
 */
import type { Finding } from '../model/types.js';
import { isOpen } from './priorities.js';

export interface RuleStatistic {
  rule: string;
  name: string;
  count: number;
}

export function ruleStatistics(findings: readonly Finding[]): RuleStatistic[] {
  const byRule = new Map<string, RuleStatistic>();
  for (const finding of findings.filter(isOpen)) {
    const entry = byRule.get(finding.rule) ?? { rule: finding.rule, name: finding.name, count: 0 };
    entry.count += 1;
    byRule.set(finding.rule, entry);
  }
  return [...byRule.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

/** Nothing at all when nothing is open, as ruff prints. */
export function renderStatisticsText(findings: readonly Finding[]): string {
  const statistics = ruleStatistics(findings);
  if (statistics.length === 0) return '';
  const countWidth = Math.max(...statistics.map((entry) => String(entry.count).length));
  const ruleWidth = Math.max(...statistics.map((entry) => entry.rule.length));
  return statistics.map((entry) => `${String(entry.count).padStart(countWidth)}\t${entry.rule.padEnd(ruleWidth)}\t${entry.name}\n`).join('');
}

export function renderStatisticsJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(ruleStatistics(findings), null, 2)}\n`;
}
