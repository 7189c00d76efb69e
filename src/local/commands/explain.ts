/**
 * `remediation explain ID|NAME`: the rule's doc from `checks/`, with its web
 * link when one is known (see docs-url.ts). The engine's own findings have no
 * doc file: their title and fix stand in.
 */
import type { RuleMeta } from '../../../checks/types.js';
import { docsBaseUrl, ruleDocUrl } from '../docs-url.js';
import { usageError } from '../errors.js';
import { readRuleDocs } from '../resources.js';
import { findRule, ruleWords } from '../rule-catalog.js';
import { didYouMean } from '../suggest.js';

export async function explainRule(idOrName: string, env: Readonly<Record<string, string | undefined>> = {}): Promise<string> {
  const entry = findRule(idOrName);
  if (!entry) throw usageError(`unknown rule '${idOrName}'${didYouMean(idOrName, ruleWords())}`);
  const [docs, base] = await Promise.all([readRuleDocs([entry.meta]), docsBaseUrl(env)]);
  const doc = docs.get(entry.meta.id)?.trim() || fallbackDoc(entry.meta);
  const url = ruleDocUrl(base, entry.meta);
  return `${doc}\n${url ? `\nDocs: ${url}\n` : ''}`;
}

function fallbackDoc(meta: RuleMeta): string {
  return `# ${meta.id} ${meta.name}\n\n${meta.title}.\n\n## Use instead\n${meta.fix}`;
}
