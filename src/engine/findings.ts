/**
 * From raw rule output to reported findings: metadata, fingerprint, suppression
 * (comments and configured ignores), severity overrides, enabled priorities.
 */
import type { RawFinding, RuleMeta } from '../../checks/types.js';
import type { Finding, FileModel } from '../model/types.js';
import { DEFAULT_FIX_SETTINGS, type Fix } from '../model/fix-types.js';
import { fixPreview } from './fix-preview.js';
import { isSuppressed, selectorMatches } from '../model/suppressions.js';
import type { EngineOptions } from './api-types.js';
import { constructOf } from './construct.js';
import { fingerprintOf, identityOf, OccurrenceCounter } from './fingerprint.js';
import { ignorePathMatcher as pathMatcher } from './glob.js';

import { CANNOT_ANALYSE } from './engine-rules.js';

export { CANNOT_ANALYSE, UNKNOWN_SUPPRESSION } from './engine-rules.js';

/** Findings about the analysis itself (P0xx) belong to no priority. */
const isEngineFinding = (meta: RuleMeta): boolean => meta.id.startsWith('P0');

/**
 * Distinct texts a factory shares between its findings. A large repository's findings repeat a
 * few hundred messages and fixes, each built afresh per finding: shared, they cost one copy.
 */
const MAX_SHARED_TEXTS = 20_000;

export class FindingFactory {
  private readonly counter = new OccurrenceCounter();
  private readonly texts = new Map<string, string>();
  private readonly ignoreMatchers: { selector: string; match?: (path: string) => boolean }[];

  constructor(private readonly options: EngineOptions) {
    this.ignoreMatchers = (options.ignores ?? []).map((entry) => ({
      selector: entry.selector,
      match: entry.path ? pathMatcher(entry.path) : undefined,
    }));
  }

  enabled(meta: RuleMeta): boolean {
    if (meta.needsWholeRepository && this.options.wholeRepository === false) return false;
    if (meta.needsTests && this.options.testsKnown === false) return false;
    const enabled = this.options.enabledPriorities;
    return !enabled || isEngineFinding(meta) || enabled.includes(meta.priority);
  }

  make(meta: RuleMeta, model: FileModel, raw: RawFinding): Finding {
    // A file that cannot be analysed is one finding per file, whatever its message says.
    const construct = meta.id === CANNOT_ANALYSE.id ? '' : constructOf(model, raw.span);
    const key = raw.key ?? '';
    const occurrence = this.counter.next(meta.id, model.path, construct, key);
    const identity = this.shared(identityOf(meta.id, construct, key, occurrence));
    const severity = this.options.severityOverrides?.[meta.id] ?? this.options.severityOverrides?.[meta.name] ?? raw.severity ?? meta.severity;
    const suppressions = model.kind === 'code' ? model.suppressions : [];
    const suppressed = isSuppressed(suppressions, meta, raw.span.line) || this.ignored(meta, model.path);
    return {
      priority: isEngineFinding(meta) ? 0 : meta.priority,
      rule: meta.id,
      name: meta.name,
      path: model.path,
      line: raw.span.line,
      endLine: Math.max(raw.span.endLine, raw.span.line),
      column: raw.span.column,
      endColumn: raw.span.endColumn,
      severity,
      message: this.shared(raw.message ?? meta.title),
      fix: this.shared(raw.fix ?? meta.fix),
      hint: this.shared(raw.hint ?? meta.hint),
      fingerprint: fingerprintOf(model.path, identity),
      identity,
      suppressed,
      // Last, and only when there is one: findings without a fix serialise as before.
      ...this.autofix(raw, model),
    };
  }

  private shared<T extends string | undefined>(text: T): T {
    if (text === undefined) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known as T;
    if (this.texts.size < MAX_SHARED_TEXTS) this.texts.set(text, text);
    return text;
  }

  /** The fix with the configured values in, when it has edits; findings without one serialise as before. */
  private autofix(raw: RawFinding, model: FileModel): { autofix?: Fix } {
    let fix: Fix | undefined;
    try {
      fix = typeof raw.autofix === 'function' ? raw.autofix(this.options.fixes ?? DEFAULT_FIX_SETTINGS) : raw.autofix;
    } catch {
      // A fix that cannot be computed on a malformed file is left out; the finding stands.
      return {};
    }
    if (!fix || fix.edits.length === 0) return {};
    return { autofix: this.options.fixPreviews ? { ...fix, preview: fixPreview(model.path, model.text, fix.edits) } : fix };
  }

  private ignored(meta: RuleMeta, path: string): boolean {
    return this.ignoreMatchers.some((m) => selectorMatches(m.selector, meta) && (!m.match || m.match(path)));
  }
}

export function compareByLocation(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** A rule that throws must not take the run down with it: its findings are none. */
export function runGuarded<T>(check: () => T[]): T[] {
  try {
    return check();
  } catch {
    return [];
  }
}
