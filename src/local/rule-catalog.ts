/**
 * Every rule a finding can come from, for the CLI's `rules`, `explain` and
 * `--select`/`--ignore`: the registry's rules plus the engine's own findings
 * about the analysis (P000 cannot-analyse, P001 unknown-suppression).
 */
import { allRules } from '../../checks/index.js';
import type { RuleMeta } from '../../checks/types.js';
import { CANNOT_ANALYSE, UNKNOWN_SUPPRESSION } from '../engine/engine-rules.js';

/** `engine`: reported by the engine itself, not by a rule of `checks/`. */
export type RuleKind = 'file' | 'repo' | 'diff' | 'engine';

export interface CatalogEntry {
  meta: RuleMeta;
  kind: RuleKind;
}

export const RULE_CATALOG: readonly CatalogEntry[] = [
  { meta: CANNOT_ANALYSE, kind: 'engine' },
  { meta: UNKNOWN_SUPPRESSION, kind: 'engine' },
  ...allRules.map((rule) => ({ meta: rule.meta, kind: rule.kind })),
];

/** P0xx findings are about the analysis and belong to no remediation priority. */
export function isEngineRule(meta: RuleMeta): boolean {
  return meta.id.startsWith('P0');
}

/** A diff rule judges a change, so it only runs in `remediation diff` (and on pull requests). */
export function runsIn(entry: CatalogEntry): ('scan' | 'diff')[] {
  return entry.kind === 'diff' ? ['diff'] : ['scan', 'diff'];
}

/** By id (`p101` too) or by name. */
export function findRule(idOrName: string): CatalogEntry | undefined {
  const key = idOrName.trim();
  return RULE_CATALOG.find((entry) => entry.meta.id === key.toUpperCase() || entry.meta.name === key.toLowerCase());
}

/** What a mistyped id or name is compared with. */
export function ruleWords(): string[] {
  return RULE_CATALOG.flatMap((entry) => [entry.meta.id, entry.meta.name]);
}
