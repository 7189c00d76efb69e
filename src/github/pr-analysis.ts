/**
 * Turns the engine's diff of a pull request into what the check run shows: what the PR
 * adds (annotated when on a changed line), fixes, and leaves open in the files it
 * touches, and the conclusion. Pure.
 */
import type { RemediationConfig } from '../config.js';
import type { DiffResult } from '../engine/api-types.js';
import type { FileRole, Finding, Priority } from '../model/types.js';
import { atOrAbove, compareFindings } from '../report/priorities.js';

export type Conclusion = 'success' | 'neutral' | 'failure';

export interface PrAnalysis {
  /** New, unsuppressed findings of enabled, unmuted priorities. */
  added: Finding[];
  /** The subset of `added` on lines the PR changed: these become annotations. */
  annotated: Finding[];
  fixed: Finding[];
  /** Findings already there before the PR, in files it touches. */
  existing: Finding[];
  /** New findings silenced by a suppression comment or a recorded ignore. */
  suppressed: Finding[];
  /** Engine problems (priority 0: a file that could not be analysed). */
  problems: Finding[];
  muted: Priority[];
  conclusion: Conclusion;
  /** Why the conclusion is what it is, one sentence. */
  reason: string;
  /** Touched files the rules judged as something other than pipeline code, per role (RULES.md, "File roles"). */
  roles: { role: Exclude<FileRole, 'pipeline'>; files: number }[];
}

export interface AnalysisInput {
  result: DiffResult;
  touched: Set<string>;
  changedLines: Map<string, Set<number>>;
  config: RemediationConfig;
  muted: Priority[];
}

export function analysePullRequest(input: AnalysisInput): PrAnalysis {
  const { config, muted } = input;
  const counted = (f: Finding): boolean => f.priority !== 0 && config.priorities.includes(f.priority) && !muted.includes(f.priority);
  const inTouched = input.result.findings.filter((f) => input.touched.has(f.path)).sort(compareFindings);
  const problems = inTouched.filter((f) => f.priority === 0 && f.status !== 'resolved');
  const added = inTouched.filter((f) => f.status === 'new' && !f.suppressed && counted(f));
  const annotated = added.filter((f) => onChangedLine(f, input.changedLines.get(f.path)));
  const fixed = inTouched.filter((f) => f.status === 'resolved' && counted(f));
  const existing = inTouched.filter((f) => f.status === 'existing' && !f.suppressed && counted(f));
  const suppressed = inTouched.filter((f) => f.status === 'new' && f.suppressed && counted(f));
  const { conclusion, reason } = decideConclusion(added, config);
  return { added, annotated, fixed, existing, suppressed, problems, muted, conclusion, reason, roles: touchedRoles(input) };
}

const ROLE_ORDER: Exclude<FileRole, 'pipeline'>[] = ['setup', 'exploration', 'tooling', 'test'];

/** How many touched files each non-pipeline role covers: the rules that judge pipeline code skipped their findings there. */
function touchedRoles(input: AnalysisInput): PrAnalysis['roles'] {
  const counts = new Map<FileRole, number>();
  for (const path of input.touched) {
    const role = input.result.roles?.get(path);
    if (role && role !== 'pipeline') counts.set(role, (counts.get(role) ?? 0) + 1);
  }
  return ROLE_ORDER.filter((role) => counts.has(role)).map((role) => ({ role, files: counts.get(role)! }));
}

export function decideConclusion(added: Finding[], config: RemediationConfig): { conclusion: Conclusion; reason: string } {
  const blocking = added.filter((f) => atOrAbove(f.severity, config.failOn));
  if (blocking.length > 0) {
    return { conclusion: 'failure', reason: `This pull request adds ${plural(blocking.length, 'finding')} at or above \`${config.failOn}\` (the \`fail_on\` setting).` };
  }
  if (added.length > 0) {
    return { conclusion: 'neutral', reason: `This pull request adds ${plural(added.length, 'finding')}, all below \`${config.failOn}\`.` };
  }
  return { conclusion: 'success', reason: 'This pull request adds no findings.' };
}

function onChangedLine(finding: Finding, lines: Set<number> | undefined): boolean {
  if (!lines || lines.size === 0) return false;
  for (let line = finding.line; line <= Math.max(finding.line, finding.endLine); line++) if (lines.has(line)) return true;
  return false;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
