/**
 * Suppression comments: `# remediation: ignore[P4]`, `# remediation: ignore[kafka-unbounded]`
 * at the end of the flagged line (covering that line only) or alone on the line above it,
 * `# remediation: ignore-file[P6]` in the first cell. The same with `--` in SQL. Only comment
 * text is read here, never code.
 */
import type { Suppression } from './types.js';

// Anchored, linear pattern applied to one comment's text at a time.
const DIRECTIVE = /^(?:#|--|\/\/)\s*remediation:\s*(ignore|ignore-file)\[([^\]\n]{1,200})\]/;
const MAGIC_PREFIX = /^(?:#|--|\/\/) MAGIC ?/;

/** Parse one comment (its text starting at the comment marker) into a suppression. */
export function parseSuppressionComment(comment: string, line: number, inFirstCell: boolean, trailing = false): Suppression | undefined {
  let text = comment.trim();
  const magic = MAGIC_PREFIX.exec(text);
  if (magic) text = text.slice(magic[0].length).trim();
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  const selectors = match[2]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (selectors.length === 0) return undefined;
  const fileWide = match[1] === 'ignore-file';
  if (fileWide && !inFirstCell) return undefined;
  return { selectors, line, trailing, fileWide };
}

/** Whether a selector (`P4`, `P401`, `kafka-unbounded`) names a rule. */
export function selectorMatches(selector: string, rule: { id: string; name: string; priority: number }): boolean {
  const s = selector.trim();
  if (s.toLowerCase() === rule.name) return true;
  const upper = s.toUpperCase();
  if (upper === rule.id) return true;
  return upper === `P${rule.priority}`;
}

export function isSuppressed(suppressions: Suppression[], rule: { id: string; name: string; priority: number }, line: number): boolean {
  return suppressions.some(
    (s) => (s.fileWide || s.line === line || (!s.trailing && s.line === line - 1)) && s.selectors.some((sel) => selectorMatches(sel, rule)),
  );
}

/** Selectors of a suppression that name no rule and no priority (reported, so a typo is seen). */
export function unknownSelectors(suppression: Suppression, rules: { id: string; name: string; priority: number }[]): string[] {
  return suppression.selectors.filter((sel) => !/^P[1-8]$/i.test(sel.trim()) && !rules.some((rule) => selectorMatches(sel, rule)));
}
