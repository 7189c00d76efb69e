/**
 * The README's rule table, derived from the registry so it is never kept by hand.
 * `npm run docs` writes it between the markers; a test fails when it is stale.
 */
import { allRules } from '../../checks/index.js';
import { priorityInfo } from './priorities.js';

export const TABLE_START = '<!-- rules-table:start -->';
export const TABLE_END = '<!-- rules-table:end -->';

export function renderRulesTable(): string {
  const rows = allRules.map((r) => `| ${r.meta.id} | [${r.meta.name}](checks/${priorityInfo(r.meta.priority).folder}/${r.meta.name}.md) | ${r.meta.priority} | ${r.meta.severity} | ${r.meta.title.replace(/\|/g, '\\|')} |`);
  const counts = [1, 2, 3, 4, 5, 6, 7, 8].map((p) => `P${p}: ${allRules.filter((r) => r.meta.priority === p).length}`).join(', ');
  return [TABLE_START, '', `${allRules.length} rules (${counts}).`, '', '| id | rule | priority | severity | what it flags |', '|---|---|---:|---|---|', ...rows, '', TABLE_END].join('\n');
}

/** README text with the table replaced; undefined when the markers are missing. */
export function withRulesTable(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(0, start) + renderRulesTable() + readme.slice(end + TABLE_END.length);
}
