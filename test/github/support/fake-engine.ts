/**
 * A deterministic stand-in for the analysis engine: every line containing
 * `BAD P<rule>` (optionally followed by a severity) is a finding. Lets app tests control
 * findings exactly, whatever the real rules do.
 */
import type { DiffInput, DiffResult, EngineOptions, ScanResult } from '../../../src/engine/api-types.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { Finding, InputFile, Priority, Severity } from '../../../src/model/types.js';
import { summarize } from '../../../src/report/priorities.js';

const MARK = /BAD (P([1-8])\d\d)(?: (failure|warning|notice))?/;

export function findingsOf(file: InputFile, fingerprintPath = file.path, options: EngineOptions = {}): Finding[] {
  const text = typeof file.content === 'string' ? file.content : new TextDecoder().decode(file.content);
  const findings: Finding[] = [];
  text.split('\n').forEach((line, index) => {
    const match = MARK.exec(line);
    if (!match) return;
    const priority = Number(match[2]) as Priority;
    if (options.enabledPriorities && !options.enabledPriorities.includes(priority)) return;
    const severity = (match[3] as Severity | undefined) ?? (priority === 1 ? 'failure' : priority <= 4 ? 'warning' : 'notice');
    const rule = match[1];
    const suppressed = (options.ignores ?? []).some((i) => (i.selector === rule || i.selector === `P${priority}`) && (!i.path || file.path.startsWith(i.path.replace(/\*+$/, ''))));
    findings.push({
      priority,
      rule,
      name: 'fake-rule',
      path: file.path,
      line: index + 1,
      endLine: index + 1,
      column: 1,
      endColumn: line.length + 1,
      severity: options.severityOverrides?.[rule] ?? severity,
      message: `fake finding ${rule}`,
      fix: 'do the right thing',
      fingerprint: `${rule}|${fingerprintPath}|${line.trim()}`,
      identity: `${rule}|${line.trim()}`,
      suppressed,
    });
  });
  return findings;
}

export function fakeEngine(): Engine & { scans: InputFile[][]; diffs: DiffInput[] } {
  const scans: InputFile[][] = [];
  const diffs: DiffInput[] = [];
  return {
    scans,
    diffs,
    scan(files: InputFile[], options: EngineOptions = {}): ScanResult {
      scans.push(files);
      const findings = files.flatMap((f) => findingsOf(f, f.path, options));
      return { findings, summary: summarize(findings), filesAnalysed: files.length, bytesAnalysed: 0 };
    },
    diff(input: DiffInput, options: EngineOptions = {}): DiffResult {
      diffs.push(input);
      const baseToHead = new Map([...(input.renames ?? new Map())].map(([head, base]) => [base, head]));
      const head = input.head.flatMap((f) => findingsOf(f, f.path, options));
      const base = input.base.flatMap((f) => findingsOf(f, baseToHead.get(f.path) ?? f.path, options));
      const baseSet = new Set(base.map((f) => f.fingerprint));
      const headSet = new Set(head.map((f) => f.fingerprint));
      const findings: Finding[] = [
        ...head.map((f) => ({ ...f, status: baseSet.has(f.fingerprint) ? ('existing' as const) : ('new' as const) })),
        ...base.filter((f) => !headSet.has(f.fingerprint)).map((f) => ({ ...f, status: 'resolved' as const })),
      ];
      return { findings, summary: summarize(findings), filesAnalysed: input.head.length, bytesAnalysed: 0, hunks: [] };
    },
  };
}
