/** Rules that judge a change (base and head contexts) rather than one state. */
import { allRules } from '../../checks/index.js';
import type { DiffRule } from '../../checks/types.js';
import type { Finding, FileModel } from '../model/types.js';
import type { EngineOptions } from './api-types.js';
import { FindingFactory, runGuarded } from './findings.js';
import type { ScanOutput } from './scan.js';

export function diffRuleFindings(base: ScanOutput, head: ScanOutput, options: EngineOptions, basePathOf: (headPath: string) => string = (path) => path): Finding[] {
  const factory = new FindingFactory(options);
  // Both scans keep their analyses for this (`keepAnalyses`); without them there is nothing to compare.
  if (!base.context || !head.context) return [];
  const contexts = { base: base.context, head: head.context };
  const byPath = new Map<string, FileModel>(head.context.files.map((f) => [f.model.path, f.model]));
  const out: Finding[] = [];
  for (const rule of allRules.filter((r): r is DiffRule => r.kind === 'diff' && factory.enabled(r.meta))) {
    for (const raw of runGuarded(() => rule.check({ ...contexts, basePathOf }))) {
      const model = byPath.get(raw.path);
      if (model) out.push(factory.make(rule.meta, model, raw));
    }
  }
  return out;
}
