/**
 * The README's rule table, derived from the registry so it is never kept by hand.
 * `npm run docs` writes it between the markers; a test fails when it is stale.
 */
import { allRules } from '../../checks/index.js';
import type { RuleMeta } from '../../checks/types.js';
import { CANNOT_ANALYSE, UNKNOWN_SUPPRESSION } from '../engine/findings.js';
import { priorityInfo } from './priorities.js';

export const TABLE_START = '<!-- rules-table:start -->';
export const TABLE_END = '<!-- rules-table:end -->';

/** Findings the engine reports about the analysis itself: no rule file, no priority. */
export const ANALYSIS_NOTICES: readonly { meta: RuleMeta; flags: string }[] = [
  { meta: CANNOT_ANALYSE, flags: 'A file that does not parse, or is too large to analyse: its findings may be missing' },
  { meta: UNKNOWN_SUPPRESSION, flags: 'A suppression comment naming no rule id, rule name or priority (a typo): it silences nothing' },
];

const DIFF_ONLY = '*(diff only)*';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderRulesTable(): string {
  const rows = allRules.map((r) => {
    const marker = r.kind === 'diff' ? ` ${DIFF_ONLY}` : '';
    return `| ${r.meta.id} | [${r.meta.name}](checks/${priorityInfo(r.meta.priority).folder}/${r.meta.name}.md) | ${r.meta.priority} | ${r.meta.severity} | ${cell(r.meta.title)}${marker} |`;
  });
  const notices = ANALYSIS_NOTICES.map(({ meta, flags }) => `| ${meta.id} | ${meta.name} | – | ${meta.severity} | ${cell(flags)} |`);
  const counts = [1, 2, 3, 4, 5, 6, 7, 8].map((p) => `P${p}: ${allRules.filter((r) => r.meta.priority === p).length}`).join(', ');
  const diffOnly = allRules.filter((r) => r.kind === 'diff').map((r) => r.meta.id);
  const intro =
    `${allRules.length} rules (${counts}); ${diffOnly.length} of them (${diffOnly.join(', ')}) ${diffOnly.length === 1 ? 'judges' : 'judge'} a change, so ${diffOnly.length === 1 ? 'it runs' : 'they run'} ` +
    `only on a diff (pull requests and \`remediation diff\`), marked ${DIFF_ONLY}. ` +
    `Plus ${ANALYSIS_NOTICES.length} analysis notices (${ANALYSIS_NOTICES.map((n) => n.meta.id).join(', ')}), reported by the engine itself whatever the file's role and the enabled priorities.`;
  return [TABLE_START, '', intro, '', '| id | rule | priority | severity | what it flags |', '|---|---|---:|---|---|', ...rows, ...notices, '', TABLE_END].join('\n');
}

/** README text with the table replaced; undefined when the markers are missing. */
export function withRulesTable(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(0, start) + renderRulesTable() + readme.slice(end + TABLE_END.length);
}
