/**
 * From raw rule output to reported findings: metadata, fingerprint, suppression
 * (comments and configured ignores), severity overrides, enabled priorities.
 */
import type { RawFinding, RuleMeta } from '../../checks/types.js';
import type { Finding, FileModel } from '../model/types.js';
import { isSuppressed, selectorMatches } from '../model/suppressions.js';
import type { EngineOptions } from './api-types.js';
import { fingerprintOf, OccurrenceCounter } from './fingerprint.js';
import { ignorePathMatcher as pathMatcher } from './glob.js';

export const CANNOT_ANALYSE: RuleMeta = {
  id: 'P000',
  name: 'cannot-analyse',
  priority: 1,
  severity: 'notice',
  title: 'This file could not be analysed',
  fix: 'Check that the file is a valid notebook, Python module, SQL file, job JSON or bundle YAML.',
  remediation: [],
};

export class FindingFactory {
  private readonly counter = new OccurrenceCounter();
  private readonly ignoreMatchers: { selector: string; match?: (path: string) => boolean }[];

  constructor(private readonly options: EngineOptions) {
    this.ignoreMatchers = (options.ignores ?? []).map((entry) => ({
      selector: entry.selector,
      match: entry.path ? pathMatcher(entry.path) : undefined,
    }));
  }

  enabled(meta: RuleMeta): boolean {
    if (meta.needsWholeRepository && this.options.wholeRepository === false) return false;
    const enabled = this.options.enabledPriorities;
    return !enabled || meta.id === CANNOT_ANALYSE.id || enabled.includes(meta.priority);
  }

  make(meta: RuleMeta, model: FileModel, raw: RawFinding): Finding {
    const lineText = model.lines[raw.span.line - 1] ?? '';
    const key = raw.key ?? '';
    const occurrence = this.counter.next(meta.id, model.path, lineText, key);
    const severity = this.options.severityOverrides?.[meta.id] ?? this.options.severityOverrides?.[meta.name] ?? raw.severity ?? meta.severity;
    const suppressions = model.kind === 'code' ? model.suppressions : [];
    const suppressed = isSuppressed(suppressions, meta, raw.span.line) || this.ignored(meta, model.path);
    const cannot = meta.id === CANNOT_ANALYSE.id;
    return {
      priority: cannot ? 0 : meta.priority,
      rule: meta.id,
      name: meta.name,
      path: model.path,
      line: raw.span.line,
      endLine: Math.max(raw.span.endLine, raw.span.line),
      column: raw.span.column,
      endColumn: raw.span.endColumn,
      severity,
      message: raw.message ?? meta.title,
      fix: meta.fix,
      fingerprint: fingerprintOf(meta.id, model.path, lineText, key, occurrence),
      suppressed,
    };
  }

  private ignored(meta: RuleMeta, path: string): boolean {
    return this.ignoreMatchers.some((m) => selectorMatches(m.selector, meta) && (!m.match || m.match(path)));
  }
}

export function compareByLocation(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
