/**
 * `--select` / `--ignore`, as ruff spells them: each takes rule ids (`P101`),
 * rule names (`missing-watermark`), id prefixes (`P1` for a priority, `P10`)
 * or `ALL`, repeated or comma-separated. A finding is kept when a select
 * selector matches it (default `ALL`) and no ignore selector does: ignore wins.
 */
import type { Finding } from '../model/types.js';
import { usageError } from './errors.js';
import type { CatalogEntry } from './rule-catalog.js';
import { didYouMean } from './suggest.js';

export interface Selection {
  /** Selectors (normalised once checked); empty means every rule. */
  select: readonly string[];
  ignore: readonly string[];
}

export const ALL_RULES: Selection = { select: [], ignore: [] };

/** The engine's "this file could not be analysed": shown whatever --select says, so a broken file never passes as clean. */
const ALWAYS_SELECTED = 'P000';

/**
 * Splits and trims the values of one option. The selectors are checked against the rules later
 * (`checkSelection`), so parsing the command line does not load every rule: `--version` and
 * `--help` need none of them.
 */
export function splitSelectors(values: readonly string[] | undefined, option: 'select' | 'ignore'): string[] {
  const selectors = (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim());
  if ((values ?? []).length > 0 && selectors.every((selector) => selector === '')) {
    throw usageError(`--${option} needs a rule id, name, prefix (P1) or ALL`);
  }
  return selectors.filter((selector) => selector !== '');
}

/** Normalised selectors; an unknown selector is a usage error naming the closest ones. */
export async function checkSelection(selection: Selection): Promise<Selection> {
  if (isAllRules(selection)) return selection;
  const { RULE_CATALOG, ruleWords } = await import('./rule-catalog.js');
  const normalise = (selector: string, option: 'select' | 'ignore'): string => normaliseSelector(selector, option, RULE_CATALOG, ruleWords);
  return { select: selection.select.map((s) => normalise(s, 'select')), ignore: selection.ignore.map((s) => normalise(s, 'ignore')) };
}

export function isAllRules(selection: Selection): boolean {
  return selection.select.length === 0 && selection.ignore.length === 0;
}

export function selectFindings(findings: readonly Finding[], selection: Selection): Finding[] {
  if (isAllRules(selection)) return [...findings];
  return findings.filter((finding) => isSelected(finding, selection));
}

export function isSelected(rule: { rule: string; name: string }, selection: Selection): boolean {
  if (selection.ignore.some((selector) => matches(selector, rule))) return false;
  if (selection.select.length === 0 || rule.rule === ALWAYS_SELECTED) return true;
  return selection.select.some((selector) => matches(selector, rule));
}

function matches(selector: string, rule: { rule: string; name: string }): boolean {
  return selector === 'ALL' || selector === rule.name || rule.rule.startsWith(selector);
}

/** Ids and `ALL` upper-case, names lower-case, whatever was typed. */
function normaliseSelector(selector: string, option: string, catalog: readonly CatalogEntry[], ruleWords: () => string[]): string {
  const upper = selector.toUpperCase();
  if (upper === 'ALL') return 'ALL';
  if (catalog.some((entry) => entry.meta.id.startsWith(upper))) return upper;
  const lower = selector.toLowerCase();
  if (catalog.some((entry) => entry.meta.name === lower)) return lower;
  const priorities = Array.from({ length: 8 }, (_, i) => `P${i + 1}`);
  throw usageError(`unknown rule selector '${selector}' in --${option}${didYouMean(selector, [...ruleWords(), ...priorities, 'ALL'])}`);
}
