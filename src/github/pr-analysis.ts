/**
 * Turns the engine's diff of a pull request into what the check run shows: what the PR
 * adds (annotated when on a changed line), fixes, and leaves open in the files it
 * touches, and the conclusion. Pure.
 */
import type { RemediationConfig } from '../config.js';
import type { DiffResult } from '../engine/api-types.js';
import type { FileRole, Finding, Priority } from '../model/types.js';
import { atOrAbove, compareFindings } from '../report/priorities.js';
import { trackedHash } from './tracking/apply.js';
import type { TrackingState } from './tracking/state.js';

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
  /** Touched notebooks run by hand (src/engine/hand-run.ts), which the metrics and testing rules do not judge. */
  handRun: number;
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
  return { added, annotated, fixed, existing, suppressed, problems, muted, conclusion, reason, roles: touchedRoles(input), handRun: [...input.touched].filter((path) => input.result.handRun?.has(path)).length };
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

/** Added findings at or above `fail_on`: what makes the check fail. */
export function blockingFindings(added: Finding[], config: RemediationConfig): Finding[] {
  return added.filter((f) => atOrAbove(f.severity, config.failOn));
}

export function decideConclusion(added: Finding[], config: RemediationConfig): { conclusion: Conclusion; reason: string } {
  const blocking = blockingFindings(added, config);
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

/** How much of the remediation plan a pull request would close. */
export interface PlanShare {
  /** Open findings the pull request fixes. */
  closes: number;
  /** Open findings they are counted against. */
  open: number;
  /** `plan`: every open finding of the tracking issue's last scan; `touched`: those open before the PR in the files it touches. */
  scope: 'plan' | 'touched';
}

/**
 * Against the tracking issue's last scan when there is one: only fixed findings that scan
 * has open count (by path and identity; by identity alone for those it keeps by hash), so
 * a stale or different base never inflates it. Without one, the pull request's own diff
 * is all there is: what was open in the files it touches.
 */
export function planShare(analysis: Pick<PrAnalysis, 'fixed' | 'existing'>, tracking?: TrackingState): PlanShare {
  if (!tracking?.scan) return { closes: analysis.fixed.length, open: analysis.fixed.length + analysis.existing.length, scope: 'touched' };
  const listed = tracking.items.filter((i) => !i.s);
  const pairs = new Set(listed.map((i) => `${i.f}\u0000${i.h}`));
  const more = Object.values(tracking.more).flatMap((list) => list ?? []);
  const hashed = new Set(more);
  const uncounted = Object.values(tracking.uncounted ?? {}).reduce((n, c) => n + (c ?? 0), 0);
  const closes = analysis.fixed.filter((f) => {
    const h = trackedHash(f);
    return pairs.has(`${f.path}\u0000${h}`) || hashed.has(h);
  }).length;
  return { closes, open: listed.length + more.length + uncounted, scope: 'plan' };
}
