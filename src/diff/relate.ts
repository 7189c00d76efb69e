/**
 * Relating a base and a head analysis: which findings are new, which existed already
 * (same fingerprint), which were resolved; and which priorities each hunk touches.
 */
import type { Finding, Priority } from '../model/types.js';
import type { HunkPriorities } from '../engine/api-types.js';
import type { Signal } from '../engine/signals.js';
import type { FileChange } from './hunks.js';

export function classify(baseFindings: Finding[], headFindings: Finding[], changes: Map<string, FileChange>): Finding[] {
  const baseCounts = countBy(baseFindings);
  const headCounts = countBy(headFindings);
  const out: Finding[] = [];
  for (const finding of headFindings) {
    const existing = (baseCounts.get(finding.fingerprint) ?? 0) > 0;
    const changed = changes.get(finding.path)?.added.has(finding.line) ?? false;
    out.push({ ...finding, status: existing ? 'existing' : 'new', changed });
  }
  for (const finding of baseFindings) {
    if ((headCounts.get(finding.fingerprint) ?? 0) > 0) continue;
    // Gone from head: there is nothing left to fix, and the edits would name base offsets.
    const { autofix: _fixed, ...resolved } = finding;
    out.push({ ...resolved, status: 'resolved' });
  }
  return out;
}

function countBy(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.fingerprint, (counts.get(f.fingerprint) ?? 0) + 1);
  return counts;
}

export interface HunkInputs {
  changes: Map<string, FileChange>;
  findings: Finding[];
  headSignals: Map<string, Signal[]>;
  baseSignals: Map<string, Signal[]>;
  /** Head path -> base path. */
  basePathOf: (headPath: string) => string;
}

export function hunkPriorities(input: HunkInputs): HunkPriorities[] {
  const out: HunkPriorities[] = [];
  for (const [path, change] of input.changes) {
    const headFindings = input.findings.filter((f) => f.path === path && f.status !== 'resolved');
    const resolved = input.findings.filter((f) => f.path === path && f.status === 'resolved');
    const headSignals = input.headSignals.get(path) ?? [];
    const baseSignals = input.baseSignals.get(input.basePathOf(path)) ?? [];
    for (const hunk of change.hunks) {
      const set = new Set<Priority>();
      const inNew = (a: number, b = a): boolean => hunk.newLines > 0 && a <= hunk.newStart + hunk.newLines - 1 && b >= hunk.newStart;
      const inOld = (a: number, b = a): boolean => hunk.oldLines > 0 && a <= hunk.oldStart + hunk.oldLines - 1 && b >= hunk.oldStart;
      for (const f of headFindings) if (f.priority > 0 && inNew(f.line, f.endLine)) set.add(f.priority);
      for (const f of resolved) if (f.priority > 0 && inOld(f.line, f.endLine)) set.add(f.priority);
      for (const s of headSignals) if (inNew(s.line)) set.add(s.priority);
      for (const s of baseSignals) if (inOld(s.line)) set.add(s.priority);
      out.push({ path, ...hunk, priorities: [...set].sort((a, b) => a - b) });
    }
  }
  return out;
}
